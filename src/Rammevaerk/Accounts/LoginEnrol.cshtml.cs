using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>Shared by the set-up pages: the new key and the error at the code field.</summary>
public sealed record AuthenticatorSetupView(TwoFactor.Setup Setup, string? Email, string? Error);

/// <summary>
/// /konto/log-ind/opsaet: a sign-in that needs a second factor the user has not set up yet (the secretariat's role,
/// or a provider whose MFA the secretariat does not accept) sets up the authenticator app here, sees the recovery
/// codes once, and is signed in.
/// </summary>
[EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class LoginEnrolModel(SignInFlow flow, TwoFactor twoFactor, UserManager<AppUser> users, AuditLog audit) : PageModel
{
    public AuthenticatorSetupView View { get; private set; } = null!;
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string ReturnUrl { get; private set; } = "/";
    public string? FormError { get; private set; }
    public string Why { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await flow.PendingAsync(HttpContext) is not { } pending) return SignInFlow.Restart(this);
        if (pending.User.TwoFactorEnabled) return Redirect(SignInFlow.CodePath);
        await DescribeAsync(pending);
        View = new AuthenticatorSetupView(twoFactor.NewSetup(pending.User), pending.User.Email, null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? setupKey, string? code, CancellationToken ct)
    {
        if (await flow.PendingAsync(HttpContext) is not { } pending) return SignInFlow.Restart(this);
        // Someone who has an app proves it with a code; the password alone never sets up another one.
        if (pending.User.TwoFactorEnabled) return Redirect(SignInFlow.CodePath);
        await DescribeAsync(pending);
        var codes = await twoFactor.EnableAsync(pending.User, setupKey, code, ct);
        if (codes is null)
        {
            var setup = twoFactor.Resume(pending.User, setupKey);
            if (setup is null) FormError = "Opsætningen var udløbet. Skan den nye QR-kode nedenfor.";
            View = new AuthenticatorSetupView(setup ?? twoFactor.NewSetup(pending.User), pending.User.Email,
                setup is null ? null : "Koden passer ikke. Tjek, at telefonens ur går rigtigt, og skriv den kode, appen viser nu.");
            return Page();
        }
        await audit.RecordAsync(SecurityEvents.TwoFactorChanged, "Authenticator-app sat op ved log ind", HttpContext, pending.User.Email);
        await flow.CompleteAsync(pending.User, pending.Method + " + authenticator-app", HttpContext, ct);
        RecoveryCodes = codes;
        ReturnUrl = pending.ReturnUrl;
        return Page();
    }

    private async Task DescribeAsync(SignInFlow.Pending pending) =>
        Why = await users.IsInRoleAsync(pending.User, Roles.Secretariat)
            ? "Sekretariatets brugere skal logge ind med to trin: adgangskode og en kode fra en app på telefonen."
            : "Sekretariatet kræver to trin, når du logger ind på denne måde: ud over log ind også en kode fra en app på telefonen.";
}
