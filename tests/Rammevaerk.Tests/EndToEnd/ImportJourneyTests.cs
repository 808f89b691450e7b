using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rammevaerk.Tests.Import;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// The secretariat brings a folder of archived minutes in with a real browser: uploads it as a zip, watches the
/// progress the page polls for, reads the report, and answers the one question the import could not know (a date the
/// text gives contradictorily), after which those minutes are public. axe on every import page on the way.
/// </summary>
public sealed class ImportJourneyTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    private const string ContradictoryDate = """
        Møde i Socialdirektørforum

        Tid 27. maj februar 2014, kl. 10.00

        Sted Middelfart Rådhus

        Referat

        1. Godkendelse af dagsorden

        Godkendt

        2. Orientering om budgetopfølgningen

        Beslutning

        Orienteringen blev taget til efterretning.
        """;

    [Fact]
    public async Task Secretariat_imports_a_folder_and_answers_the_question_the_import_could_not_know()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await EndToEnd.SignInAsSecretariatAsync(page);

        await page.GotoAsync("/sekretariat/import");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importér referater", Level = 1 })).ToBeVisibleAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "the import page");

        var zip = ImportSteps.Zip(
            ("arkiv/2017-03-24.txt", ImportSteps.Utf8(ArchiveLayoutTests.Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-24-marts-2017"))),
            ("arkiv/2022-05-06.txt", ImportSteps.Utf8(ArchiveLayoutTests.Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-6-maj-2022"))),
            ("arkiv/2014-maj.txt", ImportSteps.Utf8(ContradictoryDate)));
        await page.GetByLabel("Filer (PDF, .html, .txt eller .zip)").SetInputFilesAsync(new FilePayload { Name = "arkiv.zip", MimeType = "application/zip", Buffer = zip });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importér", Exact = true }).ClickAsync();

        // The import runs in the background; the page polls until every file is done.
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/import/\d+$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("3 af 3 filer er færdige.", new() { Timeout = 60_000 });
        var report = page.GetByRole(AriaRole.Table, new() { Name = "Rapport pr. fil" });
        await Expect(report.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await Expect(report.GetByRole(AriaRole.Row, new() { NameRegex = new("2017-03-24\\.txt") })).ToContainTextAsync("Importeret");
        await Expect(report.GetByRole(AriaRole.Row, new() { NameRegex = new("2017-03-24\\.txt") })).ToContainTextAsync("2 / 18");
        await Expect(report.GetByRole(AriaRole.Row, new() { NameRegex = new("2014-maj\\.txt") })).ToContainTextAsync("Importeret med spørgsmål");
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "the import's progress and report");

        // The file's own report says what the import could not know.
        await report.GetByRole(AriaRole.Link, new() { Name = "arkiv.zip/arkiv/2014-maj.txt" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Det kunne importen ikke vide" })).ToBeVisibleAsync();
        await Expect(page.GetByText("to måneder ved samme dag", new() { Exact = false })).ToBeVisibleAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "an imported file's report");

        // Answer it on the questions page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Besvar spørgsmålene" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spørgsmål fra importen", Level = 1 })).ToBeVisibleAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "the questions page");
        var meeting = page.GetByRole(AriaRole.Region, new() { Name = "Møde i Socialdirektørforum, Socialdirektørforum" });
        await meeting.GetByLabel("Dato").FillAsync("2014-05-27");
        await meeting.GetByLabel("Klokkeslæt (hvis kendt)").FillAsync("10:00");
        await meeting.GetByRole(AriaRole.Button, new() { Name = "Gem datoen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Der er ingen åbne spørgsmål.");

        // The minutes are public now, dated as answered.
        await page.GotoAsync("/udvalg/socialdirektoerforum?aar=2014");
        await page.GetByRole(AriaRole.Row, new() { NameRegex = new("27\\. maj 2014") }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Referat: Møde i Socialdirektørforum 27. maj 2014");
        await Expect(EndToEnd.HeaderValue(page, "Start")).ToContainTextAsync("kl. 10:00");
        await Expect(page.GetByText("Orienteringen blev taget til efterretning.")).ToBeVisibleAsync();
    }
}
