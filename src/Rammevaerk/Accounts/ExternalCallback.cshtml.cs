using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>
/// /konto/ekstern/retur: where a validated provider sign-in lands (the OpenID Connect handler has already checked
/// state, nonce, PKCE, signature, issuer, audience, lifetime and tenant). An identity is linked to a user only
/// through an unused invitation; an unlinked identity is never given an account. Where the secretariat allows it,
/// the provider's claims set the role. Then <see cref="SignInFlow"/> decides on the second factor.
/// </summary>
public sealed class ExternalCallbackModel(
    AppDb db, UserManager<AppUser> users, AccountTokens tokens, SignInFlow flow, SignInRules rules, SessionStore sessions,
    AuditLog audit, IOptions<AccountSettings> options) : PageModel
{
    public string Problem { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!result.Succeeded || result.Properties?.Items.TryGetValue(ExternalProviders.ProviderItem, out var name) != true
            || name is null || !options.Value.Providers.TryGetValue(name, out var settings))
        {
            return await FailAsync("Log ind blev afbrudt eller var for gammel. Prøv igen.", null, "Intet gyldigt svar fra en udbyder");
        }
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var principal = result.Principal!;
        var display = settings.DisplayName ?? name;
        var subject = principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(subject)) return await FailAsync($"{display} sendte ikke, hvem du er. Prøv igen.", null, $"{name}: token uden sub");
        var externalEmail = principal.FindFirstValue("email") ?? principal.FindFirstValue("preferred_username");
        var who = $"{name}:{subject}" + (externalEmail is null ? "" : $" ({externalEmail})");
        var items = result.Properties!.Items;
        var returnUrl = items.TryGetValue(ExternalProviders.ReturnItem, out var r) ? r : null;

        var user = await users.FindByLoginAsync(name, subject);
        if (items.TryGetValue(ExternalProviders.InvitationItem, out var invitation) && invitation is not null)
        {
            var row = await tokens.FindValidAsync(invitation, AccountTokenPurpose.Invitation, ct);
            var invited = row is null ? null : await users.FindByIdAsync(row.UserId);
            if (row is null || invited is null)
                return await FailAsync("Invitationen er brugt eller udløbet. Bed sekretariatet om en ny invitation.", externalEmail, $"Invitation ugyldig for {who}");
            if (user is not null && user.Id != invited.Id)
                return await FailAsync($"Din konto hos {display} er allerede knyttet til en anden bruger i Rammeværk. Kontakt sekretariatet.", externalEmail, $"{who} er allerede knyttet til {user.Email}");
            if (await LinkAsync(row, invited, user is null, new UserLoginInfo(name, subject, display), who, ct) is { } linkProblem)
                return await FailAsync(linkProblem, externalEmail, $"Kunne ikke knytte {who}: {linkProblem}");
            user = invited;
        }
        if (user is null)
        {
            return await FailAsync($"Din konto hos {display} er ikke knyttet til en bruger i Rammeværk. Bed sekretariatet om en invitation; første gang du logger ind via invitationen, bliver kontoen knyttet til dig.",
                externalEmail, $"Ukendt identitet {who}");
        }
        if (await flow.RefusalAsync(user, byPassword: false, ct) is { } refusal) return await FailAsync(refusal, user.Email, $"{who}: {refusal}");
        if (await ApplyRoleMapAsync(user, name, settings, principal, ct) is { } roleProblem) return await FailAsync(roleProblem, user.Email, $"{who}: {roleProblem}");

        var amr = principal.FindAll("amr").Select(c => c.Value).ToList();
        var mfa = amr.Intersect(settings.EffectiveMfaValues, StringComparer.OrdinalIgnoreCase).Any();
        return await flow.ContinueAsync(user, new FirstFactor(display, name, mfa), returnUrl, HttpContext, ct);
    }

    /// <summary>
    /// Where the secretariat lets this provider set roles: the token's role claim, through the provider's role map,
    /// must name exactly one role, and the user must have what that role needs (a person for a member, an operator
    /// for an operator user). A change ends the user's sessions and is logged. Null when all is well.
    /// </summary>
    private async Task<string?> ApplyRoleMapAsync(AppUser user, string provider, ProviderSettings settings, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (settings.RoleMap.Count == 0 || !(await rules.ProviderAsync(provider, ct)).RolesFromProvider) return null;
        var mapped = principal.FindAll(settings.RoleClaim!).Select(c => settings.RoleMap.GetValueOrDefault(c.Value)).OfType<string>().Distinct().ToList();
        if (mapped.Count != 1)
            return mapped.Count == 0
                ? "Din organisation har ikke givet dig en rolle i Rammeværk. Kontakt din egen it-afdeling eller sekretariatet."
                : "Din organisation har givet dig flere roller i Rammeværk på én gang. Kontakt din egen it-afdeling eller sekretariatet.";
        var role = mapped[0];
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role) return null;
        if (current.Contains(Roles.Secretariat)) return null; // the secretariat's own role is never taken away by a provider
        if (role == Roles.Member && user.PersonId is null) return "Din organisation giver dig rollen medlem, men din bruger er ikke knyttet til en person. Kontakt sekretariatet.";
        if (role == Roles.Municipality && user.OperatorId is null && user.MunicipalityCode is null)
            return "Din organisation giver dig rollen som driftsherre, men din bruger er ikke knyttet til en driftsherre. Kontakt sekretariatet.";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        var ended = await sessions.EndAllAsync(user.Id, SessionEnd.RoleChanged, provider, ct: ct);
        audit.Add(db, SecurityEvents.RoleChanged, $"Af udbyderen {provider}: {string.Join(", ", current)} → {role}; {ended} sessioner afsluttet", HttpContext, user.Email);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Uses the invitation and links the identity, in one transaction; a Danish problem, or null.</summary>
    private async Task<string?> LinkAsync(AccountToken invitation, AppUser invited, bool addLogin, UserLoginInfo login, string who, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await tokens.UseAsync(invitation, ct)) return "Invitationen er lige blevet brugt. Log ind med knappen på siden Log ind.";
        if (addLogin)
        {
            var linked = await users.AddLoginAsync(invited, login);
            if (!linked.Succeeded) return string.Join(" ", linked.Errors.Select(e => e.Description));
        }
        invited.EmailConfirmed = true;
        await users.UpdateAsync(invited);
        audit.Add(db, SecurityEvents.InvitationUsed, $"{login.ProviderDisplayName} knyttet: {who}", HttpContext, invited.Email);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Shows the problem (403) and records it; called with no transaction open (SQLite allows one writer).</summary>
    private async Task<IActionResult> FailAsync(string message, string? userName, string detail)
    {
        db.ChangeTracker.Clear();
        Problem = message;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await audit.RecordAsync(SecurityEvents.SignInFailed, detail, HttpContext, userName);
        return Page();
    }
}
