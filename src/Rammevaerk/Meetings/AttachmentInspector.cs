using System.IO.Compression;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings;

public enum AttachmentKind
{
    Pdf,
    Docx,
    Xlsx,
    Pptx,
}

/// <summary>
/// Decides what an uploaded file is from its bytes, not its name, and whether that agrees with the name. Office
/// files are ZIP packages; only the entry names and the first bytes of the XML parts are read, never the (possibly
/// huge) entries themselves (<see cref="ZipPackage"/>: zip and XML bombs). A password-protected or old-format Office
/// file, and a file that is two kinds at once (a PDF that is also a zip, an Office file that is also a PDF), are
/// refused with a message that says so.
/// </summary>
public static class AttachmentInspector
{
    public static readonly IReadOnlyDictionary<string, (AttachmentKind Kind, string ContentType)> Allowed =
        new Dictionary<string, (AttachmentKind, string)>(StringComparer.OrdinalIgnoreCase)
        {
            [".pdf"] = (AttachmentKind.Pdf, "application/pdf"),
            [".docx"] = (AttachmentKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            [".xlsx"] = (AttachmentKind.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            [".pptx"] = (AttachmentKind.Pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        };

    public sealed record Result(bool Ok, string? Error, AttachmentKind Kind = default, string ContentType = "");

    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static Result Inspect(string fileName, byte[] bytes, long maxBytes)
    {
        var name = FileNames.Clean(fileName);
        if (bytes.Length == 0) return Fail($"Filen '{name}' er tom.");
        if (bytes.Length > maxBytes)
        {
            return Fail($"Filen '{name}' fylder {Danish.FileSize(bytes.Length)}; grænsen er {Danish.FileSize(maxBytes)}.");
        }
        var ext = Path.GetExtension(name);
        if (!Allowed.TryGetValue(ext, out var expected))
        {
            return Fail($"Filen '{name}' har typen '{(ext.Length == 0 ? "(ingen)" : ext)}'. Bilag skal være pdf, docx, xlsx eller pptx.");
        }
        if (bytes.StartsWith(CompoundFileSignature))
        {
            var streams = Reporting.Workbook.UploadInspector.CompoundFileNames(bytes);
            return Fail(streams.Contains("EncryptionInfo") || streams.Contains("EncryptedPackage")
                ? $"Filen '{name}' er beskyttet med adgangskode, så den kan ikke åbnes af dem, der skal læse den. Fjern adgangskoden (Filer › Oplysninger › Beskyt dokument), gem, og upload filen igen."
                : $"Filen '{name}' er i et gammelt Office-format (.doc, .xls eller .ppt). Åbn den, og gem den som {Describe(expected.Kind)}, før du uploader den.");
        }
        var (actual, problem) = Examine(bytes);
        if (problem is not null) return Fail($"Filen '{name}': {problem} Gem filen igen fra det program, den er lavet i, og upload den igen.");
        if (actual == AttachmentKind.Pdf && PdfWork(bytes) is { } tooMuch) return Fail($"Filen '{name}': {tooMuch} Del filen op, eller gem den igen med mindre billeder, og upload den igen.");
        if (actual is null)
        {
            return Fail($"Filen '{name}' hedder {ext}, men indholdet er ikke en {Describe(expected.Kind)}. Gem filen igen i det rigtige format.");
        }
        if (actual != expected.Kind)
        {
            return Fail($"Filen '{name}' hedder {ext}, men indholdet er en {Describe(actual.Value)}. Ret filnavnet eller vælg den rigtige fil.");
        }
        return new Result(true, null, expected.Kind, expected.ContentType);

        static Result Fail(string message) => new(false, message);
    }

    /// <summary>The kind of file the bytes are, or null; with a Danish reason when it must be refused whatever its name.</summary>
    private static (AttachmentKind? Kind, string? Problem) Examine(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF-"u8))
        {
            // A PDF with a zip archive in it (a polyglot) opens as either, depending on the program.
            return HasZipDirectory(bytes) || OpenZip(bytes) is not null
                ? (AttachmentKind.Pdf, "den er både en PDF-fil og en zip-fil (en såkaldt polyglot) og afvises.")
                : (AttachmentKind.Pdf, null);
        }
        if (!bytes.StartsWith("PK\u0003\u0004"u8)) return (null, null);
        // PDF readers accept "%PDF-" anywhere in the first kilobyte: an Office file with one there is two kinds at once.
        if (bytes[..Math.Min(bytes.Length, 1024)].IndexOf("%PDF-"u8) >= 0) return (null, "den er både en zip-fil og en PDF-fil (en såkaldt polyglot) og afvises.");
        using var package = OpenZip(bytes);
        if (package is null) return (null, null);
        if (ZipPackage.Check(package, ZipPackage.Limits.Attachment) is { } refused) return (null, refused);
        var names = package.Entries.Select(e => e.FullName).ToList();
        if (!names.Contains("[Content_Types].xml")) return (null, null);
        if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return (AttachmentKind.Docx, null);
        if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return (AttachmentKind.Xlsx, null);
        if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal))) return (AttachmentKind.Pptx, null);
        return (null, null);
    }

    /// <summary>
    /// A zip archive's end record near the end, pointing back at a central directory: what unzip tools look for,
    /// wherever the archive starts (a zip appended to a PDF is found though .NET's reader, which wants it at byte 0,
    /// is not).
    /// </summary>
    private static bool HasZipDirectory(ReadOnlySpan<byte> bytes)
    {
        var tail = bytes[Math.Max(0, bytes.Length - 65_557)..];
        var at = tail.LastIndexOf("PK\u0005\u0006"u8);
        if (at < 0 || tail.Length - at < 22) return false;
        var end = bytes.Length - tail.Length + at;
        var directorySize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[(end + 12)..]);
        var start = end - (long)directorySize;
        return directorySize > 0 && start >= 0 && bytes[(int)start..].StartsWith("PK\u0001\u0002"u8);
    }

    private static ZipArchive? OpenZip(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var zip = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > 0) return zip;
            zip.Dispose();
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the PDF stays within <see cref="PdfLimits"/> (unpacked size, objects, time, pages), so that later text
    /// extraction and merging are bounded; the Danish reason when not. A PDF that PdfPig cannot open is not refused
    /// here: the meeting's PDF leaves it out with a note, as before.
    /// </summary>
    private static string? PdfWork(byte[] bytes)
    {
        if (PdfGuard.Check(bytes) is { } problem) return PdfGuard.Capitalised(problem);
        try
        {
            using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
            return PdfGuard.CheckPages(document.NumberOfPages);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    public static AttachmentKind? Detect(ReadOnlySpan<byte> bytes) => Examine(bytes) is { Problem: null, Kind: var kind } ? kind : null;

    public static string Describe(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => "PDF-fil",
        AttachmentKind.Docx => "Word-fil (docx)",
        AttachmentKind.Xlsx => "Excel-fil (xlsx)",
        AttachmentKind.Pptx => "PowerPoint-fil (pptx)",
        _ => kind.ToString(),
    };
}
