using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Rammevaerk.Shared;

namespace Rammevaerk.Reporting.Workbook;

/// <summary>
/// Looks at an upload before OpenXml does: its size, what kind of file it really is (an xlsx is a zip; a PDF, an old
/// .xls, a password-protected xlsx or a CSV are refused with a message that says which) and whether the zip could
/// unpack to more than the limits allow (a zip bomb) or declares a DTD (an XML bomb), by <see cref="ZipPackage"/>.
/// </summary>
internal static class UploadInspector
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] EmptyZipSignature = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public const string NotXlsxAdvice = "Hent regnearket på indberetningssiden, udfyld det, og gem det som 'Excel-projektmappe (*.xlsx)'.";

    /// <summary>Copies the upload into memory, reading at most one byte beyond the limit. Null when it is too large.</summary>
    public static MemoryStream? ReadCapped(Stream input, long maxBytes)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = input.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes) return null;
        }
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>Null when the bytes are a zip within the limits; otherwise the Danish reason they are refused.</summary>
    public static string? Check(byte[] bytes, int length, WorkbookLimits limits)
    {
        var head = bytes.AsSpan(0, length);
        if (length == 0) return "Filen er tom. " + NotXlsxAdvice;
        if (head.StartsWith(CompoundFileSignature)) return CompoundFileMessage(head);
        if (head.StartsWith("%PDF"u8)) return "Filen er en PDF-fil, ikke et Excel-regneark. " + NotXlsxAdvice;
        if (head.StartsWith(EmptyZipSignature)) return "Filen er en tom zip-fil, ikke et Excel-regneark. " + NotXlsxAdvice;
        if (!head.StartsWith(ZipSignature))
        {
            return LooksLikeText(head)
                ? "Filen er en tekstfil (fx CSV), ikke et Excel-regneark – også selvom navnet ender på .xlsx. " + NotXlsxAdvice
                : "Filen er ikke et Excel-regneark (.xlsx). " + NotXlsxAdvice;
        }
        return CheckZip(new MemoryStream(bytes, 0, length, writable: false), limits);
    }

    private static string? CheckZip(Stream stream, WorkbookLimits limits)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            return "Filen er beskadiget og kan ikke åbnes som Excel-regneark. Prøv at gemme den igen fra Excel. " + NotXlsxAdvice;
        }
        using (zip)
        {
            if (ZipPackage.Check(zip, new ZipPackage.Limits(limits.MaxUncompressedBytes, limits.MaxCompressionRatio, limits.RatioCheckFromBytes, limits.MaxZipEntries)) is { } refused)
            {
                return refused + " " + NotXlsxAdvice;
            }
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Contains("word/document.xml")) return "Filen er et Word-dokument, ikke et Excel-regneark. " + NotXlsxAdvice;
            if (names.Contains("ppt/presentation.xml")) return "Filen er en PowerPoint-præsentation, ikke et Excel-regneark. " + NotXlsxAdvice;
            if (names.Contains("mimetype") && names.Contains("content.xml"))
            {
                return "Filen er et OpenDocument-regneark (.ods). Gem den som 'Excel-projektmappe (*.xlsx)', og upload den igen.";
            }
            if (!names.Contains("[Content_Types].xml")) return "Filen er en zip-fil, ikke et Excel-regneark. " + NotXlsxAdvice;
        }
        return null;
    }

    private static string CompoundFileMessage(ReadOnlySpan<byte> bytes)
    {
        var streams = CompoundFileNames(bytes);
        if (streams.Contains("EncryptionInfo") || streams.Contains("EncryptedPackage"))
        {
            return "Regnearket er beskyttet med adgangskode og kan derfor ikke læses. Fjern adgangskoden i Excel " +
                   "(Filer › Oplysninger › Beskyt projektmappe › Krypter med adgangskode, og slet adgangskoden), gem, og upload filen igen.";
        }
        if (streams.Contains("Workbook") || streams.Contains("Book"))
        {
            return "Filen er i det gamle Excel-format (.xls). Åbn den i Excel, og gem den som 'Excel-projektmappe (*.xlsx)' – eller hent regnearket igen på indberetningssiden.";
        }
        return "Filen er et ældre Office-dokument, ikke et Excel-regneark (.xlsx). " + NotXlsxAdvice;
    }

    /// <summary>
    /// The names in a compound file's (CFB, the container of .xls files and of password-protected xlsx files)
    /// directory. Follows the directory's sector chain through the FAT; a damaged file gives what could be read, and
    /// if nothing could, the raw bytes are searched for the encryption stream's name.
    /// </summary>
    public static HashSet<string> CompoundFileNames(ReadOnlySpan<byte> bytes)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            if (bytes.Length >= 512)
            {
                var shift = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x1E..]);
                if (shift is 9 or 12)
                {
                    var sectorSize = 1 << shift;
                    var fatSectors = new List<uint>();
                    for (var i = 0; i < 109; i++)
                    {
                        var s = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(0x4C + 4 * i)..]);
                        if (s < 0xFFFFFFFA) fatSectors.Add(s);
                    }
                    var perSector = sectorSize / 4;
                    Span<byte> Sector(ReadOnlySpan<byte> all, uint n, int size)
                    {
                        var start = (long)(n + 1) * size;
                        return start + size <= all.Length ? all.Slice((int)start, size).ToArray() : Span<byte>.Empty;
                    }
                    uint Next(ReadOnlySpan<byte> all, uint sector)
                    {
                        var fatIndex = (int)(sector / (uint)perSector);
                        if (fatIndex >= fatSectors.Count) return 0xFFFFFFFE;
                        var fat = Sector(all, fatSectors[fatIndex], sectorSize);
                        return fat.IsEmpty ? 0xFFFFFFFE : BinaryPrimitives.ReadUInt32LittleEndian(fat[(int)(sector % (uint)perSector * 4)..]);
                    }
                    var dir = BinaryPrimitives.ReadUInt32LittleEndian(bytes[0x30..]);
                    for (var hops = 0; dir < 0xFFFFFFFA && hops < 10_000; hops++)
                    {
                        var sector = Sector(bytes, dir, sectorSize);
                        if (sector.IsEmpty) break;
                        for (var e = 0; e + 128 <= sector.Length; e += 128)
                        {
                            var entry = sector.Slice(e, 128);
                            var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[0x40..]);
                            if (entry[0x42] == 0 || nameBytes < 2 || nameBytes > 64) continue;
                            names.Add(Encoding.Unicode.GetString(entry[..(nameBytes - 2)]));
                        }
                        dir = Next(bytes, dir);
                    }
                }
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // A damaged directory: fall back to the byte search below.
        }
        if (names.Count == 0 && bytes.IndexOf(Encoding.Unicode.GetBytes("EncryptionInfo")) >= 0) names.Add("EncryptionInfo");
        return names;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 8192)];
        if (sample.IndexOf((byte)0) >= 0) return false;
        var printable = 0;
        foreach (var b in sample)
        {
            if (b >= 0x20 || b is (byte)'\t' or (byte)'\r' or (byte)'\n') printable++;
        }
        return printable >= sample.Length * 0.95;
    }
}
