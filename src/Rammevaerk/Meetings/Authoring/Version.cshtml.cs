using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>An earlier published version of a meeting, as it stood, for the secretariat.</summary>
public sealed class VersionModel(AppDb db) : PageModel
{
    public MeetingVersion Version { get; private set; } = null!;
    public MeetingView Snapshot { get; private set; } = null!;
    public int Latest { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int version)
    {
        var v = await db.MeetingVersions.AsNoTracking().SingleOrDefaultAsync(x => x.MeetingId == id && x.Version == version);
        if (v is null) return NotFound();
        var snapshot = MeetingLifecycle.ReadSnapshot(v);
        if (snapshot is null) return NotFound();
        Version = v;
        Snapshot = snapshot;
        Latest = await db.MeetingVersions.Where(x => x.MeetingId == id).MaxAsync(x => x.Version);
        return Page();
    }
}
