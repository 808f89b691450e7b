// Public API (stable):
//   public sealed record Derivation(string Label, string Formula, decimal Value)
//   public sealed record IndexStep(int Year, decimal IndexPercent, decimal Factor, decimal AmountBefore, decimal AmountAfter)
//   public sealed record IndexProjection(decimal Amount, int FromYear, int ToYear, decimal Factor, decimal Result,
//                                        IReadOnlyList<IndexStep> Steps, IReadOnlyList<Derivation> Lines)
//   public static class PriceWageIndex
//       IndexProjection Project(decimal amount, int fromYear, int toYear, IReadOnlyDictionary<int, decimal> indexPercentByYear)
//
// Price and wage indexing (p/l-fremskrivning). indexPercentByYear[y] is the change in per cent from year y-1 to
// year y (e.g. 2026 → 2,1 means 2026 prices are 2,1 % above 2025 prices). Projecting forward multiplies by
// (1 + p[y]/100) for every y in fromYear+1 … toYear; projecting backward (toYear < fromYear) divides by the
// same factors for toYear+1 … fromYear. Nothing is rounded; Lines explain every step in Danish.
// Missing years → EconomicsInputException naming them; an index of -100 % or less is refused.
namespace Rammevaerk.Economics.Calculations;

/// <summary>One line of "how was this number made": a Danish label, the formula with its numbers, and the value.</summary>
public sealed record Derivation(string Label, string Formula, decimal Value);

/// <summary>One year's indexing step: the index, its factor 1 + p/100, and the amount before and after.</summary>
public sealed record IndexStep(int Year, decimal IndexPercent, decimal Factor, decimal AmountBefore, decimal AmountAfter);

/// <summary>An amount moved from fromYear's prices to toYear's prices; Factor is the total factor (Result = Amount × Factor).</summary>
public sealed record IndexProjection(
    decimal Amount,
    int FromYear,
    int ToYear,
    decimal Factor,
    decimal Result,
    IReadOnlyList<IndexStep> Steps,
    IReadOnlyList<Derivation> Lines);

/// <summary>Price and wage indexing by a table of yearly changes in per cent.</summary>
public static class PriceWageIndex
{
    public static IndexProjection Project(decimal amount, int fromYear, int toYear, IReadOnlyDictionary<int, decimal> indexPercentByYear)
    {
        var forward = toYear >= fromYear;
        var years = forward
            ? Enumerable.Range(fromYear + 1, toYear - fromYear).ToList()
            : Enumerable.Range(toYear + 1, fromYear - toYear).Reverse().ToList();
        CheckIndex(years, fromYear, toYear, indexPercentByYear);

        var steps = new List<IndexStep>();
        var lines = new List<Derivation>();
        var current = amount;
        var factor = 1m;
        foreach (var year in years)
        {
            var p = indexPercentByYear[year];
            var f = 1m + p / 100m;
            var before = current;
            if (forward)
            {
                current *= f;
                factor *= f;
                lines.Add(new Derivation(
                    $"P/L {year - 1} → {year} ({Dk.Pct(p)})",
                    $"{Dk.Kr(before)} × {Dk.Number(f)} = {Dk.Kr(current)}",
                    current));
            }
            else
            {
                current /= f;
                factor /= f;
                lines.Add(new Derivation(
                    $"P/L {year} → {year - 1} (tilbage, {Dk.Pct(p)})",
                    $"{Dk.Kr(before)} / {Dk.Number(f)} = {Dk.Kr(current)}",
                    current));
            }
            steps.Add(new IndexStep(year, p, f, before, current));
        }

        var factorText = steps.Count == 0
            ? "1"
            : string.Join(forward ? " × " : " / ", steps.Select(s => Dk.Number(s.Factor)));
        lines.Add(new Derivation(
            $"{Dk.Kr(amount)} i {fromYear}-priser i {toYear}-priser",
            steps.Count == 0
                ? $"Samme år: {Dk.Kr(amount)}"
                : $"{Dk.Kr(amount)} {(forward ? "×" : "/")} {factorText} = {Dk.Kr(current)}",
            current));

        return new IndexProjection(amount, fromYear, toYear, factor, current, steps, lines);
    }

    /// <summary>Every year in <paramref name="years"/> must have an index above -100 %.</summary>
    internal static void CheckIndex(IReadOnlyList<int> years, int fromYear, int toYear, IReadOnlyDictionary<int, decimal> indexPercentByYear)
    {
        var missing = years.Where(y => !indexPercentByYear.ContainsKey(y)).OrderBy(y => y).ToList();
        if (missing.Count > 0)
        {
            var needed = Dk.List(years.OrderBy(y => y).Select(y => y.ToString()));
            throw new EconomicsInputException(
                $"Der mangler p/l-indeks for {Dk.List(missing.Select(y => y.ToString()))} – en fremskrivning fra {fromYear} til {toYear} " +
                $"kræver indeks for {needed}.");
        }
        foreach (var year in years.OrderBy(y => y))
        {
            var p = indexPercentByYear[year];
            if (p <= -100m)
                throw new EconomicsInputException($"P/L-indekset for {year} skal være større end -100 % (det er {Dk.Pct(p)}).");
        }
    }
}
