using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Tests.Economics.Calculations;

public class RateTests
{
    // (g) By hand: overhead 4,9 % of 10.000.000 = 490.000; interest 2,5 % of 20.000.000 = 500.000;
    // depreciation 100.000; a carried deficit of 6.000 is added: cost basis 11.096.000 kr.
    // 10 places × 365 days × 95 % = 3.467,5 occupied days; 11.096.000 / 3.467,5 = 3.200 kr. per day.
    [Fact]
    public void Daily_rate_by_hand()
    {
        var r = RateCalculator.Compute(new RateInput(
            DirectCosts: 10_000_000m, OverheadPercent: 4.9m, CapitalBookValue: 20_000_000m, InterestPercent: 2.5m,
            Depreciation: 100_000m, CarriedSurplusOrDeficit: -6_000m, Places: 10m, OccupancyPercent: 95m, Days: 365));

        Assert.Equal(490_000m, r.Overhead);
        Assert.Equal(500_000m, r.Interest);
        Assert.Equal(11_096_000m, r.CostBasis);
        Assert.Equal(3_467.5m, r.OccupiedDays);
        Assert.Equal(3_200m, r.DailyRate);
        Assert.Equal(3_200m, r.DailyRateWholeKroner);

        var lines = r.Derivations.ToDictionary(d => d.Label);
        Assert.Equal("10.000.000 kr. × 4,9 % = 490.000 kr.", lines["Indirekte omkostninger (overhead 4,9 %)"].Formula);
        Assert.Equal("20.000.000 kr. (bogført værdi) × 2,5 % = 500.000 kr.", lines["Forrentning af kapital"].Formula);
        Assert.Equal(6_000m, lines["Overført underskud fra tidligere år (lægges til)"].Value);
        Assert.Equal("10.000.000 kr. + 490.000 kr. + 500.000 kr. + 100.000 kr. + 6.000 kr. = 11.096.000 kr.", lines["Omkostningsgrundlag"].Formula);
        Assert.Equal("10 pladser × 365 dage × 95 % belægning = 3.467,5 dage", lines["Belagte dage"].Formula);
        Assert.Equal("11.096.000 kr. / 3.467,5 dage = 3.200 kr. pr. døgn", lines["Døgntakst"].Formula);
    }

    // A surplus lowers the basis: 1.000.000 + 0 + 0 + 0 − 50.000 = 950.000 kr. over 2 × 366 × 100 % = 732 days
    // = 1.297,81… kr., 1.298 kr. in whole kroner.
    [Fact]
    public void Carried_surplus_lowers_the_rate_and_the_whole_kroner_rate_rounds_half_up()
    {
        var r = RateCalculator.Compute(new RateInput(1_000_000m, 0m, 0m, 0m, 0m, 50_000m, 2m, 100m, 366));

        Assert.Equal(950_000m, r.CostBasis);
        Assert.Equal(732m, r.OccupiedDays);
        Assert.Equal(950_000m / 732m, r.DailyRate);
        Assert.Equal(1_298m, r.DailyRateWholeKroner);
        Assert.Contains(r.Derivations, d => d.Label == "Overført overskud fra tidligere år (trækkes fra)" && d.Value == -50_000m);
    }

    [Fact]
    public void Rolled_interest_feeds_the_rate()
    {
        var rates = new Dictionary<int, decimal> { [2025] = 2.0m, [2026] = 2.5m, [2027] = 3.0m };
        var current = InterestModel.Current(rates, 2027).Percent;
        var rolled = InterestModel.RollingThreeYears(rates, 2027).Percent;

        RateResult Rate(decimal interest) => RateCalculator.Compute(new RateInput(3_000_000m, 0m, 10_000_000m, interest, 0m, 0m, 10m, 100m, 365));

        Assert.Equal(300_000m, Rate(current).Interest);
        Assert.Equal(250_000m, Rate(rolled).Interest);
        Assert.Equal(3_300_000m / 3_650m, Rate(current).DailyRate);
        Assert.Equal(3_250_000m / 3_650m, Rate(rolled).DailyRate);
    }
}
