using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rammevaerk.Hosting;

namespace Rammevaerk.Tests.Hosting;

/// <summary>
/// The gate for reads (<see cref="ReadGateMiddleware"/>) in a pipeline of its own, in front of handlers the test holds:
/// how many reads are worked on at once, who waits, who never waits, and when a place is given back. Posted forms in
/// the app itself: <see cref="ServiceTests"/>.
/// </summary>
public sealed class RequestGateTests
{
    /// <summary>A server with the gate in front of a handler that waits until the test lets each request go.</summary>
    private sealed class GatedServer : IAsyncDisposable
    {
        private readonly IHost host;
        public ConcurrentDictionary<string, TaskCompletionSource> Held { get; } = new();
        public ConcurrentQueue<string> Entered { get; } = new();
        public HttpClient Client { get; }

        public GatedServer(int maxReads, int maxWaitSeconds = 30)
        {
            host = new HostBuilder().ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s =>
                {
                    s.Configure<SiteOptions>(o =>
                    {
                        o.MaxRequestsInProgress = maxReads;
                        o.MaxRequestWaitSeconds = maxWaitSeconds;
                    });
                    s.AddSingleton<RequestGate>();
                })
                .Configure(app =>
                {
                    app.UseMiddleware<ReadGateMiddleware>();
                    app.Run(async ctx =>
                    {
                        var name = ctx.Request.Method + " " + ctx.Request.Path + ctx.Request.QueryString;
                        Entered.Enqueue(name);
                        if (ctx.Request.Query.ContainsKey("start"))
                        {
                            // The answer starts before the handler is done (a download on its way out).
                            await ctx.Response.WriteAsync("begyndt ");
                            await ctx.Response.Body.FlushAsync();
                        }
                        if (ctx.Request.Query.ContainsKey("hold")) await Held.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                        await ctx.Response.WriteAsync("svar");
                    });
                })).Start();
            Client = host.GetTestClient();
        }

        public void Let(string name) => Held.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public async Task WaitUntilEnteredAsync(int count)
        {
            for (var i = 0; i < 500 && Entered.Count < count; i++) await Task.Delay(10);
            Assert.True(Entered.Count >= count, $"only {Entered.Count} of {count} requests reached the handler: {string.Join(", ", Entered)}");
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var held in Held.Values) held.TrySetResult();
            Client.Dispose();
            await host.StopAsync();
            host.Dispose();
        }
    }

    [Fact]
    public async Task At_most_the_set_number_of_reads_are_worked_on_and_the_rest_wait_their_turn_in_order()
    {
        await using var server = new GatedServer(maxReads: 2);
        var first = server.Client.GetAsync("/a?hold");
        var second = server.Client.GetAsync("/b?hold");
        await server.WaitUntilEnteredAsync(2);
        var third = server.Client.GetAsync("/c?hold");
        await Task.Delay(100);
        var fourth = server.Client.GetAsync("/d");
        await Task.Delay(300);
        Assert.Equal(["GET /a?hold", "GET /b?hold"], server.Entered.Order());
        Assert.False(third.IsCompleted || fourth.IsCompleted);

        server.Let("GET /a?hold");
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        await server.WaitUntilEnteredAsync(3);
        Assert.Equal("GET /c?hold", server.Entered.Last()); // the oldest waiting read goes first
        await Task.Delay(200);
        Assert.False(fourth.IsCompleted); // two are in progress again (b and c)

        server.Let("GET /b?hold");
        Assert.Equal("svar", await (await fourth).Content.ReadAsStringAsync());
        server.Let("GET /c?hold");
        Assert.Equal(HttpStatusCode.OK, (await second).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third).StatusCode);
    }

    [Fact]
    public async Task Posts_and_probes_pass_the_reads_gate_and_reads_do_not()
    {
        await using var server = new GatedServer(maxReads: 1);
        var read = server.Client.GetAsync("/a?hold");
        await server.WaitUntilEnteredAsync(1);

        using var post = await server.Client.PostAsync("/rapport", new FormUrlEncodedContent([new("felt", "1")])).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("svar", await post.Content.ReadAsStringAsync());
        foreach (var probe in new[] { Health.LivePath, Health.ReadyPath })
        {
            using var answer = await server.Client.GetAsync(probe).WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        using (var probe = await server.Client.GetAsync("/HEALTHZ/Live/").WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode); // as routing matches the probe: any case, a trailing slash
        }
        var waiting = server.Client.GetAsync("/b");
        // Under the probes' folder but no probe: a 404 page like any other, which waits its turn.
        var notAProbe = server.Client.GetAsync(Health.Prefix + "/findes-ikke");
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "a second read went past the gate while the first was in progress");
        Assert.False(notAProbe.IsCompleted, "a read under /healthz that is no probe went past the gate");

        server.Let("GET /a?hold");
        Assert.Equal(HttpStatusCode.OK, (await read).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await notAProbe).StatusCode);
    }

    [Fact]
    public async Task A_read_keeps_its_place_until_its_answer_has_been_sent()
    {
        await using var server = new GatedServer(maxReads: 1);
        // The first read's answer has started and is still being written (held) when the second comes.
        using var first = await server.Client.GetAsync("/hent?start&hold", HttpCompletionOption.ResponseHeadersRead);
        var second = server.Client.GetAsync("/b");
        await Task.Delay(300);
        Assert.False(second.IsCompleted, "a second read went past the gate while the first answer was still going out");
        server.Let("GET /hent?start&hold");
        Assert.Equal("begyndt svar", await first.Content.ReadAsStringAsync());
        Assert.Equal("svar", await (await second).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_read_that_waits_too_long_gets_503_with_Retry_After_and_the_gate_stays_usable()
    {
        await using var server = new GatedServer(maxReads: 1, maxWaitSeconds: 1);
        var held = server.Client.GetAsync("/a?hold");
        await server.WaitUntilEnteredAsync(1);
        using var refused = await server.Client.GetAsync("/b");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain("GET /b", server.Entered);

        server.Let("GET /a?hold");
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        using var after = await server.Client.GetAsync("/c");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task With_no_limit_every_read_goes_straight_through()
    {
        await using var server = new GatedServer(maxReads: 0);
        var reads = Enumerable.Range(0, 30).Select(i => server.Client.GetAsync($"/r{i}?hold")).ToList();
        await server.WaitUntilEnteredAsync(30);
        foreach (var name in server.Entered) server.Let(name);
        foreach (var read in reads) Assert.Equal(HttpStatusCode.OK, (await read).StatusCode);
    }
}
