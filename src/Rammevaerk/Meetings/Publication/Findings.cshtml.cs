using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Publishing;

namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// The check over what is already public, on one page: text taken off the public site because it carries a CPR
/// number (it returns when a version without it is published), and the other findings in published minutes, which
/// are only listed (archived minutes stay as they were published).
/// </summary>
public sealed class FindingsModel(AppDb db, PublicCopy publicCopy, AuditLog audit) : PageModel
{
    public sealed record MeetingGroup(int MeetingId, string Body, string Title, DateTime StartsAt, int Version, bool Imported, List<PublicFinding> Findings);

    public List<MeetingGroup> Withheld { get; private set; } = [];
    public List<MeetingGroup> Others { get; private set; } = [];
    public int MeetingsChecked { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Checks every published meeting again now (after the rules changed, or to be sure).</summary>
    public async Task<IActionResult> OnPostRecheckAsync(CancellationToken ct)
    {
        var ids = await db.Meetings.Where(m => m.State != MeetingState.Draft).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        var withheld = 0;
        foreach (var id in ids)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            withheld += (await publicCopy.RefreshAsync(id, ct)).Withheld;
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        await audit.RecordAsync("Kontrol af det offentlige", $"{ids.Count} udgivne møder kontrolleret igen; {withheld} steder taget af den offentlige side (CPR-numre).", HttpContext);
        TempData["Message"] = $"{ids.Count} udgivne møder er kontrolleret igen. {(withheld == 0 ? "Intet er taget af den offentlige side." : $"{withheld} steder er taget af den offentlige side.")}";
        return Redirect("/sekretariat/udgivelser/kontrol");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MeetingsChecked = await db.PublicMeetings.CountAsync(ct);
        var findings = await db.PublicFindings.AsNoTracking()
            .OrderBy(f => f.Meeting.StartsAt).ThenBy(f => f.ItemNumber).ThenBy(f => f.Id)
            .Select(f => new { Finding = f, f.Meeting.Body.Name, f.Meeting.Title, f.Meeting.StartsAt, Imported = f.Meeting.ImportKey != null })
            .ToListAsync(ct);
        List<MeetingGroup> Group(bool withheld) => findings.Where(f => f.Finding.Withheld == withheld)
            .GroupBy(f => f.Finding.MeetingId)
            .Select(g => new MeetingGroup(g.Key, g.First().Name, g.First().Title, g.First().StartsAt, g.First().Finding.Version, g.First().Imported,
                g.Select(x => x.Finding).ToList()))
            .OrderByDescending(g => g.StartsAt).ToList();
        Withheld = Group(true);
        Others = Group(false);
    }
}
