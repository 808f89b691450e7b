using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Economics;

/// <summary>Serves an allocation as .xlsx or .csv (the secretariat any, the public only decided ones).</summary>
public sealed class AllocationExporter(AppDb db, AllocationCalculator calculator)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<IActionResult> ExportAsync(int id, string format, bool decidedOnly, CancellationToken ct)
    {
        if (format is not ("excel" or "csv")) return new NotFoundResult();
        var allocation = await db.Allocations.AsNoTracking().Include(a => a.Participants).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (allocation is null || (decidedOnly && allocation.State != AllocationState.Decided)) return new NotFoundResult();
        Calculations.AllocationResult result;
        try { result = await calculator.ComputeAsync(allocation, ct); }
        catch (AllocationInputException e) { return new ContentResult { StatusCode = 409, ContentType = "text/plain; charset=utf-8", Content = e.Message }; }
        return format == "excel"
            ? new FileContentResult(AllocationOutput.Xlsx(allocation, result), XlsxType) { FileDownloadName = AllocationOutput.FileName(allocation, "xlsx") }
            : new FileContentResult(AllocationOutput.Csv(allocation, result), Shared.Csv.ContentType) { FileDownloadName = AllocationOutput.FileName(allocation, "csv") };
    }
}
