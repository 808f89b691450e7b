using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Statistics.Admin;

/// <summary>/sekretariat/statistik: the datasets, published or not.</summary>
public sealed class IndexModel(AppDb db) : PageModel
{
    public sealed record Row(int Id, string Name, string Dimensions, string Measure, int Values, bool Published);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var list = await db.Datasets.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new { d.Id, d.Name, d.Dimension1, d.Dimension2, d.Dimension3, d.MeasureName, Count = d.Values.Count, d.Published }).ToListAsync(ct);
        Rows = list.Select(d => new Row(d.Id, d.Name, string.Join(", ", new[] { d.Dimension1, d.Dimension2, d.Dimension3 }.OfType<string>()), d.MeasureName, d.Count, d.Published)).ToList();
    }
}
