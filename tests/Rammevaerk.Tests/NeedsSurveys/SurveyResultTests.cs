using Rammevaerk.Demo;
using Rammevaerk.NeedsSurveys;

namespace Rammevaerk.Tests.NeedsSurveys;

/// <summary>The result table of a needs survey, pinned to seed 000 item 3's figures through the demo answers.</summary>
public sealed class SurveyResultTests
{
    private static readonly int[] Years = [2024, 2025, 2026];

    /// <summary>22 municipalities with codes 1..22, the demo's order (the first 12 re-answered).</summary>
    private static readonly List<(int Code, string Name)> Region = [.. Enumerable.Range(1, 22).Select(i => (i, $"Kommune {i:00}"))];

    private static MunicipalityAnswer Answer(int code, int[][] table, int index) =>
        new(code, $"Kommune {code:00}", Years.Select((y, yi) => (y, table[yi][index])).ToDictionary(p => p.y, p => p.Item2));

    private static SurveyRoundData First() => new(DemoSurveys.FirstTitle, Years,
        [.. Enumerable.Range(0, 22).Select(i => i < 12 ? Answer(i + 1, DemoSurveys.FirstRoundOfTwelve, i) : Answer(i + 1, DemoSurveys.FirstRoundOfTen, i - 12))]);

    private static SurveyRoundData Second() => new(DemoSurveys.SecondTitle, Years,
        [.. Enumerable.Range(0, 12).Select(i => Answer(i + 1, DemoSurveys.ReassessmentOfTwelve, i))]);

    [Fact]
    public void Seed_000_table_is_reproduced_from_the_demo_answers()
    {
        var result = SurveyResult.Build(Second(), First(), Region);

        Assert.Equal(Years, result.Years);
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal("Første behovsanalyse, samme kommuner (12)", result.Rows[0].Heading);
        Assert.Equal([45, 43, 36], result.Rows[0].Totals);
        Assert.Equal("Genvurderingen (12)", result.Rows[1].Heading);
        Assert.Equal([37, 42, 38], result.Rows[1].Totals);
        Assert.Equal("Første behovsanalyse, alle der svarede (22)", result.Rows[2].Heading);
        Assert.Equal([60, 58, 48], result.Rows[2].Totals);
        Assert.Equal("12 af 22 har svaret", result.AnsweredText);
    }

    [Fact]
    public void Detail_lists_every_municipality_with_blanks_for_those_that_did_not_answer()
    {
        var result = SurveyResult.Build(Second(), First(), Region);
        Assert.Equal(22, result.Detail.Count);
        var k1 = result.Detail.Single(d => d.Code == 1);
        Assert.Equal([6, 7, 6], k1.Places);
        Assert.Equal([8, 7, 6], k1.PreviousPlaces!);
        var k20 = result.Detail.Single(d => d.Code == 20);
        Assert.All(k20.Places, p => Assert.Null(p));
        Assert.NotNull(k20.PreviousPlaces![0]);
    }

    [Fact]
    public void Without_a_previous_round_there_is_one_row()
    {
        var result = SurveyResult.Build(Second(), null, Region);
        var row = Assert.Single(result.Rows);
        Assert.Equal("Genvurderingen (12)", row.Heading);
        Assert.Null(result.Detail[0].PreviousPlaces);
    }

    [Fact]
    public void Years_the_previous_round_did_not_ask_about_show_a_dash()
    {
        var current = new SurveyRoundData("Ny runde", [2025, 2026, 2027], [new MunicipalityAnswer(1, "A", new Dictionary<int, int> { [2025] = 2, [2026] = 3, [2027] = 4 })]);
        var previous = new SurveyRoundData("Gammel", [2024, 2025, 2026], [new MunicipalityAnswer(1, "A", new Dictionary<int, int> { [2024] = 1, [2025] = 1, [2026] = 1 }), new MunicipalityAnswer(2, "B", new Dictionary<int, int> { [2024] = 5, [2025] = 5, [2026] = 5 })]);
        var result = SurveyResult.Build(current, previous, [(1, "A"), (2, "B")]);
        Assert.Equal([1, 1, null], result.Rows[0].Totals);
        Assert.Equal([2, 3, 4], result.Rows[1].Totals);
        Assert.Equal([6, 6, null], result.Rows[2].Totals);
        Assert.Contains("| Gammel, alle der svarede (2) | 6 | 6 | – |", result.Markdown());
    }

    [Fact]
    public void Markdown_is_a_pipe_table_with_the_bracket_note()
    {
        var md = SurveyResult.Build(Second(), First(), Region).Markdown();
        Assert.Contains("| Runde | 2024 | 2025 | 2026 |", md);
        Assert.Contains("|---|---:|---:|---:|", md);
        Assert.Contains("| Første behovsanalyse, samme kommuner (12) | 45 | 43 | 36 |", md);
        Assert.Contains("| Genvurderingen (12) | 37 | 42 | 38 |", md);
        Assert.Contains("| Første behovsanalyse, alle der svarede (22) | 60 | 58 | 48 |", md);
        Assert.Contains(SurveyResult.BracketNote, md);
    }

    [Fact]
    public void Demo_order_puts_Varde_and_Billund_among_those_that_did_not_re_answer()
    {
        int[] codes = [410, 420, 430, 440, 450, 461, 479, 480, 482, 492, 510, 530, 540, 550, 561, 563, 573, 575, 580, 607, 621, 630];
        var order = DemoSurveys.Order(codes);
        Assert.Equal(22, order.Count);
        Assert.Contains(410, order.Take(12)); // Middelfart
        Assert.DoesNotContain(573, order.Take(12));
        Assert.DoesNotContain(530, order.Take(12));
    }
}
