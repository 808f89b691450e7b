using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace Rammevaerk.Publishing.Pdf;

/// <summary>Thrown when a PDF's text cannot be read; the message is Danish and says why.</summary>
public sealed class PdfTextException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One line of text on a PDF page as <see cref="PdfText"/> sees it.</summary>
/// <param name="Page">1-based page number.</param>
/// <param name="Baseline">Baseline height in points from the bottom of the page.</param>
/// <param name="Left">Where the first visible letter starts.</param>
/// <param name="Right">Where the last visible letter ends.</param>
/// <param name="FirstWordWidth">Width of the first word: would it have fitted at the end of the line before?</param>
public sealed record PdfLine(int Page, string Text, double Baseline, double Left, double Right, double FontSize, double FirstWordWidth);

/// <summary>
/// Reads the text of a PDF in the layout <see cref="Meetings.Import.MinutesParser"/> understands (seed 000): one line
/// per paragraph, heading or list item, a blank line between blocks, table cells separated by tabs, and no page
/// footers ("Side 3 af 12"). Lines a paragraph was wrapped into are joined again: a line continues the one before
/// when that one was full (the next word would not have fitted), the font is the same and no paragraph gap lies
/// between them — also across a page break.
/// </summary>
public static partial class PdfText
{
    /// <summary>Info-dictionary key in which Rammeværk records how many pages of a merged PDF are the minutes
    /// themselves; the appended attachments after them are not minutes text.</summary>
    public const string MinutesPagesKey = "RammevaerkMinutesPages";

    public static string Extract(byte[] pdf)
    {
        using var document = Open(pdf);
        int pages = document.NumberOfPages;
        if (MinutesPages(document) is int minutes && minutes > 0 && minutes < pages)
            pages = minutes;
        return Compose(ReadLines(document, 1, pages));
    }

    /// <summary>Opens a PDF for reading; Danish <see cref="PdfTextException"/> when it is encrypted or corrupt.</summary>
    public static PdfDocument Open(byte[] pdf)
    {
        if (!pdf.AsSpan().StartsWith("%PDF-"u8) && pdf.AsSpan(0, Math.Min(pdf.Length, 1024)).IndexOf("%PDF-"u8) < 0)
            throw new PdfTextException("Filen er ikke en PDF-fil.");
        if (Shared.PdfGuard.Check(pdf) is { } tooMuch) throw new PdfTextException(Shared.PdfGuard.Capitalised(tooMuch));
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new PdfTextException("PDF-filen er krypteret (beskyttet med adgangskode), så teksten kan ikke læses.", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PdfTextException("PDF-filen er ødelagt eller kan ikke læses.", e);
        }
        if (Shared.PdfGuard.CheckPages(document.NumberOfPages) is { } tooMany)
        {
            document.Dispose();
            throw new PdfTextException(tooMany);
        }
        return document;
    }

    /// <summary>The physical lines of pages <paramref name="from"/>..<paramref name="to"/>, footers dropped.</summary>
    public static List<PdfLine> ReadLines(PdfDocument document, int from, int to)
    {
        var lines = new List<PdfLine>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int number = from; number <= to; number++)
        {
            if (clock.Elapsed > Shared.PdfLimits.Current.MaxTime)
                throw new PdfTextException($"Teksten i PDF-filen tager mere end {Shared.PdfLimits.Current.MaxSeconds} sekunder at læse (grænsen er {Shared.PdfLimits.Current.MaxSeconds} sekunder).");
            Page page;
            try
            {
                page = document.GetPage(number);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new PdfTextException($"Side {number} i PDF-filen kan ikke læses.", e);
            }
            lines.AddRange(PageLines(page).Where(l => !Footer().IsMatch(l.Text)));
        }
        return lines;
    }

    /// <summary>The page count Rammeværk recorded for the minutes part of a merged PDF, if any.</summary>
    public static int? MinutesPages(PdfDocument document)
    {
        var info = document.Information.DocumentInformationDictionary;
        if (info is null || !info.TryGet(NameToken.Create(MinutesPagesKey), out var token)) return null;
        var text = token switch
        {
            StringToken s => s.Data,
            NumericToken n => n.Int.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pages) ? pages : null;
    }

    /// <summary>Joins physical lines into the text layout described on the class.</summary>
    public static string Compose(IReadOnlyList<PdfLine> lines)
    {
        if (lines.Count == 0) return "";
        // The text column: its right edge tells a full (wrapped) line from a short one.
        double right = lines.Max(l => l.Right);
        double left = lines.Min(l => l.Left);
        var sb = new StringBuilder();
        PdfLine? previous = null;
        string? tableHeader = null;
        foreach (var line in lines)
        {
            string text = line.Text;
            bool isRow = text.Contains('\t');
            // A table that runs onto the next page repeats its header row there (Chromium prints thead again): once is the
            // table's. The last line of the page before belongs to the table: a row, or a row of one cell (a label alone).
            if (isRow && previous is { } last && last.Page != line.Page && line.Text == tableHeader
                && (last.Text.Contains('\t') || last.Text.Length <= 40))
                continue;
            if (isRow && (previous is null || !previous.Text.Contains('\t')) && previous?.Text.Length > 40) tableHeader = line.Text;
            else if (isRow && tableHeader is null) tableHeader = line.Text;
            else if (!isRow && line.Text.Length > 40) tableHeader = null;
            if (isRow && line.Left > left + 1.5 * line.FontSize)
                text = "\t" + text; // a table row whose first cell is empty
            if (previous is null)
            {
                sb.Append(text);
            }
            else if (Continues(previous, line, right))
            {
                if (Shared.ExtractedText.EndsHyphenated(previous.Text))
                {
                    // A word hyphenated at the line end is one word again (the same rule as attachment search).
                    sb.Length--;
                    sb.Append(Shared.ExtractedText.HyphenJoiner(text)).Append(text);
                }
                else
                {
                    sb.Append(' ').Append(text);
                }
            }
            else
            {
                bool bothRows = isRow && previous.Text.Contains('\t');
                bool samePage = previous.Page == line.Page;
                double gap = previous.Baseline - line.Baseline;
                bool blockGap = samePage
                    ? gap > ParagraphGap * Math.Min(previous.FontSize, line.FontSize)
                    : true;
                sb.Append('\n');
                if (blockGap && !bothRows) sb.Append('\n');
                sb.Append(text);
            }
            previous = line;
        }
        return sb.Append('\n').ToString();
    }

    /// <summary>Line pitch (in font sizes) above which two lines are separate blocks.</summary>
    private const double ParagraphGap = 1.6;

    private static bool Continues(PdfLine a, PdfLine b, double columnRight)
    {
        if (a.Text.Contains('\t') || b.Text.Contains('\t')) return false;
        if (Math.Abs(a.FontSize - b.FontSize) > 0.5) return false;
        if (TocEnd().IsMatch(a.Text)) return false;
        // A list item starts left of the line before (the text of the item before) or level with the item before.
        if (ListMarker().IsMatch(b.Text)
            && (b.Left < a.Left - 0.5 || (Math.Abs(b.Left - a.Left) <= 0.5 && ListMarker().IsMatch(a.Text))))
            return false;
        if (a.Page == b.Page)
        {
            double gap = a.Baseline - b.Baseline;
            if (gap <= 0 || gap > ParagraphGap * b.FontSize) return false;
        }
        else if (b.Page != a.Page + 1)
        {
            return false;
        }
        // Full: the next line's first word (and a space) would not have fitted after it.
        return a.Right + b.FirstWordWidth + 0.35 * b.FontSize > columnRight - 0.5;
    }

    /// <summary>The physical lines of one page, top to bottom, each read left to right.</summary>
    public static List<PdfLine> PageLines(Page page)
    {
        var letters = page.Letters
            .Where(l => l.TextOrientation == TextOrientation.Horizontal && l.Value.Length > 0)
            .OrderByDescending(l => l.StartBaseLine.Y).ThenBy(l => l.StartBaseLine.X)
            .ToList();
        var groups = new List<List<Letter>>();
        List<Letter>? current = null;
        double baseline = 0, size = 0;
        foreach (var letter in letters)
        {
            double fs = Size(letter);
            if (current is not null && Math.Abs(baseline - letter.StartBaseLine.Y) <= 0.3 * Math.Max(size, fs))
            {
                current.Add(letter);
                if (!IsBlank(letter.Value)) size = Math.Max(size, fs);
                continue;
            }
            current = [letter];
            groups.Add(current);
            baseline = letter.StartBaseLine.Y;
            size = fs;
        }

        var lines = new List<PdfLine>();
        foreach (var group in groups)
        {
            group.Sort((x, y) => x.StartBaseLine.X.CompareTo(y.StartBaseLine.X));
            var visible = group.Where(l => !IsBlank(l.Value)).ToList();
            if (visible.Count == 0) continue;
            double fontSize = visible.GroupBy(l => Math.Round(Size(l), 1)).OrderByDescending(g => g.Count()).First().Key;

            var text = new StringBuilder();
            Letter? prev = null;
            double? firstWordEnd = null;
            foreach (var letter in group)
            {
                string value = Normalize(letter.Value);
                // A soft hyphen or zero-width character is no letter and no gap: the word goes on.
                if (value.Length == 0 && !IsBlank(letter.Value)) continue;
                bool blank = IsBlank(value);
                if (prev is not null)
                {
                    double gap = letter.StartBaseLine.X - prev.EndBaseLine.X;
                    double fs = Math.Max(Size(letter), Size(prev));
                    // No space glyph between two letters: layout (a table cell, a tab stop) or a word gap.
                    string separator = blank ? " " : gap > 0.8 * fs ? "\t" : gap > 0.18 * fs || IsBlank(prev.Value) ? " " : "";
                    if (separator.Length > 0 && text.Length > 0)
                    {
                        firstWordEnd ??= prev.EndBaseLine.X;
                        if (text[^1] == ' ' && separator == "\t") text[^1] = '\t';
                        else if (text[^1] is not (' ' or '\t')) text.Append(separator);
                    }
                }
                if (!blank) text.Append(value);
                if (!blank || prev is not null) prev = letter;
            }
            string s = SpacesAroundTabs().Replace(text.ToString(), "\t").Trim(' ');
            if (s.Length == 0) continue;
            var first = visible[0];
            double right = visible.Max(l => l.EndBaseLine.X);
            lines.Add(new PdfLine(page.Number, s, group.Average(l => l.StartBaseLine.Y), first.StartBaseLine.X, right, fontSize,
                (firstWordEnd ?? right) - first.StartBaseLine.X));
        }
        return lines;
    }

    /// <summary>The letter's size in points (the text matrix may scale the nominal font size).</summary>
    private static double Size(Letter l) => l.PointSize > 0 ? l.PointSize : l.FontSize;

    private static bool IsBlank(string value) => string.IsNullOrWhiteSpace(value) || value == "\u00A0";

    private static string Normalize(string value) => Shared.ExtractedText.NormalizeCharacters(value);

    /// <summary>Chromium's page footer ("Side 3 af 12"), also "Side 3" and "3 af 12".</summary>
    [GeneratedRegex(@"^(Side\s+\d+(\s+af\s+\d+)?|\d+\s+af\s+\d+)$")]
    private static partial Regex Footer();

    [GeneratedRegex(@"\.{3,}\s*\d+$")]
    private static partial Regex TocEnd();

    [GeneratedRegex(@"^(-|•|\d+\.)\s")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@" *\t *")]
    private static partial Regex SpacesAroundTabs();
}
