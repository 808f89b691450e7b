using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Accounts.Admin;

/// <summary>
/// /sekretariat/brugere: every user with their state (active, invited, disabled, locked) and how they sign in; the
/// invitation form. A new user gets no password from the secretariat: the invitation lets them choose a provider
/// or a password themselves. One transaction per action.
/// </summary>
public sealed class UsersModel(AppDb db, UserAdministration admin, TimeProvider clock) : PageModel
{
    public sealed record UserRow(
        string Id, string? Email, string? DisplayName, List<string> Roles, string? Where, string State, List<string> SignIn, DateTime? LastSignIn);

    public List<UserRow> Users { get; private set; } = [];
    public List<SelectListItem> Operators { get; private set; } = [];
    public List<SelectListItem> Persons { get; private set; } = [];
    public string? CurrentUserId { get; private set; }

    /// <summary>The invitation form; it posts as "NewUser.*".</summary>
    public UserAdministration.UserInput NewUser { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostInviteAsync([Bind(Prefix = nameof(NewUser))] UserAdministration.UserInput input, CancellationToken ct)
    {
        NewUser = input;
        var email = input.Email?.Trim();
        var ties = await admin.CheckAsync(input, ModelState, nameof(NewUser), ct);
        if (!string.IsNullOrEmpty(email) && ModelState.GetFieldValidationState($"{nameof(NewUser)}.Email") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct))
        {
            ModelState.AddModelError($"{nameof(NewUser)}.Email", $"Der findes allerede en bruger med e-mailadressen '{email}'. Send en ny invitation fra brugerens side.");
        }
        if (!ModelState.IsValid || ties is null)
        {
            await LoadAsync(ct);
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await admin.InviteAsync(email!, AdminForms.Clean(input.DisplayName), ties, HttpContext, ct);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError($"{nameof(NewUser)}.Email", e.Description);
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            return Page();
        }
        await tx.CommitAsync(ct);
        TempData["Message"] = $"{email} er inviteret som {Roles.DanishName(ties.Role).ToLower(Danish.Culture)}. Invitationen ligger i udbakken og sendes, når en mailserver er sat op.";
        return Redirect("/sekretariat/brugere");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CurrentUserId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var accounts = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.OperatorId, u.MunicipalityCode, u.PasswordHash, u.TwoFactorEnabled, u.DisabledAt, u.NormalizedEmail })
            .ToListAsync(ct);
        var roleNames = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var logins = await db.UserLogins.AsNoTracking().Select(l => new { l.UserId, Name = l.ProviderDisplayName ?? l.LoginProvider }).ToListAsync(ct);
        var operators = await db.Operators.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var invited = await db.AccountTokens.AsNoTracking()
            .Where(t => t.Purpose == AccountTokenPurpose.Invitation && t.UsedAt == null && t.ExpiresAt > now)
            .GroupBy(t => t.UserId).Select(g => new { UserId = g.Key, Expires = g.Max(t => t.ExpiresAt) }).ToDictionaryAsync(x => x.UserId, x => x.Expires, ct);
        var lastSignIn = await db.UserSessions.AsNoTracking().GroupBy(s => s.UserId).Select(g => new { UserId = g.Key, At = g.Max(s => s.CreatedAt) })
            .ToDictionaryAsync(x => x.UserId, x => x.At, ct);
        var locks = (await db.SignInThrottles.AsNoTracking().Where(t => t.LockedUntil > now).Select(t => t.Key).ToListAsync(ct)).ToHashSet();

        Users = accounts.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Select(u =>
        {
            var where = u.OperatorId is int id && operators.TryGetValue(id, out var op) ? op.Name
                : u.MunicipalityCode is int code ? operators.Values.FirstOrDefault(o => o.MunicipalityCode == code)?.Name : null;
            var signIn = new List<string>();
            if (u.PasswordHash is not null) signIn.Add("Adgangskode");
            signIn.AddRange(logins.Where(l => l.UserId == u.Id).Select(l => l.Name));
            if (u.TwoFactorEnabled) signIn.Add("Authenticator-app");
            var state = u.DisabledAt is not null ? "Deaktiveret"
                : locks.Contains(SignInGuard.AddressKey(u.Email ?? "")) ? "Log ind spærret"
                : invited.TryGetValue(u.Id, out var expires) && u.PasswordHash is null && !logins.Any(l => l.UserId == u.Id) ? $"Inviteret (til {Danish.ShortDate(expires)})"
                : u.PasswordHash is null && !logins.Any(l => l.UserId == u.Id) ? "Har ingen måde at logge ind på"
                : "Aktiv";
            return new UserRow(u.Id, u.Email, u.DisplayName,
                roleNames.Where(r => r.UserId == u.Id && r.Name != null).Select(r => r.Name!).Order().ToList(),
                where, state, signIn, lastSignIn.TryGetValue(u.Id, out var at) ? at : null);
        }).ToList();
        Operators = await admin.OperatorChoicesAsync(ct);
        Persons = await admin.PersonChoicesAsync(ct);
    }
}

/// <summary>The user form's fields (shared by the invitation and the user's page).</summary>
public sealed record UserFieldsView(
    UserAdministration.UserInput Input, string Prefix, List<SelectListItem> Operators, List<SelectListItem> Persons, bool EmailEditable);
