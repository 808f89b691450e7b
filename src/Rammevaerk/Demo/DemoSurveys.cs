using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.NeedsSurveys;

namespace Rammevaerk.Demo;

/// <summary>
/// Seed 000 item 3's needs survey on citizens with dual diagnosis (dobbeltdiagnose), 2024–2026: the first round
/// answered by all 22 municipalities of the region (60/58/48 places expected to be bought externally), and the
/// re-assessment asked for on 13 December 2023, answered by 12 of them (37/42/38), whose first-round figures were
/// 45/43/36. The per-municipality figures are invented so that the result table reproduces exactly these published
/// totals. Both rounds are closed and published. Idempotent: runs only while the region has no needs survey.
/// </summary>
public sealed class DemoSurveys(AppDb db, string region)
{
    public static readonly int[] Years = [2024, 2025, 2026];

    /// <summary>First round, the 12 municipalities that later re-answered (per year: sums 45, 43, 36).</summary>
    public static readonly int[][] FirstRoundOfTwelve =
    [
        [8, 6, 5, 5, 4, 4, 3, 3, 3, 2, 1, 1],
        [7, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1],
        [6, 5, 4, 4, 3, 3, 3, 3, 2, 1, 1, 1],
    ];

    /// <summary>First round, the other 10 municipalities (per year: sums 15, 15, 12; all 22: 60, 58, 48).</summary>
    public static readonly int[][] FirstRoundOfTen =
    [
        [3, 2, 2, 2, 1, 1, 1, 1, 1, 1],
        [2, 2, 2, 2, 2, 1, 1, 1, 1, 1],
        [2, 2, 1, 1, 1, 1, 1, 1, 1, 1],
    ];

    /// <summary>The re-assessment from the 12 (per year: sums 37, 42, 38).</summary>
    public static readonly int[][] ReassessmentOfTwelve =
    [
        [6, 5, 4, 4, 3, 3, 3, 3, 2, 2, 1, 1],
        [7, 6, 5, 4, 4, 4, 3, 3, 2, 2, 1, 1],
        [6, 5, 4, 4, 4, 3, 3, 3, 2, 2, 1, 1],
    ];

    public const string FirstTitle = "Første behovsanalyse";
    public const string SecondTitle = "Genvurderingen";
    public const string TargetGroup = "Borgere med dobbeltdiagnose";

    /// <summary>
    /// The municipalities (ordered by code) that re-answered: the first 12 of these answer the re-assessment.
    /// Middelfart, which offered to build for the region, is among them; Varde and Billund (the test users) are not,
    /// so their answers to new surveys start blank.
    /// </summary>
    public static List<int> Order(IEnumerable<int> codes)
    {
        var list = codes.OrderBy(c => c).ToList();
        int[] later = [573, 530];
        return [.. list.Where(c => !later.Contains(c)), .. list.Where(later.Contains)];
    }

    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (await db.NeedsSurveys.AnyAsync(s => s.Region == region, ct)) return;
        var codes = Order(await db.Municipalities.Where(m => m.Region == region).Select(m => m.Code).ToListAsync(ct));
        if (codes.Count != 22) return;

        const string question = "Hvor mange eksterne botilbudspladser til borgere med dobbeltdiagnose forventer kommunen at købe i hvert af årene 2024, 2025 og 2026?";
        var first = new NeedsSurvey
        {
            Region = region, Title = FirstTitle, TargetGroup = TargetGroup, Question = question, Years = "2024,2025,2026",
            Deadline = new DateOnly(2023, 9, 15), State = SurveyState.Closed, Published = true,
            CreatedAt = new DateTime(2023, 8, 14, 8, 0, 0, DateTimeKind.Utc), OpenedAt = new DateTime(2023, 8, 15, 8, 0, 0, DateTimeKind.Utc),
            ClosedAt = new DateTime(2023, 9, 20, 12, 0, 0, DateTimeKind.Utc),
        };
        db.NeedsSurveys.Add(first);
        await db.SaveChangesAsync(ct);
        var second = new NeedsSurvey
        {
            Region = region, Title = SecondTitle, TargetGroup = TargetGroup,
            Question = "Socialdirektørforum besluttede den 13. december 2023 at følge op på behovsanalysen. Genfremsend jeres vurdering: " + question,
            Years = "2024,2025,2026", Deadline = new DateOnly(2024, 2, 23), PreviousSurveyId = first.Id,
            State = SurveyState.Closed, Published = true,
            CreatedAt = new DateTime(2024, 1, 8, 8, 0, 0, DateTimeKind.Utc), OpenedAt = new DateTime(2024, 1, 9, 8, 0, 0, DateTimeKind.Utc),
            ClosedAt = new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc),
        };
        db.NeedsSurveys.Add(second);

        for (var m = 0; m < 22; m++)
        {
            for (var y = 0; y < Years.Length; y++)
            {
                var places = m < 12 ? FirstRoundOfTwelve[y][m] : FirstRoundOfTen[y][m - 12];
                db.NeedsSurveyAnswers.Add(new NeedsSurveyAnswer
                {
                    SurveyId = first.Id, MunicipalityCode = codes[m], Year = Years[y], Places = places,
                    AnsweredAt = first.OpenedAt!.Value.AddDays(7 + m), AnsweredBy = "demo",
                });
            }
        }
        await db.SaveChangesAsync(ct);
        for (var m = 0; m < 12; m++)
        {
            for (var y = 0; y < Years.Length; y++)
            {
                db.NeedsSurveyAnswers.Add(new NeedsSurveyAnswer
                {
                    SurveyId = second.Id, MunicipalityCode = codes[m], Year = Years[y], Places = ReassessmentOfTwelve[y][m],
                    AnsweredAt = second.OpenedAt!.Value.AddDays(5 + m), AnsweredBy = "demo",
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
