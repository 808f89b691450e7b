using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts.Admin;

/// <summary>
/// Deleting an account asks first, naming the account and its roles, and is recorded in the security log. The
/// secretariat cannot delete itself or the last secretariat account, so it can never lock itself out.
/// </summary>
public sealed class DeleteUserModel(UserManager<AppUser> users, AuditLog audit) : PageModel
{
    public AppUser Account { get; private set; } = null!;
    public IList<string> AccountRoles { get; private set; } = [];
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            TempData["Message"] = "Brugeren var allerede slettet.";
            return Redirect("/sekretariat/brugere");
        }
        if (Refusal is not null) return Page();
        var what = $"{Account.Email} ({Account.DisplayName ?? "uden navn"}; {string.Join(", ", AccountRoles.Select(Roles.DanishName))})";
        var result = await users.DeleteAsync(Account);
        if (!result.Succeeded)
        {
            Refusal = "Brugeren kunne ikke slettes: " + string.Join(" ", result.Errors.Select(e => e.Description));
            return Page();
        }
        await audit.RecordAsync("Sletning af bruger", $"Brugeren {what} er slettet.", HttpContext);
        TempData["Message"] = $"Brugeren {Account.Email} er slettet.";
        return Redirect("/sekretariat/brugere");
    }

    private async Task<bool> LoadAsync(string id)
    {
        var account = await users.FindByIdAsync(id);
        if (account is null) return false;
        Account = account;
        AccountRoles = await users.GetRolesAsync(account);
        if (account.Id == users.GetUserId(User)) Refusal = "Du kan ikke slette din egen konto.";
        else if (AccountRoles.Contains(Roles.Secretariat) && (await users.GetUsersInRoleAsync(Roles.Secretariat)).Count <= 1)
            Refusal = "Det er den sidste sekretariatskonto; opret en anden, før den slettes.";
        return true;
    }
}
