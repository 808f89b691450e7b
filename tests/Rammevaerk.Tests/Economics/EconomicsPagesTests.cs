using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Economics;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Economics;

/// <summary>The economics pages: allocations through the form, exports, insertion into an agenda item, the public list.</summary>
public abstract class EconomicsPagesTests(AppFactory app)
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    private static List<KeyValuePair<string, string>> Form(string name, string amount, string mode = "Total", string year = "2025", string rounding = "WholeKroner", IEnumerable<int>? codes = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", name), new("Input.Description", "Testfordeling"), new("Input.Mode", mode), new("Input.Amount", amount),
            new("Input.ReferenceYear", year), new("Input.Rounding", rounding),
        };
        fields.AddRange((codes ?? []).Select(c => new KeyValuePair<string, string>("Input.Codes", c.ToString())));
        return fields;
    }

    /// <summary>Posts the allocation form (fields may repeat, like the checkboxes).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await client.GetDocumentAsync(url);
        fields = [.. fields, new(Browserless.AntiforgeryField, page.AntiforgeryToken())];
        return await client.PostAsync(action ?? url, new FormUrlEncodedContent(fields));
    }

    private Task<List<int>> RegionCodesAsync() =>
        app.QueryAsync(db => db.Municipalities.Where(m => m.Region == "Region Syddanmark").Select(m => m.Code).ToListAsync());

    private async Task<int> CreateAsync(HttpClient client, string name, string amount, string mode = "Total", string year = "2025", string rounding = "WholeKroner", IEnumerable<int>? codes = null)
    {
        using var response = await PostAsync(client, "/sekretariat/oekonomi/ny", Form(name, amount, mode, year, rounding, codes ?? await RegionCodesAsync()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last().Split('#')[0]);
    }

    private static decimal Kr(string text) => decimal.Parse(text.Replace("kr.", "").Replace("*", "").Trim(), NumberStyles.Number, Da);

    private static IElement TableOf(IDocument page, string name) =>
        page.QuerySelectorAll("table.allocation-table").Single(t => t.QuerySelector("caption")!.TextContent.Contains(name));

    [Fact]
    public async Task Allocation_created_through_the_form_shows_shares_that_add_up_to_the_total()
    {
        var client = await app.SignInAsSecretariatAsync();
        var codes = (await RegionCodesAsync()).Take(7).ToList();
        var id = await CreateAsync(client, "Underskudsgaranti testfordeling", "123400", rounding: "Hundreds", codes: codes);

        var page = await client.GetDocumentAsync($"/sekretariat/oekonomi/{id}");
        var table = TableOf(page, "Underskudsgaranti testfordeling");
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(7, rows.Count);
        var amounts = rows.Select(r => Kr(r.QuerySelectorAll("td")[^1].TextContent)).ToList();
        Assert.Equal(123_400m, amounts.Sum());
        Assert.All(amounts, a => Assert.Equal(0m, a % 100));
        var shares = rows.Sum(r => decimal.Parse(r.QuerySelectorAll("td")[1].TextContent.Replace("%", "").Trim(), NumberStyles.Number, Da));
        Assert.InRange(shares, 99.9m, 100.1m);
        Assert.Equal("123.400 kr.", table.QuerySelector("tfoot td:last-child")!.TextContent.Trim());
        Assert.Contains("største-rest-metoden", page.QuerySelector(".rounding-note")!.TextContent);
        Assert.Contains("Befolkning 1.1.2025", table.TextContent);

        Assert.Equal(7, await app.QueryAsync(db => db.AllocationParticipants.CountAsync(p => p.AllocationId == id)));
        // Every form on the page carries its own antiforgery token (not just the layout's sign-out form).
        var forms = page.QuerySelectorAll("main form").ToList();
        Assert.Equal(2, forms.Count);
        Assert.All(forms, f => Assert.NotNull(f.QuerySelector($"input[name='{Browserless.AntiforgeryField}']")));
    }

    [Fact]
    public async Task Bad_input_gives_Danish_messages_at_the_fields_and_saves_nothing()
    {
        var client = await app.SignInAsSecretariatAsync();
        var codes = await RegionCodesAsync();
        var before = await app.QueryAsync(db => db.Allocations.CountAsync());

        using (var negative = await PostAsync(client, "/sekretariat/oekonomi/ny", Form("Negativ", "-5000", codes: codes)))
        {
            var page = await negative.ReadDocumentAsync();
            Assert.Equal(HttpStatusCode.OK, negative.StatusCode);
            Assert.Equal("Totalen må ikke være negativ.", page.QuerySelector("#Input_Amount-error")!.TextContent.Trim());
            Assert.Equal("true", page.QuerySelector("#Input_Amount")!.GetAttribute("aria-invalid"));
        }
        using (var none = await PostAsync(client, "/sekretariat/oekonomi/ny", Form("Ingen deltagere", "5000", codes: [])))
        {
            var page = await none.ReadDocumentAsync();
            Assert.Equal("Vælg mindst én deltager.", page.QuerySelector("#Input_Codes-error")!.TextContent.Trim());
        }

        // Fanø has no population for 2021 in this database: the message names it.
        await app.QueryAsync(async db =>
        {
            var fanoe = await db.Municipalities.SingleAsync(m => m.Name == "Fanø");
            return await db.MunicipalityPopulations.Where(p => p.MunicipalityCode == fanoe.Code && p.Year == 2021).ExecuteDeleteAsync();
        });
        using (var missing = await PostAsync(client, "/sekretariat/oekonomi/ny", Form("Manglende tal", "5000", year: "2021", codes: codes)))
        {
            var page = await missing.ReadDocumentAsync();
            Assert.Equal("Der mangler befolkningstal for 2021 for Fanø.", page.QuerySelector("#Input_Codes-error")!.TextContent.Trim());
        }
        using (var noName = await PostAsync(client, "/sekretariat/oekonomi/ny", Form("", "5000", codes: codes)))
        {
            Assert.Contains("Skriv et navn", (await noName.ReadDocumentAsync()).QuerySelector("#Input_Name-error")!.TextContent);
        }

        Assert.Equal(before, await app.QueryAsync(db => db.Allocations.CountAsync()));
    }

    [Fact]
    public async Task Entered_weights_are_the_key_and_a_missing_weight_is_named()
    {
        var client = await app.SignInAsSecretariatAsync();
        var three = await app.QueryAsync(db => db.Municipalities.Where(m => m.Name == "Esbjerg" || m.Name == "Fanø" || m.Name == "Varde").ToDictionaryAsync(m => m.Name, m => m.Code));
        List<KeyValuePair<string, string>> Weighted(string varde)
        {
            var fields = Form("Socialtilsyn efter 0–17-årige", "1000", year: "", codes: three.Values);
            fields.Add(new($"Input.Weights[{three["Esbjerg"]}]", "0,25"));
            fields.Add(new($"Input.Weights[{three["Fanø"]}]", "0,25"));
            fields.Add(new($"Input.Weights[{three["Varde"]}]", varde));
            return fields;
        }

        using (var missing = await PostAsync(client, "/sekretariat/oekonomi/ny", Weighted("")))
            Assert.Equal("Der mangler en vægt for Varde.", (await missing.ReadDocumentAsync()).QuerySelector("#Input_Codes-error")!.TextContent.Trim());

        using var ok = await PostAsync(client, "/sekretariat/oekonomi/ny", Weighted("0,5"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = await client.GetDocumentAsync(ok.Headers.Location!.ToString().Split('#')[0]);
        var table = TableOf(page, "Socialtilsyn efter 0–17-årige");
        Assert.Contains("Vægt", table.QuerySelector("thead")!.TextContent);
        var amounts = table.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => Kr(r.QuerySelectorAll("td")[^1].TextContent));
        Assert.Equal(250m, amounts["Esbjerg"]);
        Assert.Equal(250m, amounts["Fanø"]);
        Assert.Equal(500m, amounts["Varde"]);
        Assert.Equal("0,5", page.QuerySelector($"#Input_Weights_{three["Varde"]}")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Alle_and_Ingen_tick_every_or_no_participant_without_saving()
    {
        var client = await app.SignInAsSecretariatAsync();
        var before = await app.QueryAsync(db => db.Allocations.CountAsync());
        var fresh = await client.GetDocumentAsync("/sekretariat/oekonomi/ny");
        Assert.Equal(22, fresh.QuerySelectorAll("input[name='Input.Codes'][checked]").Length);

        using var none = await PostAsync(client, "/sekretariat/oekonomi/ny", Form("Navn beholdes", "100"), "/sekretariat/oekonomi/ny?handler=Select&deltagere=ingen");
        var page = await none.ReadDocumentAsync();
        Assert.Empty(page.QuerySelectorAll("input[name='Input.Codes'][checked]"));
        Assert.Equal("Navn beholdes", page.QuerySelector("#Input_Name")!.GetAttribute("value"));

        using var all = await PostAsync(client, "/sekretariat/oekonomi/ny", Form("Navn beholdes", "100", codes: []), "/sekretariat/oekonomi/ny?handler=Select&deltagere=alle");
        Assert.Equal(22, (await all.ReadDocumentAsync()).QuerySelectorAll("input[name='Input.Codes'][checked]").Length);
        Assert.Equal(before, await app.QueryAsync(db => db.Allocations.CountAsync()));
    }

    [Fact]
    public async Task Excel_export_has_both_sheets_with_numeric_cells_and_the_csv_parses()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await CreateAsync(client, "Eksporttest", "2,1", mode: "PerCitizen");

        using var xlsx = await client.GetAsync($"/sekretariat/oekonomi/{id}/excel");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(AllocationExporter.XlsxType, xlsx.Content.Headers.ContentType!.MediaType);
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var wb = doc.WorkbookPart!;
            var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(["Fordeling", "Forudsætninger"], sheets.Select(s => s.Name!.Value));
            Row[] RowsOf(Sheet s) => ((WorksheetPart)wb.GetPartById(s.Id!)).Worksheet.Descendants<Row>().ToArray();
            var rows = RowsOf(sheets[0]);
            Assert.Equal(1 + 22 + 1 + 1, rows.Length); // header, 22 municipalities, total, note
            decimal N(Cell c)
            {
                Assert.Equal(CellValues.Number, c.DataType!.Value);
                return decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture);
            }
            var amounts = rows.Skip(1).Take(22).Select(r => N(r.Elements<Cell>().Last())).ToList();
            Assert.Equal(2_604_991m, amounts.Sum());
            Assert.Equal(2_604_991m, N(rows[23].Elements<Cell>().Last()));
            var inputs = RowsOf(sheets[1]);
            var amountRow = inputs.Single(r => r.InnerText.StartsWith("Beløb pr. indbygger"));
            Assert.Equal(2.1m, N(amountRow.Elements<Cell>().Last()));
            Assert.Contains(inputs, r => r.InnerText.Contains("Befolkning 1. januar 2025"));
        }

        using var csv = await client.GetAsync($"/sekretariat/oekonomi/{id}/csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Kommune;Kommunekode;Befolkning 1.1.2025;Andel (%);Beløb (kr.)", lines[0]);
        var cells = lines[1..^1].Select(l => l.Split(';')).ToList();
        Assert.Equal(22, cells.Count);
        Assert.Equal(2_604_991m, cells.Sum(c => decimal.Parse(c[4], Da)));
        Assert.Contains(cells, c => c[3].Contains(','));
        Assert.StartsWith("I alt;;1240472;100;2604991", lines[^1]);
    }

    [Fact]
    public async Task Inserted_table_shows_on_the_public_meeting_page_and_stays_when_the_allocation_changes()
    {
        var client = await app.SignInAsSecretariatAsync();
        var body = await app.BodyIdAsync("Socialdirektørforum");
        var meetingId = await client.CreateMeetingAsync(body, "Møde med fordeling");
        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(meetingId, "PublishAgenda")).StatusCode);
        var item = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meetingId && i.Number == 1).Select(i => new { i.Id, i.Number }).SingleAsync());
        var versionBefore = await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Version).SingleAsync());
        var anonymous = app.CreateAnonymousClient();
        await anonymous.GetDocumentAsync($"/moeder/{meetingId}"); // cached before the change

        var codes = (await RegionCodesAsync()).Take(5).ToList();
        var id = await CreateAsync(client, "Garanti på dagsorden", "50000", codes: codes);
        using (var insert = await PostAsync(client, $"/sekretariat/oekonomi/{id}", [new("ItemId", item.Id.ToString())], $"/sekretariat/oekonomi/{id}?handler=Insert"))
            Assert.Equal(HttpStatusCode.Redirect, insert.StatusCode);

        var text = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == item.Id).Select(i => i.CasePresentation).SingleAsync());
        Assert.Contains("### Fordeling: Garanti på dagsorden", text);
        Assert.Contains("| Kommune | Befolkning 1.1.2025 | Andel | Beløb |", text);
        Assert.Contains("**50.000 kr.**", text);
        // The working copy changed; the public sees it once the secretariat publishes the new version.
        Assert.Equal(versionBefore, await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Version).SingleAsync()));
        Assert.Equal(item.Id, await app.QueryAsync(db => db.Allocations.Where(a => a.Id == id).Select(a => a.DecidedItemId).SingleAsync()));
        Assert.DoesNotContain("Garanti på dagsorden", (await anonymous.GetDocumentAsync($"/moeder/{meetingId}")).Text());
        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(meetingId, "PublishNewVersion")).StatusCode);
        Assert.Equal(versionBefore + 1, await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Version).SingleAsync()));

        var page = await anonymous.GetDocumentAsync($"/moeder/{meetingId}");
        var section = page.QuerySelector($"#punkt-{item.Number}")!;
        var table = section.QuerySelectorAll("table").Single(t => t.TextContent.Contains("Befolkning 1.1.2025"));
        Assert.Equal(5 + 2, table.QuerySelectorAll("tr").Length); // header, 5 municipalities, total
        Assert.Contains("50.000 kr.", table.TextContent);

        // Change the allocation: the item keeps the table it was given.
        using (var change = await PostAsync(client, $"/sekretariat/oekonomi/{id}", Form("Garanti på dagsorden", "70000", codes: codes)))
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        var edited = await client.GetDocumentAsync($"/sekretariat/oekonomi/{id}");
        Assert.Equal("70.000 kr.", TableOf(edited, "Garanti på dagsorden").QuerySelector("tfoot td:last-child")!.TextContent.Trim());
        Assert.Equal(text, await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == item.Id).Select(i => i.CasePresentation).SingleAsync()));
        var after = (await anonymous.GetDocumentAsync($"/moeder/{meetingId}")).QuerySelector($"#punkt-{item.Number}")!.TextContent;
        Assert.Contains("50.000 kr.", after);
        Assert.DoesNotContain("70.000 kr.", after);

        // Decided: listed publicly with its link.
        using (var decide = await PostAsync(client, $"/sekretariat/oekonomi/{id}", [new("ItemId", item.Id.ToString())], $"/sekretariat/oekonomi/{id}?handler=Decide"))
            Assert.Equal(HttpStatusCode.Redirect, decide.StatusCode);
        var list = await app.CreateAnonymousClient().GetDocumentAsync("/oekonomi");
        Assert.Contains(list.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/moeder/{meetingId}#punkt-{item.Number}");
    }

    [Fact]
    public async Task Public_page_lists_the_two_demo_allocations_linked_to_items_11_and_12()
    {
        var meetingId = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == "socialdirektoerforum/2025-06-27T09:00").Select(m => m.Id).SingleAsync());
        var anonymous = app.CreateAnonymousClient();
        var page = await anonymous.GetDocumentAsync("/oekonomi");

        var fee = page.QuerySelectorAll("section.allocation").Single(s => s.QuerySelector("h2")!.TextContent == "Sekretariatets finansiering 2026");
        Assert.Equal("2.480.944 kr.", fee.QuerySelector("tfoot td:last-child")!.TextContent.Trim());
        Assert.Equal(22, fee.QuerySelectorAll("tbody tr").Length);
        Assert.Contains(fee.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/moeder/{meetingId}#punkt-11");

        var drugs = page.QuerySelectorAll("section.allocation").Single(s => s.QuerySelector("h2")!.TextContent.StartsWith("Anonym stofmisbrugsbehandling"));
        Assert.Equal("869.500 kr.", drugs.QuerySelector("tfoot td:last-child")!.TextContent.Trim());
        Assert.Equal(18, drugs.QuerySelectorAll("tbody tr").Length);
        Assert.DoesNotContain("Aabenraa", drugs.QuerySelector("tbody")!.TextContent);
        Assert.Contains("Befolkning 1.1.2020", drugs.TextContent);
        Assert.Contains(drugs.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/moeder/{meetingId}#punkt-12");

        // The public may download decided ones, not drafts.
        var csvLink = drugs.QuerySelectorAll("a").Single(a => a.TextContent == "CSV").GetAttribute("href")!;
        using var csv = await anonymous.GetAsync(csvLink);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("I alt;;", Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()));
        var draft = await app.QueryAsync(db => db.Allocations.Where(a => a.State == AllocationState.Draft).Select(a => (int?)a.Id).FirstOrDefaultAsync());
        if (draft is int d) Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/oekonomi/{d}/csv")).StatusCode);
    }

    [Fact]
    public async Task Secretariat_pages_are_closed_to_members_and_the_public()
    {
        var member = await app.SignInAsMemberAsync();
        var anonymous = app.CreateAnonymousClient();
        var demo = await app.QueryAsync(db => db.Allocations.Select(a => a.Id).FirstAsync());
        foreach (var url in new[] { "/sekretariat/oekonomi", "/sekretariat/oekonomi/ny", $"/sekretariat/oekonomi/{demo}", $"/sekretariat/oekonomi/{demo}/excel" })
        {
            using var asMember = await member.GetAsync(url);
            Assert.True(asMember.StatusCode is HttpStatusCode.Forbidden || asMember.Headers.Location?.ToString().Contains("ingen-adgang") == true, $"{url}: member got {(int)asMember.StatusCode}");
            using var asAnonymous = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
            Assert.Contains("/konto/log-ind", asAnonymous.Headers.Location!.ToString());
        }
    }
}

public sealed class EconomicsPagesTestsOnSqlite(SqliteAppFactory app) : EconomicsPagesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class EconomicsPagesTestsOnPostgres(PostgresAppFactory app) : EconomicsPagesTests(app), IClassFixture<PostgresAppFactory>;
