using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Economics;

/// <summary>Serves a saved calculation as .xlsx or .csv (the secretariat any, the public only decided ones).</summary>
public sealed class CalculationExporter(AppDb db, AllocationCalculator calculator)
{
    public async Task<IActionResult> ExportAsync(int id, string format, bool decidedOnly, CancellationToken ct)
    {
        if (format is not ("excel" or "csv")) return new NotFoundResult();
        var saved = await db.SavedCalculations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (saved is null || (decidedOnly && saved.State != AllocationState.Decided)) return new NotFoundResult();
        CalculationReport report;
        try { report = await new CalculationEngine(db, calculator).ReportAsync(saved, ct); }
        catch (CalculationInputException e) { return new ContentResult { StatusCode = 409, ContentType = "text/plain; charset=utf-8", Content = e.Message }; }
        var prefix = CalculationJson.KindName(saved.Kind).Split(' ')[0];
        return format == "excel"
            ? new FileContentResult(ReportOutput.Xlsx(report), AllocationExporter.XlsxType) { FileDownloadName = Spreadsheet.FileName(prefix, saved.Name, "xlsx") }
            : new FileContentResult(ReportOutput.Csv(report), Shared.Csv.ContentType) { FileDownloadName = Spreadsheet.FileName(prefix, saved.Name, "csv") };
    }
}
