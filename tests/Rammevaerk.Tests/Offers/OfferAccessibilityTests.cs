using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using E2E = Rammevaerk.Tests.EndToEnd.EndToEnd;

namespace Rammevaerk.Tests.Offers;

/// <summary>axe-core (WCAG 2.0/2.1 A and AA) on the public offer list, offer page and comparison, and the secretariat's register pages.</summary>
public sealed class OfferAccessibilityTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Public_offer_pages_have_no_WCAG_violations_on_a_computer_or_a_phone()
    {
        foreach (var phone in new ViewportSize?[] { null, E2E.Phone })
        {
            await using var context = await E2E.NewContextAsync(browser, app.BaseUrl, phone);
            var page = await context.NewPageAsync();
            var what = phone is null ? "" : " (phone)";

            await page.GotoAsync("/tilbud");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex(@"^Tilbudsliste( \d{4})?$"));
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/tilbud" + what);

            if (await page.Locator("table.offer-table").CountAsync() == 0) continue; // no offers in this database
            await page.GetByLabel("Paragraf").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("paragraf="));
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/tilbud filtered by paragraph" + what);

            await page.Locator("table.offer-table tbody a").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/tilbud/\d+"));
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"the offer page{what} ({page.Url})");

            await page.GotoAsync("/tilbud/udvikling");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Udvikling i pladser og takster");
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/tilbud/udvikling" + what);
        }
    }

    [Fact]
    public async Task Register_pages_have_no_WCAG_violations_and_a_bad_offer_is_shown_at_its_fields()
    {
        await using var context = await E2E.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();
        await E2E.SignInAsSecretariatAsync(page);

        await page.GotoAsync("/sekretariat/tilbud");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/sekretariat/tilbud");
        await page.GotoAsync("/sekretariat/tilbud/lister");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/sekretariat/tilbud/lister");

        await page.GotoAsync("/sekretariat/tilbud/ny");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/sekretariat/tilbud/ny");
        await page.GetByLabel("Tilbuddets navn").FillAsync("Tilgængelighedstest");
        await page.GetByLabel("Driftsherre", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Varde Kommune" });
        await page.GetByLabel("Afdelingens navn").FillAsync("Botilbud");
        await page.GetByLabel("Ydelse", new() { Exact = true }).FillAsync("Midlertidigt botilbud");
        await page.GetByLabel("Pladser").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret tilbud" }).ClickAsync();
        await Expect(page.Locator("#f-Departments-0-Services-0-Places-error")).ToContainTextAsync("Et aktivt tilbud kan ikke have 0 pladser");
        await Expect(page.Locator("#f-Reason-error")).ToContainTextAsync("Skriv en begrundelse");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "the offer form with errors");

        await page.GotoAsync("/sekretariat/tilbud");
        var first = page.Locator("table.offer-table tbody tr").First;
        if (await first.CountAsync() == 0) return;
        await first.GetByRole(AriaRole.Link, new() { Name = "Historik" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/historik$"));
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"the offer history ({page.Url})");
        await page.GoBackAsync();
        await first.Locator("th a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/tilbud/\d+$"));
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"the offer form ({page.Url})");
    }
}
