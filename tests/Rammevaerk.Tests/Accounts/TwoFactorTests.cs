using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Accounts;

/// <summary>
/// Two factors: the secretariat's role always has them (set up at the first sign-in), everyone else may turn them
/// on; each code works once; recovery codes work once each and are stored hashed; the demo and test accounts sign
/// in with their password alone.
/// </summary>
public abstract class TwoFactorTests(AppFactory app)
{
    /// <summary>Signs in with the password; returns the client and where the app sent it.</summary>
    private async Task<(HttpClient Client, string Location)> PasswordAsync(string email)
    {
        var client = app.CreateAnonymousClient();
        using var response = await AppFactory.SubmitSignInAsync(client, email, AccountTestKit.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response.Headers.Location!.OriginalString);
    }

    private static string Code(string key, int stepsAhead = 0) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepsAhead));

    /// <summary>Sets up the app from the set-up page; returns the key and the recovery codes shown.</summary>
    private static async Task<(string Key, List<string> Codes)> EnrolAsync(HttpClient client, string pageUrl, string postUrl, string? currentPassword = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var key = page.QuerySelector("code.totp-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector(".qr-setup img")!.GetAttribute("src"));
        using var done = await client.PostAsync(postUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Browserless.AntiforgeryField] = page.AntiforgeryToken(),
            ["SetupKey"] = page.QuerySelector("input[name=SetupKey]")!.GetAttribute("value")!,
            ["Code"] = Code(key),
            ["CurrentPassword"] = currentPassword ?? "",
        }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var codes = (await done.ReadDocumentAsync()).QuerySelectorAll("ul.recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        return (key, codes);
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string handler, string field, string value)
    {
        var page = await client.GetDocumentAsync(SignInFlow.CodePath);
        return await client.PostAsync(SignInFlow.CodePath + handler, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Browserless.AntiforgeryField] = page.AntiforgeryToken(), [field] = value,
        }));
    }

    [Fact]
    public async Task A_new_secretariat_user_sets_up_an_authenticator_at_the_first_sign_in_and_needs_a_code_from_then_on()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Secretariat, demo: false);

        var (client, location) = await PasswordAsync(email);
        Assert.Equal(SignInFlow.EnrolPath, location);
        Assert.False(await AccountTestKit.IsSignedInAsync(client));
        var (key, _) = await EnrolAsync(client, SignInFlow.EnrolPath, SignInFlow.EnrolPath);
        Assert.True(await AccountTestKit.IsSignedInAsync(client));

        var (second, next) = await PasswordAsync(email);
        Assert.Equal(SignInFlow.CodePath, next);
        using var wrong = await PostCodeAsync(second, "", "Code", "000000");
        Assert.Contains("Koden er forkert", (await wrong.ReadDocumentAsync()).Text());
        using var right = await PostCodeAsync(second, "", "Code", Code(key, stepsAhead: 1));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(await AccountTestKit.IsSignedInAsync(second));
        Assert.Contains((await AccountTestKit.LogAsync(app, Rammevaerk.Notifications.SecurityEvents.SignIn, email)).Select(e => e.Detail), d => d == "Adgangskode + authenticator-app");
    }

    [Fact]
    public async Task A_code_works_once_and_so_does_each_recovery_code()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Secretariat, demo: false);
        var (client, _) = await PasswordAsync(email);
        var (key, codes) = await EnrolAsync(client, SignInFlow.EnrolPath, SignInFlow.EnrolPath);

        var (a, _) = await PasswordAsync(email);
        var code = Code(key, stepsAhead: 1);
        Assert.Equal(HttpStatusCode.Redirect, (await PostCodeAsync(a, "", "Code", code)).StatusCode);
        var (b, _) = await PasswordAsync(email);
        using var replay = await PostCodeAsync(b, "", "Code", code);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.False(await AccountTestKit.IsSignedInAsync(b));

        using var recovery = await PostCodeAsync(b, "?handler=Recovery", "RecoveryCode", codes[3].ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, recovery.StatusCode);
        var (c, _) = await PasswordAsync(email);
        using var reused = await PostCodeAsync(c, "?handler=Recovery", "RecoveryCode", codes[3]);
        Assert.Contains("Gendannelseskoden er forkert eller allerede brugt", (await reused.ReadDocumentAsync()).Text());
    }

    [Fact]
    public async Task With_only_the_password_no_one_sets_up_a_new_app_over_the_old_one()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Secretariat, demo: false);
        var (owner, _) = await PasswordAsync(email);
        await EnrolAsync(owner, SignInFlow.EnrolPath, SignInFlow.EnrolPath);
        var (thief, location) = await PasswordAsync(email);
        Assert.Equal(SignInFlow.CodePath, location);

        using var setUp = await thief.GetAsync(SignInFlow.EnrolPath);
        var code = await thief.GetDocumentAsync(SignInFlow.CodePath);
        using var posted = await thief.PostAsync(SignInFlow.EnrolPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Browserless.AntiforgeryField] = code.AntiforgeryToken(), ["SetupKey"] = "x", ["Code"] = "123456",
        }));

        Assert.Equal(SignInFlow.CodePath, setUp.Headers.Location!.OriginalString);
        Assert.Equal(SignInFlow.CodePath, posted.Headers.Location!.OriginalString);
        Assert.False(await AccountTestKit.IsSignedInAsync(thief));
    }

    [Fact]
    public async Task The_authenticator_key_and_the_recovery_codes_are_not_stored_as_they_are()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Secretariat, demo: false);
        var (client, _) = await PasswordAsync(email);
        var (key, codes) = await EnrolAsync(client, SignInFlow.EnrolPath, SignInFlow.EnrolPath);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var id = await AccountTestKit.UserIdAsync(app, email);
        var stored = string.Join("|", await db.UserTokens.Where(t => t.UserId == id).Select(t => t.Value).ToListAsync());
        Assert.DoesNotContain(key, stored, StringComparison.OrdinalIgnoreCase);
        Assert.All(codes, c => Assert.DoesNotContain(c, stored));
        Assert.Equal(TwoFactor.RecoveryCodeCount, await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CountRecoveryCodesAsync((await db.Users.SingleAsync(u => u.Id == id))));
    }

    [Fact]
    public async Task A_member_may_turn_two_factors_on_and_off_and_other_sessions_end_on_each_change()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member, demo: false);
        var (client, location) = await PasswordAsync(email);
        Assert.Equal("/", location); // optional for members
        var (other, _) = await PasswordAsync(email);

        var page = await client.GetDocumentAsync("/konto/to-trin?ny=1");
        using var withoutPassword = await client.PostAsync("/konto/to-trin?handler=Enable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Browserless.AntiforgeryField] = page.AntiforgeryToken(), ["SetupKey"] = page.QuerySelector("input[name=SetupKey]")!.GetAttribute("value")!, ["Code"] = "123456",
        }));
        Assert.Contains("Skriv din nuværende adgangskode", (await withoutPassword.ReadDocumentAsync()).Text());
        var (key, _) = await EnrolAsync(client, "/konto/to-trin?ny=1", "/konto/to-trin?handler=Enable", AccountTestKit.Password);

        Assert.False(await AccountTestKit.IsSignedInAsync(other));
        Assert.True(await AccountTestKit.IsSignedInAsync(client));
        var (next, nextLocation) = await PasswordAsync(email);
        Assert.Equal(SignInFlow.CodePath, nextLocation);
        Assert.Equal(HttpStatusCode.Redirect, (await PostCodeAsync(next, "", "Code", Code(key, stepsAhead: 1))).StatusCode);

        // Turning it off needs a code from the app (a session left open cannot do it).
        using var withoutCode = await client.PostFormAsync("/konto/to-trin", new Dictionary<string, string>(), "/konto/to-trin?handler=Disable");
        Assert.Contains("Skriv den kode, din nuværende app viser nu", (await withoutCode.ReadDocumentAsync()).Text());
        using (var scope = app.Services.CreateScope())
        {
            // Time passes: the codes of the last minute were used above.
            await scope.ServiceProvider.GetRequiredService<AppDb>().Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, (long?)null));
        }
        using var off = await client.PostFormAsync("/konto/to-trin", new Dictionary<string, string> { ["CurrentCode"] = Code(key) }, "/konto/to-trin?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await AccountTestKit.IsSignedInAsync(next));
        Assert.Equal("/", (await PasswordAsync(email)).Location);
    }

    [Fact]
    public async Task The_secretariat_cannot_turn_its_own_two_factors_off()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Secretariat, demo: false);
        var (client, _) = await PasswordAsync(email);
        await EnrolAsync(client, SignInFlow.EnrolPath, SignInFlow.EnrolPath);

        using var off = await client.PostFormAsync("/konto/to-trin", new Dictionary<string, string>(), "/konto/to-trin?handler=Disable");

        Assert.Contains("kan ikke slås fra", (await off.ReadDocumentAsync()).Text());
        using var scope = app.Services.CreateScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task The_code_page_without_a_password_first_sends_the_browser_back_to_sign_in()
    {
        using var response = await app.CreateAnonymousClient().GetAsync(SignInFlow.CodePath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AppFactory.SignInPath, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Test_and_demo_accounts_sign_in_with_the_password_alone()
    {
        using var response = await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), TestAccounts.SecretariatEmail, TestAccounts.SecretariatPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}

public sealed class TwoFactorTestsOnSqlite(SqliteAppFactory app) : TwoFactorTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TwoFactorTestsOnPostgres(PostgresAppFactory app) : TwoFactorTests(app), IClassFixture<PostgresAppFactory>;
