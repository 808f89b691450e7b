using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rammevaerk.Economics;

/// <summary>/oekonomi/{id}/excel and …/csv: a decided allocation, for anyone.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Rammevaerk.Publishing.PublishingModule.PublicPolicy)]
public sealed class ExportModel(AllocationExporter exporter) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, string format, CancellationToken ct) => exporter.ExportAsync(id, format, decidedOnly: true, ct);
}
