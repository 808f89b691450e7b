using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using E2E = Rammevaerk.Tests.EndToEnd.EndToEnd;

namespace Rammevaerk.Tests.Economics;

/// <summary>axe-core (WCAG 2.0/2.1 A and AA) on the public economics page and the secretariat's allocation pages.</summary>
public sealed class EconomicsAccessibilityTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Public_economics_page_has_no_WCAG_violations()
    {
        await using var context = await E2E.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/oekonomi");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sekretariatets finansiering 2026" })).ToBeVisibleAsync();
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/oekonomi");
    }

    [Fact]
    public async Task Allocation_pages_have_no_WCAG_violations_and_a_bad_amount_is_shown_at_its_field()
    {
        await using var context = await E2E.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();
        await E2E.SignInAsSecretariatAsync(page);

        await page.GotoAsync("/sekretariat/oekonomi");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/sekretariat/oekonomi");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sekretariatets finansiering 2026" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/oekonomi/\d+$"));
        await Expect(page.Locator("table.allocation-table tfoot")).ToContainTextAsync("2.480.944 kr.");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"the allocation page ({page.Url})");

        await page.GotoAsync("/sekretariat/oekonomi/ny");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/sekretariat/oekonomi/ny");
        await page.GetByLabel("Navn").FillAsync("Negativ prøve");
        await page.GetByLabel("Beløb (kr.)").FillAsync("-100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret og beregn" }).ClickAsync();
        await Expect(page.Locator("#Input_Amount-error")).ToHaveTextAsync("Totalen må ikke være negativ.");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "the allocation form with an error");
    }
}
