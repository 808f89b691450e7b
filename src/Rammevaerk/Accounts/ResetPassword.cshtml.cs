using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>
/// /konto/ny-adgangskode?token=…: sets a new password from a reset link (used once, in the same transaction as the
/// password), ends every session of the user, lifts the address's lock, and sends them to sign in.
/// </summary>
[EnableRateLimiting(AccountsModule.LinkLimit)]
public sealed class ResetPasswordModel(AppDb db, UserManager<AppUser> users, AccountTokens tokens, SessionStore sessions, SignInGuard guard, AuditLog audit) : PageModel
{
    public bool Valid { get; private set; }
    public string? Token { get; private set; }
    public string? Email { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        if (!Valid) Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? token, string? newPassword, string? repeatPassword, CancellationToken ct)
    {
        var (row, user) = await LoadAsync(token, ct);
        if (row is null || user is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        await PasswordRules.CheckAsync(users, user, newPassword, repeatPassword, Errors);
        if (Errors.Count > 0) return Page();

        var (used, problem) = await PasswordRules.SetFromLinkAsync(db, users, tokens, row, user, newPassword!, async () =>
        {
            var ended = await sessions.EndAllAsync(user.Id, SessionEnd.PasswordReset, null, ct: ct);
            audit.Add(db, SecurityEvents.PasswordReset, $"Ny adgangskode valgt via link; {ended} sessioner afsluttet", HttpContext, user.Email);
        }, ct);
        if (!used)
        {
            Valid = false;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        if (problem is not null)
        {
            Errors["NewPassword"] = problem;
            return Page();
        }
        await guard.ResetAsync(SignInGuard.AddressKey(user.Email!), ct);
        TempData["AccountMessage"] = "Din adgangskode er gemt. Log ind med den nye adgangskode.";
        return Redirect("/konto/log-ind?email=" + Uri.EscapeDataString(user.Email!));
    }

    private async Task<(AccountToken? Row, AppUser? User)> LoadAsync(string? token, CancellationToken ct)
    {
        Token = token;
        var row = await tokens.FindValidAsync(token, AccountTokenPurpose.PasswordReset, ct);
        var user = row is null ? null : await users.FindByIdAsync(row.UserId);
        Valid = user is not null && user.DisabledAt is null;
        Email = user?.Email;
        return Valid ? (row, user) : (null, null);
    }
}

/// <summary>The checks and the write of a new password, shared by the reset, invitation and change pages.</summary>
public static class PasswordRules
{
    /// <summary>Adds Danish messages by field ("NewPassword", "RepeatPassword") for every problem at once.</summary>
    public static async Task CheckAsync(UserManager<AppUser> users, AppUser user, string? password, string? repeat, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors["NewPassword"] = "Skriv den nye adgangskode.";
            return;
        }
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded) errors["NewPassword"] = string.Join(" ", check.Errors.Select(e => e.Description));
        }
        if (string.IsNullOrEmpty(repeat)) errors["RepeatPassword"] = "Skriv den nye adgangskode igen.";
        else if (repeat != password) errors["RepeatPassword"] = "De to adgangskoder er ikke ens.";
    }

    /// <summary>
    /// Uses the link and sets the password, plus <paramref name="alsoInTransaction"/>, in one transaction. Used is false
    /// when another request used the link first; the problem is Identity's refusal of the password. Either way nothing
    /// is saved unless both are fine.
    /// </summary>
    public static async Task<(bool Used, string? Problem)> SetFromLinkAsync(
        AppDb db, UserManager<AppUser> users, AccountTokens tokens, AccountToken link, AppUser user, string password, Func<Task> alsoInTransaction, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await tokens.UseAsync(link, ct)) return (false, null);
        var result = await SetAsync(users, user, password);
        if (!result.Succeeded) return (true, string.Join(" ", result.Errors.Select(e => e.Description)));
        await alsoInTransaction();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (true, null);
    }

    /// <summary>Replaces (or sets) the user's password; saves through Identity's manager.</summary>
    public static async Task<IdentityResult> SetAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        if (user.PasswordHash is not null)
        {
            var removed = await users.RemovePasswordAsync(user);
            if (!removed.Succeeded) return removed;
        }
        user.EmailConfirmed = true;
        return await users.AddPasswordAsync(user, password);
    }
}
