using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Publication;

/// <summary>The working copy as the meeting page would show it, decisions included: what the next publication (or the draft minutes) would carry.</summary>
public sealed class PreviewModel(AppDb db) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var view = await MeetingView.LoadAsync(db, id, ct);
        if (view is null) return NotFound();
        Meeting = view;
        return Page();
    }
}
