using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Notifications;

namespace Rammevaerk.Cases.Admin;

/// <summary>
/// /sekretariat/sager/{id}: the whole path (drafts and closed items too), every item's attachments, and the two ways
/// a case moves on: to another body's coming meeting in Rammeværk, or to a body outside it (a recorded step).
/// </summary>
public sealed class CaseModel(AppDb db, SendOn sendOn, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record ItemRow(int Id, int MeetingId, int Number, string Title, string Body, int BodyId, DateTime StartsAt, MeetingState State, bool IsClosed, List<AttachmentRow> Attachments);
    public sealed record AttachmentRow(int Id, string FileName, long Size, bool IsMissing);

    public Case Case { get; private set; } = null!;
    public CasePathView Path { get; private set; } = null!;
    public List<ItemRow> Items { get; private set; } = [];
    public List<OutsideStep> OutsideSteps { get; private set; } = [];
    public List<PlacementMeeting> Meetings { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];
    /// <summary>Which form the errors belong to: "send", "outside" or "outcome-{id}".</summary>
    public string? ErrorForm { get; private set; }

    [BindProperty] public int? FromItemId { get; set; }
    [BindProperty] public int? MeetingId { get; set; }
    [BindProperty] public OutsideStepInput Outside { get; set; } = new();

    private string? UserName => User.Identity?.Name;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSendAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (FromItemId is not int from || Items.All(i => i.Id != from))
            return Refuse("send", nameof(FromItemId), "Fra punkt: vælg et af sagens punkter.");
        var (item, problem) = await sendOn.SendAsync(from, MeetingId, UserName, ct);
        if (item is null) return Refuse("send", nameof(MeetingId), problem!);
        TempData["Message"] = $"Sagen er sendt videre som punkt {item.Number}. Ret teksten her som i ethvert punkt.";
        return Redirect($"/sekretariat/punkter/{item.Id}");
    }

    private DateOnly Today => DateOnly.FromDateTime(Shared.Danish.TodayOf(clock));

    public async Task<IActionResult> OnPostOutsideAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var errors = Outside.Validate(today: Today);
        if (Outside.SentFromItemId is int from && Items.All(i => i.Id != from)) errors[nameof(Outside.SentFromItemId)] = "Sendt fra punkt: vælg et af sagens punkter.";
        if (errors.Count > 0) return Refuse("outside", errors);
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutsideSteps.Add(new OutsideStep
        {
            CaseId = id, Date = OutsideStepInput.ParseDate(Outside.Date)!.Value, Body = Outside.Body!.Trim(), Asked = Outside.Asked!.Trim(),
            Outcome = OutsideStepInput.Blank(Outside.Outcome), Link = OutsideStepInput.Blank(Outside.Link), SentFromItemId = Outside.SentFromItemId,
            IsClosed = Outside.IsClosed, CreatedAt = now, CreatedBy = UserName, UpdatedAt = now,
        });
        Case.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Behandlingen i {Outside.Body!.Trim()} er registreret på sagen.";
        return Redirect($"/sekretariat/sager/{id}");
    }

    /// <summary>
    /// The outcome and link arrive later than the step. A recorded outcome that is changed stays readable in the
    /// security log (append-only), so nothing a person wrote is lost.
    /// </summary>
    public async Task<IActionResult> OnPostOutcomeAsync(int id, int stepId, Guid stamp, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var step = await db.OutsideSteps.SingleOrDefaultAsync(s => s.Id == stepId && s.CaseId == id, ct);
        if (step is null) return NotFound();
        var errors = Outside.Validate(outcomeOnly: true, today: Today);
        if (errors.Count > 0) return Refuse($"outcome-{stepId}", errors);
        db.Entry(step).Property(s => s.ConcurrencyStamp).OriginalValue = stamp;
        var before = $"udfald: {step.Outcome ?? "–"}; link: {step.Link ?? "–"}; lukket: {step.IsClosed}";
        step.Outcome = OutsideStepInput.Blank(Outside.Outcome);
        step.Link = OutsideStepInput.Blank(Outside.Link);
        step.IsClosed = Outside.IsClosed;
        step.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        step.ConcurrencyStamp = Guid.NewGuid();
        Case.UpdatedAt = step.UpdatedAt;
        audit.Add(db, "case.outside-step.changed", $"Sag {id}, {step.Body} {step.Date:yyyy-MM-dd} før ændringen: {before}", HttpContext, UserName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Refuse($"outcome-{stepId}", nameof(Outside.Outcome), "Behandlingen blev ændret af en anden samtidig. Se den nye tekst, og gem igen.");
        }
        TempData["Message"] = $"Behandlingen i {step.Body} er opdateret.";
        return Redirect($"/sekretariat/sager/{id}");
    }

    private IActionResult Refuse(string form, string field, string message) => Refuse(form, new Dictionary<string, string> { [field] = message });

    private IActionResult Refuse(string form, Dictionary<string, string> errors)
    {
        ErrorForm = form;
        Errors = errors;
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        ViewData["SecretariatNav"] = true;
        var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return false;
        Case = c;
        Path = (await CasePath.ForSecretariatAsync(db, id, ct))!;
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.CaseId == id)
            .OrderBy(i => i.Meeting.StartsAt).ThenBy(i => i.Number)
            .Select(i => new
            {
                i.Id, i.MeetingId, i.Number, i.Title, Body = i.Meeting.Body.Name, i.Meeting.BodyId, i.Meeting.StartsAt, i.Meeting.State, i.IsClosed,
                Attachments = i.Attachments.OrderBy(a => a.SortOrder).Select(a => new AttachmentRow(a.Id, a.FileName, a.Size, a.IsMissing)).ToList(),
            })
            .ToListAsync(ct);
        Items = items.Select(i => new ItemRow(i.Id, i.MeetingId, i.Number, i.Title, i.Body, i.BodyId, i.StartsAt, i.State, i.IsClosed, i.Attachments)).ToList();
        OutsideSteps = await db.OutsideSteps.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.Date).ThenBy(s => s.Id).ToListAsync(ct);
        // Only meetings the case can go on to: not one that already holds it, nor its one body's own (refused anyway).
        var bodies = Items.Select(i => i.BodyId).Distinct().ToList();
        Meetings = (await new AgendaPlacement(db).MeetingsAsync(exceptBodyId: bodies.Count == 1 ? bodies[0] : null, ct: ct))
            .Where(m => Items.All(i => i.MeetingId != m.Id)).ToList();
        FromItemId ??= Items.LastOrDefault()?.Id;
        return true;
    }
}
