// Public API (stable):
//   public sealed record RateComparisonYear(int Year, IndexProjection DirectCosts, InterestComparisonRow Interest,
//       RateResult Current, RateResult Rolled) { decimal Difference; decimal DifferenceWholeKroner; }
//   public sealed record RateComparisonResult(int PriceYear, RateInput Base, IReadOnlyList<RateComparisonYear> Years)
//   public static class RateComparison
//       RateComparisonResult Compute(RateInput baseInput, int priceYear, IReadOnlyDictionary<int, decimal> interestRatesByYear,
//                                    IReadOnlyList<int> years, IReadOnlyDictionary<int, decimal> indexPercentByYear)
//
// The daily rate for each year entered under both interest models, side by side. The direct costs are entered in
// priceYear's prices and moved to each year's prices by the p/l index (PriceWageIndex.Project; priceYear + 1 is
// "p/l-fremskrivning til næste år"); overhead follows the indexed direct costs. Book value, depreciation, the
// carried surplus/deficit, places, occupancy and days are as entered (baseInput.InterestPercent is ignored).
// Interest: the current model takes the year's own rate, the roll (r[y−2] + r[y−1] + r[y]) / 3. Years are
// computed in ascending order, duplicates once. Bad input → EconomicsInputException naming the year or field:
// no year, a year before the price year, a missing interest year for the roll, a missing p/l year.
namespace Rammevaerk.Economics.Calculations;

/// <summary>One year: the direct costs in that year's prices, the two interest rates and the two daily rates.</summary>
public sealed record RateComparisonYear(int Year, IndexProjection DirectCosts, InterestComparisonRow Interest, RateResult Current, RateResult Rolled)
{
    /// <summary>Rolled − Current, kroner per day, unrounded.</summary>
    public decimal Difference => Rolled.DailyRate - Current.DailyRate;

    /// <summary>Difference of the whole-kroner rates.</summary>
    public decimal DifferenceWholeKroner => Rolled.DailyRateWholeKroner - Current.DailyRateWholeKroner;
}

/// <summary>Daily rates for several years under both interest models.</summary>
public sealed record RateComparisonResult(int PriceYear, RateInput Base, IReadOnlyList<RateComparisonYear> Years);

public static class RateComparison
{
    public const int MaxYears = 20;

    public static RateComparisonResult Compute(
        RateInput baseInput,
        int priceYear,
        IReadOnlyDictionary<int, decimal> interestRatesByYear,
        IReadOnlyList<int> years,
        IReadOnlyDictionary<int, decimal> indexPercentByYear)
    {
        ArgumentNullException.ThrowIfNull(baseInput);
        if (priceYear < 1900 || priceYear > 2200)
            throw new EconomicsInputException($"Prisåret skal være mellem 1900 og 2200 (det er {priceYear}).");
        var list = (years ?? []).Distinct().OrderBy(y => y).ToList();
        if (list.Count == 0)
            throw new EconomicsInputException("Angiv mindst ét beregningsår.");
        if (list.Count > MaxYears)
            throw new EconomicsInputException($"Der kan højst sammenlignes {MaxYears} år ad gangen.");
        var early = list.Where(y => y < priceYear).ToList();
        if (early.Count > 0)
            throw new EconomicsInputException(
                $"Beregningsåret {Dk.List(early.Select(y => y.ToString()))} ligger før prisåret {priceYear}; de direkte omkostninger kan kun fremskrives.");
        foreach (var (year, rate) in interestRatesByYear)
        {
            if (rate < -100 || rate > 100)
                throw new EconomicsInputException($"Renten for {year} skal være mellem -100 og 100 % (den er {Dk.Pct(rate)}).");
        }

        var rows = new List<RateComparisonYear>(list.Count);
        foreach (var year in list)
        {
            var interest = InterestModel.Compare(interestRatesByYear, [year])[0];
            var costs = PriceWageIndex.Project(baseInput.DirectCosts, priceYear, year, indexPercentByYear);
            var input = baseInput with { DirectCosts = costs.Result };
            var current = RateCalculator.Compute(input with { InterestPercent = interest.Current });
            var rolled = RateCalculator.Compute(input with { InterestPercent = interest.Rolled });
            rows.Add(new RateComparisonYear(year, costs, interest, current, rolled));
        }
        return new RateComparisonResult(priceYear, baseInput, rows);
    }
}
