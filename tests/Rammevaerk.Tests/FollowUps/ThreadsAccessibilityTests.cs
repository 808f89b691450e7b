using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using E2E = Rammevaerk.Tests.EndToEnd.EndToEnd;

namespace Rammevaerk.Tests.FollowUps;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA) on the secretariat's pages for the threads between meetings: the follow-up
/// lists and a follow-up's edit page (also with errors), the letters and one letter, the annual cycle's year view and
/// the meeting plan, the announcement editor, the appointment page with its correction form, and a survey's edit form.
/// </summary>
public sealed class ThreadsAccessibilityTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Follow_up_letter_and_annual_cycle_pages_have_no_WCAG_violations()
    {
        await using var context = await E2E.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();
        await E2E.SignInAsSecretariatAsync(page);
        async Task CheckAsync(string what) => E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), what);

        await page.GotoAsync("/sekretariat/opfoelgning");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opfølgning", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("the follow-up lists");

        await page.Locator("table.list tbody td a[href^='/sekretariat/opfoelgning/']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/opfoelgning/\d+$"));
        await CheckAsync($"a follow-up ({page.Url})");
        await page.GetByLabel("Hvad skal der følges op på").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem ændringer" }).ClickAsync();
        await Expect(page.Locator("#Input_Title-error")).ToHaveTextAsync("Skriv, hvad der skal følges op på.");
        await CheckAsync("a follow-up with errors");

        await page.GotoAsync("/sekretariat/opfoelgning/breve");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Breve", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("the letters");
        await page.Locator("table.list tbody a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/opfoelgning/breve/\d+$"));
        await CheckAsync($"a letter ({page.Url})");
        await page.GetByLabel("Emne").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem ændringer" }).ClickAsync();
        await Expect(page.Locator("#Input_Subject-error")).ToHaveTextAsync("Skriv brevets emne.");
        await CheckAsync("a letter with errors");

        await page.GotoAsync("/sekretariat/aarshjul");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("the annual cycle's year view");
        await page.GotoAsync("/sekretariat/aarshjul/moedeplan");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("the meeting plan");
    }

    [Fact]
    public async Task Announcement_appointment_and_survey_edit_pages_have_no_WCAG_violations()
    {
        await using var context = await E2E.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();
        await E2E.SignInAsSecretariatAsync(page);
        async Task CheckAsync(string what) => E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(page), what);

        await page.GotoAsync("/sekretariat/centrale-udmeldinger");
        await page.Locator("table.announcement-list tbody a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/centrale-udmeldinger/\d+$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Slet udmeldingen" })).ToBeVisibleAsync();
        await CheckAsync($"the announcement editor ({page.Url})");

        await page.GotoAsync("/sekretariat/udpegninger");
        await page.GetByRole(AriaRole.Link, new() { Name = "Skift eller afslut" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/udpegninger/\d+$"));
        await CheckAsync($"the appointment page ({page.Url})");
        await page.Locator("#Correction_From").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem rettelsen" }).ClickAsync();
        await Expect(page.Locator("#Correction_From-error")).ToHaveTextAsync("Angiv datoen, udpegningen gælder fra.");
        await CheckAsync("the appointment correction with errors");

        await page.GotoAsync("/sekretariat/behovsanalyser/ny");
        await page.GetByLabel("Titel").FillAsync("Behovsanalyse til tilgængelighedstest");
        await page.GetByLabel("Målgruppe").FillAsync("Borgere med erhvervet hjerneskade");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret behovsanalyse" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/behovsanalyser/\d+$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Redigér behovsanalysen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Redigér behovsanalysen", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Fra år").FillAsync("tyve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem ændringer" }).ClickAsync();
        await Expect(page.Locator("#Input_FromYear-error")).ToContainTextAsync("Fra år");
        await CheckAsync("the survey edit form with errors");
    }
}
