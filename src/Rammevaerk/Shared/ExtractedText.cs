using System.Text;
using System.Text.RegularExpressions;

namespace Rammevaerk.Shared;

/// <summary>
/// The one normalisation of text that comes out of a PDF (or a saved page), used by the archive import and by the
/// attachment search alike, so that a word reads the same in both: ligatures (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ) become their letters,
/// soft hyphens and zero-width characters go, non-breaking and other fixed-width spaces become plain spaces,
/// non-breaking hyphens become hyphens, and a word hyphenated at a line end is joined again.
/// </summary>
public static partial class ExtractedText
{
    /// <summary>The characters of one piece of text, without touching line breaks.</summary>
    public static string NormalizeCharacters(string text)
    {
        if (!NeedsWork(text)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\uFB00': sb.Append("ff"); break;
                case '\uFB01': sb.Append("fi"); break;
                case '\uFB02': sb.Append("fl"); break;
                case '\uFB03': sb.Append("ffi"); break;
                case '\uFB04': sb.Append("ffl"); break;
                case '\uFB05' or '\uFB06': sb.Append("st"); break;
                case '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF': break;
                case '\u00A0' or '\u2007' or '\u202F' or '\u2002' or '\u2003' or '\u2009' or '\u200A': sb.Append(' '); break;
                case '\u2010' or '\u2011': sb.Append('-'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Characters normalised and words hyphenated at a line end joined: "bo-\ntilbud" becomes "botilbud" (the word
    /// is put on the first line). A hyphen before a capital letter is a real one ("Faaborg-\nMidtfyn" becomes
    /// "Faaborg-Midtfyn"), and a hyphen before "og", "eller", "til" or "samt" is the Danish suspended hyphen
    /// ("social-\nog sundhed" keeps its hyphen and gets its space back).
    /// </summary>
    public static string Normalize(string text)
    {
        text = NormalizeCharacters(text.ReplaceLineEndings("\n"));
        return LineEndHyphen().Replace(text, m =>
        {
            string next = m.Groups["next"].Value;
            string joiner = HyphenJoiner(next);
            // The rest of the next line stays a line of its own.
            string tail = m.Groups["tail"].Success ? m.Groups["tail"].Value.TrimStart(' ', '\t') : "\n";
            return m.Groups["before"].Value + joiner + next + m.Groups["rest"].Value + tail;
        });
    }

    /// <summary>
    /// Whether a line that ends in letter + hyphen continues with <paramref name="next"/> without the hyphen (a word
    /// split by hyphenation), and what goes between them: "" (the hyphen is dropped), "-" (a real hyphen before a
    /// capital letter) or "- " (the suspended hyphen before "og", "eller", "til", "samt").
    /// </summary>
    public static string HyphenJoiner(string next)
    {
        var m = FirstWord().Match(next);
        if (!m.Success) return "- ";
        if (SuspendedHyphenWords.Contains(m.Value)) return "- ";
        return char.IsUpper(m.Value[0]) ? "-" : "";
    }

    /// <summary>True when <paramref name="line"/> ends in a letter followed by a hyphen.</summary>
    public static bool EndsHyphenated(string line) =>
        line.Length >= 2 && line[^1] == '-' && char.IsLetter(line[^2]);

    private static readonly HashSet<string> SuspendedHyphenWords = ["og", "eller", "til", "samt", "and", "or"];

    private static bool NeedsWork(string text)
    {
        foreach (char c in text)
        {
            if (c is >= '\uFB00' and <= '\uFB06' or '\u00AD' or '\u00A0' or '\u2007' or '\u202F' or '\u2002' or '\u2003'
                or '\u2009' or '\u200A' or '\u2010' or '\u2011' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF')
                return true;
        }
        return false;
    }

    [GeneratedRegex(@"^\p{L}+")]
    private static partial Regex FirstWord();

    /// <summary>A letter, a hyphen at the end of the line, and the next line starting with letters.</summary>
    [GeneratedRegex(@"(?<before>\p{L})-[ \t]*\n[ \t]*(?<next>\p{L}+)(?<rest>\S*)(?:(?<tail>[ \t]*(?:\n|$))|[ \t]+)?")]
    private static partial Regex LineEndHyphen();
}
