using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Rammevaerk.Accounts;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>The app on Kestrel with the test OpenID Connect provider beside it, for the browser journeys.</summary>
public sealed class KestrelOidcAppHost : KestrelAppHost
{
    public TestIdentityProvider Idp { get; } = Task.Run(TestIdentityProvider.StartAsync).GetAwaiter().GetResult();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Idp.AppSettings(OidcAppFactory.Provider)) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Idp.DisposeAsync();
    }
}

/// <summary>
/// Accounts in Chromium: the secretariat invites a municipal employee, who signs in through their organisation's
/// provider (the full authorization code flow with PKCE, in the browser) and from then on with one click; a new
/// secretariat member sets up the authenticator app at the first sign-in. axe checks every new page on the way.
/// </summary>
public sealed class AccountJourneyTests(KestrelOidcAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelOidcAppHost>, IClassFixture<BrowserFixture>
{
    private async Task AxeAsync(IPage page, string what)
    {
        await EndToEnd.ScreenshotAsync(page, "account-" + Regex.Replace(what, "[^a-z0-9]+", "-"));
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), what);
    }

    [Fact]
    public async Task An_invited_municipal_employee_signs_in_through_their_organisation_with_PKCE()
    {
        var email = $"medarbejder-{Guid.NewGuid():N}@kommune-a.test";
        app.Idp.Scenario.Reset($"sub-{Guid.NewGuid():N}", email, "Mette Medarbejder");

        // The secretariat invites.
        await using var office = await browser.NewContextAsync(app.BaseUrl);
        var secretariat = await office.NewPageAsync();
        await EndToEnd.SignInAsSecretariatAsync(secretariat);
        await secretariat.GotoAsync("/sekretariat/brugere");
        await secretariat.GetByLabel("E-mail").FillAsync(email);
        await secretariat.GetByLabel("Navn (valgfrit)").FillAsync("Mette Medarbejder");
        await secretariat.GetByLabel("Rolle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Driftsherre (kommune eller region)" });
        await secretariat.GetByLabel("Driftsherre (for rollen driftsherre)").SelectOptionAsync(new SelectOptionValue { Label = "Varde Kommune" });
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync($"{email} er inviteret som driftsherre");
        var row = secretariat.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("Inviteret");
        await AxeAsync(secretariat, "the users page with an invitation");

        // The invitation waits in the outbox (no mail server here); the secretariat reads the link from it.
        await secretariat.GotoAsync("/sekretariat/udbakke");
        await secretariat.GetByRole(AriaRole.Row).Filter(new() { HasText = email }).GetByRole(AriaRole.Link, new() { Name = "Invitation til Rammeværk" }).ClickAsync();
        var body = await secretariat.Locator("pre.outbox-body").TextContentAsync();
        var link = Regex.Match(body!, @"/konto/invitation\?token=\S+").Value;

        // The employee opens it and chooses the organisation's sign-in.
        await using var desk = await browser.NewContextAsync(app.BaseUrl);
        var employee = await desk.NewPageAsync();
        await employee.GotoAsync(link);
        await Expect(employee.GetByRole(AriaRole.Heading, new() { Name = "Invitation til Rammeværk", Level = 1 })).ToBeVisibleAsync();
        await Expect(employee.GetByRole(AriaRole.Main)).ToContainTextAsync("for Varde Kommune");
        await AxeAsync(employee, "the invitation page");
        await employee.GetByRole(AriaRole.Link, new() { Name = "Fortsæt med Test-IdP (Kommune A)" }).ClickAsync();
        await Expect(employee.GetByRole(AriaRole.Heading, new() { Name = "Test-IdP: log ind" })).ToBeVisibleAsync();
        await employee.GetByRole(AriaRole.Button, new() { Name = "Log ind som Mette Medarbejder" }).ClickAsync();
        await Expect(employee.GetByRole(AriaRole.Button, new() { Name = $"Log ud ({email})" })).ToBeVisibleAsync();
        Assert.Equal("S256", app.Idp.Scenario.CodeChallengeMethods.Last());

        // Her account shows how she signs in and where.
        await employee.GotoAsync("/konto");
        await Expect(employee.GetByRole(AriaRole.Main)).ToContainTextAsync("Test-IdP (Kommune A): ja");
        await AxeAsync(employee, "the account page");
        await employee.GetByRole(AriaRole.Link, new() { Name = "Se og afslut sessioner" }).ClickAsync();
        await Expect(employee.GetByRole(AriaRole.Row).Filter(new() { HasText = "(denne browser)" })).ToContainTextAsync("Test-IdP (Kommune A)");
        await AxeAsync(employee, "the sessions page");

        // Signed out, the button on the sign-in page is all she needs.
        await employee.GetByRole(AriaRole.Button, new() { Name = $"Log ud ({email})" }).ClickAsync();
        await employee.GotoAsync(AppFactory.SignInPath);
        await employee.GetByRole(AriaRole.Link, new() { Name = "Log ind med Test-IdP (Kommune A)" }).ClickAsync();
        await employee.GetByRole(AriaRole.Button, new() { Name = "Log ind som Mette Medarbejder" }).ClickAsync();
        await Expect(employee.GetByRole(AriaRole.Button, new() { Name = $"Log ud ({email})" })).ToBeVisibleAsync();
        await Expect(employee.GetByRole(AriaRole.Link, new() { Name = "Indberetning" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_secretariat_member_sets_up_the_authenticator_at_the_first_sign_in()
    {
        var email = $"ny-i-sekretariatet-{Guid.NewGuid():N}@test.dk";
        const string password = "min-foerste-lange-adgangskode";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Ny i sekretariatet" };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Secretariat)).Succeeded);
        }
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync(AppFactory.SignInPath);
        await AxeAsync(page, "the sign-in page with a provider");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opsæt to-trinsbekræftelse", Level = 1 })).ToBeVisibleAsync();
        await AxeAsync(page, "the authenticator set-up at sign-in");
        var key = (await page.Locator("code.totp-key").TextContentAsync())!.Replace(" ", "").ToUpperInvariant();
        await page.GetByLabel("Kode fra appen").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Slå to-trinsbekræftelse til og log ind" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Gendannelseskoder" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(TwoFactor.RecoveryCodeCount);
        await AxeAsync(page, "the recovery codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Jeg har gemt koderne – fortsæt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Log ud ({email})" })).ToBeVisibleAsync();

        // The next sign-in asks for the code.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Log ud ({email})" }).ClickAsync();
        await page.GotoAsync(AppFactory.SignInPath);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "To-trinsbekræftelse", Level = 1 })).ToBeVisibleAsync();
        await AxeAsync(page, "the code page");
        await page.GetByLabel("Kode (6 cifre)").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekræft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Log ud ({email})" })).ToBeVisibleAsync();

        foreach (var url in new[] { "/konto/to-trin", "/sekretariat/log-ind-indstillinger", "/sekretariat/sikkerhedslog", "/sekretariat/brugere" })
        {
            await page.GotoAsync(url);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await AxeAsync(page, url);
        }
        await page.GetByRole(AriaRole.Link, new() { Name = TestAccounts.MemberEmail }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Oplysninger og rolle" })).ToBeVisibleAsync();
        await AxeAsync(page, "a user's page");
    }

    [Theory]
    [InlineData("/konto/glemt-adgangskode")]
    [InlineData("/konto/laas-op")]
    public async Task The_public_account_pages_have_no_WCAG_violations(string url)
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync(url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        await AxeAsync(page, url);
    }
}
