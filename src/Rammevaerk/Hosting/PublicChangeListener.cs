using Microsoft.Data.Sqlite;
using Npgsql;
using Rammevaerk.Data;

namespace Rammevaerk.Hosting;

/// <summary>
/// Hears about changes to public data made by other nodes and by the command line, and moves
/// <see cref="PublicContent"/> on. PostgreSQL: one dedicated connection <c>LISTEN</c>s on
/// <see cref="PublicChangeInterceptor.Channel"/>; while it is down the caches are bypassed, and when it is back they are
/// emptied (what was missed meanwhile is unknown). SQLite: the <see cref="PublicChange"/> counter is read every
/// <c>PublicChanges:PollMilliseconds</c> (default 250), which costs a few microseconds in-process.
/// </summary>
public sealed class PublicChangeListener(PublicContent content, IConfiguration config, ILogger<PublicChangeListener> log) : BackgroundService
{
    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        // The first requests should find the caches already in use: wait (briefly) for the first connection.
        await Task.WhenAny(firstAttempt.Task, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (provider, cs) = DatabaseSetup.Resolve(config);
        return provider == DatabaseProvider.Postgres ? ListenAsync(cs, stoppingToken) : PollAsync(cs, stoppingToken);
    }

    private async Task ListenAsync(string connectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Its own connection for as long as the node runs; keepalives notice a vanished server.
            Pooling = false, KeepAlive = 10, Timeout = 5, ApplicationName = "rammevaerk-listener",
        };
        var delay = TimeSpan.FromMilliseconds(250);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, _) => _ = content.ChangedAsync(CancellationToken.None);
                await connection.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {PublicChangeInterceptor.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                await content.TrustAgainAsync(ct);
                firstAttempt.TrySetResult();
                delay = TimeSpan.FromMilliseconds(250);
                while (!ct.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Ping, ct))
                    {
                        // Nothing heard for a while: make sure the connection is still alive.
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(ct);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                content.Distrust($"not listening for changes on PostgreSQL ({e.GetType().Name}: {e.Message})");
                firstAttempt.TrySetResult();
                try
                {
                    await Task.Delay(delay, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task PollAsync(string connectionString, CancellationToken ct)
    {
        var every = TimeSpan.FromMilliseconds(Math.Clamp(config.GetValue("PublicChanges:PollMilliseconds", 250), 50, 10_000));
        long? seen = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = """SELECT "Version" FROM "PublicChanges" WHERE "Id" = 1""";
                var version = Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L);
                if (!content.Trusted) await content.TrustAgainAsync(ct);
                else if (seen is not null && seen != version) await content.ChangedAsync(ct);
                seen = version;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                content.Distrust($"cannot read the change counter ({e.Message})");
                log.LogDebug(e, "Reading the public change counter failed.");
            }
            firstAttempt.TrySetResult();
            try
            {
                await Task.Delay(every, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
