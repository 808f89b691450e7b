using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// A capacity change notice in a real browser, from filing to the decision back: Billund files a reduction on Skibet
/// and submits; Varde (a buyer of Skibet) finds the notification and reads the notice, but cannot change it (403);
/// the secretariat puts it on an agenda as one item and records the forum's response; Billund sees the decision with
/// its link. axe-core checks every page on the way.
/// </summary>
public sealed class CapacityJourneyTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_notice_is_filed_told_to_a_buyer_refused_to_another_municipality_put_on_the_agenda_and_decided()
    {
        // Varde buys places on Skibet, so it is told both as a region municipality and as a buyer.
        await app.QueryAsync(async db =>
        {
            var skibet = await db.Offers.SingleAsync(o => o.Name == "Skibet");
            if (!await db.OfferBuyers.AnyAsync(b => b.OfferId == skibet.Id && b.MunicipalityCode == TestAccounts.MunicipalityCode))
            {
                db.OfferBuyers.Add(new Rammevaerk.Offers.OfferBuyer { OfferId = skibet.Id, MunicipalityCode = TestAccounts.MunicipalityCode, Citizens = 1 });
                await db.SaveChangesAsync();
            }
            return skibet.Id;
        });
        var effective = DateTime.Today.AddDays(90);

        // --- Billund files and submits ---------------------------------------------------------------------------
        await using var billund = await browser.NewContextAsync(app.BaseUrl);
        var b = await billund.NewPageAsync();
        await EndToEnd.SignInAsync(b, TestAccounts.SecondMunicipalityEmail, TestAccounts.SecondMunicipalityPassword);
        await b.GotoAsync("/kapacitet");
        await Axe(b, "kapacitet (kommune)");
        await b.GetByRole(AriaRole.Link, new() { Name = "Ny orientering om ændring i kapacitet" }).ClickAsync();
        await b.GetByLabel("Tilbud").SelectOptionAsync(new SelectOptionValue { Label = "Skibet" });
        await b.GetByLabel("Art af ændring").SelectOptionAsync(new SelectOptionValue { Label = "Reduktion af pladser" });
        await Axe(b, "ny orientering: valg af tilbud");
        await b.GetByRole(AriaRole.Button, new() { Name = "Fortsæt" }).ClickAsync();
        var line = b.GetByRole(AriaRole.Group, new() { Name = "Ydelse: Akut- og aflastningspladser", Exact = true });
        await Expect(line.GetByLabel("Pladser før")).ToHaveValueAsync("6");
        await line.GetByLabel("Pladser efter").FillAsync("5");
        await b.GetByLabel("Begrundelse for ændringen").FillAsync("Færre henvendelser til akutpladserne det seneste år.");
        await b.GetByLabel("Ændringens konsekvenser").FillAsync("Ingen for køberkommunerne; Billund bruger selv de fleste pladser.");
        await b.GetByLabel("Tidspunkt for ændringen").FillAsync("2020-01-01");
        await b.GetByRole(AriaRole.Button, new() { Name = "Indsend orienteringen" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Alert)).ToContainTextAsync("ligger i fortiden");
        await Axe(b, "ny orientering med fejl");
        await b.GetByLabel("Tidspunkt for ændringen").FillAsync(effective.ToString("yyyy-MM-dd"));
        await b.GetByRole(AriaRole.Button, new() { Name = "Indsend orienteringen" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Status)).ToContainTextAsync("Orienteringen er indsendt");
        await Expect(b.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reduktion af pladser på Skibet, Billund Kommune");
        var noticeUrl = new Uri(b.Url).AbsolutePath;
        Assert.Matches(new Regex(@"^/kapacitet/\d+$"), noticeUrl);
        await Axe(b, "indsendt orientering");

        // --- Varde is told, reads, and cannot edit ----------------------------------------------------------------
        await using var varde = await browser.NewContextAsync(app.BaseUrl);
        var v = await varde.NewPageAsync();
        await EndToEnd.SignInAsync(v, TestAccounts.MunicipalityEmail, TestAccounts.MunicipalityPassword);
        await v.GotoAsync("/notifikationer");
        await Axe(v, "notifikationer");
        var told = v.Locator($"a[href='{noticeUrl}']");
        await Expect(told).ToHaveCountAsync(1);
        await told.ClickAsync();
        await Expect(v.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reduktion af pladser på Skibet, Billund Kommune");
        await Expect(v.Locator("form.capacity-form")).ToHaveCountAsync(0);
        await Axe(v, "orientering (anden kommune)");
        await v.GotoAsync("/kapacitet/ny");
        var token = await v.Locator("input[name='__RequestVerificationToken']").First.GetAttributeAsync("value");
        var refused = await v.Context.APIRequest.PostAsync(noticeUrl, new()
        {
            Form = FormOf(v.Context.APIRequest, ("__RequestVerificationToken", token!), (Rammevaerk.Shared.Forms.SubmissionToken.FieldName, Rammevaerk.Shared.Forms.SubmissionToken.New()), ("Form.Kind", "Closing"), ("Form.Reason", "Ændret af Varde"), ("submit", "false")),
            MaxRedirects = 0,
        });
        Assert.Equal(403, refused.Status);

        // --- The secretariat: onto the agenda, then the decision --------------------------------------------------
        await using var secretariat = await browser.NewContextAsync(app.BaseUrl);
        var s = await secretariat.NewPageAsync();
        await EndToEnd.SignInAsSecretariatAsync(s);
        await s.GotoAsync("/sekretariat/kapacitet");
        await Axe(s, "kapacitet (sekretariat)");
        await s.GetByLabel(new Regex("Reduktion af pladser på Skibet, Billund Kommune")).CheckAsync();
        await s.GetByLabel("Møde", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = (await s.Locator("#MeetingId option", new() { HasTextString = "Dagsorden udgivet" }).First.TextContentAsync())! });
        await s.GetByRole(AriaRole.Button, new() { Name = "Opret samlet punkt på dagsordenen" }).ClickAsync();
        await Expect(s).ToHaveURLAsync(new Regex(@"/sekretariat/punkter/\d+$"));
        await Expect(s.GetByRole(AriaRole.Status)).ToContainTextAsync("Samlet sag vedr. ændringer i kapacitet");
        await Axe(s, "det nye punkt");
        var itemId = int.Parse(s.Url.Split('/').Last());
        var meetingId = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == itemId).Select(i => i.MeetingId).SingleAsync());
        // The meeting (held) decides: the decision is written once, in the item's Beslutning.
        await s.GetByRole(AriaRole.Group, new() { Name = "Beslutning", Exact = true }).GetByLabel("Tekst (Markdown)")
            .FillAsync("Socialdirektørforum ønskede ikke at lave en høring eller en udtalelse.");
        await s.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }).ClickAsync();
        await Expect(s.GetByRole(AriaRole.Status)).ToContainTextAsync("er gemt.");
        var noticeId = noticeUrl.Split('/').Last();
        await s.GotoAsync($"/sekretariat/kapacitet/{noticeId}");
        await Expect(s.GetByText("Beslutningen siger: Hverken høring eller udtalelse.")).ToBeVisibleAsync();
        await Axe(s, "orientering (sekretariat)");
        await s.GetByRole(AriaRole.Button, new() { Name = "Registrér beslutningen fra punktet og giv besked" }).ClickAsync();
        await Expect(s.GetByRole(AriaRole.Status)).ToContainTextAsync("Beslutningen er registreret");
        // The item reaches the public agenda with the next version, through the check.
        await s.GotoAsync($"/sekretariat/moeder/{meetingId}/udgiv/ny-version");
        if (await s.GetByLabel(new Regex("^Jeg har set")).CountAsync() > 0) await s.GetByLabel(new Regex("^Jeg har set")).CheckAsync();
        await s.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Udgiv version") }).ClickAsync();
        await Expect(s.GetByRole(AriaRole.Status)).ToContainTextAsync("er udgivet (version");

        // --- Billund sees the decision with its link ---------------------------------------------------------------
        await b.GotoAsync(noticeUrl);
        await Expect(b.GetByRole(AriaRole.Main)).ToContainTextAsync("Hverken høring eller udtalelse");
        var minutes = b.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("se referatet, punkt \\d+") });
        await Expect(minutes).ToHaveAttributeAsync("href", new Regex(@"^/moeder/\d+#punkt-\d+$"));
        await Axe(b, "orientering med beslutning");
        await minutes.ClickAsync();
        await Expect(b.GetByRole(AriaRole.Main)).ToContainTextAsync("Samlet sag vedr. ændringer i kapacitet");

        await b.GotoAsync("/kapacitetsaendringer");
        await Expect(b.Locator($"#notits-{noticeId}")).ToContainTextAsync("Hverken høring eller udtalelse");
        await Axe(b, "offentlig liste over ændringer i kapacitet");
    }

    private static IFormData FormOf(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields) form.Set(name, value);
        return form;
    }

    private static async Task Axe(IPage page, string what) =>
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), what);
}
