using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Data;

namespace Rammevaerk.Statistics.Admin;

/// <summary>/sekretariat/statistik/{id}/excel and …/csv: any dataset's values, in the shape an upload takes.</summary>
public sealed class ExportModel(AppDb db) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, string format, CancellationToken ct) => Statistics.ExportModel.ServeAsync(db, id, format, publishedOnly: false, ct);
}
