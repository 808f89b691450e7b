using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Tests.Infrastructure;
using static Rammevaerk.Notifications.SecurityEvents;

namespace Rammevaerk.Tests.Accounts;

/// <summary>
/// Guessing passwords: an unknown address and a wrong password look the same (message, status, lock); failures
/// grow into longer delays per address; the lock is lifted by a single-use link by e-mail, so no one can lock the
/// secretariat out; every attempt is in the security log.
/// </summary>
public abstract class SignInAbuseTests(AppFactory app)
{
    [Fact]
    public async Task An_unknown_address_and_a_wrong_password_get_the_same_answer()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var unknown = $"findes-ikke-{Guid.NewGuid():N}@test.dk";

        using var wrong = await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, "forkert-adgangskode-1");
        using var nobody = await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), unknown, "forkert-adgangskode-1");

        Assert.Equal(wrong.StatusCode, nobody.StatusCode);
        var wrongText = (await wrong.ReadDocumentAsync()).QuerySelector("[role=alert]")!.TextContent.Trim();
        var nobodyText = (await nobody.ReadDocumentAsync()).QuerySelector("[role=alert]")!.TextContent.Trim();
        Assert.Equal(LoginModel.WrongCredentials, wrongText);
        Assert.Equal(wrongText, nobodyText);
        Assert.NotEmpty(await AccountTestKit.LogAsync(app, SignInFailed, unknown));
        Assert.NotEmpty(await AccountTestKit.LogAsync(app, SignInFailed, email));
    }

    [Fact]
    public async Task An_unknown_address_is_locked_exactly_like_an_existing_one()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var unknown = $"findes-ikke-{Guid.NewGuid():N}@test.dk";
        var texts = new List<string>();
        foreach (var address in new[] { email, unknown })
        {
            var client = app.CreateAnonymousClient();
            for (var i = 0; i < 5; i++) (await AppFactory.SubmitSignInAsync(client, address, "forkert-adgangskode-1")).Dispose();
            using var sixth = await AppFactory.SubmitSignInAsync(client, address, AccountTestKit.Password);
            texts.Add((await sixth.ReadDocumentAsync()).QuerySelector("[role=alert]")!.TextContent.Trim());
        }

        Assert.Contains("midlertidigt spærret", texts[0]);
        Assert.Equal(texts[0], texts[1]);
        Assert.NotEmpty(await AccountTestKit.LogAsync(app, LockedOut, unknown));
    }

    [Fact]
    public async Task Each_failure_after_the_lock_doubles_the_delay()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var client = app.CreateAnonymousClient();
        for (var i = 0; i < 5; i++) (await AppFactory.SubmitSignInAsync(client, email, "forkert-adgangskode-1")).Dispose();
        var first = await LockAsync(email);
        Assert.InRange(first!.Value - DateTime.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));

        await ExpireLockAsync(email);
        (await AppFactory.SubmitSignInAsync(client, email, "forkert-adgangskode-2")).Dispose();

        var second = await LockAsync(email);
        Assert.InRange(second!.Value - DateTime.UtcNow, TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(121));
    }

    [Fact]
    public async Task The_right_password_after_a_lock_has_passed_signs_in_and_forgets_the_failures()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var client = app.CreateAnonymousClient();
        for (var i = 0; i < 5; i++) (await AppFactory.SubmitSignInAsync(client, email, "forkert-adgangskode-1")).Dispose();
        await ExpireLockAsync(email);

        using var right = await AppFactory.SubmitSignInAsync(client, email, AccountTestKit.Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().SignInThrottles.AnyAsync(t => t.Key == SignInGuard.AddressKey(email)));
    }

    [Fact]
    public async Task A_locked_user_unlocks_by_a_single_use_link_by_e_mail_and_an_unknown_address_gets_the_same_answer_and_no_mail()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Secretariat);
        var attacker = app.CreateAnonymousClient();
        for (var i = 0; i < 6; i++) (await AppFactory.SubmitSignInAsync(attacker, email, "gaet-" + i)).Dispose();
        var user = app.CreateAnonymousClient();

        using var asked = await user.PostFormAsync("/konto/laas-op", new Dictionary<string, string> { ["email"] = email });
        var unknown = $"findes-ikke-{Guid.NewGuid():N}@test.dk";
        using var askedUnknown = await app.CreateAnonymousClient().PostFormAsync("/konto/laas-op", new Dictionary<string, string> { ["email"] = unknown });

        Assert.Equal((await asked.ReadDocumentAsync()).QuerySelector("[role=status]")!.TextContent, (await askedUnknown.ReadDocumentAsync()).QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(0, await AccountTestKit.MailCountAsync(app, unknown));
        var link = await AccountTestKit.LatestLinkAsync(app, email, "/konto/laas-op");
        Assert.NotNull(link);

        // Still locked for the attacker; through the link the owner signs in with the password.
        using var stillLocked = await AppFactory.SubmitSignInAsync(attacker, email, AccountTestKit.Password);
        Assert.Contains("midlertidigt spærret", (await stillLocked.ReadDocumentAsync()).Text());
        var token = link![(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        using var unlocked = await user.PostFormAsync(link, new Dictionary<string, string> { ["token"] = Uri.UnescapeDataString(token), ["password"] = AccountTestKit.Password }, "/konto/laas-op?handler=SignIn");
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.True(await AccountTestKit.IsSignedInAsync(user));

        using var again = await app.CreateAnonymousClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Linket er brugt, udløbet eller ikke gyldigt", (await again.ReadDocumentAsync()).Text());
    }

    [Fact]
    public async Task The_secretariat_lifts_a_lock_from_the_users_page()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var client = app.CreateAnonymousClient();
        for (var i = 0; i < 5; i++) (await AppFactory.SubmitSignInAsync(client, email, "forkert-adgangskode-1")).Dispose();
        var id = await AccountTestKit.UserIdAsync(app, email);
        var secretariat = await app.SignInAsSecretariatAsync();
        Assert.Contains("Log ind spærret", (await secretariat.GetDocumentAsync("/sekretariat/brugere")).Text());

        using var lifted = await secretariat.PostFormAsync($"/sekretariat/brugere/{id}", new Dictionary<string, string>(), $"/sekretariat/brugere/{id}?handler=Unlock");

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SubmitSignInAsync(client, email, AccountTestKit.Password)).StatusCode);
        Assert.NotEmpty(await AccountTestKit.LogAsync(app, Unlocked, email));
    }

    private async Task<DateTime?> LockAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().SignInThrottles.Where(t => t.Key == SignInGuard.AddressKey(email)).Select(t => t.LockedUntil).SingleAsync();
    }

    /// <summary>The lock's time has passed (the failures are remembered).</summary>
    private async Task ExpireLockAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AppDb>().SignInThrottles.Where(t => t.Key == SignInGuard.AddressKey(email))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.LockedUntil, DateTime.UtcNow.AddSeconds(-1)));
    }
}

public sealed class SignInAbuseTestsOnSqlite(SqliteAppFactory app) : SignInAbuseTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SignInAbuseTestsOnPostgres(PostgresAppFactory app) : SignInAbuseTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in and link forms: per client address and per typed address, answered
/// with 429 and a Danish page. The test host tells the app which address a request comes from (X-Test-Client).
/// </summary>
public abstract class RateLimitTests(AppFactory app)
{
    [Fact]
    public async Task Ten_thousand_sign_in_attempts_from_one_address_are_cut_off_and_others_still_sign_in()
    {
        var attacker = app.CreateAnonymousClient();
        attacker.DefaultRequestHeaders.Add(ClientAddress.Header, "203.0.113.7");
        var page = await attacker.GetDocumentAsync(AppFactory.SignInPath);
        var token = page.AntiforgeryToken();
        var statuses = new Dictionary<HttpStatusCode, int>();
        HttpResponseMessage? limited = null;
        // A spray: every attempt at another address, so only the per-IP limit can stop it.
        foreach (var chunk in Enumerable.Range(0, 10_000).Chunk(50))
        {
            var responses = await Task.WhenAll(chunk.Select(i => attacker.PostAsync(AppFactory.SignInPath, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [Browserless.AntiforgeryField] = token, ["Input.Email"] = $"gaet-{i}@test.dk", ["Input.Password"] = "gaet",
            }))));
            foreach (var r in responses)
            {
                statuses[r.StatusCode] = statuses.GetValueOrDefault(r.StatusCode) + 1;
                if (r.StatusCode == HttpStatusCode.TooManyRequests && limited is null) limited = r;
                else r.Dispose();
            }
        }

        // One window of a minute lets PerIp through; a slow machine may see the window renew once during the run.
        var passed = statuses.GetValueOrDefault(HttpStatusCode.OK);
        Assert.InRange(passed, RateLimitAppFactory.PerIp, 2 * RateLimitAppFactory.PerIp);
        Assert.Equal(10_000 - passed, statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests));
        Assert.NotNull(limited!.Headers.RetryAfter);
        Assert.Contains("For mange forsøg", (await limited.ReadDocumentAsync()).Text());

        // Another client address is not limited by the attacker's (its answer is the sign-in page, not 429).
        var owner = app.CreateAnonymousClient();
        owner.DefaultRequestHeaders.Add(ClientAddress.Header, "198.51.100.20");
        using var ownerTry = await AppFactory.SubmitSignInAsync(owner, TestAccounts.SecretariatEmail, TestAccounts.SecretariatPassword);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, ownerTry.StatusCode);
    }

    [Fact]
    public async Task Attempts_on_one_account_are_limited_whatever_the_client_address()
    {
        var email = $"maal-{Guid.NewGuid():N}@test.dk";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitAppFactory.PerAccount + 2; i++)
        {
            var client = app.CreateAnonymousClient();
            client.DefaultRequestHeaders.Add(ClientAddress.Header, $"192.0.2.{i + 1}");
            using var r = await AppFactory.SubmitSignInAsync(client, email, "gaet");
            statuses.Add(r.StatusCode);
        }
        var other = app.CreateAnonymousClient();
        other.DefaultRequestHeaders.Add(ClientAddress.Header, "192.0.2.200");
        using var otherAccount = await AppFactory.SubmitSignInAsync(other, $"anden-{Guid.NewGuid():N}@test.dk", "gaet");

        Assert.Equal(RateLimitAppFactory.PerAccount, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
    }

    [Fact]
    public async Task The_reset_form_is_limited_per_client_address()
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(ClientAddress.Header, "203.0.113.99");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitAppFactory.Links + 1; i++)
        {
            using var r = await client.PostFormAsync("/konto/glemt-adgangskode", new Dictionary<string, string> { ["email"] = $"x{i}@test.dk" });
            statuses.Add(r.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.OK, s));
    }
}

/// <summary>The app with low rate limits, and the client's address taken from a test header.</summary>
public class RateLimitAppFactory(TestDatabase database) : AppFactory(database)
{
    public const int PerIp = 60;
    public const int PerAccount = 5;
    public const int Links = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:RateLimits:SignInPerIpPerMinute", PerIp.ToString());
        builder.UseSetting("Accounts:RateLimits:SignInPerAccountPerMinute", PerAccount.ToString());
        builder.UseSetting("Accounts:RateLimits:LinksPerIpPerMinute", Links.ToString());
        builder.ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddress>());
    }
}

public sealed class SqliteRateLimitAppFactory() : RateLimitAppFactory(TestDatabase.CreateSqlite());

public sealed class PostgresRateLimitAppFactory() : RateLimitAppFactory(TestDatabase.CreatePostgres());

/// <summary>Sets the connection's remote address from <see cref="Header"/> (the test server has none of its own).</summary>
public sealed class ClientAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Client";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext ctx, RequestDelegate nextMiddleware) =>
        {
            if (IPAddress.TryParse(ctx.Request.Headers[Header].ToString(), out var ip)) ctx.Connection.RemoteIpAddress = ip;
            await nextMiddleware(ctx);
        });
        next(app);
    };
}

public sealed class RateLimitTestsOnSqlite(SqliteRateLimitAppFactory app) : RateLimitTests(app), IClassFixture<SqliteRateLimitAppFactory>;

public sealed class RateLimitTestsOnPostgres(PostgresRateLimitAppFactory app) : RateLimitTests(app), IClassFixture<PostgresRateLimitAppFactory>;
