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
/// Single sign-on through a real OpenID Connect provider on loopback (OpenIddict): the code flow with PKCE, an
/// identity linked only through an invitation, the provider's MFA, roles from the provider only where the
/// secretariat allows it, and every kind of bad response — tampered, forged, expired, replayed, another tenant's,
/// a provider that is down — refused with a Danish message and a security log entry.
/// </summary>
public abstract class SingleSignOnTests(OidcAppFactory app)
{
    private const string Start = $"/konto/ekstern/{OidcAppFactory.Provider}";

    /// <summary>A user invited (by the secretariat's form) and the provider's scenario set to a new person of tenant-a.</summary>
    private async Task<(string Email, string InvitationLink)> InviteAsync(string role = Roles.Member)
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var email = $"sso-{Guid.NewGuid():N}@kommune-a.test";
        string person, op;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            person = (await db.Persons.Where(p => p.Name == TestAccounts.MemberPersonName).Select(p => p.Id).FirstAsync()).ToString();
            op = (await db.Operators.Where(o => o.MunicipalityCode == TestAccounts.MunicipalityCode).Select(o => o.Id).FirstAsync()).ToString();
        }
        using var invited = await secretariat.PostFormAsync("/sekretariat/brugere", new Dictionary<string, string>
        {
            ["NewUser.Email"] = email, ["NewUser.DisplayName"] = "SSO-bruger", ["NewUser.Role"] = role,
            ["NewUser.Person"] = role == Roles.Member ? person : "", ["NewUser.Operator"] = role == Roles.Municipality ? op : "",
        }, "/sekretariat/brugere?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        app.Idp.Scenario.Reset($"sub-{Guid.NewGuid():N}", email, "SSO-bruger");
        var link = await AccountTestKit.LatestLinkAsync(app, email, "/konto/invitation");
        Assert.NotNull(link);
        return (email, link!);
    }

    private static string Token(string invitationLink) => invitationLink[(invitationLink.IndexOf("token=", StringComparison.Ordinal) + 6)..];

    private async Task<HttpResponseMessage> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        // The callback answers 302 to /konto/ekstern/retur, which decides.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetAsync(response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_invited_person_links_their_provider_account_with_PKCE_and_signs_in_with_it_from_then_on()
    {
        var (email, link) = await InviteAsync();
        var browser = app.CreateAnonymousClient();

        var (_, callback) = await app.ProviderRoundTripAsync(browser, $"{Start}?invitation={Token(link)}");
        using var landed = await FollowAsync(browser, callback);

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/", landed.Headers.Location!.OriginalString);
        Assert.True(await AccountTestKit.IsSignedInAsync(browser));
        Assert.Equal("S256", app.Idp.Scenario.CodeChallengeMethods.Last());
        Assert.NotEmpty(await AccountTestKit.LogAsync(app, InvitationUsed, email));

        // The invitation is spent; the provider alone signs the person in from now on.
        using var again = await app.CreateAnonymousClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        var later = app.CreateAnonymousClient();
        var (_, callback2) = await app.ProviderRoundTripAsync(later, Start);
        using var landed2 = await FollowAsync(later, callback2);
        Assert.Equal("/", landed2.Headers.Location!.OriginalString);
        Assert.True(await AccountTestKit.IsSignedInAsync(later));
        Assert.Contains((await AccountTestKit.LogAsync(app, SignIn, email)).Select(e => e.Detail), d => d == "Test-IdP (Kommune A)");
    }

    [Fact]
    public async Task An_identity_without_an_invitation_gets_no_account_and_a_Danish_message()
    {
        app.Idp.Scenario.Reset($"sub-{Guid.NewGuid():N}", $"fremmed-{Guid.NewGuid():N}@kommune-a.test", "Fremmed Person");
        var browser = app.CreateAnonymousClient();

        var (_, callback) = await app.ProviderRoundTripAsync(browser, Start);
        using var landed = await FollowAsync(browser, callback);

        Assert.Equal(HttpStatusCode.Forbidden, landed.StatusCode);
        Assert.Contains("ikke knyttet til en bruger i Rammeværk", (await landed.ReadDocumentAsync()).Text());
        Assert.False(await AccountTestKit.IsSignedInAsync(browser));
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDb>().Users.AnyAsync(u => u.Email == app.Idp.Scenario.Email));
    }

    [Fact]
    public async Task The_secretariat_signing_in_through_a_provider_without_MFA_must_set_up_a_second_factor_but_not_with_MFA()
    {
        var (email, link) = await InviteAsync(Roles.Secretariat);
        var first = app.CreateAnonymousClient();

        var (_, callback) = await app.ProviderRoundTripAsync(first, $"{Start}?invitation={Token(link)}");
        using var landed = await FollowAsync(first, callback);

        Assert.Equal(SignInFlow.EnrolPath, landed.Headers.Location!.OriginalString);
        Assert.False(await AccountTestKit.IsSignedInAsync(first));

        app.Idp.Scenario.Amr = ["pwd", "mfa"];
        var second = app.CreateAnonymousClient();
        var (_, callback2) = await app.ProviderRoundTripAsync(second, Start);
        using var landed2 = await FollowAsync(second, callback2);
        Assert.Equal("/", landed2.Headers.Location!.OriginalString);
        Assert.True(await AccountTestKit.IsSignedInAsync(second));
        Assert.Contains((await AccountTestKit.LogAsync(app, SignIn, email)).Select(e => e.Detail), d => d!.EndsWith("med MFA"));
    }

    [Fact]
    public async Task The_secretariat_can_require_Rammevaerks_own_code_on_top_of_a_provider_without_MFA()
    {
        var (_, link) = await InviteAsync(Roles.Member);
        var first = app.CreateAnonymousClient();
        using var landed = await FollowAsync(first, (await app.ProviderRoundTripAsync(first, $"{Start}?invitation={Token(link)}")).Answer);
        Assert.Equal("/", landed.Headers.Location!.OriginalString); // a member through the provider: no code by default

        var secretariat = await app.SignInAsSecretariatAsync();
        using var required = await AccountTestKit.PostSignInSettingsAsync(secretariat, codeFor: [OidcAppFactory.Provider]);
        Assert.Equal(HttpStatusCode.Redirect, required.StatusCode);
        try
        {
            var second = app.CreateAnonymousClient();
            using var asked = await FollowAsync(second, (await app.ProviderRoundTripAsync(second, Start)).Answer);
            Assert.Equal(SignInFlow.EnrolPath, asked.Headers.Location!.OriginalString);

            app.Idp.Scenario.Amr = ["pwd", "mfa"];
            var third = app.CreateAnonymousClient();
            using var withMfa = await FollowAsync(third, (await app.ProviderRoundTripAsync(third, Start)).Answer);
            Assert.Equal("/", withMfa.Headers.Location!.OriginalString);
        }
        finally
        {
            using var reset = await AccountTestKit.PostSignInSettingsAsync(secretariat);
        }
    }

    [Fact]
    public async Task Roles_come_from_the_provider_only_when_the_secretariat_allows_it()
    {
        var (email, link) = await InviteAsync(Roles.Member);
        var browser = app.CreateAnonymousClient();
        app.Idp.Scenario.Roles = ["rv-driftsherre"];
        await FollowAsync(browser, (await app.ProviderRoundTripAsync(browser, $"{Start}?invitation={Token(link)}")).Answer);
        Assert.Equal([Roles.Member], await RolesAsync(email)); // not allowed: the invitation's role stands

        var secretariat = await app.SignInAsSecretariatAsync();
        using var allowed = await AccountTestKit.PostSignInSettingsAsync(secretariat, rolesFrom: [OidcAppFactory.Provider]);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        try
        {
            // The member is not tied to an operator, so the provider's "driftsherre" cannot be given: refused, role kept.
            var again = app.CreateAnonymousClient();
            using var refused = await FollowAsync(again, (await app.ProviderRoundTripAsync(again, Start)).Answer);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("ikke knyttet til en driftsherre", (await refused.ReadDocumentAsync()).Text());

            app.Idp.Scenario.Roles = [];
            var none = app.CreateAnonymousClient();
            using var noRole = await FollowAsync(none, (await app.ProviderRoundTripAsync(none, Start)).Answer);
            Assert.Contains("ikke givet dig en rolle", (await noRole.ReadDocumentAsync()).Text());
            Assert.Equal([Roles.Member], await RolesAsync(email));

            // Tied to Varde as well, the provider's "driftsherre" is given: the role changes and the change is logged.
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                var varde = await db.Operators.Where(o => o.MunicipalityCode == TestAccounts.MunicipalityCode).Select(o => o.Id).FirstAsync();
                await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.OperatorId, varde));
            }
            app.Idp.Scenario.Roles = ["rv-driftsherre", "en-anden-gruppe"];
            var mapped = app.CreateAnonymousClient();
            using var changed = await FollowAsync(mapped, (await app.ProviderRoundTripAsync(mapped, Start)).Answer);
            Assert.Equal("/", changed.Headers.Location!.OriginalString);
            Assert.Equal([Roles.Municipality], await RolesAsync(email));
            Assert.Contains((await AccountTestKit.LogAsync(app, RoleChanged, email)).Select(e => e.Detail), d => d!.StartsWith($"Af udbyderen {OidcAppFactory.Provider}"));
        }
        finally
        {
            using var reset = await AccountTestKit.PostSignInSettingsAsync(secretariat);
        }
    }

    private async Task<IList<string>> RolesAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    /// <summary>A linked user, ready to sign in through the provider; returns the e-mail.</summary>
    private async Task<string> LinkedUserAsync()
    {
        var (email, link) = await InviteAsync();
        var browser = app.CreateAnonymousClient();
        await FollowAsync(browser, (await app.ProviderRoundTripAsync(browser, $"{Start}?invitation={Token(link)}")).Answer);
        Assert.True(await AccountTestKit.IsSignedInAsync(browser));
        return email;
    }

    public static TheoryData<string> BadTokens => ["signature", "issuer", "audience", "nonce", "expired", "tenant", "no-tenant"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_tampered_forged_expired_or_foreign_id_token_signs_no_one_in(string how)
    {
        var email = await LinkedUserAsync();
        var scenario = app.Idp.Scenario;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (how)
        {
            case "signature": scenario.BreakSignatureWith = p => p["email"] = "mallory@evil.test"; break;
            case "issuer": scenario.ResignWith = p => p["iss"] = "https://evil.example/"; break;
            case "audience": scenario.ResignWith = p => p["aud"] = "another-client"; break;
            case "nonce": scenario.ResignWith = p => p["nonce"] = "not-the-nonce-we-sent"; break;
            case "expired": scenario.ResignWith = p => { p["exp"] = now - 3600; p["iat"] = now - 7200; p["nbf"] = now - 7200; }; break;
            case "tenant": scenario.ResignWith = p => p["tid"] = "tenant-b"; break;
            case "no-tenant": scenario.ResignWith = p => p.Remove("tid"); break;
        }
        var browser = app.CreateAnonymousClient();
        var signInsBefore = (await AccountTestKit.LogAsync(app, SignIn, email)).Count;

        var (_, answer) = await app.ProviderRoundTripAsync(browser, Start);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal($"/konto/log-ind?udbyder={OidcAppFactory.Provider}", answer.Headers.Location!.OriginalString);
        var page = await browser.GetDocumentAsync(answer.Headers.Location.OriginalString);
        Assert.Contains("Log ind med Test-IdP (Kommune A) lykkedes ikke", page.Text());
        Assert.False(await AccountTestKit.IsSignedInAsync(browser));
        using var scope = app.Services.CreateScope();
        var failures = await scope.ServiceProvider.GetRequiredService<AppDb>().AuditLog
            .Where(e => e.Action == SignInFailed && e.Detail!.Contains($"udbyderen {OidcAppFactory.Provider} afvist")).CountAsync();
        Assert.True(failures > 0);
        Assert.Equal(signInsBefore, (await AccountTestKit.LogAsync(app, SignIn, email)).Count);
    }

    [Fact]
    public async Task A_tampered_state_and_a_replayed_response_sign_no_one_in()
    {
        await LinkedUserAsync();
        var tampered = app.CreateAnonymousClient();
        var (_, answer) = await app.ProviderRoundTripAsync(tampered, Start, url => url.Replace("state=", "state=x"));
        Assert.Equal($"/konto/log-ind?udbyder={OidcAppFactory.Provider}", answer.Headers.Location!.OriginalString);
        Assert.False(await AccountTestKit.IsSignedInAsync(tampered));

        // A good response works once; the same response again (same browser, or a copy in another) does not.
        var browser = app.CreateAnonymousClient();
        var (callbackUrl, first) = await app.ProviderRoundTripAsync(browser, Start);
        using var landed = await FollowAsync(browser, first);
        Assert.Equal("/", landed.Headers.Location!.OriginalString);
        using var replay = await browser.GetAsync(callbackUrl);
        Assert.Equal($"/konto/log-ind?udbyder={OidcAppFactory.Provider}", replay.Headers.Location!.OriginalString);
        var thief = app.CreateAnonymousClient();
        using var stolen = await thief.GetAsync(callbackUrl);
        Assert.Equal($"/konto/log-ind?udbyder={OidcAppFactory.Provider}", stolen.Headers.Location!.OriginalString);
        Assert.False(await AccountTestKit.IsSignedInAsync(thief));
    }

    [Fact]
    public async Task An_invitation_link_used_twice_or_after_expiry_is_refused_in_Danish()
    {
        var (_, link) = await InviteAsync();
        var browser = app.CreateAnonymousClient();
        await FollowAsync(browser, (await app.ProviderRoundTripAsync(browser, $"{Start}?invitation={Token(link)}")).Answer);

        using var twice = await app.CreateAnonymousClient().GetAsync($"{Start}?invitation={Token(link)}");
        Assert.Equal(HttpStatusCode.Gone, twice.StatusCode);
        Assert.Contains("Invitationen er brugt, udløbet eller ikke gyldig", (await twice.ReadDocumentAsync()).Text());

        var (_, late) = await InviteAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await db.AccountTokens.Where(t => t.UsedAt == null && t.Purpose == AccountTokenPurpose.Invitation)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }
        using var expired = await app.CreateAnonymousClient().GetAsync(late);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("Invitationen er brugt, udløbet eller ikke gyldig", (await expired.ReadDocumentAsync()).Text());
    }

    [Fact]
    public async Task A_provider_that_is_down_gets_a_Danish_message_and_the_password_still_works()
    {
        var browser = app.CreateAnonymousClient();

        using var down = await browser.GetAsync($"/konto/ekstern/{OidcAppFactory.DownProvider}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("Nede-IdP svarer ikke lige nu", (await down.ReadDocumentAsync()).Text());
        using var local = await AppFactory.SubmitSignInAsync(browser, TestAccounts.MemberEmail, TestAccounts.MemberPassword);
        Assert.Equal(HttpStatusCode.Redirect, local.StatusCode);
        Assert.True(await AccountTestKit.IsSignedInAsync(browser));
    }

    [Fact]
    public async Task The_sign_in_page_offers_each_provider()
    {
        var page = await app.CreateAnonymousClient().GetDocumentAsync(AppFactory.SignInPath);

        var links = page.QuerySelectorAll("ul.provider-buttons a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Log ind med Test-IdP (Kommune A)", $"/konto/ekstern/{OidcAppFactory.Provider}"), links);
        Assert.Contains(("Log ind med Nede-IdP", $"/konto/ekstern/{OidcAppFactory.DownProvider}"), links);
    }
}

public sealed class SingleSignOnTestsOnSqlite(SqliteOidcAppFactory app) : SingleSignOnTests(app), IClassFixture<SqliteOidcAppFactory>;

public sealed class SingleSignOnTestsOnPostgres(PostgresOidcAppFactory app) : SingleSignOnTests(app), IClassFixture<PostgresOidcAppFactory>;
