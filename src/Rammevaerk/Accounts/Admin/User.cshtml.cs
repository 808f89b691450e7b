using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Shared;

namespace Rammevaerk.Accounts.Admin;

/// <summary>
/// /sekretariat/brugere/{id}: one user — change name, role and operator or person (which ends their sessions), send
/// an invitation (again, or to link a provider), reset the password by e-mail, end sessions, turn off the second
/// factor, remove a provider link, lift a lock, disable or enable. One transaction per action.
/// </summary>
public sealed class UserModel(
    AppDb db, UserManager<AppUser> users, UserAdministration admin, SessionStore sessions, SignInGuard guard, AccountTokens tokens, AuditLog audit) : PageModel
{
    public AppUser Target { get; private set; } = null!;
    public string? Role { get; private set; }
    public bool IsSelf { get; private set; }
    public bool Locked { get; private set; }
    public DateTime? InvitationExpires { get; private set; }
    public IList<UserLoginInfo> Logins { get; private set; } = [];
    public List<UserSession> Live { get; private set; } = [];
    public List<SelectListItem> Operators { get; private set; } = [];
    public List<SelectListItem> Persons { get; private set; } = [];
    public string? Problem { get; private set; }

    /// <summary>The form; it posts as "User.*".</summary>
    public UserAdministration.UserInput Input { get; set; } = new();

    public UserFieldsView Fields => new(Input, "User", Operators, Persons, EmailEditable: false);
    public bool InvitationOpen { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = new UserAdministration.UserInput
        {
            Email = Target.Email, DisplayName = Target.DisplayName, Role = Role,
            Operator = await admin.OperatorValueAsync(Target, ct), Person = Target.PersonId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, [Bind(Prefix = "User")] UserAdministration.UserInput input, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        input.Email = Target.Email;
        Input = input;
        ModelState.Remove("User.Email");
        var ties = await admin.CheckAsync(input, ModelState, "User", ct);
        if (ties is not null && Role == Roles.Secretariat && ties.Role != Roles.Secretariat
            && await admin.LockOutRiskAsync(Target, users.GetUserId(User)!, removesSecretariat: true, ct) is { } risk)
        {
            ModelState.AddModelError("User.Role", risk);
        }
        if (ties is null || !ModelState.IsValid) return Page();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await admin.ChangeAsync(Target, AdminForms.Clean(input.DisplayName), ties, HttpContext, ct);
        await tx.CommitAsync(ct);
        return Done(changed is null ? "Der var ingen ændringer." : $"Brugeren er gemt ({changed})."
            + (changed is not null && (Role != ties.Role || changed.Contains("driftsherre")) ? " Brugeren er logget ud alle steder og får de nye rettigheder ved næste log ind." : ""));
    }

    public async Task<IActionResult> OnPostInviteAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Target.DisabledAt is not null) return Fail("Brugeren er deaktiveret. Genaktivér brugeren først.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await admin.SendInvitationAsync(Target, Role ?? Roles.Member, HttpContext, ct);
        audit.Add(db, SecurityEvents.UserInvited, $"{Target.Email}: ny invitation", HttpContext);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Done($"En ny invitation er lagt i udbakken til {Target.Email}. Tidligere invitationslinks virker ikke længere.");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (IsSelf) return Fail("Din egen adgangskode skifter du under Min konto › Skift adgangskode.");
        if (Target.DisabledAt is not null) return Fail("Brugeren er deaktiveret. Genaktivér brugeren først.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await admin.ResetPasswordAsync(Target, HttpContext, ct);
        await tx.CommitAsync(ct);
        return Done($"Adgangskoden til {Target.Email} er fjernet, brugeren er logget ud alle steder, og et link til at vælge en ny ligger i udbakken.");
    }

    public async Task<IActionResult> OnPostEndSessionsAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (IsSelf) return Fail("Dine egne sessioner afslutter du under Min konto › Sessioner.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ended = await admin.EndSessionsAsync(Target, HttpContext, ct);
        await tx.CommitAsync(ct);
        return Done(ended == 0 ? $"{Target.Email} var ikke logget ind." : $"{Target.Email} er logget ud {ended} {(ended == 1 ? "sted" : "steder")}.");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (IsSelf) return Fail("Din egen to-trinsbekræftelse ændrer du under Min konto.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await admin.ResetTwoFactorAsync(Target, HttpContext, ct);
        await tx.CommitAsync(ct);
        return Done($"To-trinsbekræftelsen for {Target.Email} er slået fra, og brugeren er logget ud. Kræver rollen den, sætter brugeren en ny app op ved næste log ind.");
    }

    public async Task<IActionResult> OnPostRemoveLoginAsync(string id, string provider, string key, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Logins.Any(l => l.LoginProvider == provider && l.ProviderKey == key)) return Fail("Koblingen findes ikke længere.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await admin.RemoveLoginAsync(Target, provider, key, HttpContext, ct);
        await tx.CommitAsync(ct);
        return Done($"Koblingen til {provider} er fjernet. Skal brugeren logge ind den vej igen, så send en ny invitation.");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await guard.ResetAsync(SignInGuard.AddressKey(Target.Email!), ct);
        await guard.ResetAsync(SignInGuard.CodeKey(Target.Id), ct);
        await audit.RecordAsync(SecurityEvents.Unlocked, $"{Target.Email}: spærringen ophævet af sekretariatet", HttpContext);
        return Done($"{Target.Email} kan logge ind igen.");
    }

    /// <summary>Disabling signs the person out everywhere at once, so it is confirmed on the form, not by one click.</summary>
    public async Task<IActionResult> OnPostDisableAsync(string id, [FromForm] bool confirmDisable, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await admin.LockOutRiskAsync(Target, users.GetUserId(User)!, removesSecretariat: false, ct) is { } risk) return Fail(risk);
        if (!confirmDisable)
        {
            ModelState.AddModelError("confirmDisable", $"Sæt flueben i «Ja, deaktivér {Target.Email}» for at deaktivere brugeren. Intet er ændret.");
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await admin.DisableAsync(Target, HttpContext, ct);
        await tx.CommitAsync(ct);
        return Done($"{Target.Email} er deaktiveret og logget ud alle steder. Brugeren kan ikke logge ind, før du genaktiverer den.");
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await admin.EnableAsync(Target, HttpContext, ct);
        await tx.CommitAsync(ct);
        return Done($"{Target.Email} er genaktiveret og kan logge ind igen.");
    }

    private IActionResult Done(string message)
    {
        TempData["Message"] = message;
        return Redirect($"/sekretariat/brugere/{Target.Id}");
    }

    private IActionResult Fail(string problem)
    {
        Problem = problem;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (id.Length > 450 || await users.FindByIdAsync(id) is not { } user) return false;
        Target = user;
        Role = (await users.GetRolesAsync(user)).FirstOrDefault();
        IsSelf = user.Id == users.GetUserId(User);
        Locked = await guard.LockedUntilAsync(SignInGuard.AddressKey(user.Email ?? ""), ct) is not null
                 || await guard.LockedUntilAsync(SignInGuard.CodeKey(user.Id), ct) is not null;
        InvitationExpires = await db.AccountTokens.Where(t => t.UserId == user.Id && t.Purpose == AccountTokenPurpose.Invitation)
            .Select(t => (DateTime?)t.ExpiresAt).MaxAsync(ct);
        InvitationOpen = await tokens.OpenInvitationExpiresAsync(user.Id, ct) is not null;
        Logins = await users.GetLoginsAsync(user);
        Live = await sessions.LiveAsync(user.Id, ct);
        Operators = await admin.OperatorChoicesAsync(ct);
        Persons = await admin.PersonChoicesAsync(ct);
        Input = new UserAdministration.UserInput { Email = user.Email, DisplayName = user.DisplayName, Role = Role };
        return true;
    }
}
