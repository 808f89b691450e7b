using System.Text;
using System.Text.RegularExpressions;

namespace Rammevaerk.Shared;

/// <summary>One CPR number found in a text: where it stands (in the text as given) and what it looks like masked.</summary>
public readonly record struct CprMatch(int Index, int Length, DateOnly BirthDate, bool IsSubstitute)
{
    /// <summary>
    /// "010190-xxxx": the first six digits as written (a substitute number's day plus 60 too, so the secretariat finds
    /// it in the text), the last four hidden.
    /// </summary>
    public string Masked => $"{(IsSubstitute ? BirthDate.Day + 60 : BirthDate.Day):00}{BirthDate:MMyy}-xxxx";
}

/// <summary>
/// Finds Danish CPR numbers (personnummer) in free text, so that none is ever published or indexed (CPR-loven § 54,
/// forvaltningsloven § 27). A CPR number is DDMMÅÅ-LLLL:
/// <list type="bullet">
/// <item>a real date; a day plus 60 marks a substitute number (erstatningspersonnummer);</item>
/// <item>the first of the four last digits gives the century with ÅÅ: 0–3 → 1900s; 4 and 9 → 2000s for ÅÅ 00–36,
/// else 1900s; 5–8 → 2000s for ÅÅ 00–57, else 1800s;</item>
/// <item>written with "-", a space, a non-breaking space, a dot or nothing between the two parts (also a line break,
/// as PDF text splits it, and the dash and space variants a word processor puts in), never inside a longer run of
/// digits.</item>
/// </list>
/// The modulus-11 check is not applied: numbers issued since 2007 may fail it. "123456-7890" (no 34th month) and
/// "2.422 kr." are not CPR numbers.
/// </summary>
public static partial class CprNumbers
{
    /// <summary>What replaces a CPR number in text that leaves the building (search index, logs).</summary>
    public const string Redaction = "[cpr-nr. fjernet]";

    public static bool Contains(string? text, DateOnly? today = null) => Find(text, today).Any();

    /// <summary>
    /// Every CPR number in <paramref name="text"/>, in order. With <paramref name="today"/>, a number whose birth
    /// date would lie after it is not one (ten-digit P-numbers such as "1003388394" read as a date in 2038).
    /// </summary>
    public static IEnumerable<CprMatch> Find(string? text, DateOnly? today = null)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        foreach (Match m in Candidate().Matches(text))
        {
            if (TryDate(m, out var date, out var substitute) && (today is null || date <= today))
                yield return new CprMatch(m.Index, m.Length, date, substitute);
        }
    }

    /// <summary>The text with every CPR number replaced by <see cref="Redaction"/> (the same instance when there is none).</summary>
    public static string Redact(string text, DateOnly? today = null)
    {
        StringBuilder? sb = null;
        var at = 0;
        foreach (var match in Find(text, today))
        {
            sb ??= new StringBuilder(text.Length);
            sb.Append(text, at, match.Index - at).Append(Redaction);
            at = match.Index + match.Length;
        }
        if (sb is null) return text;
        return sb.Append(text, at, text.Length - at).ToString();
    }

    private static bool TryDate(Match m, out DateOnly date, out bool substitute)
    {
        date = default;
        var day = Two(m.Groups["dd"].Value);
        var month = Two(m.Groups["mm"].Value);
        var yy = Two(m.Groups["yy"].Value);
        var seventh = m.Groups["serial"].Value[0] - '0';
        substitute = day > 60;
        if (substitute) day -= 60;
        if (month is < 1 or > 12 || day < 1) return false;
        var century = seventh switch
        {
            <= 3 => 1900,
            4 or 9 => yy <= 36 ? 2000 : 1900,
            _ => yy <= 57 ? 2000 : 1800,
        };
        var year = century + yy;
        if (day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Two(string digits) => (digits[0] - '0') * 10 + (digits[1] - '0');

    // Six digits, an optional separator (hyphens and dashes, a dot, spaces of any kind, a line break, soft hyphens and
    // zero-width characters a PDF or a word processor leaves), four digits; no digit on either side, and not part of a
    // dotted or dashed number such as "12-010190-1234" or "010190-1234.5" ("nr.010190-1234" still is one).
    [GeneratedRegex(
        @"(?<!\d)(?<!\d[.,\-‐‑–])(?<dd>\d{2})(?<mm>\d{2})(?<yy>\d{2})(?:[ \t\u00A0\u2007\u202F\u2009\u00AD\u200B\u2060]*(?:\r?\n)?[ \t\u00A0\u2007\u202F\u2009\u00AD\u200B\u2060]*[-‐‑–.]?[ \t\u00A0\u2007\u202F\u2009\u00AD\u200B\u2060]*(?:\r?\n)?[ \t\u00A0\u2007\u202F\u2009\u00AD\u200B\u2060]*)(?<serial>\d{4})(?!\d|[.,]\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();
}
