using System.Net;
using Microsoft.AspNetCore.Hosting;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Hosting;

/// <summary>The app on a real socket with one place (<see cref="Rammevaerk.Hosting.RequestGate"/>).</summary>
public sealed class OnePlaceApp : KestrelAppHost
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Rammevaerk:MaxRequestsInProgress", "1");
        builder.UseSetting("Rammevaerk:MaxRequestWaitSeconds", "10");
    }
}

/// <summary>
/// A posted form waits for its place only once it has arrived: a client that sends slowly holds none, over a real
/// socket (the in-memory test server does not stream a request body as it is sent).
/// </summary>
public sealed class RequestGateOnKestrelTests(OnePlaceApp app) : IClassFixture<OnePlaceApp>
{
    /// <summary>A form body that sends its first half at once and the rest when the test says so (a slow client).</summary>
    private sealed class HalfThenRest : HttpContent
    {
        private readonly string fields;
        private readonly Task rest;

        public HalfThenRest(string fields, Task rest)
        {
            this.fields = fields;
            this.rest = rest;
            Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(fields);
            await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await stream.FlushAsync();
            await rest;
            await stream.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = System.Text.Encoding.UTF8.GetByteCount(fields);
            return true;
        }

        protected override void Dispose(bool disposing) { }
    }

    [Fact]
    public async Task A_form_still_arriving_holds_no_place_and_is_answered_as_usual_when_it_has_arrived()
    {
        var client = app.CreateAnonymousClient();
        var fields = await ServiceTests.SignInFormAsync(client);
        var rest = new TaskCompletionSource();
        var slow = client.PostAsync(AppFactory.SignInPath, new HalfThenRest(fields, rest.Task));
        await Task.Delay(500);
        // Had the half-sent form taken the one place, this read would wait until Kestrel gives up on the slow body (5 s).
        using (var meanwhile = await client.GetAsync("/tilbud").WaitAsync(TimeSpan.FromSeconds(3)))
        {
            Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);
        }
        if (slow.IsCompleted)
        {
            using var early = await slow;
            Assert.Fail($"the half-sent form was answered {(int)early.StatusCode} before the rest came");
        }
        rest.SetResult();
        using var answer = await slow.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("forkert", (await answer.ReadDocumentAsync()).Text(), StringComparison.OrdinalIgnoreCase);
    }
}
