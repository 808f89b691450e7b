using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Tests.Infrastructure;
using static Rammevaerk.Notifications.SecurityEvents;

namespace Rammevaerk.Tests.Accounts;

/// <summary>
/// Invitations and password resets by e-mail through the outbox: single-use, expiring links, and answers that never
/// tell whether an address has an account. Every operator of the region, the region included, can have users.
/// </summary>
public abstract class InvitationAndResetTests(AppFactory app)
{
    private async Task<string> OperatorIdAsync(bool region)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return (await db.Operators.Where(o => region ? o.Kind == Rammevaerk.Offers.OperatorKind.Region : o.MunicipalityCode == TestAccounts.SecondMunicipalityCode)
            .Select(o => o.Id).SingleAsync()).ToString();
    }

    private async Task<HttpResponseMessage> InviteAsync(HttpClient secretariat, string email, string role, string op = "", string person = "") =>
        await secretariat.PostFormAsync("/sekretariat/brugere", new Dictionary<string, string>
        {
            ["NewUser.Email"] = email, ["NewUser.DisplayName"] = "Inviteret Person", ["NewUser.Role"] = role, ["NewUser.Operator"] = op, ["NewUser.Person"] = person,
        }, "/sekretariat/brugere?handler=Invite");

    private static string Token(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    [Fact]
    public async Task The_region_as_operator_gets_a_user_by_invitation_who_chooses_a_password_and_reports_occupancy()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var email = $"region-{Guid.NewGuid():N}@regionsyddanmark.test";

        using var invited = await InviteAsync(secretariat, email, Roles.Municipality, await OperatorIdAsync(region: true));

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var list = await secretariat.GetDocumentAsync("/sekretariat/brugere");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(email));
        Assert.Contains("Region Syddanmark", row.TextContent);
        Assert.Contains("Inviteret", row.TextContent);
        var link = await AccountTestKit.LatestLinkAsync(app, email, "/konto/invitation");
        Assert.NotNull(link);
        Assert.NotEmpty(await AccountTestKit.LogAsync(app, UserInvited, email));

        var person = app.CreateAnonymousClient();
        var page = await person.GetDocumentAsync(link!);
        Assert.Contains("inviteret som driftsherre (kommune eller region) for Region Syddanmark", page.Text());
        using var chosen = await person.PostFormAsync(link!, new Dictionary<string, string>
        {
            ["token"] = Token(link!), ["NewPassword"] = "regionens-egen-adgangskode", ["RepeatPassword"] = "regionens-egen-adgangskode",
        });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var signedIn = await app.SignInAsync(email, "regionens-egen-adgangskode");
        var occupancy = await signedIn.GetDocumentAsync("/indberetning/belaegning");
        Assert.DoesNotContain("ikke knyttet til en driftsherre", occupancy.Text());
        Assert.Contains("Region Syddanmark", occupancy.Text());

        using var twice = await app.CreateAnonymousClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, twice.StatusCode);
        Assert.Contains("Invitationen er brugt, udløbet eller ikke gyldig", (await twice.ReadDocumentAsync()).Text());
    }

    [Fact]
    public async Task A_bad_invitation_form_names_each_field_and_saves_nothing()
    {
        var secretariat = await app.SignInAsSecretariatAsync();

        using var noOperator = await InviteAsync(secretariat, "ikke-en-adresse", Roles.Municipality, op: "999999");
        using var existing = await InviteAsync(secretariat, TestAccounts.MemberEmail, Roles.Member);

        var text = (await noOperator.ReadDocumentAsync()).Text();
        Assert.Contains("E-mailadressen er ikke gyldig", text);
        Assert.Contains("Vælg en af driftsherrerne i Region Syddanmark fra listen", text);
        Assert.Contains("Vælg den person, brugeren er", (await existing.ReadDocumentAsync()).Text());
        var withPerson = await InviteAsync(secretariat, TestAccounts.MemberEmail, Roles.Member, person: "1");
        Assert.Contains("Der findes allerede en bruger med e-mailadressen", (await withPerson.ReadDocumentAsync()).Text());
        Assert.Equal(0, await AccountTestKit.MailCountAsync(app, "ikke-en-adresse"));
    }

    [Fact]
    public async Task An_expired_invitation_is_refused_and_a_new_one_replaces_the_old_link()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var email = $"sen-{Guid.NewGuid():N}@test.dk";
        await InviteAsync(secretariat, email, Roles.Municipality, await OperatorIdAsync(region: false));
        var first = (await AccountTestKit.LatestLinkAsync(app, email, "/konto/invitation"))!;
        var id = await AccountTestKit.UserIdAsync(app, email);

        using var resent = await secretariat.PostFormAsync($"/sekretariat/brugere/{id}", new Dictionary<string, string>(), $"/sekretariat/brugere/{id}?handler=Invite");
        var second = (await AccountTestKit.LatestLinkAsync(app, email, "/konto/invitation"))!;
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Gone, (await app.CreateAnonymousClient().GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAnonymousClient().GetAsync(second)).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDb>().AccountTokens.Where(t => t.UserId == id)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)));
        }
        using var late = await app.CreateAnonymousClient().PostFormAsync("/konto/glemt-adgangskode", new Dictionary<string, string>
        {
            ["token"] = Token(second), ["NewPassword"] = "for-sent-men-lang-nok", ["RepeatPassword"] = "for-sent-men-lang-nok",
        }, "/konto/invitation");
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        using var scope2 = app.Services.CreateScope();
        Assert.Null((await scope2.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.PasswordHash);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_any_address_and_mails_only_an_account()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var unknown = $"findes-ikke-{Guid.NewGuid():N}@test.dk";

        using var known = await app.CreateAnonymousClient().PostFormAsync("/konto/glemt-adgangskode", new Dictionary<string, string> { ["email"] = email });
        using var nobody = await app.CreateAnonymousClient().PostFormAsync("/konto/glemt-adgangskode", new Dictionary<string, string> { ["email"] = unknown });

        Assert.Equal(known.StatusCode, nobody.StatusCode);
        Assert.Equal((await known.ReadDocumentAsync()).QuerySelector("main")!.TextContent, (await nobody.ReadDocumentAsync()).QuerySelector("main")!.TextContent);
        Assert.Equal(0, await AccountTestKit.MailCountAsync(app, unknown));
        Assert.NotNull(await AccountTestKit.LatestLinkAsync(app, email, "/konto/ny-adgangskode"));
    }

    private async Task<string> LatestBodyAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync();
    }

    /// <summary>A link a mail client can open: scheme and host before the path, never the bare path on its own line.</summary>
    private static void AssertAbsolute(string body, string path)
    {
        Assert.Matches(@"(?m)^(Se mere: )?https?://[^/\s]+" + System.Text.RegularExpressions.Regex.Escape(path), body);
        Assert.DoesNotMatch(@"(?m)^(Se mere: )?" + System.Text.RegularExpressions.Regex.Escape(path), body);
    }

    [Fact]
    public async Task Every_e_mail_link_is_absolute_without_a_configured_address_from_a_request_or_from_no_request()
    {
        // From a request (the test server is reached as http://localhost): reset and invitation as the site was reached.
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        await app.CreateAnonymousClient().PostFormAsync("/konto/glemt-adgangskode", new Dictionary<string, string> { ["email"] = email });
        Assert.Contains("http://localhost/konto/ny-adgangskode?token=", await LatestBodyAsync(email));
        var invitee = $"inviteret-{Guid.NewGuid():N}@kommune.test";
        using (var invited = await InviteAsync(await app.SignInAsSecretariatAsync(), invitee, Roles.Municipality, await OperatorIdAsync(region: true)))
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Contains("http://localhost/konto/invitation?token=", await LatestBodyAsync(invitee));

        // From no request (demo data at start-up, a daily job): the server's own address, not a bare path.
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
            await sp.GetRequiredService<AccountMails>().PasswordResetAsync(user!, "uden-forespoergsel", bySecretariat: true);
            await sp.GetRequiredService<AppDb>().SaveChangesAsync();
        }
        AssertAbsolute(await LatestBodyAsync(email), "/konto/ny-adgangskode?token=uden-forespoergsel");
        using (var scope = app.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var id = await AccountTestKit.UserIdAsync(app, email);
            await sp.GetRequiredService<Rammevaerk.Notifications.Notifier>().NotifyUsersAsync([id], "Påmindelse", "Husk indberetningen.", "/notifikationer", "test");
            await sp.GetRequiredService<AppDb>().SaveChangesAsync();
        }
        AssertAbsolute(await LatestBodyAsync(email), "/notifikationer");
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_ends_every_session()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var signedIn = await app.SignInAsync(email, AccountTestKit.Password);
        await app.CreateAnonymousClient().PostFormAsync("/konto/glemt-adgangskode", new Dictionary<string, string> { ["email"] = email });
        var link = (await AccountTestKit.LatestLinkAsync(app, email, "/konto/ny-adgangskode"))!;
        var browser = app.CreateAnonymousClient();

        using var mismatch = await browser.PostFormAsync(link, new Dictionary<string, string>
        {
            ["token"] = Token(link), ["NewPassword"] = "den-nye-adgangskode", ["RepeatPassword"] = "noget-andet",
        });
        Assert.Contains("De to adgangskoder er ikke ens", (await mismatch.ReadDocumentAsync()).Text());
        using var common = await browser.PostFormAsync(link, new Dictionary<string, string>
        {
            ["token"] = Token(link), ["NewPassword"] = "password1", ["RepeatPassword"] = "password1",
        });
        Assert.Contains("for almindelig", (await common.ReadDocumentAsync()).Text());
        using var reset = await browser.PostFormAsync(link, new Dictionary<string, string>
        {
            ["token"] = Token(link), ["NewPassword"] = "den-nye-adgangskode", ["RepeatPassword"] = "den-nye-adgangskode",
        });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.False(await AccountTestKit.IsSignedInAsync(signedIn));
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, "den-nye-adgangskode")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, AccountTestKit.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await app.CreateAnonymousClient().GetAsync(link)).StatusCode);
        Assert.NotEmpty(await AccountTestKit.LogAsync(app, PasswordReset, email));
    }

    [Fact]
    public async Task The_secretariats_reset_removes_the_password_at_once_and_mails_a_link()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        var id = await AccountTestKit.UserIdAsync(app, email);
        var secretariat = await app.SignInAsSecretariatAsync();

        using var reset = await secretariat.PostFormAsync($"/sekretariat/brugere/{id}", new Dictionary<string, string>(), $"/sekretariat/brugere/{id}?handler=ResetPassword");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, AccountTestKit.Password)).StatusCode);
        Assert.NotNull(await AccountTestKit.LatestLinkAsync(app, email, "/konto/ny-adgangskode"));
    }

    [Fact]
    public async Task A_role_without_passwords_cannot_choose_one_and_the_secretariat_is_told_who_would_be_shut_out()
    {
        var secretariat = await app.SignInAsSecretariatAsync();

        using var refused = await AccountTestKit.PostSignInSettingsAsync(secretariat, passwordsOff: [Roles.Member]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Adgangskoder kan ikke slås fra for rollen medlem (direktør)", (await refused.ReadDocumentAsync()).Text());
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().RoleSignInRules.AnyAsync(r => !r.PasswordAllowed));
    }

    [Fact]
    public async Task When_passwords_are_off_for_a_role_its_users_are_sent_to_their_provider()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Municipality);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            db.RoleSignInRules.Add(new RoleSignInRule { Role = Roles.Municipality, PasswordAllowed = false });
            await db.SaveChangesAsync();
        }
        try
        {
            using var right = await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, AccountTestKit.Password);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Contains("Din rolle må ikke logge ind med adgangskode", (await right.ReadDocumentAsync()).Text());

            await app.CreateAnonymousClient().PostFormAsync("/konto/glemt-adgangskode", new Dictionary<string, string> { ["email"] = email });
            Assert.Null(await AccountTestKit.LatestLinkAsync(app, email, "/konto/ny-adgangskode"));
            Assert.Equal(1, await AccountTestKit.MailCountAsync(app, email)); // the mail that names the provider instead
        }
        finally
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AppDb>().RoleSignInRules.ExecuteDeleteAsync();
        }
    }
}

public sealed class InvitationAndResetTestsOnSqlite(SqliteAppFactory app) : InvitationAndResetTests(app), IClassFixture<SqliteAppFactory>;

public sealed class InvitationAndResetTestsOnPostgres(PostgresAppFactory app) : InvitationAndResetTests(app), IClassFixture<PostgresAppFactory>;
