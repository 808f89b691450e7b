using System.Diagnostics;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Import;

/// <summary>
/// A command's console output is its Danish report: EF Core's log lines (the failed probe for the migrations table on
/// a fresh PostgreSQL, the SQLite migration warning about PRAGMA outside a transaction) are not mixed into it.
/// </summary>
public sealed class CommandOutputTests
{
    private static readonly Lazy<string> Certificate = new(() => Hosting.SettingsTests.SelfSignedPfx(Directory.CreateTempSubdirectory("import-cmd-cert").FullName));

    private static async Task<(int Code, string Output)> RunAsync(TestDatabase database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = database.ConnectionString;
        start.Environment["Database__Provider"] = database.Provider.ToString();
        // What Production requires of every start, commands included (Hosting/SiteOptions.cs).
        start.Environment["Rammevaerk__PublicBaseUrl"] = "https://rammevaerk.example.dk";
        start.Environment["Database__SingleNode"] = "true";
        start.Environment["DataProtection__CertificatePath"] = Certificate.Value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Migrate_on_a_fresh_database_says_only_that_the_database_is_up_to_date(string provider)
    {
        using var database = provider == "Sqlite" ? TestDatabase.CreateSqlite() : TestDatabase.CreatePostgres();
        var (code, output) = await RunAsync(database, "migrate");
        Assert.Equal(0, code);
        Assert.Equal("Databasen er opdateret.", output.Trim());

        string folder = Directory.CreateTempSubdirectory("import-cmd").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "fu.txt"), ArchiveLayoutTests.Sample("docplayer.dk_36860429"));
        var dry = await RunAsync(database, "import-minutes", folder);
        Assert.Equal(0, dry.Code);
        Assert.Contains("Prøvekørsel – intet skrives", dry.Output);
        Assert.DoesNotContain("warn:", dry.Output);
        Assert.DoesNotContain("fail:", dry.Output);
        Assert.DoesNotContain("Microsoft.EntityFrameworkCore", dry.Output);
    }
}
