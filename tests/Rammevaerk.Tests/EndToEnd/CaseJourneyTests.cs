using Rammevaerk.Tests.Publication;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rammevaerk.Meetings;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// A case in a real browser: the secretariat sends a Forretningsudvalget item on to Socialdirektørforum's coming
/// meeting, moves it to the top by keyboard, records that the forum sends it on to KKR Syddanmark, and the public
/// reads the path (Sagsforløb) on a phone and follows it back to Forretningsudvalget. axe-core checks every page.
/// </summary>
public sealed class CaseJourneyTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_case_goes_from_Forretningsudvalget_to_Socialdirektoerforum_and_on_to_KKR_and_the_public_reads_its_path()
    {
        var (fuMeeting, fuItem, forumMeeting) = await app.QueryAsync(async db =>
        {
            var fu = await db.Bodies.SingleAsync(b => b.Name == "Forretningsudvalget");
            var forum = await db.Bodies.SingleAsync(b => b.Name == "Socialdirektørforum");
            var now = DateTime.UtcNow;
            var fuM = new Meeting
            {
                BodyId = fu.Id, Title = "Forretningsudvalgsmøde om unge", StartsAt = now.AddDays(-2), EndsAt = now.AddDays(-2).AddHours(2), CreatedAt = now, State = MeetingState.Draft,
                Items = [new AgendaItem
                {
                    Number = 1, Title = "Fælles indsats for unge i mistrivsel", UpdatedAt = now,
                    Background = "Kommunerne ønsker en fælles ramme for lettilgængelige tilbud.",
                    Recommendation = "Det indstilles, at Forretningsudvalget\n\n- godkender rammen\n- sender sagen til KKR Syddanmark",
                }],
            };
            var forumM = new Meeting
            {
                BodyId = forum.Id, Title = "Møde i Socialdirektørforum", StartsAt = now.AddDays(40), CreatedAt = now, State = MeetingState.Draft,
                Items = [new AgendaItem { Number = 1, Title = "Godkendelse af referat", UpdatedAt = now }, new AgendaItem { Number = 2, Title = "Eventuelt", UpdatedAt = now }],
            };
            db.Meetings.AddRange(fuM, forumM);
            await db.SaveChangesAsync();
            return (fuM.Id, fuM.Items[0].Id, forumM.Id);
        });

        await using var secretariat = await browser.NewContextAsync(app.BaseUrl);
        var s = await secretariat.NewPageAsync();
        await EndToEnd.SignInAsSecretariatAsync(s);
        await s.GotoAsync($"/sekretariat/punkter/{fuItem}");
        await s.GetByRole(AriaRole.Link, new() { Name = "Sagsforløb / send videre" }).ClickAsync();
        await Expect(s.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sag: Fælles indsats for unge i mistrivsel");
        await Axe(s, "sag (sekretariat)");
        await s.GetByLabel("Til møde").SelectOptionAsync(forumMeeting.ToString());
        await s.GetByRole(AriaRole.Button, new() { Name = "Send videre" }).ClickAsync();
        await Expect(s).ToHaveURLAsync(new Regex(@"/sekretariat/punkter/\d+$"));
        await Expect(s.GetByRole(AriaRole.Status)).ToContainTextAsync("Sagen er sendt videre som punkt 2");
        await Expect(s.Locator("textarea[name='Input.Recommendation']")).ToHaveValueAsync(new Regex("^Forretningsudvalget indstiller til Socialdirektørforum, at"));

        // Keyboard reordering on the meeting page: type the new place instead of dragging.
        await s.GotoAsync($"/sekretariat/moeder/{forumMeeting}");
        await s.GetByLabel("Ny plads for punkt 2 (1–3)").FillAsync("1");
        await s.GetByLabel("Ny plads for punkt 2 (1–3)").PressAsync("Enter");
        await Expect(s.GetByRole(AriaRole.Status)).ToContainTextAsync("\"Fælles indsats for unge i mistrivsel\" er nu punkt 1.");
        await Axe(s, "møde efter flytning");

        // The forum sends it on to KKR Syddanmark: recorded on the case page.
        await s.GotoAsync($"/sekretariat/punkter/{fuItem}");
        await s.GetByRole(AriaRole.Link, new() { Name = "Sagsforløb / send videre" }).ClickAsync();
        var caseUrl = new Uri(s.Url).AbsolutePath;
        await s.GetByLabel("Dato", new() { Exact = true }).FillAsync(DateTime.Today.AddDays(60).ToString("yyyy-MM-dd"));
        await s.GetByLabel("Myndighed", new() { Exact = true }).FillAsync("KKR Syddanmark");
        await s.GetByLabel("Hvad blev der bedt om").FillAsync("Godkendelse af den fælles ramme for unge i mistrivsel.");
        await s.GetByLabel("Link til myndighedens referat (valgfri)").Last.FillAsync("https://www.kl.dk/kkr/kkr-syddanmark");
        await s.GetByRole(AriaRole.Button, new() { Name = "Registrér behandling" }).ClickAsync();
        await Expect(s.GetByRole(AriaRole.Status)).ToContainTextAsync("Behandlingen i KKR Syddanmark er registreret");
        await Expect(s.Locator("table")).ToContainTextAsync("KKR Syddanmark");
        await Axe(s, "sag med behandling uden for Rammeværk");
        Assert.EndsWith(caseUrl, new Uri(s.Url).AbsolutePath);

        // Both meetings are published through the check: Forretningsudvalget's minutes (it met two days ago),
        // Socialdirektørforum's agenda.
        await app.QueryAsync(async db =>
        {
            (await db.AgendaItems.SingleAsync(i => i.Id == fuItem)).Decision = "Forretningsudvalget godkendte rammen.";
            return await db.SaveChangesAsync();
        });
        var publisher = await app.SignInAsSecretariatAsync();
        await publisher.PublishOkAsync(fuMeeting, "dagsorden");
        await publisher.PublishOkAsync(fuMeeting, "referat");
        await publisher.PublishOkAsync(forumMeeting, "dagsorden");

        await using var publicContext = await browser.NewContextAsync(app.BaseUrl, EndToEnd.Phone);
        var p = await publicContext.NewPageAsync();
        await p.GotoAsync($"/moeder/{forumMeeting}");
        var path = p.Locator("#punkt-1 .case-path");
        await Expect(path.GetByRole(AriaRole.Heading, new() { Name = "Sagsforløb" })).ToBeVisibleAsync();
        await Expect(path).ToContainTextAsync("Forretningsudvalget godkendte rammen.");
        await Expect(path).ToContainTextAsync("KKR Syddanmark");
        await Expect(path.GetByRole(AriaRole.Link, new() { Name = "Læs KKR Syddanmarks referat" })).ToHaveAttributeAsync("href", "https://www.kl.dk/kkr/kkr-syddanmark");
        await Axe(p, "offentligt møde med sagsforløb (telefon)");
        await EndToEnd.ScreenshotAsync(p, "sagsforloeb-telefon");
        await path.GetByRole(AriaRole.Link, new() { Name = "punkt 1: Fælles indsats for unge i mistrivsel" }).ClickAsync();
        await Expect(p).ToHaveURLAsync(new Regex($"/moeder/{fuMeeting}#punkt-1$"));
        await Expect(p.Locator("#punkt-1 .case-path li[aria-current]")).ToContainTextAsync("Forretningsudvalget");
    }

    private static async Task Axe(IPage page, string what) =>
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), what);
}
