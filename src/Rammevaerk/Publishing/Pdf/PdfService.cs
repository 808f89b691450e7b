using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Publishing.Pdf;

/// <summary>A PDF ready to serve: its file, or (when it was made for a version that changed meanwhile) its bytes.</summary>
/// <param name="Members">True for the members' variant (closed items' content): never shared or publicly cached.</param>
public sealed record ServedPdf(PdfFile? File, byte[]? Bytes, string ETag, string FileTitle, bool Members, bool IsDraft, string? Warnings);

/// <summary>
/// The PDFs of a meeting, generated once per version: cached in <see cref="RenderedPdf"/> under meeting id, version,
/// concurrency stamp, variant and audience (public or members). Storing a new one deletes that meeting's rows of
/// earlier versions. Concurrent first requests for the same key render once (one lock per key). Each stored PDF is
/// also a file named by its SHA-256 (<see cref="PdfFileStore"/>), written again from the table when missing and
/// deleted with its version's row.
/// </summary>
public sealed class PdfService(AppDb db, MeetingAccess access, MinutesPdfBuilder builder, PdfKeyLocks locks, PdfMetrics metrics, PdfFileStore files, PublicPdfMap publicPdfs, TimeProvider clock, ILogger<PdfService> log)
{
    private sealed record MeetingKey(int Id, int BodyId, int Version, Guid Stamp, MeetingState State, string BodyName, DateTime StartsAt)
    {
        public string FileTitle => PdfService.FileTitle(State, BodyName, StartsAt);
    }

    /// <summary>The PDF for this reader, or null when the meeting does not exist for them (drafts are the secretariat's).</summary>
    public async Task<ServedPdf?> GetAsync(int meetingId, PdfVariant variant, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var meeting = await FindAsync(meetingId, user, ct);
        if (meeting is null) return null;
        var members = await access.MayReadClosedAsync(user, meeting.BodyId, ct);
        return await GetAsync(meeting, variant, members, ct);
    }

    private async Task<ServedPdf?> GetAsync(MeetingKey meeting, PdfVariant variant, bool members, CancellationToken ct)
    {
        var key = CacheKey(meeting, variant, members);

        var cached = await ReadAsync(key, meeting, members, ct);
        if (cached is not null) return cached;

        using (await locks.AcquireAsync(key, ct))
        {
            cached = await ReadAsync(key, meeting, members, ct);
            if (cached is not null) return cached;
            // Once started, the PDF is finished and stored even if this reader gives up: others wait for it.
            return await RenderAndStoreAsync(meeting, variant, members, key, CancellationToken.None);
        }
    }

    /// <summary>A job no instance has taken after this long means no PDF worker runs: readers and the log are told.</summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(2);

    // When this node last warned that no instance takes PDF jobs: at most once a minute, however many readers ask.
    private static long lastStalledWarning = long.MinValue / 2;

    private void WarnStalled(int jobId, int meetingId, TimeSpan waited)
    {
        var ticks = Environment.TickCount64;
        var last = Interlocked.Read(ref lastStalledWarning);
        if (ticks - last < 60_000 || Interlocked.CompareExchange(ref lastStalledWarning, ticks, last) != last) return;
        log.LogWarning("PDF job {Job} of meeting {Id} has waited {Minutes:F0} minutes and no instance has taken it: is the PDF worker (rammevaerk@pdf, Pdf__PrintOnThisNode=true) running?",
            jobId, meetingId, waited.TotalMinutes);
    }

    /// <summary>
    /// For a node that does not print (<see cref="PdfOptions.PrintOnThisNode"/> false): the PDF this reader may have if it
    /// is made; else a job asks a node that prints for it (one job per copy, variant and audience, written unless one is
    /// waiting), and the answer says whether it is being made or could not be made. Null when the meeting does not exist
    /// for this reader. The job names the copy it was asked for: made later, for a newer copy, it would not be this one.
    /// </summary>
    public async Task<AskedPdf?> MadeOrAskedAsync(int meetingId, PdfVariant variant, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var meeting = await FindAsync(meetingId, user, ct);
        if (meeting is null) return null;
        var members = await access.MayReadClosedAsync(user, meeting.BodyId, ct);
        if (await ReadAsync(CacheKey(meeting, variant, members), meeting, members, ct) is { } made) return new AskedPdf(made, null);

        var audience = meeting.State == MeetingState.Draft ? PdfAudience.Draft : members ? PdfAudience.Members : PdfAudience.Public;
        // The public job makes both variants of the public copy; the others the one variant of the copy named.
        PdfVariant? only = audience == PdfAudience.Public ? null : variant;
        Guid? stamp = audience == PdfAudience.Public ? null : meeting.Stamp;
        var jobs = db.PdfRenderJobs.AsNoTracking().Where(j => j.MeetingId == meetingId && j.Version == meeting.Version && j.Audience == audience);
        if (audience != PdfAudience.Public) jobs = jobs.Where(j => j.Variant == only && j.Stamp == stamp);
        var last = await jobs.OrderByDescending(j => j.Id).Select(j => new { j.Id, j.DoneAt, j.Attempts, j.LastError, j.ClaimedUntil, j.CreatedAt }).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (last is { DoneAt: null })
        {
            // A claim that ends within one lease is a worker at it now (renewed while it runs); after a failure the
            // claim is moved to the retry, minutes later. So the last attempt still running is not yet a failure.
            var until = last.ClaimedUntil;
            var running = until > now && until <= now + PdfPrerenderer.Lease;
            if (last.Attempts >= PdfPrerenderer.MaxAttempts && !running) return new AskedPdf(null, new PdfAsk(Failed: true, Stalled: false, last.LastError));
            if (until > now + PdfPrerenderer.Lease) return new AskedPdf(null, new PdfAsk(Failed: false, Stalled: false, last.LastError, RetryAt: until));
            // Free to take since it was written, or since the claim of a worker that stopped renewing it ran out.
            var freeSince = until ?? last.CreatedAt;
            if (!running && now - freeSince > StalledAfter)
            {
                WarnStalled(last.Id, meetingId, now - freeSince);
                return new AskedPdf(null, new PdfAsk(Failed: false, Stalled: true, null));
            }
            return new AskedPdf(null, new PdfAsk(Failed: false, Stalled: false, null));
        }
        // None yet, or one that ended without storing this PDF (the copy moved meanwhile, or the file was lost).
        db.PdfRenderJobs.Add(new PdfRenderJob
        {
            MeetingId = meetingId, Version = meeting.Version, Audience = audience, Variant = only, Stamp = stamp,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        log.LogInformation("PDF of meeting {Id} ({Audience}, {Variant}) asked of the PDF worker", meetingId, audience, variant);
        return new AskedPdf(null, new PdfAsk(Failed: false, Stalled: false, null));
    }

    /// <summary>
    /// Makes the members' or draft PDF a job asked for (on a node that prints), if the copy it names is still the
    /// current one; false when it moved on (the next request asks again) or the meeting is gone.
    /// </summary>
    public async Task<bool> MakeAskedAsync(PdfRenderJob job, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == job.MeetingId && (m.State == MeetingState.Draft || m.Public != null))
            .Select(m => new MeetingKey(m.Id, m.BodyId,
                m.State == MeetingState.Draft ? 0 : m.Public!.Version,
                m.State == MeetingState.Draft ? m.ConcurrencyStamp : m.Public!.Stamp,
                m.State, m.Body.Name, m.StartsAt))
            .SingleOrDefaultAsync(ct);
        if (meeting is null || (meeting.State == MeetingState.Draft) != (job.Audience == PdfAudience.Draft)
            || meeting.Version != job.Version || meeting.Stamp != job.Stamp) return false;
        // Both audiences read closed items' content (the secretariat previews drafts with it).
        return await GetAsync(meeting, job.Variant ?? PdfVariant.WithoutAttachments, members: true, ct) is not null;
    }

    /// <summary>
    /// True when the public PDF with attachments of this published meeting is not made yet, so a public request must not
    /// make it: a background job is then queued (unless one exists for the version) for <see cref="PdfPrerenderer"/>.
    /// False when it is made, for drafts (the secretariat's preview) and for members, whose variant with closed items
    /// is made on their (signed-in) request.
    /// </summary>
    public async Task<bool> PreparingWithAttachmentsAsync(int meetingId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var meeting = await FindAsync(meetingId, user, ct);
        if (meeting is null || meeting.State == MeetingState.Draft) return false;
        if (await access.MayReadClosedAsync(user, meeting.BodyId, ct)) return false;
        var key = CacheKey(meeting, PdfVariant.WithAttachments, members: false);
        if (files.Known(key) is not null || await db.RenderedPdfs.AnyAsync(r => r.CacheKey == key, ct)) return false;
        // One job per version at most: a job that failed for good is not repeated by readers asking again.
        if (!await db.PdfRenderJobs.AnyAsync(j => j.MeetingId == meetingId && j.Version == meeting.Version && j.Audience == PdfAudience.Public, ct))
        {
            db.PdfRenderJobs.Add(new PdfRenderJob { MeetingId = meetingId, Version = meeting.Version, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    /// <summary>The final HTML that was printed, for the secretariat (inspection and the benchmark's floor).</summary>
    public async Task<string?> GetHtmlAsync(int meetingId, PdfVariant variant, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var meeting = await FindAsync(meetingId, user, ct);
        if (meeting is null) return null;
        var members = await access.MayReadClosedAsync(user, meeting.BodyId, ct);
        var view = await LoadViewAsync(meeting, members, ct);
        if (view is null) return null;
        var built = await builder.BuildAsync(view, variant, await LoadAttachmentsAsync(view, variant, ct), ct);
        return built.Html;
    }

    /// <summary>Warnings stored with the current version's PDFs of a meeting, one per line, without repeats.</summary>
    public static async Task<IReadOnlyList<string>> CurrentWarningsAsync(AppDb db, int meetingId, int version, Guid stamp, CancellationToken ct = default)
    {
        var prefix = KeyPrefix(meetingId, version, stamp);
        var rows = await db.RenderedPdfs.AsNoTracking()
            .Where(r => r.MeetingId == meetingId && r.Warnings != null && r.CacheKey.StartsWith(prefix))
            .Select(r => r.Warnings!)
            .ToListAsync(ct);
        return rows.SelectMany(w => w.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
    }

    public static string KeyPrefix(int meetingId, int version, Guid stamp) => $"{meetingId}/v{version}/{stamp:N}/";

    private static string CacheKey(MeetingKey m, PdfVariant variant, bool members) =>
        KeyPrefix(m.Id, m.Version, m.Stamp) + (variant == PdfVariant.WithAttachments ? "med-bilag" : "uden-bilag") + "/" +
        (members ? "medlemmer" : "offentlig");

    /// <summary>
    /// A published meeting's PDF is made from its public copy, so its key is the public copy's version and stamp (edits
    /// to the working copy do not touch it); a draft's, for the secretariat's preview, from the working copy.
    /// </summary>
    private Task<MeetingKey?> FindAsync(int meetingId, ClaimsPrincipal user, CancellationToken ct) =>
        MeetingAccess.VisibleTo(db.Meetings.AsNoTracking(), user)
            .Where(m => m.Id == meetingId && (m.State == MeetingState.Draft || m.Public != null))
            .Select(m => new MeetingKey(m.Id, m.BodyId,
                m.State == MeetingState.Draft ? 0 : m.Public!.Version,
                m.State == MeetingState.Draft ? m.ConcurrencyStamp : m.Public!.Stamp,
                m.State, m.Body.Name, m.StartsAt))
            .SingleOrDefaultAsync(ct);

    private async Task<ServedPdf?> ReadAsync(string key, MeetingKey meeting, bool members, CancellationToken ct)
    {
        // The key names the version, so a file once written for it stays right; the row is read only to (re)write it.
        var file = files.Known(key);
        if (file is null)
        {
            var row = await db.RenderedPdfs.AsNoTracking()
                .Where(r => r.CacheKey == key)
                .Select(r => new { r.Bytes, r.CreatedAt })
                .SingleOrDefaultAsync(ct);
            if (row is null) return null;
            file = await files.EnsureAsync(key, row.Bytes, row.CreatedAt, ct);
        }
        return new ServedPdf(file, null, file.ETag, meeting.FileTitle, members, meeting.State == MeetingState.Draft, null);
    }

    internal static string FileTitle(MeetingState state, string bodyName, DateTime startsAt) =>
        $"{(state == MeetingState.MinutesPublished ? "Referat" : "Dagsorden")} {bodyName} " +
        Shared.Danish.ToLocal(startsAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<MeetingView?> LoadViewAsync(MeetingKey meeting, bool members, CancellationToken ct) =>
        (meeting.State == MeetingState.Draft
            ? await MeetingView.LoadAsync(db, meeting.Id, ct)
            : await Meetings.Publication.PublicCopy.LoadAsync(db, meeting.Id, ct))?.ForReader(members);

    private async Task<List<AttachmentFile>> LoadAttachmentsAsync(MeetingView view, PdfVariant variant, CancellationToken ct)
    {
        var listed = view.Items.SelectMany(i => i.Attachments.Select(a => (i.Number, a))).ToList();
        if (variant != PdfVariant.WithAttachments || listed.Count == 0) return [];
        var ids = listed.Where(x => !x.a.IsMissing).Select(x => x.a.Id).ToList();
        var bytes = await db.AttachmentContents.AsNoTracking()
            .Where(c => ids.Contains(c.AttachmentId))
            .ToDictionaryAsync(c => c.AttachmentId, c => c.Bytes, ct);
        return listed.Select(x => new AttachmentFile(x.Number, x.a, bytes.GetValueOrDefault(x.a.Id))).ToList();
    }

    private async Task<ServedPdf?> RenderAndStoreAsync(MeetingKey meeting, PdfVariant variant, bool members, string key, CancellationToken ct)
    {
        var view = await LoadViewAsync(meeting, members, ct);
        if (view is null) return null;

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var built = await builder.BuildAsync(view, variant, await LoadAttachmentsAsync(view, variant, ct), ct);
        metrics.Built(built.Prints);
        log.LogInformation("PDF {Key} built in {Ms:F0} ms ({Prints} prints, {Bytes} bytes)", key,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, built.Prints, built.Bytes.Length);
        var warnings = built.Warnings.Count == 0 ? null : string.Join("\n", built.Warnings);
        foreach (var w in built.Warnings) log.LogWarning("PDF of meeting {Id}: {Warning}", meeting.Id, w);

        var current = await db.Meetings.AsNoTracking().Where(m => m.Id == meeting.Id)
            .Select(m => new
            {
                Version = m.State == MeetingState.Draft ? 0 : m.Public != null ? m.Public.Version : -1,
                Stamp = m.State == MeetingState.Draft ? m.ConcurrencyStamp : m.Public != null ? m.Public.Stamp : Guid.Empty,
            }).SingleOrDefaultAsync(ct);
        if (current is not null && current.Version == meeting.Version && current.Stamp == meeting.Stamp)
        {
            var createdAt = clock.GetUtcNow().UtcDateTime;
            if (await StoreAsync(meeting, key, built.Bytes, createdAt, warnings, ct))
            {
                var file = await files.EnsureAsync(key, built.Bytes, createdAt, ct);
                return new ServedPdf(file, null, file.ETag, meeting.FileTitle, members, meeting.State == MeetingState.Draft, warnings);
            }
            // Another instance stored this key first: serve theirs, so every reader gets the same bytes.
            var theirs = await ReadAsync(key, meeting, members, ct);
            if (theirs is not null) return theirs;
        }
        // Made for a version that changed meanwhile: served once, not kept.
        return new ServedPdf(null, built.Bytes, "\"" + PdfFileStore.Hash(built.Bytes) + "\"", meeting.FileTitle, members, meeting.State == MeetingState.Draft, warnings);
    }

    /// <summary>Stores the PDF (false if another instance stored the same key first) and drops earlier versions' rows and files.</summary>
    private async Task<bool> StoreAsync(MeetingKey meeting, string key, byte[] bytes, DateTime createdAt, string? warnings, CancellationToken ct)
    {
        var stored = true;
        db.RenderedPdfs.Add(new RenderedPdf
        {
            MeetingId = meeting.Id, CacheKey = key, Bytes = bytes, Warnings = warnings, CreatedAt = createdAt,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another instance stored the same key first; theirs stays.
            log.LogInformation(e, "PDF {Key} was stored by someone else first", key);
            db.ChangeTracker.Clear();
            stored = false;
        }
        var prefix = KeyPrefix(meeting.Id, meeting.Version, meeting.Stamp);
        var old = await db.RenderedPdfs.AsNoTracking()
            .Where(r => r.MeetingId == meeting.Id && !r.CacheKey.StartsWith(prefix))
            .Select(r => new { r.CacheKey, r.Bytes })
            .ToListAsync(ct);
        if (old.Count > 0)
        {
            await db.RenderedPdfs.Where(r => r.MeetingId == meeting.Id && !r.CacheKey.StartsWith(prefix)).ExecuteDeleteAsync(ct);
            // Files are named by content: keep any that a remaining row of this meeting still has.
            var kept = (await db.RenderedPdfs.AsNoTracking().Where(r => r.MeetingId == meeting.Id).Select(r => r.Bytes).ToListAsync(ct))
                .Select(PdfFileStore.Hash).ToHashSet();
            kept.Add(PdfFileStore.Hash(bytes));
            files.Remove(old.Select(o => o.CacheKey), old.Select(o => PdfFileStore.Hash(o.Bytes)).Where(h => !kept.Contains(h)).Distinct());
            // Only an earlier version's files went: forget what the fast path may hold of them. Forgetting always would
            // also drop this version's other variant, just remembered by the background job, and send its first reader
            // through the database after all (bench/publication.sh).
            publicPdfs.Forget(meeting.Id, PdfVariant.WithoutAttachments);
            publicPdfs.Forget(meeting.Id, PdfVariant.WithAttachments);
        }
        return stored;
    }
}

/// <summary>A PDF asked for on a node that does not print: made (<paramref name="Pdf"/>), or asked of the worker.</summary>
public sealed record AskedPdf(ServedPdf? Pdf, PdfAsk? Ask);

/// <summary>
/// The job that makes an asked-for PDF: waiting or being made; <paramref name="Stalled"/> when no instance has taken it
/// for <see cref="PdfService.StalledAfter"/>; or failed for good (with its last error).
/// </summary>
/// <param name="RetryAt">When an attempt failed and the next one is due (UTC).</param>
public sealed record PdfAsk(bool Failed, bool Stalled, string? LastError, DateTime? RetryAt = null);

/// <summary>Counts of the work done, for the log and the tests.</summary>
public sealed class PdfMetrics
{
    private long builds, prints;

    /// <summary>PDFs built (each of one or more prints).</summary>
    public long Builds => Interlocked.Read(ref builds);

    /// <summary>Chromium prints.</summary>
    public long Prints => Interlocked.Read(ref prints);

    public void Built(int printCount)
    {
        Interlocked.Increment(ref builds);
        Interlocked.Add(ref prints, printCount);
    }
}

/// <summary>One lock per cache key, held while that PDF is rendered; removed when nobody waits for it.</summary>
public sealed class PdfKeyLocks
{
    private readonly Dictionary<string, Entry> entries = [];

    private sealed class Entry
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
    }

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(key, out entry!)) entries[key] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Release(key, entry, held: false);
            throw;
        }
        return new Holder(() => Release(key, entry, held: true));
    }

    /// <summary>Keys currently locked or waited for (for tests).</summary>
    public int Count
    {
        get { lock (entries) return entries.Count; }
    }

    private void Release(string key, Entry entry, bool held)
    {
        if (held) entry.Semaphore.Release();
        lock (entries)
        {
            if (--entry.Users == 0) entries.Remove(key);
        }
    }

    private sealed class Holder(Action release) : IDisposable
    {
        private Action? release = release;

        public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
    }
}
