using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Hosting;

/// <summary>Who this process is, on its claims and leases: the node's name plus something unique to this start.</summary>
public sealed class NodeIdentity(IOptions<SiteOptions> site)
{
    /// <summary>e.g. "node-a/4711-9f2c": a restarted node never mistakes its predecessor's claims for its own.</summary>
    public string Holder { get; } = $"{site.Value.Node}/{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..4]}";

    public string Node => site.Value.Node;
}

/// <summary>A named lease, and the last day a daily job finished (one row per job).</summary>
[NotPublicData("Bookkeeping of background work.")]
public sealed class JobLease
{
    public required string Name { get; set; }
    public string? Holder { get; set; }
    /// <summary>The holder's lease ends then; after a failure, the job is not tried again before then.</summary>
    public DateTime? LeasedUntil { get; set; }
    /// <summary>The Danish day the daily job last completed for.</summary>
    public DateOnly? LastDoneFor { get; set; }
    public DateTime? LastDoneAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// Keeps a claim alive while work runs: calls <c>renew</c> every <c>every</c> until disposed. When a renewal fails
/// (another node took over, or the database is gone) <see cref="Lost"/> is cancelled, so the work stops instead of
/// running twice.
/// </summary>
public sealed class Renewal : IAsyncDisposable
{
    private readonly CancellationTokenSource lost;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public Renewal(Func<CancellationToken, Task<bool>> renew, TimeSpan every, CancellationToken outer, ILogger log)
    {
        lost = CancellationTokenSource.CreateLinkedTokenSource(outer);
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, stop.Token);
                    if (!await renew(stop.Token))
                    {
                        log.LogWarning("A claim could not be renewed; the work holding it stops.");
                        await lost.CancelAsync();
                        return;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    log.LogWarning(e, "Renewing a claim failed; the work holding it stops.");
                    await lost.CancelAsync();
                    return;
                }
            }
        });
    }

    /// <summary>Cancelled when the claim is lost (or the outer token is).</summary>
    public CancellationToken Lost => lost.Token;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        lost.Dispose();
    }
}

/// <summary>
/// Named leases in the database (<see cref="JobLease"/>), for work that must run on one node at a time: the first to
/// take a free or expired lease holds it for <c>duration</c> and renews it while working; a node that dies simply
/// stops renewing and another takes over when the lease runs out. The same on PostgreSQL and SQLite.
/// </summary>
public sealed class Leases(IServiceScopeFactory scopes, NodeIdentity node, TimeProvider clock)
{
    /// <summary>Takes the lease when it is free, expired or already ours, and, for a daily job, not yet done for <paramref name="day"/>.</summary>
    public async Task<bool> TryTakeAsync(string name, TimeSpan duration, DateOnly? day = null, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await EnsureRowAsync(db, name, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var holder = node.Holder;
        var rows = db.Set<JobLease>().Where(l => l.Name == name && (l.LeasedUntil == null || l.LeasedUntil < now || l.Holder == holder));
        if (day is { } d) rows = rows.Where(l => l.LastDoneFor == null || l.LastDoneFor < d);
        return await rows.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.LeasedUntil, until), ct) == 1;
    }

    /// <summary>Extends our lease; false when it is no longer ours.</summary>
    public async Task<bool> RenewAsync(string name, TimeSpan duration, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var until = clock.GetUtcNow().UtcDateTime + duration;
        var holder = node.Holder;
        return await db.Set<JobLease>().Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeasedUntil, until), ct) == 1;
    }

    /// <summary>Gives the lease up; <paramref name="notBefore"/> keeps everyone from taking it again until then (a retry delay).</summary>
    public async Task ReleaseAsync(string name, DateTime? notBefore = null, string? error = null, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var holder = node.Holder;
        await db.Set<JobLease>().Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.LeasedUntil, notBefore)
                .SetProperty(l => l.LastError, error == null ? null : error.Length > 2000 ? error.Substring(0, 2000) : error), ct);
    }

    /// <summary>Records that the daily job is done for <paramref name="day"/> and gives the lease up.</summary>
    public async Task<bool> CompleteAsync(string name, DateOnly day, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var holder = node.Holder;
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<JobLease>().Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.LeasedUntil, (DateTime?)null)
                .SetProperty(l => l.LastDoneFor, day).SetProperty(l => l.LastDoneAt, now).SetProperty(l => l.LastError, (string?)null), ct) == 1;
    }

    private static async Task EnsureRowAsync(AppDb db, string name, CancellationToken ct)
    {
        if (await db.Set<JobLease>().AnyAsync(l => l.Name == name, ct)) return;
        db.Set<JobLease>().Add(new JobLease { Name = name });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node made it at the same moment.
        }
        db.ChangeTracker.Clear();
    }
}

/// <summary>Work done once a day (Danish days) by exactly one node: see <see cref="DailyJobs"/>.</summary>
public interface IDailyJob
{
    /// <summary>Unique and stable: the lease row's name.</summary>
    string Name { get; }

    /// <summary>Does the day's work. Should be idempotent: after a crash mid-run another node runs it again.</summary>
    Task RunAsync(DateOnly day, CancellationToken ct);
}

/// <summary>
/// Runs every registered <see cref="IDailyJob"/> once per Danish day, on one node: each node looks every
/// <c>Jobs:CheckSeconds</c> (60) and the first to take the job's lease for a day not yet done runs it, renewing the lease
/// (2 minutes, renewed every 30 s) while it works. Done is recorded for the day, so no other node runs it again; a node
/// that dies mid-run stops renewing, and another runs the job when the lease has run out; a job that fails is tried
/// again after <c>Jobs:RetryMinutes</c> (5). Never twice a day, never skipped because a node died.
/// </summary>
public sealed class DailyJobs(IEnumerable<IDailyJob> jobs, Leases leases, TimeProvider clock, IConfiguration config, ILogger<DailyJobs> log) : BackgroundService
{
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Jobs:CheckSeconds", 60), 1, 3600));
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunDueAsync(stoppingToken);
            try
            {
                await Task.Delay(every, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs each job whose day has not been done, if this node gets its lease. Returns the names of those run.</summary>
    public async Task<List<string>> RunDueAsync(CancellationToken ct)
    {
        var ran = new List<string>();
        var today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        foreach (var job in jobs)
        {
            if (ct.IsCancellationRequested) break;
            try
            {
                if (!await leases.TryTakeAsync(job.Name, LeaseTime, today, ct)) continue;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Could not look at daily job {Job}; trying again later.", job.Name);
                continue;
            }
            try
            {
                await using (var renewal = new Renewal(c => leases.RenewAsync(job.Name, LeaseTime, c), RenewEvery, ct, log))
                {
                    await job.RunAsync(today, renewal.Lost);
                }
                await leases.CompleteAsync(job.Name, today, CancellationToken.None);
                ran.Add(job.Name);
                log.LogInformation("Daily job {Job} done for {Day}.", job.Name, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping: give the lease back so another node can run the job at once.
                await TryReleaseAsync(job.Name, null, null);
                throw;
            }
            catch (Exception e)
            {
                var retry = clock.GetUtcNow().UtcDateTime.AddMinutes(Math.Clamp(config.GetValue("Jobs:RetryMinutes", 5), 1, 1440));
                log.LogError(e, "Daily job {Job} failed for {Day}; it is tried again from {Retry:u}.", job.Name, today, retry);
                await TryReleaseAsync(job.Name, retry, $"{e.GetType().Name}: {e.Message}");
            }
        }
        return ran;
    }

    private async Task TryReleaseAsync(string name, DateTime? notBefore, string? error)
    {
        try
        {
            await leases.ReleaseAsync(name, notBefore, error, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not give up the lease of {Job}; it expires by itself.", name);
        }
    }
}
