using System.Text;

namespace Rammevaerk.Demo;

/// <summary>Small PDFs with lines of ASCII text (Helvetica), for demo attachments, tests and benchmarks.</summary>
public static class MinimalPdf
{
    /// <summary>A one-page PDF with one line of text.</summary>
    public static byte[] Create(string text) => Pages([[text]], fontSize: 18);

    /// <summary>A PDF with a page per list, each string a line of its own (as a PDF splits text across lines).</summary>
    public static byte[] Pages(IReadOnlyList<IReadOnlyList<string>> pages, int fontSize = 10)
    {
        // 1 catalog, 2 page tree, 3 font, then a page and its content stream for each page.
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', pages.Select((_, i) => $"{4 + 2 * i} 0 R"))}] /Count {pages.Count} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        for (var i = 0; i < pages.Count; i++)
        {
            var content = new StringBuilder($"BT /F1 {fontSize} Tf 72 760 Td {fontSize + 4} TL ");
            foreach (var line in pages[i]) content.Append('(').Append(Safe(line)).Append(") Tj T* ");
            content.Append("ET");
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * i} 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }
        return Assemble(objects);
    }

    /// <summary>A PDF file of the given objects (object 1 is the catalog), with its cross-reference table.</summary>
    public static byte[] Assemble(IReadOnlyList<string> objects, string trailerExtra = "")
    {
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(sb.Length);
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = sb.Length;
        sb.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R{trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>The line as a PDF string: ASCII only (others become '?'), without the characters that end or escape it.</summary>
    private static string Safe(string text) =>
        new(text.Select(c => c is >= ' ' and <= '~' && c is not '(' and not ')' and not '\\' ? c : '?').ToArray());
}
