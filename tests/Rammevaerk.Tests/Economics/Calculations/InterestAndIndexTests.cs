using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Tests.Economics.Calculations;

public class InterestAndIndexTests
{
    private static readonly Dictionary<int, decimal> Rates = new() { [2024] = 3.5m, [2025] = 2.0m, [2026] = 2.5m, [2027] = 3.0m };

    // (d) The 3-year roll: the 2027 rate is one third each of the 2025, 2026 and 2027 rates.
    [Fact]
    public void Rolling_rate_for_2027_is_the_mean_of_2025_2026_and_2027()
    {
        var rolled = InterestModel.RollingThreeYears(Rates, 2027);

        Assert.Equal(2.5m, rolled.Percent);                 // (2,0 + 2,5 + 3,0) / 3
        Assert.Equal(2027, rolled.Year);
        Assert.Contains("(2 % + 2,5 % + 3 %) / 3 = 2,5 %", rolled.Derivation);
        Assert.Equal(3.0m, InterestModel.Current(Rates, 2027).Percent);
    }

    [Fact]
    public void Rolling_rate_is_not_rounded()
    {
        var rates = new Dictionary<int, decimal> { [2025] = 1m, [2026] = 2m, [2027] = 4m };
        Assert.Equal(7m / 3m, InterestModel.RollingThreeYears(rates, 2027).Percent);
    }

    [Fact]
    public void Rolling_rate_with_a_missing_year_names_it()
    {
        var rates = new Dictionary<int, decimal> { [2025] = 2.0m, [2027] = 3.0m };
        var e = Assert.Throws<EconomicsInputException>(() => InterestModel.RollingThreeYears(rates, 2027));
        Assert.Equal("Renten for 2026 mangler – et rul over 3 år for 2027 kræver renterne for 2025, 2026 og 2027.", e.Message);

        var two = Assert.Throws<EconomicsInputException>(() => InterestModel.RollingThreeYears(new Dictionary<int, decimal> { [2027] = 3m }, 2027));
        Assert.Equal("Renterne for 2025 og 2026 mangler – et rul over 3 år for 2027 kræver renterne for 2025, 2026 og 2027.", two.Message);
    }

    [Fact]
    public void Compare_shows_current_and_rolled_side_by_side()
    {
        var rows = InterestModel.Compare(Rates, [2026, 2027]);

        Assert.Equal([2026, 2027], rows.Select(r => r.Year));
        Assert.Equal([2.5m, 3.0m], rows.Select(r => r.Current));
        Assert.Equal([8m / 3m, 2.5m], rows.Select(r => r.Rolled));    // (3,5 + 2,0 + 2,5) / 3 = 2,666…
        Assert.Equal([8m / 3m - 2.5m, -0.5m], rows.Select(r => r.Difference));
        Assert.Contains("Forskel: 2,5 % − 3 % = -0,5 procentpoint.", rows[1].Derivation);
    }

    [Fact]
    public void Projection_multiplies_the_yearly_factors()
    {
        var index = new Dictionary<int, decimal> { [2026] = 2.1m, [2027] = 1.9m };

        var p = PriceWageIndex.Project(1_000_000m, 2025, 2027, index);

        Assert.Equal(1.021m * 1.019m, p.Factor);
        Assert.Equal(1_040_399m, p.Result);                                 // 1.000.000 × 1,021 × 1,019
        Assert.Equal([2026, 2027], p.Steps.Select(s => s.Year));
        Assert.Equal(1_021_000m, p.Steps[0].AmountAfter);
        Assert.Equal("1.000.000 kr. × 1,021 = 1.021.000 kr.", p.Lines[0].Formula);
        Assert.Equal("1.000.000 kr. × 1,021 × 1,019 = 1.040.399 kr.", p.Lines[^1].Formula);

        var back = PriceWageIndex.Project(1_040_399m, 2027, 2025, index);
        Assert.Equal(1_000_000m, back.Result);
        Assert.Equal(500m, PriceWageIndex.Project(500m, 2025, 2025, index).Result);
    }

    [Fact]
    public void Projection_with_a_missing_index_year_names_it()
    {
        var e = Assert.Throws<EconomicsInputException>(() =>
            PriceWageIndex.Project(100m, 2025, 2027, new Dictionary<int, decimal> { [2027] = 2m }));
        Assert.Equal("Der mangler p/l-indeks for 2026 – en fremskrivning fra 2025 til 2027 kræver indeks for 2026 og 2027.", e.Message);
    }

    [Fact]
    public void Indexed_fee_shows_each_year_and_its_factor()
    {
        var fee = MultiYear.IndexedFee(2.0m, 2024, new Dictionary<int, decimal> { [2025] = 5m, [2026] = 2m }, 2026);

        Assert.Equal([2024, 2025, 2026], fee.Years.Select(y => y.Year));
        Assert.Equal([null, 5m, 2m], fee.Years.Select(y => y.IndexPercent));
        Assert.Equal([1m, 1.05m, 1.02m], fee.Years.Select(y => y.Factor));
        Assert.Equal([1m, 1.05m, 1.071m], fee.Years.Select(y => y.CumulativeFactor));
        Assert.Equal([2.0m, 2.1m, 2.142m], fee.Years.Select(y => y.PerCitizen));
        Assert.Equal(2.142m, fee.FinalPerCitizen);
        Assert.Equal("2 kr. × (1 + 5 %) = 2 kr. × 1,05 = 2,1 kr. pr. indbygger", fee.Years[1].Derivation);

        var e = Assert.Throws<EconomicsInputException>(() =>
            MultiYear.IndexedFee(2.0m, 2024, new Dictionary<int, decimal> { [2025] = 5m }, 2026));
        Assert.Equal("Der mangler p/l-indeks for 2026 – en fremskrivning fra 2024 til 2026 kræver indeks for 2025 og 2026.", e.Message);
    }
}
