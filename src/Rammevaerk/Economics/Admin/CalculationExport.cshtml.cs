using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Data;

namespace Rammevaerk.Economics.Admin;

/// <summary>/sekretariat/oekonomi/beregning/{id}/excel and …/csv: any saved calculation, for the secretariat.</summary>
public sealed class CalculationExportModel(AppDb db, AllocationCalculator calculator) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, string format, CancellationToken ct) =>
        new CalculationExporter(db, calculator).ExportAsync(id, format, decidedOnly: false, ct);
}
