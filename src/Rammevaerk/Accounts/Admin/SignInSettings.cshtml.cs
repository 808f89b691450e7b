using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts.Admin;

/// <summary>
/// /sekretariat/log-ind-indstillinger: the secretariat's sign-in rules. Per role: may its users use a password
/// (turning it off is refused while an active user of the role has no provider to sign in with, so nobody is shut
/// out). Per provider: take roles from its claims (only with a role map in the settings), and ask for Rammeværk's
/// own code when the provider's token shows no MFA. The providers themselves, and the session lifetimes, are
/// settings, shown here read-only.
/// </summary>
public sealed class SignInSettingsModel(AppDb db, SignInRules rules, AuditLog audit, IOptions<AccountSettings> options, TimeProvider clock) : PageModel
{
    public sealed record ProviderView(string Name, string DisplayName, ProviderSettings Settings, ProviderSignInRule Rule);

    public Dictionary<string, bool> Passwords { get; private set; } = [];
    public List<ProviderView> Providers { get; private set; } = [];
    public AccountSettings Settings => options.Value;
    public List<string> Problems { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Posts <c>password</c> (the roles that may use one) and <c>roles</c>/<c>code</c> (the providers ticked).</summary>
    public async Task<IActionResult> OnPostAsync(string[]? password, string[]? roles, string[]? code, CancellationToken ct)
    {
        await LoadAsync(ct);
        var allowed = (password ?? []).ToHashSet();
        var rolesFrom = (roles ?? []).ToHashSet();
        var codeFor = (code ?? []).ToHashSet();
        foreach (var role in Roles.All.Where(r => !allowed.Contains(r) && Passwords[r]))
        {
            var stranded = await db.Users.CountAsync(u => u.DisabledAt == null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(x => x.Id == ur.RoleId && x.Name == role))
                && !db.UserLogins.Any(l => l.UserId == u.Id), ct);
            if (stranded > 0)
                Problems.Add($"Adgangskoder kan ikke slås fra for rollen {Roles.DanishName(role).ToLower(Shared.Danish.Culture)}: {stranded} aktive {(stranded == 1 ? "bruger" : "brugere")} med rollen kan ikke logge ind på anden måde. Send dem en invitation til at knytte deres organisations log ind først.");
        }
        foreach (var p in Providers.Where(p => rolesFrom.Contains(p.Name) && p.Settings.RoleMap.Count == 0))
            Problems.Add($"{p.DisplayName} har ingen rolletabel (RoleMap) i indstillingerne, så roller kan ikke tages fra udbyderen.");
        if (Problems.Count > 0) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var by = User.Identity?.Name;
        var changes = new List<string>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var role in Roles.All)
        {
            var value = allowed.Contains(role);
            if (value == Passwords[role]) continue;
            var row = await db.RoleSignInRules.SingleOrDefaultAsync(r => r.Role == role, ct);
            if (row is null) db.RoleSignInRules.Add(row = new RoleSignInRule { Role = role });
            (row.PasswordAllowed, row.ChangedAt, row.ChangedBy) = (value, now, by);
            changes.Add($"{Roles.DanishName(role)}: adgangskode {(value ? "tilladt" : "slået fra")}");
        }
        foreach (var p in Providers)
        {
            var (fromRoles, withCode) = (rolesFrom.Contains(p.Name), codeFor.Contains(p.Name));
            if (fromRoles == p.Rule.RolesFromProvider && withCode == p.Rule.RequireTwoFactor) continue;
            var row = await db.ProviderSignInRules.SingleOrDefaultAsync(r => r.Provider == p.Name, ct);
            if (row is null) db.ProviderSignInRules.Add(row = new ProviderSignInRule { Provider = p.Name });
            (row.RolesFromProvider, row.RequireTwoFactor, row.ChangedAt, row.ChangedBy) = (fromRoles, withCode, now, by);
            changes.Add($"{p.DisplayName}: roller fra udbyderen {(fromRoles ? "til" : "fra")}, egen kode uden MFA {(withCode ? "krævet" : "ikke krævet")}");
        }
        if (changes.Count > 0) audit.Add(db, SecurityEvents.SignInSettingsChanged, string.Join("; ", changes), HttpContext);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["Message"] = changes.Count == 0 ? "Der var ingen ændringer." : "Log ind-indstillingerne er gemt.";
        return Redirect("/sekretariat/log-ind-indstillinger");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Passwords = await rules.PasswordsByRoleAsync(ct);
        Providers = [];
        foreach (var p in rules.Providers())
            Providers.Add(new ProviderView(p.Name, p.DisplayName, rules.Settings(p.Name)!, await rules.ProviderAsync(p.Name, ct)));
    }
}
