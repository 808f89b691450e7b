// Public API (stable):
//   public sealed record RateInput(decimal DirectCosts, decimal OverheadPercent, decimal CapitalBookValue,
//       decimal InterestPercent, decimal Depreciation, decimal CarriedSurplusOrDeficit, decimal Places,
//       decimal OccupancyPercent, int Days)
//   public sealed record RateResult(RateInput Input, decimal DirectCosts, decimal Overhead, decimal Interest,
//       decimal Depreciation, decimal CarriedSurplusOrDeficit, decimal CostBasis, decimal OccupiedDays,
//       decimal DailyRate, decimal DailyRateWholeKroner, IReadOnlyList<Derivation> Derivations)
//   public static class RateCalculator
//       RateResult Compute(RateInput input)
//   public sealed record InterestRate(int Year, decimal Percent, string Derivation)
//   public sealed record InterestComparisonRow(int Year, decimal Current, decimal Rolled, decimal Difference, string Derivation)
//   public static class InterestModel
//       InterestRate Current(IReadOnlyDictionary<int, decimal> ratesByYear, int year)
//       InterestRate RollingThreeYears(IReadOnlyDictionary<int, decimal> ratesByYear, int year)
//       IReadOnlyList<InterestComparisonRow> Compare(IReadOnlyDictionary<int, decimal> ratesByYear, IEnumerable<int> years)
//   (Derivation(string Label, string Formula, decimal Value) is declared in PriceWageIndex.cs.)
//
// Daily rate (døgntakst), all amounts in kroner per year, nothing rounded except DailyRateWholeKroner:
//   Overhead      = DirectCosts × OverheadPercent / 100          (indirect costs as a surcharge on the direct costs)
//   Interest      = CapitalBookValue × InterestPercent / 100
//   CostBasis     = DirectCosts + Overhead + Interest + Depreciation − CarriedSurplusOrDeficit
//                   (CarriedSurplusOrDeficit > 0 is a surplus carried from earlier years and lowers the rate;
//                    < 0 is a deficit and raises it)
//   OccupiedDays  = Places × Days × OccupancyPercent / 100
//   DailyRate     = CostBasis / OccupiedDays;  DailyRateWholeKroner = DailyRate rounded, halves up.
// Validation (Danish messages): overhead 0–100, occupancy 0 < x ≤ 100, places > 0, days 1–366, interest −100–100,
// no negative direct costs, book value or depreciation, and a cost basis that is not negative.
// Interest models: Current = the year's own rate; RollingThreeYears = (r[y−2] + r[y−1] + r[y]) / 3;
// Compare gives both per year and Difference = Rolled − Current. A missing year → Danish error naming it.
namespace Rammevaerk.Economics.Calculations;

/// <summary>Input to a daily rate; amounts in kroner per year, percentages in per cent (4,9 = 4,9 %).</summary>
public sealed record RateInput(
    decimal DirectCosts,
    decimal OverheadPercent,
    decimal CapitalBookValue,
    decimal InterestPercent,
    decimal Depreciation,
    decimal CarriedSurplusOrDeficit,
    decimal Places,
    decimal OccupancyPercent,
    int Days);

/// <summary>A daily rate with each component and a Danish derivation line for every number.</summary>
public sealed record RateResult(
    RateInput Input,
    decimal DirectCosts,
    decimal Overhead,
    decimal Interest,
    decimal Depreciation,
    decimal CarriedSurplusOrDeficit,
    decimal CostBasis,
    decimal OccupiedDays,
    decimal DailyRate,
    decimal DailyRateWholeKroner,
    IReadOnlyList<Derivation> Derivations);

/// <summary>Cost-based rate calculation.</summary>
public static class RateCalculator
{
    public static RateResult Compute(RateInput input)
    {
        Validate(input);
        var overhead = input.DirectCosts * input.OverheadPercent / 100m;
        var interest = input.CapitalBookValue * input.InterestPercent / 100m;
        var basis = input.DirectCosts + overhead + interest + input.Depreciation - input.CarriedSurplusOrDeficit;
        if (basis < 0)
        {
            throw new EconomicsInputException(
                $"Omkostningsgrundlaget bliver negativt ({Dk.Kr(basis)}); det overførte overskud er større end omkostningerne.");
        }
        var occupiedDays = input.Places * input.Days * input.OccupancyPercent / 100m;
        var rate = basis / occupiedDays;
        var rateWhole = Math.Round(rate, 0, MidpointRounding.AwayFromZero);

        var carried = input.CarriedSurplusOrDeficit;
        var carriedLine = carried >= 0
            ? new Derivation("Overført overskud fra tidligere år (trækkes fra)", $"− {Dk.Kr(carried)}", -carried)
            : new Derivation("Overført underskud fra tidligere år (lægges til)", $"+ {Dk.Kr(-carried)}", -carried);
        var lines = new List<Derivation>
        {
            new("Direkte omkostninger", "Indtastet", input.DirectCosts),
            new($"Indirekte omkostninger (overhead {Dk.Pct(input.OverheadPercent)})",
                $"{Dk.Kr(input.DirectCosts)} × {Dk.Pct(input.OverheadPercent)} = {Dk.Kr(overhead)}", overhead),
            new("Forrentning af kapital",
                $"{Dk.Kr(input.CapitalBookValue)} (bogført værdi) × {Dk.Pct(input.InterestPercent)} = {Dk.Kr(interest)}", interest),
            new("Afskrivninger", "Indtastet", input.Depreciation),
            carriedLine,
            new("Omkostningsgrundlag",
                $"{Dk.Kr(input.DirectCosts)} + {Dk.Kr(overhead)} + {Dk.Kr(interest)} + {Dk.Kr(input.Depreciation)} " +
                $"{(carried >= 0 ? "−" : "+")} {Dk.Kr(Math.Abs(carried))} = {Dk.Kr(basis)}", basis),
            new("Belagte dage",
                $"{Dk.Number(input.Places)} pladser × {input.Days} dage × {Dk.Pct(input.OccupancyPercent)} belægning = {Dk.Number(occupiedDays)} dage",
                occupiedDays),
            new("Døgntakst", $"{Dk.Kr(basis)} / {Dk.Number(occupiedDays)} dage = {Dk.Kr(rate, 2)} pr. døgn", rate),
            new("Døgntakst, hele kroner", $"{Dk.Kr(rate, 4)} afrundet til hele kroner (halvdelen op) = {Dk.Kr(rateWhole)}", rateWhole),
        };
        return new RateResult(input, input.DirectCosts, overhead, interest, input.Depreciation, carried, basis, occupiedDays, rate, rateWhole, lines);
    }

    private static void Validate(RateInput i)
    {
        if (i is null) throw new ArgumentNullException(nameof(i));
        if (i.DirectCosts < 0)
            throw new EconomicsInputException($"De direkte omkostninger må ikke være negative (de er {Dk.Kr(i.DirectCosts)}).");
        if (i.OverheadPercent < 0 || i.OverheadPercent > 100)
            throw new EconomicsInputException($"Overheadprocenten skal være mellem 0 og 100 (den er {Dk.Number(i.OverheadPercent)}).");
        if (i.CapitalBookValue < 0)
            throw new EconomicsInputException($"Kapitalens bogførte værdi må ikke være negativ (den er {Dk.Kr(i.CapitalBookValue)}).");
        if (i.InterestPercent < -100 || i.InterestPercent > 100)
            throw new EconomicsInputException($"Renten skal være mellem -100 og 100 % (den er {Dk.Pct(i.InterestPercent)}).");
        if (i.Depreciation < 0)
            throw new EconomicsInputException($"Afskrivningerne må ikke være negative (de er {Dk.Kr(i.Depreciation)}).");
        if (i.Places <= 0)
            throw new EconomicsInputException($"Antal pladser skal være større end 0 (det er {Dk.Number(i.Places)}).");
        if (i.OccupancyPercent <= 0 || i.OccupancyPercent > 100)
            throw new EconomicsInputException($"Belægningsprocenten skal være over 0 og højst 100 (den er {Dk.Number(i.OccupancyPercent)}).");
        if (i.Days < 1 || i.Days > 366)
            throw new EconomicsInputException($"Antal dage skal være mellem 1 og 366 (det er {i.Days}).");
    }
}

/// <summary>An interest rate for a year under one model, with how it was found (Danish).</summary>
public sealed record InterestRate(int Year, decimal Percent, string Derivation);

/// <summary>One year side by side: the current model, the 3-year roll, and Rolled − Current (percentage points).</summary>
public sealed record InterestComparisonRow(int Year, decimal Current, decimal Rolled, decimal Difference, string Derivation);

/// <summary>The two interest models the forum weighed for interest on capital.</summary>
public static class InterestModel
{
    /// <summary>The current model: the year's own rate.</summary>
    public static InterestRate Current(IReadOnlyDictionary<int, decimal> ratesByYear, int year)
    {
        if (!ratesByYear.TryGetValue(year, out var rate))
            throw new EconomicsInputException($"Renten for {year} mangler.");
        return new InterestRate(year, rate, $"Renten for {year}: {Dk.Pct(rate)}");
    }

    /// <summary>Rolled over 3 years: (r[y−2] + r[y−1] + r[y]) / 3, unrounded.</summary>
    public static InterestRate RollingThreeYears(IReadOnlyDictionary<int, decimal> ratesByYear, int year)
    {
        int[] years = [year - 2, year - 1, year];
        var missing = years.Where(y => !ratesByYear.ContainsKey(y)).ToList();
        if (missing.Count > 0)
        {
            var subject = missing.Count == 1 ? $"Renten for {missing[0]}" : $"Renterne for {Dk.List(missing.Select(y => y.ToString()))}";
            throw new EconomicsInputException(
                $"{subject} mangler – et rul over 3 år for {year} kræver renterne for {years[0]}, {years[1]} og {years[2]}.");
        }
        var r = years.Select(y => ratesByYear[y]).ToArray();
        var mean = (r[0] + r[1] + r[2]) / 3m;
        return new InterestRate(year, mean,
            $"({Dk.Pct(r[0])} + {Dk.Pct(r[1])} + {Dk.Pct(r[2])}) / 3 = {Dk.Pct(mean)} " +
            $"(en tredjedel hver af renterne for {years[0]}, {years[1]} og {years[2]})");
    }

    /// <summary>Both models for each year given, in the given order; Difference = Rolled − Current.</summary>
    public static IReadOnlyList<InterestComparisonRow> Compare(IReadOnlyDictionary<int, decimal> ratesByYear, IEnumerable<int> years)
    {
        var list = years.ToList();
        if (list.Count == 0)
            throw new EconomicsInputException("Vælg mindst ét år at sammenligne.");
        return list.Select(y =>
        {
            var current = Current(ratesByYear, y);
            var rolled = RollingThreeYears(ratesByYear, y);
            var diff = rolled.Percent - current.Percent;
            return new InterestComparisonRow(y, current.Percent, rolled.Percent, diff,
                $"Gældende: {Dk.Pct(current.Percent)}. Rullet: {rolled.Derivation}. Forskel: {Dk.Pct(rolled.Percent)} − {Dk.Pct(current.Percent)} = {Dk.Number(diff, 4)} procentpoint.");
        }).ToList();
    }
}
