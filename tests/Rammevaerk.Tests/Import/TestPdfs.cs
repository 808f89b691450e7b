using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Rammevaerk.Tests.Import;

/// <summary>Small PDFs for the import tests, written with PdfPig's builder.</summary>
public static class TestPdfs
{
    /// <summary>One page per list of lines (an empty list is a page without text, as a scan is).</summary>
    public static byte[] Create(IReadOnlyList<IReadOnlyList<string>> pages, bool trueType = false)
    {
        var builder = new PdfDocumentBuilder();
        var font = trueType
            ? builder.AddTrueTypeFont(File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
            : builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            double y = 780;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(60, y), font);
                y -= 30;
            }
        }
        return builder.Build();
    }

    /// <summary>A PDF of <paramref name="pages"/> blank pages, written directly (the builder is slow for thousands).</summary>
    public static byte[] Blank(int pages)
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', Enumerable.Range(3, pages).Select(i => $"{i} 0 R"))}] /Count {pages} >>",
        };
        objects.AddRange(Enumerable.Repeat("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", pages));
        return Rammevaerk.Demo.MinimalPdf.Assemble(objects);
    }
}
