using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Offers;
using Rammevaerk.Reporting;

namespace Rammevaerk.Demo;

/// <summary>
/// Reporting rounds of the demo: 2026 closed with every report approved (the register's 2026 figures), and 2027
/// open since 2 November 2026 with the operators at every stage — submitted, draft, sent back, not started — so the
/// secretariat's overview shows what a real round looks like. Varde (the demo municipality user) has not started.
/// </summary>
public sealed class DemoReporting(AppDb db, OfferRegister register)
{
    public async Task LoadAsync(string region, CancellationToken ct = default)
    {
        if (await db.ReportingRounds.AnyAsync(r => r.Region == region, ct)) return;
        var operators = await db.Operators.Where(o => o.Region == region && o.Kind != OperatorKind.Private).OrderBy(o => o.Name).ToListAsync(ct);
        if (operators.Count == 0 || !await db.Offers.AnyAsync(ct)) return;
        var year2026 = (await register.ForYearAsync(region, 2026, ct)).ToLookup(o => o.OperatorId);

        var closed = new ReportingRound
        {
            Region = region, Year = 2026, Deadline = new DateOnly(2026, 3, 31), State = RoundState.Closed,
            Instructions = "Indberet alle tilbud omfattet af rammeaftalen med pladser og takster for 2026 i det nye skema.",
            OpenedAt = new DateTime(2026, 2, 2, 8, 0, 0, DateTimeKind.Utc), OpenedBy = "demo",
            ClosedAt = new DateTime(2026, 4, 20, 12, 0, 0, DateTimeKind.Utc),
        };
        var day = 0;
        foreach (var op in operators)
        {
            var submitted = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc).AddDays(day++);
            closed.Reports.Add(new OperatorReport
            {
                OperatorId = op.Id, State = ReportState.Approved, ContentJson = ReportingService.Serialize(year2026[op.Id].ToList()),
                LastSource = day % 3 == 0 ? ReportSource.Browser : ReportSource.Workbook,
                UpdatedAt = submitted, UpdatedBy = "demo", SubmittedAt = submitted, SubmittedBy = "demo",
                DecidedAt = DemoOffers.Reported2026, DecidedBy = "demo",
            });
        }
        db.ReportingRounds.Add(closed);

        var open = new ReportingRound
        {
            Region = region, Year = 2027, Deadline = new DateOnly(2027, 1, 29), State = RoundState.Open, RateChangeThresholdPercent = 10m,
            Instructions = "Bekræft eller ret jeres tilbud, pladser og takster for 2027. Takster, der ændres mere end 10 % i forhold til 2026, skal begrundes. Hent gerne det udfyldte Excel-ark, hvis I vil arbejde offline.",
            OpenedAt = new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc), OpenedBy = "demo",
        };
        var index = 0;
        foreach (var op in operators)
        {
            var offers = year2026[op.Id].Where(o => o.Status != OfferStatus.Closed).Select(o => Next(o)).ToList();
            var report = new OperatorReport { OperatorId = op.Id, ContentJson = "[]", State = ReportState.NotStarted };
            var at = new DateTime(2026, 11, 5, 9, 30, 0, DateTimeKind.Utc).AddDays(index);
            var stage = op.Name.StartsWith("Varde", StringComparison.Ordinal) ? 9 : index % 10;
            switch (stage)
            {
                case < 6 or 8:
                    report.State = ReportState.Submitted;
                    report.ContentJson = ReportingService.Serialize(offers);
                    report.SubmittedAt = report.UpdatedAt = at;
                    report.SubmittedBy = report.UpdatedBy = "demo";
                    report.LastSource = index % 2 == 0 ? ReportSource.Workbook : ReportSource.Browser;
                    break;
                case 6:
                    report.State = ReportState.Draft;
                    report.ContentJson = ReportingService.Serialize(offers);
                    report.UpdatedAt = at;
                    report.UpdatedBy = "demo";
                    report.LastSource = ReportSource.Browser;
                    break;
                case 7 when index < 10:
                    report.State = ReportState.Returned;
                    report.ContentJson = ReportingService.Serialize(offers);
                    report.SubmittedAt = report.UpdatedAt = at;
                    report.SubmittedBy = report.UpdatedBy = "demo";
                    report.DecidedAt = at.AddDays(3);
                    report.DecidedBy = "demo";
                    report.SecretariatComment = "Tilbudsportalen-id mangler på et af tilbuddene, og serviceniveauet for botilbuddet ser ud til at være angivet pr. uge. Ret venligst og indsend igen.";
                    report.LastSource = ReportSource.Workbook;
                    break;
                default:
                    if (index % 4 == 1) { report.LastRemindedAt = new DateTime(2026, 11, 16, 8, 0, 0, DateTimeKind.Utc); report.Reminders = 1; }
                    break;
            }
            open.Reports.Add(report);
            index++;
        }
        db.ReportingRounds.Add(open);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A 2027 report pre-filled from 2026 with rates indexed by 2,5 %.</summary>
    private static OfferSnapshot Next(OfferSnapshot o) => ReportingService.PreFill(o, 2027) with
    {
        Departments = o.Departments.Select(d => d with
        {
            Services = d.Services.Select(s => s with
            {
                Rate = s.Rate is { } r ? Math.Round(r * 1.025m, 0) : null,
                RateYear = s.Rate is null ? s.RateYear : 2027,
                RateChangeReason = null,
                Comment = null,
            }).ToList(),
        }).ToList(),
    };
}
