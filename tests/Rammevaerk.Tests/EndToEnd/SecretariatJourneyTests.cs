using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rammevaerk.Demo;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// The secretariat's whole job for one meeting in a real browser: create it, build the agenda, write an item in
/// Markdown with the live preview, attach a PDF, publish the agenda through the check, write the decisions (blocked
/// until every item has one) and publish the minutes. The meeting was held yesterday: minutes follow the meeting.
/// </summary>
public sealed class SecretariatJourneyTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    private const string NewItem = "Status på botilbudskapacitet";
    private const string AttachmentName = "Kapacitetsnotat.pdf";
    private const string BackgroundMarkdown = "### Underoverskrift\n\n- punkt et\n- punkt to\n\n**fed** tekst";

    [Fact]
    public async Task Secretariat_creates_builds_and_publishes_a_meeting_from_agenda_to_minutes()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        var title = $"E2E-møde i Forretningsudvalget {Guid.NewGuid().ToString("N")[..8]}";
        var startsLocal = Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).AddDays(-1).AddHours(10);
        var meetingDate = startsLocal.ToString("d. MMMM yyyy", Rammevaerk.Shared.Danish.Culture);

        // Sign in as the secretariat.
        await EndToEnd.SignInAsSecretariatAsync(page);
        var mainNav = page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" });
        await Expect(mainNav.GetByRole(AriaRole.Link, new() { Name = "Sekretariat", Exact = true })).ToBeVisibleAsync();

        // The secretariat's list of meetings → "Nyt møde".
        await page.GotoAsync("/sekretariat");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Møder", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Nyt møde" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sekretariat/moeder/nyt$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nyt møde", Level = 1 })).ToBeVisibleAsync();

        // Fill in the header and create the meeting with the standard items.
        await page.GetByLabel("Udvalg").SelectOptionAsync(new SelectOptionValue { Label = "Forretningsudvalget" });
        await page.GetByLabel("Titel").FillAsync(title);
        await page.GetByLabel("Sted", new() { Exact = true }).FillAsync("Mødelokale 2, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)");
        await page.GetByLabel("Start", new() { Exact = true }).FillAsync(startsLocal.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Slut", new() { Exact = true }).FillAsync(startsLocal.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await Expect(page.GetByLabel("Tilføj standardpunkterne", new() { Exact = false })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret møde" }).ClickAsync();

        // The meeting page, a draft with the three standard items.
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/moeder/\d+$"));
        var meetingUrl = page.Url;
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Mødet er oprettet som kladde med 3 standardpunkter.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex($"^{Regex.Escape(title)}, .*{Regex.Escape(meetingDate)}$"));
        await Expect(page.GetByText("Kladde", new() { Exact = true })).ToBeVisibleAsync();
        await ExpectItemsAsync(page, "Godkendelse af referat", "Orienteringer", "Eventuelt");

        // Add an item; it goes last.
        await page.GetByLabel("Titel på nyt punkt").FillAsync(NewItem);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj punkt", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Punkt 4 er tilføjet.");
        await ExpectItemsAsync(page, "Godkendelse af referat", "Orienteringer", "Eventuelt", NewItem);

        // Move it up once: it swaps places with Eventuelt.
        await page.GetByRole(AriaRole.Button, new() { Name = "Flyt punkt 4 op" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"\"{NewItem}\" er nu punkt 3.");
        await ExpectItemsAsync(page, "Godkendelse af referat", "Orienteringer", NewItem, "Eventuelt");

        // Open it and write the background in Markdown; the preview follows as one types.
        await ItemsTable(page).GetByRole(AriaRole.Link, new() { Name = NewItem }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Punkt 3: {NewItem}");
        await EndToEnd.WaitForScriptsAsync(page);
        var background = page.GetByRole(AriaRole.Group, new() { Name = "Baggrund", Exact = true });
        var preview = background.GetByRole(AriaRole.Group, new() { Name = "Forhåndsvisning", Exact = true });
        await Expect(preview.GetByRole(AriaRole.Heading)).ToHaveCountAsync(0);
        await background.GetByLabel("Tekst (Markdown)").FillAsync(BackgroundMarkdown);
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Level = 4, Name = "Underoverskrift" })).ToBeVisibleAsync();
        await Expect(preview.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["punkt et", "punkt to"]);
        await Expect(preview.Locator("strong")).ToHaveTextAsync("fed");
        await EndToEnd.ScreenshotAsync(page, "item-editor");

        // Save: the text comes back from the server, preview rendered the same way.
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Punkt 3 er gemt.");
        await Expect(background.GetByLabel("Tekst (Markdown)")).ToHaveValueAsync(BackgroundMarkdown);
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Level = 4, Name = "Underoverskrift" })).ToBeVisibleAsync();

        // Attach a small PDF.
        await Expect(page.GetByText("Ingen bilag.")).ToBeVisibleAsync();
        await page.GetByLabel("Vedhæft fil").SetInputFilesAsync(new FilePayload
        {
            Name = AttachmentName, MimeType = "application/pdf", Buffer = MinimalPdf.Create("Bilag"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vedhæft", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Bilaget '{AttachmentName}' er vedhæftet.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = AttachmentName })).ToBeVisibleAsync();

        // Back to the meeting: publish the agenda.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til mødet" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(meetingUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Kontrollér og udgiv dagsorden" }).ClickAsync();
        await Expect(page.GetByText("Kontrollen fandt intet, der skal rettes eller bekræftes.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Udgiv dagsordenen (4 punkter, 1 bilag)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dagsordenen er udgivet (version 1).");
        await Expect(page.GetByText("Dagsorden udgivet", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Version 1" })).ToBeVisibleAsync();

        // The minutes cannot be published before every item has a decision; the check names them all.
        await page.GetByRole(AriaRole.Link, new() { Name = "Kontrollér og udgiv referat" }).ClickAsync();
        var blocking = page.GetByRole(AriaRole.Region, new() { Name = "Blokerer udgivelsen (4)" });
        await Expect(blocking.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(
        [
            new Regex(@"Punkt 1 \(Godkendelse af referat\) mangler en beslutning\.\s*$"),
            new Regex(@"Punkt 2 \(Orienteringer\) mangler en beslutning\.\s*$"),
            new Regex($@"Punkt 3 \({Regex.Escape(NewItem)}\) mangler en beslutning\.\s*$"),
            new Regex(@"Punkt 4 \(Eventuelt\) mangler en beslutning\.\s*$"),
        ]);
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Udgiv referatet") })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til mødet" }).ClickAsync();
        await Expect(page.GetByText("Dagsorden udgivet", new() { Exact = true }).First).ToBeVisibleAsync();

        // Write a decision on every item, walking through them with "Punkt n →".
        await ItemsTable(page).GetByRole(AriaRole.Link, new() { Name = "Godkendelse af referat" }).ClickAsync();
        var titles = new[] { "Godkendelse af referat", "Orienteringer", NewItem, "Eventuelt" };
        for (var n = 1; n <= titles.Length; n++)
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Punkt {n}: {titles[n - 1]}");
            var decision = page.GetByRole(AriaRole.Group, new() { Name = "Beslutning", Exact = true });
            await decision.GetByLabel("Tekst (Markdown)").FillAsync($"Forretningsudvalget godkendte indstillingen til punkt {n}.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Punkt {n} er gemt.");
            await Expect(decision.GetByRole(AriaRole.Group, new() { Name = "Forhåndsvisning", Exact = true })).ToHaveTextAsync($"Forretningsudvalget godkendte indstillingen til punkt {n}.");
            if (n < titles.Length) await page.GetByRole(AriaRole.Link, new() { Name = $"Punkt {n + 1} →", Exact = true }).ClickAsync();
        }

        // Back on the meeting every item has its decision; publish the minutes.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til mødet" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(meetingUrl);
        await Expect(ItemRows(page).Locator("td:nth-child(3)")).ToHaveTextAsync(["Skrevet", "Skrevet", "Skrevet", "Skrevet"]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Kontrollér og udgiv referat" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Udgiv referatet (4 punkter, 1 bilag)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Referatet er udgivet (version 2).");
        await Expect(page.GetByText("Referat udgivet", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("Referatet er udgivet. Rettelser gemmes i arbejdskopien og udgives som en ny version.")).ToBeVisibleAsync();

        // The public page: minutes, published today.
        await page.GetByRole(AriaRole.Link, new() { Name = "Se den offentlige side" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/moeder/\d+$"));
        var publicUrl = page.Url;
        await ExpectPublishedMinutesAsync(page, title, meetingDate);

        // … and the same for a reader who is not signed in.
        await using var anonymous = await browser.NewContextAsync(app.BaseUrl);
        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync(publicUrl);
        await ExpectPublishedMinutesAsync(reader, title, meetingDate);
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = "Redigér mødet" })).ToHaveCountAsync(0);
        var item3 = reader.GetByRole(AriaRole.Region, new() { Name = $"3. {NewItem}" });
        await Expect(item3.GetByRole(AriaRole.Heading, new() { Name = "Beslutning", Level = 3 })).ToBeVisibleAsync();
        await Expect(item3.GetByRole(AriaRole.Heading, new() { Name = "Underoverskrift", Level = 4 })).ToBeVisibleAsync();
        await Expect(item3.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "punkt" })).ToHaveTextAsync(["punkt et", "punkt to"]);
        await Expect(item3.GetByRole(AriaRole.Link, new() { Name = AttachmentName })).ToBeVisibleAsync();
    }

    private static async Task ExpectPublishedMinutesAsync(IPage page, string title, string meetingDate)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Referat: {title} {meetingDate}");
        await Expect(EndToEnd.HeaderValue(page, "Udvalg")).ToHaveTextAsync("Forretningsudvalget");
        await Expect(EndToEnd.HeaderValue(page, "Møde")).ToHaveTextAsync(title);
        await Expect(EndToEnd.HeaderValue(page, "Referat udgivet")).ToHaveTextAsync(new Regex($@"^\s*{Regex.Escape(EndToEnd.TodayDanish)} kl\. \d\d:\d\d\s*$"));
        await Expect(EndToEnd.HeaderValue(page, "Dagsorden udgivet")).ToHaveTextAsync(new Regex($@"^\s*{Regex.Escape(EndToEnd.TodayDanish)} kl\. \d\d:\d\d\s*$"));
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Punkter på mødet" }).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(
            ["1. Godkendelse af referat", "2. Orienteringer", $"3. {NewItem}", "4. Eventuelt"]);
    }

    private static ILocator ItemsTable(IPage page) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Punkterne vises altid i nummerrækkefølge." });

    private static ILocator ItemRows(IPage page) => ItemsTable(page).Locator("tbody").GetByRole(AriaRole.Row);

    /// <summary>The items table lists exactly these titles, numbered 1, 2, 3 … in that order.</summary>
    private static async Task ExpectItemsAsync(IPage page, params string[] titles)
    {
        var rows = ItemRows(page);
        await Expect(rows).ToHaveCountAsync(titles.Length);
        for (var i = 0; i < titles.Length; i++)
        {
            var cells = rows.Nth(i).GetByRole(AriaRole.Cell);
            await Expect(cells.Nth(0)).ToHaveTextAsync((i + 1).ToString(CultureInfo.InvariantCulture));
            await Expect(cells.Nth(1).GetByRole(AriaRole.Link)).ToHaveTextAsync(titles[i]);
        }
    }
}
