using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Offers.Admin;

/// <summary>
/// /sekretariat/tilbud/{id}/historik: every revision of an offer with who, when, why and the year of its figures, and
/// what changed between two of them (?fra=1&amp;til=2; default the last two).
/// </summary>
public sealed class HistoryModel(AppDb db, IConfiguration config) : PageModel
{
    public sealed record Entry(OfferRevision Revision, OfferSnapshot Snapshot, List<FieldChange> ChangesFromPrevious);

    public string OfferName { get; private set; } = "";
    public int OfferId { get; private set; }
    public List<Entry> Entries { get; private set; } = [];
    public Entry? From { get; private set; }
    public Entry? To { get; private set; }
    public List<FieldChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int? fra, int? til, CancellationToken ct)
    {
        var region = OffersModule.Region(config);
        var offer = await db.Offers.AsNoTracking().Where(o => o.Id == id && o.Operator!.Region == region).Select(o => new { o.Id, o.Name }).SingleOrDefaultAsync(ct);
        if (offer is null) return NotFound();
        OfferId = offer.Id;
        OfferName = offer.Name;
        var municipalities = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Name, ct);
        var revisions = await db.OfferRevisions.AsNoTracking().Where(r => r.OfferId == id).OrderBy(r => r.Number).ToListAsync(ct);
        OfferSnapshot? previous = null;
        foreach (var r in revisions)
        {
            var snapshot = OfferSnapshot.FromJson(r.SnapshotJson);
            Entries.Add(new Entry(r, snapshot, previous is null ? [] : OfferDiff.Changes(previous, snapshot, municipalities)));
            previous = snapshot;
        }
        if (Entries.Count >= 2)
        {
            To = Entries.FirstOrDefault(e => e.Revision.Number == til) ?? Entries[^1];
            From = Entries.FirstOrDefault(e => e.Revision.Number == fra) ?? Entries.LastOrDefault(e => e.Revision.Number < To.Revision.Number) ?? Entries[0];
            Changes = OfferDiff.Changes(From.Snapshot, To.Snapshot, municipalities);
        }
        Entries.Reverse();
        return Page();
    }
}
