using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// Reads the text of published minutes (or an agenda) in one of the two known layouts.
/// The layout decides where the meeting header ends and where each item starts; one shared
/// line-by-line state machine (<see cref="ItemReader"/>) then splits every item into Markdown sections.
/// Nothing is silently dropped: a line that cannot be placed is quoted in a note.
/// </summary>
public static partial class MinutesParser
{
    private const int MaxSubheadingLength = 90;

    public static ParsedMinutes Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new MinutesFormatException("Filen er tom – der er ingen tekst at indlæse.");

        // Form feeds (page breaks in PDF text) become line breaks as well.
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Any(l => PdfTitleLine().IsMatch(l.Trim())) && FindPdfItemHeader(lines, 0, 1) >= 0)
            return ParsePdfText(lines);
        if (lines.Any(l => l.Trim() == "UDVALG") && lines.Any(l => l.Trim() == "PUNKTER"))
            return ParseWebPage(lines);

        throw new MinutesFormatException(
            "Filen ligner hverken et referat i PDF-form (\"REFERAT …\" eller \"DAGSORDEN …\" efterfulgt af \"Punkt 1: …\") " +
            "eller en mødeside (\"UDVALG\", \"PUNKTER\"). Kontrollér, at det er den rigtige fil.");
    }

    // ---------------------------------------------------------------- PDF text (seed 000 and our own PDF)

    private static ParsedMinutes ParsePdfText(string[] lines)
    {
        var notes = new List<ImportNote>();
        int firstItem = FindPdfItemHeader(lines, 0, 1);
        bool isMinutes = false;
        string? body = null, place = null;
        DateOnly? titleDate = null;
        DateTime? starts = null, ends = null;
        bool dateLineSeen = false;
        var toc = new List<(int Line, string Title)>();

        for (int i = 0; i < firstItem; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            Match m;
            if (body is null && (m = PdfTitleLine().Match(line)).Success)
            {
                isMinutes = m.Groups["kind"].Value == "REFERAT";
                body = m.Groups["body"].Value.Trim();
                if (DateOnly.TryParseExact(m.Groups["date"].Value.Replace('.', '-'), ["dd-MM-yyyy", "d-M-yyyy"],
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    titleDate = d;
            }
            else if (line.StartsWith("Mødedato", StringComparison.Ordinal))
            {
                dateLineSeen = true;
                (starts, ends) = ParseDanishDateTime(line["Mødedato".Length..]);
                if (starts is null)
                    notes.Add(new ImportNote(i + 1, null, $"Mødedatoen \"{line}\" kunne ikke læses."));
            }
            else if (line.StartsWith("Mødested", StringComparison.Ordinal))
                place = NullIfEmpty(line["Mødested".Length..].Trim());
            else if (line == "Indholdsfortegnelse")
                continue;
            else if ((m = TocLine().Match(line)).Success)
                toc.Add((i + 1, PdfItemHeader().Replace(m.Groups["title"].Value, "${title}").Trim()));
            else
                notes.Add(UnplacedHeaderLine(i, line));
        }

        if (starts is null && titleDate is { } date)
        {
            starts = date.ToDateTime(TimeOnly.MinValue);
            notes.Add(new ImportNote(null, null, dateLineSeen
                ? "Mødets klokkeslæt kunne ikke læses; starttidspunktet er sat til datoen fra overskriften kl. 00:00."
                : "Teksten har ingen \"Mødedato\"; starttidspunktet er sat til datoen fra overskriften kl. 00:00."));
        }

        var items = new List<ParsedItem>();
        for (int start = firstItem, number = 1; start >= 0; number++)
        {
            int next = FindPdfItemHeader(lines, start + 1, number + 1);
            string title = PdfItemHeader().Match(lines[start].Trim()).Groups["title"].Value.Trim();
            items.Add(new ItemReader(number, title, titleRepeats: false, notes)
                .Read(lines, start + 1, next < 0 ? lines.Length : next));
            start = next;
        }

        CompareTableOfContents(toc, items, notes);
        if (body is null)
            throw new MinutesFormatException("Referatet mangler overskriften \"REFERAT <udvalg> d. <dato>\" før \"Punkt 1: …\".");
        return new ParsedMinutes(MinutesLayout.PdfText, isMinutes, body, "Møde i " + body, place, starts, ends,
            null, items, notes);
    }

    /// <summary>Index of the "Punkt N: title" line for item <paramref name="number"/> (not a TOC line), or -1.</summary>
    private static int FindPdfItemHeader(string[] lines, int from, int number)
    {
        for (int i = from; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            var m = PdfItemHeader().Match(line);
            if (m.Success && !TocLine().IsMatch(line) && int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture) == number)
                return i;
        }
        return -1;
    }

    private static void CompareTableOfContents(List<(int Line, string Title)> toc, List<ParsedItem> items, List<ImportNote> notes)
    {
        if (toc.Count == 0)
            return;
        if (toc.Count != items.Count)
            notes.Add(new ImportNote(null, null,
                $"Indholdsfortegnelsen har {toc.Count} linjer, men teksten har {items.Count} punkter."));
        foreach (var ((line, tocTitle), item) in toc.Zip(items))
        {
            if (!CollapseSpaces(item.Title).StartsWith(CollapseSpaces(tocTitle), StringComparison.Ordinal))
                notes.Add(new ImportNote(line, item.Number,
                    $"Indholdsfortegnelsens linje \"{tocTitle}\" passer ikke til punkt {item.Number} \"{item.Title}\"."));
        }
    }

    /// <summary>Reads "Fredag d. 22. marts 2024 kl. 09:00" (optionally "kl. 09:00-12:00").</summary>
    private static (DateTime? Starts, DateTime? Ends) ParseDanishDateTime(string text)
    {
        var m = DanishDateTime().Match(text);
        if (!m.Success)
            return (null, null);
        int month = Array.IndexOf(DanishMonths, m.Groups["month"].Value.ToLowerInvariant()) + 1;
        int day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        int year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (day > DateTime.DaysInMonth(year, month))
            return (null, null);
        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        DateTime? At(Group hour, Group minute)
        {
            int h = int.Parse(hour.Value, CultureInfo.InvariantCulture), min = int.Parse(minute.Value, CultureInfo.InvariantCulture);
            return h < 24 && min < 60 ? date.AddHours(h).AddMinutes(min) : null;
        }
        DateTime? starts = m.Groups["h"].Success ? At(m.Groups["h"], m.Groups["m"]) : date;
        DateTime? ends = m.Groups["eh"].Success ? At(m.Groups["eh"], m.Groups["em"]) : null;
        return (starts, ends);
    }

    private static readonly string[] DanishMonths =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    // ---------------------------------------------------------------- web page (seed 001)

    private static ParsedMinutes ParseWebPage(string[] lines)
    {
        var notes = new List<ImportNote>();
        int punkter = Array.FindIndex(lines, l => l.Trim() == "PUNKTER");
        var values = new Dictionary<string, (int Line, string Value)>();
        string? pageTitle = null, pendingLabel = null;
        DateOnly? published = null;

        for (int i = 0; i < punkter; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            if (WebLabels.Contains(line))
                pendingLabel = line;
            else if (pendingLabel is not null)
            {
                values[pendingLabel] = (i + 1, line);
                pendingLabel = null;
            }
            else if (PublishedLine().Match(line) is { Success: true } m &&
                     DateOnly.TryParseExact(m.Groups["date"].Value, ["dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture,
                         DateTimeStyles.None, out var d))
                published = d;
            else if (pageTitle is null && values.Count == 0)
                pageTitle = line;
            else
                notes.Add(UnplacedHeaderLine(i, line));
        }

        string body = values.TryGetValue("UDVALG", out var udvalg)
            ? udvalg.Value
            : throw new MinutesFormatException("Mødesiden mangler udvalgets navn: der står ingen tekst efter \"UDVALG\".");
        DateTime? starts = WebDateTime(values, "STARTTIDSPUNKT", notes);
        DateTime? ends = WebDateTime(values, "SLUTTIDSPUNKT", notes);

        // The PUNKTER list runs until its first entry appears again: that is where the item texts begin.
        var entries = new List<(int Number, string Title)>();
        int cursor = punkter + 1;
        for (; cursor < lines.Length; cursor++)
        {
            string line = lines[cursor].Trim();
            if (line.Length == 0)
                continue;
            if (entries.Count > 0 && MatchWebItemHeader(line, entries, 0) == 0)
                break;
            if (WebItemHeader().Match(line) is { Success: true } m)
                entries.Add((int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture), m.Groups["title"].Value.Trim()));
            else
                notes.Add(new ImportNote(cursor + 1, null,
                    $"Linjen \"{line}\" i punktlisten blev ikke genkendt; teksten er kun gemt her."));
        }

        // An item starts at the "N. Title" line of a later PUNKTER entry, so numbered lists inside items
        // ("1. Vikarforbrug:") never start one.
        var itemStarts = new List<(int Line, int Entry)>();
        for (int i = cursor, next = 0; i < lines.Length && next < entries.Count; i++)
        {
            int found = MatchWebItemHeader(lines[i].Trim(), entries, next);
            if (found < 0)
                continue;
            for (int skipped = next; skipped < found; skipped++)
                notes.Add(new ImportNote(null, entries[skipped].Number,
                    $"Punkt {entries[skipped].Number} \"{entries[skipped].Title}\" står i punktlisten, men blev ikke fundet i teksten."));
            itemStarts.Add((i, found));
            next = found + 1;
        }

        var items = new List<ParsedItem>();
        for (int k = 0; k < itemStarts.Count; k++)
        {
            var (line, entry) = itemStarts[k];
            int end = k + 1 < itemStarts.Count ? itemStarts[k + 1].Line : lines.Length;
            var m = WebItemHeader().Match(lines[line].Trim());
            items.Add(new ItemReader(entries[entry].Number, m.Groups["title"].Value.Trim(), titleRepeats: true, notes)
                .Read(lines, line + 1, end));
        }
        if (items.Count == 0 && entries.Count > 0)
        {
            // A page that carries only the list still names the items; keep them rather than refuse the page.
            items.AddRange(entries.Select(e => new ParsedItem(e.Number, e.Title, null, null, null, null, null, [], false)));
            notes.Add(new ImportNote(null, null, "Mødesiden har kun punktlisten; punkterne er importeret uden tekst."));
        }
        if (items.Count == 0)
            throw new MinutesFormatException("Der blev ikke fundet nogen dagsordenspunkter i teksten.");

        string title = values.TryGetValue("MØDE", out var mode) ? mode.Value : pageTitle ?? "Møde i " + body;
        string? place = values.TryGetValue("STED", out var sted) ? sted.Value : null;
        return new ParsedMinutes(MinutesLayout.WebPage, items.Any(i => i.Decision is not null), body, title, place,
            starts, ends, published, items, notes);
    }

    private static readonly HashSet<string> WebLabels = ["UDVALG", "MØDE", "STED", "STARTTIDSPUNKT", "SLUTTIDSPUNKT"];

    private static DateTime? WebDateTime(Dictionary<string, (int Line, string Value)> values, string label, List<ImportNote> notes)
    {
        if (!values.TryGetValue(label, out var v))
            return null;
        if (DateTime.TryParseExact(v.Value, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
            return dt;
        notes.Add(new ImportNote(v.Line, null, $"{label} \"{v.Value}\" kunne ikke læses som dato og klokkeslæt."));
        return null;
    }

    /// <summary>Index of the first entry from <paramref name="from"/> whose "N. Title" the line is, or -1.</summary>
    private static int MatchWebItemHeader(string line, List<(int Number, string Title)> entries, int from)
    {
        var m = WebItemHeader().Match(line);
        if (!m.Success)
            return -1;
        int number = int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture);
        string title = CollapseSpaces(m.Groups["title"].Value);
        for (int k = from; k < entries.Count; k++)
        {
            if (entries[k].Number == number && CollapseSpaces(entries[k].Title) == title)
                return k;
        }
        return -1;
    }

    // ---------------------------------------------------------------- shared helpers

    private static ImportNote UnplacedHeaderLine(int index, string line) =>
        new(index + 1, null, $"Linjen \"{line}\" i mødets hoved blev ikke genkendt; teksten er kun gemt her.");

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string CollapseSpaces(string s) => Whitespace().Replace(s, " ").Trim();

    private static bool IsFileName(string line) => FileName().IsMatch(line);

    private static bool TryGetSection(string line, out Section section)
    {
        section = line switch
        {
            "Baggrund" => Section.Background,
            "Indstilling" => Section.Recommendation,
            "Sagsfremstilling" => Section.CasePresentation,
            "Beslutning" => Section.Decision,
            "Bilag" => Section.Attachments,
            _ => Section.None,
        };
        return section != Section.None;
    }

    /// <summary>
    /// A short line without terminal punctuation that does not open with a number, holds no link and is
    /// not a lead-in such as "…, at". Whether it stands after a break and heads content is checked by the caller.
    /// </summary>
    private static bool LooksLikeSubheading(string line) =>
        line.Length <= MaxSubheadingLength
        && line.Any(char.IsLetter)
        && !".,;:!?".Contains(line[^1])
        && !LeadingNumber().IsMatch(line)
        && !ListItem().IsMatch(line)
        && !TableCaption().IsMatch(line)
        && !line.Contains("http", StringComparison.OrdinalIgnoreCase)
        && !line.Contains("](", StringComparison.Ordinal)
        && !LeadInEnding().IsMatch(line);

    private enum Section { None, Background, Recommendation, CasePresentation, Decision, Attachments }

    /// <summary>The section state machine for the lines of one item (after its header line).</summary>
    private sealed class ItemReader(int number, string title, bool titleRepeats, List<ImportNote> notes)
    {
        private readonly MarkdownWriter intro = new();
        private readonly Dictionary<Section, MarkdownWriter> sections = [];
        private readonly List<string> attachments = [];
        private Section current = Section.None;
        private bool afterBreak = true;
        private bool recommendationHasList;
        private bool inFlattenedTable;
        private bool attachmentTextStarted;
        private bool titleRepeatSeen;
        private bool introHasSubheading;
        private bool hasFlattenedTable;

        private MarkdownWriter Writer => current == Section.None ? intro : WriterFor(current);

        private MarkdownWriter WriterFor(Section section) =>
            sections.TryGetValue(section, out var w) ? w : sections[section] = new MarkdownWriter();

        public ParsedItem Read(string[] lines, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0)
                {
                    afterBreak = true;
                    continue;
                }
                if (IsTitleRepeat(line))
                {
                    // The web page repeats the title between the decision and the sections; it ends the decision.
                    titleRepeatSeen = true;
                    current = Section.None;
                    afterBreak = true;
                    continue;
                }
                if (TryGetSection(line, out var section))
                {
                    current = section;
                    recommendationHasList = inFlattenedTable = attachmentTextStarted = false;
                    afterBreak = true;
                    continue;
                }

                if (current == Section.Attachments)
                    ReadAttachmentLine(lines[i], i);
                else if (TableCaption().IsMatch(line))
                {
                    inFlattenedTable = hasFlattenedTable = true;
                    notes.Add(new ImportNote(i + 1, number,
                        $"Punkt {number}: \"{line}\" er importeret som tekst (én celle pr. linje), fordi tabellens gitter ikke kan genskabes."));
                    Writer.Paragraph(line);
                }
                else if (inFlattenedTable)
                {
                    // Cells arrive one per line; the table ends with its "Anm." line or the first real sentence.
                    inFlattenedTable = !(line.StartsWith("Anm", StringComparison.Ordinal) || line.Length > MaxSubheadingLength);
                    WriteText(lines[i]);
                }
                else if (lines[i].Contains('\t') && i + 1 < to && lines[i + 1].Contains('\t'))
                    i = WriteTabTable(lines, i, to);
                else if (afterBreak && LooksLikeSubheading(line) && HeadsContent(lines, i + 1, to))
                    WriteSubheading(line, i);
                else
                    WriteText(lines[i]);
                afterBreak = false;
            }
            return Build();
        }

        private bool IsTitleRepeat(string line) =>
            titleRepeats && !titleRepeatSeen && (current is Section.None or Section.Decision)
            && CollapseSpaces(line) == CollapseSpaces(title);

        /// <summary>A heading must head something: the next non-blank line is body text of the same item.</summary>
        private bool HeadsContent(string[] lines, int from, int to)
        {
            for (int j = from; j < to; j++)
            {
                string next = lines[j].Trim();
                if (next.Length > 0)
                    return !TryGetSection(next, out _) && !IsTitleRepeat(next);
            }
            return false;
        }

        private void WriteSubheading(string line, int index)
        {
            if (current == Section.Recommendation)
            {
                if (!recommendationHasList)
                {
                    // Before the bullets this is the lead-in ("Det indstilles, at Socialdirektørforum").
                    Writer.Paragraph(line);
                    return;
                }
                current = Section.CasePresentation;
                notes.Add(new ImportNote(index + 1, number,
                    $"Punkt {number}: Teksten fra underoverskriften \"{line}\" efter indstillingen er lagt i sagsfremstillingen."));
            }
            if (current == Section.None)
                introHasSubheading = true;
            Writer.Heading(line);
        }

        private void WriteText(string raw) => WriteText(raw, Writer);

        private void WriteText(string raw, MarkdownWriter writer)
        {
            var m = ListItem().Match(raw);
            if (!m.Success)
            {
                string line = raw.Trim();
                // A lone "-" is content in the source; unescaped, Markdown would read it as an empty list item.
                writer.Paragraph(line == "-" ? "\\-" : line);
                return;
            }
            string text = m.Groups["text"].Value.Trim();
            if (text.Length == 0)
                return; // a bullet with no text has no content
            int indent = m.Groups["indent"].Value.Sum(c => c == '\t' ? 4 : 1);
            string marker = m.Groups["marker"].Value is "•" or "-" ? "-" : m.Groups["marker"].Value;
            writer.ListLine((indent >= 4 ? "  " : "") + marker + " " + text);
            if (writer == Writer && current == Section.Recommendation)
                recommendationHasList = true;
        }

        /// <summary>Consecutive tab-separated lines become a pipe table; returns the index of its last line.</summary>
        private int WriteTabTable(string[] lines, int from, int to)
        {
            int end = from;
            while (end + 1 < to && lines[end + 1].Contains('\t'))
                end++;
            var rows = lines[from..(end + 1)].Select(l => l.TrimEnd().Split('\t').Select(c => c.Trim()).ToList()).ToList();
            int columns = rows.Max(r => r.Count);
            string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
            var table = new List<string> { Row(rows[0].Concat(Enumerable.Repeat("", columns - rows[0].Count))) };
            table.Add(Row(Enumerable.Repeat("---", columns)));
            table.AddRange(rows.Skip(1).Select(r => Row(r.Concat(Enumerable.Repeat("", columns - r.Count)))));
            Writer.Table(table);
            return end;
        }

        private void ReadAttachmentLine(string raw, int index)
        {
            string line = raw.Trim();
            if (IsFileName(line))
            {
                attachments.Add(line);
                return;
            }
            // The web page may list attachments in words under "Bilag" before the real "Bilag" with the files.
            var casePresentation = WriterFor(Section.CasePresentation);
            if (!attachmentTextStarted)
            {
                attachmentTextStarted = true;
                casePresentation.Paragraph("Bilag:");
                notes.Add(new ImportNote(index + 1, number,
                    $"Punkt {number}: Tekst under \"Bilag\", som ikke er filnavne, er lagt sidst i sagsfremstillingen under \"Bilag:\"."));
            }
            WriteText(raw, casePresentation);
        }

        private ParsedItem Build()
        {
            string? introText = intro.ToMarkdown();
            string? casePresentation = sections.GetValueOrDefault(Section.CasePresentation)?.ToMarkdown();
            if (introHasSubheading && introText is not null)
            {
                // Sub-headings before the first section mean a briefing item ("Orienteringer"), not a guest intro.
                casePresentation = casePresentation is null ? introText : introText + "\n\n" + casePresentation;
                introText = null;
                notes.Add(new ImportNote(null, number,
                    $"Punkt {number}: Teksten før første afsnit har underoverskrifter og er derfor lagt i sagsfremstillingen."));
            }
            return new ParsedItem(number, title, introText,
                sections.GetValueOrDefault(Section.Background)?.ToMarkdown(),
                sections.GetValueOrDefault(Section.Recommendation)?.ToMarkdown(),
                casePresentation,
                sections.GetValueOrDefault(Section.Decision)?.ToMarkdown(),
                attachments, hasFlattenedTable);
        }
    }

    /// <summary>
    /// Builds Markdown block by block. Every source line becomes its own block (so lines stay lines),
    /// except that consecutive list items form one tight list.
    /// </summary>
    private sealed class MarkdownWriter
    {
        private readonly StringBuilder markdown = new();
        private bool lastWasList;

        public void Paragraph(string text) => Block(text);

        public void Heading(string text) => Block("### " + text);

        public void Table(IEnumerable<string> rows) => Block(string.Join("\n", rows));

        public void ListLine(string text)
        {
            if (lastWasList)
                markdown.Append('\n').Append(text);
            else
                Block(text);
            lastWasList = true;
        }

        private void Block(string text)
        {
            if (markdown.Length > 0)
                markdown.Append("\n\n");
            markdown.Append(text);
            lastWasList = false;
        }

        public string? ToMarkdown() => markdown.Length == 0 ? null : markdown.ToString();
    }

    [GeneratedRegex(@"^(?<kind>REFERAT|DAGSORDEN)\s+(?<body>.+?)(?:\s+(?:d\.|den)\s+(?<date>\d{1,2}[-.]\d{1,2}[-.]\d{4}))?$")]
    private static partial Regex PdfTitleLine();

    [GeneratedRegex(@"^Punkt\s+(?<number>\d+)\s*:\s*(?<title>.+)$")]
    private static partial Regex PdfItemHeader();

    [GeneratedRegex(@"^(?<title>.+?)\s*\.{3,}\s*(?<page>\d+)$")]
    private static partial Regex TocLine();

    [GeneratedRegex(@"(?<day>\d{1,2})\.\s*(?<month>januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\s+(?<year>\d{4})(?:\s*,?\s*kl\.?\s*(?<h>\d{1,2})[:.](?<m>\d{2})(?:\s*(?:-|–|til)\s*(?:kl\.?\s*)?(?<eh>\d{1,2})[:.](?<em>\d{2}))?)?", RegexOptions.IgnoreCase)]
    private static partial Regex DanishDateTime();

    [GeneratedRegex(@"^Udgivet\s+(?<date>\d{1,2}\.\d{1,2}\.\d{4})")]
    private static partial Regex PublishedLine();

    [GeneratedRegex(@"^(?<number>\d+)\.\s+(?<title>.+)$")]
    private static partial Regex WebItemHeader();

    [GeneratedRegex(@"^(?<indent>[ \t\u00A0]*)(?<marker>•|-(?=\s)|\d+\.(?=\s))(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^Tabel\s+\d+\.?(\s|$)")]
    private static partial Regex TableCaption();

    [GeneratedRegex(@"^\d+[.)]?(\s|$)")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"[\s,](at|og|eller|samt)$", RegexOptions.IgnoreCase)]
    private static partial Regex LeadInEnding();

    [GeneratedRegex(@"\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|txt|csv|msg|zip|png|jpe?g)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
