using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Publishing;

namespace Rammevaerk.Statistics;

/// <summary>/statistik: every published dataset with its table (totals), chart and exports.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class IndexModel(AppDb db) : PageModel
{
    public sealed record Entry(Dataset Dataset, PivotTable Table, PivotChoice Choice, PublicItemLink? Item);

    public List<Entry> Entries { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var datasets = await db.Datasets.AsNoTracking().Include(d => d.Values).Where(d => d.Published).OrderBy(d => d.Name).ToListAsync(ct);
        var links = await AgendaInsertion.PublicLinksAsync(db, datasets.Where(d => d.DecidedItemId != null).Select(d => d.DecidedItemId!.Value), ct);
        foreach (var d in datasets)
        {
            var choice = PivotChoice.Default(d);
            Entries.Add(new Entry(d, PivotTable.Build(d, choice), choice, d.DecidedItemId is int i && links.TryGetValue(i, out var l) ? l : null));
        }
    }
}
