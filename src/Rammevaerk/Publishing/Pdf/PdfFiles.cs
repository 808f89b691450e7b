using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Rammevaerk.Publishing.Pdf;

/// <summary>A rendered PDF as a file on disk, named by the SHA-256 of its bytes.</summary>
public sealed record PdfFile(string Path, string Sha256, long Length, DateTimeOffset LastModified)
{
    /// <summary>Strong: the bytes' SHA-256.</summary>
    public string ETag => "\"" + Sha256 + "\"";
}

/// <summary>
/// The rendered PDFs as content-addressed files (<c>{sha256}.pdf</c>) under <see cref="PdfOptions.FilesPath"/>, so
/// that a cached PDF is sent like a static file (the OS's file, range requests, strong ETag, 304). The
/// <see cref="RenderedPdf"/> table stays the source of truth: a missing file is written again from it.
/// </summary>
public sealed class PdfFileStore
{
    private readonly ConcurrentDictionary<string, PdfFile> byKey = new();

    public PdfFileStore(IOptions<PdfOptions> options, IConfiguration config, IHostEnvironment env)
    {
        Root = ResolveRoot(options.Value.FilesPath, config.GetConnectionString("Default"), env.ContentRootPath);
    }

    /// <summary>The folder the files live in (created on demand).</summary>
    public string Root { get; }

    /// <summary>
    /// <c>Pdf:FilesPath</c> if set; else <c>pdf</c> beside a SQLite database file; else <c>data/pdf</c> in the
    /// working folder, where the default SQLite database lives too.
    /// </summary>
    internal static string ResolveRoot(string? configured, string? connectionString, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return System.IO.Path.GetFullPath(configured, contentRoot);
        try
        {
            if (connectionString is not null && connectionString.Contains("Data Source", StringComparison.OrdinalIgnoreCase))
            {
                var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
                if (!string.IsNullOrEmpty(source) && source != ":memory:" && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                {
                    return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(source)) ?? ".", "pdf");
                }
            }
        }
        catch (ArgumentException)
        {
            // Not a SQLite connection string.
        }
        return System.IO.Path.GetFullPath(System.IO.Path.Combine("data", "pdf"));
    }

    public string PathFor(string sha256) => System.IO.Path.Combine(Root, sha256 + ".pdf");

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The file already known for a cache key, if it is still on disk.</summary>
    public PdfFile? Known(string cacheKey) =>
        byKey.TryGetValue(cacheKey, out var file) && File.Exists(file.Path) ? file : null;

    /// <summary>Writes the bytes to their file unless it exists (atomically: a temporary file, then a rename).</summary>
    public async Task<PdfFile> EnsureAsync(string cacheKey, byte[] bytes, DateTime createdUtc, CancellationToken ct = default)
    {
        var sha = Hash(bytes);
        var path = PathFor(sha);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Root);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, path, overwrite: true);
        }
        // HTTP dates have whole seconds: Last-Modified and If-Modified-Since compare as such.
        var created = DateTime.SpecifyKind(createdUtc, DateTimeKind.Utc);
        var file = new PdfFile(path, sha, bytes.LongLength, new DateTimeOffset(created.AddTicks(-(created.Ticks % TimeSpan.TicksPerSecond))));
        byKey[cacheKey] = file;
        return file;
    }

    /// <summary>Forgets these keys and deletes the files of these hashes (the caller checked nobody else uses them).</summary>
    public void Remove(IEnumerable<string> cacheKeys, IEnumerable<string> unusedHashes)
    {
        foreach (var key in cacheKeys) byKey.TryRemove(key, out _);
        foreach (var sha in unusedHashes)
        {
            try
            {
                File.Delete(PathFor(sha));
            }
            catch (IOException)
            {
                // Being sent right now (Windows) or already gone: the next clean-up or nobody needs it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

/// <summary>
/// What the public fast path needs to send a PDF without asking the database. <paramref name="Bytes"/>: the file's
/// content kept in memory when small (<see cref="PublicPdfMap.MaxBytesInMemory"/>); measured faster than sending the
/// file, which .NET reads through the thread pool in 64 KB pieces.
/// </summary>
public sealed record PublicPdf(PdfFile File, string ContentDisposition, byte[]? Bytes = null)
{
    public IResult Result() => Bytes is null
        ? PublicPdfMap.FileResult(File)
        : Results.Bytes(Bytes, "application/pdf", lastModified: File.LastModified,
            entityTag: new EntityTagHeaderValue(File.ETag), enableRangeProcessing: true);
}

/// <summary>
/// The current public PDF file of each meeting and variant, for anonymous readers: looked up in memory and sent
/// before routing, authentication or the database (<see cref="PdfModule.UsePdfFiles"/>). Only public variants of
/// published meetings are ever put here, and only by a request that checked the meeting in the database.
/// It follows the same truth as the public pages (<see cref="Hosting.PublicContent"/>): when public data changes on any
/// node the generation moves and the map is emptied, and while this node cannot hear about changes it is not used. The
/// generation also keeps a PDF looked up before a change from being put back after it.
/// </summary>
public sealed class PublicPdfMap(Hosting.PublicContent content)
{
    private readonly ConcurrentDictionary<(int MeetingId, PdfVariant Variant), PublicPdf> map = new();
    private readonly Lock gate = new();
    private long generation;

    /// <summary>Public PDFs up to this size are also kept in memory for the fast path.</summary>
    public const long MaxBytesInMemory = 4 * 1024 * 1024;

    public int Count => map.Count;

    /// <summary>The current generation; clears the map first if public data changed since the last call.</summary>
    public ValueTask<long> GenerationAsync(CancellationToken ct = default)
    {
        var current = content.Generation;
        lock (gate)
        {
            if (generation != current)
            {
                map.Clear();
                generation = current;
            }
        }
        return ValueTask.FromResult(current);
    }

    public async ValueTask<PublicPdf?> TryGetAsync(int meetingId, PdfVariant variant, CancellationToken ct = default)
    {
        if (map.IsEmpty || !content.Trusted) return null;
        await GenerationAsync(ct);
        return map.TryGetValue((meetingId, variant), out var pdf) ? pdf : null;
    }

    /// <summary>Remembers a public PDF unless the pages were evicted since <paramref name="seenGeneration"/>.</summary>
    public void Add(int meetingId, PdfVariant variant, PublicPdf pdf, long seenGeneration)
    {
        lock (gate)
        {
            if (generation == seenGeneration && content.Generation == seenGeneration && content.Trusted) map[(meetingId, variant)] = pdf;
        }
    }

    public void Forget(int meetingId, PdfVariant variant) => map.TryRemove((meetingId, variant), out _);

    public static IResult FileResult(PdfFile file) =>
        Results.File(file.Path, "application/pdf", lastModified: file.LastModified,
            entityTag: new EntityTagHeaderValue(file.ETag), enableRangeProcessing: true);
}
