using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Economics.Admin;

/// <summary>/sekretariat/oekonomi: every allocation, newest change first.</summary>
public sealed class IndexModel(AppDb db) : PageModel
{
    public sealed record Line(int Id, string Name, AllocationMode Mode, decimal Amount, int? ReferenceYear, Rounding Rounding, int Participants, AllocationState State, DateTime UpdatedAt);

    public List<Line> Allocations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var lines = await db.Allocations.AsNoTracking()
            .Select(a => new Line(a.Id, a.Name, a.Mode, a.Amount, a.ReferenceYear, a.Rounding, a.Participants.Count, a.State, a.UpdatedAt))
            .ToListAsync(ct);
        Allocations = lines.OrderByDescending(l => l.UpdatedAt).ToList();
    }
}
