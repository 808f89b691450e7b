using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// A follow-up in a real browser: created from a decision, offered on the next draft agenda, put on it as its own
/// item, and shown on the published agenda. axe-core checks every page visited.
/// </summary>
public sealed class FollowUpJourneyTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_follow_up_goes_from_a_decision_to_the_next_published_agenda()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var followUp = $"Sag om mulig Komponent-analyse {suffix}";
        await EndToEnd.SignInAsSecretariatAsync(page);

        async Task CheckAsync(string what) => EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), what);

        async Task<string> CreateMeetingAsync(string title, int daysAhead)
        {
            var starts = Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).AddDays(daysAhead).AddHours(9);
            await page.GotoAsync("/sekretariat/moeder/nyt");
            await page.GetByLabel("Udvalg").SelectOptionAsync(new SelectOptionValue { Label = "Forretningsudvalget" });
            await page.GetByLabel("Titel").FillAsync(title);
            await page.GetByLabel("Sted", new() { Exact = true }).FillAsync("Mødelokale 1, Middelfart Rådhus");
            await page.GetByLabel("Start", new() { Exact = true }).FillAsync(starts.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
            await page.GetByLabel("Slut", new() { Exact = true }).FillAsync(starts.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Opret møde" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/moeder/\d+$"));
            return page.Url;
        }

        // The meeting that decides: an item whose decision asks for a case at the next meeting.
        var first = await CreateMeetingAsync($"Beslutningsmøde {suffix}", 5);
        await page.GetByLabel("Titel på nyt punkt").FillAsync("Notater fra økonomisk arbejdsgruppe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj punkt", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Punkt 4 er tilføjet.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Notater fra økonomisk arbejdsgruppe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("Notater fra økonomisk arbejdsgruppe$"));

        // From the item: a follow-up for the next meeting.
        await page.GetByRole(AriaRole.Link, new() { Name = "Opret opfølgning" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ny opfølgning", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("the new follow-up form");
        await page.GetByLabel("Hvad skal der følges op på").FillAsync(followUp);
        await Expect(page.GetByLabel("Næste møde i udvalget")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret opfølgning" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Opfølgningen \"{followUp}\" er oprettet.");

        // The list of open follow-ups shows it under the body.
        await page.GotoAsync("/sekretariat/opfoelgning");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opfølgning", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = followUp }).First).ToBeVisibleAsync();
        await CheckAsync("the follow-up list");

        // The next meeting's draft offers it; put it on as its own item.
        await CreateMeetingAsync($"Næste møde {suffix}", 40);
        var offers = page.GetByRole(AriaRole.Region, new() { Name = "Forslag til dagsordenen" });
        await Expect(offers.GetByLabel(followUp, new() { Exact = false })).ToBeCheckedAsync();
        await CheckAsync("the draft meeting with offers");
        await offers.GetByRole(AriaRole.Button, new() { Name = "Sæt på som egne punkter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new Regex(@"^1 punkt er tilføjet: punkt \d+\.$"));
        var items = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "Nr." }) });
        await Expect(items.GetByRole(AriaRole.Link, new() { Name = followUp })).ToBeVisibleAsync();
        await Expect(offers.GetByLabel(followUp, new() { Exact = false })).ToHaveCountAsync(0);

        // Publish the agenda: the item is on the public agenda with a link back to the decision.
        await page.GetByRole(AriaRole.Link, new() { Name = "Kontrollér og udgiv dagsorden" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Udgiv dagsordenen") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dagsordenen er udgivet (version 1).");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se den offentlige side" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(Regex.Escape(followUp)) }).First).ToBeVisibleAsync();
        await CheckAsync("the published agenda");
        Assert.NotNull(first);
    }
}
