using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Data;

namespace Rammevaerk.Economics;

/// <summary>/oekonomi/beregning/{id}/excel and …/csv: a decided calculation, for anyone.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Rammevaerk.Publishing.PublishingModule.PublicPolicy)]
public sealed class CalculationExportModel(AppDb db, AllocationCalculator calculator) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, string format, CancellationToken ct) =>
        new CalculationExporter(db, calculator).ExportAsync(id, format, decidedOnly: true, ct);
}
