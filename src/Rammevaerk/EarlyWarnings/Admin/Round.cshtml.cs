using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.EarlyWarnings.Admin;

/// <summary>
/// /sekretariat/early-warning/{year}: who has answered the round and who not, reminders to the rest, the summary
/// table with its Excel export, and "Opret dagsordenspunkt" that puts the summary on a forum meeting.
/// </summary>
public sealed class RoundModel(AppDb db, EarlyWarningService warnings) : PageModel
{
    public WarningRound Round { get; private set; } = null!;
    public List<EarlyWarningService.Completeness> Operators { get; private set; } = [];
    public List<EarlyWarningService.SummaryRow> Summary { get; private set; } = [];
    public List<PlacementMeeting> Meetings { get; private set; } = [];
    public (int Id, int MeetingId, int Number, string Title, string Meeting)? Item { get; private set; }
    public int Answered => Operators.Count(o => o.Answered);
    public string? Error { get; private set; }
    [BindProperty] public int? MeetingId { get; set; }

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct) =>
        await LoadAsync(year, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRemindAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        return await Act(year, async () =>
        {
            var count = await warnings.RemindAsync(Round, ct);
            return count == 0 ? "Alle har svaret – ingen påmindelser sendt." : $"Påmindelse sendt til {count} {(count == 1 ? "driftsherre" : "driftsherrer")}, som ikke har svaret.";
        }, ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        return await Act(year, async () =>
        {
            await warnings.CloseRoundAsync(Round, ct);
            return $"Early warning-runden for {year} er lukket.";
        }, ct);
    }

    public async Task<IActionResult> OnPostAgendaAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        try
        {
            var item = await warnings.CreateAgendaItemAsync(Round, MeetingId, User.Identity?.Name, ct);
            TempData["Message"] = $"Punkt {item.Number} \"{item.Title}\" er oprettet med opsamlingen. Redigér det som ethvert andet punkt.";
            return Redirect($"/sekretariat/punkter/{item.Id}");
        }
        catch (EarlyWarningInputException e)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(year, ct);
            Error = e.Message;
            return Page();
        }
    }

    private async Task<IActionResult> Act(int year, Func<Task<string>> action, CancellationToken ct)
    {
        try
        {
            TempData["Message"] = await action();
            return Redirect($"/sekretariat/early-warning/{year}");
        }
        catch (EarlyWarningInputException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        var round = await db.WarningRounds.SingleOrDefaultAsync(r => r.Region == warnings.Region && r.Year == year, ct);
        if (round is null) return false;
        Round = round;
        Operators = await warnings.CompletenessAsync(round, ct);
        Summary = await warnings.SummaryAsync(round, ct);
        Meetings = await new AgendaPlacement(db).MeetingsAsync(ct: ct);
        if (round.AgendaItemId is int itemId)
        {
            var i = await db.AgendaItems.AsNoTracking().Where(x => x.Id == itemId)
                .Select(x => new { x.Id, x.MeetingId, x.Number, x.Title, Body = x.Meeting.Body.Name, x.Meeting.StartsAt }).SingleOrDefaultAsync(ct);
            Item = i is null ? null : (i.Id, i.MeetingId, i.Number, i.Title, $"{i.Body} {Danish.ShortDate(i.StartsAt)}");
        }
        return true;
    }
}
