// Internal helper (not public API): the largest-remainder (Hamilton) method on whole units.
namespace Rammevaerk.Economics.Calculations;

internal static class LargestRemainder
{
    /// <summary>
    /// Splits <paramref name="totalUnits"/> (a whole, non-negative number) in proportion to
    /// <paramref name="weights"/> (non-negative, positive sum). Every item first gets the whole part of its
    /// exact quota; the units left over go one each to the items with the largest remainders. Ties go to the
    /// larger weight, then to the smaller <paramref name="tieOrder"/>. The result always sums to totalUnits.
    /// Remainders are compared exactly as numerators over the common denominator Σweights.
    /// </summary>
    public static decimal[] Split(decimal totalUnits, IReadOnlyList<decimal> weights, IReadOnlyList<int> tieOrder)
    {
        var n = weights.Count;
        var sum = weights.Sum();
        var floors = new decimal[n];
        var remainders = new decimal[n];
        try
        {
            for (var i = 0; i < n; i++)
            {
                var numerator = totalUnits * weights[i];
                var floor = Math.Floor(numerator / sum);
                var rem = numerator - floor * sum;
                // Decimal division rounds at 28 digits; correct the floor so that 0 <= rem < sum.
                while (rem < 0) { floor -= 1; rem += sum; }
                while (rem >= sum) { floor += 1; rem -= sum; }
                floors[i] = floor;
                remainders[i] = rem;
            }
        }
        catch (OverflowException)
        {
            throw new EconomicsInputException("Tallene er for store til at fordele.");
        }

        var left = totalUnits - floors.Sum();
        if (left < 0 || left > n)
            throw new InvalidOperationException($"Largest remainder left {left} units for {n} items.");

        var order = Enumerable.Range(0, n)
            .OrderByDescending(i => remainders[i])
            .ThenByDescending(i => weights[i])
            .ThenBy(i => tieOrder[i])
            .ToList();
        for (var k = 0; k < (int)left; k++)
            floors[order[k]] += 1;
        return floors;
    }
}
