using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>/konto/sessioner: the user's live sessions; end one, all others, or all ("log ud overalt").</summary>
public sealed class SessionsModel(SessionStore sessions, SignInFlow flow, UserManager<AppUser> users, AuditLog audit, IOptions<AccountSettings> options) : PageModel
{
    public List<UserSession> Live { get; private set; } = [];
    public Guid? CurrentId { get; private set; }
    public int IdleMinutes => options.Value.IdleMinutes;
    public int AbsoluteHours => options.Value.AbsoluteHours;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct)
    {
        var me = users.GetUserId(User)!;
        if (id == SessionStore.IdOf(User))
        {
            await flow.SignOutAsync(HttpContext, ct);
            TempData["Message"] = "Du er logget ud.";
            return LocalRedirect("/");
        }
        if (await sessions.EndAsync(id, me, SessionEnd.EndedByUser, null, ct))
        {
            await audit.RecordAsync(SecurityEvents.SessionsEnded, "En anden session afsluttet af brugeren selv", HttpContext);
            TempData["Message"] = "Sessionen er afsluttet. Den browser er logget ud.";
        }
        return Redirect("/konto/sessioner");
    }

    public async Task<IActionResult> OnPostOthersAsync(CancellationToken ct)
    {
        var ended = await sessions.EndAllAsync(users.GetUserId(User)!, SessionEnd.EndedByUser, null, except: SessionStore.IdOf(User), ct);
        await audit.RecordAsync(SecurityEvents.SessionsEnded, $"Alle andre sessioner afsluttet af brugeren selv ({ended})", HttpContext);
        TempData["Message"] = ended == 0 ? "Du var ikke logget ind andre steder." : $"Du er logget ud {ended} andre steder.";
        return Redirect("/konto/sessioner");
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken ct)
    {
        var ended = await sessions.EndAllAsync(users.GetUserId(User)!, SessionEnd.SignedOutEverywhere, null, ct: ct);
        await audit.RecordAsync(SecurityEvents.SignOut, $"Log ud overalt ({ended} sessioner)", HttpContext);
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        TempData["Message"] = "Du er logget ud overalt.";
        return LocalRedirect("/");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CurrentId = SessionStore.IdOf(User);
        Live = await sessions.LiveAsync(users.GetUserId(User)!, ct);
    }
}
