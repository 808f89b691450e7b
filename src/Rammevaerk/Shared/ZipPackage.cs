using System.IO.Compression;
using System.Text;

namespace Rammevaerk.Shared;

/// <summary>
/// Checks an Office file (a zip package: xlsx, docx, pptx) before anything unpacks it: how many parts it has, what
/// they declare to unpack to together and one by one (a zip bomb packs gigabytes into kilobytes), and whether an XML
/// part declares a DTD (an "XML bomb" of nested entities; Office never writes one). Only the zip's directory and the
/// first bytes of the XML parts are read, so the check itself is bounded. The sizes the directory declares are what
/// .NET's zip reader will at most unpack.
/// </summary>
public static class ZipPackage
{
    public sealed record Limits(long MaxUncompressedBytes, double MaxCompressionRatio, long RatioCheckFromBytes, int MaxEntries)
    {
        /// <summary>Attachments: 250 MB unpacked in all (a presentation full of photos), ratio 100 for parts over 1 MB, 2.000 parts.</summary>
        public static readonly Limits Attachment = new(250L * 1024 * 1024, 100, 1024 * 1024, 2000);
    }

    /// <summary>How much of each XML part is read for a DTD.</summary>
    private const int PrologBytes = 4096;

    /// <summary>Null when the package is within <paramref name="limits"/>; otherwise the Danish reason, one sentence.</summary>
    public static string? Check(ZipArchive zip, Limits limits)
    {
        if (zip.Entries.Count > limits.MaxEntries)
        {
            return $"Filen indeholder {zip.Entries.Count.ToString("N0", Danish.Culture)} dele – langt flere end et almindeligt Office-dokument – og bliver derfor ikke læst.";
        }
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            var ratio = entry.CompressedLength > 0 ? (double)entry.Length / entry.CompressedLength : entry.Length > 0 ? double.PositiveInfinity : 0;
            if (entry.Length > limits.MaxUncompressedBytes || total > limits.MaxUncompressedBytes)
            {
                return $"Filen pakker sig ud til mere end {limits.MaxUncompressedBytes / (1024 * 1024)} MB og bliver derfor ikke læst " +
                       "(den ligner en såkaldt zip-bombe eller indeholder meget store billeder).";
            }
            if (entry.Length >= limits.RatioCheckFromBytes && ratio > limits.MaxCompressionRatio)
            {
                return $"Filen er pakket usædvanligt tæt (delen '{entry.FullName}' fylder {Math.Round(ratio).ToString("N0", Danish.Culture)} gange mere udpakket) " +
                       "og bliver derfor ikke læst – den ligner en såkaldt zip-bombe.";
            }
        }
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
        {
            if (DeclaresDtd(entry))
            {
                return $"Delen '{entry.FullName}' i filen indeholder en DTD (<!DOCTYPE …>), som Office aldrig skriver – den ligner en såkaldt XML-bombe og bliver ikke læst.";
            }
        }
        return null;
    }

    private static bool DeclaresDtd(ZipArchiveEntry entry)
    {
        var buffer = new byte[PrologBytes];
        int read;
        try
        {
            using var stream = entry.Open();
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException)
        {
            return false; // A damaged part: whoever reads the file says so.
        }
        var head = buffer.AsSpan(0, read);
        // UTF-8 (and ASCII) as Office writes it; UTF-16 parts are searched as UTF-16.
        return head.IndexOf("<!DOCTYPE"u8) >= 0 || head.IndexOf("<!ENTITY"u8) >= 0
               || head.IndexOf(Encoding.Unicode.GetBytes("<!DOCTYPE")) >= 0 || head.IndexOf(Encoding.BigEndianUnicode.GetBytes("<!DOCTYPE")) >= 0;
    }
}
