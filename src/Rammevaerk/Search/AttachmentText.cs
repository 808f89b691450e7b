using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Rammevaerk.Shared;
using UglyToad.PdfPig;

namespace Rammevaerk.Search;

/// <summary>
/// The text of an attachment for the search index: PDF (PdfPig) and DOCX (Open XML SDK). Other kinds have no
/// text here. Throws on files that cannot be read (encrypted, corrupt); the indexer logs and skips those.
/// </summary>
public static class AttachmentText
{
    /// <summary>At most this much text of one attachment is indexed.</summary>
    public const int MaxChars = 200_000;

    /// <summary>A DOCX part larger than this (in characters) is refused rather than read (a ZIP can inflate a lot).</summary>
    private const long MaxCharactersInPart = 50_000_000;

    /// <summary>The kinds this class can read, by file name.</summary>
    public static bool CanExtract(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".pdf" or ".docx";

    /// <summary>The plain text, whitespace collapsed and cut at <see cref="MaxChars"/>; empty when there is none.</summary>
    public static string Extract(string fileName, byte[] bytes) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".pdf" => FromPdf(bytes),
            ".docx" => FromDocx(bytes),
            _ => "",
        };

    private static string FromPdf(byte[] bytes)
    {
        var text = new Collector();
        // Bounded like every PDF read (Shared/PdfLimits.cs): a file over a limit throws, and the indexer skips it.
        PdfGuard.Ensure(bytes);
        using var pdf = PdfDocument.Open(bytes);
        if (PdfGuard.CheckPages(pdf.NumberOfPages) is { } tooMany) throw new PdfLimitException(tooMany);
        var clock = System.Diagnostics.Stopwatch.StartNew();
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

    private static string FromDocx(byte[] bytes)
    {
        var text = new Collector();
        using var stream = new MemoryStream(bytes, writable: false);
        using var doc = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        var body = doc.MainDocumentPart?.Document?.Body;
        if (body is null) return "";
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            if (!text.Add(paragraph.InnerText)) break;
            text.Break();
        }
        return text.ToString();
    }

    /// <summary>Joins pieces with single spaces (new lines between pages and paragraphs) up to <see cref="MaxChars"/>.</summary>
    private sealed class Collector
    {
        private readonly StringBuilder sb = new();
        private bool pendingBreak;

        public bool Add(string piece)
        {
            var clean = string.Join(' ', piece.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (clean.Length == 0) return true;
            if (sb.Length > 0) sb.Append(pendingBreak ? '\n' : ' ');
            pendingBreak = false;
            var room = MaxChars - sb.Length;
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
