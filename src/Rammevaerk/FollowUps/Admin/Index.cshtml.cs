using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.FollowUps.Admin;

/// <summary>/sekretariat/opfoelgning: open follow-ups per body and per owner, overdue ones first; letters awaiting an answer.</summary>
public sealed class IndexModel(AppDb db, TimeProvider clock) : PageModel
{
    public List<FollowUp> Open { get; private set; } = [];
    public List<Letter> Awaiting { get; private set; } = [];
    public List<FollowUp> RecentlyClosed { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public const int MaxNote = 4000;

    /// <summary>ViewData key of the (follow-up id, note) whose note was refused, for the table to show it again.</summary>
    public const string FailedNoteKey = "FailedDoneNote";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostDoneAsync(int followUpId, string? note)
    {
        var f = await db.FollowUps.SingleOrDefaultAsync(x => x.Id == followUpId);
        if (f is null) return NotFound();
        if (note?.Length > MaxNote)
        {
            // The note comes back in its row with the limit, so nothing typed is lost.
            ModelState.AddModelError("note", Danish.TooLong($"Noten til \"{f.Title}\"", MaxNote, note.Length) + " Forkort den, og tryk Udført igen.");
            ViewData[FailedNoteKey] = (followUpId, note);
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        f.State = FollowUpState.Done;
        f.DoneNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        f.DoneAt = now;
        f.UpdatedAt = now;
        await db.SaveChangesAsync();
        TempData["Message"] = $"Opfølgningen \"{f.Title}\" er markeret som udført.";
        return Redirect("/sekretariat/opfoelgning");
    }

    private async Task LoadAsync()
    {
        Today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        Open = await db.FollowUps.AsNoTracking().Where(f => f.State == FollowUpState.Open)
            .Include(f => f.Body).Include(f => f.OwnerPerson).Include(f => f.OwnerBody)
            .Include(f => f.SourceItem).ThenInclude(i => i!.Meeting)
            .Include(f => f.PlacedOnItem).ThenInclude(i => i!.Meeting)
            .OrderBy(f => f.DueNextMeeting).ThenBy(f => f.DueDate).ThenBy(f => f.Id)
            .ToListAsync();
        await FollowUpDue.FillNextMeetingsAsync(db, Open);
        // Overdue first, then by the date each is due ("næste møde" by that meeting's date).
        Open = Open.OrderByDescending(f => FollowUpDue.IsOverdue(f, Today))
            .ThenBy(f => FollowUpDue.EffectiveDueDate(f) ?? DateOnly.MaxValue).ThenBy(f => f.Id).ToList();
        RecentlyClosed = await db.FollowUps.AsNoTracking().Where(f => f.State != FollowUpState.Open).Include(f => f.Body)
            .OrderByDescending(f => f.UpdatedAt).ThenByDescending(f => f.Id).Take(20).ToListAsync();
        Awaiting = await db.Letters.AsNoTracking().Where(l => l.AnswerExpected && l.AnswerReceivedOn == null)
            .OrderBy(l => l.AnswerDueOn == null).ThenBy(l => l.AnswerDueOn).ThenBy(l => l.SentOn)
            .Select(l => new Letter { Id = l.Id, Recipient = l.Recipient, Subject = l.Subject, SentOn = l.SentOn, AnswerExpected = true, AnswerDueOn = l.AnswerDueOn })
            .ToListAsync();
    }
}
