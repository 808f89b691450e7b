using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// What the browser tests share: contexts (desktop or phone), signing in through the form by its labels, reading the
/// meeting header, screenshots on request and axe-core runs with a message a developer can act on.
/// </summary>
internal static class EndToEnd
{
    /// <summary>When set to a folder, <see cref="ScreenshotAsync"/> saves full-page PNGs there as e2e-{name}.png.</summary>
    public const string ScreenshotVariable = "RAMMEVAERK_E2E_SCREENSHOTS";

    /// <summary>An iPhone-sized screen in CSS pixels.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>The WCAG 2.0 and 2.1 levels A and AA rules.</summary>
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// A fresh context with its own cookies, like <see cref="BrowserFixture.NewPageAsync"/> (Danish locale, Copenhagen
    /// time, relative URLs against the app), optionally on a phone screen. Dispose it at the end of the test.
    /// </summary>
    public static Task<IBrowserContext> NewContextAsync(this BrowserFixture browser, Uri baseUrl, ViewportSize? phone = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
            AcceptDownloads = true,
        };
        if (phone is not null)
        {
            options.ViewportSize = phone;
            options.IsMobile = true;
            options.HasTouch = true;
        }
        return browser.Browser.NewContextAsync(options);
    }

    /// <summary>Signs in through /konto/log-ind by the form's labels and waits until the app has let the user in.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(AppFactory.SignInPath);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Log ud") })).ToBeVisibleAsync();
    }

    public static Task SignInAsSecretariatAsync(IPage page) =>
        SignInAsync(page, TestAccounts.SecretariatEmail, TestAccounts.SecretariatPassword);

    /// <summary>
    /// Waits until the page has loaded with its scripts, so that htmx has wired up the live previews; a heading can be
    /// visible before that, and typing then would send no preview.
    /// </summary>
    public static async Task WaitForScriptsAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForFunctionAsync("() => typeof window.htmx !== 'undefined'");
    }

    /// <summary>The value (dd) after a term (dt) in the header of a meeting page: Udvalg, Møde, Sted, Start, Slut, Udgivet.</summary>
    public static ILocator HeaderValue(IPage page, string term) =>
        page.Locator("dl.meeting-header").Locator($"xpath=dt[normalize-space(.)='{term}']/following-sibling::dd[1]");

    /// <summary>Today in Copenhagen as the app prints a publication date, e.g. "23.11.2026".</summary>
    public static string TodayDanish => Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).ToString("dd.MM.yyyy", Rammevaerk.Shared.Danish.Culture);

    /// <summary>A screenshot (whole page, or just the screen) to $RAMMEVAERK_E2E_SCREENSHOTS/e2e-{name}.png; nothing when the variable is unset.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"e2e-{name}.png"), FullPage = fullPage });
    }

    /// <summary>Runs axe-core with the WCAG 2.1 A/AA rules on the page as it is now.</summary>
    public static Task<AxeResult> RunWcagAxeAsync(IPage page) =>
        page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });

    /// <summary>Fails with every violation: rule id, impact, help, link and the first three elements it was found on.</summary>
    public static void AssertNoViolations(AxeResult result, string what)
    {
        Assert.True(result.Passes.Length > 0, $"axe-core checked nothing on {what}; did it run?");
        if (result.Violations.Length == 0) return;
        var message = new StringBuilder($"axe-core found {result.Violations.Length} WCAG 2.1 A/AA violation(s) on {what} ({result.Url}):");
        foreach (var v in result.Violations)
        {
            message.Append($"\n- {v.Id} [{v.Impact}]: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes.Take(3))
            {
                message.Append($"\n    at {node.Target}");
                var why = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).FirstOrDefault(m => !string.IsNullOrEmpty(m));
                if (why is not null) message.Append($" – {why}");
            }
            if (v.Nodes.Length > 3) message.Append($"\n    … and {v.Nodes.Length - 3} more element(s)");
        }
        Assert.Fail(message.ToString());
    }
}
