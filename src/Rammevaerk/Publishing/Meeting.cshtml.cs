using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Publication;

namespace Rammevaerk.Publishing;

/// <summary>
/// A meeting's public page: header, numbered item list, then each item with its decision first. A published meeting
/// is shown from its public copy (the latest published version, decisions only in the minutes, withheld text replaced)
/// to everyone, the secretariat included; a draft only to the secretariat, from the working copy.
/// </summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class MeetingModel(AppDb db, MeetingAccess access) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public bool MayReadClosed { get; private set; }
    /// <summary>A signed-in member (or the secretariat) may read draft minutes that were sent for comment.</summary>
    public bool HasDraftMinutes { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var row = await MeetingAccess.VisibleTo(db.Meetings, User).Where(m => m.Id == id).Select(m => new { m.BodyId, m.State }).SingleOrDefaultAsync(ct);
        if (row is null) return NotFound();
        var view = row.State == MeetingState.Draft ? await MeetingView.LoadAsync(db, id, ct) : await PublicCopy.LoadAsync(db, id, ct);
        if (view is null) return NotFound();
        MayReadClosed = await access.MayReadClosedAsync(User, row.BodyId, ct);
        HasDraftMinutes = MayReadClosed && row.State == MeetingState.AgendaPublished && await db.DraftMinutes.AnyAsync(d => d.MeetingId == id, ct);
        Meeting = view.ForReader(MayReadClosed);
        ViewData["CasePaths"] = await Cases.CasePath.ForItemsAsync(db, id, ct);
        return Page();
    }
}
