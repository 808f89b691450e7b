using System.IO.Compression;

namespace Rammevaerk.Meetings;

public enum AttachmentKind
{
    Pdf,
    Docx,
    Xlsx,
    Pptx,
}

/// <summary>
/// Decides what an uploaded file is from its bytes, not its name, and whether that agrees with the name.
/// Office files are ZIP packages; only the entry names are read, never the (possibly huge) entries themselves.
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

    public static Result Inspect(string fileName, ReadOnlySpan<byte> bytes, long maxBytes)
    {
        var name = Path.GetFileName(fileName);
        if (bytes.Length == 0) return Fail($"Filen '{name}' er tom.");
        if (bytes.Length > maxBytes)
        {
            return Fail($"Filen '{name}' fylder {Shared.Danish.FileSize(bytes.Length)}; grænsen er {Shared.Danish.FileSize(maxBytes)}.");
        }
        var ext = Path.GetExtension(name);
        if (!Allowed.TryGetValue(ext, out var expected))
        {
            return Fail($"Filen '{name}' har typen '{(ext.Length == 0 ? "(ingen)" : ext)}'. Bilag skal være pdf, docx, xlsx eller pptx.");
        }
        var actual = Detect(bytes);
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

    public static AttachmentKind? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF-"u8)) return AttachmentKind.Pdf;
        if (!bytes.StartsWith("PK\u0003\u0004"u8)) return null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return AttachmentKind.Docx;
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return AttachmentKind.Xlsx;
            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal))) return AttachmentKind.Pptx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public static string Describe(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => "PDF-fil",
        AttachmentKind.Docx => "Word-fil (docx)",
        AttachmentKind.Xlsx => "Excel-fil (xlsx)",
        AttachmentKind.Pptx => "PowerPoint-fil (pptx)",
        _ => kind.ToString(),
    };
}
