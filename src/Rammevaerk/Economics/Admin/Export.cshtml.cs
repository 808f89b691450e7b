using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rammevaerk.Economics.Admin;

/// <summary>/sekretariat/oekonomi/{id}/excel and …/csv: any allocation, for the secretariat.</summary>
public sealed class ExportModel(AllocationExporter exporter) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, string format, CancellationToken ct) => exporter.ExportAsync(id, format, decidedOnly: false, ct);
}
