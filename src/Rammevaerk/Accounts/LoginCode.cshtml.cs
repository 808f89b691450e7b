using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>
/// /konto/log-ind/kode: the second step of a sign-in — the authenticator code (each code once) or a recovery code
/// (each once). Wrong codes count towards the user's own lock (<see cref="SignInGuard.CodeKey"/>).
/// </summary>
[EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class LoginCodeModel(SignInFlow flow, TwoFactor twoFactor, UserManager<AppUser> users, SignInGuard guard, AuditLog audit) : PageModel
{
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await flow.PendingAsync(HttpContext) is null ? SignInFlow.Restart(this) : Page();

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        if (await flow.PendingAsync(HttpContext) is not { } pending) return SignInFlow.Restart(this);
        if (await CheckLockAsync(pending, ct) is { } locked) return locked;
        if (await twoFactor.VerifyCodeAsync(pending.User, code, ct))
            return await CompleteAsync(pending, " + authenticator-app", ct);
        return await FailedAsync(pending, "Koden er forkert eller udløbet. Skriv den kode, appen viser nu.", ct);
    }

    public async Task<IActionResult> OnPostRecoveryAsync(string? recoveryCode, CancellationToken ct)
    {
        if (await flow.PendingAsync(HttpContext) is not { } pending) return SignInFlow.Restart(this);
        if (await CheckLockAsync(pending, ct) is { } locked) return locked;
        if (!string.IsNullOrWhiteSpace(recoveryCode) && recoveryCode.Length <= 40
            && (await users.RedeemTwoFactorRecoveryCodeAsync(pending.User, recoveryCode.Trim())).Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(pending.User);
            await audit.RecordAsync(SecurityEvents.TwoFactorChanged, $"Gendannelseskode brugt; {left} tilbage", HttpContext, pending.User.Email);
            TempData["Message"] = left <= 3
                ? $"Du er logget ind med en gendannelseskode. Du har {left} tilbage: lav nye under Min konto › To-trinsbekræftelse."
                : "Du er logget ind med en gendannelseskode. Den virker ikke igen.";
            return await CompleteAsync(pending, " + gendannelseskode", ct);
        }
        return await FailedAsync(pending, "Gendannelseskoden er forkert eller allerede brugt.", ct);
    }

    private async Task<IActionResult> CompleteAsync(SignInFlow.Pending pending, string factor, CancellationToken ct)
    {
        await guard.ResetAsync(SignInGuard.CodeKey(pending.User.Id), ct);
        await flow.CompleteAsync(pending.User, pending.Method + factor, HttpContext, ct);
        return LocalRedirect(pending.ReturnUrl);
    }

    private async Task<IActionResult?> CheckLockAsync(SignInFlow.Pending pending, CancellationToken ct)
    {
        if (await guard.LockedUntilAsync(SignInGuard.CodeKey(pending.User.Id), ct) is not DateTime until) return null;
        Error = $"For mange forkerte koder. Prøv igen om {guard.MinutesLeft(until)} minutter.";
        return Page();
    }

    private async Task<IActionResult> FailedAsync(SignInFlow.Pending pending, string message, CancellationToken ct)
    {
        var locked = await guard.RecordFailureAsync(SignInGuard.CodeKey(pending.User.Id), ct);
        await audit.RecordAsync(SecurityEvents.SignInFailed, "Forkert kode i to-trinsbekræftelse", HttpContext, pending.User.Email);
        if (locked is DateTime until)
        {
            await audit.RecordAsync(SecurityEvents.LockedOut, $"To-trinsbekræftelse spærret i {guard.MinutesLeft(until)} minutter", HttpContext, pending.User.Email);
            Error = $"For mange forkerte koder. Prøv igen om {guard.MinutesLeft(until)} minutter.";
        }
        else Error = message;
        return Page();
    }
}
