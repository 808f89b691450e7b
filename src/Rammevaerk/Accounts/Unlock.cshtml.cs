using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>
/// /konto/laas-op: the way past a lock that needs no CAPTCHA and no secretariat. Asking sends a single-use link to the
/// address (the same answer whether or not it has an account); through the link the user signs in with their
/// password despite the lock, which an attacker without the mailbox cannot do. Wrong passwords through a link count
/// on the link, which dies after five.
/// </summary>
[EnableRateLimiting(AccountsModule.LinkLimit)]
public sealed class UnlockModel(
    AppDb db, UserManager<AppUser> users, AccountTokens tokens, AccountMails mails, SignInFlow flow, SignInGuard guard, AuditLog audit,
    IOptions<AccountSettings> options) : PageModel
{
    public string? Token { get; private set; }
    public bool Valid { get; private set; }
    public string? Email { get; private set; }
    public string? Error { get; private set; }
    public bool Sent { get; private set; }
    public int Minutes => options.Value.UnlockMinutes;

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        if (token is not null)
        {
            await LoadAsync(token, ct);
            if (!Valid) Response.StatusCode = StatusCodes.Status410Gone;
        }
        return Page();
    }

    /// <summary>Sends the link (from the sign-in page's button, or this page's form).</summary>
    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken ct)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            Error = "Skriv en gyldig e-mailadresse, fx navn@kommune.dk.";
            return Page();
        }
        var user = await users.FindByEmailAsync(email);
        if (user is not null && await flow.RefusalAsync(user, byPassword: true, ct) is null)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.Unlock, TimeSpan.FromMinutes(Minutes), null, ct);
            await mails.UnlockAsync(user, token, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync(SecurityEvents.Unlocked, user is null ? "Link bedt om til en adresse uden bruger: intet sendt" : "Link til at låse op bedt om", HttpContext, email);
        Sent = true;
        return Page();
    }

    public async Task<IActionResult> OnPostSignInAsync(string? token, string? password, CancellationToken ct)
    {
        var (row, user) = await LoadAsync(token, ct);
        if (row is null || user is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            await tokens.CountFailureAsync(row, ct);
            await audit.RecordAsync(SecurityEvents.SignInFailed, "Forkert adgangskode via link til at låse op", HttpContext, user.Email);
            Error = LoginModel.WrongCredentials;
            return Page();
        }
        if (!await tokens.UseAsync(row, ct))
        {
            Valid = false;
            return Page();
        }
        await guard.ResetAsync(SignInGuard.AddressKey(user.Email!), ct);
        await audit.RecordAsync(SecurityEvents.Unlocked, "Spærringen ophævet via link", HttpContext, user.Email);
        return await flow.ContinueAsync(user, FirstFactor.Password with { Method = "Adgangskode via link til at låse op" }, "/", HttpContext, ct);
    }

    private async Task<(AccountToken?, AppUser?)> LoadAsync(string? token, CancellationToken ct)
    {
        Token = token ?? "";
        var row = await tokens.FindValidAsync(token, AccountTokenPurpose.Unlock, ct);
        var user = row is null ? null : await users.FindByIdAsync(row.UserId);
        Valid = user is not null && await flow.RefusalAsync(user, byPassword: true, ct) is null;
        Email = user?.Email;
        return Valid ? (row, user) : (null, null);
    }
}
