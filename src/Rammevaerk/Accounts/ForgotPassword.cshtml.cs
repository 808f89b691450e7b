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
/// /konto/glemt-adgangskode: always the same answer, whether or not the address has an account. A user who may use
/// a password gets a single-use reset link; one whose role signs in through a provider is told so; a disabled user
/// or an unknown address gets nothing.
/// </summary>
[EnableRateLimiting(AccountsModule.LinkLimit)]
public sealed class ForgotPasswordModel(
    AppDb db, UserManager<AppUser> users, SignInFlow flow, AccountTokens tokens, AccountMails mails, AuditLog audit,
    IOptions<AccountSettings> options) : PageModel
{
    public string? Email { get; private set; }
    public string? Error { get; private set; }
    public bool Sent { get; private set; }
    public int Minutes => options.Value.PasswordResetMinutes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken ct)
    {
        Email = email?.Trim();
        if (string.IsNullOrEmpty(Email) || Email.Length > 256 || !new EmailAddressAttribute().IsValid(Email))
        {
            Error = string.IsNullOrEmpty(Email) ? "Skriv din e-mailadresse." : "E-mailadressen er ikke gyldig, fx navn@kommune.dk.";
            return Page();
        }
        var user = await users.FindByEmailAsync(Email);
        if (user is not null && await flow.RefusalAsync(user, byPassword: false, ct) is null)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await flow.PasswordAllowedAsync(user, ct))
            {
                var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.PasswordReset, TimeSpan.FromMinutes(Minutes), null, ct);
                await mails.PasswordResetAsync(user, token, bySecretariat: false, ct);
            }
            else
            {
                await mails.NoPasswordAsync(user, options.Value.Providers.Values.Select(p => p.DisplayName ?? "din organisations log ind"), ct);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync(SecurityEvents.PasswordResetSent, user is null ? "Bedt om til en adresse uden bruger: intet sendt" : "Bedt om af brugeren selv", HttpContext, Email);
        Sent = true;
        return Page();
    }
}
