using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;

namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// Reads the whole text of an attachment for the publication check: every page of a PDF (and its title, subject and
/// keywords), a Word file's body, headers, footers, foot- and endnotes, every cell and sheet name of a workbook,
/// every slide and note of a presentation. Unlike the search index it does not stop at 200,000 characters: a CPR
/// number on page 80 must be found too. The text is stored (<see cref="AttachmentScan"/>), so each file is read
/// once.
/// </summary>
public static class AttachmentReader
{
    /// <summary>Text kept of one attachment; beyond it the file is reported as not fully checked.</summary>
    public const int MaxChars = 5_000_000;

    /// <summary>A Word or Excel part larger than this (in characters) is refused rather than read (a ZIP can inflate a lot).</summary>
    private const long MaxCharactersInPart = 50_000_000;

    public sealed record Result(AttachmentReadability Readability, string Text);

    public static Result Read(string fileName, byte[] bytes)
    {
        var kind = AttachmentInspector.Detect(bytes);
        try
        {
            var text = kind switch
            {
                AttachmentKind.Pdf => FromPdf(bytes),
                AttachmentKind.Docx => FromDocx(bytes),
                AttachmentKind.Xlsx => FromXlsx(bytes),
                AttachmentKind.Pptx => FromPptx(bytes),
                _ => null,
            };
            if (text is null) return new Result(AttachmentReadability.NotRead, "");
            if (kind == AttachmentKind.Pdf && !text.Any(char.IsLetterOrDigit)) return new Result(AttachmentReadability.NoText, "");
            return new Result(AttachmentReadability.Readable, text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Result(AttachmentReadability.Unreadable, "");
        }
    }

    private static string FromPdf(byte[] bytes)
    {
        var text = new Collector();
        using var pdf = PdfDocument.Open(bytes);
        text.Add(pdf.Information.Title);
        text.Add(pdf.Information.Subject);
        text.Add(pdf.Information.Keywords);
        text.Break();
        foreach (var page in pdf.GetPages())
        {
            foreach (var word in page.GetWords())
            {
                if (!text.Add(word.Text)) return text.ToString();
            }
            text.Break();
        }
        return text.ToString();
    }

    private static string FromDocx(byte[] bytes)
    {
        var text = new Collector();
        using var stream = new MemoryStream(bytes, writable: false);
        using var doc = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        var main = doc.MainDocumentPart;
        if (main is null) return "";
        var parts = new List<OpenXmlPartRootElement?> { main.Document };
        parts.AddRange(main.HeaderParts.Select(h => (OpenXmlPartRootElement?)h.Header));
        parts.AddRange(main.FooterParts.Select(f => (OpenXmlPartRootElement?)f.Footer));
        parts.Add(main.FootnotesPart?.Footnotes);
        parts.Add(main.EndnotesPart?.Endnotes);
        parts.Add(main.WordprocessingCommentsPart?.Comments);
        foreach (var root in parts.OfType<OpenXmlPartRootElement>())
        {
            foreach (var paragraph in root.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>())
            {
                if (!text.Add(paragraph.InnerText)) return text.ToString();
                text.Break();
            }
        }
        return text.ToString();
    }

    private static string FromXlsx(byte[] bytes)
    {
        var text = new Collector();
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
            }
        }
        return text.ToString();
    }

    private static string FromPptx(byte[] bytes)
    {
        var text = new Collector();
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

    /// <summary>Joins pieces with single spaces (new lines between pages, paragraphs and cells) up to <see cref="MaxChars"/>.</summary>
    private sealed class Collector
    {
        private readonly StringBuilder sb = new();
        private bool pendingBreak;

        public bool Add(string? piece)
        {
            if (string.IsNullOrWhiteSpace(piece)) return true;
            if (sb.Length > 0) sb.Append(pendingBreak ? '\n' : ' ');
            pendingBreak = false;
            var room = MaxChars - sb.Length;
            if (piece.Length >= room)
            {
                sb.Append(piece.AsSpan(0, Math.Max(0, room)));
                return false;
            }
            sb.Append(piece);
            return true;
        }

        public void Break() => pendingBreak = true;

        public override string ToString() => sb.ToString();
    }
}
