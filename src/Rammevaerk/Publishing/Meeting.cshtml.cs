using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Publishing;

/// <summary>A meeting's public page: header, numbered item list, then each item with its decision first.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class MeetingModel(AppDb db, MeetingAccess access) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public bool MayReadClosed { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var bodyId = await MeetingAccess.VisibleTo(db.Meetings, User).Where(m => m.Id == id).Select(m => (int?)m.BodyId).SingleOrDefaultAsync(ct);
        if (bodyId is null) return NotFound();
        var view = await MeetingView.LoadAsync(db, id, ct);
        if (view is null) return NotFound();
        MayReadClosed = await access.MayReadClosedAsync(User, bodyId.Value, ct);
        Meeting = view.ForReader(MayReadClosed);
        ViewData["CasePaths"] = await Cases.CasePath.ForItemsAsync(db, id, ct);
        return Page();
    }
}
