using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Rammevaerk.Publishing.Pdf;

namespace Rammevaerk.Meetings.Import;

/// <summary>A file of an upload, before it is read.</summary>
public sealed record UploadEntry(string Name, byte[] Bytes);

/// <summary>The text of one source file, and the furniture already taken out on the way (a page's menus and footer).</summary>
public sealed record SourceDocument(string Name, string Text, IReadOnlyList<DroppedText> PreDropped);

/// <summary>A file that cannot be imported, with the Danish reason.</summary>
public sealed record RefusedEntry(string Name, string Reason);

/// <summary>
/// Reads what the secretariat uploads or points the command at: text files (UTF-8), PDFs (their text with layout through
/// PdfPig, see <see cref="PdfText"/>), saved web pages (HTML through AngleSharp: scripts and styles are dropped before
/// anything is kept, and nothing is ever executed) and zip files of those (a folder). Everything that cannot be read is
/// refused with a Danish reason: empty files, binary files, scanned PDFs without a text layer, PDFs too long to be
/// minutes, encrypted or damaged PDFs, Office files, zip bombs and entries whose path leaves the folder.
/// </summary>
public static partial class SourceFiles
{
    public const long MaxFileBytes = 50L * 1024 * 1024;
    public const int MaxPdfPages = 500;
    public const int MaxZipEntries = 2000;
    public const long MaxZipTotalBytes = 500L * 1024 * 1024;
    /// <summary>A zip entry that inflates more than this many times is refused as a zip bomb.</summary>
    public const int MaxCompressionRatio = 200;

    public enum Kind { Empty, Pdf, Html, Text, Zip, Office, Binary }

    public static Kind Sniff(string name, byte[] bytes)
    {
        if (bytes.Length == 0) return Kind.Empty;
        var span = bytes.AsSpan();
        if (span.StartsWith("%PDF-"u8)) return Kind.Pdf;
        string ext = Path.GetExtension(name).ToLowerInvariant();
        if (span.StartsWith("PK\u0003\u0004"u8) || span.StartsWith("PK\u0005\u0006"u8))
            return ext is ".docx" or ".xlsx" or ".pptx" or ".odt" or ".ods" or ".odp" ? Kind.Office : Kind.Zip;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0])) return Kind.Office; // old .doc/.xls
        if (LooksBinary(span)) return Kind.Binary;
        if (ext is ".html" or ".htm" or ".xhtml" or ".mhtml") return Kind.Html;
        var head = Encoding.UTF8.GetString(span[..Math.Min(span.Length, 2048)]).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return Kind.Html;
        return Kind.Text;
    }

    /// <summary>An upload as files: a zip becomes its entries (checked), anything else stays one file.</summary>
    public static (List<UploadEntry> Files, List<RefusedEntry> Refused) Expand(string name, byte[] bytes)
    {
        if (Sniff(name, bytes) != Kind.Zip) return ([new UploadEntry(name, bytes)], []);
        var files = new List<UploadEntry>();
        var refused = new List<RefusedEntry>();
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            return ([], [new RefusedEntry(name, "Zip-filen er ødelagt og kan ikke åbnes.")]);
        }
        using (zip)
        {
            if (zip.Entries.Count > MaxZipEntries)
                return ([], [new RefusedEntry(name, $"Zip-filen har {Shared.Danish.Number(zip.Entries.Count)} filer; grænsen er {Shared.Danish.Number(MaxZipEntries)}. Del den op.")]);
            long total = 0;
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                string path = entry.FullName.Replace('\\', '/');
                if (path.EndsWith('/')) continue; // a folder
                string shown = $"{name}/{path}";
                if (UnsafePath(path))
                {
                    refused.Add(new RefusedEntry(shown, "Stien peger uden for mappen (\"..\" eller en absolut sti); filen er ikke læst."));
                    continue;
                }
                string fileName = Path.GetFileName(path);
                if (path.StartsWith("__MACOSX/", StringComparison.Ordinal) || fileName.StartsWith('.') || fileName is "Thumbs.db" or "desktop.ini")
                {
                    refused.Add(new RefusedEntry(shown, "Systemfil fra Mac eller Windows; sprunget over."));
                    continue;
                }
                if (entry.Length > MaxFileBytes)
                {
                    refused.Add(new RefusedEntry(shown, $"Filen fylder {Shared.Danish.FileSize(entry.Length)} udpakket; grænsen er {Shared.Danish.FileSize(MaxFileBytes)}."));
                    continue;
                }
                if (entry.CompressedLength > 0 && entry.Length / Math.Max(1, entry.CompressedLength) > MaxCompressionRatio && entry.Length > 1024 * 1024)
                {
                    refused.Add(new RefusedEntry(shown, "Filen pakkes ud til mere end 200 gange sin størrelse (en zip-bombe); den er ikke læst."));
                    continue;
                }
                total += entry.Length;
                if (total > MaxZipTotalBytes)
                {
                    refused.Add(new RefusedEntry(shown, $"Zip-filen fylder mere end {Shared.Danish.FileSize(MaxZipTotalBytes)} udpakket; resten er ikke læst."));
                    break;
                }
                // The declared size can lie: read at most one byte past the limit.
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                bool tooBig = false;
                while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > MaxFileBytes)
                    {
                        tooBig = true;
                        break;
                    }
                }
                if (tooBig)
                {
                    refused.Add(new RefusedEntry(shown, "Filen pakkes ud til mere end den angivne størrelse (en zip-bombe); den er ikke læst."));
                    continue;
                }
                var content = buffer.ToArray();
                if (Sniff(fileName, content) == Kind.Zip)
                {
                    refused.Add(new RefusedEntry(shown, "En zip-fil inde i zip-filen læses ikke; pak den ud først."));
                    continue;
                }
                files.Add(new UploadEntry(shown, content));
            }
        }
        return (files, refused);
    }

    /// <summary>Reads text, a web page or a PDF; throws <see cref="ImportRejectedException"/> with a Danish reason otherwise.</summary>
    public static SourceDocument Read(string name, byte[] bytes)
    {
        switch (Sniff(name, bytes))
        {
            case Kind.Empty:
                throw new ImportRejectedException("Filen er tom – der er ingen tekst at indlæse.");
            case Kind.Office:
                throw new ImportRejectedException("Filen er en Office-fil. Importen læser teksten af et referat: gem det som PDF, eller gem teksten som en .txt-fil.");
            case Kind.Binary:
                throw new ImportRejectedException("Filen er ikke en tekstfil: den indeholder binære data (måske et billede eller et program med forkert endelse).");
            case Kind.Zip:
                throw new ImportRejectedException("Zip-filer pakkes ud ved upload; en zip-fil i en zip-fil læses ikke.");
            case Kind.Pdf:
                return new SourceDocument(name, ReadPdf(bytes), []);
            case Kind.Html:
                return ReadHtml(name, Decode(bytes));
            default:
                string text = Decode(bytes);
                if (string.IsNullOrWhiteSpace(text)) throw new ImportRejectedException("Filen er tom – der er ingen tekst at indlæse.");
                var dropped = new List<DroppedText>();
                // Scripts in a text with HTML left in it are neither kept nor stored.
                text = ScriptBlock().Replace(text, m =>
                {
                    dropped.Add(new DroppedText(0, Shorten(m.Value), "skript"));
                    return "";
                });
                return new SourceDocument(name, text, dropped);
        }
    }

    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ImportRejectedException("Filen er ikke gemt som UTF-8-tekst. Gem den igen med tegnsættet UTF-8.");
        }
    }

    private static string ReadPdf(byte[] bytes)
    {
        try
        {
            using var document = PdfText.Open(bytes);
            int pages = document.NumberOfPages;
            if (pages > MaxPdfPages)
                throw new ImportRejectedException($"PDF-filen har {Shared.Danish.Number(pages)} sider; et referat har højst {Shared.Danish.Number(MaxPdfPages)}. Del filen op, eller vælg den rigtige fil.");
            if (PdfText.MinutesPages(document) is int minutes && minutes > 0 && minutes < pages) pages = minutes;
            string text = PdfText.Compose(PdfText.ReadLines(document, 1, pages));
            if (text.Count(char.IsLetter) < 20)
                throw new ImportRejectedException("PDF-filen har intet tekstlag: den er scannet som billeder. Rammeværk læser ikke tekst i billeder (ingen OCR). Brug en PDF med tekst, eller gem teksten som en .txt-fil.");
            return text;
        }
        catch (PdfTextException e)
        {
            throw new ImportRejectedException(e.Message);
        }
    }

    /// <summary>
    /// A saved web page as lines: block elements end a line, table cells are separated by tabs (a table becomes a
    /// table), list items get a bullet. Scripts, styles and forms are removed before reading; the site's navigation,
    /// header and footer are page furniture and reported as dropped.
    /// </summary>
    public static SourceDocument ReadHtml(string name, string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        var document = parser.ParseDocument(html);
        var dropped = new List<DroppedText>();
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, input, select, textarea").ToList())
        {
            if (element.LocalName is "script" or "style" && element.TextContent.Trim().Length > 0)
                dropped.Add(new DroppedText(0, Shorten(element.TextContent.Trim()), "skript"));
            element.Remove();
        }
        foreach (var element in document.QuerySelectorAll("nav, footer, [role=navigation], [role=contentinfo], body > header, .cookie, #cookie-banner").ToList())
        {
            foreach (var line in element.TextContent.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
                dropped.Add(new DroppedText(0, line, "navigation og sidefod"));
            element.Remove();
        }
        var root = (INode?)document.QuerySelector("main") ?? (INode?)document.QuerySelector("article") ?? document.Body ?? (INode)document.DocumentElement;
        var sb = new StringBuilder();
        Walk(root, sb);
        string text = Regex.Replace(sb.ToString(), @"[ \u00A0]+\n", "\n");
        text = Regex.Replace(text, @"\n{3,}", "\n\n").Trim();
        if (text.Length == 0) throw new ImportRejectedException("Websiden indeholder ingen tekst.");
        return new SourceDocument(name, text + "\n", dropped);
    }

    private static void Walk(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                string value = Regex.Replace(text.Data, @"\s+", " ");
                if (value.Length > 0 && !(value == " " && (sb.Length == 0 || sb[^1] is '\n' or '\t' or ' '))) sb.Append(value);
                continue;
            }
            if (child is not IElement element) continue;
            string tag = element.LocalName;
            switch (tag)
            {
                case "br":
                    sb.Append('\n');
                    continue;
                case "td" or "th":
                    if (element.PreviousElementSibling is not null) sb.Append('\t');
                    Walk(element, sb);
                    continue;
                case "li":
                    Break(sb, 1);
                    // A numbered list's numbers are the browser's, not the page's: write them as a text extractor copies them.
                    if (element.ParentElement?.LocalName == "ol")
                    {
                        if (!Regex.IsMatch(element.TextContent.TrimStart(), @"^\d"))
                        {
                            int start = int.TryParse(element.ParentElement.GetAttribute("start"), out var s) ? s : 1;
                            sb.Append(start + element.ParentElement.Children.Where(c => c.LocalName == "li").ToList().IndexOf(element)).Append(". ");
                        }
                    }
                    else
                    {
                        sb.Append("• ");
                    }
                    Walk(element, sb);
                    Break(sb, 1);
                    continue;
                case "tr":
                    Break(sb, 1);
                    Walk(element, sb);
                    Break(sb, 1);
                    continue;
            }
            bool block = BlockTags.Contains(tag);
            if (block) Break(sb, 2);
            Walk(element, sb);
            if (block) Break(sb, 2);
        }
    }

    private static void Break(StringBuilder sb, int lines)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        int have = 0;
        for (int i = sb.Length - 1; i >= 0 && sb[i] == '\n'; i--) have++;
        if (sb.Length == 0) return;
        for (; have < lines; have++) sb.Append('\n');
    }

    private static readonly HashSet<string> BlockTags =
    [
        "p", "div", "section", "article", "header", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "blockquote", "pre", "figure", "figcaption", "address", "hr",
    ];

    private static bool UnsafePath(string path) =>
        path.StartsWith('/') || path.Split('/').Any(s => s == "..") || Regex.IsMatch(path, @"^[A-Za-z]:");

    private static bool LooksBinary(ReadOnlySpan<byte> span)
    {
        var sample = span[..Math.Min(span.Length, 8192)];
        if (sample.IndexOf((byte)0) >= 0) return true;
        int control = 0;
        foreach (byte b in sample)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C)) control++;
        }
        return control * 20 > sample.Length;
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..199] + "…";

    [GeneratedRegex(@"<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptBlock();
}
