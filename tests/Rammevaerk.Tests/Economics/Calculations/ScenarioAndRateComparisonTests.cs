using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Tests.Economics.Calculations;

public class DeficitScenarioTests
{
    private const int Middelfart = 410;

    private static IReadOnlyList<ScenarioMunicipality> Region2025() =>
        EconomicsTestData.Region().Select(m => new ScenarioMunicipality(m.Code, m.Name, EconomicsTestData.Population(2025)[m.Code])).ToList();

    private static int Code(string name) => EconomicsTestData.Region().Single(m => m.Name == name).Code;

    [Fact]
    public void Three_models_each_add_up_to_the_deficit_and_differ_as_described()
    {
        var buyers = new List<ScenarioBuyer>
        {
            new(Middelfart, 365m), new(Code("Odense"), 730m), new(Code("Kolding"), 365m), new(Code("Vejle"), 365m),
        };
        var r = DeficitScenarios.Compute(1_500_000m, Middelfart, Region2025(), buyers, 2_080m, UseUnit.BedDays, Rounding.WholeKroner);

        Assert.Equal(22, r.Rows.Count);
        Assert.Equal(1_500_000m, r.Rows.Sum(x => x.ByPopulation));
        Assert.Equal(1_500_000m, r.Rows.Sum(x => x.ByUse));
        Assert.Equal(1_500_000m, r.Rows.Sum(x => x.ThroughRate));

        // (a) the host pays nothing, all 21 others pay.
        var host = r.Rows.Single(x => x.IsHost);
        Assert.Equal(0m, host.ByPopulation);
        Assert.Equal(21, r.ByPopulation.Shares.Count);
        Assert.All(r.Rows.Where(x => !x.IsHost), x => Assert.True(x.ByPopulation > 0));

        // (b) only the buyers, by use: Odense twice Kolding.
        Assert.Equal(4, r.ByUse.Shares.Count);
        Assert.Equal(0m, r.Rows.Single(x => x.Name == "Esbjerg").ByUse);
        var odense = r.Rows.Single(x => x.Name == "Odense");
        Assert.Equal(600_000m, odense.ByUse); // 1.500.000 × 730 / 1.825

        // (c) supplement = 1.500.000 / 2.080 per bed-day; Odense pays 730 × supplement; the host its own 365 and the 255 unsold.
        Assert.Equal(1_500_000m / 2_080m, r.Supplement);
        Assert.Equal(255m, r.UnsoldUse);
        Assert.InRange(odense.ThroughRate, Math.Floor(730m * r.Supplement), Math.Ceiling(730m * r.Supplement));
        Assert.InRange(host.ThroughRate, Math.Floor(620m * r.Supplement), Math.Ceiling(620m * r.Supplement));
        Assert.Equal(odense.ThroughRate - odense.ByPopulation, odense.RateMinusPopulation);
    }

    [Fact]
    public void Rounding_to_hundreds_keeps_the_totals_exact()
    {
        var r = DeficitScenarios.Compute(1_000_000m, Middelfart, Region2025(), [new(Code("Odense"), 1m), new(Code("Vejle"), 2m)], 3m, UseUnit.Places, Rounding.Hundreds);
        Assert.All(r.Rows, x => Assert.Equal(0m, x.ByPopulation % 100));
        Assert.Equal(1_000_000m, r.Rows.Sum(x => x.ByPopulation));
        Assert.Equal(1_000_000m, r.Rows.Sum(x => x.ThroughRate));
        Assert.Equal(0m, r.Rows.Single(x => x.IsHost).ThroughRate); // everything was bought
    }

    public static TheoryData<string, decimal, decimal, List<ScenarioBuyer>> BadInput() => new()
    {
        { "Underskuddet må ikke være negativt (det er -1 kr.).", -1m, 10m, [new(461, 5m)] },
        { "Angiv mindst én køberkommune med dens forbrug.", 100m, 10m, [] },
        { "Forbruget for Odense må ikke være negativt (det er -5 døgn).", 100m, 10m, [new(461, -5m)] },
        { "Købernes forbrug giver tilsammen 0, så der er intet at fordele efter.", 100m, 10m, [new(461, 0m)] },
        { "Den forventede belægning (4 døgn) er mindre end købernes samlede forbrug (5 døgn).", 100m, 4m, [new(461, 5m)] },
        { "Odense står mere end én gang blandt køberne.", 100m, 10m, [new(461, 1m), new(461, 2m)] },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_is_refused_in_Danish(string message, decimal deficit, decimal expected, List<ScenarioBuyer> buyers)
    {
        var e = Assert.Throws<EconomicsInputException>(() =>
            DeficitScenarios.Compute(deficit, Middelfart, Region2025(), buyers, expected, UseUnit.BedDays, Rounding.WholeKroner));
        Assert.Equal(message, e.Message);
    }
}

public class RateComparisonTests
{
    private static readonly RateInput Base = new(
        DirectCosts: 10_000_000m, OverheadPercent: 4.9m, CapitalBookValue: 20_000_000m, InterestPercent: 0m,
        Depreciation: 100_000m, CarriedSurplusOrDeficit: -6_000m, Places: 10m, OccupancyPercent: 95m, Days: 365);

    private static readonly Dictionary<int, decimal> Rates = new() { [2025] = 2.0m, [2026] = 2.5m, [2027] = 3.0m };
    private static readonly Dictionary<int, decimal> Index = new() { [2027] = 2.0m };

    [Fact]
    public void Both_interest_models_side_by_side_with_costs_indexed_to_the_year()
    {
        var r = RateComparison.Compute(Base, 2026, Rates, [2027], Index);
        var y = Assert.Single(r.Years);
        Assert.Equal(10_200_000m, y.DirectCosts.Result);          // 10.000.000 × 1,02
        Assert.Equal(3.0m, y.Interest.Current);
        Assert.Equal(2.5m, y.Interest.Rolled);                    // (2,0 + 2,5 + 3,0) / 3
        Assert.Equal(600_000m, y.Current.Interest);
        Assert.Equal(500_000m, y.Rolled.Interest);
        // 10.200.000 + 499.800 + 600.000 + 100.000 + 6.000 = 11.405.800 / 3.467,5
        Assert.Equal(11_405_800m / 3_467.5m, y.Current.DailyRate);
        Assert.Equal(Math.Round(-100_000m / 3_467.5m, 12), Math.Round(y.Difference, 12));
        Assert.Contains(y.DirectCosts.Lines, l => l.Formula.Contains("× 1,02 = 10.200.000 kr."));
    }

    [Fact]
    public void The_price_year_itself_needs_no_index()
    {
        var r = RateComparison.Compute(Base, 2027, Rates, [2027], new Dictionary<int, decimal>());
        Assert.Equal(10_000_000m, r.Years[0].DirectCosts.Result);
    }

    [Fact]
    public void Missing_interest_year_for_the_roll_is_named()
    {
        var e = Assert.Throws<EconomicsInputException>(() => RateComparison.Compute(Base, 2026, new Dictionary<int, decimal> { [2025] = 2m, [2027] = 3m }, [2027], Index));
        Assert.Equal("Renten for 2026 mangler – et rul over 3 år for 2027 kræver renterne for 2025, 2026 og 2027.", e.Message);
    }

    [Fact]
    public void Missing_index_year_is_named()
    {
        var e = Assert.Throws<EconomicsInputException>(() => RateComparison.Compute(Base, 2025, Rates, [2027], Index));
        Assert.StartsWith("Der mangler p/l-indeks for 2026", e.Message);
    }

    [Fact]
    public void Other_bad_input()
    {
        Assert.Equal("Angiv mindst ét beregningsår.",
            Assert.Throws<EconomicsInputException>(() => RateComparison.Compute(Base, 2026, Rates, [], Index)).Message);
        Assert.Equal("Beregningsåret 2025 ligger før prisåret 2026; de direkte omkostninger kan kun fremskrives.",
            Assert.Throws<EconomicsInputException>(() => RateComparison.Compute(Base, 2026, Rates, [2025, 2027], Index)).Message);
        Assert.Equal("Overheadprocenten skal være mellem 0 og 100 (den er 101).",
            Assert.Throws<EconomicsInputException>(() => RateComparison.Compute(Base with { OverheadPercent = 101m }, 2026, Rates, [2027], Index)).Message);
    }
}
