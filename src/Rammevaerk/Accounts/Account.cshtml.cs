using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Accounts;

/// <summary>/konto: who the user is, how they sign in, where they are signed in.</summary>
public sealed class AccountModel(AppDb db, UserManager<AppUser> users, SessionStore sessions) : PageModel
{
    public AppUser Me { get; private set; } = null!;
    public IList<string> Roles { get; private set; } = [];
    public string? OperatorName { get; private set; }
    public string? PersonName { get; private set; }
    public bool HasPassword { get; private set; }
    public List<string> Logins { get; private set; } = [];
    public int SessionCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } me) return Challenge();
        Me = me;
        Roles = await users.GetRolesAsync(me);
        OperatorName = await UserAdministration.OperatorNameAsync(db, me, ct);
        PersonName = me.PersonId is int pid ? await db.Persons.Where(p => p.Id == pid).Select(p => p.Name).SingleOrDefaultAsync(ct) : null;
        HasPassword = me.PasswordHash is not null;
        Logins = (await users.GetLoginsAsync(me)).Select(l => $"{l.ProviderDisplayName ?? l.LoginProvider}: ja").ToList();
        SessionCount = (await sessions.LiveAsync(me.Id, ct)).Count;
        return Page();
    }
}
