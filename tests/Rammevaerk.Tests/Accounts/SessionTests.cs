using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Accounts;

/// <summary>
/// Sessions end on the server at once: a copied cookie stops working after sign-out, a password change or reset,
/// a role change, disabling the user, "log ud overalt", and after the idle and absolute limits. A user sees their
/// own sessions and ends any of them.
/// </summary>
public abstract class SessionTests(AppFactory app)
{
    private async Task<(HttpClient A, HttpClient B)> TwoBrowsersAsync(string email)
    {
        var a = await app.SignInAsync(email, AccountTestKit.Password);
        var b = await app.SignInAsync(email, AccountTestKit.Password);
        Assert.True(await AccountTestKit.IsSignedInAsync(a));
        Assert.True(await AccountTestKit.IsSignedInAsync(b));
        return (a, b);
    }

    [Fact]
    public async Task Sign_out_with_the_antiforgery_token_but_without_the_forms_one_time_token_still_ends_the_session()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var client = await app.SignInAsync(email, AccountTestKit.Password);
        var page = await client.GetDocumentAsync("/konto");

        // Exactly what a page rendered without the one-time token would send: the antiforgery token only.
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/konto/log-ud")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [Browserless.AntiforgeryField] = page.AntiforgeryToken() }),
        };
        signOut.Options.Set(SubmissionTokenHandler.WithoutTokens, true);
        using var response = await client.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await AccountTestKit.IsSignedInAsync(client));
        Assert.NotEmpty(await AccountTestKit.LogAsync(app, Rammevaerk.Notifications.SecurityEvents.SignOut, email));

        // Antiforgery still guards it: a forged sign-out from another site ends nothing.
        var other = await app.SignInAsync(email, AccountTestKit.Password);
        using var forged = await other.PostAsync("/konto/log-ud", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True(await AccountTestKit.IsSignedInAsync(other));
    }

    [Fact]
    public async Task A_copied_cookie_replayed_after_sign_out_opens_nothing()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var victim = app.CreateAnonymousClient();
        using var signIn = await AppFactory.SubmitSignInAsync(victim, email, AccountTestKit.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rammevaerk.auth=", StringComparison.Ordinal)).Split(';')[0];
        var attacker = new HttpClient(app.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };
        attacker.DefaultRequestHeaders.Add("Cookie", cookie);
        using (var before = await attacker.GetAsync("/notifikationer")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await AccountTestKit.SignOutAsync(victim);

        using var after = await attacker.GetAsync("/notifikationer");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith(AppFactory.SignInPath, after.Headers.Location!.AbsolutePath);
        Assert.NotEmpty(await AccountTestKit.LogAsync(app, Rammevaerk.Notifications.SecurityEvents.SignOut, email));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var (a, b) = await TwoBrowsersAsync(email);

        using var changed = await a.PostFormAsync("/konto/adgangskode", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = AccountTestKit.Password, ["Input.NewPassword"] = "en-helt-ny-adgangskode-til-test", ["Input.RepeatPassword"] = "en-helt-ny-adgangskode-til-test",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(await AccountTestKit.IsSignedInAsync(a));
        Assert.False(await AccountTestKit.IsSignedInAsync(b));
    }

    [Fact]
    public async Task The_secretariats_reset_role_change_and_disabling_each_end_the_users_sessions_at_once()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("ResetPassword", []),
            ("Save", new() { ["User.Role"] = Roles.Municipality, ["User.Operator"] = "" }),
            ("Disable", new() { ["confirmDisable"] = "true" }),
        })
        {
            var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
            var id = await AccountTestKit.UserIdAsync(app, email);
            var (a, b) = await TwoBrowsersAsync(email);
            if (handler == "Save")
            {
                using var scope = app.Services.CreateScope();
                fields["User.Operator"] = (await scope.ServiceProvider.GetRequiredService<AppDb>().Operators.Where(o => o.Kind == Rammevaerk.Offers.OperatorKind.Region).Select(o => o.Id).SingleAsync()).ToString();
            }

            using var done = await secretariat.PostFormAsync($"/sekretariat/brugere/{id}", fields, $"/sekretariat/brugere/{id}?handler={handler}");

            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            Assert.False(await AccountTestKit.IsSignedInAsync(a), $"{handler}: the first browser is still signed in");
            Assert.False(await AccountTestKit.IsSignedInAsync(b), $"{handler}: the second browser is still signed in");
        }
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_is_told_so_only_after_the_right_password()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Municipality);
        var id = await AccountTestKit.UserIdAsync(app, email);
        using (var unconfirmed = await secretariat.PostFormAsync($"/sekretariat/brugere/{id}", new Dictionary<string, string>(), $"/sekretariat/brugere/{id}?handler=Disable"))
            Assert.Contains($"Ja, deaktivér {email}", (await unconfirmed.ReadDocumentAsync()).QuerySelector("#confirmDisable-error")?.TextContent ?? "");
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, AccountTestKit.Password)).StatusCode);
        using var disabled = await secretariat.PostFormAsync($"/sekretariat/brugere/{id}", new Dictionary<string, string> { ["confirmDisable"] = "true" }, $"/sekretariat/brugere/{id}?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        using var wrong = await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, "forkert-adgangskode-1");
        using var right = await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, AccountTestKit.Password);

        Assert.Contains(LoginModel.WrongCredentials, (await wrong.ReadDocumentAsync()).Text());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Din bruger er deaktiveret", (await right.ReadDocumentAsync()).Text());

        using var enabled = await secretariat.PostFormAsync($"/sekretariat/brugere/{id}", new Dictionary<string, string>(), $"/sekretariat/brugere/{id}?handler=Enable");
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, AccountTestKit.Password)).StatusCode);
    }

    [Fact]
    public async Task The_secretariat_cannot_disable_itself_or_the_last_active_secretariat_user()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var me = await AccountTestKit.UserIdAsync(app, TestAccounts.SecretariatEmail);

        using var self = await secretariat.PostFormAsync($"/sekretariat/brugere/{me}", new Dictionary<string, string>(), $"/sekretariat/brugere/{me}?handler=Disable");

        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Contains("Du kan ikke deaktivere dig selv", (await self.ReadDocumentAsync()).Text());
        Assert.True(await AccountTestKit.IsSignedInAsync(secretariat));
    }

    [Fact]
    public async Task A_user_sees_their_sessions_ends_one_elsewhere_and_signs_out_everywhere()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var (a, b) = await TwoBrowsersAsync(email);
        var c = await app.SignInAsync(email, AccountTestKit.Password);

        var page = await a.GetDocumentAsync("/konto/sessioner");
        var rows = page.QuerySelectorAll("tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.Single(rows, r => r.TextContent.Contains("(denne browser)"));

        // End one other session: the one that is not this browser and not the newest (c).
        var others = rows.Where(r => !r.TextContent.Contains("(denne browser)")).Select(r => r.QuerySelector("input[name=id]")!.GetAttribute("value")!).ToList();
        using var ended = await a.PostFormAsync("/konto/sessioner", new Dictionary<string, string> { ["id"] = others[^1] }, "/konto/sessioner?handler=End");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(2, (await a.GetDocumentAsync("/konto/sessioner")).QuerySelectorAll("tbody tr").Length);
        Assert.True(await AccountTestKit.IsSignedInAsync(a));
        Assert.Single(new[] { await AccountTestKit.IsSignedInAsync(b), await AccountTestKit.IsSignedInAsync(c) }, x => x);

        using var everywhere = await a.PostFormAsync("/konto/sessioner", new Dictionary<string, string>(), "/konto/sessioner?handler=Everywhere");
        Assert.False(await AccountTestKit.IsSignedInAsync(a));
        Assert.False(await AccountTestKit.IsSignedInAsync(b));
        Assert.False(await AccountTestKit.IsSignedInAsync(c));
    }

    [Fact]
    public async Task A_user_cannot_end_another_users_session_by_posting_its_id()
    {
        var victim = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var victimClient = await app.SignInAsync(victim, AccountTestKit.Password);
        Guid victimSession;
        using (var scope = app.Services.CreateScope())
        {
            var id = await AccountTestKit.UserIdAsync(app, victim);
            victimSession = await scope.ServiceProvider.GetRequiredService<AppDb>().UserSessions.Where(s => s.UserId == id).Select(s => s.Id).SingleAsync();
        }
        var attacker = await app.SignInAsync(await AccountTestKit.CreateUserAsync(app, Roles.Member), AccountTestKit.Password);

        using var tried = await attacker.PostFormAsync("/konto/sessioner", new Dictionary<string, string> { ["id"] = victimSession.ToString() }, "/konto/sessioner?handler=End");

        Assert.True(await AccountTestKit.IsSignedInAsync(victimClient));
    }

    [Theory]
    [InlineData("idle")]
    [InlineData("absolute")]
    public async Task A_session_ends_after_the_idle_limit_and_after_the_absolute_limit(string limit)
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var client = await app.SignInAsync(email, AccountTestKit.Password);
        var id = await AccountTestKit.UserIdAsync(app, email);
        using (var scope = app.Services.CreateScope())
        {
            // Time passes: 31 minutes without a request (the default idle limit is 30), or 10 hours since sign-in.
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var sessions = db.UserSessions.Where(s => s.UserId == id);
            if (limit == "idle") await sessions.ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, DateTime.UtcNow.AddMinutes(-31)));
            else await sessions.ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)));
        }

        Assert.False(await AccountTestKit.IsSignedInAsync(client));
        using var check = app.Services.CreateScope();
        var reason = await check.ServiceProvider.GetRequiredService<AppDb>().UserSessions.Where(s => s.UserId == id).Select(s => s.EndReason).SingleAsync();
        Assert.Equal(limit == "idle" ? SessionEnd.Idle : SessionEnd.Expired, reason);
    }

    [Fact]
    public async Task Activity_within_the_idle_limit_keeps_the_session()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var client = await app.SignInAsync(email, AccountTestKit.Password);
        var id = await AccountTestKit.UserIdAsync(app, email);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDb>().UserSessions.Where(s => s.UserId == id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, DateTime.UtcNow.AddMinutes(-29)));
        }

        Assert.True(await AccountTestKit.IsSignedInAsync(client));

        using var check = app.Services.CreateScope();
        var seen = await check.ServiceProvider.GetRequiredService<AppDb>().UserSessions.Where(s => s.UserId == id).Select(s => s.LastSeenAt).SingleAsync();
        Assert.True(seen > DateTime.UtcNow.AddMinutes(-1), "the request should have moved the last activity forward");
    }
}

public sealed class SessionTestsOnSqlite(SqliteAppFactory app) : SessionTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SessionTestsOnPostgres(PostgresAppFactory app) : SessionTests(app), IClassFixture<PostgresAppFactory>;
