using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.EarlyWarnings.Admin;

/// <summary>/sekretariat/early-warning: the yearly early-warning rounds, opening a new one, and every warning filed.</summary>
public sealed class IndexModel(AppDb db, EarlyWarningService warnings, TimeProvider clock) : PageModel
{
    public sealed record RoundLine(int Year, DateOnly Deadline, WarningRoundState State, int Answered, int Warnings);
    public sealed record WarningLine(int Id, string Offer, string Operator, decimal? Percent, decimal? Amount, DateOnly From, WarningState State, DateTime UpdatedAt);

    public sealed class OpenInput
    {
        [Required(ErrorMessage = "Skriv året, runden gælder.")]
        [Range(2000, 2100, ErrorMessage = "Året skal ligge mellem 2000 og 2100.")]
        public int? Year { get; set; }
        [Required(ErrorMessage = "Vælg en frist.")]
        public DateOnly? Deadline { get; set; }
        [MaxText(20_000, "Vejledningen")]
        public string? Instructions { get; set; }
    }

    [BindProperty] public OpenInput Input { get; set; } = new();
    public List<RoundLine> Rounds { get; private set; } = [];
    public List<WarningLine> Warnings { get; private set; } = [];
    public int Operators { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var today = Danish.DateOf(clock);
        var year = Rounds.Count == 0 ? today.Year : Math.Max(Rounds.Max(r => r.Year) + 1, today.Year);
        // The annual cycle: the round runs in May/June, with the deadline at the end of June.
        var deadline = new DateOnly(year, 6, 30);
        Input = new OpenInput
        {
            Year = year, Deadline = deadline < today ? today.AddDays(30) : deadline,
            Instructions = "Meld forventede takstændringer ud over pris- og lønfremskrivningen på jeres tilbud for det kommende år: ændringen i procent eller kroner, begrundelsen, hvornår den forventes at gælde, og om den er politisk besluttet. Har I ingen, så svar med ét klik.",
        };
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
            var round = await warnings.OpenRoundAsync(Input.Year!.Value, Input.Deadline!.Value, Input.Instructions, User.Identity?.Name ?? "", ct);
            TempData["Message"] = $"Early warning-runden for {round.Year} er åbnet, og kommunerne og regionen har fået besked.";
            return Redirect($"/sekretariat/early-warning/{round.Year}");
        }
        catch (EarlyWarningInputException e)
        {
            Error = e.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rounds = await db.WarningRounds.AsNoTracking().Where(r => r.Region == warnings.Region).OrderByDescending(r => r.Year)
            .Select(r => new RoundLine(r.Year, r.Deadline, r.State,
                db.WarningRoundAnswers.Count(a => a.RoundId == r.Id),
                db.RateWarnings.Count(w => w.RoundId == r.Id)))
            .ToListAsync(ct);
        Operators = await db.Operators.CountAsync(o => o.Region == warnings.Region && o.Kind != Offers.OperatorKind.Private, ct);
        Warnings = await db.RateWarnings.AsNoTracking().Where(w => w.Operator!.Region == warnings.Region)
            .OrderByDescending(w => w.ExpectedFrom).ThenBy(w => w.Offer!.Name)
            .Select(w => new WarningLine(w.Id, w.Offer!.Name, w.Operator!.Name, w.ChangePercent, w.ChangeAmount, w.ExpectedFrom, w.State, w.UpdatedAt))
            .ToListAsync(ct);
    }
}
