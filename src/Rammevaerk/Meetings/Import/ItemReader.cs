using System.Text;
using System.Text.RegularExpressions;
using static Rammevaerk.Meetings.Import.MinutesParser;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// The section state machine for the lines of one item (after its heading): section labels ("Baggrund",
/// "Indstilling", "Sagsfremstilling", "Beslutning", "Referat", "Godkendt", "Bilag", also "Label: text"), the title
/// repeated up to three times, sub-headings, lists, tab tables, flattened tables (rebuilt by
/// <see cref="FlattenedTables"/> when certain) and attachment names. Every line lands in a field or is structure.
/// </summary>
internal sealed partial class ItemReader(int number, string title, List<ImportNote> notes, List<ImportQuestionDraft> questions,
    IReadOnlySet<string> groups)
{
    private const int MaxSubheadingLength = 90;
    private const int MaxTitleRepeats = 3;

    private readonly MarkdownWriter intro = new();
    private readonly Dictionary<Section, MarkdownWriter> sections = [];
    private readonly List<string> attachments = [];
    private readonly List<string> prepended = [];
    private Section current = Section.None;
    private bool afterBreak = true;
    private bool recommendationHasList;
    private bool attachmentTextStarted;
    private bool leftHeadingZone;
    private int titleRepeats;
    private bool introHasSubheading;
    private bool hasFlattenedTable;

    private MarkdownWriter Writer => current == Section.None ? intro : WriterFor(current);

    private MarkdownWriter WriterFor(Section section) =>
        sections.TryGetValue(section, out var w) ? w : sections[section] = new MarkdownWriter();

    /// <summary>Text that stood on the heading's own line after the title (transcripts).</summary>
    public void Prepend(string text) => prepended.Add(text);

    public ParsedItem Read(IReadOnlyList<CleanLine> lines, int from, int to)
    {
        foreach (var p in prepended) HandleLine(p, p, lines, -1, to);
        for (int i = from; i < to; i++)
            i = HandleLine(lines[i].Text.Trim(), lines[i].Text, lines, i, to);
        return Build();
    }

    /// <summary>Places one line; returns the index of the last line consumed (tables take several).</summary>
    private int HandleLine(string line, string raw, IReadOnlyList<CleanLine> lines, int i, int to)
    {
        int source = i >= 0 ? lines[i].Source : 0;
        if (line.Length == 0)
        {
            afterBreak = true;
            return i;
        }
        if (IsTitleRepeat(line))
        {
            // The web page repeats the title after the decision (and older pages twice more); it ends the decision.
            titleRepeats++;
            current = Section.None;
            afterBreak = true;
            return i;
        }
        if (groups.Contains(line.TrimEnd(':')) && current != Section.Attachments)
        {
            // A group heading of the list ("Orienteringspunkter") standing between two items: structure, not text.
            notes.Add(new ImportNote(source, number, $"Punkt {number}: Gruppeoverskriften \"{line}\" efter punktet hører til punktlisten."));
            return i;
        }
        if (TryGetSection(line, out var section, out var inline))
        {
            current = section;
            if (section != Section.Decision) leftHeadingZone = true;
            recommendationHasList = attachmentTextStarted = false;
            afterBreak = true;
            if (inline is not null)
            {
                if (section == Section.Attachments && IsFileName(inline)) attachments.Add(inline);
                else WriteText(inline);
                afterBreak = false;
            }
            return i;
        }
        leftHeadingZone |= current != Section.Decision;

        if (current == Section.Attachments)
            ReadAttachmentLine(raw, source);
        else if (IsFileName(line) && line.Length <= 300 && !line.Contains("http", StringComparison.OrdinalIgnoreCase) && !ListItem().IsMatch(raw))
        {
            // A file name outside "Bilag" (the label was lost in extraction) is still an attachment.
            attachments.Add(line);
            notes.Add(new ImportNote(source, number, $"Punkt {number}: \"{line}\" står uden \"Bilag\"-overskrift og er lagt som bilag (kun navnet)."));
        }
        else if (TableCaption().IsMatch(line) && i >= 0)
            return ReadFlattenedTable(line, lines, i, to);
        else if (raw.Contains('\t') && i >= 0 && i + 1 < to && lines[i + 1].Text.Contains('\t'))
            return WriteTabTable(lines, i, to);
        else if (afterBreak && LooksLikeSubheading(line) && i >= 0 && HeadsContent(lines, i + 1, to))
            WriteSubheading(line, source);
        else
            WriteText(raw);
        afterBreak = false;
        return i;
    }

    private bool IsTitleRepeat(string line) =>
        titleRepeats < MaxTitleRepeats && !leftHeadingZone && (current is Section.None or Section.Decision)
        && title.Length > 0 && CollapseSpaces(line).Equals(CollapseSpaces(title), StringComparison.OrdinalIgnoreCase);

    /// <summary>A heading must head something: the next non-blank line is body text of the same item.</summary>
    private bool HeadsContent(IReadOnlyList<CleanLine> lines, int from, int to)
    {
        for (int j = from; j < to; j++)
        {
            string next = lines[j].Text.Trim();
            if (next.Length > 0)
                return !TryGetSection(next, out _, out _) && !IsTitleRepeat(next);
        }
        return false;
    }

    private void WriteSubheading(string line, int source)
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
            notes.Add(new ImportNote(source, number,
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

    /// <summary>
    /// Cells of a flattened table, one a line, from its "Tabel N." caption to its "Anm." line or the first real
    /// sentence; rebuilt as a pipe table when certain, otherwise kept as lines and asked about.
    /// </summary>
    private int ReadFlattenedTable(string caption, IReadOnlyList<CleanLine> lines, int i, int to)
    {
        var cells = new List<string>();
        var cellLines = new List<string>();
        int end = i;
        for (int j = i + 1; j < to; j++)
        {
            string rawCell = lines[j].Text;
            string cell = rawCell.Trim();
            if (cell.Length == 0)
            {
                // A line of spaces is an empty cell the text kept; a truly empty line only separates cells.
                if (rawCell.Length > 0 && cells.Count > 0) cells.Add("");
                end = j;
                continue;
            }
            if (cell.StartsWith("Anm", StringComparison.Ordinal) || cell.Length > MaxSubheadingLength
                || TryGetSection(cell, out _, out _) || TableCaption().IsMatch(cell))
                break;
            cells.Add(cell);
            cellLines.Add(rawCell);
            end = j;
        }
        while (cells.Count > 0 && cells[^1].Length == 0) cells.RemoveAt(cells.Count - 1);
        Writer.Paragraph(caption);
        var table = FlattenedTables.Rebuild(cells);
        if (table is not null)
        {
            Writer.Table(table);
            notes.Add(new ImportNote(lines[i].Source, number,
                $"Punkt {number}: \"{caption}\" stod med én celle pr. linje og er genskabt som tabel ({table.Count - 2} rækker)."));
        }
        else
        {
            hasFlattenedTable = true;
            foreach (var c in cellLines) WriteText(c);
            questions.Add(new ImportQuestionDraft(QuestionKind.Table, number,
                $"Punkt {number}: \"{caption}\" står med én celle pr. linje, og tabellens bredde kan ikke afgøres sikkert (rækker med færre tal end kolonner); linjerne er bevaret. Ret tabellen i punktet."));
        }
        afterBreak = false;
        return end;
    }

    /// <summary>Consecutive tab-separated lines become a pipe table; returns the index of its last line.</summary>
    private int WriteTabTable(IReadOnlyList<CleanLine> lines, int from, int to)
    {
        int end = from;
        while (end + 1 < to && lines[end + 1].Text.Contains('\t'))
            end++;
        var rows = Enumerable.Range(from, end - from + 1)
            .Select(k => lines[k].Text.TrimEnd().Split('\t').Select(c => c.Trim().Replace("|", "\\|")).ToList()).ToList();
        int columns = rows.Max(r => r.Count);
        string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
        var table = new List<string> { Row(rows[0].Concat(Enumerable.Repeat("", columns - rows[0].Count))) };
        table.Add(Row(Enumerable.Repeat("---", columns)));
        table.AddRange(rows.Skip(1).Select(r => Row(r.Concat(Enumerable.Repeat("", columns - r.Count)))));
        Writer.Table(table);
        afterBreak = false;
        return end;
    }

    private void ReadAttachmentLine(string raw, int source)
    {
        string line = raw.Trim().TrimStart('•', '-', ' ');
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
            notes.Add(new ImportNote(source, number,
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

    [GeneratedRegex(@"^(?<indent>[ \t\u00A0]*)(?<marker>•|-(?=\s)|\d+\.(?=\s))(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^Tabel\s+\d+\.?(\s|$)")]
    private static partial Regex TableCaption();

    [GeneratedRegex(@"^\d+[.)]?(\s|$)")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"[\s,](at|og|eller|samt)$", RegexOptions.IgnoreCase)]
    private static partial Regex LeadInEnding();
}

/// <summary>
/// Builds Markdown block by block. Every source line becomes its own block (so lines stay lines),
/// except that consecutive list items form one tight list.
/// </summary>
internal sealed class MarkdownWriter
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
