using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Publishing;

namespace Rammevaerk.Statistics;

/// <summary>/statistik/{id}: one published dataset, its table turned as the reader chooses, the chart and exports.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class DetailModel(AppDb db) : PageModel
{
    public Dataset Dataset { get; private set; } = null!;
    public PivotTable Table { get; private set; } = null!;
    public PivotChoice Choice { get; private set; } = null!;
    public PublicItemLink? Item { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? raekker, int? kolonner, string? filter, CancellationToken ct)
    {
        var d = await db.Datasets.AsNoTracking().Include(x => x.Values).SingleOrDefaultAsync(x => x.Id == id && x.Published, ct);
        if (d is null) return NotFound();
        Dataset = d;
        Choice = PivotChoice.For(d, raekker, kolonner, filter);
        Table = PivotTable.Build(d, Choice);
        if (d.DecidedItemId is int item) Item = (await AgendaInsertion.PublicLinksAsync(db, [item], ct)).GetValueOrDefault(item);
        return Page();
    }
}
