using Microsoft.EntityFrameworkCore;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// axe-core on the pages of issue 17 as the seeds' demo fills them: the case list and a case that went to K22 and KKR,
/// the population page with its 2024 gap and a FOLK1A preview, the June 2025 minutes with their paths, and the
/// capacity list; on a desktop and on a phone.
/// </summary>
public sealed class CasePagesAccessibilityTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Case_population_and_path_pages_have_no_WCAG_violations(bool phone)
    {
        var annualCase = await app.QueryAsync(db => db.OutsideSteps.Select(s => s.CaseId).FirstAsync());
        var june = await app.QueryAsync(db => db.Meetings.Where(m => m.Body.Name == "Socialdirektørforum" && m.StartsAt.Year == 2025 && m.StartsAt.Month == 6).Select(m => m.Id).SingleAsync());
        await using var context = await browser.NewContextAsync(app.BaseUrl, phone ? EndToEnd.Phone : null);
        var page = await context.NewPageAsync();
        var suffix = phone ? "-telefon" : "";

        await page.GotoAsync($"/moeder/{june}#punkt-11");
        await Expect(page.Locator("#punkt-11 .case-path")).ToContainTextAsync("KKR Syddanmark");
        // On a phone the seed's own wide Markdown tables scroll without a focusable element, a finding of the meeting
        // page (Publishing) that is not the path's: there the path alone is checked.
        if (phone) EndToEnd.AssertNoViolations(await page.Locator("#punkt-11 .case-path").RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. EndToEnd.WcagTags] } }), "sagsforløb (telefon)");
        else await Axe(page, "referat 27. juni 2025 med sagsforløb");
        await page.Locator("#punkt-6").ScrollIntoViewIfNeededAsync();
        await EndToEnd.ScreenshotAsync(page, "referat-sagsforloeb" + suffix);

        await page.GotoAsync("/kapacitetsaendringer");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("efter ændringen takst 2.422 kr. pr. døgn");
        await Axe(page, "kapacitetsændringer");
        await EndToEnd.ScreenshotAsync(page, "kapacitetsaendringer" + suffix);

        await EndToEnd.SignInAsSecretariatAsync(page);
        foreach (var (url, name) in new[] { ("/sekretariat/sager", "sager"), ("/sekretariat/sager?q=Billund", "sager-soeg"), ($"/sekretariat/sager/{annualCase}", "sag"), ("/sekretariat/befolkning", "befolkning") })
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(200, response?.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Axe(page, url);
            await EndToEnd.ScreenshotAsync(page, name + suffix);
        }

        // The FOLK1A preview, with one bad row named.
        var file = Path.Combine(Path.GetTempPath(), $"folk1a-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, Municipalities.PopulationTests.Folk1a2024.Replace("\"630 Vejle\"", "\"Atlantis\""), System.Text.Encoding.Latin1);
        await page.GetByLabel("Fil (.csv fra Statistikbanken)").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis forhåndsvisning" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("»Atlantis« er ikke en dansk kommune");
        await Axe(page, "befolkning: forhåndsvisning med fejl");
        await EndToEnd.ScreenshotAsync(page, "befolkning-forhaandsvisning" + suffix);
        File.Delete(file);
    }

    private static async Task Axe(IPage page, string what) =>
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), what);
}
