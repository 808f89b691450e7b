using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics;

namespace Rammevaerk.Statistics;

/// <summary>/statistik/{id}/excel and …/csv: a published dataset's values (the secretariat's twin serves any).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Rammevaerk.Publishing.PublishingModule.PublicPolicy)]
public sealed class ExportModel(AppDb db) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, string format, CancellationToken ct) => ServeAsync(db, id, format, publishedOnly: true, ct);

    public static async Task<IActionResult> ServeAsync(AppDb db, int id, string format, bool publishedOnly, CancellationToken ct)
    {
        if (format is not ("excel" or "csv")) return new NotFoundResult();
        var d = await db.Datasets.AsNoTracking().Include(x => x.Values).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null || (publishedOnly && !d.Published)) return new NotFoundResult();
        return format == "excel"
            ? new FileContentResult(DatasetFile.Xlsx(d), AllocationExporter.XlsxType) { FileDownloadName = DatasetFile.FileName(d, "xlsx") }
            : new FileContentResult(DatasetFile.Csv(d), Shared.Csv.ContentType) { FileDownloadName = DatasetFile.FileName(d, "csv") };
    }
}
