using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA rules) on the public pages, the sign-in form and the secretariat's pages, in
/// Chromium; and the archived minutes on a phone without sideways scrolling.
/// </summary>
public sealed class AccessibilityTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/udvalg")]
    [InlineData("/udvalg/socialdirektoerforum")]
    [InlineData("/udvalg/socialdirektoerforum?aar=2025")]
    [InlineData("/udvalg/socialdirektoerforum?aar=2024")]
    [InlineData("/udvalg/forretningsudvalget")]
    [InlineData("/konto/log-ind")]
    public async Task Public_page_has_no_WCAG_violations(string url)
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await OpenAsync(page, url);

        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), url);
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    public async Task Seed_minutes_page_has_no_WCAG_violations(int year)
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        var url = await SeedMeetingUrlAsync(page, year);
        await OpenAsync(page, url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex($"^Referat: .* {year}$"));

        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), $"the seed minutes of {year} ({url})");
    }

    [Fact]
    public async Task Forretningsudvalget_agenda_with_a_closed_item_has_no_WCAG_violations()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        var url = await ForretningsudvalgetMeetingUrlAsync(page);
        await OpenAsync(page, url);
        await Expect(page.GetByText("Lukket punkt").First).ToBeVisibleAsync();

        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), $"the Forretningsudvalget agenda ({url})");
    }

    [Fact]
    public async Task Sign_in_form_with_an_error_has_no_WCAG_violations()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        await OpenAsync(page, AppFactory.SignInPath);
        await page.GetByLabel("E-mail").FillAsync(TestAccounts.SecretariatEmail);
        await page.GetByLabel("Adgangskode").FillAsync("ikke-den-rigtige-adgangskode");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("E-mail eller adgangskode er forkert.");

        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "the sign-in form with a wrong password");
    }

    [Theory]
    [InlineData("/sekretariat")]
    [InlineData("/sekretariat/moeder/nyt")]
    public async Task Secretariat_page_has_no_WCAG_violations(string url)
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await EndToEnd.SignInAsSecretariatAsync(page);

        await OpenAsync(page, url);

        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), $"{url} (signed in as the secretariat)");
    }

    [Fact]
    public async Task Secretariat_meeting_and_item_editors_have_no_WCAG_violations()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await EndToEnd.SignInAsSecretariatAsync(page);

        // The published Forretningsudvalget meeting: versions, a closed item, attachments.
        await OpenAsync(page, "/sekretariat");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "30.11.2026" })
            .GetByRole(AriaRole.Link, new() { Name = "Møde i Forretningsudvalget" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/moeder/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Punkter", Level = 2 })).ToBeVisibleAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), $"the meeting editor ({page.Url})");

        // Its closed item 3 with an attachment.
        await page.GetByRole(AriaRole.Link, new() { Name = "Personalesag i sekretariatet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Punkt 3: Personalesag i sekretariatet");
        await Expect(page.GetByLabel("Lukket punkt")).ToBeCheckedAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), $"the item editor ({page.Url})");

        // The same editor after a live preview has come back.
        await EndToEnd.WaitForScriptsAsync(page);
        var background = page.GetByRole(AriaRole.Group, new() { Name = "Baggrund", Exact = true });
        await background.GetByLabel("Tekst (Markdown)").FillAsync("### Overblik\n\n| Kommune | Pladser |\n|---|---|\n| Varde | 12 |");
        await Expect(background.GetByRole(AriaRole.Heading, new() { Name = "Overblik", Level = 4 })).ToBeVisibleAsync();
        await Expect(background.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), $"the item editor with a preview ({page.Url})");
    }

    [Fact]
    public async Task Minutes_of_2025_fit_a_phone_screen_without_sideways_scrolling()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl, EndToEnd.Phone);
        var page = await context.NewPageAsync();

        var url = await SeedMeetingUrlAsync(page, 2025);
        await OpenAsync(page, url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Referat: .* 2025$"));
        await EndToEnd.ScreenshotAsync(page, "public-meeting-phone", fullPage: false);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        var culprits = scrollWidth <= clientWidth + 1 ? "" : await page.EvaluateAsync<string>(
            """
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 8)
                .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right))
                .join('; ')
            """);
        Assert.True(clientWidth <= EndToEnd.Phone.Width, $"The layout viewport is {clientWidth}px wide on a {EndToEnd.Phone.Width}px phone.");
        Assert.True(scrollWidth <= clientWidth + 1,
            $"{url} scrolls sideways on a {EndToEnd.Phone.Width}×{EndToEnd.Phone.Height} phone: scrollWidth {scrollWidth} > clientWidth {clientWidth}. Too wide: {culprits}");
    }

    /// <summary>The failure message of these tests is what a developer fixes from, so it must name rule, impact, help and elements.</summary>
    [Fact]
    public async Task A_violation_is_reported_with_rule_impact_help_and_elements()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            """
            <!DOCTYPE html><html lang="da"><head><title>Prøve</title></head><body><main><h1>Prøve</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="uden-alt-1"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="uden-alt-2">
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="uden-alt-3"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="uden-alt-4">
            </main></body></html>
            """);

        var result = await EndToEnd.RunWcagAxeAsync(page);
        var failure = Assert.ThrowsAny<Exception>(() => EndToEnd.AssertNoViolations(result, "a page with images without alt text"));

        Assert.Contains("image-alt [critical]: Images must have alternative text", failure.Message);
        Assert.Contains("https://dequeuniversity.com/rules/axe/", failure.Message);
        Assert.Contains("#uden-alt-1", failure.Message);
        Assert.Contains("#uden-alt-3", failure.Message);
        Assert.DoesNotContain("#uden-alt-4", failure.Message);
        Assert.Contains("… and 1 more element(s)", failure.Message);
    }

    private static async Task OpenAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.Equal(200, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The only seed minutes of Socialdirektørforum in <paramref name="year"/>, found from the body's year page.</summary>
    private static async Task<string> SeedMeetingUrlAsync(IPage page, int year)
    {
        await OpenAsync(page, $"/udvalg/socialdirektoerforum?aar={year}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Møder i {year}" })).ToBeVisibleAsync();
        var links = page.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Link);
        await Expect(links).ToHaveCountAsync(1);
        return await links.GetAttributeAsync("href") ?? throw new InvalidOperationException($"The {year} meeting link has no href.");
    }

    private static async Task<string> ForretningsudvalgetMeetingUrlAsync(IPage page)
    {
        await OpenAsync(page, "/udvalg/forretningsudvalget?aar=2026");
        var link = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "30. november 2026" }).GetByRole(AriaRole.Link);
        return await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("The meeting link has no href.");
    }
}
