using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>
/// Single sign-on: one OpenID Connect handler (ASP.NET Core's) per provider in <c>Accounts:Providers</c>, with the
/// authorization code flow, PKCE, nonce and state, tokens validated against the provider's published keys, issuer
/// and our client id. The response comes back as a top-level GET (response_mode=query), so the correlation and
/// nonce cookies can be SameSite=Lax. Entra ID tenants are checked against the allow-list. A failed or tampered
/// response never signs anyone in: it lands on the sign-in page with a Danish message and in the security log.
/// </summary>
public static class ExternalProviders
{
    public const string SchemePrefix = "oidc-";
    public const string ProviderItem = "rv:provider";
    public const string ReturnItem = "rv:return";
    public const string InvitationItem = "rv:invitation";

    public static string Scheme(string provider) => SchemePrefix + provider;

    public static string CallbackPath(string provider) => "/signin-oidc-" + provider;

    public static IServiceCollection AddExternalProviders(this IServiceCollection services, IConfiguration config)
    {
        var auth = services.AddAuthentication();
        foreach (var child in config.GetSection($"{AccountSettings.Section}:Providers").GetChildren())
        {
            var name = child.Key.ToLowerInvariant();
            var p = child.Get<ProviderSettings>() ?? new ProviderSettings();
            // An incomplete provider is reported by AccountSettingsValidator at start-up; do not register half of it.
            if (string.IsNullOrWhiteSpace(p.ClientId) || (!p.IsEntra && string.IsNullOrWhiteSpace(p.Authority))) continue;
            auth.AddOpenIdConnect(Scheme(name), p.DisplayName ?? name, o => Configure(o, name, p));
        }
        return services;
    }

    private static void Configure(OpenIdConnectOptions o, string name, ProviderSettings p)
    {
        o.SignInScheme = IdentityConstants.ExternalScheme;
        o.Authority = p.EffectiveAuthority;
        o.ClientId = p.ClientId;
        o.ClientSecret = p.ClientSecret;
        o.ResponseType = "code";
        o.ResponseMode = "query";
        o.UsePkce = true;
        o.CallbackPath = CallbackPath(name);
        o.SignedOutCallbackPath = "/signout-callback-oidc-" + name;
        o.RemoteSignOutPath = "/signout-oidc-" + name;
        o.RequireHttpsMetadata = p.RequireHttpsMetadata;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.Scope.Clear();
        foreach (var scope in p.EffectiveScopes) o.Scope.Add(scope);
        o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.ValidateIssuer = true;
        o.TokenValidationParameters.ValidateAudience = true;
        o.TokenValidationParameters.ValidateLifetime = true;
        o.TokenValidationParameters.RequireSignedTokens = true;
        if (p.IsMultiTenantEntra)
        {
            // Entra's multi-tenant metadata names the issuer "…/{tenantid}/v2.0": each token's own tenant must fill it
            // in, and that tenant must be on the allow-list.
            o.TokenValidationParameters.IssuerValidator = (issuer, token, _) =>
                EntraIssuer.IsValid(issuer, TenantOf(token), p.Tenants) ? issuer
                    : throw new SecurityTokenInvalidIssuerException($"The issuer '{issuer}' is not an allowed Entra ID tenant.");
        }
        o.Events.OnTokenValidated = ctx =>
        {
            if (p.Tenants.Count > 0)
            {
                var tenant = ctx.Principal?.FindFirstValue(p.TenantClaim);
                if (tenant is null || !p.Tenants.Contains(tenant, StringComparer.OrdinalIgnoreCase))
                    ctx.Fail($"The token's tenant '{tenant ?? "(none)"}' is not allowed for this provider.");
            }
            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = ctx => FailedAsync(ctx.HttpContext, name, ctx.Failure?.Message ?? "unknown failure", () => ctx.HandleResponse());
        o.Events.OnAccessDenied = ctx => FailedAsync(ctx.HttpContext, name, "the user or the provider refused (access_denied)", () => ctx.HandleResponse());
    }

    private static async Task FailedAsync(HttpContext http, string provider, string why, Action handled)
    {
        handled();
        await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(SecurityEvents.SignInFailed,
            $"Svar fra udbyderen {provider} afvist: {why}", http);
        http.Response.Redirect("/konto/log-ind?udbyder=" + Uri.EscapeDataString(provider));
    }

    private static string? TenantOf(SecurityToken token) => token switch
    {
        JsonWebToken jwt => jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null,
        JwtSecurityToken old => old.Payload.TryGetValue("tid", out var tid) ? tid as string : null,
        _ => null,
    };
}

/// <summary>Entra ID's multi-tenant issuer rule, pure so it is unit-tested.</summary>
public static class EntraIssuer
{
    public static bool IsValid(string issuer, string? tenantId, IReadOnlyCollection<string> allowedTenants) =>
        !string.IsNullOrEmpty(tenantId)
        && allowedTenants.Contains(tenantId, StringComparer.OrdinalIgnoreCase)
        && string.Equals(issuer, $"https://login.microsoftonline.com/{tenantId}/v2.0", StringComparison.OrdinalIgnoreCase);
}
