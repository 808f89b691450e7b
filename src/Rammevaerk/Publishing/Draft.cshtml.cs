using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Publication;
using Rammevaerk.Notifications;

namespace Rammevaerk.Publishing;

/// <summary>
/// The draft minutes for the body's members (and the secretariat): the latest round sent, decisions included, and a
/// form to comment on an item or on the whole. Never cached, never public; anyone else signed in is refused and the
/// attempt is in the security log. Who may open it at all (members, secretariat) is in Accounts/AccessTable.cs.
/// </summary>
public sealed class DraftModel(AppDb db, MeetingAccess access, DraftMinutesService drafts, UserManager<AppUser> users, AuditLog audit) : PageModel
{
    public DraftMinutes? Draft { get; private set; }
    public MeetingView Meeting { get; private set; } = null!;
    public string? Problem { get; private set; }
    public bool MinutesPublished { get; private set; }

    [BindProperty]
    public int? ItemId { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Problem = await drafts.CommentAsync(id, ItemId, Text, user.Id, user.DisplayName ?? user.Email ?? user.UserName ?? "Medlem", ct);
        if (Problem is not null)
        {
            await LoadAsync(id, ct);
            return Page();
        }
        TempData["Message"] = "Tak. Din bemærkning er sendt til sekretariatet.";
        return Redirect($"/moeder/{id}/udkast#bemaerkninger");
    }

    /// <summary>Loads the latest round; a result when the reader may not see it (404 or 403).</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.BodyId, m.State }).SingleOrDefaultAsync(ct);
        if (meeting is null) return NotFound();
        if (!await access.MayReadClosedAsync(User, meeting.BodyId, ct))
        {
            await audit.RecordAsync(SecurityEvents.RefusedRole, $"Udkast til referat, møde {id}: kun udvalgets medlemmer og sekretariatet læser udkastet.", HttpContext);
            return Forbid();
        }
        Draft = await drafts.LatestAsync(id, ct);
        if (Draft is null) return NotFound();
        Meeting = MeetingLifecycle.ReadSnapshot(Draft.SnapshotJson)!;
        MinutesPublished = meeting.State == MeetingState.MinutesPublished;
        Response.Headers.CacheControl = "private, no-store";
        return null;
    }
}
