using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.AnnualCycle.Admin;

/// <summary>
/// /sekretariat/aarshjul/moedeplan: a body's meetings for a year entered at once (one row each → draft meetings) and
/// the plan published, so the public body page and the calendar feeds show date, time and place before any agenda.
/// </summary>
public sealed class PlanModel(AppDb db, TimeProvider clock) : PageModel
{
    public const int RowCount = 10;

    public sealed class PlanRow
    {
        public DateOnly? Date { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Place { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "aar")] public int Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "udvalg")] public int? BodyId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public List<PlanRow> Rows { get; set; } = [];

    public List<SelectListItem> Bodies { get; private set; } = [];
    public string? BodyName { get; private set; }
    public List<Meeting> Existing { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Title = BodyName is null ? null : $"Møde i {BodyName}";
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        await LoadAsync();
        if (BodyName is null) ModelState.AddModelError(nameof(BodyId), "Vælg udvalget.");
        var title = Title?.Trim();
        if (string.IsNullOrEmpty(title)) ModelState.AddModelError(nameof(Title), "Skriv møderne titel, fx \"Møde i Socialdirektørforum\".");
        else if (title.Length > Limits.Title) ModelState.AddModelError(nameof(Title), $"Titlen må højst være {Limits.Title} tegn.");
        var meetings = new List<Meeting>();
        var now = clock.GetUtcNow().UtcDateTime;
        for (var n = 0; n < Rows.Count; n++)
        {
            var row = Rows[n];
            var key = $"Rows[{n}]";
            var empty = row.Date is null && string.IsNullOrWhiteSpace(row.Start) && string.IsNullOrWhiteSpace(row.End) && string.IsNullOrWhiteSpace(row.Place);
            if (empty && !ModelState.ContainsKey($"{key}.Date")) continue;
            if (row.Date is not { } date) { if (!ModelState.ContainsKey($"{key}.Date")) ModelState.AddModelError($"{key}.Date", $"Række {n + 1}: skriv mødets dato."); continue; }
            if (date.Year != Year) ModelState.AddModelError($"{key}.Date", $"Række {n + 1}: datoen {date.ToString("d. MMMM yyyy", Danish.Culture)} ligger ikke i {Year}.");
            var start = ParseTime(row.Start);
            var end = ParseTime(row.End);
            if (start is null) ModelState.AddModelError($"{key}.Start", $"Række {n + 1}: skriv starttidspunktet som tt:mm, fx 09:00.");
            if (end is null) ModelState.AddModelError($"{key}.End", $"Række {n + 1}: skriv sluttidspunktet som tt:mm, fx 12:00.");
            if (start is { } s && end is { } e && e <= s) ModelState.AddModelError($"{key}.End", $"Række {n + 1}: mødet skal slutte efter det begynder.");
            if (row.Place?.Length > 300) ModelState.AddModelError($"{key}.Place", $"Række {n + 1}: stedet må højst være 300 tegn.");
            if (start is null || end is null) continue;
            meetings.Add(new Meeting
            {
                BodyId = BodyId ?? 0, Title = title ?? "", Location = string.IsNullOrWhiteSpace(row.Place) ? null : row.Place.Trim(),
                StartsAt = Danish.ToUtc(date.ToDateTime(start.Value)), EndsAt = Danish.ToUtc(date.ToDateTime(end.Value)),
                State = MeetingState.Draft, CreatedAt = now,
            });
        }
        if (ModelState.IsValid && meetings.Count == 0) ModelState.AddModelError("", "Skriv mindst ét møde (dato, start og slut).");
        if (!ModelState.IsValid) return Page();
        db.Meetings.AddRange(meetings);
        await db.SaveChangesAsync();
        TempData["Message"] = $"{meetings.Count} {(meetings.Count == 1 ? "møde" : "møder")} i {BodyName} {Year} er oprettet som kladder.";
        return Redirect($"/sekretariat/aarshjul/moedeplan?aar={Year}&udvalg={BodyId}");
    }

    public async Task<IActionResult> OnPostPublishAsync() => await SetPublishedAsync(true);

    public async Task<IActionResult> OnPostWithdrawAsync() => await SetPublishedAsync(false);

    private async Task<IActionResult> SetPublishedAsync(bool published)
    {
        await LoadAsync();
        if (BodyName is null) return NotFound();
        var drafts = Existing.Where(m => m.State == MeetingState.Draft).Select(m => m.Id).ToList();
        if (published && drafts.Count == 0)
        {
            ModelState.AddModelError("", $"{BodyName} har ingen planlagte møder i {Year} at offentliggøre.");
            return Page();
        }
        var tracked = await db.Meetings.Where(m => drafts.Contains(m.Id)).ToListAsync();
        foreach (var m in tracked) m.InPublishedPlan = published;
        await db.SaveChangesAsync();
        TempData["Message"] = published
            ? $"Mødeplanen for {BodyName} {Year} er offentliggjort ({tracked.Count} {(tracked.Count == 1 ? "møde" : "møder")}). Dagsordenerne følger."
            : $"Mødeplanen for {BodyName} {Year} er trukket tilbage.";
        return Redirect($"/sekretariat/aarshjul/moedeplan?aar={Year}&udvalg={BodyId}");
    }

    private static TimeOnly? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Replace('.', ':');
        return TimeOnly.TryParseExact(t, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null;
    }

    private async Task LoadAsync()
    {
        if (Year is < 2000 or > 2100) Year = Danish.ToLocal(clock.GetUtcNow().UtcDateTime).Year + 1;
        var bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync();
        Bodies = bodies.Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToList();
        BodyName = bodies.SingleOrDefault(b => b.Id == BodyId)?.Name;
        while (Rows.Count < RowCount) Rows.Add(new PlanRow());
        if (BodyName is null) return;
        var from = Danish.ToUtc(new DateTime(Year, 1, 1));
        var to = Danish.ToUtc(new DateTime(Year + 1, 1, 1));
        Existing = await db.Meetings.AsNoTracking().Where(m => m.BodyId == BodyId && m.StartsAt >= from && m.StartsAt < to)
            .OrderBy(m => m.StartsAt).ToListAsync();
    }
}
