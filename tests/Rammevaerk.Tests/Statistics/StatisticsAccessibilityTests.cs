using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using E2E = Rammevaerk.Tests.EndToEnd.EndToEnd;

namespace Rammevaerk.Tests.Statistics;

/// <summary>axe-core (WCAG 2.0/2.1 A and AA) on /statistik, a dataset page and the secretariat's dataset page.</summary>
public sealed class StatisticsAccessibilityTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Statistics_pages_have_no_WCAG_violations_on_a_computer_or_a_phone()
    {
        foreach (var phone in new ViewportSize?[] { null, E2E.Phone })
        {
            await using var context = await E2E.NewContextAsync(browser, app.BaseUrl, phone);
            var page = await context.NewPageAsync();
            var what = phone is null ? "" : " (phone)";
            await page.GotoAsync("/statistik");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Statistik");
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/statistik" + what);
            await page.Locator("h2 a").First.ClickAsync();
            await Expect(page.Locator("table.stat-table")).ToBeVisibleAsync();
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"the dataset page{what} ({page.Url})");
        }

        await using var admin = await E2E.NewContextAsync(browser, app.BaseUrl);
        var secretariat = await admin.NewPageAsync();
        await E2E.SignInAsSecretariatAsync(secretariat);
        await secretariat.GotoAsync("/sekretariat/statistik");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(secretariat), "/sekretariat/statistik");
        await secretariat.Locator("table.list a").First.ClickAsync();
        await Expect(secretariat.Locator("table.stat-table").First).ToBeVisibleAsync();
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(secretariat), $"the secretariat's dataset page ({secretariat.Url})");
    }
}
