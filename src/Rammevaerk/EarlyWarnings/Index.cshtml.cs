using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Reporting;

namespace Rammevaerk.EarlyWarnings;

/// <summary>
/// /early-warning: the signed-in municipality user's warnings, the open round with the one-click "nothing to warn"
/// answer, and the warnings on offers the municipality buys.
/// </summary>
public sealed class IndexModel(AppDb db, EarlyWarningService warnings, ReportingService reporting) : PageModel
{
    public sealed record Line(int Id, string Offer, string Operator, decimal? Percent, decimal? Amount, DateOnly From, WarningState State, DateTime UpdatedAt, int? RoundYear);

    public string? OperatorName { get; private set; }
    public WarningRound? Round { get; private set; }
    public WarningRoundAnswer? Answer { get; private set; }
    public int WarningsInRound { get; private set; }
    public List<Line> Own { get; private set; } = [];
    public List<Line> Bought { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Secretariat)) return Redirect("/sekretariat/early-warning");
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>"Vi har ingen varsler i år": the one-click answer to the open round.</summary>
    public async Task<IActionResult> OnPostNothingAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Secretariat)) return StatusCode(StatusCodes.Status403Forbidden);
        if (await LoadAsync(ct) is not int operatorId) return StatusCode(StatusCodes.Status403Forbidden);
        if (Round is null)
        {
            Error = "Der er ingen åben early warning-runde at svare på.";
            return Page();
        }
        try
        {
            await warnings.AnswerNothingAsync(Round, operatorId, WarningChecks.UserName(User), ct);
            TempData["Message"] = $"Tak. Sekretariatet kan se, at {OperatorName} ingen varsler har i runden for {Round.Year}.";
            return Redirect("/early-warning");
        }
        catch (EarlyWarningInputException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    private async Task<int?> LoadAsync(CancellationToken ct)
    {
        Round = await warnings.OpenRoundAsync(ct);
        var operatorId = await reporting.OperatorOfAsync(User, ct);
        if (operatorId is not int id) return null;
        var op = await db.Operators.AsNoTracking().SingleAsync(o => o.Id == id, ct);
        OperatorName = op.Name;
        if (Round is not null)
        {
            Answer = await db.WarningRoundAnswers.AsNoTracking().SingleOrDefaultAsync(a => a.RoundId == Round.Id && a.OperatorId == id, ct);
            WarningsInRound = await db.RateWarnings.CountAsync(w => w.RoundId == Round.Id && w.OperatorId == id, ct);
        }
        var rounds = await db.WarningRounds.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Year, ct);
        var rows = await db.RateWarnings.AsNoTracking()
            .Where(w => w.OperatorId == id || (op.MunicipalityCode != null && db.Set<Offers.OfferBuyer>().Any(b => b.OfferId == w.OfferId && b.MunicipalityCode == op.MunicipalityCode)))
            .Select(w => new { w.Id, w.OperatorId, Offer = w.Offer!.Name, Operator = w.Operator!.Name, w.ChangePercent, w.ChangeAmount, w.ExpectedFrom, w.State, w.UpdatedAt, w.RoundId })
            .ToListAsync(ct);
        var lines = rows.OrderByDescending(r => r.ExpectedFrom).ThenBy(r => r.Offer)
            .Select(r => (r.OperatorId, Line: new Line(r.Id, r.Offer, r.Operator, r.ChangePercent, r.ChangeAmount, r.ExpectedFrom, r.State, r.UpdatedAt, r.RoundId is int rid ? rounds.GetValueOrDefault(rid) : null)))
            .ToList();
        Own = lines.Where(l => l.OperatorId == id).Select(l => l.Line).ToList();
        Bought = lines.Where(l => l.OperatorId != id).Select(l => l.Line).ToList();
        return id;
    }
}
