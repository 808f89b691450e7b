using System.Diagnostics;
using System.IO.Compression;

namespace Rammevaerk.Shared;

/// <summary>
/// Section <c>FileLimits</c>: how much work one PDF may cause when its text is read, its pages counted or it is merged
/// into the meeting's PDF. The defaults fit real minutes with room to spare (a 300-page report with pictures unpacks
/// to well under 100 MB); a "PDF bomb" (a megabyte that unpacks to a gigabyte) breaks them at once.
/// </summary>
public sealed class PdfLimits
{
    public const string Section = "FileLimits";

    /// <summary>Pages in one PDF.</summary>
    public int MaxPdfPages { get; set; } = 2000;

    /// <summary>Everything the PDF's compressed parts unpack to together, in MB.</summary>
    public int MaxUnpackedMegabytes { get; set; } = 400;

    /// <summary>What one compressed part (a page's content, a picture) may unpack to, in MB.</summary>
    public int MaxPartMegabytes { get; set; } = 100;

    /// <summary>Objects in one PDF (a 300-page report has some tens of thousands).</summary>
    public int MaxPdfObjects { get; set; } = 500_000;

    /// <summary>Seconds one PDF may take to check, to read the text of or to prepare for merging.</summary>
    public int MaxSeconds { get; set; } = 30;

    /// <summary>The limits in force: the configured ones once the app has started (<see cref="Use"/>), else the defaults.</summary>
    public static PdfLimits Current { get; private set; } = new();

    /// <summary>Called once at start-up with the configured section; the same settings on every node.</summary>
    public static void Use(PdfLimits limits) => Current = limits;

    public long MaxUnpackedBytes => MaxUnpackedMegabytes * 1024L * 1024;
    public long MaxPartBytes => MaxPartMegabytes * 1024L * 1024;
    public TimeSpan MaxTime => TimeSpan.FromSeconds(MaxSeconds);
}

/// <summary>Thrown when a PDF breaks one of <see cref="PdfLimits"/>; the message is Danish and names the limit.</summary>
public sealed class PdfLimitException(string message) : Exception(message);

/// <summary>
/// Checks a PDF against <see cref="PdfLimits"/> before anything reads it: the raw file is walked once, each compressed
/// part is unpacked into a counter (never into memory) and stops at the limit, objects are counted, and the time is
/// watched. So the check itself is bounded, whatever the file holds; only a PDF that passes is given to PdfPig.
/// </summary>
public static class PdfGuard
{
    /// <summary>Null when the PDF is within the limits; else the Danish reason, one sentence that names the limit.</summary>
    public static string? Check(byte[] file, PdfLimits? limits = null)
    {
        ReadOnlySpan<byte> pdf = file;
        limits ??= PdfLimits.Current;
        var clock = Stopwatch.StartNew();
        long unpacked = 0;
        var objects = 0;
        var pos = 0;
        var buffer = new byte[81920];
        while (pos < pdf.Length)
        {
            var found = pdf[pos..].IndexOf("stream"u8);
            if (found < 0) break;
            var keyword = pos + found;
            pos = keyword + 6;
            if (keyword >= 3 && pdf.Slice(keyword - 3, 3).SequenceEqual("end"u8)) continue;
            // The keyword ends its line; anything else is the word inside some text.
            int dataStart;
            if (pdf[pos..].StartsWith("\r\n"u8)) dataStart = pos + 2;
            else if (pdf[pos..].StartsWith("\n"u8)) dataStart = pos + 1;
            else continue;
            var dictFrom = Math.Max(0, keyword - 4096);
            var head = pdf[dictFrom..keyword];
            var objAt = head.LastIndexOf(" obj"u8);
            var dict = objAt >= 0 ? head[objAt..] : head;
            var end = pdf[dataStart..].IndexOf("endstream"u8);
            var data = end < 0 ? pdf[dataStart..] : pdf.Slice(dataStart, end);
            pos = dataStart + data.Length + (end < 0 ? 0 : 9);

            if (dict.IndexOf("/ObjStm"u8) >= 0) objects += NumberAfter(dict, "/N"u8);
            var flates = Count(dict, "/FlateDecode"u8) + Count(dict, "/Fl "u8) + Count(dict, "/Fl]"u8) + Count(dict, "/Fl/"u8);
            long part = flates == 0 ? data.Length : Inflated(file, dataStart, data.Length, flates, limits.MaxPartBytes + 1, buffer, clock, limits.MaxTime);
            if (clock.Elapsed > limits.MaxTime) return TooSlow(limits);
            if (part > limits.MaxPartBytes)
            {
                return $"en enkelt del af PDF-filen pakker sig ud til mere end {limits.MaxPartMegabytes} MB (grænsen for én del er {limits.MaxPartMegabytes} MB) – den ligner en såkaldt PDF-bombe og bliver ikke læst.";
            }
            unpacked += part;
            if (unpacked > limits.MaxUnpackedBytes)
            {
                return $"PDF-filen pakker sig ud til mere end {limits.MaxUnpackedMegabytes} MB (grænsen for udpakket indhold er {limits.MaxUnpackedMegabytes} MB) og bliver ikke læst.";
            }
        }
        objects += Count(pdf, "endobj"u8);
        if (objects > limits.MaxPdfObjects)
        {
            return $"PDF-filen indeholder {objects.ToString("N0", Danish.Culture)} objekter (grænsen er {limits.MaxPdfObjects.ToString("N0", Danish.Culture)}) og bliver ikke læst.";
        }
        return clock.Elapsed > limits.MaxTime ? TooSlow(limits) : null;
    }

    /// <summary>Throws <see cref="PdfLimitException"/> when the PDF breaks a limit.</summary>
    public static void Ensure(byte[] pdf, PdfLimits? limits = null)
    {
        if (Check(pdf, limits) is { } problem) throw new PdfLimitException(Capitalised(problem));
    }

    /// <summary>The page count a reader found, checked against the limit; null when within it.</summary>
    public static string? CheckPages(int pages, PdfLimits? limits = null)
    {
        limits ??= PdfLimits.Current;
        return pages > limits.MaxPdfPages
            ? $"PDF-filen har {pages.ToString("N0", Danish.Culture)} sider (grænsen er {limits.MaxPdfPages.ToString("N0", Danish.Culture)} sider)."
            : null;
    }

    /// <summary>For loops over pages: throws <see cref="PdfLimitException"/> once the time limit is used up.</summary>
    public static void EnsureTime(Stopwatch clock, PdfLimits? limits = null)
    {
        limits ??= PdfLimits.Current;
        if (clock.Elapsed > limits.MaxTime) throw new PdfLimitException(Capitalised(TooSlow(limits)));
    }

    public static string Capitalised(string sentence) => sentence.Length == 0 ? sentence : char.ToUpper(sentence[0], Danish.Culture) + sentence[1..];

    private static string TooSlow(PdfLimits limits) =>
        $"PDF-filen tager mere end {limits.MaxSeconds} sekunder at læse (grænsen er {limits.MaxSeconds} sekunder) og bliver ikke læst.";

    /// <summary>How many bytes the part unpacks to through its Flate filters, counted up to <paramref name="stopAt"/>.</summary>
    private static long Inflated(byte[] file, int offset, int length, int layers, long stopAt, byte[] buffer, Stopwatch clock, TimeSpan maxTime)
    {
        using var raw = new MemoryStream(file, offset, length, writable: false);
        Stream stream = raw;
        for (var i = 0; i < Math.Min(layers, 4); i++) stream = new ZLibStream(stream, CompressionMode.Decompress, leaveOpen: false);
        long total = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total >= stopAt || clock.Elapsed > maxTime) break;
            }
        }
        catch (InvalidDataException)
        {
            // A damaged part: what came out before the damage is what a reader would get; PdfPig says the rest.
        }
        finally
        {
            stream.Dispose();
        }
        return total;
    }

    private static int Count(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        int at;
        while ((at = haystack.IndexOf(needle)) >= 0)
        {
            count++;
            haystack = haystack[(at + needle.Length)..];
        }
        return count;
    }

    private static int NumberAfter(ReadOnlySpan<byte> dict, ReadOnlySpan<byte> key)
    {
        var at = dict.IndexOf(key);
        if (at < 0) return 0;
        var rest = dict[(at + key.Length)..];
        var n = 0;
        var i = 0;
        while (i < rest.Length && rest[i] == ' ') i++;
        while (i < rest.Length && rest[i] is >= (byte)'0' and <= (byte)'9' && n < 10_000_000) n = n * 10 + (rest[i++] - '0');
        return n;
    }
}
