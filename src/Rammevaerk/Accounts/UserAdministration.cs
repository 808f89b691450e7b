using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;
using Rammevaerk.Shared;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Accounts;

/// <summary>
/// What the secretariat does to users, each step adding to the caller's transaction: invite (a user without a
/// password and a single-use link), change role and ties, disable or enable, send a reset link, end sessions,
/// turn off the second factor. Anything that changes what a user may do ends their sessions at once. The
/// secretariat cannot lock itself out: no one disables themself or takes away their own role, and the last active
/// secretariat user stays.
/// </summary>
public sealed class UserAdministration(
    AppDb db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, AccountTokens tokens, AccountMails mails, SessionStore sessions,
    TwoFactor twoFactor, AuditLog audit, IOptions<AccountSettings> options, IConfiguration config, TimeProvider clock)
{
    /// <summary>The secretariat's form for a user (posted as "User.*"): who they are and what they may do.</summary>
    public sealed class UserInput
    {
        public const int EmailLength = 256;
        public const int DisplayNameLength = 200;

        [Required(ErrorMessage = "Skriv brugerens e-mailadresse.")]
        [MaxText(EmailLength, "E-mailadressen")]
        [EmailAddress(ErrorMessage = "E-mailadressen er ikke gyldig, fx navn@kommune.dk.")]
        public string? Email { get; set; }

        [MaxText(DisplayNameLength, "Navnet")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Vælg brugerens rolle.")]
        public string? Role { get; set; }

        /// <summary>Operator id; used for the role Kommune only.</summary>
        public string? Operator { get; set; }

        /// <summary>Person id; used for the role Medlem only.</summary>
        public string? Person { get; set; }
    }

    /// <summary>What a valid form means for the user's row.</summary>
    public sealed record Ties(string Role, int? OperatorId, int? MunicipalityCode, int? PersonId);

    public string Region => config["Rammevaerk:Region"] is { Length: > 0 } r ? r : "Region Syddanmark";

    /// <summary>
    /// Checks the role and its tie (an operator of the region for Kommune, a person for Medlem), adding Danish
    /// messages at the fields under <paramref name="prefix"/>. Null when something is wrong.
    /// </summary>
    public async Task<Ties?> CheckAsync(UserInput input, ModelStateDictionary state, string prefix, CancellationToken ct = default)
    {
        string Key(string field) => $"{prefix}.{field}";
        var role = Roles.All.FirstOrDefault(r => r == input.Role);
        if (input.Role is not null && role is null) state.AddModelError(Key(nameof(input.Role)), "Vælg en af de viste roller.");

        int? operatorId = null, municipalityCode = null, personId = null;
        if (role == Roles.Municipality)
        {
            var id = ParseId(input.Operator);
            var op = id is null ? null : await db.Operators.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.Region == Region && o.Kind != OperatorKind.Private, ct);
            if (string.IsNullOrWhiteSpace(input.Operator)) state.AddModelError(Key(nameof(input.Operator)), "Vælg den driftsherre (kommune eller region), brugeren arbejder for.");
            else if (op is null) state.AddModelError(Key(nameof(input.Operator)), $"Vælg en af driftsherrerne i {Region} fra listen.");
            else (operatorId, municipalityCode) = (op.Id, op.MunicipalityCode);
        }
        if (role == Roles.Member)
        {
            personId = ParseId(input.Person);
            if (string.IsNullOrWhiteSpace(input.Person))
                state.AddModelError(Key(nameof(input.Person)), "Vælg den person, brugeren er. Et medlem læser lukkede punkter i de udvalg, personen sidder i.");
            else if (personId is null || !await db.Persons.AnyAsync(p => p.Id == personId, ct))
                state.AddModelError(Key(nameof(input.Person)), "Den valgte person findes ikke. Opret personen under Udvalg og personer først.");
        }
        return role is null || !state.IsValid ? null : new Ties(role, operatorId, municipalityCode, personId);
    }

    /// <summary>Creates the user without a password, gives the role, and sends the invitation. The caller commits.</summary>
    public async Task<IdentityResult> InviteAsync(string email, string? displayName, Ties ties, HttpContext http, CancellationToken ct = default)
    {
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = false, DisplayName = displayName,
            OperatorId = ties.OperatorId, MunicipalityCode = ties.MunicipalityCode, PersonId = ties.PersonId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return created;
        if (!await roles.RoleExistsAsync(ties.Role)) await roles.CreateAsync(new IdentityRole(ties.Role));
        var added = await users.AddToRoleAsync(user, ties.Role);
        if (!added.Succeeded) return added;
        await SendInvitationAsync(user, ties.Role, http, ct);
        audit.Add(db, SecurityEvents.UserInvited, $"{email} som {Roles.DanishName(ties.Role)}{await WhereAsync(user, ct)}", http);
        await db.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    /// <summary>A new invitation link for an existing user (again, or to link a provider); older links stop working.</summary>
    public async Task SendInvitationAsync(AppUser user, string role, HttpContext http, CancellationToken ct = default)
    {
        var by = http.User.Identity?.Name ?? "sekretariatet";
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.Invitation, TimeSpan.FromDays(options.Value.InvitationDays), by, ct);
        await mails.InvitationAsync(user, token, role, await OperatorNameAsync(db, user, ct), by, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Saves the name, role and ties. A change of role, operator or person ends the user's sessions (the next
    /// request signs them out). Returns what changed, in Danish, or null when nothing did.
    /// </summary>
    public async Task<string?> ChangeAsync(AppUser user, string? displayName, Ties ties, HttpContext http, CancellationToken ct = default)
    {
        var current = await users.GetRolesAsync(user);
        var changes = new List<string>();
        if (displayName != user.DisplayName) changes.Add($"navn: {user.DisplayName ?? "–"} → {displayName ?? "–"}");
        var roleChanged = current.Count != 1 || current[0] != ties.Role;
        var tiesChanged = user.OperatorId != ties.OperatorId || user.MunicipalityCode != ties.MunicipalityCode || user.PersonId != ties.PersonId;
        if (roleChanged) changes.Add($"rolle: {string.Join(", ", current.Select(Roles.DanishName))} → {Roles.DanishName(ties.Role)}");
        if (tiesChanged) changes.Add("driftsherre eller person ændret");
        if (changes.Count == 0) return null;

        user.DisplayName = displayName;
        user.OperatorId = ties.OperatorId;
        user.MunicipalityCode = ties.MunicipalityCode;
        user.PersonId = ties.PersonId;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) throw new InvalidOperationException(string.Join(" ", updated.Errors.Select(e => e.Description)));
        if (roleChanged)
        {
            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, ties.Role);
        }
        var detail = $"{user.Email}: {string.Join("; ", changes)}";
        if (roleChanged || tiesChanged)
        {
            var ended = await sessions.EndAllAsync(user.Id, SessionEnd.RoleChanged, http.User.Identity?.Name, ct: ct);
            detail += ended > 0 ? $"; {ended} sessioner afsluttet" : "";
        }
        audit.Add(db, roleChanged ? SecurityEvents.RoleChanged : SecurityEvents.UserChanged, detail, http);
        await db.SaveChangesAsync(ct);
        return string.Join("; ", changes);
    }

    public async Task DisableAsync(AppUser user, HttpContext http, CancellationToken ct = default)
    {
        user.DisabledAt = clock.GetUtcNow().UtcDateTime;
        user.DisabledBy = http.User.Identity?.Name;
        await users.UpdateAsync(user);
        var ended = await sessions.EndAllAsync(user.Id, SessionEnd.Disabled, http.User.Identity?.Name, ct: ct);
        await db.AccountTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, user.DisabledAt), ct);
        audit.Add(db, SecurityEvents.UserDisabled, $"{user.Email}; {ended} sessioner afsluttet, åbne links annulleret", http);
        await db.SaveChangesAsync(ct);
    }

    public async Task EnableAsync(AppUser user, HttpContext http, CancellationToken ct = default)
    {
        user.DisabledAt = null;
        user.DisabledBy = null;
        await users.UpdateAsync(user);
        audit.Add(db, SecurityEvents.UserEnabled, user.Email, http);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes the password, ends every session, and mails a single-use link to choose a new one.</summary>
    public async Task ResetPasswordAsync(AppUser user, HttpContext http, CancellationToken ct = default)
    {
        if (user.PasswordHash is not null) await users.RemovePasswordAsync(user);
        var ended = await sessions.EndAllAsync(user.Id, SessionEnd.PasswordReset, http.User.Identity?.Name, ct: ct);
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.PasswordReset, TimeSpan.FromMinutes(options.Value.PasswordResetMinutes), http.User.Identity?.Name, ct);
        await mails.PasswordResetAsync(user, token, bySecretariat: true, ct);
        audit.Add(db, SecurityEvents.PasswordReset, $"{user.Email}: adgangskoden fjernet, link sendt; {ended} sessioner afsluttet", http);
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> EndSessionsAsync(AppUser user, HttpContext http, CancellationToken ct = default)
    {
        var ended = await sessions.EndAllAsync(user.Id, SessionEnd.EndedBySecretariat, http.User.Identity?.Name, ct: ct);
        audit.Add(db, SecurityEvents.SessionEndedByOther, $"{user.Email}: {ended} sessioner afsluttet af sekretariatet", http);
        await db.SaveChangesAsync(ct);
        return ended;
    }

    /// <summary>For a lost phone: turns the authenticator off (a required one is set up again at the next sign-in).</summary>
    public async Task ResetTwoFactorAsync(AppUser user, HttpContext http, CancellationToken ct = default)
    {
        await twoFactor.DisableAsync(user);
        var ended = await sessions.EndAllAsync(user.Id, SessionEnd.TwoFactorChanged, http.User.Identity?.Name, ct: ct);
        audit.Add(db, SecurityEvents.TwoFactorChanged, $"{user.Email}: to-trinsbekræftelse nulstillet af sekretariatet; {ended} sessioner afsluttet", http);
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveLoginAsync(AppUser user, string provider, string key, HttpContext http, CancellationToken ct = default)
    {
        await users.RemoveLoginAsync(user, provider, key);
        var ended = await sessions.EndAllAsync(user.Id, SessionEnd.EndedBySecretariat, http.User.Identity?.Name, ct: ct);
        audit.Add(db, SecurityEvents.ExternalLoginRemoved, $"{user.Email}: {provider} fjernet; {ended} sessioner afsluttet", http);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Why the acting secretariat user may not disable <paramref name="user"/> or take the secretariat's role from
    /// them, or null: not themself, and never the last active secretariat user.
    /// </summary>
    public async Task<string?> LockOutRiskAsync(AppUser user, string actingUserId, bool removesSecretariat, CancellationToken ct = default)
    {
        if (user.Id == actingUserId) return removesSecretariat
            ? "Du kan ikke fjerne sekretariatsrollen fra dig selv. Bed en anden i sekretariatet om det."
            : "Du kan ikke deaktivere dig selv. Bed en anden i sekretariatet om det.";
        if (!await users.IsInRoleAsync(user, Roles.Secretariat)) return null;
        var others = (await users.GetUsersInRoleAsync(Roles.Secretariat)).Count(u => u.Id != user.Id && u.DisabledAt is null);
        return others == 0 ? "Det er den sidste aktive bruger i sekretariatet. Opret eller genaktivér en anden først." : null;
    }

    /// <summary>"Varde Kommune", "Region Syddanmark" (an operator user's operator), or null.</summary>
    public static async Task<string?> OperatorNameAsync(AppDb db, AppUser user, CancellationToken ct = default)
    {
        if (user.OperatorId is int id) return await db.Operators.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct);
        if (user.MunicipalityCode is int code)
            return await db.Operators.Where(o => o.MunicipalityCode == code).Select(o => o.Name).FirstOrDefaultAsync(ct)
                ?? await db.Municipalities.Where(m => m.Code == code).Select(m => m.Name + " Kommune").SingleOrDefaultAsync(ct);
        return null;
    }

    /// <summary>The region's operators (its municipalities, then the region), as select options (value = operator id).</summary>
    public async Task<List<SelectListItem>> OperatorChoicesAsync(CancellationToken ct = default) =>
        (await db.Operators.AsNoTracking().Where(o => o.Region == Region && o.Kind != OperatorKind.Private)
            .Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(ct))
        .OrderBy(o => o.Kind == OperatorKind.Region).ThenBy(o => o.Name, StringComparer.Create(Danish.Culture, true))
        .Select(o => new SelectListItem(o.Name, o.Id.ToString(CultureInfo.InvariantCulture)))
        .ToList();

    public async Task<List<SelectListItem>> PersonChoicesAsync(CancellationToken ct = default) =>
        (await db.Persons.AsNoTracking().Select(p => new { p.Id, p.Name, p.JobTitle }).ToListAsync(ct))
        .OrderBy(p => p.Name, StringComparer.Create(Danish.Culture, ignoreCase: true))
        .Select(p => new SelectListItem(p.JobTitle is null ? p.Name : $"{p.Name} ({p.JobTitle})", p.Id.ToString(CultureInfo.InvariantCulture)))
        .ToList();

    /// <summary>The operator id a user's form shows: their operator, or their municipality's.</summary>
    public async Task<string?> OperatorValueAsync(AppUser user, CancellationToken ct = default)
    {
        if (user.OperatorId is int id) return id.ToString(CultureInfo.InvariantCulture);
        if (user.MunicipalityCode is not int code) return null;
        var op = await db.Operators.Where(o => o.MunicipalityCode == code).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        return op?.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> WhereAsync(AppUser user, CancellationToken ct) =>
        await OperatorNameAsync(db, user, ct) is { } name ? $" for {name}" : "";

    private static int? ParseId(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
