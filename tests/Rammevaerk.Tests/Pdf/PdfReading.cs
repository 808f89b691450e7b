using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using UglyToad.PdfPig;

namespace Rammevaerk.Tests.Pdf;

/// <summary>Fetching the app's PDFs and reading them back with PdfPig, for the PDF tests.</summary>
public static partial class PdfReading
{
    public sealed record TocLine(string Title, int Page);

    public static Task<int> SeedMeetingIdAsync(this AppFactory app, int year) =>
        app.QueryAsync(db => db.Meetings
            .Where(m => m.Body.Slug == "socialdirektoerforum" && m.ImportKey != null && m.ImportKey.Contains("/" + year + "-"))
            .Select(m => m.Id).SingleAsync());

    /// <summary>The demo Forretningsudvalget agenda: item 2 has a public PDF attachment, item 3 is closed and has one.</summary>
    public static Task<int> ForretningsudvalgetMeetingIdAsync(this AppFactory app) =>
        app.QueryAsync(db => db.Meetings.Where(m => m.Body.Name == "Forretningsudvalget" && m.Title == "Møde i Forretningsudvalget")
            .Select(m => m.Id).SingleAsync());

    /// <summary>GETs a PDF and fails with the body's text unless it is a 200 application/pdf.</summary>
    public static async Task<(byte[] Bytes, HttpResponseMessage Response)> GetPdfAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/pdf")
            Assert.Fail($"GET {url} answered {(int)response.StatusCode} {response.Content.Headers.ContentType}: {Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(2000, bytes.Length)))}");
        return (bytes, response);
    }

    /// <summary>The table of contents: the lines "title ..... page" before the first item.</summary>
    public static List<TocLine> TableOfContents(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var toc = new List<TocLine>();
        foreach (var page in document.GetPages())
        {
            var lines = PdfText.PageLines(page);
            if (lines.Count > 0 && lines[0].Text.StartsWith("Punkt ", StringComparison.Ordinal)) break;
            foreach (var line in lines)
            {
                var m = TocEntry().Match(line.Text);
                if (m.Success) toc.Add(new TocLine(m.Groups["title"].Value.Trim(), int.Parse(m.Groups["page"].Value)));
            }
        }
        return toc;
    }

    /// <summary>The words of one page in PdfPig's own reading order (independent of PdfText's line building).</summary>
    public static string PageText(byte[] pdf, int page)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPage(page).GetWords().Select(w => w.Text));
    }

    /// <summary>The topmost words of a page, read with PdfPig's default word extractor.</summary>
    public static string FirstWords(byte[] pdf, int page, int count)
    {
        using var document = PdfDocument.Open(pdf);
        var words = document.GetPage(page).GetWords()
            .OrderByDescending(w => Math.Round(w.BoundingBox.Bottom, 0)).ThenBy(w => w.BoundingBox.Left)
            .Take(count);
        return string.Join(' ', words.Select(w => w.Text));
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>All text of a PDF, PdfPig's words joined by spaces (footers included).</summary>
    public static string AllWords(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    /// <summary>
    /// A small PDF whose trailer names an /Encrypt dictionary (standard security handler, RC4 40 bit) with a user
    /// password that is not empty: readers cannot open it without the password.
    /// </summary>
    public static byte[] EncryptedPdf()
    {
        const string content = "BT /F1 18 Tf 72 720 Td (Hemmeligt) Tj ET";
        var o = new string('A', 64);
        var u = new string('B', 64);
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Filter /Standard /V 1 /R 2 /O <{o}> /U <{u}> /P -44 >>",
        };
        return Rammevaerk.Demo.MinimalPdf.Assemble(objects, " /Encrypt 6 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
    }

    /// <summary>Starts like a PDF, then is not one.</summary>
    public static byte[] CorruptPdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 300) + "\nnot a pdf at all\n");

    /// <summary>A Word file as the upload check accepts it (a ZIP with [Content_Types].xml and word/).</summary>
    public static byte[] MinimalDocx()
    {
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "word/document.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }
        return ms.ToArray();
    }

    [GeneratedRegex(@"^(?<title>.+?)\.{3,}\s*(?<page>\d+)$")]
    private static partial Regex TocEntry();
}
