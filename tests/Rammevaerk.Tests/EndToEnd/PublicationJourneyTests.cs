using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// Issue 12's journey in a real browser: a reader subscribes to Forretningsudvalget (double opt-in); the secretariat
/// publishes the agenda through the check, writes the draft decisions and sends them to the members; a member reads the
/// draft and comments; a CPR number the secretariat then types blocks the minutes with a link to the place; the
/// secretariat fixes it, confirms what goes public and publishes; the subscriber's mail is in the outbox and its link
/// opens the minutes. axe checks every new page on the way.
/// </summary>
public sealed class PublicationJourneyTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    private const string Item = "Aflastningspladser på Tinghøj";
    private const string Decision = "Forretningsudvalget tog orienteringen om aflastningspladserne til efterretning.";

    [Fact]
    public async Task Draft_decisions_member_comment_cpr_blocked_fixed_published_and_the_subscriber_is_told()
    {
        var subscriberEmail = $"journey-{Guid.NewGuid():N}@example.dk";
        var title = $"Journey-møde {Guid.NewGuid().ToString("N")[..6]}";
        var yesterday = Danish.TodayOf(TimeProvider.System).AddDays(-1);

        // 1. A reader subscribes to Forretningsudvalget and confirms from the mail.
        await using var readerContext = await browser.NewContextAsync(app.BaseUrl);
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync("/udvalg/forretningsudvalget");
        await reader.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Få besked om nye dagsordener og referater" }).ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Få besked om nye dagsordener og referater");
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(reader), "the subscription page");
        await EndToEnd.ScreenshotAsync(reader, "subscription");
        await reader.GetByLabel("E-mailadresse").FillAsync(subscriberEmail);
        await reader.GetByLabel("Forretningsudvalget").CheckAsync();
        await reader.GetByRole(AriaRole.Button, new() { Name = "Abonnér" }).ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Status)).ToContainTextAsync("har vi sendt en e-mail med et link");
        var confirmation = await app.QueryAsync(db => db.Outbox.SingleAsync(m => m.To == subscriberEmail));
        await reader.GotoAsync(new Uri(Regex.Match(confirmation.Body, @"https?://\S+/abonnement/bekraeft/\S+").Value).PathAndQuery);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Ja, bekræft abonnementet" }).ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du abonnerer på Forretningsudvalget");

        // 2. The secretariat makes yesterday's meeting and publishes its agenda through the check.
        await using var secretariatContext = await browser.NewContextAsync(app.BaseUrl);
        var page = await secretariatContext.NewPageAsync();
        await EndToEnd.SignInAsSecretariatAsync(page);
        await page.GotoAsync("/sekretariat/moeder/nyt");
        await page.GetByLabel("Udvalg").SelectOptionAsync(new SelectOptionValue { Label = "Forretningsudvalget" });
        await page.GetByLabel("Titel").FillAsync(title);
        await page.GetByLabel("Sted", new() { Exact = true }).FillAsync("Mødelokale 1, Middelfart Rådhus");
        await page.GetByLabel("Start", new() { Exact = true }).FillAsync(yesterday.AddHours(13).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Slut", new() { Exact = true }).FillAsync(yesterday.AddHours(15).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret møde" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sekretariat/moeder/\d+$"));
        var meetingUrl = page.Url;
        var meetingId = int.Parse(meetingUrl.Split('/').Last());
        await page.GetByLabel("Titel på nyt punkt").FillAsync(Item);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj punkt", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Punkt 4 er tilføjet.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Kontrollér og udgiv dagsorden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Udgiv dagsordenen: Forretningsudvalget");
        await Expect(page.GetByText("Kontrollen fandt intet, der skal rettes eller bekræftes.")).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex(@"Dagsordenen for Forretningsudvalget .* bliver offentligt: 4 punkter og 0 offentlige bilag\."))).ToBeVisibleAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "the check before publishing the agenda");
        await page.GetByRole(AriaRole.Button, new() { Name = "Udgiv dagsordenen (4 punkter, 0 bilag)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dagsordenen er udgivet (version 1).");

        // 3. The draft decisions, then the draft minutes to the members.
        var items = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meetingId).OrderBy(i => i.Number).Select(i => i.Id).ToListAsync());
        for (var n = 0; n < items.Count; n++)
        {
            await page.GotoAsync($"/sekretariat/punkter/{items[n]}");
            var decision = page.GetByRole(AriaRole.Group, new() { Name = "Beslutning", Exact = true });
            await decision.GetByLabel("Tekst (Markdown)").FillAsync(n == 3 ? Decision : "Godkendt.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Punkt {n + 1} er gemt.");
        }
        await page.GotoAsync($"/moeder/{meetingId}");
        await Expect(page.GetByText(Decision)).ToHaveCountAsync(0);
        await page.GotoAsync(meetingUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Send udkast til referat til medlemmerne" }).ClickAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "the page that sends the draft minutes");
        await EndToEnd.ScreenshotAsync(page, "draft-send");
        await page.GetByLabel("Følgetekst (valgfri)").FillAsync("Bemærkninger senest i morgen.");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Send udkast \\(runde 1\\)") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Udkastet til referat (runde 1) er sendt til 1 medlem.");

        // 4. The member reads the draft and comments.
        await using var memberContext = await browser.NewContextAsync(app.BaseUrl);
        var member = await memberContext.NewPageAsync();
        await EndToEnd.SignInAsync(member, TestAccounts.MemberEmail, TestAccounts.MemberPassword);
        await member.GotoAsync("/notifikationer");
        await member.GetByRole(AriaRole.Link, new() { NameRegex = new("Udkast til referat fra mødet i Forretningsudvalget") }).First.ClickAsync();
        await Expect(member).ToHaveURLAsync(new Regex($"/moeder/{meetingId}/udkast$"));
        await Expect(member.GetByText("Fortroligt udkast – ikke offentligt.")).ToBeVisibleAsync();
        await Expect(member.GetByText(Decision)).ToBeVisibleAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(member), "the draft minutes for the members");
        await EndToEnd.ScreenshotAsync(member, "draft-member");
        await member.GetByLabel("Bemærkningen gælder").SelectOptionAsync(new SelectOptionValue { Label = $"Punkt 4: {Item}" });
        await member.GetByLabel("Din bemærkning").FillAsync("Skriv gerne, hvilken borgersag det drejer sig om.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Send bemærkning" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tak. Din bemærkning er sendt til sekretariatet.");

        // 5. The secretariat reads the comment, adds the case – with a CPR number – and the check blocks the minutes.
        await page.GotoAsync($"/sekretariat/moeder/{meetingId}/udkast");
        await Expect(page.GetByText("Skriv gerne, hvilken borgersag det drejer sig om.")).ToBeVisibleAsync();
        await page.GotoAsync($"/sekretariat/punkter/{items[3]}");
        await page.GetByRole(AriaRole.Group, new() { Name = "Beslutning", Exact = true }).GetByLabel("Tekst (Markdown)")
            .FillAsync($"{Decision} Sagen vedrører borgeren med cpr-nr. 010190-1234.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Punkt 4 er gemt.");
        await page.GotoAsync(meetingUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Kontrollér og udgiv referat" }).ClickAsync();
        var blocking = page.GetByRole(AriaRole.Region, new() { Name = "Blokerer udgivelsen (1)" });
        await Expect(blocking).ToContainTextAsync("Indeholder et CPR-nummer (010190-xxxx)");
        await Expect(page.GetByText("010190-1234")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Udgiv referatet") })).ToHaveCountAsync(0);
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "the check that blocks the minutes");
        await EndToEnd.ScreenshotAsync(page, "publication-blocked");

        // 6. The link leads to the decision; fixed, the check lets the minutes through, after naming what goes public.
        await blocking.GetByRole(AriaRole.Link, new() { NameRegex = new($"^Punkt 4 \\({Item}\\), Beslutning$") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/sekretariat/punkter/{items[3]}#Input_Decision$"));
        await page.GetByRole(AriaRole.Group, new() { Name = "Beslutning", Exact = true }).GetByLabel("Tekst (Markdown)")
            .FillAsync($"{Decision} Sagen vedrører en borger i Kolding Kommune.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Punkt 4 er gemt.");
        await page.GotoAsync($"/sekretariat/moeder/{meetingId}/udgiv/referat");
        await Expect(page.GetByText("Kontrollen fandt intet, der skal rettes eller bekræftes.")).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("Referatet for Forretningsudvalget .* bliver offentligt: 4 punkter"))).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex(@"af Forretningsudvalget \(1 med e-mailadresse\) og 1 abonnent får en e-mail"))).ToBeVisibleAsync();
        await EndToEnd.ScreenshotAsync(page, "publication-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Udgiv referatet (4 punkter, 0 bilag)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Referatet er udgivet (version 2). 2 modtagere får besked på e-mail.");

        // 7. The subscriber's mail is in the outbox; its link opens the minutes with the decision.
        var mail = await app.QueryAsync(db => db.Outbox.SingleAsync(m => m.To == subscriberEmail && m.Subject.StartsWith("Referat:")));
        Assert.Contains("Afmeld med ét klik:", mail.Body);
        await reader.GotoAsync(new Uri(Regex.Match(mail.Body, @"Læs referatet: (\S+)").Groups[1].Value).PathAndQuery);
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Referat: {title}");
        await Expect(reader.GetByText("Sagen vedrører en borger i Kolding Kommune.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(EndToEnd.HeaderValue(reader, "Referat udgivet")).ToContainTextAsync(EndToEnd.TodayDanish);
        await Expect(reader.GetByText("010190")).ToHaveCountAsync(0);
        await EndToEnd.ScreenshotAsync(reader, "minutes-public");
        await page.GotoAsync(meetingUrl);
        await EndToEnd.ScreenshotAsync(page, "meeting-secretariat");
    }

    [Fact]
    public async Task The_check_over_what_is_public_and_the_privacy_notice_have_no_WCAG_violations()
    {
        await using var context = await browser.NewContextAsync(app.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/privatlivspolitik");
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "the privacy notice");

        await EndToEnd.SignInAsSecretariatAsync(page);
        await page.GotoAsync("/sekretariat/udgivelser/kontrol");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kontrol af det offentlige");
        await Expect(page.GetByText("«13. december 2025» ligger efter mødet", new() { Exact = false })).ToBeVisibleAsync();
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), "the check over what is public");
        await EndToEnd.ScreenshotAsync(page, "public-check");
    }
}
