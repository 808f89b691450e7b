using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>
/// /konto/to-trin: set up (or move to a new) authenticator app, make new recovery codes, or turn two factors off
/// where the role allows it. Every change ends the user's other sessions (ASVS 5.0 V7.4.3).
/// </summary>
public sealed class TwoFactorSettingsModel(UserManager<AppUser> users, TwoFactor twoFactor, SessionStore sessions, AuditLog audit) : PageModel
{
    public AppUser Me { get; private set; } = null!;
    public bool Required { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public AuthenticatorSetupView? View { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string? FormError { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? ny)
    {
        if (!await LoadAsync()) return Challenge();
        if (ny is not null) View = new AuthenticatorSetupView(twoFactor.NewSetup(Me), Me.Email, null);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? setupKey, string? code, string? currentCode, string? currentPassword, CancellationToken ct)
    {
        if (!await LoadAsync()) return Challenge();
        if (!await CurrentCodeAsync(currentCode, ct) || !await CurrentPasswordAsync(currentPassword))
        {
            View = twoFactor.Resume(Me, setupKey) is { } again ? new AuthenticatorSetupView(again, Me.Email, null) : new AuthenticatorSetupView(twoFactor.NewSetup(Me), Me.Email, null);
            return Page();
        }
        var codes = await twoFactor.EnableAsync(Me, setupKey, code, ct);
        if (codes is null)
        {
            var setup = twoFactor.Resume(Me, setupKey);
            if (setup is null) FormError = "Opsætningen var udløbet. Skan den nye QR-kode nedenfor.";
            View = new AuthenticatorSetupView(setup ?? twoFactor.NewSetup(Me), Me.Email,
                setup is null ? null : "Koden passer ikke. Tjek, at telefonens ur går rigtigt, og skriv den kode, appen viser nu.");
            return Page();
        }
        await ChangedAsync("Authenticator-app sat op", ct);
        RecoveryCodes = codes;
        return Page();
    }

    public async Task<IActionResult> OnPostCodesAsync(string? currentCode, CancellationToken ct)
    {
        if (!await LoadAsync()) return Challenge();
        if (!Me.TwoFactorEnabled) return Redirect("/konto/to-trin");
        if (!await CurrentCodeAsync(currentCode, ct)) return Page();
        RecoveryCodes = await twoFactor.NewRecoveryCodesAsync(Me);
        await ChangedAsync("Nye gendannelseskoder lavet", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string? currentCode, CancellationToken ct)
    {
        if (!await LoadAsync()) return Challenge();
        if (Required)
        {
            Problem = "Sekretariatets brugere skal have to-trinsbekræftelse, så den kan ikke slås fra.";
            return Page();
        }
        if (!await CurrentCodeAsync(currentCode, ct)) return Page();
        await twoFactor.DisableAsync(Me);
        await ChangedAsync("To-trinsbekræftelse slået fra", ct);
        TempData["Message"] = "To-trinsbekræftelse er slået fra.";
        return Redirect("/konto/to-trin");
    }

    /// <summary>
    /// A change to an app that is on needs a code from it (ASVS 5.0 V6.4.5: a factor is changed only with a factor),
    /// so a session left open cannot swap the app. Without the phone, the secretariat resets it.
    /// </summary>
    private async Task<bool> CurrentCodeAsync(string? currentCode, CancellationToken ct)
    {
        if (!Me.TwoFactorEnabled || await twoFactor.VerifyCodeAsync(Me, currentCode, ct)) return true;
        Problem = "Skriv den kode, din nuværende app viser nu. Har du ikke telefonen, kan sekretariatet slå to-trinsbekræftelsen fra for dig.";
        return false;
    }

    /// <summary>
    /// Turning the app on for the first time needs the password (ASVS 5.0 V7.5.1), so a session left open cannot tie
    /// the account to someone else's phone. A user without a password (signed in through a provider) needs none.
    /// </summary>
    private async Task<bool> CurrentPasswordAsync(string? currentPassword)
    {
        if (Me.TwoFactorEnabled || Me.PasswordHash is null
            || (!string.IsNullOrEmpty(currentPassword) && currentPassword.Length <= AccountsModule.MaxPasswordLength && await users.CheckPasswordAsync(Me, currentPassword)))
            return true;
        Problem = "Skriv din nuværende adgangskode.";
        return false;
    }

    private async Task ChangedAsync(string what, CancellationToken ct)
    {
        var ended = await sessions.EndAllAsync(Me.Id, SessionEnd.TwoFactorChanged, null, except: SessionStore.IdOf(User), ct);
        await audit.RecordAsync(SecurityEvents.TwoFactorChanged, ended > 0 ? $"{what}; {ended} andre sessioner afsluttet" : what, HttpContext);
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } me) return false;
        Me = me;
        Required = await users.IsInRoleAsync(me, Roles.Secretariat);
        RecoveryCodesLeft = me.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(me) : 0;
        return true;
    }
}
