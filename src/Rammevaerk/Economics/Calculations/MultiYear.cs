// Public API (stable):
//   public sealed record GuaranteeYear(int Year, AllocationResult Allocation)
//   public sealed record GuaranteeTotal(int Code, string Name, decimal Key, decimal Percent,
//                                       IReadOnlyList<decimal> AmountsByYear, decimal Total)
//   public sealed record GuaranteeScheduleResult(decimal YearlyAmount, int FirstYear, int Years, Rounding Rounding,
//       IReadOnlyList<GuaranteeYear> PerYear, IReadOnlyList<GuaranteeTotal> Totals, decimal GrandTotal, string Note)
//   public sealed record IndexedFeeYear(int Year, decimal? IndexPercent, decimal Factor, decimal CumulativeFactor,
//                                       decimal PerCitizen, string Derivation)
//   public sealed record IndexedFeeResult(decimal BasePerCitizen, int BaseYear, int ToYear, IReadOnlyList<IndexedFeeYear> Years)
//       { decimal FinalPerCitizen; }
//   public static class MultiYear
//       GuaranteeScheduleResult GuaranteeSchedule(decimal yearlyAmount, int firstYear, int years,
//                                                 IReadOnlyList<Participant> participants, Rounding rounding)
//       IndexedFeeResult IndexedFee(decimal basePerCitizen, int baseYear,
//                                   IReadOnlyDictionary<int, decimal> indexPercentByYear, int toYear)
//
// GuaranteeSchedule: the same yearly amount shared by the same key in each of `years` years from firstYear
// (e.g. a deficit guarantee for Middelfart shared by the 21 others for 3 years); Totals has each participant's
// amount per year (AmountsByYear, in year order) and over all years; GrandTotal = yearlyAmount × years.
// IndexedFee: a per-citizen fee in baseYear moved year by year with the p/l index (indexPercentByYear[y] = the
// change from y-1 to y, in per cent); one row per year baseYear … toYear, not rounded. Combine a year's fee
// with Allocator.PerCitizen to get the amounts. Bad input → EconomicsInputException (Danish).
namespace Rammevaerk.Economics.Calculations;

/// <summary>One year of a guarantee schedule.</summary>
public sealed record GuaranteeYear(int Year, AllocationResult Allocation);

/// <summary>One participant's amounts over the years of a guarantee schedule.</summary>
public sealed record GuaranteeTotal(int Code, string Name, decimal Key, decimal Percent, IReadOnlyList<decimal> AmountsByYear, decimal Total);

/// <summary>A yearly amount shared by key over several years, with per-participant totals.</summary>
public sealed record GuaranteeScheduleResult(
    decimal YearlyAmount,
    int FirstYear,
    int Years,
    Rounding Rounding,
    IReadOnlyList<GuaranteeYear> PerYear,
    IReadOnlyList<GuaranteeTotal> Totals,
    decimal GrandTotal,
    string Note);

/// <summary>The fee per citizen in one year; IndexPercent and Factor are those of the step into this year (none for the base year).</summary>
public sealed record IndexedFeeYear(int Year, decimal? IndexPercent, decimal Factor, decimal CumulativeFactor, decimal PerCitizen, string Derivation);

/// <summary>A per-citizen fee indexed from its base year to toYear.</summary>
public sealed record IndexedFeeResult(decimal BasePerCitizen, int BaseYear, int ToYear, IReadOnlyList<IndexedFeeYear> Years)
{
    public decimal FinalPerCitizen => Years[^1].PerCitizen;
}

/// <summary>Allocations that run over several years.</summary>
public static class MultiYear
{
    public const int MaxYears = 50;

    public static GuaranteeScheduleResult GuaranteeSchedule(
        decimal yearlyAmount, int firstYear, int years, IReadOnlyList<Participant> participants, Rounding rounding)
    {
        if (yearlyAmount < 0)
            throw new EconomicsInputException($"Det årlige beløb må ikke være negativt (det er {Dk.Kr(yearlyAmount)}).");
        if (years < 1 || years > MaxYears)
            throw new EconomicsInputException($"Antal år skal være mellem 1 og {MaxYears} (det er {years}).");
        CheckYear(firstYear, "Første år");

        var perYear = new List<GuaranteeYear>(years);
        for (var i = 0; i < years; i++)
            perYear.Add(new GuaranteeYear(firstYear + i, Allocator.ByKey(yearlyAmount, participants, rounding)));

        var first = perYear[0].Allocation;
        var totals = first.Shares.Select((s, index) =>
        {
            var amounts = perYear.Select(y => y.Allocation.Shares[index].Amount).ToList();
            return new GuaranteeTotal(s.Code, s.Name, s.Key, s.Percent, amounts, amounts.Sum());
        }).ToList();

        var lastYear = firstYear + years - 1;
        var note = $"{Dk.Kr(yearlyAmount)} om året i {years} år ({(years == 1 ? firstYear.ToString() : $"{firstYear}–{lastYear}")}), " +
                   $"i alt {Dk.Kr(yearlyAmount * years)}, fordelt efter samme nøgle hvert år. " + first.RoundingNote;
        return new GuaranteeScheduleResult(yearlyAmount, firstYear, years, rounding, perYear, totals, yearlyAmount * years, note);
    }

    public static IndexedFeeResult IndexedFee(decimal basePerCitizen, int baseYear, IReadOnlyDictionary<int, decimal> indexPercentByYear, int toYear)
    {
        if (basePerCitizen < 0)
            throw new EconomicsInputException($"Beløbet pr. indbygger må ikke være negativt (det er {Dk.Kr(basePerCitizen)}).");
        CheckYear(baseYear, "Basisåret");
        CheckYear(toYear, "Slutåret");
        if (toYear < baseYear)
            throw new EconomicsInputException($"Slutåret ({toYear}) må ikke ligge før basisåret ({baseYear}).");

        var projection = PriceWageIndex.Project(basePerCitizen, baseYear, toYear, indexPercentByYear);
        var rows = new List<IndexedFeeYear>
        {
            new(baseYear, null, 1m, 1m, basePerCitizen, $"Basisår: {Dk.Kr(basePerCitizen)} pr. indbygger"),
        };
        var cumulative = 1m;
        foreach (var step in projection.Steps)
        {
            cumulative *= step.Factor;
            rows.Add(new IndexedFeeYear(
                step.Year, step.IndexPercent, step.Factor, cumulative, step.AmountAfter,
                $"{Dk.Kr(step.AmountBefore)} × (1 + {Dk.Pct(step.IndexPercent)}) = {Dk.Kr(step.AmountBefore)} × {Dk.Number(step.Factor)} = {Dk.Kr(step.AmountAfter)} pr. indbygger"));
        }
        return new IndexedFeeResult(basePerCitizen, baseYear, toYear, rows);
    }

    private static void CheckYear(int year, string field)
    {
        if (year < 1900 || year > 2200)
            throw new EconomicsInputException($"{field} skal være mellem 1900 og 2200 (det er {year}).");
    }
}
