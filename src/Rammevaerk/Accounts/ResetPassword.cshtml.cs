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

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await tokens.UseAsync(row, ct))
        {
            Valid = false;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        var result = await PasswordRules.SetAsync(users, user, newPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) Errors["NewPassword"] = e.Description;
            return Page();
        }
        var ended = await sessions.EndAllAsync(user.Id, SessionEnd.PasswordReset, null, ct: ct);
        audit.Add(db, SecurityEvents.PasswordReset, $"Ny adgangskode valgt via link; {ended} sessioner afsluttet", HttpContext, user.Email);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
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
