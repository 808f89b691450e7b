using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>
/// /konto/invitation?token=…: the person the secretariat invited chooses how to sign in — a provider (linked to
/// this user at the first sign-in, <see cref="ExternalCallbackModel"/>) or a password where their role allows one.
/// The link works once and expires; using it twice or late says so in Danish.
/// </summary>
[EnableRateLimiting(AccountsModule.LinkLimit)]
public sealed class InvitationModel(AppDb db, UserManager<AppUser> users, AccountTokens tokens, SignInFlow flow, SignInRules rules, AuditLog audit) : PageModel
{
    public bool Valid { get; private set; }
    public string? Token { get; private set; }
    public string? Email { get; private set; }
    public string? Name { get; private set; }
    public string Role { get; private set; } = "";
    public string? Where { get; private set; }
    public bool PasswordAllowed { get; private set; }
    public IReadOnlyList<LoginModel.Provider> Providers { get; private set; } = [];
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
        if (!PasswordAllowed)
        {
            Errors["NewPassword"] = "Din rolle må ikke bruge adgangskode. Brug din organisations log ind.";
            return Page();
        }
        await PasswordRules.CheckAsync(users, user, newPassword, repeatPassword, Errors);
        if (Errors.Count > 0) return Page();

        var (used, problem) = await PasswordRules.SetFromLinkAsync(db, users, tokens, row, user, newPassword!, () =>
        {
            audit.Add(db, SecurityEvents.InvitationUsed, "Adgangskode valgt", HttpContext, user.Email);
            return Task.CompletedTask;
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
        TempData["AccountMessage"] = "Din adgangskode er gemt. Log ind for at komme i gang.";
        return Redirect("/konto/log-ind?email=" + Uri.EscapeDataString(user.Email!));
    }

    private async Task<(AccountToken?, AppUser?)> LoadAsync(string? token, CancellationToken ct)
    {
        Token = token;
        var row = await tokens.FindValidAsync(token, AccountTokenPurpose.Invitation, ct);
        var user = row is null ? null : await users.FindByIdAsync(row.UserId);
        Valid = user is not null && await flow.RefusalAsync(user, byPassword: false, ct) is null;
        if (!Valid) return (null, null);
        Email = user!.Email;
        Name = user.DisplayName;
        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        Role = role is null ? "bruger" : Roles.DanishName(role).ToLower(Shared.Danish.Culture);
        Where = await UserAdministration.OperatorNameAsync(db, user, ct);
        PasswordAllowed = await flow.PasswordAllowedAsync(user, ct);
        Providers = rules.Providers();
        return (row, user);
    }
}
