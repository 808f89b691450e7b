using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Rammevaerk.Accounts;

/// <summary>
/// Section <c>Accounts</c>: sessions, links by e-mail, lock-out, rate limits, the security log's retention and the
/// single sign-on providers. Checked at start-up (<see cref="AccountSettingsValidator"/>); see the README's table.
/// </summary>
public sealed class AccountSettings
{
    public const string Section = "Accounts";

    /// <summary>A session without a request for this long ends.</summary>
    public int IdleMinutes { get; set; } = 30;
    /// <summary>A session ends this long after sign-in, whatever the activity.</summary>
    public int AbsoluteHours { get; set; } = 10;
    public int InvitationDays { get; set; } = 7;
    public int PasswordResetMinutes { get; set; } = 60;
    public int UnlockMinutes { get; set; } = 60;
    /// <summary>Failed attempts for one address before the growing delays begin.</summary>
    public int FreeAttempts { get; set; } = 5;
    /// <summary>The longest delay: the first is one minute, each further failure doubles it up to this.</summary>
    public int MaxLockMinutes { get; set; } = 60;
    public RateLimitSettings RateLimits { get; set; } = new();
    /// <summary>
    /// Every role needs a second factor (ASVS 5.0 level 2, V6.3.3), not only the secretariat's; a provider's MFA counts.
    /// </summary>
    public bool TwoFactorForEveryone { get; set; }
    /// <summary>Security log entries older than this many days are removed daily; 0 keeps them for ever.</summary>
    public int SecurityLogRetentionDays { get; set; } = 730;
    /// <summary>The OpenID Connect providers by name (letters, digits, dashes); the name is part of the callback path.</summary>
    public Dictionary<string, ProviderSettings> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);
    public TimeSpan Absolute => TimeSpan.FromHours(AbsoluteHours);
}

/// <summary>Requests per minute; per IP for the forms, per typed address for sign-in.</summary>
public sealed class RateLimitSettings
{
    public int SignInPerIpPerMinute { get; set; } = 60;
    public int SignInPerAccountPerMinute { get; set; } = 10;
    /// <summary>Password reset, unlock and invitation forms, which send e-mail or set a password.</summary>
    public int LinksPerIpPerMinute { get; set; } = 10;
}

/// <summary>
/// One OpenID Connect provider. Microsoft Entra ID: <see cref="EntraTenantId"/> (a tenant id for one municipality;
/// <c>organizations</c> for several, with <see cref="AllowedTenantIds"/>). Any other provider: <see cref="Authority"/>.
/// </summary>
public sealed class ProviderSettings
{
    /// <summary>The button's text: "Vejle Kommune (Microsoft)".</summary>
    public string? DisplayName { get; set; }
    public string? EntraTenantId { get; set; }
    /// <summary>The issuer's base URL for a standard provider (its /.well-known/openid-configuration is read).</summary>
    public string? Authority { get; set; }
    /// <summary>Tenants (the token's <see cref="TenantClaim"/>) allowed to sign in; empty allows any of a single-tenant authority.</summary>
    public List<string> AllowedTenantIds { get; set; } = [];
    public string TenantClaim { get; set; } = "tid";
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public List<string> Scopes { get; set; } = [];
    /// <summary>Off only for a test provider on the machine itself.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>Values of the token's amr claim that mean the provider used more than one factor.</summary>
    public List<string> MfaAmrValues { get; set; } = [];
    /// <summary>The claim that carries groups or app roles ("roles", "groups"), for <see cref="RoleMap"/>.</summary>
    public string? RoleClaim { get; set; }
    /// <summary>Claim value → role (Medlem or Kommune; never Sekretariat). Used only when the secretariat allows it.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    public bool IsEntra => !string.IsNullOrWhiteSpace(EntraTenantId);

    /// <summary>Entra ID's multi-tenant endpoints, whose issuer names the tenant of each token.</summary>
    public bool IsMultiTenantEntra => IsEntra && EntraTenantId!.Trim().ToLowerInvariant() is "organizations" or "common";

    public string EffectiveAuthority => IsEntra
        ? $"https://login.microsoftonline.com/{EntraTenantId!.Trim()}/v2.0"
        : Authority!.TrimEnd('/');

    /// <summary>The tenants a token may come from: the allow-list, or the one tenant an Entra provider names.</summary>
    public IReadOnlyCollection<string> Tenants =>
        AllowedTenantIds.Count > 0 ? AllowedTenantIds
        : IsEntra && !IsMultiTenantEntra ? [EntraTenantId!.Trim()]
        : [];

    public IReadOnlyCollection<string> EffectiveMfaValues => MfaAmrValues.Count > 0 ? MfaAmrValues : ["mfa"];

    public IReadOnlyCollection<string> EffectiveScopes => Scopes.Count > 0 ? Scopes : ["openid", "profile", "email"];
}

public sealed partial class AccountSettingsValidator : IValidateOptions<AccountSettings>
{
    public ValidateOptionsResult Validate(string? name, AccountSettings s)
    {
        var errors = new List<string>();
        if (s.IdleMinutes < 1) errors.Add("Accounts:IdleMinutes must be at least 1.");
        if (s.AbsoluteHours < 1) errors.Add("Accounts:AbsoluteHours must be at least 1.");
        if (s.IdleMinutes > s.AbsoluteHours * 60) errors.Add("Accounts:IdleMinutes cannot exceed Accounts:AbsoluteHours.");
        if (s.InvitationDays < 1 || s.PasswordResetMinutes < 5 || s.UnlockMinutes < 5) errors.Add("Accounts: links must live at least 1 day (invitations) or 5 minutes (resets, unlocks).");
        if (s.FreeAttempts < 1 || s.MaxLockMinutes < 1) errors.Add("Accounts:FreeAttempts and Accounts:MaxLockMinutes must be at least 1.");
        if (s.RateLimits.SignInPerIpPerMinute < 1 || s.RateLimits.SignInPerAccountPerMinute < 1 || s.RateLimits.LinksPerIpPerMinute < 1)
            errors.Add("Accounts:RateLimits values must be at least 1.");
        if (s.SecurityLogRetentionDays < 0) errors.Add("Accounts:SecurityLogRetentionDays cannot be negative (0 keeps entries for ever).");
        foreach (var (key, p) in s.Providers)
        {
            var at = $"Accounts:Providers:{key}";
            if (!ProviderName().IsMatch(key)) errors.Add($"{at}: the name may hold only lower-case letters, digits and dashes.");
            if (string.IsNullOrWhiteSpace(p.ClientId)) errors.Add($"{at}:ClientId is required.");
            if (p.IsEntra == !string.IsNullOrWhiteSpace(p.Authority)) errors.Add($"{at}: set either EntraTenantId or Authority.");
            if (!p.IsEntra && !Uri.TryCreate(p.Authority, UriKind.Absolute, out _)) errors.Add($"{at}:Authority must be an absolute URL.");
            if (p.IsMultiTenantEntra && p.AllowedTenantIds.Count == 0)
                errors.Add($"{at}: a multi-tenant Entra ID provider needs AllowedTenantIds, or any Microsoft customer could sign in.");
            foreach (var (value, role) in p.RoleMap)
            {
                if (role == Roles.Secretariat) errors.Add($"{at}:RoleMap:{value}: the secretariat's role is never given by a provider.");
                else if (role is not (Roles.Member or Roles.Municipality)) errors.Add($"{at}:RoleMap:{value}: '{role}' is not a role (Medlem or Kommune).");
            }
            if (p.RoleMap.Count > 0 && string.IsNullOrWhiteSpace(p.RoleClaim)) errors.Add($"{at}:RoleClaim is required with a RoleMap.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex ProviderName();
}
