using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Rammevaerk.Shared;
using UglyToad.PdfPig;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;

namespace Rammevaerk.Search;

/// <summary>
/// The text of an attachment: every page of a PDF (PdfPig) with its title, subject and keywords; a Word file's body,
/// headers, footers, foot- and endnotes and comments; every cell and sheet name of a workbook; every slide and note
/// of a presentation (Open XML SDK). The one reader of attachment text: the publication check reads it whole (through
/// <see cref="Meetings.Publication.AttachmentReader"/>, stored once per file), the search index keeps the first
/// <see cref="MaxChars"/> of it. Throws on files that cannot be read (encrypted, corrupt).
/// </summary>
public static class AttachmentText
{
    /// <summary>At most this much text of one attachment is indexed.</summary>
    public const int MaxChars = 200_000;

    /// <summary>A Word or Excel part larger than this (in characters) is refused rather than read (a ZIP can inflate a lot).</summary>
    private const long MaxCharactersInPart = 50_000_000;

    /// <summary>The kinds this class can read, by file name.</summary>
    public static bool CanExtract(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".pdf" or ".docx" or ".xlsx" or ".pptx";

    /// <summary>The plain text, whitespace collapsed and cut at <see cref="MaxChars"/>; empty when there is none.</summary>
    public static string Extract(string fileName, byte[] bytes) => Extract(fileName, bytes, MaxChars);

    /// <summary>The plain text, whitespace collapsed and cut at <paramref name="maxChars"/>; empty when there is none.</summary>
    public static string Extract(string fileName, byte[] bytes, int maxChars) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".pdf" => FromPdf(bytes, new Collector(maxChars)),
            ".docx" => FromDocx(bytes, new Collector(maxChars)),
            ".xlsx" => FromXlsx(bytes, new Collector(maxChars)),
            ".pptx" => FromPptx(bytes, new Collector(maxChars)),
            _ => "",
        };

    private static string FromPdf(byte[] bytes, Collector text)
    {
        // Bounded like every PDF read (Shared/PdfLimits.cs): a file over a limit throws, and the indexer skips it.
        PdfGuard.Ensure(bytes);
        using var pdf = PdfDocument.Open(bytes);
        if (PdfGuard.CheckPages(pdf.NumberOfPages) is { } tooMany) throw new PdfLimitException(tooMany);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        text.Add(pdf.Information.Title);
        text.Add(pdf.Information.Subject);
        text.Add(pdf.Information.Keywords);
        text.Break();
        foreach (var page in pdf.GetPages())
        {
            PdfGuard.EnsureTime(clock);
            // Line by line, so that a word hyphenated at a line end is joined again; ligatures, soft hyphens and
            // non-breaking spaces are normalised the same way as for the archive import (ExtractedText).
            var lines = Publishing.Pdf.PdfText.PageLines(page).Select(l => l.Text.Replace('\t', ' '));
            if (!text.Add(ExtractedText.Normalize(string.Join('\n', lines)))) return text.ToString();
            text.Break();
        }
        return text.ToString();
    }

    private static string FromDocx(byte[] bytes, Collector text)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var doc = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        var main = doc.MainDocumentPart;
        if (main?.Document?.Body is null) return "";
        var parts = new List<OpenXmlPartRootElement?> { main.Document };
        parts.AddRange(main.HeaderParts.Select(h => (OpenXmlPartRootElement?)h.Header));
        parts.AddRange(main.FooterParts.Select(f => (OpenXmlPartRootElement?)f.Footer));
        parts.Add(main.FootnotesPart?.Footnotes);
        parts.Add(main.EndnotesPart?.Endnotes);
        parts.Add(main.WordprocessingCommentsPart?.Comments);
        foreach (var root in parts.OfType<OpenXmlPartRootElement>())
        {
            foreach (var paragraph in root.Descendants<Paragraph>())
            {
                if (!text.Add(paragraph.InnerText)) return text.ToString();
                text.Break();
            }
        }
        return text.ToString();
    }

    private static string FromXlsx(byte[] bytes, Collector text)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var doc = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        var book = doc.WorkbookPart;
        if (book is null) return "";
        var shared = book.SharedStringTablePart?.SharedStringTable?.Elements<Spreadsheet.SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        foreach (var sheet in book.Workbook?.Sheets?.Elements<Spreadsheet.Sheet>() ?? [])
        {
            text.Add(sheet.Name?.Value);
            text.Break();
        }
        foreach (var part in book.WorksheetParts)
        {
            foreach (var row in part.Worksheet?.Descendants<Spreadsheet.Row>() ?? [])
            {
                foreach (var cell in row.Elements<Spreadsheet.Cell>())
                {
                    var value = cell.DataType?.Value == Spreadsheet.CellValues.SharedString
                        && int.TryParse(cell.CellValue?.Text, out var index) && index >= 0 && index < shared.Count
                        ? shared[index]
                        : cell.DataType?.Value == Spreadsheet.CellValues.InlineString ? cell.InlineString?.InnerText : cell.CellValue?.Text;
                    // A bar keeps cells apart, so that two numbers in neighbouring cells never read as one CPR number.
                    if (!text.Add(value) || !text.Add("|")) return text.ToString();
                }
                text.Break();
            }
        }
        return text.ToString();
    }

    private static string FromPptx(byte[] bytes, Collector text)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var doc = PresentationDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        foreach (var slide in doc.PresentationPart?.SlideParts ?? [])
        {
            var roots = new List<OpenXmlPartRootElement?> { slide.Slide, slide.NotesSlidePart?.NotesSlide };
            foreach (var root in roots.OfType<OpenXmlPartRootElement>())
            {
                foreach (var paragraph in root.Descendants<Drawing.Paragraph>())
                {
                    if (!text.Add(string.Concat(paragraph.Descendants<Drawing.Text>().Select(t => t.Text)))) return text.ToString();
                    text.Break();
                }
            }
        }
        return text.ToString();
    }

    /// <summary>Joins pieces with single spaces (new lines between pages, paragraphs and rows) up to a number of characters.</summary>
    private sealed class Collector(int maxChars)
    {
        private readonly StringBuilder sb = new();
        private bool pendingBreak;

        public bool Add(string? piece)
        {
            var clean = string.Join(' ', (piece ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (clean.Length == 0) return true;
            if (sb.Length > 0) sb.Append(pendingBreak ? '\n' : ' ');
            pendingBreak = false;
            var room = maxChars - sb.Length;
            if (clean.Length >= room)
            {
                sb.Append(clean.AsSpan(0, Math.Max(0, room)));
                return false;
            }
            sb.Append(clean);
            return true;
        }

        public void Break() => pendingBreak = true;

        public override string ToString() => sb.ToString();
    }
}
