using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Demo;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Statistics;

/// <summary>
/// Statistics through the secretariat's pages and the public page: create, fill by grid and upload (bad files save
/// nothing), the demo dataset's published totals, insertion into an agenda item, access.
/// </summary>
public abstract class StatisticsPagesTests(AppFactory app)
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await client.GetDocumentAsync(url);
        List<KeyValuePair<string, string>> all = [.. fields, new(Browserless.AntiforgeryField, page.AntiforgeryToken())];
        return await client.PostAsync(action ?? url, new FormUrlEncodedContent(all));
    }

    private static async Task<int> CreateAsync(HttpClient client, string name)
    {
        using var response = await PostAsync(client, "/sekretariat/statistik/ny", [
            new("Input.Name", name), new("Input.MeasureName", "Afsluttede forløb"), new("Input.Dimension1", "Center"),
            new("Input.Dimension2", "Hjemkommune"), new("Input.Dimension3", "År"), new("Input.Source", "Test"), new("Input.Published", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, string fileName, byte[] bytes)
    {
        var page = await client.GetDocumentAsync($"/sekretariat/statistik/{id}");
        var content = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), Browserless.AntiforgeryField },
            { new ByteArrayContent(bytes), "fil", fileName },
        };
        return await client.PostAsync($"/sekretariat/statistik/{id}?handler=Upload", content);
    }

    private Task<List<decimal>> ValuesAsync(int id) => app.QueryAsync(db => db.DatasetValues.Where(v => v.DatasetId == id).OrderBy(v => v.Id).Select(v => v.Value).ToListAsync());

    private static List<string> FooterTotals(IElement table) => table.QuerySelectorAll("tfoot td").Select(c => c.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_dataset_is_created_filled_from_files_and_bad_files_change_nothing()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await CreateAsync(client, "Upload-test " + Guid.NewGuid().ToString("N")[..6]);

        var good = "Center;Hjemkommune;År;Afsluttede forløb\nOdense;Assens;2023;2\nOdense;Nyborg;2023;3\nEsbjerg;Varde;2023;1.200,5\nOdense;Assens;2024;4\n";
        using (var ok = await UploadAsync(client, id, "forloeb.csv", Encoding.UTF8.GetBytes(good)))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal([2m, 3m, 1200.5m, 4m], await ValuesAsync(id));

        var page = await client.GetDocumentAsync($"/sekretariat/statistik/{id}");
        var table = page.QuerySelector("table.stat-table")!;
        Assert.Equal(["1.205,5", "4", "1.209,5"], FooterTotals(table));
        Assert.NotNull(page.QuerySelector("figure svg title"));

        async Task AssertRefusedAsync(string fileName, string body, string message)
        {
            using var bad = await UploadAsync(client, id, fileName, Encoding.UTF8.GetBytes(body));
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var shown = (await bad.ReadDocumentAsync()).QuerySelector("#fejl")!.TextContent;
            Assert.Contains(message, shown);
            Assert.Equal([2m, 3m, 1200.5m, 4m], await ValuesAsync(id));
        }
        await AssertRefusedAsync("forloeb.csv", "Center;Kommune;År;Afsluttede forløb\nOdense;Assens;2023;9\n", "Kolonnen «Hjemkommune» mangler i første række.");
        await AssertRefusedAsync("forloeb.csv", "Center;Hjemkommune;År;Afsluttede forløb\nOdense;Assens;2023;ni\n", "Række 2: cellen D2 i kolonnen «Afsluttede forløb» indeholder «ni», som ikke er et tal.");
        await AssertRefusedAsync("forloeb.csv", "Center;Hjemkommune;År;Afsluttede forløb\nOdense;Assens;2023;9\nOdense;Assens;2023;8\n", "står også i række 2");
        await AssertRefusedAsync("forloeb.xlsx", good, "ikke et Excel-regneark");

        // The exported workbook goes back in unchanged.
        using var export = await client.GetAsync($"/sekretariat/statistik/{id}/excel");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var xlsx = await export.Content.ReadAsByteArrayAsync();
        using (var again = await UploadAsync(client, id, "forloeb.xlsx", xlsx))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal([2m, 3m, 1200.5m, 4m], await ValuesAsync(id));
    }

    [Fact]
    public async Task Values_are_typed_in_the_grid()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await CreateAsync(client, "Gitter-test " + Guid.NewGuid().ToString("N")[..6]);
        string[] keys = ["Odense\nEsbjerg", "Assens", "2023\n2024"];
        List<KeyValuePair<string, string>> fields = [new("Keys[0]", keys[0]), new("Keys[1]", keys[1]), new("Keys[2]", keys[2])];
        using (var grid = await PostAsync(client, $"/sekretariat/statistik/{id}", fields, $"/sekretariat/statistik/{id}?handler=Grid"))
        {
            var page = await grid.ReadDocumentAsync();
            Assert.Equal(4, page.QuerySelectorAll("input[name^='Grid[']").Length);
        }
        List<KeyValuePair<string, string>> cells = [
            new("ShownKeys[0]", keys[0]), new("ShownKeys[1]", keys[1]), new("ShownKeys[2]", keys[2]),
            new("Grid[0_0_0]", "5"), new("Grid[1_0_0]", "x"), new("Grid[1_0_1]", "2")];
        using (var bad = await PostAsync(client, $"/sekretariat/statistik/{id}", cells, $"/sekretariat/statistik/{id}?handler=SaveGrid"))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("Cellen Esbjerg / Assens / 2023: «x» er ikke et tal.", (await bad.ReadDocumentAsync()).QuerySelector("#fejl")!.TextContent);
        }
        Assert.Empty(await ValuesAsync(id));
        cells[4] = new("Grid[1_0_0]", "1,5");
        using (var ok = await PostAsync(client, $"/sekretariat/statistik/{id}", cells, $"/sekretariat/statistik/{id}?handler=SaveGrid"))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(8.5m, (await ValuesAsync(id)).Sum());
    }

    [Fact]
    public async Task The_public_page_shows_the_demo_dataset_with_the_published_totals()
    {
        var anonymous = app.CreateAnonymousClient();
        var page = await anonymous.GetDocumentAsync("/statistik");
        var id = await app.QueryAsync(db => db.Datasets.Where(d => d.Name == DemoStatistics.Name).Select(d => d.Id).SingleAsync());
        var section = page.QuerySelector($"#datasaet-{id}")!;
        var table = section.QuerySelector("table.stat-table")!;
        Assert.Equal(["Odense", "Kolding", "Esbjerg"], table.QuerySelectorAll("tbody th").Select(h => h.TextContent.Trim()));
        Assert.Equal(["73", "63", "67", "42", "32", "58", "46", "22", "403"], FooterTotals(table));
        Assert.NotNull(section.QuerySelector("svg[role='img'] title"));
        Assert.Equal(22, section.QuerySelectorAll("svg rect.bar").Length);
        Assert.Contains("punkt 12", section.TextContent);

        // Turned by home municipality with one centre: only that centre's courses.
        var turned = await anonymous.GetDocumentAsync($"/statistik/{id}?raekker=2&kolonner=3&filter=Kolding");
        Assert.Equal(["25", "22", "27", "9", "4", "9", "0", "0", "96"], FooterTotals(turned.QuerySelector("table.stat-table")!));
        using var csv = await anonymous.GetAsync($"/statistik/{id}/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("Center;Hjemkommune;År;Afsluttede forløb", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task The_table_inserted_into_an_item_shows_on_the_public_meeting_page()
    {
        var client = await app.SignInAsSecretariatAsync();
        var body = await app.BodyIdAsync("Socialdirektørforum");
        var meetingId = await client.CreateMeetingAsync(body, "Møde med statistik");
        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(meetingId, "PublishAgenda")).StatusCode);
        var item = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meetingId && i.Number == 1).Select(i => new { i.Id, i.Number }).SingleAsync());
        var anonymous = app.CreateAnonymousClient();
        await anonymous.GetDocumentAsync($"/moeder/{meetingId}"); // cached before the change

        var id = await app.QueryAsync(db => db.Datasets.Where(d => d.Name == DemoStatistics.Name).Select(d => d.Id).SingleAsync());
        var url = $"/sekretariat/statistik/{id}";
        using (var insert = await PostAsync(client, url, [new("ItemId", item.Id.ToString()), new("raekker", "1"), new("kolonner", "3")], url + "?handler=Insert"))
            Assert.Equal(HttpStatusCode.Redirect, insert.StatusCode);
        var text = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == item.Id).Select(i => i.CasePresentation).SingleAsync());
        Assert.Contains("| **I alt** | **73** | **63** | **67** | **42** | **32** | **58** | **46** | **22** | **403** |", text);
        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(meetingId, "PublishNewVersion")).StatusCode);

        var page = await anonymous.GetDocumentAsync($"/moeder/{meetingId}");
        var table = page.QuerySelector($"#punkt-{item.Number}")!.QuerySelectorAll("table").Single(t => t.TextContent.Contains("Kolding"));
        Assert.Equal(5, table.QuerySelectorAll("tr").Length); // header, three centres, total
        Assert.Contains("403", table.TextContent);

        using var noItem = await PostAsync(client, url, [new("ItemId", "")], url + "?handler=Insert");
        Assert.Contains("Vælg det dagsordenspunkt, tabellen skal indsættes i.", (await noItem.ReadDocumentAsync()).QuerySelector("#fejl")!.TextContent);
    }

    [Fact]
    public async Task Only_the_secretariat_reaches_the_admin_pages_and_unpublished_data_stays_hidden()
    {
        var anonymous = app.CreateAnonymousClient();
        using (var r = await anonymous.GetAsync("/sekretariat/statistik"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Contains(AppFactory.SignInPath, r.Headers.Location!.ToString());
        }
        var member = await app.SignInAsMunicipalityAsync();
        using (var r = await member.GetAsync("/sekretariat/statistik/ny")) Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);

        var client = await app.SignInAsSecretariatAsync();
        using (var draft = await PostAsync(client, "/sekretariat/statistik/ny", [new("Input.Name", "Intern"), new("Input.MeasureName", "Antal"), new("Input.Dimension1", "Kommune")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
            var id = int.Parse(draft.Headers.Location!.ToString().Split('/').Last());
            using (var hidden = await anonymous.GetAsync($"/statistik/{id}")) Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            using (var hiddenCsv = await anonymous.GetAsync($"/statistik/{id}/csv")) Assert.Equal(HttpStatusCode.NotFound, hiddenCsv.StatusCode);
            using (var upload = await anonymous.PostAsync($"/sekretariat/statistik/{id}?handler=Upload", new StringContent(""))) Assert.NotEqual(HttpStatusCode.OK, upload.StatusCode);
        }

        using var refused = await PostAsync(client, "/sekretariat/statistik/ny", [new("Input.Name", ""), new("Input.MeasureName", "År"), new("Input.Dimension1", "År")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Equal("Skriv et navn på datasættet.", page.QuerySelector("#Input_Name-error")!.TextContent.Trim());
        Assert.StartsWith("Dimensionerne og målet skal have hver sit navn", page.QuerySelector("#Input_Dimension1-error")!.TextContent.Trim());
    }
}

public sealed class StatisticsPagesTestsOnSqlite(SqliteAppFactory app) : StatisticsPagesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class StatisticsPagesTestsOnPostgres(PostgresAppFactory app) : StatisticsPagesTests(app), IClassFixture<PostgresAppFactory>;
