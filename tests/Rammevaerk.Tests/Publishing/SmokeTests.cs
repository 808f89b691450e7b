using System.Net;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Publishing;

/// <summary>The public front page and the sign-in form, on both databases.</summary>
public abstract class SmokeTests(AppFactory app)
{
    [Fact]
    public async Task Front_page_answers_and_names_Socialdirektørforum()
    {
        var client = app.CreateAnonymousClient();

        var page = await client.GetDocumentAsync("/");

        Assert.Contains("Socialdirektørforum", page.Text());
    }

    [Fact]
    public async Task Secretariat_signs_in_with_the_right_password()
    {
        var client = app.CreateAnonymousClient();

        using var response = await AppFactory.SubmitSignInAsync(client, TestAccounts.SecretariatEmail, TestAccounts.SecretariatPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Every_test_account_signs_in()
    {
        // Each helper fails unless the sign-in form answers 302.
        await app.SignInAsSecretariatAsync();
        await app.SignInAsMemberAsync();
        await app.SignInAsOutsiderMemberAsync();
        await app.SignInAsMunicipalityAsync();
    }

    [Fact]
    public async Task Wrong_password_redisplays_the_form_with_a_Danish_error()
    {
        var client = app.CreateAnonymousClient();

        using var response = await AppFactory.SubmitSignInAsync(client, TestAccounts.SecretariatEmail, "ikke-den-rigtige-adgangskode");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var alert = page.QuerySelector("[role=alert]")?.TextContent ?? "";
        Assert.Contains("E-mail eller adgangskode er forkert.", alert);
    }
}

public sealed class SmokeTestsOnSqlite(SqliteAppFactory app) : SmokeTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SmokeTestsOnPostgres(PostgresAppFactory app) : SmokeTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The same front page in a real browser, to prove the Kestrel host and Chromium work.</summary>
public sealed class SmokeTestsInBrowser(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Front_page_renders_in_Chromium()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response?.Status);
        Assert.Contains("Socialdirektørforum", await page.Locator("body").InnerTextAsync());
    }
}
