using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// What the import could not know, on one page, meeting by meeting: a date (the meeting waits unpublished), a clock
/// time, a CPR number (the meeting waits unpublished), a derived number or title, a table kept as lines. Answering
/// the last blocking question of minutes that were public at their source publishes them.
/// </summary>
public sealed class QuestionsModel(AppDb db, MinutesImporter importer, MeetingLifecycle lifecycle, Publication.Publisher publisher, TimeProvider clock) : PageModel
{
    /// <param name="CprItems">For a CPR question about the whole meeting: the items of this meeting that hold a CPR number now.</param>
    public sealed record QuestionRow(int Id, int? ItemNumber, int? ItemId, QuestionKind Kind, string Text, bool Blocks, IReadOnlyList<(int Id, int Number)> CprItems);

    public sealed record MeetingGroup(int MeetingId, string Title, string Body, DateTime StartsAt, bool DateKnown, MeetingState State,
        MeetingState? HeldBackAs, List<QuestionRow> Questions);

    public List<MeetingGroup> Meetings { get; private set; } = [];
    public int Resolved { get; private set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Time { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>A date (and optionally a time) for a meeting whose date the text did not give for certain.</summary>
    public async Task<IActionResult> OnPostDateAsync(int id)
    {
        var question = await db.ImportQuestions.Include(q => q.Meeting).ThenInclude(m => m.Body).SingleOrDefaultAsync(q => q.Id == id && q.ResolvedAt == null);
        if (question is null) return NotFound();
        if (!DateOnly.TryParseExact(Date, ["yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return await Fail(id, $"Datoen \"{Date}\" kan ikke læses; skriv den som 22.03.2024.");
        TimeOnly? time = null;
        if (!string.IsNullOrWhiteSpace(Time))
        {
            if (!TimeOnly.TryParseExact(Time.Replace('.', ':'), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                return await Fail(id, $"Klokkeslættet \"{Time}\" kan ikke læses; skriv det som 09:00.");
            time = t;
        }
        var meeting = question.Meeting;
        var local = date.ToDateTime(time ?? TimeOnly.MinValue);
        string key = MinutesImporter.KeyFor(meeting.Body.Slug, local);
        if (await db.Meetings.AnyAsync(m => m.ImportKey == key && m.Id != meeting.Id))
            return await Fail(id, $"Der findes allerede et importeret møde i {meeting.Body.Name} {Danish.LongDate(Danish.ToUtc(local))}{(time is null ? "" : " kl. " + time.Value.ToString("HH':'mm", CultureInfo.InvariantCulture))}. Kontrollér datoen.");
        await using var tx = await db.Database.BeginTransactionAsync();
        meeting.StartsAt = Danish.ToUtc(local);
        meeting.EndsAt = null;
        meeting.TimeUnknown = time is null;
        if (meeting.ImportKey is not null) meeting.ImportKey = key;
        Resolve(question, time is null ? $"Dato {date:dd.MM.yyyy}" : $"{date:dd.MM.yyyy} kl. {time:HH\\:mm}");
        // A time given here also answers the time question.
        if (time is not null)
            foreach (var q in await db.ImportQuestions.Where(q => q.MeetingId == meeting.Id && q.Kind == QuestionKind.Time && q.ResolvedAt == null).ToListAsync())
                Resolve(q, $"kl. {time:HH\\:mm}");
        await SaveMeetingAsync(meeting, "Mødedato angivet efter import");
        await tx.CommitAsync();
        return Redirect("/sekretariat/import/spoergsmaal");
    }

    /// <summary>The clock time of a meeting whose text lost it.</summary>
    public async Task<IActionResult> OnPostTimeAsync(int id)
    {
        var question = await db.ImportQuestions.Include(q => q.Meeting).ThenInclude(m => m.Body).SingleOrDefaultAsync(q => q.Id == id && q.ResolvedAt == null);
        if (question is null) return NotFound();
        if (string.IsNullOrWhiteSpace(Time) || !TimeOnly.TryParseExact(Time.Replace('.', ':'), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return await Fail(id, $"Klokkeslættet \"{Time}\" kan ikke læses; skriv det som 09:00.");
        var meeting = question.Meeting;
        var local = DateOnly.FromDateTime(Danish.ToLocal(meeting.StartsAt)).ToDateTime(time);
        string key = MinutesImporter.KeyFor(meeting.Body.Slug, local);
        if (await db.Meetings.AnyAsync(m => m.ImportKey == key && m.Id != meeting.Id))
            return await Fail(id, "Der findes allerede et importeret møde i udvalget på det tidspunkt.");
        await using var tx = await db.Database.BeginTransactionAsync();
        meeting.StartsAt = Danish.ToUtc(local);
        meeting.TimeUnknown = false;
        if (meeting.ImportKey is not null) meeting.ImportKey = key;
        Resolve(question, $"kl. {time:HH\\:mm}");
        await SaveMeetingAsync(meeting, "Klokkeslæt angivet efter import");
        await tx.CommitAsync();
        return Redirect("/sekretariat/import/spoergsmaal");
    }

    /// <summary>The secretariat says the CPR numbers are gone; the check runs again before it is believed.</summary>
    public async Task<IActionResult> OnPostCprAsync(int id)
    {
        var question = await db.ImportQuestions.Include(q => q.Meeting).SingleOrDefaultAsync(q => q.Id == id && q.ResolvedAt == null && q.Kind == QuestionKind.Cpr);
        if (question is null) return NotFound();
        var meeting = await db.Meetings.Include(m => m.Items).ThenInclude(i => i.Attachments).SingleAsync(m => m.Id == question.MeetingId);
        // The one check before publication: titles, sections, attachment names and their text.
        var found = (await publisher.CheckAsync(meeting.Id, meeting.HeldBackAs ?? meeting.State, archive: true))
            .Where(f => f.Kind == Publication.FindingKind.CprNumber).Select(f => f.Message).ToList();
        if (question.ItemNumber is null && found.Count > 0)
            return await Fail(id, $"Mødet indeholder stadig CPR-numre: {string.Join("; ", found).TrimEnd('.')}. Ret dem først.");
        await using var tx = await db.Database.BeginTransactionAsync();
        Resolve(question, "CPR-numre fjernet");
        await SaveMeetingAsync(meeting, null);
        await tx.CommitAsync();
        return Redirect("/sekretariat/import/spoergsmaal");
    }

    /// <summary>Checked and, where needed, corrected in the item (title, number, table, place, text).</summary>
    public async Task<IActionResult> OnPostCheckedAsync(int id)
    {
        var question = await db.ImportQuestions.Include(q => q.Meeting).SingleOrDefaultAsync(q => q.Id == id && q.ResolvedAt == null);
        if (question is null) return NotFound();
        if (question.Kind is QuestionKind.Date or QuestionKind.Cpr && question.Blocks)
            return await Fail(id, "Dette spørgsmål besvares med formularen ved spørgsmålet.");
        await using var tx = await db.Database.BeginTransactionAsync();
        Resolve(question, "Kontrolleret");
        // A question that held the meeting back (items the parser could not find) may have been the last one.
        if (question.Blocks) await SaveMeetingAsync(question.Meeting, null);
        else await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Redirect("/sekretariat/import/spoergsmaal");
    }

    private void Resolve(ImportQuestion q, string answer)
    {
        q.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        q.ResolvedBy = User.Identity?.Name;
        q.Answer = answer;
    }

    /// <summary>Saves the answer; a published meeting gets a new version, a held-back one is published once settled.</summary>
    private async Task SaveMeetingAsync(Meeting meeting, string? what)
    {
        if (meeting.IsPublished && what is not null)
        {
            await lifecycle.SaveChangeAsync(meeting, User.Identity?.Name, what);
            return;
        }
        await db.SaveChangesAsync();
        await importer.PublishIfSettledAsync(meeting, User.Identity?.Name);
    }

    private async Task<IActionResult> Fail(int id, string message)
    {
        ModelState.AddModelError($"q{id}", message);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var open = await db.ImportQuestions.AsNoTracking().Where(q => q.ResolvedAt == null)
            .OrderBy(q => q.MeetingId).ThenBy(q => q.ItemNumber).ThenBy(q => q.Id)
            .Select(q => new
            {
                q.Id, q.MeetingId, q.ItemNumber, q.Kind, q.Text, q.Blocks, q.Meeting.Title, Body = q.Meeting.Body.Name, q.Meeting.StartsAt,
                q.Meeting.State, q.Meeting.HeldBackAs,
                ItemId = q.Meeting.Items.Where(i => i.Number == q.ItemNumber).Select(i => (int?)i.Id).FirstOrDefault(),
            })
            .ToListAsync();
        // A CPR question about one item links to that item only when the item holds a number now. An item of a
        // public meeting that a re-import did not take because of the number keeps its old text: a link to it by
        // number would send the secretariat to an item with nothing to correct.
        var cprItemIds = open.Where(q => q.Kind == QuestionKind.Cpr && q.ItemId is not null).Select(q => q.ItemId!.Value).Distinct().ToList();
        var today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        var itemsHoldingCpr = (await db.AgendaItems.AsNoTracking().Include(i => i.Attachments).Where(i => cprItemIds.Contains(i.Id)).ToListAsync())
            .Where(i => ImportCprCheck.Places(i, today).Count > 0).Select(i => i.Id).ToHashSet();
        open = open.Select(q => q.Kind == QuestionKind.Cpr && q.ItemId is int id && !itemsHoldingCpr.Contains(id) ? q with { ItemId = null } : q).ToList();
        var dateOpen = open.Where(q => q.Kind == QuestionKind.Date && q.Blocks).Select(q => q.MeetingId).ToHashSet();
        // A CPR question about the whole meeting names places by the numbers the text had; the links go to the items
        // of this meeting that hold a number as they stand now (found by the same check), never to an item by number alone.
        var cprMeetings = open.Where(q => q.Kind == QuestionKind.Cpr && q.ItemId is null).Select(q => q.MeetingId).Distinct().ToList();
        var cprItems = (await db.AgendaItems.AsNoTracking().Include(i => i.Attachments).Where(i => cprMeetings.Contains(i.MeetingId)).ToListAsync())
            .Where(i => ImportCprCheck.Places(i, today).Count > 0)
            .GroupBy(i => i.MeetingId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(int Id, int Number)>)g.OrderBy(i => i.Number).Select(i => (i.Id, i.Number)).ToList());
        Meetings = open.GroupBy(q => q.MeetingId)
            .Select(g => new MeetingGroup(g.Key, g.First().Title, g.First().Body, g.First().StartsAt, !dateOpen.Contains(g.Key), g.First().State, g.First().HeldBackAs,
                g.Select(q => new QuestionRow(q.Id, q.ItemNumber, q.ItemId, q.Kind, q.Text, q.Blocks,
                    q.Kind == QuestionKind.Cpr && q.ItemId is null ? cprItems.GetValueOrDefault(g.Key, []) : [])).ToList()))
            .OrderBy(m => m.DateKnown).ThenBy(m => m.StartsAt).ToList();
        Resolved = await db.ImportQuestions.CountAsync(q => q.ResolvedAt != null);
    }
}
