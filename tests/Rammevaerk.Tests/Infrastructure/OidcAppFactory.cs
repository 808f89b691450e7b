using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;

namespace Rammevaerk.Tests.Infrastructure;

/// <summary>
/// The app with two sign-in providers: "testidp", a real OpenID Connect provider on loopback
/// (<see cref="TestIdentityProvider"/>, multi-tenant with tenant-a allowed), and "nede", whose address answers
/// nothing (a provider that is down).
/// </summary>
public class OidcAppFactory : AppFactory
{
    public const string Provider = "testidp";
    public const string DownProvider = "nede";

    public TestIdentityProvider Idp { get; }

    public OidcAppFactory(TestDatabase database) : base(database) =>
        Idp = Task.Run(TestIdentityProvider.StartAsync).GetAwaiter().GetResult();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Idp.AppSettings(Provider)) builder.UseSetting(key, value);
        builder.UseSetting($"Accounts:Providers:{DownProvider}:DisplayName", "Nede-IdP");
        builder.UseSetting($"Accounts:Providers:{DownProvider}:Authority", $"http://127.0.0.1:{TestIdentityProvider.ClosedPort()}/");
        builder.UseSetting($"Accounts:Providers:{DownProvider}:ClientId", "rammevaerk");
        builder.UseSetting($"Accounts:Providers:{DownProvider}:RequireHttpsMetadata", "false");
    }

    /// <summary>
    /// A browser's round trip through the provider: the app's challenge (<paramref name="startUrl"/>), the provider's
    /// sign-in form posted, and the code brought back to the app's callback. Returns the callback URL (for replays)
    /// and the app's answer to it, without following further redirects.
    /// </summary>
    public async Task<(string CallbackUrl, HttpResponseMessage Answer)> ProviderRoundTripAsync(
        HttpClient appClient, string startUrl, Func<string, string>? alterCallback = null)
    {
        using var challenge = await appClient.GetAsync(startUrl);
        if (challenge.StatusCode != HttpStatusCode.Redirect || challenge.Headers.Location is not { } authorize || !authorize.IsAbsoluteUri)
            throw new InvalidOperationException($"GET {startUrl} answered {(int)challenge.StatusCode}, not a redirect to the provider.");
        using var idp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true });
        var form = await new HtmlParser().ParseDocumentAsync(await idp.GetStringAsync(authorize));
        var fields = form.QuerySelectorAll("form input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        using var approved = await idp.PostAsync(new Uri(authorize, "/connect/authorize"), new FormUrlEncodedContent(fields));
        if (approved.StatusCode != HttpStatusCode.Redirect || approved.Headers.Location is not { } callback)
            throw new InvalidOperationException($"The provider answered {(int)approved.StatusCode}: {await approved.Content.ReadAsStringAsync()}");
        var callbackUrl = callback.PathAndQuery;
        if (alterCallback is not null) callbackUrl = alterCallback(callbackUrl);
        return (callbackUrl, await appClient.GetAsync(callbackUrl));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Idp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteOidcAppFactory() : OidcAppFactory(TestDatabase.CreateSqlite());

public sealed class PostgresOidcAppFactory() : OidcAppFactory(TestDatabase.CreatePostgres());
