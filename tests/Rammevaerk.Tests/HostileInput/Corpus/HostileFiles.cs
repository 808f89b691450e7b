using System.IO.Compression;
using System.Text;
using Rammevaerk.Tests.Reporting.Workbook;

namespace Rammevaerk.Tests.HostileInput.Corpus;

/// <summary>
/// Makes the corpus's hostile files in code (bombs are small to store but large to unpack, so none is kept in the
/// repository): PDF bombs, too many pages or objects, encrypted and broken PDFs, zip and XML bombs dressed as Office
/// files, polyglots and files that lie about their type. Also used by bench/hostile.sh through the same generator.
/// </summary>
public static class HostileFiles
{
    /// <summary>A valid one-page PDF with the given text (the app's own minimal writer).</summary>
    public static byte[] Pdf(string text = "Bilag") => Rammevaerk.Demo.MinimalPdf.Create(text);

    /// <summary>
    /// A PDF whose one page's content stream is <paramref name="unpackedBytes"/> of blanks, Flate-compressed
    /// <paramref name="layers"/> times: 1 GB unpacks from about 1 MB (the attack of issue 16).
    /// </summary>
    public static byte[] PdfBomb(long unpackedBytes, int layers = 1)
    {
        var content = Compress(unpackedBytes, (byte)' ');
        for (var i = 1; i < layers; i++) content = Compress(content);
        var filter = layers == 1 ? "/FlateDecode" : "[" + string.Join(' ', Enumerable.Repeat("/FlateDecode", layers)) + "]";
        return Assemble(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            (Dict: $"<< /Length {content.Length} /Filter {filter} >>", Stream: content));
    }

    /// <summary>
    /// A real-sized report: <paramref name="pages"/> pages of text, each with a compressed picture of
    /// <paramref name="pictureBytes"/> unpacked (a 300-page report with a chart on every page).
    /// </summary>
    public static byte[] Report(int pages, int pictureBytes = 200 * 1024)
    {
        var width = pictureBytes / 300;
        pictureBytes = width * 300;
        var objects = new List<object>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [" + string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{4 + 3 * i} 0 R")) + $"] /Count {pages} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var picture = Compress(RandomBytes(pictureBytes / 8).Concat(new byte[pictureBytes - pictureBytes / 8]).ToArray());
        for (var i = 0; i < pages; i++)
        {
            var text = new StringBuilder("BT /F1 11 Tf 50 800 Td 14 TL\n");
            for (var line = 0; line < 50; line++) text.Append($"(Side {i + 1}, linje {line + 1}: Tilbuddet har haft en belaegning paa 93 procent i perioden.) '\n");
            text.Append("ET\nq 400 0 0 200 100 100 cm /Im1 Do Q\n");
            var content = Compress(Encoding.ASCII.GetBytes(text.ToString()));
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 3 * i} 0 R /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 {6 + 3 * i} 0 R >> >> >>");
            objects.Add(($"<< /Length {content.Length} /Filter /FlateDecode >>", content));
            objects.Add(($"<< /Type /XObject /Subtype /Image /Width {width} /Height 100 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length {picture.Length} /Filter /FlateDecode >>", picture));
        }
        return Assemble([.. objects]);
    }

    /// <summary>A valid PDF of <paramref name="pages"/> empty pages.</summary>
    public static byte[] ManyPages(int pages)
    {
        var objects = new List<object>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [" + string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{i + 3} 0 R")) + $"] /Count {pages} >>",
        };
        for (var i = 0; i < pages; i++) objects.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        return Assemble([.. objects]);
    }

    /// <summary>A one-page PDF followed by <paramref name="count"/> unused objects.</summary>
    public static byte[] ManyObjects(int count)
    {
        var objects = new List<object>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        };
        for (var i = 0; i < count; i++) objects.Add("0");
        return Assemble([.. objects]);
    }

    /// <summary>A PDF whose trailer names an encryption dictionary (a password-protected file).</summary>
    public static byte[] EncryptedPdf() => Assemble(
        trailerExtra: " /Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
        objects:
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <" + new string('A', 64) + "> /U <" + new string('B', 64) + "> >>",
        ]);

    /// <summary>A file that starts like a PDF and is nothing after.</summary>
    public static byte[] BrokenPdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n%% cut off here");

    /// <summary>A PDF with a zip archive appended: opens as either, depending on the program.</summary>
    public static byte[] PdfZipPolyglot() => [.. Pdf(), .. Zip(("payload.txt", "hej"u8.ToArray()))];

    /// <summary>A docx whose first kilobyte also holds a PDF header.</summary>
    public static byte[] DocxPdfPolyglot() => Zip(("%PDF-1.4.txt", "x"u8.ToArray()), ("[Content_Types].xml", ContentTypes()), ("word/document.xml", "<w:document/>"u8.ToArray()));

    /// <summary>A minimal docx (its package parts only).</summary>
    public static byte[] Docx() => Zip(("[Content_Types].xml", ContentTypes()), ("_rels/.rels", "<Relationships/>"u8.ToArray()), ("word/document.xml", "<w:document/>"u8.ToArray()));

    /// <summary>An Office package with one part of <paramref name="unpackedBytes"/> zeros (a zip bomb).</summary>
    public static byte[] OfficeZipBomb(string mainPart, long unpackedBytes) =>
        Zip(("[Content_Types].xml", ContentTypes()), (mainPart, null), ("bomb.bin", null), unpackedBytes);

    /// <summary>An Office package whose main part declares nested entities ("billion laughs").</summary>
    public static byte[] XmlEntityBomb(string mainPart) => Zip(("[Content_Types].xml", ContentTypes()), (mainPart, Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" +
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]><root>&lol9;</root>")));

    /// <summary>An Office package with more parts than any real document has.</summary>
    public static byte[] ManyParts(string mainPart, int parts) =>
        Zip([("[Content_Types].xml", ContentTypes()), (mainPart, "<x/>"u8.ToArray()), .. Enumerable.Range(0, parts).Select(i => ($"p/{i}.xml", "<x/>"u8.ToArray()))]);

    /// <summary>A password-protected Office file (the compound file Office writes around an encrypted package).</summary>
    public static byte[] EncryptedOffice() => WorkbookTestData.CompoundFile("EncryptionInfo", "EncryptedPackage");

    /// <summary>An old binary Office file (.doc, .xls).</summary>
    public static byte[] OldOffice(string stream) => WorkbookTestData.CompoundFile(stream);

    public static byte[] Exe() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.")];

    public static byte[] Html() => "<html><body><script>alert(document.cookie)</script><p>Referat</p></body></html>"u8.ToArray();

    public static byte[] Svg() => "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>"u8.ToArray();

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Csv() => "Tilbud;Takst\r\n=HYPERLINK(\"http://x\";\"klik\");1\r\n"u8.ToArray();

    public static byte[] RandomBytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7919 % 251))];

    /// <summary>A zip of plain files (an archive folder) with one entry of <paramref name="unpackedBytes"/> zeros.</summary>
    public static byte[] PlainZipBomb(long unpackedBytes) => Zip(("referat.txt", Text("Referat")), ("fylde.txt", null), ("x.txt", null), unpackedBytes);

    private static byte[] ContentTypes() => "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8.ToArray();

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                s.Write(bytes);
            }
        }
        return ms.ToArray();
    }

    /// <summary>A zip whose <paramref name="bomb"/> entry is <paramref name="unpackedBytes"/> zeros; null-byte entries hold a little XML.</summary>
    private static byte[] Zip((string Name, byte[] Bytes) first, (string Name, byte[]? Bytes) second, (string Name, byte[]? Bytes) bomb, long unpackedBytes)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var s = zip.CreateEntry(first.Name).Open()) s.Write(first.Bytes);
            using (var s = zip.CreateEntry(second.Name).Open()) s.Write(second.Bytes ?? "<x/>"u8.ToArray());
            using (var s = zip.CreateEntry(bomb.Name, CompressionLevel.SmallestSize).Open())
            {
                var zeros = new byte[1024 * 1024];
                for (long done = 0; done < unpackedBytes; done += zeros.Length) s.Write(zeros, 0, (int)Math.Min(zeros.Length, unpackedBytes - done));
            }
        }
        return ms.ToArray();
    }

    private static byte[] Compress(long bytes, byte fill)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            Array.Fill(block, fill);
            for (long done = 0; done < bytes; done += block.Length) z.Write(block, 0, (int)Math.Min(block.Length, bytes - done));
        }
        return ms.ToArray();
    }

    private static byte[] Compress(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(bytes);
        return ms.ToArray();
    }

    private static byte[] Assemble(params object[] objects) => Assemble("", objects);

    /// <summary>Objects numbered from 1 (strings are dictionaries or values; a pair is a stream), with a correct xref table.</summary>
    private static byte[] Assemble(string trailerExtra, object[] objects)
    {
        using var ms = new MemoryStream();
        void Write(string s) => ms.Write(Encoding.ASCII.GetBytes(s));
        Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(ms.Position);
            Write($"{i + 1} 0 obj\n");
            switch (objects[i])
            {
                case string dict:
                    Write(dict + "\n");
                    break;
                case ValueTuple<string, byte[]> stream:
                    Write(stream.Item1 + "\nstream\n");
                    ms.Write(stream.Item2);
                    Write("\nendstream\n");
                    break;
            }
            Write("endobj\n");
        }
        var xref = ms.Position;
        var sb = new StringBuilder($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append(o.ToString("D10")).Append(" 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R{trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        Write(sb.ToString());
        return ms.ToArray();
    }
}
