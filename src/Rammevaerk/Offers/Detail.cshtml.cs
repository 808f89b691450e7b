using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Publishing;

namespace Rammevaerk.Offers;

/// <summary>/tilbud/{id}?aar=…: one offer's figures for a year, as the offer list has them. Not who changed what.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class DetailModel(AppDb db, IConfiguration config) : PageModel
{
    public OfferSnapshot Offer { get; private set; } = null!;
    public int Year { get; private set; }
    public List<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int? aar, CancellationToken ct)
    {
        var region = OffersModule.Region(config);
        var revisions = db.OfferRevisions.AsNoTracking()
            .Where(r => r.OfferId == id && db.Operators.Any(o => o.Id == r.OperatorId && o.Region == region));
        Years = await revisions.Select(r => r.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        if (Years.Count == 0) return NotFound();
        Year = aar is int y && Years.Contains(y) ? y : Years[0];
        var json = await revisions.Where(r => r.Year == Year).OrderByDescending(r => r.Number).Select(r => r.SnapshotJson).FirstAsync(ct);
        Offer = OfferSnapshot.FromJson(json) with { OfferId = id };
        return Page();
    }
}
