using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// The import page: one or more files (text, PDF, saved web pages, zip files of a folder) or pasted text become an
/// import job that the worker processes in the background; the page lists the recent imports with their progress.
/// </summary>
[RequestSizeLimit(MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 1024 * 1024)]
public sealed class UploadModel(AppDb db, ImportWorker worker, TimeProvider clock) : PageModel
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    /// <summary>The longest pasted text: far more than any minutes (the longest seed is 70.000 characters).</summary>
    public const int MaxTextLength = 500_000;

    public sealed record BodyOption(int Id, string Name);

    public sealed record BatchRow(int Id, string Name, DateTime CreatedAt, int Files, int Finished, int Waiting, int Refused);

    public List<BodyOption> Bodies { get; private set; } = [];
    public List<BatchRow> Batches { get; private set; } = [];
    public int OpenQuestions { get; private set; }

    [BindProperty]
    public int? BodyId { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? files)
    {
        await LoadAsync();
        ModelState.Clear();
        files = files?.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList() ?? [];
        if (files.Count == 0 && string.IsNullOrWhiteSpace(Text))
        {
            ModelState.AddModelError("files", "Vælg en eller flere filer (eller en zip-fil med en mappe), eller indsæt referatets tekst i feltet.");
            return Page();
        }
        if (Text?.Length > MaxTextLength)
        {
            ModelState.AddModelError(nameof(Text), Shared.Danish.TooLong("Den indsatte tekst", MaxTextLength, Text.Length) + " Importér ét referat ad gangen.");
            return Page();
        }
        if (BodyId is int id && Bodies.All(b => b.Id != id))
        {
            ModelState.AddModelError(nameof(BodyId), "Det valgte udvalg findes ikke.");
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<UploadEntry>();
        var refused = new List<RefusedEntry>();
        foreach (var file in files)
        {
            string name = Path.GetFileName(file.FileName);
            // A zip (a folder) may be as large as the upload; each file in it is checked when it is unpacked.
            if (file.Length > SourceFiles.MaxFileBytes && !name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(new RefusedEntry(name, $"Filen fylder {Shared.Danish.FileSize(file.Length)}; grænsen er {Shared.Danish.FileSize(SourceFiles.MaxFileBytes)}."));
                continue;
            }
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms);
            var (expanded, refusedInZip) = SourceFiles.Expand(name, ms.ToArray());
            entries.AddRange(expanded);
            refused.AddRange(refusedInZip);
        }
        if (!string.IsNullOrWhiteSpace(Text))
            entries.Add(new UploadEntry("Indsat tekst.txt", System.Text.Encoding.UTF8.GetBytes(Text)));

        var batch = new ImportBatch
        {
            Name = files.Count == 1 ? Path.GetFileName(files[0].FileName) : files.Count > 1 ? $"{files.Count} filer" : "Indsat tekst",
            BodyId = BodyId, CreatedAt = now, CreatedBy = User.Identity?.Name,
        };
        int order = 0;
        foreach (var entry in entries)
            batch.Files.Add(Queue(entry, order++, now));
        foreach (var r in refused)
            batch.Files.Add(new ImportFile
            {
                Name = Truncate(r.Name, 300), Sha256 = "", Order = order++, State = ImportFileState.Done, Outcome = ImportOutcome.Refused,
                Reason = r.Reason, FinishedAt = now,
            });
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        worker.Nudge();
        return Redirect($"/sekretariat/import/{batch.Id}");
    }

    /// <summary>
    /// A file for the queue. A web page or a text is read at once and kept as text only (a page's scripts are never
    /// stored); a PDF waits as bytes for the worker, which reads its text. What cannot be read is refused here.
    /// </summary>
    private static ImportFile Queue(UploadEntry entry, int order, DateTime now)
    {
        var file = new ImportFile
        {
            Name = Truncate(entry.Name, 300), Size = entry.Bytes.Length, Order = order,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(entry.Bytes)), State = ImportFileState.Queued,
        };
        if (SourceFiles.Sniff(entry.Name, entry.Bytes) == SourceFiles.Kind.Pdf)
        {
            file.Content = entry.Bytes;
            return file;
        }
        try
        {
            var doc = SourceFiles.Read(entry.Name, entry.Bytes);
            file.Text = doc.Text;
            file.PreDroppedJson = doc.PreDropped.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(doc.PreDropped, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        }
        catch (ImportRejectedException e)
        {
            file.State = ImportFileState.Done;
            file.Outcome = ImportOutcome.Refused;
            file.Reason = e.Message;
            file.FinishedAt = now;
        }
        return file;
    }

    private async Task LoadAsync()
    {
        Bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).Select(b => new BodyOption(b.Id, b.Name)).ToListAsync();
        Batches = await db.ImportBatches.OrderByDescending(b => b.Id).Take(15)
            .Select(b => new BatchRow(b.Id, b.Name, b.CreatedAt, b.Files.Count(),
                b.Files.Count(f => f.State == ImportFileState.Done),
                b.Files.Count(f => f.State == ImportFileState.AwaitingChoice || f.State == ImportFileState.NeedsBody),
                b.Files.Count(f => f.State == ImportFileState.Done && f.Outcome == ImportOutcome.Refused)))
            .ToListAsync();
        OpenQuestions = await db.ImportQuestions.CountAsync(q => q.ResolvedAt == null);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
