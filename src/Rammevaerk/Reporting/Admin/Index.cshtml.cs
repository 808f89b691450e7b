using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Reporting.Admin;

/// <summary>/sekretariat/indberetning: the reporting rounds with their completeness, and opening a new one.</summary>
public sealed class IndexModel(AppDb db, ReportingService reporting, TimeProvider clock) : PageModel
{
    public sealed record Line(int Year, DateOnly Deadline, RoundState State, int Operators, int Reported, int Approved, DateTime OpenedAt);

    public sealed class OpenInput
    {
        [Required(ErrorMessage = "Skriv året, indberetningen gælder.")]
        [Range(2000, 2100, ErrorMessage = "Året skal ligge mellem 2000 og 2100.")]
        public int? Year { get; set; }
        [Required(ErrorMessage = "Vælg en frist.")]
        public DateOnly? Deadline { get; set; }
        [MaxText(20_000, "Vejledningen")]
        public string? Instructions { get; set; }
        [Required(ErrorMessage = "Angiv grænsen for takstændringer i procent.")]
        public decimal? Threshold { get; set; } = 10m;
    }

    [BindProperty] public OpenInput Input { get; set; } = new();
    public List<Line> Rounds { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var next = Rounds.Count == 0 ? Danish.TodayOf(clock).Year : Rounds.Max(r => r.Year) + 1;
        Input = new OpenInput { Year = next, Deadline = Danish.DateOf(clock).AddMonths(2), Threshold = 10m };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        try
        {
            var round = await reporting.OpenRoundAsync(Input.Year!.Value, Input.Deadline!.Value, Input.Instructions, Input.Threshold!.Value, User.Identity?.Name ?? "", ct);
            TempData["Message"] = $"Indberetningsrunden for {round.Year} er åbnet, og kommunerne og regionen har fået besked.";
            return Redirect($"/sekretariat/indberetning/{round.Year}");
        }
        catch (ReportingInputException e)
        {
            Error = e.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rounds = await db.ReportingRounds.AsNoTracking().Where(r => r.Region == reporting.Region).OrderByDescending(r => r.Year)
            .Select(r => new Line(r.Year, r.Deadline, r.State, r.Reports.Count,
                r.Reports.Count(x => x.State == ReportState.Submitted || x.State == ReportState.Approved),
                r.Reports.Count(x => x.State == ReportState.Approved), r.OpenedAt))
            .ToListAsync(ct);
    }
}
