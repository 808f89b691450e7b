using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rammevaerk.Data;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// A citizen who is not signed in finds the demo agenda of Forretningsudvalget (30 November 2026) by following links,
/// reads it, downloads a public attachment and cannot get at the closed item's text or attachment.
/// </summary>
public sealed class PublicJourneyTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    private const string MeetingTitle = "Møde i Forretningsudvalget";
    private const string PublicAttachment = "Udkast til dagsorden Socialdirektørforum 11. december 2026.pdf";
    private const string ClosedAttachment = "Notat om personalesag.pdf";
    private const string ClosedText = "Lukket punkt: drøftelse af en konkret personalesag";

    private static readonly string[] Items =
    [
        "Godkendelse af referat",
        "Forberedelse af Socialdirektørforum den 11. december 2026",
        "Personalesag i sekretariatet",
        "Eventuelt",
    ];

    [Fact]
    public async Task Reader_finds_the_Forretningsudvalget_agenda_by_links_and_downloads_its_public_attachment()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();

        // Front page → "Udvalg og møder".
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Socialdirektørforum Syddanmark og dets udvalg");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log ind" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Udvalg og møder" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/udvalg$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Udvalg og møder");

        // → Forretningsudvalget.
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Forretningsudvalget", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/udvalg/forretningsudvalget$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Forretningsudvalget");

        // → the year 2026.
        var years = page.GetByRole(AriaRole.Navigation, new() { Name = "Vælg år" });
        await years.GetByRole(AriaRole.Link, new() { Name = "2026", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/udvalg/forretningsudvalget\?aar=2026$"));
        await Expect(years.GetByRole(AriaRole.Link, new() { Name = "2026", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Møder i 2026" })).ToBeVisibleAsync();

        // → the meeting of 30 November 2026.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "30. november 2026" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("Dagsorden");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("4");
        await row.GetByRole(AriaRole.Link, new() { Name = MeetingTitle }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/moeder/\d+$"));

        // The header.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Dagsorden: {MeetingTitle} 30. november 2026");
        await Expect(EndToEnd.HeaderValue(page, "Udvalg")).ToHaveTextAsync("Forretningsudvalget");
        await Expect(EndToEnd.HeaderValue(page, "Møde")).ToHaveTextAsync(MeetingTitle);
        await Expect(EndToEnd.HeaderValue(page, "Sted")).ToHaveTextAsync("Mødelokale 1, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)");
        await Expect(EndToEnd.HeaderValue(page, "Start")).ToHaveTextAsync("mandag d. 30. november 2026 kl. 13:00");
        await Expect(EndToEnd.HeaderValue(page, "Slut")).ToHaveTextAsync("mandag d. 30. november 2026 kl. 15:00");
        await Expect(EndToEnd.HeaderValue(page, "Dagsorden udgivet")).ToHaveTextAsync(new Regex($@"^\s*{Regex.Escape(EndToEnd.TodayDanish)} kl\. \d\d:\d\d\s*$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Redigér mødet" })).ToHaveCountAsync(0);

        // The numbered list of items, then the items themselves, in number order.
        var list = page.GetByRole(AriaRole.List, new() { Name = "Punkter på mødet" }).GetByRole(AriaRole.Listitem);
        await Expect(list).ToHaveCountAsync(Items.Length);
        await Expect(list).ToHaveTextAsync(Items.Select((t, i) => new Regex($@"^{i + 1}\. {Regex.Escape(t)}")));
        await Expect(list.Nth(2)).ToContainTextAsync("Lukket punkt");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(
            new[] { new Regex("^Punkter$") }.Concat(Items.Select((t, i) => new Regex($@"^{i + 1}\. {Regex.Escape(t)}"))));

        // The closed item shows its title and that it is closed, never its text or attachment.
        var closed = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(@"^3\. Personalesag i sekretariatet") });
        var closedHeading = closed.GetByRole(AriaRole.Heading, new() { Level = 2 });
        await Expect(closedHeading).ToHaveCountAsync(1); // the closed item's section ends before item 4's begins
        await Expect(closedHeading).ToHaveAccessibleNameAsync("3. Personalesag i sekretariatet Lukket punkt");
        await Expect(closed).ToContainTextAsync("Punktet er lukket. Indholdet kan kun læses af udvalgets medlemmer efter log ind.");
        await Expect(page.GetByText(ClosedText)).ToHaveCountAsync(0);
        await Expect(page.GetByText(ClosedText)).Not.ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = ClosedAttachment })).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("drøfter sagen");

        // An open item shows its text and its attachment.
        var item2 = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex(@"^2\. Forberedelse af Socialdirektørforum") });
        await Expect(item2.GetByRole(AriaRole.Heading, new() { Name = "Baggrund", Level = 3 })).ToBeVisibleAsync();
        await Expect(item2.GetByRole(AriaRole.Heading, new() { Name = "Bilag", Level = 3 })).ToBeVisibleAsync();
        await EndToEnd.ScreenshotAsync(page, "public-meeting-desktop");

        // Download the public attachment.
        var download = await page.RunAndWaitForDownloadAsync(() => item2.GetByRole(AriaRole.Link, new() { Name = PublicAttachment }).ClickAsync());
        Assert.Equal(PublicAttachment, download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 8)));
    }

    [Fact]
    public async Task Closed_items_attachment_is_not_given_to_an_anonymous_reader()
    {
        var attachmentId = await AttachmentIdAsync(ClosedAttachment);
        var url = $"/bilag/{attachmentId}/{Uri.EscapeDataString(ClosedAttachment)}";

        // The secretariat gets the file at that address, so the address is right …
        var secretariat = await app.SignInAsSecretariatAsync();
        using (var allowed = await secretariat.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.StartsWith("%PDF", await allowed.Content.ReadAsStringAsync());
        }

        // … an anonymous client is sent to sign in, without the PDF …
        var anonymousClient = app.CreateAnonymousClient();
        using (var refused = await anonymousClient.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith(AppFactory.SignInPath, refused.Headers.Location?.OriginalString.Replace(app.BaseUrl.GetLeftPart(UriPartial.Authority), ""));
            Assert.DoesNotContain("%PDF", await refused.Content.ReadAsStringAsync());
        }

        // … and so is a browser that follows the link.
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(url);
        Assert.NotNull(response);
        Assert.DoesNotContain("application/pdf", response.Headers.GetValueOrDefault("content-type") ?? "");
        await Expect(page).ToHaveURLAsync(new Regex("/konto/log-ind"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Log ind");
    }

    private async Task<int> AttachmentIdAsync(string fileName)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return await db.Attachments.Where(a => a.FileName == fileName && a.AgendaItem.IsClosed).Select(a => a.Id).SingleAsync();
    }
}
