using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Rammevaerk.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/rammevaerk.db";

    /// <summary>
    /// Picks the provider: <c>Database:Provider</c> if set, otherwise PostgreSQL when the connection string
    /// names a host, otherwise SQLite.
    /// </summary>
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration config)
    {
        var cs = config.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(cs)) cs = DefaultSqlite;
        var named = config["Database:Provider"];
        DatabaseProvider provider;
        if (!string.IsNullOrWhiteSpace(named))
        {
            provider = named.Trim().ToLowerInvariant() switch
            {
                "sqlite" => DatabaseProvider.Sqlite,
                "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
                _ => throw new InvalidOperationException($"Unknown Database:Provider '{named}'. Use Sqlite or Postgres."),
            };
        }
        else
        {
            provider = cs.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        }
        return (provider, cs);
    }

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration config)
    {
        var (provider, cs) = Resolve(config);
        if (provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(cs);
            services.AddDbContext<AppDb, SqliteAppDb>((sp, o) => o
                .UseSqlite(cs, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(sp.GetRequiredService<Hosting.PublicChangeInterceptor>()));
        }
        else
        {
            // Transient faults (a restart, a dropped connection) are retried: statements outside a transaction here,
            // whole user actions by Hosting.RetryTransientFailures (see ActionAwareRetryingStrategy).
            services.AddDbContext<AppDb, PostgresAppDb>((sp, o) => o
                .UseNpgsql(PostgresConnectionString(cs), x => x
                    .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)
                    .ExecutionStrategy(d => new Hosting.ActionAwareRetryingStrategy(d)))
                .AddInterceptors(sp.GetRequiredService<Hosting.PublicChangeInterceptor>()));
        }
        return services;
    }

    /// <summary>
    /// The PostgreSQL connection string as the app uses it: with Npgsql's automatic preparation on unless the
    /// connection string says otherwise. EF Core does not prepare its commands; a statement run twice on a connection
    /// is then prepared there, and PostgreSQL no longer plans it on every call (search's statement spent a quarter of
    /// its time in the planner).
    /// </summary>
    public static string PostgresConnectionString(string cs)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        if (cs.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) return cs;
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    private static void EnsureSqliteFolder(string cs)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs);
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir) && builder.DataSource != ":memory:") Directory.CreateDirectory(dir);
    }
}

/// <summary>Used by <c>dotnet ef</c> to build the SQLite migration set.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDb>
{
    public SqliteAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by <c>dotnet ef</c> to build the PostgreSQL migration set (no server needed to generate).</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
