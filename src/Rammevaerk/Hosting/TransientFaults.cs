using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Rammevaerk.Hosting;

/// <summary>
/// Npgsql's retrying execution strategy, for every query and every SaveChanges that is not inside a transaction the
/// code began itself. Inside such a transaction (a user action: <c>BeginTransactionAsync</c> … <c>CommitAsync</c>) a
/// single statement cannot be retried on its own (the transaction it belonged to is gone), and EF Core would refuse to
/// run at all there; so this strategy runs it once, and the whole action is retried instead, from the start and in a
/// fresh scope, by <see cref="RetryTransientFailures"/>. A user action stays one transaction either way.
/// </summary>
public sealed class ActionAwareRetryingStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, null)
{
    public const int MaxRetries = 6;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(3);

    /// <summary>Set per execution: a statement inside the code's own transaction is run once, never retried alone.</summary>
    private bool insideUserTransaction;

    protected override void OnFirstExecution()
    {
        insideUserTransaction = Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
        if (!insideUserTransaction) base.OnFirstExecution();
        else ExceptionsEncountered.Clear();
    }

    protected override bool ShouldRetryOn(Exception? exception) => !insideUserTransaction && base.ShouldRetryOn(exception);
}

/// <summary>What counts as a fault that goes away by itself: a lost or refused connection, a server restarting, a deadlock.</summary>
public static class TransientFault
{
    public static bool Is(Exception? e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case RetryLimitExceededException:
                    return false;
                case PostgresException pg when pg.SqlState is "40001" or "40P01" or "57P01" or "57P02" or "57P03" or "53300" || pg.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case NpgsqlException { IsTransient: true }:
                    return true;
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
                case SocketException or TimeoutException:
                    return true;
            }
        }
        return false;
    }
}

/// <summary>
/// Retries a whole request when a transient database fault escapes it before anything was sent: the handler runs
/// again from the start with a fresh scope (a fresh <see cref="Data.AppDb"/>, no half-made changes), so an action that
/// is one transaction stays one transaction and is committed at most once. Delays 0.2, 0.5, 1, 2 and 4 s cover a
/// database restart; after that the reader gets the Danish 503 page instead of an error.
/// </summary>
public sealed class RetryTransientFailures(RequestDelegate next, IServiceScopeFactory scopes, ILogger<RetryTransientFailures> log)
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    public async Task InvokeAsync(HttpContext http)
    {
        // The body may be read again; forms are kept by the form feature after the first read.
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0) http.Request.EnableBuffering();
        var original = http.RequestServices;
        for (var attempt = 0; ; attempt++)
        {
            AsyncServiceScope? scope = null;
            try
            {
                if (attempt > 0)
                {
                    scope = scopes.CreateAsyncScope();
                    http.RequestServices = scope.Value.ServiceProvider;
                    if (http.Request.Body.CanSeek) http.Request.Body.Position = 0;
                }
                await next(http);
                return;
            }
            catch (Exception e) when (TransientFault.Is(e) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                if (attempt >= Delays.Length)
                {
                    log.LogError(e, "{Method} {Path} failed after {Attempts} attempts on a transient database fault.", http.Request.Method, http.Request.Path, attempt + 1);
                    http.Response.Clear();
                    http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    http.Response.Headers.RetryAfter = "10";
                    http.Response.Headers.CacheControl = "no-store";
                    return; // the status-code page says it in Danish
                }
                log.LogWarning("{Method} {Path}: transient database fault ({Error}); attempt {Attempt} follows in {Delay} ms.",
                    http.Request.Method, http.Request.Path, e.GetBaseException().Message, attempt + 2, Delays[attempt].TotalMilliseconds);
                http.Response.Clear();
                await Task.Delay(Delays[attempt], http.RequestAborted);
            }
            finally
            {
                if (scope is { } s)
                {
                    http.RequestServices = original;
                    await s.DisposeAsync();
                }
            }
        }
    }
}
