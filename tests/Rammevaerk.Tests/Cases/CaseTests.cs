using Rammevaerk.Tests.Publication;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json.Linq;
using Rammevaerk.Cases;
using Rammevaerk.Meetings;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using Rammevaerk.Tests.OParl;

namespace Rammevaerk.Tests.Cases;

/// <summary>Cases travel between bodies: sent on inside Rammeværk, recorded outside it, their path shown to the public and in OParl.</summary>
public abstract class CaseTests(AppFactory app)
{
    private const string Forum = "Socialdirektørforum";
    private const string Committee = "Forretningsudvalget";
    private static readonly Lazy<Task<OParlSchemas>> Schemas = new(OParlSchemas.LoadAsync);

    private Task<int> CaseOfAsync(int itemId) => app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == itemId).Select(i => i.CaseId).SingleAsync());

    /// <summary>A Forretningsudvalget item with a recommendation, and a Socialdirektørforum meeting with its standard items.</summary>
    private async Task<(HttpClient Client, int FuItem, int FuMeeting, int ForumMeeting)> ArrangeAsync(string title)
    {
        var client = await app.SignInAsSecretariatAsync();
        // Forretningsudvalget meets two weeks before the forum (the forum's meeting is the helper's default date).
        using var created = await client.PostFormAsync("/sekretariat/moeder/nyt", AuthoringSteps.MeetingForm(await app.BodyIdAsync(Committee), $"FU om {title}", "2026-12-04T13:00", "2026-12-04T15:00"));
        var fuMeeting = int.Parse(created.Headers.Location!.ToString().Split('/').Last());
        var fuItem = await client.AddItemAsync(app, fuMeeting, title);
        await app.QueryAsync(async db =>
        {
            var item = await db.AgendaItems.SingleAsync(i => i.Id == fuItem);
            item.Background = $"Baggrund for {title}.";
            item.CasePresentation = $"Sagsfremstilling om {title}.";
            item.Recommendation = "Det indstilles, at Forretningsudvalget\n\n- godkender modellen\n- sender sagen videre";
            return await db.SaveChangesAsync();
        });
        var forumMeeting = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), $"SDF om {title}");
        return (client, fuItem, fuMeeting, forumMeeting);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, int caseId, int fromItem, int? meeting) =>
        client.PostFormAsync($"/sekretariat/sager/{caseId}", new Dictionary<string, string>
        {
            ["FromItemId"] = fromItem.ToString(), ["MeetingId"] = meeting?.ToString() ?? "",
        }, $"/sekretariat/sager/{caseId}?handler=Send");

    [Fact]
    public async Task Secretariat_sends_a_case_on_to_another_bodys_meeting_with_the_senders_recommendation_as_basis()
    {
        var (client, fuItem, _, forumMeeting) = await ArrangeAsync("Fælles model for akutpladser");
        var caseId = await CaseOfAsync(fuItem);

        using var response = await SendAsync(client, caseId, fuItem, forumMeeting);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var items = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == forumMeeting).OrderBy(i => i.Number).ToListAsync());
        var sent = items.Single(i => i.Title == "Fælles model for akutpladser");
        Assert.Equal(caseId, sent.CaseId);
        Assert.Equal("Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- godkende modellen\n- sende sagen videre", sent.Recommendation);
        Assert.Equal("Baggrund for Fælles model for akutpladser.", sent.Background);
        Assert.Equal("Sagsfremstilling om Fælles model for akutpladser.", sent.CasePresentation);
        // The one placement rule: before the closing standard items, which moved down.
        Assert.Equal(["Orienteringer", "Eventuelt"], items.SkipWhile(i => i.Id != sent.Id).Skip(1).Select(i => i.Title));
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.Number));
        Assert.EndsWith($"/sekretariat/punkter/{sent.Id}", response.Headers.Location!.ToString());

        var casePage = await client.GetDocumentAsync($"/sekretariat/sager/{caseId}");
        var path = casePage.QuerySelector("table")!.TextContent;
        Assert.Contains(Committee, path);
        Assert.Contains(Forum, path);
    }

    [Fact]
    public async Task Sending_on_to_the_same_body_a_finished_meeting_or_no_meeting_is_refused_in_Danish_and_nothing_is_saved()
    {
        var (client, fuItem, fuMeeting, _) = await ArrangeAsync("Sag der ikke kan sendes");
        var caseId = await CaseOfAsync(fuItem);
        var finished = await app.QueryAsync(db => db.Meetings.Where(m => m.State == MeetingState.MinutesPublished && m.Body.Name == Forum).Select(m => m.Id).FirstAsync());
        var before = await app.QueryAsync(db => db.AgendaItems.CountAsync());

        foreach (var (meeting, message) in new (int?, string)[]
        {
            (fuMeeting, "vælg et møde i et andet udvalg end Forretningsudvalget"),
            (finished, "Referatet for mødet er udgivet"),
            (null, "Vælg det møde, punktet skal på"),
            (999999, "Det valgte møde findes ikke"),
        })
        {
            using var response = await SendAsync(client, caseId, fuItem, meeting);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadDocumentAsync();
            Assert.Contains(message, page.Errors());
            Assert.Equal("true", page.QuerySelector("#MeetingId")!.GetAttribute("aria-invalid"));
        }
        Assert.Equal(before, await app.QueryAsync(db => db.AgendaItems.CountAsync()));
    }

    [Fact]
    public async Task Secretariat_records_a_step_outside_Rammevaerk_and_bad_input_is_refused_per_field()
    {
        var (client, fuItem, _, _) = await ArrangeAsync("Sag til KKR");
        var caseId = await CaseOfAsync(fuItem);
        var url = $"/sekretariat/sager/{caseId}";
        Dictionary<string, string> Form(string date, string body, string asked, string link) => new()
        {
            ["Outside.Date"] = date, ["Outside.Body"] = body, ["Outside.Asked"] = asked, ["Outside.Link"] = link, ["Outside.Outcome"] = "",
        };

        using var refused = await client.PostFormAsync(url, Form("31-02-2025", "", "Godkendelse", "javascript:alert(1)"), url + "?handler=Outside");
        var errors = (await refused.ReadDocumentAsync()).Errors();
        Assert.Contains("Dato: »31-02-2025« er ikke en dato", errors);
        Assert.Contains("Myndighed: skriv hvem sagen er sendt til", errors);
        Assert.Contains("Link: skriv en hel adresse", errors);
        Assert.False(await app.QueryAsync(db => db.OutsideSteps.AnyAsync(s => s.CaseId == caseId)));

        using var saved = await client.PostFormAsync(url, Form("2025-09-03", "KKR Syddanmark", "Godkendelse af budget 2026", "https://www.kl.dk/kkr-syddanmark"), url + "?handler=Outside");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var step = await app.QueryAsync(db => db.OutsideSteps.SingleAsync(s => s.CaseId == caseId));
        Assert.Equal((new DateOnly(2025, 9, 3), "KKR Syddanmark", "Godkendelse af budget 2026", (string?)null), (step.Date, step.Body, step.Asked, step.Outcome));

        using var outcome = await client.PostFormAsync(url, new Dictionary<string, string>
        {
            ["stamp"] = step.ConcurrencyStamp.ToString(), ["Outside.Outcome"] = "KKR Syddanmark godkendte budgettet.", ["Outside.Link"] = "https://www.kl.dk/kkr-syddanmark",
        }, url + $"?handler=Outcome&stepId={step.Id}");
        Assert.Equal(HttpStatusCode.Redirect, outcome.StatusCode);
        Assert.Equal("KKR Syddanmark godkendte budgettet.", await app.QueryAsync(db => db.OutsideSteps.Where(s => s.Id == step.Id).Select(s => s.Outcome).SingleAsync()));

        // The old stamp is refused: the later change is not overwritten.
        using var stale = await client.PostFormAsync(url, new Dictionary<string, string>
        {
            ["stamp"] = step.ConcurrencyStamp.ToString(), ["Outside.Outcome"] = "Noget andet.",
        }, url + $"?handler=Outcome&stepId={step.Id}");
        Assert.Contains("ændret af en anden samtidig", (await stale.ReadDocumentAsync()).Errors());
        Assert.Equal("KKR Syddanmark godkendte budgettet.", await app.QueryAsync(db => db.OutsideSteps.Where(s => s.Id == step.Id).Select(s => s.Outcome).SingleAsync()));
    }

    [Fact]
    public async Task Public_item_shows_the_path_with_closed_steps_by_body_and_date_and_no_decision_before_the_minutes()
    {
        var (client, fuItem, fuMeeting, forumMeeting) = await ArrangeAsync("Hemmelig forhandling");
        var caseId = await CaseOfAsync(fuItem);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(client, caseId, fuItem, forumMeeting)).StatusCode);
        var sent = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == forumMeeting && i.CaseId == caseId).Select(i => new { i.Id, i.Number }).SingleAsync());
        await app.QueryAsync(async db =>
        {
            var fu = await db.AgendaItems.SingleAsync(i => i.Id == fuItem);
            fu.IsClosed = true;
            fu.Decision = "FORTROLIG BESLUTNING i udvalget";
            var forumItem = await db.AgendaItems.SingleAsync(i => i.Id == sent.Id);
            forumItem.Decision = "UDKAST TIL BESLUTNING før referatet";
            return await db.SaveChangesAsync();
        });
        // Published through the check, as the secretariat does: the committee's minutes (its meeting is held), the
        // forum's agenda with a draft decision already written.
        await app.DecideAllAsync(client, fuMeeting, fuItem, "FORTROLIG BESLUTNING i udvalget");
        await client.PublishOkAsync(fuMeeting, "dagsorden");
        await client.PublishOkAsync(fuMeeting, "referat");
        await client.PublishOkAsync(forumMeeting, "dagsorden");

        var page = await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{forumMeeting}");
        var path = page.QuerySelector($"#punkt-{sent.Number} .case-path")!;
        var text = path.TextContent;
        Assert.Contains("Sagsforløb", text);
        Assert.Contains(Committee, text);
        Assert.Contains("(lukket)", text);
        var closedStep = path.QuerySelectorAll("li").First();
        Assert.Contains(Committee, closedStep.TextContent);
        Assert.DoesNotContain("Hemmelig forhandling", closedStep.TextContent);
        Assert.DoesNotContain("FORTROLIG", page.Body!.TextContent);
        // The path never shows a draft decision (the item itself on its meeting page is the publishing rule's, issue 12).
        Assert.DoesNotContain("UDKAST TIL BESLUTNING", text);
        Assert.Contains("referat ikke udgivet", text);
        Assert.Equal("step", path.QuerySelector("li[aria-current]")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Seed_cases_show_where_they_came_from_and_where_they_went()
    {
        var june = await app.QueryAsync(db => db.Meetings.Where(m => m.Body.Name == Forum && m.StartsAt.Year == 2025 && m.StartsAt.Month == 6).Select(m => m.Id).SingleAsync());
        var page = await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{june}");

        var capacity = page.QuerySelector("#punkt-6 .case-path")!.TextContent;
        Assert.Contains("Forretningsudvalget, 10. juni 2025", string.Join(' ', capacity.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("Lukning af pladser i Faaborg-Midtfyn Kommune", capacity);

        var annual = string.Join(' ', page.QuerySelector("#punkt-11 .case-path")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("K22, 20. august 2025", annual);
        Assert.Contains("KKR Syddanmark, 3. september 2025", annual);

        // Seed 000: every item Forretningsudvalget recommended has a Forretningsudvalget step before it.
        var untraced = await app.QueryAsync(db => db.AgendaItems
            .Where(i => i.Meeting.Body.Name == Forum && i.Meeting.StartsAt.Year == 2024 && i.Meeting.StartsAt.Month == 3 && i.Recommendation!.StartsWith("Forretningsudvalget indstille") && !i.Title.StartsWith("Godkendelse af referat"))
            .Where(i => !db.AgendaItems.Any(f => f.CaseId == i.CaseId && f.Meeting.Body.Name == Committee && f.Meeting.StartsAt < i.Meeting.StartsAt))
            .Select(i => i.Title).ToListAsync());
        Assert.Empty(untraced);
        Assert.True(await app.QueryAsync(db => db.AgendaItems.CountAsync(i => i.Meeting.Body.Name == Forum && i.Meeting.StartsAt.Year == 2024 && i.Meeting.StartsAt.Month == 3 && i.Recommendation!.StartsWith("Forretningsudvalget indstille"))) >= 8);
    }

    [Fact]
    public async Task Secretariat_finds_a_case_by_any_of_its_items()
    {
        var client = await app.SignInAsSecretariatAsync();
        // "Billund" is only in the title of Forretningsudvalget's item; the case is Socialdirektørforum's item 6.
        var page = await client.GetDocumentAsync("/sekretariat/sager?q=Billund");
        var links = page.QuerySelectorAll("table a[href^='/sekretariat/sager/']").Select(a => a.TextContent).ToList();
        Assert.Contains(links, l => l.Contains("Samlet sag vedr. ændringer i kapacitet", StringComparison.Ordinal));

        var list = await client.GetDocumentAsync("/sekretariat/sager");
        Assert.Contains("K22", list.Body!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymousClient().GetAsync("/sekretariat/sager")).StatusCode);
    }

    [Fact]
    public async Task OParl_serves_cases_as_papers_with_consultations_linked_from_agenda_items_and_valid_against_the_schemas()
    {
        var schemas = await Schemas.Value;
        var client = app.CreateAnonymousClient();
        var june = await app.QueryAsync(db => db.Meetings.Where(m => m.Body.Name == Forum && m.StartsAt.Year == 2025 && m.StartsAt.Month == 6).Select(m => m.Id).SingleAsync());
        var meeting = (JObject)OParlSchemas.Parse(await client.GetStringAsync($"/oparl/v1.1/meeting/{june}"));
        var item11 = meeting["agendaItem"]!.Single(i => i.Value<string>("number") == "11");

        var consultation = (JObject)OParlSchemas.Parse(await client.GetStringAsync(item11.Value<string>("consultation")!));
        Assert.Empty(schemas.Validate(consultation, "consultation"));
        Assert.Equal(item11.Value<string>("id"), consultation.Value<string>("agendaItem"));
        var paper = (JObject)OParlSchemas.Parse(await client.GetStringAsync(consultation.Value<string>("paper")!));
        Assert.Empty(schemas.Validate(paper, "paper"));
        Assert.Equal("https://schema.oparl.org/1.1/Paper", paper.Value<string>("type"));
        var keywords = paper["consultation"]!.SelectMany(c => c["keyword"]?.Values<string>() ?? []).ToList();
        Assert.Equal(["K22", "KKR Syddanmark"], keywords);

        var capacity = meeting["agendaItem"]!.Single(i => i.Value<string>("number") == "6");
        var capacityPaper = (JObject)OParlSchemas.Parse(await client.GetStringAsync(
            ((JObject)OParlSchemas.Parse(await client.GetStringAsync(capacity.Value<string>("consultation")!))).Value<string>("paper")!));
        var meetings = capacityPaper["consultation"]!.Select(c => c.Value<string>("meeting")).Distinct().ToList();
        Assert.Equal(2, meetings.Count); // Forretningsudvalget 10 June 2025, then Socialdirektørforum 27 June 2025
        Assert.Equal(meeting.Value<string>("id"), meetings[1]);
    }

    [Fact]
    public async Task A_draft_meetings_item_has_no_public_consultation()
    {
        var (_, fuItem, _, _) = await ArrangeAsync("Kladdesag");
        var caseId = await CaseOfAsync(fuItem);
        var client = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/oparl/v1.1/consultation/{fuItem}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/oparl/v1.1/paper/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task An_outside_step_with_a_CPR_number_or_a_private_link_is_refused_and_an_old_one_never_reaches_the_public()
    {
        var (client, fuItem, fuMeeting, _) = await ArrangeAsync("Sag med borger");
        var caseId = await CaseOfAsync(fuItem);
        await app.DecideAllAsync(client, fuMeeting, fuItem, "Godkendt.");
        await client.PublishOkAsync(fuMeeting, "dagsorden");
        await client.PublishOkAsync(fuMeeting, "referat");
        var url = $"/sekretariat/sager/{caseId}";
        using var refused = await client.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Outside.Date"] = "01-12-2026", ["Outside.Body"] = "K22", ["Outside.Asked"] = "Godkendelse vedr. borger cpr 010190-1234",
            ["Outside.Outcome"] = "Godkendt for 0101901234", ["Outside.Link"] = "http://localhost/referat",
        }, url + "?handler=Outside");
        var errors = (await refused.ReadDocumentAsync()).Errors();
        Assert.Contains("Hvad blev der bedt om: indeholder et CPR-nummer", errors);
        Assert.Contains("Udfald: indeholder et CPR-nummer", errors);
        Assert.Contains("Link: adressen er localhost", errors);
        Assert.False(await app.QueryAsync(db => db.OutsideSteps.AnyAsync(s => s.CaseId == caseId)));

        // A step saved before the rule (written straight to the table) shows only its body and date, on the page and in OParl.
        await app.QueryAsync(async db =>
        {
            db.OutsideSteps.Add(new OutsideStep
            {
                CaseId = caseId, Date = new DateOnly(2026, 12, 1), Body = "K22", Asked = "Godkendelse vedr. borger cpr 010190-1234",
                Outcome = "Godkendt", Link = "https://www.kl.dk/k22", SentFromItemId = fuItem, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var anonymous = app.CreateAnonymousClient();
        var page = await anonymous.GetStringAsync($"/moeder/{fuMeeting}");
        Assert.Contains("K22", page);
        Assert.DoesNotContain("010190", page);
        var paper = await anonymous.GetStringAsync($"/oparl/v1.1/paper/{caseId}");
        Assert.Contains("K22, 1. december 2026", paper);
        Assert.DoesNotContain("010190", paper);
        Assert.DoesNotContain("kl.dk/k22", paper);
    }

    [Fact]
    public async Task An_outside_step_sent_on_from_a_closed_item_shows_only_body_and_date_to_the_public()
    {
        var (client, fuItem, fuMeeting, _) = await ArrangeAsync("Personalesag i sekretariatet");
        var caseId = await CaseOfAsync(fuItem);
        await app.QueryAsync(async db => { (await db.AgendaItems.SingleAsync(i => i.Id == fuItem)).IsClosed = true; return await db.SaveChangesAsync(); });
        await app.DecideAllAsync(client, fuMeeting, fuItem, "Godkendt.");
        await client.PublishOkAsync(fuMeeting, "dagsorden");
        await client.PublishOkAsync(fuMeeting, "referat");
        var url = $"/sekretariat/sager/{caseId}";
        using var saved = await client.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Outside.Date"] = "01-12-2026", ["Outside.Body"] = "K22", ["Outside.Asked"] = "FORTROLIGT spørgsmål om en medarbejder",
            ["Outside.Outcome"] = "FORTROLIGT udfald", ["Outside.Link"] = "https://www.kl.dk/k22", ["Outside.SentFromItemId"] = fuItem.ToString(),
        }, url + "?handler=Outside");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var anonymous = app.CreateAnonymousClient();
        var page = await anonymous.GetStringAsync($"/moeder/{fuMeeting}");
        Assert.Contains("K22", page);
        Assert.DoesNotContain("FORTROLIG", page);
        var stepId = await app.QueryAsync(db => db.OutsideSteps.Where(s => s.CaseId == caseId).Select(s => s.Id).SingleAsync());
        var consultation = await anonymous.GetStringAsync($"/oparl/v1.1/consultation/udenfor/{stepId}");
        Assert.Contains("K22, 1. december 2026", consultation);
        Assert.DoesNotContain("FORTROLIG", consultation);
        Assert.DoesNotContain("FORTROLIG", await anonymous.GetStringAsync($"/oparl/v1.1/paper/{caseId}"));
        // The secretariat's case page shows the whole step.
        Assert.Contains("FORTROLIGT spørgsmål", await client.GetStringAsync(url));
    }

    [Fact]
    public async Task An_item_added_to_a_published_meeting_is_no_paper_until_the_meeting_is_published_again()
    {
        var (client, fuItem, fuMeeting, _) = await ArrangeAsync("Første punkt");
        await app.DecideAllAsync(client, fuMeeting, fuItem, "Godkendt.");
        await client.PublishOkAsync(fuMeeting, "dagsorden");
        var added = await client.AddItemAsync(app, fuMeeting, "ARBEJDSKOPI-PUNKT ikke udgivet");
        var caseId = await CaseOfAsync(added);

        var anonymous = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/oparl/v1.1/paper/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/oparl/v1.1/consultation/{added}")).StatusCode);
        var papers = new List<string>();
        for (string? next = "/oparl/v1.1/body/1/paper"; next is not null;)
        {
            var list = (JObject)OParlSchemas.Parse(await anonymous.GetStringAsync(next));
            papers.AddRange(list["data"]!.Select(p => p.Value<string>("name")!));
            next = list["links"]?.Value<string>("next");
        }
        Assert.DoesNotContain("ARBEJDSKOPI-PUNKT ikke udgivet", papers);
        Assert.Contains("Første punkt", papers);

        // Published again (a new version), the item is a paper.
        await client.PublishOkAsync(fuMeeting, "ny-version");
        Assert.Contains("ARBEJDSKOPI-PUNKT ikke udgivet", await anonymous.GetStringAsync($"/oparl/v1.1/paper/{caseId}"));
    }

    [Theory]
    [InlineData("Det indstilles, at Forretningsudvalget\n\n- godkender X", "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- godkende X")]
    [InlineData("Det indstilles, at Forretningsudvalget godkender X", "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- godkende X")]
    [InlineData("Det indstilles, at Forretningsudvalget\n\n- tager orienteringen til efterretning og\n- er enig i planen\n- drøfte oplægget", "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- tage orienteringen til efterretning og\n- være enig i planen\n- drøfte oplægget")]
    [InlineData("Det indstilles, at Forretningsudvalget:\n\n- ser positivt på forslaget\n- bemærker, at sagen er vigtig", "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- se positivt på forslaget\n- bemærke, at sagen er vigtig")]
    [InlineData("Det indstilles til Forretningsudvalget, at\n\n- tror på planen\n- for øvrigt drøfter sagen", "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- tro på planen\n- for øvrigt drøfter sagen")]
    [InlineData("- drøfter sagen", "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- drøfter sagen")]
    [InlineData(null, "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- ")]
    public void The_senders_recommendation_becomes_the_basis(string? recommendation, string expected) =>
        Assert.Equal(expected, SendOnText.Basis("Forretningsudvalget", "Socialdirektørforum", recommendation));
}

public sealed class CaseTestsOnSqlite(SqliteAppFactory app) : CaseTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CaseTestsOnPostgres(PostgresAppFactory app) : CaseTests(app), IClassFixture<PostgresAppFactory>;
