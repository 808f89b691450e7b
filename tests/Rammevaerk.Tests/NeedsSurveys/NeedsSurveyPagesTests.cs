using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Demo;
using Rammevaerk.NeedsSurveys;
using Rammevaerk.Notifications;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.NeedsSurveys;

/// <summary>Needs surveys through the pages: define, open, answer, remind, close, publish, bad input, insertion, public page.</summary>
public abstract class NeedsSurveyPagesTests(AppFactory app)
{
    private const int Varde = TestAccounts.MunicipalityCode;
    private const int Billund = TestAccounts.SecondMunicipalityCode;

    private static Dictionary<string, string> Definition(string title, int? previous = null) => new()
    {
        ["Input.Title"] = title,
        ["Input.TargetGroup"] = "Borgere med dobbeltdiagnose",
        ["Input.Question"] = "Hvor mange pladser forventer kommunen at købe eksternt?",
        ["Input.FromYear"] = "2027",
        ["Input.ToYear"] = "2029",
        ["Input.Deadline"] = DateTime.Today.AddDays(20).ToString("yyyy-MM-dd"),
        ["Input.PreviousSurveyId"] = previous?.ToString() ?? "",
    };

    private static async Task<int> DefineAsync(HttpClient secretariat, string title, int? previous = null)
    {
        using var response = await secretariat.PostFormAsync("/sekretariat/behovsanalyser/ny", Definition(title, previous));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static async Task ActAsync(HttpClient secretariat, int id, string handler)
    {
        using var response = await secretariat.PostFormAsync($"/sekretariat/behovsanalyser/{id}", new Dictionary<string, string>(), $"/sekretariat/behovsanalyser/{id}?handler={handler}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient municipality, int id, int code, params string[] places)
    {
        var fields = new Dictionary<string, string> { ["MunicipalityCode"] = code.ToString() };
        for (var i = 0; i < places.Length; i++) fields[$"Places[{i}]"] = places[i];
        return municipality.PostFormAsync($"/behovsanalyse/{id}", fields);
    }

    private Task<List<NeedsSurveyAnswer>> AnswersAsync(int id) =>
        app.QueryAsync(db => db.NeedsSurveyAnswers.AsNoTracking().Where(a => a.SurveyId == id).OrderBy(a => a.MunicipalityCode).ThenBy(a => a.Year).ToListAsync());

    private Task<int> NotificationsAsync(string email, int id) =>
        app.QueryAsync(db => db.Notifications.CountAsync(n => n.Link == $"/behovsanalyse/{id}" && db.Users.Any(u => u.Id == n.UserId && u.Email == email)));

    [Fact]
    public async Task Survey_is_defined_opened_answered_reminded_closed_and_published()
    {
        var sec = await app.SignInAsSecretariatAsync();
        var id = await DefineAsync(sec, "Behovsanalyse forløb");
        Assert.Equal(SurveyState.Draft, await app.QueryAsync(db => db.NeedsSurveys.Where(s => s.Id == id).Select(s => s.State).SingleAsync()));
        Assert.Equal("2027,2028,2029", await app.QueryAsync(db => db.NeedsSurveys.Where(s => s.Id == id).Select(s => s.Years).SingleAsync()));

        await ActAsync(sec, id, "Open");
        Assert.Equal(1, await NotificationsAsync(TestAccounts.MunicipalityEmail, id));
        Assert.Equal(1, await NotificationsAsync(TestAccounts.SecondMunicipalityEmail, id));
        var outbox = await app.QueryAsync(db => db.Outbox.CountAsync(m => m.To == TestAccounts.MunicipalityEmail && m.Subject.Contains("Behovsanalyse forløb")));
        Assert.Equal(1, outbox);

        var varde = await app.SignInAsMunicipalityAsync();
        var list = await varde.GetDocumentAsync("/behovsanalyse");
        Assert.Contains("Behovsanalyse forløb", list.Text());
        var form = await varde.GetDocumentAsync($"/behovsanalyse/{id}");
        Assert.NotNull(form.QuerySelector("label[for='places-2027']"));
        using (var r = await AnswerAsync(varde, id, Varde, "3", "2", "0")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal([3, 2, 0], (await AnswersAsync(id)).Select(a => a.Places));

        var page = await sec.GetDocumentAsync($"/sekretariat/behovsanalyser/{id}");
        Assert.Contains("1 af 22 har svaret", page.Text());

        await ActAsync(sec, id, "Remind");
        Assert.Equal(1, await NotificationsAsync(TestAccounts.MunicipalityEmail, id));
        Assert.Equal(2, await NotificationsAsync(TestAccounts.SecondMunicipalityEmail, id));

        // Varde changes its answer before the deadline.
        using (var r = await AnswerAsync(varde, id, Varde, "4", "2", "1")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal([4, 2, 1], (await AnswersAsync(id)).Select(a => a.Places));

        await ActAsync(sec, id, "Close");
        using (var r = await AnswerAsync(varde, id, Varde, "9", "9", "9"))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("lukket for svar", (await r.ReadDocumentAsync()).Text());
        }
        Assert.Equal([4, 2, 1], (await AnswersAsync(id)).Select(a => a.Places));

        var anonymous = app.CreateAnonymousClient();
        Assert.DoesNotContain("Behovsanalyse forløb", (await anonymous.GetDocumentAsync("/behovsanalyser")).Text());
        using (var hidden = await anonymous.GetAsync($"/behovsanalyser/{id}")) Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        await ActAsync(sec, id, "Publish");
        var pub = await anonymous.GetDocumentAsync("/behovsanalyser");
        Assert.Contains("Behovsanalyse forløb", pub.Text());
        var publicResult = await anonymous.GetDocumentAsync($"/behovsanalyser/{id}");
        Assert.Contains("Behovsanalyse forløb (1)", publicResult.Text());
        Assert.Null(publicResult.QuerySelector("table.survey-detail"));

        var member = await app.SignInAsMemberAsync();
        var memberResult = await member.GetDocumentAsync($"/behovsanalyser/{id}");
        var detail = memberResult.QuerySelector("table.survey-detail")!;
        Assert.Contains("Varde", detail.TextContent);
    }

    [Theory]
    [InlineData("-1", "Antal pladser i 2028 kan ikke være negativt.")]
    [InlineData("tre", "Antal pladser i 2028 skal være et helt tal, fx 3.")]
    [InlineData("2,5", "Antal pladser i 2028 skal være et helt tal, fx 3.")]
    [InlineData("", "Skriv antal pladser i 2028 (0, hvis I ikke forventer at købe pladser).")]
    public async Task Bad_places_are_refused_with_a_message_naming_the_year_and_nothing_is_saved(string bad, string message)
    {
        var sec = await app.SignInAsSecretariatAsync();
        var id = await DefineAsync(sec, $"Behovsanalyse fejl {Guid.NewGuid():N}");
        await ActAsync(sec, id, "Open");
        var varde = await app.SignInAsMunicipalityAsync();
        using var r = await AnswerAsync(varde, id, Varde, "1", bad, "2");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var page = await r.ReadDocumentAsync();
        Assert.Equal(message, page.QuerySelector("#places-2028-error")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("#places-2028")!.GetAttribute("aria-invalid"));
        Assert.Empty(await AnswersAsync(id));
    }

    [Fact]
    public async Task Answer_for_another_municipality_is_refused_with_403_and_logged()
    {
        var sec = await app.SignInAsSecretariatAsync();
        var id = await DefineAsync(sec, "Behovsanalyse manipulation");
        await ActAsync(sec, id, "Open");
        var varde = await app.SignInAsMunicipalityAsync();
        var before = await app.QueryAsync(db => db.AuditLog.CountAsync(e => e.Path!.Contains($"/behovsanalyse/{id}")));
        using var r = await AnswerAsync(varde, id, Billund, "5", "5", "5");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Empty(await AnswersAsync(id));
        var entries = await app.QueryAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Path!.Contains($"/behovsanalyse/{id}")).ToListAsync());
        Assert.Equal(before + 1, entries.Count);
        Assert.Equal(AuditLog.OtherOperatorsData, entries[^1].Action);
        Assert.Equal(TestAccounts.MunicipalityEmail, entries[^1].UserName);
    }

    [Fact]
    public async Task Definition_with_bad_fields_is_refused_and_nothing_is_saved()
    {
        var sec = await app.SignInAsSecretariatAsync();
        var before = await app.QueryAsync(db => db.NeedsSurveys.CountAsync());
        var form = Definition("");
        form["Input.FromYear"] = "2030";
        form["Input.ToYear"] = "2028";
        using var r = await sec.PostFormAsync("/sekretariat/behovsanalyser/ny", form);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var page = await r.ReadDocumentAsync();
        Assert.Equal("Skriv en titel på behovsanalysen.", page.QuerySelector("#Input_Title-error")!.TextContent.Trim());
        Assert.Equal("Til år skal være samme år som fra år eller senere.", page.QuerySelector("#Input_ToYear-error")!.TextContent.Trim());
        Assert.Equal(before, await app.QueryAsync(db => db.NeedsSurveys.CountAsync()));
    }

    [Fact]
    public async Task Only_the_secretariat_manages_and_only_municipalities_answer()
    {
        var varde = await app.SignInAsMunicipalityAsync();
        using (var r = await varde.GetAsync("/sekretariat/behovsanalyser")) Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
        var member = await app.SignInAsMemberAsync();
        using (var r = await member.GetAsync("/behovsanalyse")) Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
        var anonymous = app.CreateAnonymousClient();
        using (var r = await anonymous.GetAsync("/behovsanalyse")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
    }

    [Fact]
    public async Task Result_table_is_inserted_into_an_agenda_item()
    {
        var sec = await app.SignInAsSecretariatAsync();
        var demo = await app.QueryAsync(db => db.NeedsSurveys.Where(s => s.Title == DemoSurveys.SecondTitle).Select(s => s.Id).SingleAsync());
        var body = await app.BodyIdAsync("Socialdirektørforum");
        var meetingId = await sec.CreateMeetingAsync(body, "Møde med behovsanalyse");
        var itemId = await sec.AddItemAsync(app, meetingId, "Opfølgning på behovsanalysen");

        using (var none = await sec.PostFormAsync($"/sekretariat/behovsanalyser/{demo}", new Dictionary<string, string>(), $"/sekretariat/behovsanalyser/{demo}?handler=Insert"))
        {
            Assert.Equal(HttpStatusCode.OK, none.StatusCode);
            Assert.Contains("Vælg det dagsordenspunkt, tabellen skal indsættes i.", (await none.ReadDocumentAsync()).Text());
        }
        using (var r = await sec.PostFormAsync($"/sekretariat/behovsanalyser/{demo}", new Dictionary<string, string> { ["ItemId"] = itemId.ToString() }, $"/sekretariat/behovsanalyser/{demo}?handler=Insert"))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var text = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == itemId).Select(i => i.CasePresentation).SingleAsync());
        Assert.Contains("| Første behovsanalyse, samme kommuner (12) | 45 | 43 | 36 |", text);
        Assert.Contains("| Genvurderingen (12) | 37 | 42 | 38 |", text);
        Assert.Contains("| Første behovsanalyse, alle der svarede (22) | 60 | 58 | 48 |", text);
    }

    [Fact]
    public async Task Demo_survey_reproduces_seed_000_on_the_public_page_and_in_Excel()
    {
        var anonymous = app.CreateAnonymousClient();
        var page = await anonymous.GetDocumentAsync("/behovsanalyser");
        var table = page.QuerySelectorAll("table.survey-result").First(t => t.TextContent.Contains("Genvurderingen (12)"));
        string[] Row(string heading) => [.. table.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == heading).QuerySelectorAll("td").Select(td => td.TextContent.Trim())];
        Assert.Equal(["45", "43", "36"], Row("Første behovsanalyse, samme kommuner (12)"));
        Assert.Equal(["37", "42", "38"], Row("Genvurderingen (12)"));
        Assert.Equal(["60", "58", "48"], Row("Første behovsanalyse, alle der svarede (22)"));
        Assert.Null(page.QuerySelector("table.survey-detail"));

        var sec = await app.SignInAsSecretariatAsync();
        var demo = await app.QueryAsync(db => db.NeedsSurveys.Where(s => s.Title == DemoSurveys.SecondTitle).Select(s => s.Id).SingleAsync());
        var admin = await sec.GetDocumentAsync($"/sekretariat/behovsanalyser/{demo}");
        Assert.Contains("12 af 22 har svaret", admin.Text());
        using var response = await sec.GetAsync($"/sekretariat/behovsanalyser/{demo}/excel");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Resultat", "Kommuner"], sheets);
        var first = (WorksheetPart)doc.WorkbookPart.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = first.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Contains(rows, r => r.SequenceEqual(["Genvurderingen (12)", "37", "42", "38"]));
        Assert.Contains(rows, r => r.SequenceEqual(["Første behovsanalyse, alle der svarede (22)", "60", "58", "48"]));
    }

    [Fact]
    public async Task A_survey_is_edited_while_no_municipality_has_answered_and_not_after()
    {
        var sec = await app.SignInAsSecretariatAsync();
        var id = await DefineAsync(sec, "Behovsanalyse der rettes");
        var edit = $"/sekretariat/behovsanalyser/{id}/rediger";
        var form = await sec.GetDocumentAsync(edit);
        Assert.Equal("Behovsanalyse der rettes", form.QuerySelector("#Input_Title")!.GetAttribute("value"));

        // Bad input names the field and changes nothing.
        var bad = Definition("Behovsanalyse der rettes");
        bad["Input.ToYear"] = "20x9";
        using (var r = await sec.PostFormAsync(edit, bad)) Assert.Contains("Til år skal være et årstal", (await r.ReadDocumentAsync()).Errors());
        Assert.Equal("2027,2028,2029", await app.QueryAsync(db => db.NeedsSurveys.Where(s => s.Id == id).Select(s => s.Years).SingleAsync()));

        var draft = Definition("Behovsanalyse rettet");
        draft["Input.ToYear"] = "2028";
        using (var r = await sec.PostFormAsync(edit, draft)) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var saved = await app.QueryAsync(db => db.NeedsSurveys.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(("Behovsanalyse rettet", "2027,2028", SurveyState.Draft), (saved.Title, saved.Years, saved.State));

        // Open without answers: still editable. After the first answer: not.
        await ActAsync(sec, id, "Open");
        draft["Input.Title"] = "Behovsanalyse rettet igen";
        using (var r = await sec.PostFormAsync(edit, draft)) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("Behovsanalyse rettet igen", await app.QueryAsync(db => db.NeedsSurveys.Where(s => s.Id == id).Select(s => s.Title).SingleAsync()));
        var varde = await app.SignInAsMunicipalityAsync();
        using (var r = await AnswerAsync(varde, id, Varde, "1", "2")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var get = await sec.GetAsync(edit))
        {
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.Equal($"/sekretariat/behovsanalyser/{id}", get.Headers.Location!.ToString());
        }
        Assert.Null((await sec.GetDocumentAsync($"/sekretariat/behovsanalyser/{id}")).QuerySelector($"a[href='{edit}']"));
    }

    [Fact]
    public async Task A_published_result_is_offered_as_xlsx_and_an_unpublished_one_is_not()
    {
        var sec = await app.SignInAsSecretariatAsync();
        var id = await DefineAsync(sec, "Behovsanalyse til Excel");
        await ActAsync(sec, id, "Open");
        var varde = await app.SignInAsMunicipalityAsync();
        using (var r = await AnswerAsync(varde, id, Varde, "4", "5", "6")) Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        await ActAsync(sec, id, "Close");
        var anonymous = app.CreateAnonymousClient();
        using (var hidden = await anonymous.GetAsync($"/behovsanalyser/{id}/excel")) Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        await ActAsync(sec, id, "Publish");

        var page = await anonymous.GetDocumentAsync($"/behovsanalyser/{id}");
        Assert.NotNull(page.QuerySelector($"a[href='/behovsanalyser/{id}/excel']"));
        using var response = await anonymous.GetAsync($"/behovsanalyser/{id}/excel");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(x => x.Name!.Value).ToList();
        Assert.Equal(["Resultat"], sheets);
    }
}

public sealed class NeedsSurveyPagesTestsOnSqlite(SqliteAppFactory app) : NeedsSurveyPagesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class NeedsSurveyPagesTestsOnPostgres(PostgresAppFactory app) : NeedsSurveyPagesTests(app), IClassFixture<PostgresAppFactory>;
