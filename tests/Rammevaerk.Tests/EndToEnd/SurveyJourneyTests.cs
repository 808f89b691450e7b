using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// A needs survey in a real browser: the secretariat defines and opens it; Varde and Billund answer (Varde first
/// types a negative number and reads the message); the secretariat sees "2 af 22 har svaret", inserts the result
/// table into an agenda item, and the table shows on that item's meeting page. axe-core checks every page.
/// </summary>
public sealed class SurveyJourneyTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_survey_is_defined_answered_by_two_municipalities_and_its_table_lands_on_an_agenda_item()
    {
        const string title = "Behovsanalyse ende til ende";
        // A published agenda with an item to receive the table (set up over HTTP; the meeting pages have their own journey).
        var http = await app.SignInAsSecretariatAsync();
        var meetingId = await http.CreateMeetingAsync(await app.BodyIdAsync("Socialdirektørforum"), "Møde om behovsanalysen");
        var itemId = await http.AddItemAsync(app, meetingId, "Behovsanalyse for borgere med dobbeltdiagnose");
        using (var published = await http.MeetingActionAsync(meetingId, "PublishAgenda")) Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var itemNumber = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == itemId).Select(i => i.Number).SingleAsync());

        // --- The secretariat defines and opens the survey ----------------------------------------------------------------
        await using var secretariat = await browser.NewContextAsync(app.BaseUrl);
        var sec = await secretariat.NewPageAsync();
        await EndToEnd.SignInAsSecretariatAsync(sec);
        await sec.GotoAsync("/sekretariat/behovsanalyser");
        await Axe(sec, "behovsanalyser (sekretariat)");
        await sec.GetByRole(AriaRole.Link, new() { Name = "Ny behovsanalyse" }).ClickAsync();
        await Axe(sec, "ny behovsanalyse");
        await sec.GetByLabel("Titel").FillAsync(title);
        await sec.GetByLabel("Målgruppe").FillAsync("Borgere med dobbeltdiagnose");
        await sec.GetByLabel("Fra år").FillAsync("2027");
        await sec.GetByLabel("Til år").FillAsync("2029");
        await sec.GetByLabel("Frist").FillAsync(DateTime.Today.AddDays(30).ToString("yyyy-MM-dd"));
        await sec.GetByLabel("Sammenlign med tidligere behovsanalyse").SelectOptionAsync(new SelectOptionValue { Label = "Genvurderingen (Borgere med dobbeltdiagnose)" });
        await sec.GetByRole(AriaRole.Button, new() { Name = "Opret behovsanalyse" }).ClickAsync();
        await Expect(sec).ToHaveURLAsync(new Regex(@"/sekretariat/behovsanalyser/\d+$"));
        var surveyUrl = new Uri(sec.Url).AbsolutePath;
        var surveyId = surveyUrl.Split('/').Last();
        await sec.GetByRole(AriaRole.Button, new() { Name = "Åbn og giv kommunerne besked" }).ClickAsync();
        await Expect(sec.GetByRole(AriaRole.Status)).ToContainTextAsync("Behovsanalysen er åbnet");
        await Expect(sec.GetByText("0 af 22 har svaret")).ToBeVisibleAsync();
        await Axe(sec, "åben behovsanalyse");

        // --- Varde answers, after a negative number is refused --------------------------------------------------------
        await using var varde = await browser.NewContextAsync(app.BaseUrl);
        var v = await varde.NewPageAsync();
        await EndToEnd.SignInAsync(v, TestAccounts.MunicipalityEmail, TestAccounts.MunicipalityPassword);
        await v.GotoAsync("/behovsanalyse");
        await Axe(v, "behovsanalyser (kommune)");
        await v.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(v.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{title} – Varde Kommune");
        await Axe(v, "svar (kommune)");
        await v.GetByLabel("Pladser i 2027").FillAsync("2");
        await v.GetByLabel("Pladser i 2028").FillAsync("-1");
        await v.GetByLabel("Pladser i 2029").FillAsync("1");
        await v.GetByRole(AriaRole.Button, new() { Name = "Gem svar" }).ClickAsync();
        await Expect(v.GetByRole(AriaRole.Alert)).ToContainTextAsync("Jeres svar er ikke gemt");
        await Expect(v.Locator("#places-2028-error")).ToHaveTextAsync("Antal pladser i 2028 kan ikke være negativt.");
        await Axe(v, "svar med fejl (kommune)");
        await v.GetByLabel("Pladser i 2028").FillAsync("3");
        await v.GetByRole(AriaRole.Button, new() { Name = "Gem svar" }).ClickAsync();
        await Expect(v.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Jeres svar på {title} er gemt.");

        // --- Billund answers ------------------------------------------------------------------------------------------
        await using var billund = await browser.NewContextAsync(app.BaseUrl);
        var b = await billund.NewPageAsync();
        await EndToEnd.SignInAsync(b, TestAccounts.SecondMunicipalityEmail, TestAccounts.SecondMunicipalityPassword);
        await b.GotoAsync($"/behovsanalyse/{surveyId}");
        await b.GetByLabel("Pladser i 2027").FillAsync("1");
        await b.GetByLabel("Pladser i 2028").FillAsync("0");
        await b.GetByLabel("Pladser i 2029").FillAsync("4");
        await b.GetByRole(AriaRole.Button, new() { Name = "Gem svar" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Jeres svar på {title} er gemt.");

        // --- The secretariat sees both and inserts the table into the item -------------------------------------------
        await sec.GotoAsync(surveyUrl);
        await Expect(sec.GetByText("2 af 22 har svaret")).ToBeVisibleAsync();
        var result = sec.Locator("table.survey-result");
        await Expect(result.GetByRole(AriaRole.Row, new() { Name = $"{title} (2)" })).ToContainTextAsync("3");
        await sec.GetByLabel("Møde og punkt").SelectOptionAsync(new SelectOptionValue { Value = itemId.ToString() });
        await sec.GetByRole(AriaRole.Button, new() { Name = "Indsæt på dagsorden" }).ClickAsync();
        await Expect(sec.GetByRole(AriaRole.Status)).ToContainTextAsync($"Resultattabellen er indsat i punkt {itemNumber}");
        await Axe(sec, "behovsanalyse efter indsættelse");

        // --- The table shows on the item once the new version of the agenda is published ---------------------------------
        using (var republished = await http.MeetingActionAsync(meetingId, "PublishNewVersion")) Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);
        await sec.GotoAsync($"/moeder/{meetingId}");
        var item = sec.Locator($"#punkt-{itemNumber}");
        var table = item.Locator("table").Filter(new() { HasText = $"{title} (2)" });
        await Expect(table).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Row, new() { Name = $"{title} (2)" })).ToContainTextAsync("3");
        await Expect(table.GetByRole(AriaRole.Row, new() { Name = "Genvurderingen, samme kommuner (0)" })).ToBeVisibleAsync();
        await Axe(sec, "mødet med tabellen");
    }

    private static async Task Axe(IPage page, string what) =>
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), what);
}
