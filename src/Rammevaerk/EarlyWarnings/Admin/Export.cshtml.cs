using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Offers;
using Rammevaerk.Shared;
using Kind = Rammevaerk.Offers.OfferWorkbooks.ColumnKind;

namespace Rammevaerk.EarlyWarnings.Admin;

/// <summary>/sekretariat/early-warning/{year}/opsamling.xlsx: the round's summary table as a workbook.</summary>
public sealed class ExportModel(AppDb db, EarlyWarningService warnings, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        var round = await db.WarningRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Region == warnings.Region && r.Year == year, ct);
        if (round is null) return NotFound();
        var rows = await warnings.SummaryAsync(round, ct);
        var completeness = await warnings.CompletenessAsync(round, ct);
        (string, double, Kind)[] columns =
        [
            ("Tilbud", 34, Kind.Text), ("Ydelse", 28, Kind.Text), ("Driftsherre", 22, Kind.Text), ("Ændring (%)", 12, Kind.Percent),
            ("Ændring (kr.)", 14, Kind.Money), ("Forventet fra", 14, Kind.Text), ("Status", 18, Kind.Text),
            ("Berørte køberkommuner (antal)", 14, Kind.Integer), ("Køberkommuner", 50, Kind.Text), ("Begrundelse", 60, Kind.Text),
        ];
        var data = rows.Select(r => new object?[]
        {
            r.Offer, r.Service, r.Operator, r.ChangePercent is decimal p ? Math.Round(p / 100m, 6) : null, r.ChangeAmount,
            r.ExpectedFrom.ToString("dd.MM.yyyy", Danish.Culture), EarlyWarningService.StateName(r.State), r.Buyers.Count, r.BuyerNames, r.Reason,
        }).ToList();
        var total = new object?[columns.Length];
        total[0] = "I alt";
        total[7] = rows.Where(r => r.State != WarningState.Withdrawn).SelectMany(r => r.Buyers.Select(b => b.Code)).Distinct().Count();
        var about = new List<(string, object?)>
        {
            ("Indhold", $"Early warning {year}: forventede takstændringer ud over pris- og lønfremskrivningen"),
            ("Frist", EarlyWarningService.DateText(round.Deadline)),
            ("Status", round.State == WarningRoundState.Open ? "Åben" : "Lukket"),
            ("Har svaret", $"{completeness.Count(c => c.Answered)} af {completeness.Count} driftsherrer"),
            ("Mangler svar", string.Join(", ", completeness.Where(c => !c.Answered).Select(c => c.Operator))),
            ("Antal varsler", rows.Count),
            ("Trukket tilbage", rows.Count(r => r.State == WarningState.Withdrawn)),
            ("I alt-rækken", "Antal forskellige berørte køberkommuner i varsler, der ikke er trukket tilbage."),
            ("Køberkommuner", "Kommuner med borgere i tilbuddet ifølge seneste indberetning, ud over driftsherren selv."),
            ("Kilde", $"Rammeværk, Fælleskommunalt Socialsekretariat, {warnings.Region}"),
            ("Eksporteret", Danish.DateAndTime(clock.GetUtcNow().UtcDateTime)),
        };
        var bytes = OfferWorkbooks.TableWorkbook("Early warning", columns, data, total, about);
        return File(bytes, OfferWorkbooks.XlsxType, $"early-warning-{year}.xlsx");
    }
}
