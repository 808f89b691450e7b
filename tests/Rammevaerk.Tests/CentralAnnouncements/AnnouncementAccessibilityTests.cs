using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using E2E = Rammevaerk.Tests.EndToEnd.EndToEnd;

namespace Rammevaerk.Tests.CentralAnnouncements;

/// <summary>axe-core (WCAG 2.0/2.1 A and AA) on the central announcements' and appointments' public and secretariat pages.</summary>
public sealed class AnnouncementAndAppointmentAccessibilityTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Public_pages_have_no_WCAG_violations_on_a_computer_or_a_phone()
    {
        foreach (var phone in new ViewportSize?[] { null, E2E.Phone })
        {
            await using var context = await E2E.NewContextAsync(browser, app.BaseUrl, phone);
            var page = await context.NewPageAsync();
            var what = phone is null ? "" : " (phone)";

            await page.GotoAsync("/centrale-udmeldinger");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Centrale udmeldinger");
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/centrale-udmeldinger" + what);

            await page.Locator("table.announcement-list tbody a").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/centrale-udmeldinger/\d+$"));
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"an announcement{what} ({page.Url})");

            await page.GotoAsync("/udpegninger");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Udpegninger");
            E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/udpegninger" + what);
        }
    }

    [Fact]
    public async Task Secretariat_pages_have_no_WCAG_violations_also_with_errors()
    {
        await using var context = await E2E.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();
        await E2E.SignInAsSecretariatAsync(page);

        await page.GotoAsync("/sekretariat/centrale-udmeldinger");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/sekretariat/centrale-udmeldinger");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret central udmelding" }).ClickAsync();
        await Expect(page.Locator("#NewAnnouncement_Title-error")).ToHaveTextAsync("Skriv en titel.");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "the announcement form with errors");

        await page.GotoAsync("/sekretariat/centrale-udmeldinger");
        await page.Locator("table.announcement-list tbody a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/centrale-udmeldinger/\d+$"));
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"the announcement editor ({page.Url})");

        await page.GotoAsync("/sekretariat/udpegninger");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), "/sekretariat/udpegninger");
        await page.GetByRole(AriaRole.Link, new() { Name = "Skift eller afslut" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/udpegninger/\d+$"));
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), $"the appointment change page ({page.Url})");
    }
}
