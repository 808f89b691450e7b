using System.Globalization;
using System.Text.RegularExpressions;

namespace Rammevaerk.Shared;

/// <summary>
/// The one reader of numbers, amounts, percentages and dates as Danish users type them. "2.422,50", "2422,5",
/// "2 422", "-3", "−3" (the typographic minus), "2.422 kr.", "6,5 %" are numbers; "." is only ever the thousands
/// separator, so "2.5" or "2422.50" (a decimal point) is refused rather than read as 25 or 242.250 — the caller says
/// so in Danish. Dates: "2025-09-01" (the date field), "1.9.2025", "1-9-2025", "1/9/2025", "01.09.2025".
/// </summary>
public static partial class DanishInput
{
    [GeneratedRegex(@"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")]
    private static partial Regex NumberPattern();

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy", "d-M-yyyy", "d/M/yyyy"];

    /// <summary>A Danish number, amount ("kr.") or percentage ("%"); null when the text is not one.</summary>
    public static decimal? Number(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Replace('\u00A0', ' ').Replace('\u2212', '-').Replace('\u2013', '-');
        if (t.EndsWith('%')) t = t[..^1];
        else if (t.EndsWith("kr.", StringComparison.OrdinalIgnoreCase)) t = t[..^3];
        else if (t.EndsWith("kr", StringComparison.OrdinalIgnoreCase)) t = t[..^2];
        else if (t.StartsWith("kr.", StringComparison.OrdinalIgnoreCase)) t = t[3..];
        t = t.Replace(" ", "", StringComparison.Ordinal);
        if (!NumberPattern().IsMatch(t)) return null;
        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, Danish.Culture, out var value)
            ? value : null;
    }

    /// <summary>A whole number ("1.000", "-2"); null for text, decimals or a number too large.</summary>
    public static int? Whole(string? text) =>
        Number(text) is decimal d && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
