using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rammevaerk.Data;

namespace Rammevaerk.Tests.Infrastructure;

/// <summary>
/// The whole app in memory on its own <see cref="TestDatabase"/>: environment Testing, migrated, demo data and
/// <see cref="TestAccounts"/> loaded. Use as a class fixture through <see cref="SqliteAppFactory"/> or
/// <see cref="PostgresAppFactory"/>; all tests of a class share one app and one database.
/// </summary>
public class AppFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    public const string SignInPath = "/konto/log-ind";

    public TestDatabase Database { get; } = database;

    /// <summary>The shared/ folder beside the repository (seeds, municipalities.csv).</summary>
    public static string SharedDirectory { get; } = Path.GetDirectoryName(SeedFiles.Directory)!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("DemoData:Load", "true");
        builder.UseSetting("Rammevaerk:SharedPath", SharedDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Every test signs in from 127.0.0.1; the rate-limit tests use their own low limits (RateLimitTests).
        builder.UseSetting("Accounts:RateLimits:SignInPerIpPerMinute", "100000");
        builder.UseSetting("Accounts:RateLimits:SignInPerAccountPerMinute", "100000");
        builder.UseSetting("Accounts:RateLimits:LinksPerIpPerMinute", "100000");
        // EF logs the first migration's probe of the missing history table as an error; failures still throw.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder); // runs Program: migrations and demo data
        // Off the test's synchronisation context, so that blocking here cannot deadlock.
        Task.Run(async () =>
        {
            EnsureAppUses(host.Services);
            await TestAccounts.CreateAsync(host.Services);
        }).GetAwaiter().GetResult();
        return host;
    }

    /// <summary>A client with its own cookies that does not follow redirects.</summary>
    public virtual HttpClient CreateAnonymousClient()
    {
        StartServer();
        return CreateClientOf(this);
    }

    /// <summary>
    /// A client of any factory (also one made with WithWebHostBuilder) with its own cookies that does not follow
    /// redirects and posts forms with their one-time tokens, as a browser does (<see cref="SubmissionTokenHandler"/>).
    /// </summary>
    public static HttpClient CreateClientOf(WebApplicationFactory<Program> factory) =>
        factory.CreateDefaultClient(factory.ClientOptions.BaseAddress, new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(), new SubmissionTokenHandler());

    public Task<HttpClient> SignInAsSecretariatAsync() => SignInAsync(TestAccounts.SecretariatEmail, TestAccounts.SecretariatPassword);

    /// <summary>Mogens Bak Hansen, member of Socialdirektørforum and Forretningsudvalget.</summary>
    public Task<HttpClient> SignInAsMemberAsync() => SignInAsync(TestAccounts.MemberEmail, TestAccounts.MemberPassword);

    /// <summary>A member who sits in no body.</summary>
    public Task<HttpClient> SignInAsOutsiderMemberAsync() => SignInAsync(TestAccounts.OutsiderMemberEmail, TestAccounts.OutsiderMemberPassword);

    public Task<HttpClient> SignInAsMunicipalityAsync() => SignInAsync(TestAccounts.MunicipalityEmail, TestAccounts.MunicipalityPassword);

    /// <summary>A user of the region's own operator (Region Syddanmark).</summary>
    public Task<HttpClient> SignInAsRegionOperatorAsync() => SignInAsync(TestAccounts.RegionOperatorEmail, TestAccounts.RegionOperatorPassword);

    /// <summary>A new client signed in through the sign-in form; fails unless the form answers 302.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateAnonymousClient();
        using var response = await SubmitSignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} failed: POST {SignInPath} answered {(int)response.StatusCode}, expected 302.");
        return client;
    }

    /// <summary>Fills in and posts the sign-in form; the raw response, for tests of the form itself.</summary>
    public static Task<HttpResponseMessage> SubmitSignInAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync(SignInPath, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        Database.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Guards against the test settings not reaching Program (the app would use data/rammevaerk.db).</summary>
    private void EnsureAppUses(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var provider = db is PostgresAppDb ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        // The app adds its own settings to a PostgreSQL connection string (DatabaseSetup.PostgresConnectionString).
        var expected = Database.Provider == DatabaseProvider.Postgres
            ? DatabaseSetup.PostgresConnectionString(Database.ConnectionString)
            : Database.ConnectionString;
        if (provider != Database.Provider || db.Database.GetConnectionString() != expected)
            throw new InvalidOperationException($"The app did not pick up the test database ({Database.Provider}: {Database.ConnectionString}).");
    }
}

/// <summary>The app on a throwaway SQLite file.</summary>
public sealed class SqliteAppFactory() : AppFactory(TestDatabase.CreateSqlite());

/// <summary>The app on a throwaway PostgreSQL database; fails without <c>RAMMEVAERK_TEST_POSTGRES</c>.</summary>
public sealed class PostgresAppFactory() : AppFactory(TestDatabase.CreatePostgres());
