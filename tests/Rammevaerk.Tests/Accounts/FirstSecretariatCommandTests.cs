using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;

namespace Rammevaerk.Tests.Accounts;

/// <summary>The first secretariat account is made by a command, never by a default password.</summary>
public sealed class FirstSecretariatCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rammevaerk-cmd-").FullName;
    private string ConnectionString => $"Data Source={Path.Combine(folder, "cmd.db")}";

    private string? certificate;

    private async Task<(int Code, string Output)> RunAsync(string password, params string[] args) => await RunAsync(password, complete: true, args);

    /// <summary>Runs a command as an operator would in Production: <paramref name="complete"/> gives it the settings Production requires.</summary>
    private async Task<(int Code, string Output)> RunAsync(string password, bool complete, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = ConnectionString;
        start.Environment["RAMMEVAERK_PASSWORD"] = password;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (complete)
        {
            certificate ??= Hosting.SettingsTests.SelfSignedPfx(folder);
            start.Environment["Rammevaerk__PublicBaseUrl"] = "https://rammevaerk.example.dk";
            start.Environment["Database__SingleNode"] = "true";
            start.Environment["DataProtection__CertificatePath"] = certificate;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task A_command_without_the_settings_Production_requires_stops_and_names_them_before_touching_the_database()
    {
        var (code, output) = await RunAsync("kaffe og referater hver fredag", complete: false, "create-secretariat", "--email", "chef@sekretariat.dk", "--name", "Chef");
        Assert.Equal(78, code);
        Assert.Contains("Rammevaerk:PublicBaseUrl is required", output);
        Assert.False(File.Exists(Path.Combine(folder, "cmd.db")), "the refused command must not create the database");
    }

    [Fact]
    public async Task Command_creates_a_secretariat_account_and_refuses_a_weak_password()
    {
        Assert.Equal(0, (await RunAsync("", "migrate")).Code);

        var weak = await RunAsync("password1", "create-secretariat", "--email", "chef@sekretariat.dk", "--name", "Chef");
        var good = await RunAsync("kaffe og referater hver fredag", "create-secretariat", "--email", "chef@sekretariat.dk", "--name", "Chef");

        Assert.Equal(1, weak.Code);
        Assert.Contains("for almindelig", weak.Output);
        Assert.Equal(0, good.Code);
        Assert.Contains("Sekretariatskontoen chef@sekretariat.dk er oprettet", good.Output);
        await using var db = new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite(ConnectionString).Options);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { u.Email, x.Name }).ToListAsync();
        Assert.Equal([new { Email = (string?)"chef@sekretariat.dk", Name = (string?)Roles.Secretariat }], roles);
        Assert.Equal(1, await db.Users.CountAsync());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
