using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Economics.Admin;

/// <summary>/sekretariat/oekonomi: every allocation, newest change first; the other calculations by kind; the p/l index.</summary>
public sealed class IndexModel(AppDb db) : PageModel
{
    public sealed record Line(int Id, string Name, AllocationMode Mode, decimal Amount, int? ReferenceYear, Rounding Rounding, int Participants, AllocationState State, DateTime UpdatedAt);

    public sealed record CalculationLine(int Id, string Name, CalculationKind Kind, AllocationState State, DateTime UpdatedAt);

    public List<Line> Allocations { get; private set; } = [];
    public List<CalculationLine> Calculations { get; private set; } = [];
    public int IndexYears { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var lines = await db.Allocations.AsNoTracking()
            .Select(a => new Line(a.Id, a.Name, a.Mode, a.Amount, a.ReferenceYear, a.Rounding, a.Participants.Count, a.State, a.UpdatedAt))
            .ToListAsync(ct);
        Allocations = lines.OrderByDescending(l => l.UpdatedAt).ToList();
        var calculations = await db.SavedCalculations.AsNoTracking()
            .Select(c => new CalculationLine(c.Id, c.Name, c.Kind, c.State, c.UpdatedAt)).ToListAsync(ct);
        Calculations = calculations.OrderBy(c => c.Kind).ThenByDescending(c => c.UpdatedAt).ToList();
        IndexYears = await db.PriceWageIndex.CountAsync(ct);
    }
}
