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

    [Fact]
    public async Task Calculation_pages_and_the_index_table_have_no_WCAG_violations_and_bad_input_is_shown_at_its_field()
    {
        await using var context = await E2E.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();
        await E2E.SignInAsSecretariatAsync(page);

        await page.GotoAsync("/sekretariat/oekonomi");
        await page.GetByRole(AriaRole.Link, new() { Name = Rammevaerk.Demo.DemoEconomics.TableThree }).ClickAsync();
        await Expect(page.Locator("table.calc-table").First).ToContainTextAsync("869.500 kr.");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"the budget table ({page.Url})");

        foreach (var name in new[]
        {
            "Eksempel: døgntakst for et botilbud med begge rentemodeller",
            "Eksempel: underskud på 1,5 mio. kr. hos Middelfart – tre finansieringsmodeller",
            "Eksempel: underskudsgaranti til Middelfart 2027–2029",
            "Eksempel: sekretariatets betaling 2,0 kr. pr. indbygger fremskrevet til 2028",
        })
        {
            await page.GotoAsync("/sekretariat/oekonomi");
            await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await Expect(page.Locator("table.calc-table").First).ToBeVisibleAsync();
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"{name} ({page.Url})");
        }

        foreach (var url in new[] { "/sekretariat/oekonomi/budget/ny", "/sekretariat/oekonomi/takst/ny", "/sekretariat/oekonomi/scenarier/ny", "/sekretariat/oekonomi/garanti/ny", "/sekretariat/oekonomi/fremskrevet-betaling/ny", "/sekretariat/oekonomi/pl-indeks" })
        {
            await page.GotoAsync(url);
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), url);
        }

        await page.GotoAsync("/sekretariat/oekonomi/budget/ny");
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Over 100 procent");
        await page.GetByLabel("Udgiftsbudget i alt (kr.)", new() { Exact = true }).FillAsync("869500");
        await page.GetByLabel("Overhead (%)").FillAsync("101");
        await page.GetByLabel("Navn, linje 1").FillAsync("Esbjerg");
        await page.GetByLabel("Driftsramme, linje 1").FillAsync("413500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret og beregn" }).ClickAsync();
        await Expect(page.Locator("#Input_OverheadPercent-error")).ToHaveTextAsync("Overheadprocenten skal være mellem 0 og 100 (den er 101).");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "the budget form with an error");

        await page.GotoAsync("/sekretariat/oekonomi/pl-indeks");
        await page.GetByLabel("P/L-ændring fra året før (%)").FillAsync("-150");
        await page.GetByLabel("Kilde").FillAsync("Prøve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Expect(page.Locator("#Input_Percent-error")).ToContainTextAsync("P/L-ændringen skal være større end -100");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "the p/l index form with an error");
    }
}
