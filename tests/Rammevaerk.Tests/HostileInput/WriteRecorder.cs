using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Data;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.HostileInput;

/// <summary>
/// Records every INSERT, UPDATE and DELETE the app sends to the database while handling a request (background work
/// has no request and is not recorded): the way to prove that a refused form changed nothing, whatever form it is.
/// </summary>
public sealed partial class WriteRecorder(IHttpContextAccessor accessor) : DbCommandInterceptor
{
    private readonly List<string> writes = [];

    /// <summary>The tables written since the last <see cref="Clear"/>, one entry per statement ("INSERT Meetings").</summary>
    public IReadOnlyList<string> Writes
    {
        get { lock (writes) return [.. writes]; }
    }

    public void Clear()
    {
        lock (writes) writes.Clear();
    }

    private void Record(DbCommand command)
    {
        if (accessor.HttpContext is null) return;
        foreach (Match m in Statement().Matches(command.CommandText))
        {
            // A signed-in request notes the session's last activity (at most once a minute, Accounts/Sessions.cs):
            // bookkeeping of the sign-in, not something the form did.
            if (m.Groups["table"].Value == "UserSessions" && m.Groups["verb"].Value.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)) continue;
            lock (writes) writes.Add($"{m.Groups["verb"].Value.Split(' ')[0].ToUpperInvariant()} {m.Groups["table"].Value}");
        }
    }

    [GeneratedRegex(@"(?<verb>INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+""(?<table>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex Statement();

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>The app with a <see cref="WriteRecorder"/> on its database and no e-mail delivery in the background.</summary>
public class RecordingAppFactory(TestDatabase database) : AppFactory(database)
{
    public WriteRecorder Recorder => Services.GetRequiredService<WriteRecorder>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:DeliverInBackground", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<WriteRecorder>();
            services.ConfigureDbContext<SqliteAppDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<WriteRecorder>()));
            services.ConfigureDbContext<PostgresAppDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<WriteRecorder>()));
        });
    }
}

public sealed class SqliteRecordingAppFactory() : RecordingAppFactory(TestDatabase.CreateSqlite());

public sealed class PostgresRecordingAppFactory() : RecordingAppFactory(TestDatabase.CreatePostgres());
