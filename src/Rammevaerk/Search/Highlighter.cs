using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Rammevaerk.Search;

/// <summary>
/// Marks the words of a text that match the query terms (<c>&lt;mark&gt;</c>) and HTML-encodes everything else.
/// Done here from the plain text rather than by either database, so that snippets look the same on SQLite and
/// PostgreSQL. A word matches when its term starts with a query term: the rule both full-text indexes apply.
/// </summary>
public static class Highlighter
{
    public const int SnippetLength = 260;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The whole text with its matching words marked (for titles).</summary>
    public static IHtmlContent Highlight(string text, IReadOnlyList<string> terms) =>
        new HtmlString(Render(text, 0, text.Length, Matches(text, terms)));

    /// <summary>
    /// About <see cref="SnippetLength"/> characters of the text around the place with the most different matching
    /// words, cut at word boundaries and marked with "…" where cut; the start of the text if nothing matches.
    /// </summary>
    public static IHtmlContent Snippet(string text, IReadOnlyList<string> terms, int length = SnippetLength)
    {
        var plain = Collapse(text);
        if (plain.Length == 0) return HtmlString.Empty;
        var matches = Matches(plain, terms);
        var (start, end) = Window(plain, matches, length);
        var html = Render(plain, start, end, matches);
        return new HtmlString((start > 0 ? "… " : "") + html + (end < plain.Length ? " …" : ""));
    }

    /// <summary>The matching words as (start, length, term index), in text order.</summary>
    internal static List<(int Start, int Length, int Term)> Matches(string text, IReadOnlyList<string> terms)
    {
        var result = new List<(int, int, int)>();
        if (terms.Count == 0) return result;
        foreach (var token in DanishText.Tokenize(text))
        {
            if (!DanishText.Matches(token.Lower, terms)) continue;
            var stem = DanishText.Stem(token.Lower);
            var term = 0;
            for (var i = 0; i < terms.Count; i++)
            {
                if (stem.StartsWith(terms[i], StringComparison.Ordinal)) { term = i; break; }
            }
            result.Add((token.Start, token.Length, term));
        }
        return result;
    }

    private static (int Start, int End) Window(string text, List<(int Start, int Length, int Term)> matches, int length)
    {
        if (text.Length <= length) return (0, text.Length);
        var start = 0;
        if (matches.Count > 0)
        {
            // The window that holds the most different terms (then the most matches), starting a little before a match.
            var best = (Terms: -1, Count: -1, Start: 0);
            for (var i = 0; i < matches.Count; i++)
            {
                var from = Math.Max(0, matches[i].Start - length / 5);
                var seen = new HashSet<int>();
                var count = 0;
                for (var j = i; j < matches.Count && matches[j].Start + matches[j].Length <= from + length; j++)
                {
                    seen.Add(matches[j].Term);
                    count++;
                }
                if (seen.Count > best.Terms || (seen.Count == best.Terms && count > best.Count)) best = (seen.Count, count, from);
            }
            start = best.Start;
        }
        start = Math.Min(start, text.Length - length);
        var end = start + length;
        // Move the edges back to word boundaries (spaces).
        if (start > 0)
        {
            var space = text.IndexOf(' ', start);
            if (space >= 0 && space < start + length / 4) start = space + 1;
        }
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end);
            if (space > start + length / 2) end = space;
        }
        return (start, end);
    }

    private static string Render(string text, int start, int end, List<(int Start, int Length, int Term)> matches)
    {
        var sb = new StringBuilder();
        var pos = start;
        foreach (var (mStart, mLength, _) in matches)
        {
            if (mStart < start || mStart + mLength > end) continue;
            sb.Append(Encoder.Encode(text[pos..mStart]));
            sb.Append("<mark>").Append(Encoder.Encode(text.Substring(mStart, mLength))).Append("</mark>");
            pos = mStart + mLength;
        }
        sb.Append(Encoder.Encode(text[pos..end]));
        return sb.ToString();
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
