using System.Globalization;
using System.Text.RegularExpressions;

namespace Rammevaerk.Meetings.Publication;

/// <summary>One date written in a text: where it stands and the day it names.</summary>
public readonly record struct DateMention(int Index, int Length, DateOnly Date);

/// <summary>
/// Dates as Danish minutes write them, and whether the sentence around one speaks of it as past. Pure: used by the
/// publication check to find "sidste møde … den 13. december 2024" in the minutes of 22 March 2024.
/// </summary>
public static partial class DanishDates
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["januar"] = 1, ["jan"] = 1, ["februar"] = 2, ["feb"] = 2, ["marts"] = 3, ["mar"] = 3, ["april"] = 4, ["apr"] = 4,
        ["maj"] = 5, ["juni"] = 6, ["jun"] = 6, ["juli"] = 7, ["jul"] = 7, ["august"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sept"] = 9, ["sep"] = 9, ["oktober"] = 10, ["okt"] = 10, ["november"] = 11, ["nov"] = 11,
        ["december"] = 12, ["dec"] = 12,
    };

    /// <summary>
    /// Every date with a year: "13. december 2024", "13. dec. 2024", "13 dec 24", "13/12-2024", "13.12.24",
    /// "13-12-2024", "2024-12-13". Impossible dates ("9.30-10.30", "31.02.2024") are not dates.
    /// </summary>
    public static IEnumerable<DateMention> Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var taken = new List<(int Start, int End)>();
        foreach (Match m in Worded().Matches(text))
        {
            if (TryMake(m.Groups["d"].Value, Months[m.Groups["m"].Value], m.Groups["y"].Value, out var date))
            {
                taken.Add((m.Index, m.Index + m.Length));
                yield return new DateMention(m.Index, m.Length, date);
            }
        }
        foreach (Match m in Numeric().Matches(text))
        {
            if (taken.Any(t => m.Index < t.End && m.Index + m.Length > t.Start)) continue;
            if (int.TryParse(m.Groups["m"].Value, out var month) && TryMake(m.Groups["d"].Value, month, m.Groups["y"].Value, out var date))
                yield return new DateMention(m.Index, m.Length, date);
        }
        foreach (Match m in Iso().Matches(text))
        {
            if (int.TryParse(m.Groups["m"].Value, out var month) && TryMake(m.Groups["d"].Value, month, m.Groups["y"].Value, out var date))
                yield return new DateMention(m.Index, m.Length, date);
        }
    }

    private static bool TryMake(string day, int month, string year, out DateOnly date)
    {
        date = default;
        if (!int.TryParse(day, out var d) || !int.TryParse(year.TrimStart('\''), out var y)) return false;
        if (year.TrimStart('\'').Length == 2) y += 2000;
        if (month is < 1 or > 12 || y is < 1900 or > 2199 || d < 1 || d > DateTime.DaysInMonth(y, month)) return false;
        date = new DateOnly(y, month, d);
        return true;
    }

    /// <summary>
    /// The sentence around <paramref name="index"/>: from the previous sentence end (a full stop, question or
    /// exclamation mark before a capital letter, a line break, a list bullet) to the next. A full stop after a digit
    /// ("13. december") or an abbreviation ("d.", "dec.", "pr.") ends nothing.
    /// </summary>
    public static string SentenceAround(string text, int index, int length)
    {
        var (start, end) = SentenceBounds(text, index, length);
        return text[start..end].Trim().TrimStart('-', '*', '•', ' ').Trim();
    }

    /// <summary>Where the sentence around <paramref name="index"/> begins and ends in <paramref name="text"/>.</summary>
    public static (int Start, int End) SentenceBounds(string text, int index, int length)
    {
        var start = index;
        while (start > 0 && !EndsSentenceBefore(text, start)) start--;
        var end = index + length;
        while (end < text.Length && !EndsSentenceBefore(text, end)) end++;
        return (start, end);
    }

    /// <summary>True when a sentence ends just before position <paramref name="i"/>.</summary>
    private static bool EndsSentenceBefore(string text, int i)
    {
        var c = text[i - 1];
        if (c is '\n' or '\r') return true;
        if (c is not ('.' or '!' or '?')) return false;
        // The next non-space character must begin a new sentence.
        var j = i;
        while (j < text.Length && text[j] is ' ' or '\u00A0' or '\t') j++;
        if (j == i || j >= text.Length) return j >= text.Length;
        if (!char.IsUpper(text[j])) return false;
        if (c != '.') return true;
        // "13. December", "d. 10. juni", "pkt. A": a full stop after a number or an abbreviation is not an end.
        var k = i - 2;
        if (k >= 0 && char.IsDigit(text[k])) return false;
        var wordStart = k;
        while (wordStart >= 0 && char.IsLetter(text[wordStart])) wordStart--;
        var word = text[(wordStart + 1)..(i - 1)];
        return word.Length > 0 && !Abbreviations.Contains(word);
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "d", "dvs", "pr", "nr", "jf", "ca", "bl", "a", "mv", "m", "fx", "f", "eks", "kl", "pkt", "stk", "inkl", "ekskl", "evt",
        "vedr", "mht", "ift", "pba", "sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
        "ang", "bilag", "s", "tlf", "hhv", "iht", "jvf", "o", "osv", "sml", "st", "kr", "mio", "mia", "t", "el", "ud",
    };

    /// <summary>
    /// Whether the sentence speaks of what happened on the date as past: a past marker ("sidste møde", "referatet fra",
    /// "blev", "fremlagt", "afholdt" …) stands close to the date (at most <see cref="Before"/> words before it with no
    /// "for" or "til" in between, or <see cref="After"/> words after it), and nothing in the sentence marks a plan or a
    /// deadline ("behandles", "skal", "forventes", "senest", "frist", "pr." …), which wins because a planned date after
    /// the meeting is normal. "godkendte dagsordenen for mødet den 11. december" approves now; the meeting is ahead.
    /// </summary>
    /// <param name="dateStart">Where the date begins in <paramref name="sentence"/>; -1 when unknown (any distance).</param>
    public static bool SpeaksOfAsPast(string sentence, int dateStart = -1, int dateEnd = -1)
    {
        var culture = CultureInfo.GetCultureInfo("da-DK");
        var tokens = Words().Matches(sentence).Select(m => (Word: m.Value.ToLower(culture), m.Index)).ToList();
        if (tokens.Count == 0) return false;
        var words = tokens.Select(t => t.Word).ToList();
        var joined = " " + string.Join(' ', words) + " ";
        if (FuturePhrases.Any(p => joined.Contains($" {p} ", StringComparison.Ordinal))) return false;
        if (words.Any(w => FutureWords.Contains(w) || IsPresentPassive(w))) return false;

        // The date's place among the words: the first word after its start, and the first after its end.
        var first = dateStart < 0 ? 0 : tokens.FindIndex(t => t.Index >= dateStart);
        var after = dateEnd < 0 ? tokens.Count : tokens.FindIndex(t => t.Index >= dateEnd);
        if (first < 0) first = tokens.Count;
        if (after < 0) after = tokens.Count;

        bool Near(int index, int length)
        {
            if (dateStart < 0) return true;
            if (index >= after) return index - after < After;
            var end = index + length; // the marker ends before the date
            if (first - end >= Before) return false;
            for (var k = end; k < first; k++)
            {
                if (words[k] is "for" or "til") return false;
            }
            return true;
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (PastWords.Contains(words[i]) && Near(i, 1)) return true;
            foreach (var phrase in PastPhrases)
            {
                var parts = phrase.Split(' ');
                if (i + parts.Length <= words.Count && parts.Select((p, k) => words[i + k] == p).All(x => x) && Near(i, parts.Length)) return true;
            }
        }
        return false;
    }

    /// <summary>Words a past marker may stand before the date.</summary>
    private const int Before = 6;

    /// <summary>Words a past marker may stand after the date ("… den 13. december 2024 blev godkendt").</summary>
    private const int After = 4;

    private static readonly string[] PastPhrases =
    [
        "sidste møde", "seneste møde", "forrige møde", "referat fra", "referatet fra", "referater fra", "har været", "har haft",
        "fandt sted", "har fundet sted", "er blevet", "var blevet", "sidste år",
    ];

    private static readonly HashSet<string> PastWords =
    [
        "blev", "var", "havde", "afholdt", "afholdte", "fremlagt", "fremlagde", "godkendt", "godkendte", "besluttet", "besluttede",
        "drøftet", "drøftede", "behandlet", "behandlede", "vedtaget", "vedtog", "modtaget", "modtog", "sendt", "sendte", "udsendt",
        "udsendte", "holdt", "deltog", "præsenteret", "præsenterede", "orienteret", "orienterede", "gennemført", "gennemførte",
        "indgået", "indgik", "underskrevet", "underskrev", "aftalt", "aftalte", "oplyste", "fortalte", "udtalte", "skete",
        "startede", "åbnede", "lukkede", "anmodede", "fremsendt", "fremsendte", "konstaterede", "vedtoges",
    ];

    private static readonly string[] FuturePhrases =
    [
        "fra og med", "til og med", "med virkning", "træder i kraft", "træde i kraft", "trådt i kraft", "sat til", "i løbet af",
    ];

    private static readonly HashSet<string> FutureWords =
    [
        "skal", "skulle", "vil", "ville", "forventes", "forventet", "forventer", "forventeligt", "planlagt", "planlægges", "planlægger",
        "frist", "fristen", "deadline", "senest", "inden", "indtil", "pr", "næste", "kommende", "fremover", "bliver",
        "påbegyndes", "igangsættes", "opstartes", "åbner", "lukker", "gælder", "indkaldes", "udskudt", "udskydes", "udsættes",
        "forventningen", "tidsplan", "tidsplanen", "ønskes", "bør", "kan", "må",
    ];

    /// <summary>"behandles", "afholdes", "fremlægges": the Danish present passive, which minutes use for what is planned.</summary>
    private static bool IsPresentPassive(string word) => word.Length > 5 && PresentPassive.Contains(word);

    private static readonly HashSet<string> PresentPassive =
    [
        "behandles", "afholdes", "holdes", "drøftes", "fremlægges", "besluttes", "godkendes", "sendes", "udsendes", "gennemføres",
        "etableres", "visiteres", "afrapporteres", "evalueres", "præsenteres", "vedtages", "forelægges", "indstilles", "udarbejdes",
        "offentliggøres", "iværksættes", "implementeres", "afsluttes", "indføres", "nedlægges", "lukkes", "åbnes", "fremsendes",
        "orienteres", "genoptages", "videresendes", "tages", "følges", "afleveres", "indsendes", "opdateres",
    ];

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(
        @"(?<![\d\p{L}])(?<d>\d{1,2})\.?[ \u00A0]*(?<m>januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)\.?[ \u00A0]*(?<y>\d{4}|'?\d{2})(?![\d\p{L}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Worded();

    [GeneratedRegex(@"(?<![\d.,/-])(?<d>\d{1,2})[ ]?[./-][ ]?(?<m>\d{1,2})[ ]?[./-][ ]?(?<y>\d{4}|\d{2})(?![\d]|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();

    [GeneratedRegex(@"(?<![\d.,/-])(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
