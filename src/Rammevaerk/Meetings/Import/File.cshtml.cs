using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// One imported file: its report (items found against the list, questions, notes, every line dropped as furniture),
/// and the secretariat's decisions the import waits for: what to do with a meeting that exists (keep it, add the new
/// items, or replace chosen items), and which body a text belongs to (create it, or choose one).
/// </summary>
public sealed class FileModel(AppDb db, MinutesImporter importer, ImportRunner runner, ImportWorker worker, TimeProvider clock) : PageModel
{
    public sealed record BodyOption(int Id, string Name);

    public ImportFile Source { get; private set; } = null!;
    public FileReport? Report { get; private set; }
    public List<BodyOption> Bodies { get; private set; } = [];
    public string? MeetingTitle { get; private set; }
    public string? Preamble { get; private set; }

    [BindProperty]
    public List<int> Take { get; set; } = [];

    [BindProperty]
    public string? NewBodyName { get; set; }

    [BindProperty]
    public int? ChosenBodyId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostKeepAsync(int id) => ChooseAsync(id, _ => []);

    public Task<IActionResult> OnPostAddNewAsync(int id) => ChooseAsync(id, plan => plan.NewNumbers.ToHashSet());

    public Task<IActionResult> OnPostReplaceAsync(int id) => ChooseAsync(id, _ => Take.ToHashSet());

    /// <summary>The secretariat's choice for a meeting that exists, compared again against the meeting as it is now.</summary>
    private async Task<IActionResult> ChooseAsync(int id, Func<ImportPlan, HashSet<int>> choose)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Source.State != ImportFileState.AwaitingChoice || Source.Text is null)
        {
            ModelState.AddModelError("", "Filen venter ikke på et valg (den er måske allerede afgjort).");
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        var file = await db.ImportFiles.Include(f => f.Batch).SingleAsync(f => f.Id == id);
        ImportPlan plan;
        try
        {
            var parsed = await importer.ParseAsync(file.Text!);
            plan = await importer.PlanAsync(parsed, file.BodyId ?? file.Batch.BodyId);
            var take = choose(plan);
            if (plan.IsNew)
            {
                // The meeting was removed meanwhile: the text makes it anew, whole.
                take = plan.Parsed.Items.Select(i => i.Number).ToHashSet();
            }
            await runner.ApplyAsync(file, plan, ImportRunner.PreDropped(file), take, createBody: false, User.Identity?.Name, HttpContext.RequestAborted);
        }
        catch (ImportRejectedException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        file.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Redirect($"/sekretariat/import/fil/{id}");
    }

    /// <summary>Creates the body the text names (or the name typed) and puts the file back in the queue.</summary>
    public async Task<IActionResult> OnPostCreateBodyAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Source.State != ImportFileState.NeedsBody)
        {
            ModelState.AddModelError("", "Filen mangler ikke et udvalg.");
            return Page();
        }
        string name = (NewBodyName ?? "").Trim();
        if (name.Length is 0 or > 200)
        {
            ModelState.AddModelError(nameof(NewBodyName), name.Length == 0 ? "Skriv udvalgets navn." : "Navnet må højst være 200 tegn.");
            return Page();
        }
        if (MinutesParser.IsStopPhrase(name))
        {
            ModelState.AddModelError(nameof(NewBodyName), $"\"{name}\" siger, hvad slags dokument det er, ikke hvilket udvalg; skriv udvalgets navn.");
            return Page();
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        int bodyId = await db.Bodies.Where(b => b.Name == name).Select(b => (int?)b.Id).FirstOrDefaultAsync()
                     ?? (await importer.CreateBodyAsync(name)).Id;
        await RequeueAsync(id, bodyId);
        await tx.CommitAsync();
        worker.Nudge();
        return Redirect($"/sekretariat/import/fil/{id}");
    }

    /// <summary>Imports the file into a body that exists.</summary>
    public async Task<IActionResult> OnPostChooseBodyAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Source.State != ImportFileState.NeedsBody)
        {
            ModelState.AddModelError("", "Filen mangler ikke et udvalg.");
            return Page();
        }
        if (ChosenBodyId is not int bodyId || Bodies.All(b => b.Id != bodyId))
        {
            ModelState.AddModelError(nameof(ChosenBodyId), "Vælg et udvalg på listen.");
            return Page();
        }
        await RequeueAsync(id, bodyId);
        worker.Nudge();
        return Redirect($"/sekretariat/import/fil/{id}");
    }

    private async Task RequeueAsync(int id, int bodyId)
    {
        var file = await db.ImportFiles.SingleAsync(f => f.Id == id);
        file.BodyId = bodyId;
        file.State = ImportFileState.Queued;
        file.Attempts = 0;
        file.Reason = null;
        await db.SaveChangesAsync();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var file = await db.ImportFiles.AsNoTracking().Include(f => f.Batch).SingleOrDefaultAsync(f => f.Id == id);
        if (file is null) return false;
        Source = file;
        Report = ImportReports.Read(file.ReportJson);
        Bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).Select(b => new BodyOption(b.Id, b.Name)).ToListAsync();
        if (file.MeetingId is int m)
        {
            var meeting = await db.Meetings.Where(x => x.Id == m).Select(x => new { x.Title, x.ImportPreamble }).FirstOrDefaultAsync();
            MeetingTitle = meeting?.Title;
            Preamble = meeting?.ImportPreamble;
        }
        NewBodyName ??= file.BodyName;
        return true;
    }
}
