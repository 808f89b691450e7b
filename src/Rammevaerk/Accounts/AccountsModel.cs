namespace Rammevaerk.Accounts;

/// <summary>
/// A signed-in browser. The cookie carries only the session's id; this row decides on every request whether the
/// session still lives, so ending it here ends it at once on every node (sign-out, a password change or reset, a
/// role change, disabling the user, "log ud overalt", idle and absolute lifetime).
/// </summary>
[Hosting.NotPublicData("Sign-in sessions; shown to their own user and the secretariat only.")]
public sealed class UserSession
{
    public const int MethodLength = 200;
    public const int UserAgentLength = 300;

    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Last request seen, written at most once a minute: the idle timeout counts from here.</summary>
    public DateTime LastSeenAt { get; set; }
    /// <summary>The absolute end, whatever the activity.</summary>
    public DateTime ExpiresAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public SessionEnd? EndReason { get; set; }
    /// <summary>Who ended it, when it was someone other than the user.</summary>
    public string? EndedBy { get; set; }
    /// <summary>How the user signed in, in Danish: "Adgangskode + authenticator-app", "Vejle Kommune (Microsoft) med MFA".</summary>
    public required string Method { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
}

public enum SessionEnd
{
    SignedOut,
    Idle,
    Expired,
    PasswordChanged,
    PasswordReset,
    RoleChanged,
    Disabled,
    SignedOutEverywhere,
    EndedByUser,
    EndedBySecretariat,
    TwoFactorChanged,
}

/// <summary>A single-use link sent by e-mail: an invitation, a password reset, an unlock. Only its hash is stored.</summary>
[Hosting.NotPublicData("Invitation and reset tokens (hashed); never shown publicly.")]
public sealed class AccountToken
{
    public int Id { get; set; }
    public AccountTokenPurpose Purpose { get; set; }
    public required string UserId { get; set; }
    /// <summary>SHA-256 of the token in hex; the token itself exists only in the e-mail.</summary>
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>Wrong passwords typed through an unlock link; the link dies after a few.</summary>
    public int FailedAttempts { get; set; }
}

public enum AccountTokenPurpose
{
    Invitation,
    PasswordReset,
    Unlock,
}

/// <summary>
/// Failed sign-ins per typed e-mail address (or per user for second-factor codes), keyed by a hash, so that an
/// address with no account is slowed exactly like one with an account.
/// </summary>
[Hosting.NotPublicData("Sign-in rate-limit counters.")]
public sealed class SignInThrottle
{
    public required string Key { get; set; }
    public int Failures { get; set; }
    public DateTime LastFailureAt { get; set; }
    public DateTime? LockedUntil { get; set; }
}

/// <summary>The secretariat's choice per role: may its users sign in with a Rammeværk password.</summary>
[Hosting.NotPublicData("Sign-in settings for the secretariat.")]
public sealed class RoleSignInRule
{
    public required string Role { get; set; }
    public bool PasswordAllowed { get; set; } = true;
    public DateTime? ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}

/// <summary>The secretariat's choices per configured sign-in provider.</summary>
[Hosting.NotPublicData("Sign-in settings for the secretariat.")]
public sealed class ProviderSignInRule
{
    public required string Provider { get; set; }
    /// <summary>Take the user's role from the provider's claims (the provider's role map) at every sign-in.</summary>
    public bool RolesFromProvider { get; set; }
    /// <summary>Ask for Rammeværk's authenticator code when the provider's token does not show MFA.</summary>
    public bool RequireTwoFactor { get; set; }
    public DateTime? ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}
