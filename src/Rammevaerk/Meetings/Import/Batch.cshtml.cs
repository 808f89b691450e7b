using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// One import: its progress (files done of total, read from the database, so it survives leaving the page and runs
/// on any instance) and its report per file; the same report as xlsx.
/// </summary>
public sealed class BatchModel(AppDb db) : PageModel
{
    public sealed record FileRow(int Id, string Name, ImportFileState State, ImportOutcome Outcome, string? Reason, int? MeetingId, string? BodyName,
        int ItemsFound, int ItemsListed, int LinesTotal, int LinesOnMeeting, int LinesDropped, int Questions)
    {
        public string Status => ImportReports.OutcomeName(new ImportFile { Name = Name, Sha256 = "", State = State, Outcome = Outcome });
    }

    public ImportBatch Batch { get; private set; } = null!;
    public List<FileRow> Files { get; private set; } = [];
    public int Finished => Files.Count(f => f.State == ImportFileState.Done);
    public bool Running => Files.Any(f => f.State is ImportFileState.Queued or ImportFileState.Working);

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>The progress and table alone, for the page to poll while the import runs.</summary>
    public async Task<IActionResult> OnGetProgressAsync(int id) =>
        await LoadAsync(id) ? Partial("_BatchProgress", this) : NotFound();

    public async Task<IActionResult> OnGetXlsxAsync(int id)
    {
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id);
        if (batch is null) return NotFound();
        var files = await db.ImportFiles.AsNoTracking().Where(f => f.BatchId == id).OrderBy(f => f.Order)
            .Select(f => new ImportFile
            {
                Id = f.Id, Name = f.Name, Sha256 = f.Sha256, State = f.State, Outcome = f.Outcome, Reason = f.Reason, MeetingId = f.MeetingId,
                BodyName = f.BodyName, ItemsFound = f.ItemsFound, ItemsListed = f.ItemsListed, LinesTotal = f.LinesTotal,
                LinesOnMeeting = f.LinesOnMeeting, LinesDropped = f.LinesDropped, Questions = f.Questions, ReportJson = f.ReportJson,
            }).ToListAsync();
        return File(ImportReports.Xlsx(batch, files), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"Importrapport {batch.Id}.xlsx");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id);
        if (batch is null) return false;
        Batch = batch;
        Files = await db.ImportFiles.AsNoTracking().Where(f => f.BatchId == id).OrderBy(f => f.Order)
            .Select(f => new FileRow(f.Id, f.Name, f.State, f.Outcome, f.Reason, f.MeetingId, f.BodyName, f.ItemsFound, f.ItemsListed,
                f.LinesTotal, f.LinesOnMeeting, f.LinesDropped, f.Questions))
            .ToListAsync();
        return true;
    }
}
