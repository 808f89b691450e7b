using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Demo;
using Rammevaerk.FollowUps;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Import;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.FollowUps;

/// <summary>Follow-ups from a decision, offered on the next draft agenda; letters and their answers.</summary>
public abstract class FollowUpTests(AppFactory app)
{
    private static Dictionary<string, string> FollowUpForm(string title, int bodyId, string? dueDate = null) => new()
    {
        ["Input.Title"] = title, ["Input.BodyId"] = bodyId.ToString(), ["Input.Owner"] = "Secretariat",
        ["Input.Due"] = dueDate is null ? "naestemoede" : "dato", ["Input.DueDate"] = dueDate ?? "",
    };

    /// <summary>The follow-up's row on the secretariat's list.</summary>
    private static async Task<AngleSharp.Dom.IElement?> FollowUpRowAsync(HttpClient client, string title) =>
        (await client.GetDocumentAsync("/sekretariat/opfoelgning")).QuerySelectorAll("tr").FirstOrDefault(r => r.TextContent.Contains(title));

    private static async Task<int> CreateMeetingAtAsync(HttpClient client, int bodyId, string title, string day)
    {
        using var response = await client.PostFormAsync("/sekretariat/moeder/nyt", AuthoringSteps.MeetingForm(bodyId, title, $"{day}T09:00", $"{day}T12:00"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public async Task A_follow_up_from_a_decision_is_offered_on_the_next_draft_and_placed_in_a_status_item()
    {
        var client = await app.SignInAsSecretariatAsync();
        var fu = await app.BodyIdAsync("Forretningsudvalget");
        var first = await CreateMeetingAtAsync(client, fu, "Møde med beslutning", "2031-03-05");
        var source = await client.AddItemAsync(app, first, "Analyse af botilbud");
        var title = $"Sekretariatet sender mail til kommunerne {Guid.NewGuid():N}";

        // A due date before the decision's meeting is refused, nothing saved.
        using (var bad = await client.PostFormAsync($"/sekretariat/opfoelgning/ny?punkt={source}", FollowUpForm(title, fu, "2031-03-01")))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("Fristen kan ikke ligge før beslutningen", (await bad.ReadDocumentAsync()).Errors());
        }
        Assert.False(await app.QueryAsync(db => db.FollowUps.AnyAsync(f => f.Title == title)));

        using (var ok = await client.PostFormAsync($"/sekretariat/opfoelgning/ny?punkt={source}", FollowUpForm(title, fu, "2031-05-01")))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var followUpId = await app.QueryAsync(db => db.FollowUps.Where(f => f.Title == title).Select(f => f.Id).SingleAsync());
        var list = await client.GetDocumentAsync("/sekretariat/opfoelgning");
        Assert.Contains(title, list.Text());

        // Not offered before its due date; offered on the draft of the meeting after it.
        var early = await CreateMeetingAtAsync(client, fu, "Møde før fristen", "2031-04-10");
        Assert.Null((await client.GetDocumentAsync($"/sekretariat/moeder/{early}")).QuerySelector($"#offer-f-{followUpId}"));
        var next = await CreateMeetingAtAsync(client, fu, "Næste møde", "2031-05-07");
        var page = await client.GetDocumentAsync($"/sekretariat/moeder/{next}");
        Assert.NotNull(page.QuerySelector($"#offer-f-{followUpId}"));

        using (var placed = await client.PostFormAsync($"/sekretariat/moeder/{next}",
                   new Dictionary<string, string> { ["followUpIds"] = followUpId.ToString(), ["statusTitle"] = AgendaOffers.DecisionsStatusTitle },
                   $"/sekretariat/opfoelgning/dagsorden/{next}?handler=Status"))
        {
            Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        }
        var items = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == next).OrderBy(i => i.Number).ToListAsync());
        var status = Assert.Single(items, i => i.Title == AgendaOffers.DecisionsStatusTitle);
        Assert.Equal("Eventuelt", items.Last().Title);
        Assert.Contains(title, status.CasePresentation);
        Assert.Contains($"(/moeder/{first}#punkt-", status.CasePresentation);
        Assert.Equal(status.Id, await app.QueryAsync(db => db.FollowUps.Where(f => f.Id == followUpId).Select(f => f.PlacedOnItemId).SingleAsync()));
        // Placed, it is no longer offered.
        Assert.Null((await client.GetDocumentAsync($"/sekretariat/moeder/{next}")).QuerySelector($"#offer-f-{followUpId}"));

        // Done with a note.
        using (var done = await client.PostFormAsync("/sekretariat/opfoelgning",
                   new Dictionary<string, string> { ["followUpId"] = followUpId.ToString(), ["note"] = "Behandlet på mødet." }, "/sekretariat/opfoelgning?handler=Done"))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }
        var saved = await app.QueryAsync(db => db.FollowUps.SingleAsync(f => f.Id == followUpId));
        Assert.Equal(FollowUpState.Done, saved.State);
        Assert.Equal("Behandlet på mødet.", saved.DoneNote);
    }

    [Fact]
    public async Task An_overdue_follow_up_says_so_in_text()
    {
        var client = await app.SignInAsSecretariatAsync();
        var fu = await app.BodyIdAsync("Forretningsudvalget");
        var title = $"Overskredet opfølgning {Guid.NewGuid():N}";
        using (var ok = await client.PostFormAsync("/sekretariat/opfoelgning/ny", FollowUpForm(title, fu, "2020-01-15")))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var row = (await client.GetDocumentAsync("/sekretariat/opfoelgning")).QuerySelectorAll("tr").First(r => r.TextContent.Contains(title));
        Assert.Contains("Overskredet", row.TextContent);
    }

    [Fact]
    public async Task A_letter_answer_must_be_pdf_or_docx_and_goes_into_the_status_item_with_its_file()
    {
        var client = await app.SignInAsSecretariatAsync();
        var fu = await app.BodyIdAsync("Forretningsudvalget");
        var first = await CreateMeetingAtAsync(client, fu, "Møde om brev", "2032-03-05");
        var source = await client.AddItemAsync(app, first, "Brev til ministeriet");
        var title = $"Svar fra ministeriet {Guid.NewGuid():N}";
        using (var ok = await client.PostFormAsync($"/sekretariat/opfoelgning/ny?punkt={source}", FollowUpForm(title, fu)))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var followUpId = await app.QueryAsync(db => db.FollowUps.Where(f => f.Title == title).Select(f => f.Id).SingleAsync());

        var subject = $"Lukning af forsorgshjem {Guid.NewGuid():N}";
        using (var badDue = await client.PostFormAsync("/sekretariat/opfoelgning/breve", new Dictionary<string, string>
               {
                   ["Input.Recipient"] = "Social- og Boligministeriet", ["Input.Subject"] = subject, ["Input.SentOn"] = "2032-03-10",
                   ["Input.AnswerDueOn"] = "2032-02-01", ["Input.AnswerExpected"] = "true", ["Input.FollowUpId"] = followUpId.ToString(),
               }))
        {
            Assert.Contains("Svarfristen kan ikke ligge før", (await badDue.ReadDocumentAsync()).Errors());
        }
        using (var created = await client.PostFormAsync("/sekretariat/opfoelgning/breve", new Dictionary<string, string>
               {
                   ["Input.Recipient"] = "Social- og Boligministeriet", ["Input.Subject"] = subject, ["Input.SentOn"] = "2032-03-10",
                   ["Input.AnswerDueOn"] = "2032-04-01", ["Input.AnswerExpected"] = "true", ["Input.FollowUpId"] = followUpId.ToString(),
                   ["Input.SourceItemId"] = source.ToString(),
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        var letterId = await app.QueryAsync(db => db.Letters.Where(l => l.Subject == subject).Select(l => l.Id).SingleAsync());

        async Task<HttpResponseMessage> Answer(string fileName, byte[] bytes)
        {
            var page = await client.GetDocumentAsync($"/sekretariat/opfoelgning/breve/{letterId}");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(page.AntiforgeryToken()), Browserless.AntiforgeryField },
                { new StringContent("2032-04-15"), "ReceivedOn" },
                { new StringContent("Ministeriet arbejder på sagen."), "AnswerText" },
                { new ByteArrayContent(bytes), "file", fileName },
            };
            return await client.PostAsync($"/sekretariat/opfoelgning/breve/{letterId}?handler=Answer", content);
        }
        using (var fake = await Answer("svar.pdf", "ikke en pdf"u8.ToArray()))
        {
            Assert.Contains("indholdet er ikke en PDF-fil", (await fake.ReadDocumentAsync()).Errors());
        }
        Assert.Null(await app.QueryAsync(db => db.Letters.Where(l => l.Id == letterId).Select(l => l.AnswerReceivedOn).SingleAsync()));
        using (var good = await Answer("svar.pdf", MinimalPdf.Create("Svar")))
        {
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        }

        var next = await CreateMeetingAtAsync(client, fu, "Møde med status på breve", "2032-05-07");
        var page = await client.GetDocumentAsync($"/sekretariat/moeder/{next}");
        Assert.NotNull(page.QuerySelector($"#offer-l-{letterId}"));
        using (var placed = await client.PostFormAsync($"/sekretariat/moeder/{next}",
                   new Dictionary<string, string> { ["followUpIds"] = followUpId.ToString(), ["letterIds"] = letterId.ToString(), ["statusTitle"] = AgendaOffers.LettersStatusTitle },
                   $"/sekretariat/opfoelgning/dagsorden/{next}?handler=Status"))
        {
            Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        }
        var status = await app.QueryAsync(db => db.AgendaItems.Include(i => i.Attachments).SingleAsync(i => i.MeetingId == next && i.Title == AgendaOffers.LettersStatusTitle));
        Assert.Contains("> Ministeriet arbejder på sagen.", status.CasePresentation);
        Assert.Contains(subject, status.CasePresentation);
        Assert.Equal("svar.pdf", Assert.Single(status.Attachments).FileName);
    }

    [Fact]
    public async Task A_follow_up_due_at_the_next_meeting_is_overdue_once_that_meeting_was_held()
    {
        var client = await app.SignInAsSecretariatAsync();
        var fu = await app.BodyIdAsync("Forretningsudvalget");
        Task<AngleSharp.Dom.IElement?> RowAsync(string title) => FollowUpRowAsync(client, title);

        // Decided at a future meeting: the next meeting is not held yet, so not overdue.
        var future = await CreateMeetingAtAsync(client, fu, "Fremtidigt beslutningsmøde", "2033-06-01");
        var futureItem = await client.AddItemAsync(app, future, "Fremtidig beslutning");
        var waiting = $"Sag til næste møde {Guid.NewGuid():N}";
        using (var ok = await client.PostFormAsync($"/sekretariat/opfoelgning/ny?punkt={futureItem}", FollowUpForm(waiting, fu))) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.DoesNotContain("Overskredet", (await RowAsync(waiting))!.TextContent);

        // Decided long ago, and the body has met since: overdue, with the meeting's date as the due date.
        var past = await CreateMeetingAtAsync(client, fu, "Gammelt beslutningsmøde", "2011-02-03");
        var pastItem = await client.AddItemAsync(app, past, "Gammel beslutning");
        var late = $"Glemt sag til næste møde {Guid.NewGuid():N}";
        using (var ok = await client.PostFormAsync($"/sekretariat/opfoelgning/ny?punkt={pastItem}", FollowUpForm(late, fu))) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        await CreateMeetingAtAsync(client, fu, "Mødet efter", "2011-02-17");
        var row = (await RowAsync(late))!;
        Assert.Contains("Overskredet", row.TextContent);
        Assert.Contains("næste møde (17. februar 2011)", row.TextContent);
    }

    [Fact]
    public async Task Archive_minutes_without_a_certain_date_are_no_next_meeting_until_their_date_is_answered()
    {
        var client = await app.SignInAsSecretariatAsync();
        using (await client.PostFormAsync("/sekretariat/udvalg", new Dictionary<string, string>
        {
            ["NewBody.Name"] = "KKR Syddanmark", ["NewBody.ShortName"] = "", ["NewBody.Kind"] = "Other", ["NewBody.Description"] = "",
        }, "/sekretariat/udvalg?handler=CreateBody")) { }
        var kkr = await app.BodyIdAsync("KKR Syddanmark");
        Task<AngleSharp.Dom.IElement?> RowAsync(string title) => FollowUpRowAsync(client, title);

        // Decided on 1 December 2014, due at KKR's next meeting; KKR has not met since in Rammeværk.
        var decision = await CreateMeetingAtAsync(client, kkr, "KKR-møde med beslutningen", "2014-12-01");
        var item = await client.AddItemAsync(app, decision, "Beslutning med opfølgning");
        var title = $"Sag til KKR's næste møde {Guid.NewGuid():N}";
        using (var ok = await client.PostFormAsync($"/sekretariat/opfoelgning/ny?punkt={item}", FollowUpForm(title, kkr))) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.DoesNotContain("Overskredet", (await RowAsync(title))!.TextContent);

        // Archive minutes of KKR whose date cannot be read: kept on a placeholder day (1 January 2015) until answered.
        int batch = await client.UploadAsync([("kkr.txt", ImportSteps.Utf8(ArchiveLayoutTests.Sample("docplayer.dk_24488542")))]);
        var file = Assert.Single(await app.WaitForBatchAsync(batch));
        var imported = await app.QueryAsync(db => db.Meetings.SingleAsync(m => m.Id == file.MeetingId));
        Assert.Equal(kkr, imported.BodyId);
        Assert.True(imported.StartsAt > new DateTime(2014, 12, 2, 0, 0, 0, DateTimeKind.Utc));
        var undated = (await RowAsync(title))!.TextContent;
        Assert.DoesNotContain("Overskredet", undated);
        Assert.DoesNotContain("2015", undated);

        // Once its date is answered it is a meeting between the decision and today: the real next meeting, held.
        int question = await app.QueryAsync(db => db.ImportQuestions.Where(q => q.MeetingId == imported.Id && q.Kind == Rammevaerk.Meetings.Import.QuestionKind.Date).Select(q => q.Id).SingleAsync());
        using (var answer = await client.PostFormAsync("/sekretariat/import/spoergsmaal", new Dictionary<string, string> { ["Date"] = "2015-11-19", ["Time"] = "10:00" },
            $"/sekretariat/import/spoergsmaal?handler=Date&id={question}"))
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var dated = (await RowAsync(title))!.TextContent;
        Assert.Contains("Overskredet", dated);
        Assert.Contains("næste møde (19. november 2015)", dated);
    }

    [Fact]
    public async Task A_too_long_title_is_refused_with_both_numbers_in_Danish()
    {
        var client = await app.SignInAsSecretariatAsync();
        var fu = await app.BodyIdAsync("Forretningsudvalget");
        using var refused = await client.PostFormAsync("/sekretariat/opfoelgning/ny", FollowUpForm(new string('x', 100_001), fu));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Teksten må højst være 300 tegn (den er 100.001).", (await refused.ReadDocumentAsync()).Errors());
    }

    [Fact]
    public async Task A_follow_up_can_be_corrected_reopened_and_deleted_and_its_letters_stay()
    {
        var client = await app.SignInAsSecretariatAsync();
        var fu = await app.BodyIdAsync("Forretningsudvalget");
        var meeting = await CreateMeetingAtAsync(client, fu, "Møde med opfølgning der rettes", "2034-03-05");
        var source = await client.AddItemAsync(app, meeting, "Punkt der rettes");
        var title = $"Opfølgning der rettes {Guid.NewGuid():N}";
        using (var ok = await client.PostFormAsync($"/sekretariat/opfoelgning/ny?punkt={source}", FollowUpForm(title, fu))) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var id = await app.QueryAsync(db => db.FollowUps.Where(f => f.Title == title).Select(f => f.Id).SingleAsync());
        var url = $"/sekretariat/opfoelgning/{id}";

        // A due date before the decision: Danish message, nothing changed.
        using (var bad = await client.PostFormAsync(url, FollowUpForm(title + " ændret", fu, "2034-03-01"), url + "?handler=Save"))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("Fristen kan ikke ligge før beslutningen", (await bad.ReadDocumentAsync()).Errors());
        }
        var unchanged = await app.QueryAsync(db => db.FollowUps.SingleAsync(f => f.Id == id));
        Assert.Equal((title, true, (DateOnly?)null), (unchanged.Title, unchanged.DueNextMeeting, unchanged.DueDate));

        using (var ok = await client.PostFormAsync(url, FollowUpForm(title + " ændret", fu, "2034-06-01"), url + "?handler=Save")) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var changed = await app.QueryAsync(db => db.FollowUps.SingleAsync(f => f.Id == id));
        Assert.Equal((title + " ændret", false, (DateOnly?)new DateOnly(2034, 6, 1)), (changed.Title, changed.DueNextMeeting, changed.DueDate));

        // Cancelled, then reopened.
        using (var r = await client.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=Cancel")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(FollowUpState.Cancelled, await app.QueryAsync(db => db.FollowUps.Where(f => f.Id == id).Select(f => f.State).SingleAsync()));
        using (var r = await client.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=Reopen")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(FollowUpState.Open, await app.QueryAsync(db => db.FollowUps.Where(f => f.Id == id).Select(f => f.State).SingleAsync()));

        // A letter on it; deleting the follow-up keeps the letter.
        var subject = $"Brev på opfølgning der slettes {Guid.NewGuid():N}";
        using (var created = await client.PostFormAsync("/sekretariat/opfoelgning/breve", new Dictionary<string, string>
               {
                   ["Input.Recipient"] = "KL", ["Input.Subject"] = subject, ["Input.SentOn"] = "2034-03-10", ["Input.AnswerExpected"] = "true",
                   ["Input.FollowUpId"] = id.ToString(),
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        var page = await client.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector("form[data-confirm] button.danger"));
        using (var r = await client.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=Delete")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.False(await app.QueryAsync(db => db.FollowUps.AnyAsync(f => f.Id == id)));
        Assert.Null(await app.QueryAsync(db => db.Letters.Where(l => l.Subject == subject).Select(l => l.FollowUpId).SingleAsync()));
    }

    [Fact]
    public async Task A_letter_can_be_corrected_its_answer_taken_back_and_deleted()
    {
        var client = await app.SignInAsSecretariatAsync();
        var subject = $"Brev der rettes {Guid.NewGuid():N}";
        Dictionary<string, string> Form(string recipient, string subj, string sent, string due = "") => new()
        {
            ["Input.Recipient"] = recipient, ["Input.Subject"] = subj, ["Input.SentOn"] = sent, ["Input.AnswerDueOn"] = due,
            ["Input.AnswerExpected"] = "true", ["Input.FollowUpId"] = "",
        };
        using (var created = await client.PostFormAsync("/sekretariat/opfoelgning/breve", Form("Ankestyrelsen", subject, "2030-01-10"))) Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.QueryAsync(db => db.Letters.Where(l => l.Subject == subject).Select(l => l.Id).SingleAsync());
        var url = $"/sekretariat/opfoelgning/breve/{id}";

        using (var bad = await client.PostFormAsync(url, Form("", subject, "2030-01-10", "2030-01-01"), url + "?handler=Save"))
        {
            var errors = (await bad.ReadDocumentAsync()).Errors();
            Assert.Contains("Skriv, hvem brevet er sendt til.", errors);
            Assert.Contains("Svarfristen kan ikke ligge før brevet blev sendt.", errors);
        }
        Assert.Equal("Ankestyrelsen", await app.QueryAsync(db => db.Letters.Where(l => l.Id == id).Select(l => l.Recipient).SingleAsync()));

        using (var ok = await client.PostFormAsync(url, Form("Social- og Boligstyrelsen", subject + " rettet", "2030-01-12", "2030-02-12"), url + "?handler=Save"))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var saved = await app.QueryAsync(db => db.Letters.SingleAsync(l => l.Id == id));
        Assert.Equal(("Social- og Boligstyrelsen", subject + " rettet", new DateOnly(2030, 1, 12), (DateOnly?)new DateOnly(2030, 2, 12)),
            (saved.Recipient, saved.Subject, saved.SentOn, saved.AnswerDueOn));

        using (var answer = await client.PostFormAsync(url, new Dictionary<string, string> { ["ReceivedOn"] = "2030-02-01", ["AnswerText"] = "Svar." }, url + "?handler=Answer"))
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        // Sent after the answer came: refused.
        using (var bad = await client.PostFormAsync(url, Form("Social- og Boligstyrelsen", subject, "2030-02-05"), url + "?handler=Save"))
            Assert.Contains("Brevet kan ikke være sendt efter svaret kom", (await bad.ReadDocumentAsync()).Errors());
        using (var r = await client.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=RemoveAnswer")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var taken = await app.QueryAsync(db => db.Letters.SingleAsync(l => l.Id == id));
        Assert.Equal(((DateOnly?)null, (string?)null), (taken.AnswerReceivedOn, taken.AnswerText));

        using (var r = await client.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=Delete")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Letters.AnyAsync(l => l.Id == id)));
    }
}

public sealed class FollowUpTestsOnSqlite(SqliteAppFactory app) : FollowUpTests(app), IClassFixture<SqliteAppFactory>;

public sealed class FollowUpTestsOnPostgres(PostgresAppFactory app) : FollowUpTests(app), IClassFixture<PostgresAppFactory>;
