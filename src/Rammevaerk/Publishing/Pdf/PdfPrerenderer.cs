using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Publishing.Pdf;

/// <summary>
/// Makes the public PDFs (with and without attachments) of each newly published version in the background, so that the
/// first reader gets them at cached speed; where the nodes do not print, also the members' and draft PDFs their readers
/// ask for (<see cref="PdfService.MadeOrAskedAsync"/>). Runs only on an instance that prints. Work is a durable row (<see cref="PdfRenderJob"/>) written in the
/// publication's transaction: it survives a restart, and any instance may take it. A worker claims a job with one
/// conditional update (not done, claim free or run out → claimed for <see cref="Lease"/>), so two instances never make
/// the same job at once; a failed job is tried again with backoff up to <see cref="MaxAttempts"/> times. The publishing
/// instance is woken at once (<see cref="PdfRenderSignal"/>); others find jobs when they poll. The claim is per row, like the
/// outbox's and the import's, rather than a named lease (<see cref="Hosting.Leases"/>), so two nodes can render two
/// meetings at once.
/// </summary>
public sealed class PdfPrerenderer(
    IServiceScopeFactory scopes, IOptions<PdfOptions> options, IHostEnvironment env, PublicPdfMap map, Hosting.NodeIdentity node,
    PdfRenderSignal signal, TimeProvider clock, ILogger<PdfPrerenderer> log) : BackgroundService
{
    /// <summary>
    /// How long a claim lasts; renewed every third of it while the job runs, so a worker that dies mid-print (killed,
    /// its machine gone) leaves its job to the next within a minute, and a long print keeps its claim.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    public const int MaxAttempts = 3;

    // The node's holder name, as on the other claims and leases (Hosting/OnceAcrossNodes.cs).
    private readonly string worker = node.Holder;

    /// <summary>Whether this instance takes jobs: only one that prints (<see cref="PdfOptions.PrintOnThisNode"/>).</summary>
    public bool Enabled => options.Value.PrintOnThisNode && (options.Value.RenderAtPublication ?? !env.IsEnvironment("Testing"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunDueAsync(stoppingToken) > 0) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The background PDF worker failed; it tries again later");
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, options.Value.RenderPollSeconds)), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and makes the jobs that are due now (a batch); returns how many it made or set aside.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.PdfRenderJobs.AsNoTracking()
            .Where(j => j.DoneAt == null && j.Attempts < MaxAttempts && (j.ClaimedUntil == null || j.ClaimedUntil < now))
            .OrderBy(j => j.Id).Take(10).ToListAsync(ct);
        var handled = 0;
        foreach (var job in due)
        {
            // From the moment of this claim, not of the batch: earlier jobs of the batch may have taken minutes.
            var claimAt = clock.GetUtcNow().UtcDateTime;
            var until = claimAt + Lease;
            var claimed = await db.PdfRenderJobs
                .Where(j => j.Id == job.Id && j.DoneAt == null && (j.ClaimedUntil == null || j.ClaimedUntil < claimAt))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedUntil, until).SetProperty(j => j.ClaimedBy, worker)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
            if (claimed != 1) continue;
            handled++;
            try
            {
                await using (var renewal = new Hosting.Renewal(async c =>
                {
                    using var renewScope = scopes.CreateScope();
                    var renewDb = renewScope.ServiceProvider.GetRequiredService<AppDb>();
                    var longer = clock.GetUtcNow().UtcDateTime + Lease;
                    return await renewDb.PdfRenderJobs.Where(j => j.Id == job.Id && j.ClaimedBy == worker && j.DoneAt == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(j => j.ClaimedUntil, longer), c) > 0;
                }, Lease / 3, CancellationToken.None, log))
                {
                    await RenderAsync(scope.ServiceProvider, db, job, ct);
                }
                var done = clock.GetUtcNow().UtcDateTime;
                await db.PdfRenderJobs.Where(j => j.Id == job.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.DoneAt, done).SetProperty(j => j.LastError, (string?)null), CancellationToken.None);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // This instance is stopping (an upgrade, say): the job goes back as it was, free for the next at once,
                // and the interrupted attempt does not count.
                var released = clock.GetUtcNow().UtcDateTime;
                await db.PdfRenderJobs.Where(j => j.Id == job.Id && j.ClaimedBy == worker && j.DoneAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedUntil, released).SetProperty(j => j.Attempts, j => j.Attempts - 1), CancellationToken.None);
                throw;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "The {Audience} PDFs of meeting {Meeting} version {Version} could not be made in the background", job.Audience, job.MeetingId, job.Version);
                var error = $"{e.GetType().Name}: {e.Message}";
                var retry = clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(Math.Pow(4, job.Attempts));
                await db.PdfRenderJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.LastError, error.Length > 2000 ? error[..2000] : error)
                    .SetProperty(j => j.ClaimedUntil, retry), CancellationToken.None);
            }
        }
        return handled;
    }

    private async Task RenderAsync(IServiceProvider services, AppDb db, PdfRenderJob job, CancellationToken ct)
    {
        if (job.Audience != PdfAudience.Public)
        {
            // A member's or the secretariat's PDF asked for on a node that does not print: made for that copy only.
            if (await services.GetRequiredService<PdfService>().MakeAskedAsync(job, ct))
                log.LogInformation("The {Audience} PDF of meeting {Meeting} was made for a reader who asked", job.Audience, job.MeetingId);
            return;
        }
        var current = await PublicCopyOfAsync(db, job.MeetingId, ct);
        // A newer version has its own job; a withdrawn meeting has no public PDF.
        if (current is null || current.State == MeetingState.Draft || current.Version != job.Version) return;
        var pdfs = services.GetRequiredService<PdfService>();
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var made = new List<(PdfVariant Variant, ServedPdf Pdf)>();
        foreach (var variant in new[] { PdfVariant.WithoutAttachments, PdfVariant.WithAttachments })
        {
            if (await pdfs.GetAsync(job.MeetingId, variant, anonymous, ct) is { } pdf) made.Add((variant, pdf));
        }
        // The PDFs are made from one public copy (version and stamp), not from "now": the echo of the publication
        // itself, or any unrelated public change, may move the generation while they are printed, and a move empties
        // the map. So both go into the map together, after printing: the generation is read then, and they go in only
        // if the public copy is still the one they were made from (a change after this read moves the generation
        // again, and the map refuses them). Remembering the first before printing the second let the echo of the
        // publication, heard while the second was printed, take the first out again.
        var generation = await map.GenerationAsync(ct);
        if (await PublicCopyOfAsync(db, job.MeetingId, ct) != current) return;
        foreach (var (variant, pdf) in made) await PdfModule.RememberPublicAsync(map, job.MeetingId, variant, pdf, generation, ct);
        log.LogInformation("The public PDFs of meeting {Meeting} version {Version} were made in the background", job.MeetingId, job.Version);
    }

    private sealed record PublicState(MeetingState State, int? Version, Guid? Stamp);

    private static Task<PublicState?> PublicCopyOfAsync(AppDb db, int meetingId, CancellationToken ct) =>
        db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new PublicState(m.State, m.Public != null ? m.Public.Version : null, m.Public != null ? m.Public.Stamp : null))
            .SingleOrDefaultAsync(ct);
}

/// <summary>
/// Wakes this node's <see cref="PdfPrerenderer"/> when a publication was just committed. Kept apart from the worker so
/// that the pages that publish depend on nothing that touches the public caches (they change them only through the
/// public-change rule, Hosting/PublicChanges.cs).
/// </summary>
public sealed class PdfRenderSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Signal()
    {
        if (wake.CurrentCount == 0)
        {
            try { wake.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => wake.WaitAsync(timeout, ct);

    public void Dispose() => wake.Dispose();
}
