using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Import;

/// <summary>One line of the cleaned text and the source line it came from (a long line may give several).</summary>
public sealed record CleanLine(int Source, string Text);

/// <summary>The text as the parser reads it, and what was taken out as page furniture on the way.</summary>
public sealed record CleanedSource(
    IReadOnlyList<CleanLine> Lines,
    IReadOnlyList<DroppedText> Dropped,
    int NonBlankSourceLines,
    string? SourceAddress,
    bool IsTranscript);

/// <summary>
/// Takes what text extractors and archive sites add to minutes out of the text before it is parsed, and records each
/// piece it removes: the page's address on line 1, HTML tags and entities left in the text, scripts, Word placeholders
/// ("Click here to enter text."), the viewer furniture of docplayer and yumpu, page numbers ("Side 2 af 19 sider",
/// "2/12", "SIDE 2"). Transcripts of other systems' PDFs (a page on one long line) are cut into lines at item numbers
/// and labels. Pure.
/// </summary>
public static partial class SourceCleaner
{
    /// <summary>Lines this long mark a transcript (a whole page on one line).</summary>
    private const int LongLine = 300;

    public static CleanedSource Clean(string text)
    {
        var raw = ExtractedText.NormalizeCharacters(text.ReplaceLineEndings("\n")).Split('\n');
        var dropped = new List<DroppedText>();
        var lines = new List<CleanLine>();
        int nonBlank = raw.Count(l => l.Trim().Length > 0);
        string? address = null;
        bool hasTags = raw.Any(l => HtmlTag().IsMatch(l));
        bool transcript = raw.Any(l => l.Trim() is "Transkript") || raw.Count(l => l.Length > LongLine) >= 2
                          && raw.Count(l => l.Length > LongLine) * 3 >= raw.Count(l => l.Trim().Length > 0);
        bool inScript = false;
        bool seenTranscriptMarker = !raw.Any(l => l.Trim() == "Transkript");

        for (int i = 0; i < raw.Length; i++)
        {
            int source = i + 1;
            string line = raw[i];
            if (line.Trim().Length == 0)
            {
                // Kept as it is: a line of spaces is an empty table cell in a flattened table, an empty line is not.
                lines.Add(new CleanLine(source, line));
                continue;
            }
            if (address is null && lines.All(l => l.Text.Length == 0) && Url().IsMatch(line.Trim()))
            {
                // The archived page's address: recorded on the meeting as its source.
                address = line.Trim();
                continue;
            }
            if (hasTags)
            {
                line = StripTags(line, source, dropped, ref inScript);
                if (line.Trim().Length == 0) continue;
            }
            if (Entity().IsMatch(line)) line = WebUtility.HtmlDecode(line);
            line = ExtractedText.NormalizeCharacters(line);
            line = LetterSpaced().Replace(line, m => Unspace(m.Value));

            if (transcript && !seenTranscriptMarker)
            {
                // The archive viewer's own title and download link above "Transkript" repeat the first page.
                string top = line.Trim();
                if (top == "Transkript") seenTranscriptMarker = true;
                dropped.Add(new DroppedText(source, top, top == "Transkript" || top.StartsWith("Størrelse") || top.StartsWith("Starte visningen")
                    ? "visningsfyld fra arkivsiden" : "arkivsidens titel (gentager første side)"));
                continue;
            }
            var pieces = transcript && line.Length > 60 ? CutTranscriptLine(line).ToList() : [line];
            for (int k = 0; k < pieces.Count; k++)
            {
                // A transcript page begins with its page number.
                string kept = DropFurniture(pieces[k], source, dropped, transcript && k == 0 && line.Length >= 80);
                // Leading spaces and tabs stay: they carry list nesting and a table row's empty first cell.
                if (kept.Trim().Length > 0) lines.Add(new CleanLine(source, pieces.Count > 1 ? kept.Trim() : kept.TrimEnd()));
            }
        }
        return new CleanedSource(lines, dropped, nonBlank, address, transcript);
    }

    /// <summary>Removes furniture from one line (whole or in part) and returns what is left.</summary>
    private static string DropFurniture(string line, int source, List<DroppedText> dropped, bool pageNumberFirst)
    {
        string trimmed = line.Trim();
        foreach (var (pattern, kind) in WholeLineFurniture)
        {
            if (pattern.IsMatch(trimmed))
            {
                dropped.Add(new DroppedText(source, trimmed, kind));
                return "";
            }
        }
        string result = line;
        foreach (var (pattern, kind) in InlineFurniture)
        {
            result = pattern.Replace(result, m =>
            {
                dropped.Add(new DroppedText(source, m.Value.Trim(), kind));
                return m.Groups["keep"].Success ? m.Groups["keep"].Value : " ";
            });
        }
        if (pageNumberFirst && TranscriptPageNumber().Match(result) is { Success: true } page)
        {
            dropped.Add(new DroppedText(source, page.Groups["n"].Value, "sidetal"));
            result = result[page.Length..];
        }
        return result.Trim().Length == 0 ? "" : result;
    }

    private static readonly (Regex Pattern, string Kind)[] WholeLineFurniture =
    [
        (new Regex(@"^(Side|SIDE|side)\s+\d+(\s+(af|of)\s+\d+(\s+sider)?)?$"), "sidetal"),
        (new Regex(@"^\d{1,3}\s*(/|af)\s*\d{1,3}$"), "sidetal"),
        (new Regex(@"^-\s*\d{1,3}\s*-$"), "sidetal"),
        (new Regex(@"^Størrelse:\s*px$"), "visningsfyld fra arkivsiden"),
        (new Regex(@"^Starte visningen fra side:?$"), "visningsfyld fra arkivsiden"),
        (new Regex(@"^Download\s+"".*""$"), "visningsfyld fra arkivsiden"),
        (new Regex(@"^Transkript$"), "visningsfyld fra arkivsiden"),
        (new Regex(@"^SHOW (MORE|LESS)$"), "visningsfyld fra arkivsiden"),
        (new Regex(@"^You also want an ePaper\?"), "visningsfyld fra arkivsiden"),
        (new Regex(@"^YUMPU automatically"), "visningsfyld fra arkivsiden"),
        (new Regex(@"^\d{1,2}\.\d{1,2}\.\d{4}\s+Views$"), "visningsfyld fra arkivsiden"),
        (new Regex(@"^(Click|Klik) (here|her) (to enter text|for at angive tekst)\.?$", RegexOptions.IgnoreCase), "skabelontekst"),
    ];

    private static readonly (Regex Pattern, string Kind)[] InlineFurniture =
    [
        (new Regex(@"(?:^|(?<=\s))(Click|Klik) (here|her) (to enter text|for at angive tekst)\.?(?=\s|$)", RegexOptions.IgnoreCase), "skabelontekst"),
        (new Regex(@"(?:^|(?<=\s))(Side|SIDE)\s+\d+\s+af\s+\d+(\s+sider)?(?=\s|$)"), "sidetal"),
        (new Regex(@"(?<=\s)SIDE\s+\d+$"), "sidetal"),
        // A page fraction ("2/12") at the end of a line is a page number, not content.
        (new Regex(@"(?<=\s)(?<n>\d{1,3})/(?<m>\d{1,3})$"), "sidetal"),
    ];

    /// <summary>Inline tags go without a trace (they split words: "Dagsor&lt;strong&gt;den&lt;/strong&gt;"); block tags end a line.</summary>
    private static string StripTags(string line, int source, List<DroppedText> dropped, ref bool inScript)
    {
        var sb = new StringBuilder();
        int at = 0;
        foreach (Match m in AnyTag().Matches(line))
        {
            if (!inScript) sb.Append(line, at, m.Index - at);
            else if (m.Index > at) dropped.Add(new DroppedText(source, line[at..m.Index].Trim(), "skript"));
            at = m.Index + m.Length;
            string name = m.Groups["name"].Value.ToLowerInvariant();
            bool closing = m.Groups["close"].Success;
            if (name is "script" or "style" or "noscript" or "template")
            {
                inScript = !closing;
                dropped.Add(new DroppedText(source, m.Value, "skript"));
                continue;
            }
            if (!closing && name is "p" or "div" or "li" or "tr" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "table")
                sb.Append(' ');
            else if (name is "td" or "th")
                sb.Append('\t');
        }
        if (!inScript) sb.Append(line, at, line.Length - at);
        else if (at < line.Length) dropped.Add(new DroppedText(source, line[at..].Trim(), "skript"));
        return sb.ToString();
    }

    /// <summary>
    /// A transcript page on one line, cut before item numbers ("3. Godkendelse …"), section labels and header labels
    /// that follow the end of a word, so that the parser sees headings as lines.
    /// </summary>
    private static IEnumerable<string> CutTranscriptLine(string line)
    {
        var cuts = new SortedSet<int>();
        foreach (Match m in TranscriptCut().Matches(line))
        {
            if (m.Index > 0) cuts.Add(m.Index);
        }
        int at = 0;
        foreach (int cut in cuts)
        {
            if (cut <= at) continue;
            yield return line[at..cut].Trim();
            at = cut;
        }
        yield return line[at..].Trim();
    }

    [GeneratedRegex(@"(?<=[\p{L}\d.)]\s)(?:\d{1,2}\.\s+(?=\p{Lu})|(?:Baggrund|Indstilling|Sagsfremstilling|Beslutning|Bilag|Godkendt|Referat|Tid|Sted|Dato:|Sted:|Deltagere:?|Afbud:?|Sagsnr\.?/Dok\.nr\.?|Sagsbehandler:)(?=\s|$)|Møde(?=\s+\p{Lu}))")]
    private static partial Regex TranscriptCut();

    /// <summary>
    /// "K K R S Y D D A N M A R K" (a letter-spaced title) as words: split into the names such titles use when it can
    /// be ("KKR Syddanmark"), otherwise the letters without the spaces.
    /// </summary>
    public static string Unspace(string spaced)
    {
        string letters = spaced.Replace(" ", "");
        var words = new List<string>();
        int at = 0;
        while (at < letters.Length)
        {
            string? word = SpacedWords.FirstOrDefault(w => string.Compare(letters, at, w, 0, w.Length, StringComparison.OrdinalIgnoreCase) == 0);
            if (word is null) return letters;
            words.Add(word);
            at += word.Length;
        }
        return string.Join(' ', words);
    }

    private static readonly string[] SpacedWords =
    [
        "Socialdirektørforum", "Socialdirektørkredsen", "Syddanmark", "Midtjylland", "Nordjylland", "Hovedstaden", "Sjælland",
        "Region", "Referat", "Dagsorden", "KKR", "K22", "KL",
    ];

    [GeneratedRegex(@"(?<![\p{L}\d])(?:[\p{Lu}\d] ){3,}[\p{Lu}\d](?![\p{L}\d])")]
    private static partial Regex LetterSpaced();

    [GeneratedRegex(@"^(?<n>\d{1,4})(?:\s+(?=\S)|$)")]
    private static partial Regex TranscriptPageNumber();

    [GeneratedRegex(@"^https?://\S+$")]
    private static partial Regex Url();

    [GeneratedRegex(@"</?(strong|b|em|i|u|span|font|a|br|p|div|li|ul|ol|h[1-6]|td|th|tr|table|sup|sub|script|style)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")]
    private static partial Regex Entity();
}
