using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>
/// The secretariat's page for one meeting: its header, its items (add, reorder, renumber, remove, templates),
/// publication and versions. Every handler is one user action in one transaction.
/// </summary>
public sealed class EditModel(AppDb db, MeetingLifecycle lifecycle, TimeProvider clock, Notifications.AuditLog audit, Publishing.Pdf.PdfRenderSignal pdfs) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;
    public List<SelectListItem> Bodies { get; private set; } = [];
    public List<ItemTemplate> Templates { get; private set; } = [];
    public List<MeetingVersion> Versions { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>For a published meeting: what the working copy changes against the public version (not yet published).</summary>
    public IReadOnlyList<string> UnpublishedChanges { get; private set; } = [];

    /// <summary>Draft minutes sent to the members, newest first, with their comment counts.</summary>
    public List<(int Round, DateTime SentAt, int Recipients, int Comments)> Drafts { get; private set; } = [];

    /// <summary>The background making of the current version's public PDFs, for the secretariat.</summary>
    public Publishing.Pdf.PdfRenderJob? PdfJob { get; private set; }

    /// <summary>Bound by SaveHeader on a published meeting: the secretariat confirms that the change goes public at once.</summary>
    [BindProperty]
    public bool ConfirmPublicChange { get; set; }

    /// <summary>The header form; bound only by the SaveHeader action, so other actions are not validated against it.</summary>
    public MeetingInput Input { get; set; } = new();

    public Guid Stamp { get; set; }

    [BindProperty]
    public string? NewItemTitle { get; set; }

    private string? UserName => User.Identity?.Name;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new MeetingInput
        {
            BodyId = Meeting.BodyId, Title = Meeting.Title, Location = Meeting.Location,
            StartsLocal = Danish.ToLocal(Meeting.StartsAt), EndsLocal = Meeting.EndsAt is { } e ? Danish.ToLocal(e) : null,
        };
        Stamp = Meeting.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveHeaderAsync(int id, [FromForm] MeetingInput input, [FromForm] Guid stamp)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = input;
        Stamp = stamp;
        var bodyExists = Input.BodyId is int b && await db.Bodies.AnyAsync(x => x.Id == b);
        Input.Validate(ModelState, bodyExists, timeUnknown: Meeting.TimeUnknown);
        if (Stamp != Meeting.ConcurrencyStamp)
        {
            ModelState.AddModelError("", "Mødet er ændret af en anden, mens du redigerede. Dine indtastninger står stadig i felterne; kontrollér dem og gem igen.");
            Stamp = Meeting.ConcurrencyStamp;
        }
        if (!ModelState.IsValid)
        {
            Problems = Shared.Forms.FormErrorOrder.Messages(ModelState, Request);
            return Page();
        }

        if (Meeting.IsPublished)
        {
            // The header is public at once (lists, calendars): a change is published on saving, after the check.
            if (Input.BodyId != Meeting.BodyId)
                ModelState.AddModelError("Input.BodyId", "Et udgivet møde kan ikke flyttes til et andet udvalg. Træk det tilbage og opret det under det rigtige udvalg.");
            var today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
            if (CprNumbers.Contains(Input.Title, today)) ModelState.AddModelError("Input.Title", "Titlen indeholder et CPR-nummer. CPR-numre må aldrig offentliggøres; fjern det.");
            if (CprNumbers.Contains(Input.Location, today)) ModelState.AddModelError("Input.Location", "Stedet indeholder et CPR-nummer. CPR-numre må aldrig offentliggøres; fjern det.");
            if (!ConfirmPublicChange)
                ModelState.AddModelError(nameof(ConfirmPublicChange), "Bekræft, at ændringen af mødeoplysningerne bliver offentlig med det samme.");
            if (!ModelState.IsValid) return Page();
        }

        Meeting.BodyId = Input.BodyId!.Value;
        Meeting.Title = Input.Title!.Trim();
        Meeting.Location = string.IsNullOrWhiteSpace(Input.Location) ? null : Input.Location.Trim();
        Meeting.StartsAt = Danish.ToUtc(Input.StartsLocal!.Value);
        // Imported minutes without a clock time stay so until the secretariat gives one (a start after 00:00 or an end).
        Meeting.TimeUnknown = Input.KeepsTimeUnknown(Meeting.TimeUnknown);
        Meeting.EndsAt = Input.EndsLocal is { } ends ? Danish.ToUtc(ends) : null;
        db.Entry(Meeting).Property(m => m.ConcurrencyStamp).OriginalValue = Stamp;
        try
        {
            if (Meeting.IsPublished)
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await lifecycle.PublishHeaderChangeAsync(Meeting, UserName, new PublicationRecord(
                    $"Mødeoplysningerne (titel, sted og tidspunkt) ændres på den offentlige side og i mødekalenderen: {Meeting.Title}, {Danish.MeetingStartShort(Meeting.StartsAt, Meeting.TimeUnknown)}, {Meeting.Location ?? "sted ikke oplyst"}.", []));
                db.PdfRenderJobs.Add(new Publishing.Pdf.PdfRenderJob { MeetingId = Meeting.Id, Version = Meeting.Version, CreatedAt = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync();
                await tx.CommitAsync();
                await audit.RecordAsync("Udgivelse", $"Mødeoplysninger for møde {Meeting.Id} udgivet som version {Meeting.Version}.", HttpContext);
                pdfs.Signal();
                return Done($"Mødeoplysningerne er gemt og udgivet som version {Meeting.Version}.");
            }
            await lifecycle.SaveChangeAsync(Meeting, UserName, "Mødeoplysninger ændret");
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Mødet blev ændret af en anden samtidig. Dine indtastninger står stadig i felterne; gem igen.");
            db.ChangeTracker.Clear();
            Stamp = await db.Meetings.Where(m => m.Id == id).Select(m => m.ConcurrencyStamp).SingleAsync();
            return Page();
        }
        return Done("Mødeoplysningerne er gemt.");
    }

    /// <summary>The imported text before the items: bound by SavePreamble only.</summary>
    public string? Preamble { get; set; }

    /// <summary>
    /// Corrects the text before the items of imported minutes (a CPR number, a line that belongs to an item). A
    /// published meeting keeps its public version until the secretariat publishes a new one, after the check.
    /// </summary>
    public async Task<IActionResult> OnPostSavePreambleAsync(int id, [FromForm] string? preamble, [FromForm] Guid stamp)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Meeting.ImportKey is null && Meeting.ImportPreamble is null) return NotFound();
        Preamble = preamble;
        var text = string.IsNullOrWhiteSpace(preamble) ? null : preamble.Replace("\r\n", "\n").Trim();
        if (text is not null && text.Length > Limits.Text)
            ModelState.AddModelError(nameof(Preamble), Danish.TooLong("Teksten før punkterne", Limits.Text, text.Length));
        if (stamp != Meeting.ConcurrencyStamp)
            ModelState.AddModelError(nameof(Preamble), "Mødet er ændret af en anden, mens du redigerede. Din tekst står stadig i feltet; kontrollér den og gem igen.");
        if (!ModelState.IsValid) return PageWithHeader();
        if (text == Meeting.ImportPreamble) return Done("Teksten før punkterne er uændret.");

        Meeting.ImportPreamble = text;
        db.Entry(Meeting).Property(m => m.ConcurrencyStamp).OriginalValue = stamp;
        try
        {
            await lifecycle.SaveChangeAsync(Meeting, UserName, "Teksten før punkterne ændret");
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(nameof(Preamble), "Mødet blev ændret af en anden samtidig. Din tekst står stadig i feltet; gem igen.");
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            return PageWithHeader();
        }
        return Done(Meeting.IsPublished
            ? "Teksten før punkterne er gemt. Den offentlige side ændres, når du udgiver en ny version."
            : "Teksten før punkterne er gemt.");
    }

    public async Task<IActionResult> OnPostAddItemAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var title = NewItemTitle?.Trim();
        if (string.IsNullOrEmpty(title)) ModelState.AddModelError(nameof(NewItemTitle), "Skriv en titel på det nye punkt.");
        else if (title.Length > Limits.Title) ModelState.AddModelError(nameof(NewItemTitle), Danish.TooLong("Titlen", Limits.Title, title.Length));
        if (!ModelState.IsValid) return PageWithHeader();

        var item = new AgendaItem { Title = title!, Number = NextNumber(), UpdatedAt = clock.GetUtcNow().UtcDateTime };
        Meeting.Items.Add(item);
        await lifecycle.SaveChangeAsync(Meeting, UserName, $"Punkt {item.Number} tilføjet: {item.Title}");
        return Done($"Punkt {item.Number} er tilføjet.");
    }

    public async Task<IActionResult> OnPostAddTemplateAsync(int id, int templateId)
    {
        if (!await LoadAsync(id)) return NotFound();
        var template = await db.ItemTemplates.SingleOrDefaultAsync(t => t.Id == templateId);
        if (template is null)
        {
            ModelState.AddModelError("", "Standardpunktet findes ikke.");
            return PageWithHeader();
        }
        var item = new AgendaItem
        {
            Title = template.Title, Background = template.Background, Recommendation = template.Recommendation,
            UpdatedAt = clock.GetUtcNow().UtcDateTime, Number = NextNumber(),
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        if (template.Position == TemplatePosition.First && Meeting.Items.Count > 0)
        {
            // Goes first: everything else moves one down.
            await ItemNumbering.ApplyAsync(db, Meeting.Items.ToDictionary(i => i, i => i.Number + 1));
            item.Number = 1;
        }
        Meeting.Items.Add(item);
        await lifecycle.SaveChangeAsync(Meeting, UserName, $"Standardpunkt tilføjet: {item.Title}");
        await tx.CommitAsync();
        return Done($"Standardpunktet \"{item.Title}\" er tilføjet som punkt {item.Number}.");
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int itemId, int direction)
    {
        if (!await LoadAsync(id)) return NotFound();
        var ordered = Meeting.Items.OrderBy(i => i.Number).ToList();
        var index = ordered.FindIndex(i => i.Id == itemId);
        var target = index + Math.Sign(direction);
        if (index < 0 || target < 0 || target >= ordered.Count) return Done(null);
        var (a, b) = (ordered[index], ordered[target]);
        await using var tx = await db.Database.BeginTransactionAsync();
        await ItemNumbering.ApplyAsync(db, new Dictionary<AgendaItem, int> { [a] = b.Number, [b] = a.Number });
        await lifecycle.SaveChangeAsync(Meeting, UserName, $"Punkt \"{a.Title}\" flyttet til nummer {a.Number}");
        await tx.CommitAsync();
        return Done($"\"{a.Title}\" er nu punkt {a.Number}.");
    }

    /// <summary>"Flyt til nr.": by keyboard, and what a drag and drop submits.</summary>
    public async Task<IActionResult> OnPostMoveToAsync(int id, int itemId, int? position)
    {
        if (!await LoadAsync(id)) return NotFound();
        var ordered = Meeting.Items.OrderBy(i => i.Number).ToList();
        var item = ordered.SingleOrDefault(i => i.Id == itemId);
        if (item is null) return Done(null);
        if (position is not int p || p < 1 || p > ordered.Count)
        {
            ModelState.AddModelError("", $"Flyt til nr.: skriv en plads fra 1 til {ordered.Count}.");
            return PageWithHeader();
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        await ItemNumbering.ApplyAsync(db, ItemNumbering.MoveTo(ordered, item, p));
        await lifecycle.SaveChangeAsync(Meeting, UserName, $"Punkt \"{item.Title}\" flyttet til nummer {item.Number}");
        await tx.CommitAsync();
        return Done($"\"{item.Title}\" er nu punkt {item.Number}.");
    }

    public async Task<IActionResult> OnPostRenumberAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await using var tx = await db.Database.BeginTransactionAsync();
        await ItemNumbering.ApplyAsync(db, ItemNumbering.Consecutive(Meeting.Items.OrderBy(i => i.Number)));
        await lifecycle.SaveChangeAsync(Meeting, UserName, "Punkterne omnummereret");
        await tx.CommitAsync();
        return Done("Punkterne er nummereret 1, 2, 3 … i den viste rækkefølge.");
    }

    /// <summary>
    /// Two changes to the meeting's order (or header, or a publication) at the same moment: the later one is refused
    /// with what happened, and the page shows the meeting as it now is.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not DbUpdateConcurrencyException || executed.ExceptionHandled) return;
        executed.ExceptionHandled = true;
        db.ChangeTracker.Clear();
        var id = Meeting?.Id ?? (context.HandlerArguments.TryGetValue("id", out var v) && v is int i ? i : 0);
        if (!await LoadAsync(id))
        {
            executed.Result = NotFound();
            return;
        }
        Problems = ["Mødet blev ændret af en anden i samme øjeblik (et punkt, rækkefølgen eller mødeoplysningerne), så din ændring er ikke gemt. " +
                    "Siden viser nu mødet, som det er; prøv igen."];
        executed.Result = PageWithHeader();
    }

    private int NextNumber() => Meeting.Items.Count == 0 ? 1 : Meeting.Items.Max(i => i.Number) + 1;

    private IActionResult Done(string? message)
    {
        if (message is not null) TempData["Message"] = message;
        return Redirect($"/sekretariat/moeder/{Meeting.Id}");
    }

    private IActionResult PageWithHeader()
    {
        Input = new MeetingInput
        {
            BodyId = Meeting.BodyId, Title = Meeting.Title, Location = Meeting.Location,
            StartsLocal = Danish.ToLocal(Meeting.StartsAt), EndsLocal = Meeting.EndsAt is { } e ? Danish.ToLocal(e) : null,
        };
        Stamp = Meeting.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var meeting = await db.Meetings.Include(m => m.Body).Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return false;
        Meeting = meeting;
        Bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToListAsync();
        Templates = await db.ItemTemplates.OrderBy(t => t.Position).ThenBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync();
        Versions = await db.MeetingVersions.Where(v => v.MeetingId == id).OrderByDescending(v => v.Version)
            .Select(v => new MeetingVersion
            {
                Id = v.Id, Version = v.Version, CreatedAt = v.CreatedAt, CreatedBy = v.CreatedBy, Reason = v.Reason, SnapshotJson = "",
                Confirmation = v.Confirmation, ConfirmedWarnings = v.ConfirmedWarnings,
            })
            .ToListAsync();
        if (meeting.IsPublished && meeting.UnpublishedChangesAt is not null)
        {
            var published = await db.MeetingVersions.AsNoTracking().Where(v => v.MeetingId == id && v.Version == meeting.Version).Select(v => v.SnapshotJson).SingleOrDefaultAsync();
            var working = await MeetingView.LoadAsync(db, id);
            if (published is not null && working is not null)
                UnpublishedChanges = Publication.VersionDiff.Describe(MeetingLifecycle.ReadSnapshot(published), Publication.PublicProjection.ForStep(working));
        }
        Drafts = (await db.DraftMinutes.AsNoTracking().Where(d => d.MeetingId == id).OrderByDescending(d => d.Round)
            .Select(d => new { d.Round, d.SentAt, d.Recipients, Comments = d.Comments.Count }).ToListAsync())
            .Select(d => (d.Round, d.SentAt, d.Recipients, d.Comments)).ToList();
        PdfJob = meeting.IsPublished
            ? await db.PdfRenderJobs.AsNoTracking().Where(j => j.MeetingId == id && j.Audience == Publishing.Pdf.PdfAudience.Public).OrderByDescending(j => j.Id).FirstOrDefaultAsync()
            : null;
        return true;
    }
}
