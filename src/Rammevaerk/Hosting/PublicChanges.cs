using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Rammevaerk.Data;

namespace Rammevaerk.Hosting;

/// <summary>
/// Marks an entity whose rows no public page, feed, PDF, search or OParl answer shows, so that writing it does not
/// evict the public caches (outbox, notifications, reports in progress …). Everything else is public by default: a
/// new table evicts until someone decides, here, that it need not.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotPublicDataAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

/// <summary>The one row whose version moves with every committed change to public data (read by SQLite nodes).</summary>
[NotPublicData("The change counter itself.")]
public sealed class PublicChange
{
    public int Id { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// This node's view of the public content: a generation that moves whenever public data changed anywhere (here, on
/// another node, or from a command), and whether that view can be trusted right now. The output cache varies its
/// keys by the generation and <see cref="Publishing.Pdf.PublicPdfMap"/> empties itself when it moves, so a page read
/// before a change can never be served after it. While the node cannot hear about changes (its listening connection
/// to PostgreSQL is down) nothing public is served from memory.
/// </summary>
public sealed class PublicContent(IOutputCacheStore store, ILogger<PublicContent> log)
{
    public const string CacheTag = "meetings";
    private long generation = 1;
    private volatile bool trusted = true;

    public long Generation => Interlocked.Read(ref generation);

    /// <summary>False while changes made elsewhere might go unheard; the caches are bypassed then.</summary>
    public bool Trusted => trusted;

    /// <summary>Public data changed: every cached public answer of this node is stale.</summary>
    public async Task ChangedAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref generation);
        // The generation alone makes old entries unreachable; evicting them frees the memory at once.
        await store.EvictByTagAsync(CacheTag, ct);
    }

    public void Distrust(string why)
    {
        if (!trusted) return;
        trusted = false;
        log.LogWarning("Public caches bypassed: {Why}", why);
    }

    /// <summary>Trusts the caches again after whatever may have been missed is thrown away.</summary>
    public async Task TrustAgainAsync(CancellationToken ct = default)
    {
        await ChangedAsync(ct);
        if (!trusted) log.LogInformation("Public caches in use again.");
        trusted = true;
    }
}

/// <summary>
/// The rule every write to public data passes through: it sits on <see cref="AppDb"/> itself and reads every command
/// the app sends (SaveChanges, ExecuteUpdate/Delete, raw SQL). A command that inserts, updates or deletes in a table
/// that is not <see cref="NotPublicDataAttribute">not public</see> marks its transaction; when that transaction
/// commits it announces the change in the same transaction (PostgreSQL: <c>NOTIFY</c>, which is delivered only on
/// commit; SQLite: the <see cref="PublicChange"/> counter) and this node's caches move on at once. A write outside
/// a transaction announces itself right after it ran. Pages, services, background jobs and the command line all
/// write through <see cref="AppDb"/>, so none of them can forget it.
/// </summary>
public sealed partial class PublicChangeInterceptor(PublicContent content) : IDbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public const string Channel = "rammevaerk_public";

    private static readonly ConditionalWeakTable<DbTransaction, object> DirtyTransactions = new();
    private static readonly ConditionalWeakTable<DbContext, object> DirtyContexts = new();
    private static readonly ConditionalWeakTable<IModel, HashSet<string>> PrivateTables = new();
    private static readonly object Mark = new();

    [GeneratedRegex("""\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(?:ONLY\s+)?(?:"?\w+"?\.)?"?(\w+)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WriteTarget();

    /// <summary>Words that follow UPDATE without naming a table ("ON CONFLICT DO UPDATE SET", "FOR UPDATE SKIP LOCKED").</summary>
    private static readonly HashSet<string> NotTables = new(StringComparer.OrdinalIgnoreCase) { "SET", "SKIP", "NOWAIT", "OF" };

    /// <summary>The tables a command writes to that hold public data (none for reads and private tables).</summary>
    public static bool WritesPublicData(string sql, IModel model)
    {
        var text = sql.AsSpan().TrimStart();
        if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)) return false;
        var privateTables = PrivateTables.GetValue(model, NotPublicTables);
        foreach (Match m in WriteTarget().Matches(sql))
        {
            var table = m.Groups[1].Value;
            if (NotTables.Contains(table)) continue;
            if (!privateTables.Contains(table)) return true;
        }
        return false;
    }

    /// <summary>Tables of entities marked <see cref="NotPublicDataAttribute"/>, Identity's and the data-protection keys.</summary>
    public static HashSet<string> NotPublicTables(IModel model)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in model.GetEntityTypes())
        {
            if (!IsPublic(type.ClrType) && type.GetTableName() is { } table) set.Add(table);
        }
        return set;
    }

    /// <summary>Public unless marked, or one of the framework's own tables (accounts, data-protection keys).</summary>
    public static bool IsPublic(Type clrType) =>
        clrType.GetCustomAttributes(typeof(NotPublicDataAttribute), false).Length == 0
        && clrType.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true
        && clrType.Namespace?.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) != true
        && clrType != typeof(Accounts.AppUser);

    // ---- commands --------------------------------------------------------------------------------------------

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Note(command, eventData);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Note(command, eventData);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (Note(command, eventData) == Pending.Now) AnnounceAsync(command.Connection!, null, eventData.Context!, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Note(command, eventData) == Pending.Now) await AnnounceAsync(command.Connection!, null, eventData.Context!, cancellationToken);
        return result;
    }

    private enum Pending { No, AtCommit, Now, AfterSave }

    private static Pending Note(DbCommand command, CommandEventData eventData)
    {
        // Migrations change the schema, not what is published (and run before the change counter exists).
        if (eventData.CommandSource == CommandSource.Migrations) return Pending.No;
        if (eventData.Context is not { } context || !WritesPublicData(command.CommandText, context.Model)) return Pending.No;
        if (command.Transaction is { } tx)
        {
            DirtyTransactions.AddOrUpdate(tx, Mark);
            return Pending.AtCommit;
        }
        // Outside a transaction the write is already committed. A reader (INSERT … RETURNING from SaveChanges) is
        // still open on the connection then, so that case is announced when SaveChanges returns.
        if (eventData.ExecuteMethod == DbCommandMethod.ExecuteReader)
        {
            DirtyContexts.AddOrUpdate(context, Mark);
            return Pending.AfterSave;
        }
        return Pending.Now;
    }

    // ---- transactions ----------------------------------------------------------------------------------------

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (DirtyTransactions.TryGetValue(transaction, out _) && eventData.Context is { } context)
            AnnounceAsync(transaction.Connection!, transaction, context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (DirtyTransactions.TryGetValue(transaction, out _) && eventData.Context is { } context)
            await AnnounceAsync(transaction.Connection!, transaction, context, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (DirtyTransactions.TryGetValue(transaction, out _))
        {
            DirtyTransactions.Remove(transaction);
            content.ChangedAsync().GetAwaiter().GetResult();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (DirtyTransactions.TryGetValue(transaction, out _))
        {
            DirtyTransactions.Remove(transaction);
            await content.ChangedAsync(CancellationToken.None);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => DirtyTransactions.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        DirtyTransactions.Remove(transaction);
        return Task.CompletedTask;
    }

    // ---- SaveChanges outside a transaction ---------------------------------------------------------------------

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && DirtyContexts.TryGetValue(context, out _))
        {
            DirtyContexts.Remove(context);
            AnnounceOutsideAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && DirtyContexts.TryGetValue(context, out _))
        {
            DirtyContexts.Remove(context);
            await AnnounceOutsideAsync(context, cancellationToken);
        }
        return result;
    }

    private async Task AnnounceOutsideAsync(DbContext context, CancellationToken ct)
    {
        var connection = context.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await AnnounceAsync(connection, context.Database.CurrentTransaction?.GetDbTransaction(), context, ct);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    /// <summary>
    /// Tells every node (PostgreSQL <c>NOTIFY</c>, delivered when the transaction commits) or bumps the counter the
    /// SQLite nodes poll. Inside the transaction, so the announcement and the change stand or fall together. Without a
    /// transaction this node's caches move on here; with one, once it has committed.
    /// </summary>
    private async Task AnnounceAsync(DbConnection connection, DbTransaction? transaction, DbContext context, CancellationToken ct)
    {
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = context.Database.IsNpgsql()
                ? $"SELECT pg_notify('{Channel}', '')"
                : """UPDATE "PublicChanges" SET "Version" = "Version" + 1 WHERE "Id" = 1""";
            await command.ExecuteNonQueryAsync(ct);
        }
        if (transaction is null) await content.ChangedAsync(CancellationToken.None);
    }
}
