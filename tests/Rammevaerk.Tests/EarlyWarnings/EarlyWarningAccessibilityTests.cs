using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using E2E = Rammevaerk.Tests.EndToEnd.EndToEnd;

namespace Rammevaerk.Tests.EarlyWarnings;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA) on the early-warning pages (the municipality's list, form with errors and a
/// warning; the secretariat's rounds and the demo round of 2026) and the public capacity overview (/tilbud/kapacitet).
/// </summary>
public sealed class EarlyWarningAccessibilityTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_capacity_overview_has_no_WCAG_violations_on_a_computer_or_a_phone()
    {
        foreach (var phone in new ViewportSize?[] { null, E2E.Phone })
        {
            await using var context = await E2E.NewContextAsync(browser, app.BaseUrl, phone);
            var page = await context.NewPageAsync();
            var what = phone is null ? "" : " (phone)";
            await page.GotoAsync("/tilbud");
            await page.GetByRole(AriaRole.Link, new() { Name = "Kapacitet over tid" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kapacitet i Region Syddanmark");
            await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Pladser pr. paragraf") })).ToBeVisibleAsync();
            await E2E.ScreenshotAsync(page, "capacity-overview" + (phone is null ? "" : "-phone"));
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/tilbud/kapacitet" + what);
        }
    }

    [Fact]
    public async Task The_municipalitys_early_warning_pages_have_no_WCAG_violations_and_errors_are_shown_at_their_fields()
    {
        await using var context = await E2E.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();
        await E2E.SignInAsync(page, TestAccounts.MunicipalityEmail, TestAccounts.MunicipalityPassword);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Early warning" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Early warning om takstændringer");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/early-warning");

        // Varde's demo warning on Lunden, with its form.
        await page.GetByRole(AriaRole.Link, new() { Name = "Bo- og Rehabiliteringscenter Lunden" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/early-warning/\d+$"));
        await Expect(page.GetByText("Billund (3 borgere)", new() { Exact = false })).ToBeVisibleAsync();
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"the warning page ({page.Url})");

        await page.GotoAsync("/early-warning/ny");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/early-warning/ny");
        await page.GetByLabel("Tilbud", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Bo- og Rehabiliteringscenter Lunden" });
        await page.GetByLabel("Ændring i procent").FillAsync("fire");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Meld varslet") }).ClickAsync();
        await Expect(page.Locator("#f-ChangePercent-error")).ToContainTextAsync("Ændring i procent skal være et tal");
        await Expect(page.Locator("#f-Reason-error")).ToContainTextAsync("Begrundelse");
        await Expect(page.Locator("#fejl")).ToContainTextAsync("Varslet blev ikke gemt");
        await E2E.ScreenshotAsync(page, "early-warning-form-errors");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "the warning form with errors");
    }

    [Fact]
    public async Task The_secretariats_early_warning_pages_have_no_WCAG_violations()
    {
        await using var context = await E2E.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();
        await E2E.SignInAsSecretariatAsync(page);
        await page.GotoAsync("/sekretariat/early-warning");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Early warning om takstændringer");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/sekretariat/early-warning");
        await page.GetByRole(AriaRole.Link, new() { Name = "Early warning 2026" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Early warning 2026");
        await E2E.ScreenshotAsync(page, "early-warning-round");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/sekretariat/early-warning/2026");
    }
}
