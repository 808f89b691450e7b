// Internal helper (not public API): Danish number formatting for the messages and derivation texts.
// "869.500 kr.", "4,9 %", "2.604.991,2 kr.", lists "Fanø og Ærø" / "Assens, Fanø og Ærø".
// Pages and exports do their own formatting of the decimal values.
using System.Globalization;

namespace Rammevaerk.Economics.Calculations;

internal static class Dk
{
    private static readonly NumberFormatInfo Format = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>Thousands with ".", decimals with ",", at most <paramref name="maxDecimals"/> decimals, no trailing zeros.</summary>
    public static string Number(decimal value, int maxDecimals = 10)
    {
        var rounded = Math.Round(value, maxDecimals, MidpointRounding.AwayFromZero);
        return rounded.ToString("#,##0." + new string('#', maxDecimals), Format);
    }

    public static string Kr(decimal value, int maxDecimals = 4) => Number(value, maxDecimals) + " kr.";

    public static string Pct(decimal value, int maxDecimals = 4) => Number(value, maxDecimals) + " %";

    /// <summary>"A", "A og B", "A, B og C".</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " og " + list[^1],
        };
    }

    /// <summary>Names in Danish alphabetical order (… Å after Ø), for messages that list several.</summary>
    public static IEnumerable<string> Sorted(IEnumerable<string> names) => names.OrderBy(n => n, Danish);

    private static readonly StringComparer Danish = CreateDanishComparer();

    private static StringComparer CreateDanishComparer()
    {
        try { return StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), ignoreCase: false); }
        catch (CultureNotFoundException) { return StringComparer.Ordinal; }
    }

    /// <summary>Rounds to a multiple of <paramref name="unit"/>, halves away from zero (the usual "halv op").</summary>
    public static decimal RoundTo(decimal value, decimal unit) =>
        Math.Round(value / unit, 0, MidpointRounding.AwayFromZero) * unit;
}
