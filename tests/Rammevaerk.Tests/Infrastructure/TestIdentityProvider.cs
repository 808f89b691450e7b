using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Rammevaerk.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server) on a loopback port, standing in for a municipality's Entra ID
/// or an OIDC broker: authorization code flow with PKCE required, id tokens signed with its own RSA key and published
/// at /.well-known/openid-configuration. Its sign-in page is a form with one button ("Log ind som …"), which a test
/// posts (HttpClient) or clicks (Chromium). <see cref="Scenario"/> decides who signs in and, for the bad-input
/// tests, how the id token is tampered with before it leaves the provider.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "rammevaerk-test";
    public const string ClientSecret = "en-hemmelighed-kun-til-test";
    public const string KeyId = "test-idp-key";

    private readonly WebApplication app;
    private readonly RSA key;

    public TestIdpScenario Scenario { get; }

    /// <summary>The issuer, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Issuer { get; }

    private TestIdentityProvider(WebApplication app, Uri issuer, RSA key, TestIdpScenario scenario)
    {
        this.app = app;
        Issuer = issuer;
        this.key = key;
        Scenario = scenario;
    }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var key = RSA.Create(2048);
        var signingKey = new RsaSecurityKey(key) { KeyId = KeyId };
        var scenario = new TestIdpScenario();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(scenario);
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.Email, Scopes.Profile);
            o.AddSigningKey(signingKey);
            o.AddEphemeralEncryptionKey();
            o.DisableAccessTokenEncryption();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            // Degraded mode: no client store, so the one client is checked here.
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId) ctx.Reject(Errors.InvalidClient, "Unknown client.");
                else if (ctx.RedirectUri is null || !new Uri(ctx.RedirectUri).AbsolutePath.StartsWith("/signin-oidc-", StringComparison.Ordinal))
                    ctx.Reject(Errors.InvalidRequest, "Unknown redirect_uri.");
                else scenario.CodeChallengeMethods.Add(ctx.Request.CodeChallengeMethod ?? "(none)");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(h => h.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId || ctx.Request.ClientSecret != ClientSecret) ctx.Reject(Errors.InvalidClient, "Wrong client credentials.");
                return default;
            }));
            // The "man in the middle" of the bad-input tests: the id token as it leaves the provider.
            o.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(h => h.UseInlineHandler(ctx =>
            {
                if (ctx.Response.IdToken is { } idToken) ctx.Response.IdToken = scenario.Tamper(idToken, signingKey);
                return default;
            }));
        });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/connect/authorize", (HttpContext http) => Results.Content(LoginForm(http, scenario), "text/html; charset=utf-8"));
        app.MapPost("/connect/authorize", (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, scenario.Subject));
            identity.AddClaim(new Claim(Claims.Email, scenario.Email));
            identity.AddClaim(new Claim(Claims.Name, scenario.Name));
            if (scenario.Tenant is { } tenant) identity.AddClaim(new Claim("tid", tenant));
            foreach (var amr in scenario.Amr) identity.AddClaim(new Claim("amr", amr));
            foreach (var role in scenario.Roles) identity.AddClaim(new Claim("roles", role));
            foreach (var claim in identity.Claims) claim.SetDestinations(Destinations.IdentityToken);
            var principal = new ClaimsPrincipal(identity);
            principal.SetScopes(request.GetScopes());
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestIdentityProvider(app, new Uri(address.TrimEnd('/') + "/"), key, scenario);
    }

    /// <summary>The provider's own sign-in page: every parameter of the request carried into one form with one button.</summary>
    private static string LoginForm(HttpContext http, TestIdpScenario scenario)
    {
        var fields = string.Concat(http.Request.Query.Select(q =>
            $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(q.Key)}\" value=\"{WebUtility.HtmlEncode(q.Value.ToString())}\">"));
        return $"""
            <!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Test-IdP</title></head>
            <body><main><h1>Test-IdP: log ind</h1>
            <form method="post" action="/connect/authorize">{fields}<button type="submit">Log ind som {WebUtility.HtmlEncode(scenario.Name)}</button></form>
            </main></body></html>
            """;
    }

    /// <summary>A port on the machine where nothing listens: a provider that is down.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The app's settings for this provider as "testidp" (multi-tenant with an allow-list of tenant-a).</summary>
    public IEnumerable<KeyValuePair<string, string>> AppSettings(string name = "testidp") =>
    [
        new($"Accounts:Providers:{name}:DisplayName", "Test-IdP (Kommune A)"),
        new($"Accounts:Providers:{name}:Authority", Issuer.ToString()),
        new($"Accounts:Providers:{name}:ClientId", ClientId),
        new($"Accounts:Providers:{name}:ClientSecret", ClientSecret),
        new($"Accounts:Providers:{name}:RequireHttpsMetadata", "false"),
        new($"Accounts:Providers:{name}:AllowedTenantIds:0", "tenant-a"),
        new($"Accounts:Providers:{name}:RoleClaim", "roles"),
        new($"Accounts:Providers:{name}:RoleMap:rv-medlem", "Medlem"),
        new($"Accounts:Providers:{name}:RoleMap:rv-driftsherre", "Kommune"),
    ];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        key.Dispose();
    }
}

/// <summary>Who signs in at the test provider, and how its id token is tampered with (per test; reset between tests).</summary>
public sealed class TestIdpScenario
{
    public string Subject { get; set; } = "anna-0001";
    public string Email { get; set; } = "anna@kommune-a.test";
    public string Name { get; set; } = "Anna Andersen";
    public string? Tenant { get; set; } = "tenant-a";
    public List<string> Amr { get; set; } = ["pwd"];
    public List<string> Roles { get; set; } = [];
    /// <summary>Changes to the id token's claims, re-signed with the provider's own key (a forged but validly signed token).</summary>
    public Action<JsonObject>? ResignWith { get; set; }
    /// <summary>Changes the claims but keeps the original signature (a token tampered with in transit).</summary>
    public Action<JsonObject>? BreakSignatureWith { get; set; }
    /// <summary>The code_challenge_method of every authorization request: PKCE as the app sent it.</summary>
    public List<string> CodeChallengeMethods { get; } = [];

    public void Reset(string subject, string email, string name)
    {
        (Subject, Email, Name, Tenant) = (subject, email, name, "tenant-a");
        Amr = ["pwd"];
        Roles = [];
        ResignWith = BreakSignatureWith = null;
    }

    internal string Tamper(string idToken, SecurityKey signingKey)
    {
        if (ResignWith is null && BreakSignatureWith is null) return idToken;
        var parts = idToken.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        if (BreakSignatureWith is { } broken)
        {
            broken(payload);
            return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
        }
        ResignWith!(payload);
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256));
    }
}
