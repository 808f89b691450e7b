using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Demo;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Meetings;

/// <summary>The secretariat prepares, publishes and corrects meetings; bad input is refused in Danish.</summary>
public abstract class MeetingAuthoringTests(AppFactory app)
{
    private const string Forum = "Socialdirektørforum";

    [Theory]
    [InlineData("", "2026-12-18T09:00", "2026-12-18T12:00", "Skriv en titel")]
    [InlineData("LONG", "2026-12-18T09:00", "2026-12-18T12:00", "må højst være 300 tegn")]
    [InlineData("Møde", "2026-12-18T12:00", "2026-12-18T09:00", "Slut skal ligge efter start")]
    [InlineData("Møde", "ikke-en-dato", "2026-12-18T09:00", "ikke gyldig")]
    public async Task Bad_meeting_input_is_refused_in_Danish_and_nothing_is_saved(string title, string start, string end, string message)
    {
        var client = await app.SignInAsSecretariatAsync();
        var before = await app.QueryAsync(db => db.Meetings.CountAsync());
        var form = AuthoringSteps.MeetingForm(await app.BodyIdAsync(Forum), title == "LONG" ? new string('x', 301) : title, start, end);

        using var response = await client.PostFormAsync("/sekretariat/moeder/nyt", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
        Assert.Equal(before, await app.QueryAsync(db => db.Meetings.CountAsync()));
    }

    [Fact]
    public async Task The_summary_lists_the_problems_in_the_order_of_the_fields_start_before_end()
    {
        var client = await app.SignInAsSecretariatAsync();
        var body = await app.BodyIdAsync(Forum);

        using var response = await client.PostFormAsync("/sekretariat/moeder/nyt", AuthoringSteps.MeetingForm(body, "", "", ""));
        var page = await response.ReadDocumentAsync();
        var listed = page.QuerySelectorAll(".validation-summary-errors li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(3, listed.Count);
        Assert.StartsWith("Skriv en titel", listed[0]);
        Assert.Equal("Angiv dato og klokkeslæt for mødets start.", listed[1]);
        Assert.Equal("Angiv dato og klokkeslæt for mødets slut.", listed[2]);

        var id = await client.CreateMeetingAsync(body, "Møde med et tomt hoved");
        var stamp = (await client.GetDocumentAsync($"/sekretariat/moeder/{id}")).QuerySelector("input[name='Stamp']")!.GetAttribute("value")!;
        var form = AuthoringSteps.MeetingForm(body, "", "", "");
        form["Stamp"] = stamp;
        using var edited = await client.MeetingActionAsync(id, "SaveHeader", form);
        var summary = (await edited.ReadDocumentAsync()).QuerySelectorAll("#fejl li").Select(li => li.TextContent.Trim()).ToList();
        Assert.True(summary.FindIndex(m => m.Contains("mødets start")) < summary.FindIndex(m => m.Contains("mødets slut")), string.Join(" | ", summary));
        Assert.StartsWith("Skriv en titel", summary[0]);
    }

    [Fact]
    public async Task Unknown_body_is_refused()
    {
        var client = await app.SignInAsSecretariatAsync();

        using var response = await client.PostFormAsync("/sekretariat/moeder/nyt", AuthoringSteps.MeetingForm(99999, "Møde i et ukendt udvalg"));

        Assert.Contains("Det valgte udvalg findes ikke", (await response.ReadDocumentAsync()).Errors());
        Assert.False(await app.QueryAsync(db => db.Meetings.AnyAsync(m => m.Title == "Møde i et ukendt udvalg")));
    }

    [Fact]
    public async Task Meeting_header_is_edited_and_an_end_before_the_start_is_refused()
    {
        var client = await app.SignInAsSecretariatAsync();
        var body = await app.BodyIdAsync(Forum);
        var id = await client.CreateMeetingAsync(body, "Møde der flyttes");
        var page = await client.GetDocumentAsync($"/sekretariat/moeder/{id}");
        var stamp = page.QuerySelector("input[name='Stamp']")!.GetAttribute("value")!;
        var form = AuthoringSteps.MeetingForm(body, "Møde der flyttes", "2027-01-08T13:00", "2027-01-08T10:00");
        form["Stamp"] = stamp;

        using var refused = await client.MeetingActionAsync(id, "SaveHeader", form);
        Assert.Contains("Slut skal ligge efter start", (await refused.ReadDocumentAsync()).Errors());

        form["Input.EndsLocal"] = "2027-01-08T15:30";
        form["Input.Location"] = "Kolding Rådhus";
        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(id, "SaveHeader", form)).StatusCode);
        var saved = await app.QueryAsync(db => db.Meetings.SingleAsync(m => m.Id == id));
        Assert.Equal("Kolding Rådhus", saved.Location);
        Assert.Equal(new DateTime(2027, 1, 8, 12, 0, 0, DateTimeKind.Utc), saved.StartsAt);
    }

    [Fact]
    public async Task New_meeting_gets_the_standard_items_from_the_templates()
    {
        var client = await app.SignInAsSecretariatAsync();

        var id = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde med standardpunkter");

        var titles = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == id).OrderBy(i => i.Number).Select(i => i.Title).ToListAsync());
        Assert.Equal(["Godkendelse af referat", "Orienteringer", "Eventuelt"], titles);
    }

    [Fact]
    public async Task Items_are_added_reordered_removed_and_stay_numbered_in_order()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde om rækkefølge");
        var added = await client.AddItemAsync(app, id, "Botilbudskapacitet");

        await client.MeetingActionAsync(id, "Move", new() { ["itemId"] = added.ToString(), ["direction"] = "-1" });
        await client.MeetingActionAsync(id, "Move", new() { ["itemId"] = added.ToString(), ["direction"] = "-1" });
        var eventuelt = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == id && i.Title == "Eventuelt").Select(i => i.Id).SingleAsync());
        await client.MeetingActionAsync(id, "DeleteItem", new() { ["itemId"] = eventuelt.ToString() });

        var page = await client.GetDocumentAsync($"/moeder/{id}");
        var list = page.QuerySelectorAll(".item-list li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["1. Godkendelse af referat", "2. Botilbudskapacitet", "3. Orienteringer"], list);
    }

    [Fact]
    public async Task Duplicate_item_number_is_refused_and_the_item_is_unchanged()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde med dubletnummer");
        var item = await client.AddItemAsync(app, id, "Nyt punkt");
        var form = await client.ItemFormAsync(item);
        form["Input.Number"] = "1";
        form["Input.Background"] = "Denne tekst må ikke blive gemt.";

        using var response = await client.SaveItemAsync(item, form);

        Assert.Contains("Punkt nummer 1 findes allerede på mødet", (await response.ReadDocumentAsync()).Errors());
        var saved = await app.QueryAsync(db => db.AgendaItems.SingleAsync(i => i.Id == item));
        Assert.Equal(4, saved.Number);
        Assert.Null(saved.Background);
    }

    [Fact]
    public async Task Sections_keep_headings_lists_tables_links_and_bold_on_the_public_page()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde med formateret tekst");
        var item = await client.AddItemAsync(app, id, "Formateret punkt");
        var form = await client.ItemFormAsync(item);
        form["Input.CasePresentation"] = "### Behovsanalysen\n\n- første\n- anden\n\n1. et\n2. to\n\n| | 2024 | 2025 |\n|---|---|---|\n| Første | 45 | 43 |\n\n**Vigtigt** se [KL](https://www.kl.dk) <script>alert(1)</script>";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SaveItemAsync(item, form)).StatusCode);
        await client.MeetingActionAsync(id, "PublishAgenda");

        var page = await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{id}");
        var section = page.QuerySelector($"#punkt-4")!;
        Assert.Equal("Behovsanalysen", section.QuerySelector("h4")?.TextContent);
        Assert.Equal(2, section.QuerySelectorAll("ul li").Length);
        Assert.Equal(2, section.QuerySelectorAll("ol li").Length);
        Assert.Equal("45", section.QuerySelectorAll("table td")[1].TextContent);
        Assert.Equal("Vigtigt", section.QuerySelector("strong")?.TextContent);
        Assert.Equal("https://www.kl.dk", section.QuerySelector("a[href^='https']")?.GetAttribute("href"));
        Assert.Null(section.QuerySelector("script"));
    }

    [Fact]
    public async Task Second_save_of_the_same_item_is_refused_and_keeps_the_text()
    {
        var first = await app.SignInAsSecretariatAsync();
        var second = await app.SignInAsSecretariatAsync();
        var id = await first.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde med samtidig redigering");
        var item = await first.AddItemAsync(app, id, "Punkt to redigerer");
        var formA = await first.ItemFormAsync(item);
        var formB = await second.ItemFormAsync(item);

        formA["Input.Background"] = "Anna skrev dette.";
        Assert.Equal(HttpStatusCode.Redirect, (await first.SaveItemAsync(item, formA)).StatusCode);
        formB["Input.Background"] = "Bo skrev noget andet.";
        using var refused = await second.SaveItemAsync(item, formB);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("gemt af en anden", page.Errors());
        Assert.Equal("Bo skrev noget andet.", page.QuerySelector("textarea[name='Input.Background']")!.TextContent);
        Assert.Contains("Anna skrev dette.", page.QuerySelector("#conflict-heading")!.ParentElement!.TextContent);
        Assert.Equal("Anna skrev dette.", await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == item).Select(i => i.Background).SingleAsync()));

        // Having seen the other version, Bo can save deliberately.
        Assert.Equal(HttpStatusCode.Redirect, (await second.SaveItemAsync(item, AuthoringSteps.ItemForm(page))).StatusCode);
        Assert.Equal("Bo skrev noget andet.", await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == item).Select(i => i.Background).SingleAsync()));
    }

    [Fact]
    public async Task Attachments_are_checked_by_their_bytes_and_kept_in_order()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde med bilag");
        var item = await client.AddItemAsync(app, id, "Punkt med bilag");

        using var fake = await client.UploadAsync(item, "notat.pdf", "Dette er ikke en PDF"u8.ToArray());
        using var exe = await client.UploadAsync(item, "program.exe", [0x4D, 0x5A, 0x90]);
        using var docxThatIsPdf = await client.UploadAsync(item, "notat.docx", MinimalPdf.Create("x"));
        Assert.Contains("'notat.pdf' hedder .pdf, men indholdet er ikke en PDF-fil", (await fake.ReadDocumentAsync()).Errors());
        Assert.Contains("Bilag skal være pdf, docx, xlsx eller pptx", (await exe.ReadDocumentAsync()).Errors());
        Assert.Contains("indholdet er en PDF-fil", (await docxThatIsPdf.ReadDocumentAsync()).Errors());
        Assert.Equal(0, await app.QueryAsync(db => db.Attachments.CountAsync(a => a.AgendaItemId == item)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.UploadAsync(item, "Første bilag.pdf", MinimalPdf.Create("1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.UploadAsync(item, "Andet bilag.pdf", MinimalPdf.Create("2"))).StatusCode);
        var second = await app.QueryAsync(db => db.Attachments.Where(a => a.FileName == "Andet bilag.pdf" && a.AgendaItemId == item).Select(a => a.Id).SingleAsync());
        await client.PostFormAsync($"/sekretariat/punkter/{item}", new Dictionary<string, string> { ["attachmentId"] = second.ToString(), ["direction"] = "-1" }, $"/sekretariat/punkter/{item}?handler=MoveAttachment");

        var page = await client.GetDocumentAsync($"/moeder/{id}");
        var names = page.QuerySelectorAll("#punkt-4 .attachments a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Andet bilag.pdf", "Første bilag.pdf"], names);
    }

    [Fact]
    public async Task Too_large_attachment_is_refused_with_the_limit()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde med stort bilag");
        var item = await client.AddItemAsync(app, id, "Punkt med stort bilag");
        var big = new byte[25 * 1024 * 1024 + 1];
        "%PDF-1.4\n"u8.CopyTo(big);

        using var response = await client.UploadAsync(item, "stort.pdf", big);

        Assert.Contains("grænsen er 25,0 MB", (await response.ReadDocumentAsync()).Errors());
        Assert.Equal(0, await app.QueryAsync(db => db.Attachments.CountAsync(a => a.AgendaItemId == item)));
    }

    [Fact]
    public async Task Meeting_goes_from_draft_to_agenda_to_minutes_with_publication_times()
    {
        var client = await app.SignInAsSecretariatAsync();
        var anonymous = app.CreateAnonymousClient();
        var id = await client.CreateHeldMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Livscyklusmøde");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/moeder/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(id, "PublishAgenda")).StatusCode);
        var agenda = await anonymous.GetDocumentAsync($"/moeder/{id}");
        Assert.StartsWith("Dagsorden", agenda.QuerySelector("h1")!.TextContent);
        Assert.Contains("Dagsorden udgivet", agenda.QuerySelector(".meeting-header")!.TextContent);

        using var tooEarly = await client.MeetingActionAsync(id, "PublishMinutes");
        Assert.Contains("Punkt 1 (Godkendelse af referat) mangler en beslutning", (await tooEarly.ReadDocumentAsync()).Errors());

        foreach (var item in await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == id).Select(i => i.Id).ToListAsync()))
        {
            var form = await client.ItemFormAsync(item);
            form["Input.Decision"] = "Taget til efterretning.";
            Assert.Equal(HttpStatusCode.Redirect, (await client.SaveItemAsync(item, form)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(id, "PublishMinutes")).StatusCode);

        var minutes = await anonymous.GetDocumentAsync($"/moeder/{id}");
        Assert.StartsWith("Referat", minutes.QuerySelector("h1")!.TextContent);
        var meeting = await app.QueryAsync(db => db.Meetings.SingleAsync(m => m.Id == id));
        Assert.NotNull(meeting.MinutesPublishedAt);
        Assert.Contains(Rammevaerk.Shared.Danish.Published(meeting.MinutesPublishedAt!.Value), minutes.QuerySelector(".meeting-header")!.TextContent);
        Assert.Contains("Referat udgivet", minutes.QuerySelector(".meeting-header")!.TextContent);
        Assert.Contains("Dagsorden udgivet", minutes.QuerySelector(".meeting-header")!.TextContent);
    }

    [Fact]
    public async Task Change_after_publication_waits_for_a_new_version_and_the_old_one_stays_readable()
    {
        var client = await app.SignInAsSecretariatAsync();
        var anonymous = app.CreateAnonymousClient();
        var id = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde der rettes efter udgivelse");
        await client.MeetingActionAsync(id, "PublishAgenda");
        var item = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == id && i.Number == 1).Select(i => i.Id).SingleAsync());
        var form = await client.ItemFormAsync(item);
        var original = form["Input.Background"];
        form["Input.Background"] = "Rettet baggrund efter udgivelsen.";
        await client.SaveItemAsync(item, form);

        // Saved in the working copy only: the public page is the published version until a new one is published.
        var before = await anonymous.GetDocumentAsync($"/moeder/{id}");
        Assert.DoesNotContain("Rettet baggrund efter udgivelsen.", before.Text());
        Assert.Contains(original, before.Text());
        var editor = await client.GetDocumentAsync($"/sekretariat/moeder/{id}");
        Assert.Contains("Punkt 1 (Godkendelse af referat): Baggrund ændres.", editor.Text());
        var check = await client.GetDocumentAsync($"/sekretariat/moeder/{id}/udgiv/ny-version");
        Assert.Contains("Punkt 1 (Godkendelse af referat): Baggrund ændres.", check.Text());

        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(id, "PublishNewVersion")).StatusCode);
        var page = await anonymous.GetDocumentAsync($"/moeder/{id}");
        Assert.Contains("Senest ændret", page.QuerySelector(".meeting-header")!.TextContent);
        Assert.Contains("Rettet baggrund efter udgivelsen.", page.Text());

        var v1 = await client.GetDocumentAsync($"/sekretariat/moeder/{id}/versioner/1");
        Assert.Contains(original, v1.Text());
        Assert.DoesNotContain("Rettet baggrund efter udgivelsen.", v1.Text());
        var v2 = await client.GetDocumentAsync($"/sekretariat/moeder/{id}/versioner/2");
        Assert.Contains("Rettet baggrund efter udgivelsen.", v2.Text());

        using var publicTry = await app.CreateAnonymousClient().GetAsync($"/sekretariat/moeder/{id}/versioner/1");
        Assert.Equal(HttpStatusCode.Redirect, publicTry.StatusCode);
        Assert.Contains("/konto/log-ind", publicTry.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Secretariat_pages_are_closed_to_members_and_municipalities()
    {
        var member = await app.SignInAsMemberAsync();
        var municipality = await app.SignInAsMunicipalityAsync();

        foreach (var client in new[] { member, municipality })
        {
            foreach (var url in new[] { "/sekretariat", "/sekretariat/moeder/nyt", "/sekretariat/import" })
            {
                using var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/konto/ingen-adgang", response.Headers.Location!.ToString());
            }
        }
    }
}

public sealed class MeetingAuthoringTestsOnSqlite(SqliteAppFactory app) : MeetingAuthoringTests(app), IClassFixture<SqliteAppFactory>;

public sealed class MeetingAuthoringTestsOnPostgres(PostgresAppFactory app) : MeetingAuthoringTests(app), IClassFixture<PostgresAppFactory>;
