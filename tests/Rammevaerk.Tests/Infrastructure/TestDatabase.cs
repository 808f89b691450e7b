using Microsoft.Data.Sqlite;
using Npgsql;
using Rammevaerk.Data;

namespace Rammevaerk.Tests.Infrastructure;

/// <summary>
/// A database that lives as long as one test fixture: a SQLite file in a temporary folder, or a uniquely named
/// database on the PostgreSQL server named by <c>RAMMEVAERK_TEST_POSTGRES</c>. Disposing removes it.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    public const string PostgresVariable = "RAMMEVAERK_TEST_POSTGRES";

    public abstract DatabaseProvider Provider { get; }
    public abstract string ConnectionString { get; }

    public static TestDatabase CreateSqlite() => new SqliteTestDatabase();

    /// <summary>Fails (never skips) when <c>RAMMEVAERK_TEST_POSTGRES</c> is not set.</summary>
    public static TestDatabase CreatePostgres() => new PostgresTestDatabase();

    public abstract void Dispose();

    public override string ToString() => Provider.ToString();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rammevaerk-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase()
    {
        Directory.CreateDirectory(folder);
        ConnectionString = $"Data Source={Path.Combine(folder, "rammevaerk.db")}";
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public override string ConnectionString { get; }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string adminConnectionString;
    private readonly string name = "rammevaerk_test_" + Guid.NewGuid().ToString("N")[..16];
    private bool dropped;

    public PostgresTestDatabase()
    {
        adminConnectionString = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"PostgreSQL tests need {PostgresVariable}; run scripts/test.sh");
        Execute($"CREATE DATABASE \"{name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    public override string ConnectionString { get; }

    public override void Dispose()
    {
        if (dropped) return;
        dropped = true;
        using (var connection = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(connection);
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
