using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Reporting.Admin;

/// <summary>/sekretariat/indberetning/{year}: each operator's state in a round; remind the late; close the round.</summary>
public sealed class RoundModel(AppDb db, ReportingService reporting) : PageModel
{
    public sealed record Line(int ReportId, string Operator, ReportState State, DateTime? UpdatedAt, DateTime? SubmittedAt, ReportSource? Source, int Reminders, DateTime? LastRemindedAt, int Offers);

    public ReportingRound Round { get; private set; } = null!;
    public List<Line> Reports { get; private set; } = [];
    public int Reported => Reports.Count(r => ReportingService.HasReported(r.State));
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct) =>
        await LoadAsync(year, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRemindAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        try
        {
            var count = await reporting.RemindAsync(Round, User.Identity?.Name ?? "", ct);
            TempData["Message"] = count == 0 ? "Alle har indberettet – ingen påmindelser sendt." : $"Påmindelse sendt til {count} {(count == 1 ? "driftsherre" : "driftsherrer")}, som ikke har indberettet.";
            return Redirect($"/sekretariat/indberetning/{year}");
        }
        catch (ReportingInputException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCloseAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        await reporting.CloseRoundAsync(Round, ct);
        TempData["Message"] = $"Indberetningsrunden for {year} er lukket.";
        return Redirect($"/sekretariat/indberetning/{year}");
    }

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        var round = await db.ReportingRounds.SingleOrDefaultAsync(r => r.Region == reporting.Region && r.Year == year, ct);
        if (round is null) return false;
        Round = round;
        var rows = await db.OperatorReports.AsNoTracking().Where(r => r.RoundId == round.Id)
            .Select(r => new { r.Id, Operator = r.Operator!.Name, r.State, r.UpdatedAt, r.SubmittedAt, r.LastSource, r.Reminders, r.LastRemindedAt, r.ContentJson })
            .ToListAsync(ct);
        Reports = rows.Select(r => new Line(r.Id, r.Operator, r.State, r.UpdatedAt, r.SubmittedAt, r.LastSource, r.Reminders, r.LastRemindedAt,
                r.State == ReportState.NotStarted ? 0 : ReportingService.Parse(r.ContentJson).Count))
            .OrderBy(r => Order(r.State)).ThenBy(r => r.Operator, StringComparer.Create(Shared.Danish.Culture, true)).ToList();
        return true;
    }

    /// <summary>What needs the secretariat first: submitted reports, then the late ones, then the approved.</summary>
    private static int Order(ReportState s) => s switch
    {
        ReportState.Submitted => 0,
        ReportState.Returned => 1,
        ReportState.Draft => 2,
        ReportState.NotStarted => 3,
        _ => 4,
    };
}
