using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>How the first factor was passed: the password, or a provider (and whether its token shows MFA).</summary>
public sealed record FirstFactor(string Method, string? Provider, bool ProviderMfa)
{
    public static readonly FirstFactor Password = new("Adgangskode", null, false);
}

/// <summary>What a user still needs after the first factor.</summary>
public enum SecondFactor
{
    None,
    /// <summary>The code from their authenticator app (or a recovery code).</summary>
    Code,
    /// <summary>Setting up an authenticator app first: required, and not yet done.</summary>
    Enrol,
}

/// <summary>
/// Every way in ends here: after the first factor (password, or a provider's token), decide whether a second factor
/// is needed, keep the half-done sign-in in a short-lived protected cookie meanwhile, and finally start a
/// server-side session and set the auth cookie. One place, so password, provider, invitation and unlock sign-ins
/// obey the same rules: disabled users and demo accounts outside Development never get in, the secretariat role
/// always has two factors, and a provider's MFA (amr) counts as the second.
/// </summary>
public sealed class SignInFlow(
    AppDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn, SessionStore sessions, AuditLog audit,
    IHostEnvironment env, IOptions<AccountSettings> options)
{
    public const string PendingMethodClaim = "rv:first";
    public const string PendingProviderClaim = "rv:provider";
    public const string PendingMfaClaim = "rv:provider-mfa";
    public const string PendingReturnClaim = "rv:return";

    public const string CodePath = "/konto/log-ind/kode";
    public const string EnrolPath = "/konto/log-ind/opsaet";

    /// <summary>Demo and test accounts sign in with their printed password alone, in these environments only.</summary>
    public bool DemoAccountsAllowed => env.IsDevelopment() || env.IsEnvironment("Testing");

    /// <summary>
    /// Why this user may not sign in now (disabled, a demo account outside Development, or — for a password — a
    /// role whose passwords the secretariat has turned off), in Danish; null when they may.
    /// </summary>
    public async Task<string?> RefusalAsync(AppUser user, bool byPassword, CancellationToken ct = default)
    {
        if (user.DisabledAt is not null) return "Din bruger er deaktiveret. Kontakt sekretariatet, hvis du skal have adgang igen.";
        if (user.IsDemoAccount && !DemoAccountsAllowed) return "Demokonti kan kun bruges, når Rammeværk kører i udviklingsmiljøet.";
        if (byPassword && !await PasswordAllowedAsync(user, ct))
        {
            var names = options.Value.Providers.Values.Select(p => p.DisplayName).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
            return names.Count == 0
                ? "Din rolle må ikke logge ind med adgangskode. Kontakt sekretariatet."
                : $"Din rolle logger ind med {string.Join(" eller ", names)} – brug knappen ovenfor.";
        }
        return null;
    }

    /// <summary>True when the user's role may use a local password (the secretariat's rule; allowed unless turned off).</summary>
    public async Task<bool> PasswordAllowedAsync(AppUser user, CancellationToken ct = default)
    {
        var roles = await users.GetRolesAsync(user);
        if (roles.Count == 0) return true;
        var off = await db.RoleSignInRules.AsNoTracking().Where(r => roles.Contains(r.Role) && !r.PasswordAllowed).Select(r => r.Role).ToListAsync(ct);
        return off.Count < roles.Count;
    }

    public async Task<SecondFactor> SecondFactorAsync(AppUser user, FirstFactor first, CancellationToken ct = default)
    {
        if (user.IsDemoAccount && DemoAccountsAllowed) return SecondFactor.None;
        if (first.ProviderMfa) return SecondFactor.None;
        var required = user.TwoFactorEnabled || options.Value.TwoFactorForEveryone || await users.IsInRoleAsync(user, Roles.Secretariat)
            || (first.Provider is { } p && await db.ProviderSignInRules.AnyAsync(r => r.Provider == p && r.RequireTwoFactor, ct));
        if (!required) return SecondFactor.None;
        // A user who has an app always gives a code (or a recovery code), even if the key could no longer be read:
        // the password alone must never be enough to set up a new app over an old one.
        return user.TwoFactorEnabled ? SecondFactor.Code : SecondFactor.Enrol;
    }

    /// <summary>
    /// After the first factor: signs in at once, or keeps the half-done sign-in and sends the user to the code (or
    /// set-up) page. The caller has already checked <see cref="RefusalAsync"/>.
    /// </summary>
    public async Task<IActionResult> ContinueAsync(AppUser user, FirstFactor first, string? returnUrl, HttpContext http, CancellationToken ct = default)
    {
        var next = await SecondFactorAsync(user, first, ct);
        if (next == SecondFactor.None)
        {
            await CompleteAsync(user, first.Method + (first.ProviderMfa ? " med MFA" : ""), http, ct);
            return new LocalRedirectResult(SafeReturn(returnUrl));
        }
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id));
        identity.AddClaim(new Claim(PendingMethodClaim, first.Method));
        if (first.Provider is not null) identity.AddClaim(new Claim(PendingProviderClaim, first.Provider));
        identity.AddClaim(new Claim(PendingReturnClaim, SafeReturn(returnUrl)));
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
        return new RedirectResult(next == SecondFactor.Enrol ? EnrolPath : CodePath);
    }

    public sealed record Pending(AppUser User, string Method, string? Provider, string ReturnUrl);

    /// <summary>The half-done sign-in of this browser (five minutes at most), or null.</summary>
    public async Task<Pending?> PendingAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (!result.Succeeded || result.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return null;
        var user = await users.FindByIdAsync(id);
        if (user is null || await RefusalAsync(user, byPassword: false) is not null) return null;
        return new Pending(user, result.Principal.FindFirstValue(PendingMethodClaim) ?? "Adgangskode",
            result.Principal.FindFirstValue(PendingProviderClaim), result.Principal.FindFirstValue(PendingReturnClaim) ?? "/");
    }

    /// <summary>Starts the session, sets the auth cookie (a browser-session cookie) and records the sign-in.</summary>
    public async Task CompleteAsync(AppUser user, string method, HttpContext http, CancellationToken ct = default)
    {
        var session = await sessions.StartAsync(user, method, http, ct);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionStore.SessionClaim, session.Id.ToString()));
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties
        {
            IsPersistent = false, AllowRefresh = false, IssuedUtc = session.CreatedAt, ExpiresUtc = session.ExpiresAt,
        });
        await audit.RecordAsync(SecurityEvents.SignIn, method, http, user.Email);
    }

    /// <summary>Ends this browser's session on the server and removes its cookies.</summary>
    public async Task SignOutAsync(HttpContext http, CancellationToken ct = default)
    {
        if (SessionStore.IdOf(http.User) is Guid id && users.GetUserId(http.User) is { } userId)
        {
            await sessions.EndAsync(id, userId, SessionEnd.SignedOut, null, ct);
            await audit.RecordAsync(SecurityEvents.SignOut, null, http);
        }
        await signIn.SignOutAsync();
    }

    /// <summary>A second-step page opened without a half-done sign-in (too late, or directly): back to the start.</summary>
    public static IActionResult Restart(Microsoft.AspNetCore.Mvc.RazorPages.PageModel page)
    {
        page.TempData["AccountMessage"] = "Log ind tog for lang tid, eller siden blev åbnet direkte. Log ind igen.";
        return new RedirectResult("/konto/log-ind");
    }

    /// <summary>A local path to go on to: anything else (another host, "//evil", "/\evil") becomes the front page.</summary>
    public static string SafeReturn(string? returnUrl) =>
        Notifications.Notifier.IsAppPath(returnUrl) && !returnUrl!.StartsWith("/konto/log-", StringComparison.OrdinalIgnoreCase) ? returnUrl : "/";
}
