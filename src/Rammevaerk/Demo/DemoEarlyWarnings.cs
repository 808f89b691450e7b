using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.EarlyWarnings;
using Rammevaerk.Offers;

namespace Rammevaerk.Demo;

/// <summary>
/// Early warnings of the demo: the 2026 round (opened 4 May, deadline 26 June 2026, closed) answered by most of the
/// region's operators — all but three said they had nothing to warn — and one open warning from Varde on Bo- og
/// Rehabiliteringscenter Lunden, whose six buying municipalities (five besides Varde itself) are affected.
/// Idempotent: runs only while the region has no early-warning round.
/// </summary>
public sealed class DemoEarlyWarnings(AppDb db, string region)
{
    /// <summary>The operators that did not answer the 2026 round (so the completeness overview shows gaps).</summary>
    private static readonly string[] Silent = ["Langeland Kommune", "Ærø Kommune", "Fanø Kommune"];

    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (await db.WarningRounds.AnyAsync(r => r.Region == region, ct)) return;
        var operators = await db.Operators.Where(o => o.Region == region && o.Kind != OperatorKind.Private).OrderBy(o => o.Name).ToListAsync(ct);
        var lunden = await db.Offers.Include(o => o.Departments).ThenInclude(d => d.Services)
            .SingleOrDefaultAsync(o => o.Name == "Bo- og Rehabiliteringscenter Lunden", ct);
        if (operators.Count == 0 || lunden is null) return;

        var round = new WarningRound
        {
            Region = region, Year = 2026, Deadline = new DateOnly(2026, 6, 26), State = WarningRoundState.Closed,
            Instructions = "Meld forventede takstændringer ud over pris- og lønfremskrivningen på jeres tilbud for 2027: ændringen i procent eller kroner, begrundelsen, hvornår den forventes at gælde, og om den er politisk besluttet. Har I ingen, så svar med ét klik.",
            OpenedAt = new DateTime(2026, 5, 4, 7, 0, 0, DateTimeKind.Utc), OpenedBy = "demo",
        };
        db.WarningRounds.Add(round);
        await db.SaveChangesAsync(ct);

        // Illustrative figures: the seeds set the rules (seed 001 item 9) but give no warning. A vågen nattevagt in
        // Lundbo's long-term places adds about 6,5 % to the 2026 rate of 3.420 kr. per day (about 222 kr.).
        var service = lunden.Departments.SelectMany(d => d.Services).FirstOrDefault(s => s.Name == "Længerevarende botilbud");
        var filed = new DateTime(2026, 5, 20, 9, 15, 0, DateTimeKind.Utc);
        db.RateWarnings.Add(new RateWarning
        {
            OperatorId = lunden.OperatorId, OfferId = lunden.Id, ServiceId = service?.Id, ChangePercent = 6.5m, ChangeAmount = 222m,
            Reason = "Socialtilsynet har påbudt vågen nattevagt i Lundbo, hvor beboerne med erhvervet hjerneskade i stigende grad har brug for hjælp om natten. Den ekstra normering svarer til ca. 2,5 årsværk. Forslaget behandles i Social- og Sundhedsudvalget og byrådet i efteråret 2026.",
            ExpectedFrom = new DateOnly(2027, 1, 1), State = WarningState.Expected, RoundId = round.Id,
            CreatedAt = filed, CreatedBy = "demo", UpdatedAt = filed, UpdatedBy = "demo",
        });

        var day = 0;
        foreach (var op in operators.Where(o => !Silent.Contains(o.Name)))
        {
            var nothing = op.Id != lunden.OperatorId;
            db.WarningRoundAnswers.Add(new WarningRoundAnswer
            {
                RoundId = round.Id, OperatorId = op.Id, NothingToWarn = nothing,
                AnsweredAt = nothing ? new DateTime(2026, 5, 11, 8, 0, 0, DateTimeKind.Utc).AddDays(day++ % 40) : filed, AnsweredBy = "demo",
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
