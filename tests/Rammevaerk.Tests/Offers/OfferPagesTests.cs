using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Offers;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using static Rammevaerk.Tests.Offers.OfferSteps;

namespace Rammevaerk.Tests.Offers;

/// <summary>
/// The offer register through its pages: the secretariat's form, history and as-of view, the public offer list with
/// its filters and Excel export, and the year-over-year comparison. Each test keeps to its own year and names.
/// </summary>
public abstract class OfferPagesTests(AppFactory app)
{
    private static string[] OfferNamesIn(IDocument page) =>
        page.QuerySelectorAll("table.offer-table tbody tr th[scope=row]").Select(th => th.TextContent.Trim()).ToArray();

    private async Task<(HttpClient Client, string Varde)> SecretariatAsync()
    {
        await app.EnsureListsAsync();
        var client = await app.SignInAsSecretariatAsync();
        return (client, await OperatorValueAsync(client, "Varde Kommune"));
    }

    [Fact]
    public async Task Offer_created_through_the_form_shows_on_the_public_list_of_its_year()
    {
        var (client, varde) = await SecretariatAsync();
        var anonymous = app.CreateAnonymousClient();
        // Cached before the offer exists: the year has no figures yet, so the page falls back to another year.
        var before = await anonymous.GetDocumentAsync("/tilbud?aar=2030");
        Assert.DoesNotContain("Engblommen", before.Text());

        var id = await CreateOfferAsync(client, Form("Engblommen", varde, 2030, [new("Midlertidigt botilbud", 8, "2422", Hours: "8,4")]));

        var list = await anonymous.GetDocumentAsync("/tilbud?aar=2030");
        Assert.Equal("Tilbudsliste 2030", list.QuerySelector("h1")!.TextContent.Trim());
        var row = list.QuerySelectorAll("table.offer-table tbody tr").Single(r => r.TextContent.Contains("Engblommen"));
        Assert.Contains("Varde Kommune", row.TextContent);
        Assert.Contains("SEL § 107", row.TextContent.Replace('\u00A0', ' '));
        Assert.Contains("2.422 kr. pr. døgn", row.TextContent);
        Assert.Equal("8,4", row.QuerySelector("td[data-label='Serviceniveau']")!.TextContent.Trim());
        Assert.Equal($"/tilbud/{id}?aar=2030", row.QuerySelector("a")!.GetAttribute("href"));

        var detail = await anonymous.GetDocumentAsync($"/tilbud/{id}?aar=2030");
        Assert.Equal("Engblommen", detail.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Testvej 1, 6800 Varde", detail.Text());
        Assert.Contains("Midlertidigt botilbud", detail.Text());
        Assert.DoesNotContain(TestAccounts.SecretariatEmail, detail.Text());
        Assert.DoesNotContain("Oprettet i test", detail.Text());
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_can_be_linked()
    {
        var (client, varde) = await SecretariatAsync();
        var kolding = await OperatorValueAsync(client, "Kolding Kommune");
        await CreateOfferAsync(client, Form("Filtertest Alfa", varde, 2033, [new("Botilbud", 8, "2500")]));
        await CreateOfferAsync(client, Form("Filtertest Beta", kolding, 2033, [new("Værksted", 20, "800", Bases: ["SEL § 104"], Groups: ["Udviklingshæmning"], Hours: null)]));
        await CreateOfferAsync(client, Form("Filtertest Gamma", varde, 2033, [new("Klub", 12, null, Bases: ["SEL § 104"], Groups: ["Udviklingshæmning"], Hours: null, Covered: false)]));
        var vardeId = await app.QueryAsync(db => db.Operators.Where(o => o.MunicipalityCode == 573).Select(o => o.Id).SingleAsync());
        var anonymous = app.CreateAnonymousClient();

        // The list is in operator order (Kolding before Varde); compared here as sets.
        async Task<string[]> Names(string query) => [.. OfferNamesIn(await anonymous.GetDocumentAsync("/tilbud?" + query)).Order()];
        Assert.Equal(["Filtertest Alfa", "Filtertest Beta"], await Names("aar=2033")); // covered only by default
        Assert.Equal(["Filtertest Alfa", "Filtertest Beta", "Filtertest Gamma"], await Names("aar=2033&kun=alle"));
        Assert.Equal(["Filtertest Alfa", "Filtertest Beta", "Filtertest Gamma"], await Names("filtrer=1&aar=2033")); // the form with the box unticked
        Assert.Equal(["Filtertest Alfa", "Filtertest Gamma"], await Names($"aar=2033&kun=alle&driftsherre={vardeId}"));
        Assert.Equal(["Filtertest Beta", "Filtertest Gamma"], await Names("aar=2033&kun=alle&paragraf=" + Uri.EscapeDataString("SEL § 104")));
        Assert.Equal(["Filtertest Alfa"], await Names("aar=2033&maalgruppe=Sindslidelse"));
        Assert.Equal(["Filtertest Beta"], await Names("aar=2033&tekst=beta"));

        var page = await anonymous.GetDocumentAsync("/tilbud?aar=2033&kun=alle&paragraf=" + Uri.EscapeDataString("SEL § 104"));
        Assert.Contains("Viser 2 ydelser i 2 tilbud med i alt 32 pladser.", page.QuerySelector(".offer-summary")!.TextContent.Split().Where(s => s != "").Aggregate((a, b) => a + " " + b));
        Assert.Equal("32", page.QuerySelector("table.offer-table tfoot td.num")!.TextContent.Trim());
        Assert.Equal("SEL § 104", page.QuerySelector("#paragraf option[selected]")!.TextContent);
        Assert.Null(page.QuerySelector("#kun[checked]"));
        var excel = page.QuerySelectorAll("a").Single(a => a.TextContent == "Hent som Excel").GetAttribute("href")!;
        Assert.StartsWith("/tilbud/tilbudsliste-2033.xlsx?", excel);
        Assert.Contains("paragraf=SEL%20%C2%A7%20104", excel);
        Assert.Contains("kun=alle", excel);
    }

    [Fact]
    public async Task Excel_export_holds_the_filtered_rows_as_numbers_with_a_frozen_bold_header()
    {
        var (client, varde) = await SecretariatAsync();
        var id = await CreateOfferAsync(client, Form("Eksporttest Skibet", varde, 2036, [new("Midlertidige pladser", 4, "2422,5")]));
        await CreateOfferAsync(client, Form("Eksporttest Værksted", varde, 2036, [new("Værksted", 20, "800", Bases: ["SEL § 104"], Groups: ["Udviklingshæmning"], Hours: null)]));

        using var response = await app.CreateAnonymousClient().GetAsync("/tilbud/tilbudsliste-2036.xlsx?kun=omfattet&paragraf=" + Uri.EscapeDataString("SEL § 107"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OfferWorkbooks.XlsxType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("tilbudsliste-2036.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Tilbudsliste", "Om udtrækket"], sheets.Select(s => s.Name!.Value));
        var sheet = ((WorksheetPart)wb.GetPartById(sheets[0].Id!)).Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(3, rows.Count); // header, the one § 107 service, total

        var header = rows[0].Elements<Cell>().ToList();
        string Text(Cell c) => c.InnerText;
        var col = header.Select((c, i) => (Text(c), i)).ToDictionary(x => x.Item1, x => x.i);
        var formats = wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = wb.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ToList();
        Assert.All(header, c => Assert.NotNull(fonts[(int)formats[(int)c.StyleIndex!.Value].FontId!.Value].Bold));
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        Assert.Equal("A1:S2", sheet.Elements<AutoFilter>().Single().Reference!.Value);

        var data = rows[1].Elements<Cell>().ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()));
        Cell At(string heading) => data[OfferWorkbooks.ColumnName(col[heading])];
        Assert.Equal("Eksporttest Skibet", Text(At("Tilbud")));
        Assert.Equal(CellValues.Number, At("Pladser").DataType!.Value);
        Assert.Equal(4m, decimal.Parse(At("Pladser").CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(CellValues.Number, At("Takst (kr.)").DataType!.Value);
        Assert.Equal(2422.5m, decimal.Parse(At("Takst (kr.)").CellValue!.Text, CultureInfo.InvariantCulture));
        var rateFormat = formats[(int)At("Takst (kr.)").StyleIndex!.Value].NumberFormatId!.Value;
        Assert.Equal("#,##0.00", wb.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == rateFormat).FormatCode!.Value);
        Assert.Equal(8.4m, decimal.Parse(At("Serviceniveau (timer pr. borger pr. døgn)").CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(id, int.Parse(At("Tilbud-id").CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal("pr. døgn", Text(At("Takstenhed")));

        var about = ((WorksheetPart)wb.GetPartById(sheets[1].Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().ToList()).Where(c => c.Count == 2).ToDictionary(c => Text(c[0]), c => c[1]);
        Assert.Equal("2036", about["År"].CellValue!.Text);
        Assert.Equal(CellValues.Number, about["År"].DataType!.Value);
        Assert.Equal("SEL § 107", Text(about["Filter: Paragraf"]));
        Assert.Equal("Kun ydelser omfattet af rammeaftalen", Text(about["Filter: Ydelser"]));
        Assert.Contains("tilbudsregistret", Text(about["Kilde"]));
        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}$", Text(about["Eksporteret"]));

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAnonymousClient().GetAsync("/tilbud/tilbudsliste-1999.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Comparison_shows_changes_in_per_cent_new_and_closed_services_and_exports()
    {
        var (client, varde) = await SecretariatAsync();
        var id = await CreateOfferAsync(client, Form("Udviklingstest", varde, 2034,
            [new("Midlertidigt botilbud", 10, "1000"), new("Aflastning", 4, "500", Bases: ["SEL § 84"], Hours: null)]));
        var (stamp, department, services) = await FormIdsAsync(client, id);
        using (var next = await PostAsync(client, $"/sekretariat/tilbud/{id}", Form("Udviklingstest", varde, 2035,
            [new("Midlertidigt botilbud", 12, "1100", Id: services[0]), new("Ny ydelse", 5, "700")], "Tal for 2035", stamp, department)))
        {
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        var page = await app.CreateAnonymousClient().GetDocumentAsync("/tilbud/udvikling?fra=2034&til=2035");
        Assert.Equal("Udvikling i pladser og takster 2034–2035", page.QuerySelector("h1")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("table.comparison tbody tr").Where(r => r.TextContent.Contains("Udviklingstest")).ToList();
        Assert.Equal(3, rows.Count);
        string Cell(IElement row, string label) => row.QuerySelector($"td[data-label='{label}']")!.TextContent.Trim();
        var kept = rows.Single(r => r.TextContent.Contains("Midlertidigt botilbud"));
        Assert.Equal("10", Cell(kept, "Pladser 2034"));
        Assert.Equal("12", Cell(kept, "Pladser 2035"));
        Assert.Equal("+20,0 %", Cell(kept, "Ændring pladser"));
        Assert.Equal("1.000 kr. pr. døgn", Cell(kept, "Takst 2034"));
        Assert.Equal("1.100 kr. pr. døgn", Cell(kept, "Takst 2035"));
        Assert.Equal("+10,0 %", Cell(kept, "Ændring takst"));
        Assert.Equal("", Cell(kept, "Bemærkning"));
        Assert.Equal("Ny", Cell(rows.Single(r => r.TextContent.Contains("Ny ydelse")), "Bemærkning"));
        var closed = rows.Single(r => r.TextContent.Contains("Aflastning"));
        Assert.Equal("Lukket", Cell(closed, "Bemærkning"));
        Assert.Equal("–", Cell(closed, "Pladser 2035"));

        // Totals per paragraph and operator, with the change.
        var varde2 = page.QuerySelectorAll("table.totals tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Varde Kommune");
        Assert.Equal("14", varde2.QuerySelector("td[data-label='2034']")!.TextContent.Trim());
        Assert.Equal("17", varde2.QuerySelector("td[data-label='2035']")!.TextContent.Trim());
        Assert.Equal("+21,4 %", varde2.QuerySelector("td[data-label='Ændring']")!.TextContent.Trim());
        var p84 = page.QuerySelectorAll("table.totals tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "SEL § 84");
        Assert.Equal("−100,0 %", p84.QuerySelector("td[data-label='Ændring']")!.TextContent.Trim());

        using var xlsx = await app.CreateAnonymousClient().GetAsync("/tilbud/udvikling.xlsx?fra=2034&til=2035");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var wb = doc.WorkbookPart!;
        var sheet = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var all = sheet.Worksheet.Descendants<Row>().ToList();
        var headings = all[0].Elements<Cell>().Select(c => c.InnerText).ToList();
        Assert.Contains("Ændring takst", headings);
        var line = all.Single(r => r.InnerText.Contains("Udviklingstest") && r.InnerText.Contains("Midlertidigt botilbud")).Elements<Cell>().ToList();
        var change = line.Single(c => c.CellReference!.Value!.StartsWith(OfferWorkbooks.ColumnName(headings.IndexOf("Ændring takst"))));
        Assert.Equal(CellValues.Number, change.DataType!.Value);
        Assert.Equal(0.1m, decimal.Parse(change.CellValue!.Text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Register_as_of_a_day_before_a_change_shows_the_old_figures()
    {
        var (client, varde) = await SecretariatAsync();
        var id = await CreateOfferAsync(client, Form("Tidsrejsen", varde, 2037, [new("Botilbud", 6, "1500")]));
        // Revision 1 was made late on 1 March 2024, Copenhagen time (22:30 UTC = 23:30 CET).
        await app.QueryAsync(db => db.OfferRevisions.Where(r => r.OfferId == id && r.Number == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ChangedAt, new DateTime(2024, 3, 1, 22, 30, 0, DateTimeKind.Utc))));
        var (stamp, department, services) = await FormIdsAsync(client, id);
        using (var edit = await PostAsync(client, $"/sekretariat/tilbud/{id}", Form("Tidsrejsen", varde, 2037, [new("Botilbud", 9, "1600", Id: services[0])], "Tre pladser mere", stamp, department)))
            Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);

        string Row(IDocument page) => page.QuerySelectorAll("table.offer-table tbody tr").SingleOrDefault(r => r.TextContent.Contains("Tidsrejsen"))?.TextContent ?? "";
        var then = await client.GetDocumentAsync("/sekretariat/tilbud?tekst=Tidsrejsen&dato=2024-03-01");
        Assert.Contains("6 pladser", Row(then));
        Assert.Contains("1.500 kr. pr. døgn", Row(then));
        Assert.Contains("1. marts 2024", then.QuerySelector("h1")!.TextContent);
        Assert.Equal("", Row(await client.GetDocumentAsync("/sekretariat/tilbud?tekst=Tidsrejsen&dato=2024-02-29")));
        var now = Row(await client.GetDocumentAsync("/sekretariat/tilbud?tekst=Tidsrejsen"));
        Assert.Contains("9 pladser", now);
        Assert.Contains("1.600 kr. pr. døgn", now);
    }

    [Fact]
    public async Task History_lists_both_revisions_with_who_why_and_the_changed_field()
    {
        var (client, varde) = await SecretariatAsync();
        var id = await CreateOfferAsync(client, Form("Historiktest", varde, 2038, [new("Botilbud", 8, "2000")], "Nyt tilbud i registret"));
        var (stamp, department, services) = await FormIdsAsync(client, id);
        using (var edit = await PostAsync(client, $"/sekretariat/tilbud/{id}", Form("Historiktest", varde, 2038, [new("Botilbud", 10, "2000", Id: services[0])], "Udvidet med to pladser", stamp, department)))
            Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);

        var page = await client.GetDocumentAsync($"/sekretariat/tilbud/{id}/historik");
        var revisions = page.QuerySelectorAll("table.history tbody tr").ToList();
        Assert.Equal(2, revisions.Count);
        Assert.Equal("2", revisions[0].QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("Udvidet med to pladser", revisions[0].TextContent);
        Assert.Contains(TestAccounts.SecretariatEmail, revisions[0].TextContent);
        Assert.Equal("Pladser", revisions[0].QuerySelector("td[data-label='Ændrede felter']")!.TextContent.Trim());
        Assert.Contains("Nyt tilbud i registret", revisions[1].TextContent);
        Assert.Contains("2038", revisions[1].QuerySelector("td[data-label='År']")!.TextContent);

        var diff = page.QuerySelectorAll("table.diff-table tbody tr").Single();
        Assert.Equal("Pladser", diff.QuerySelector("th")!.TextContent);
        Assert.Equal("Afdeling 'Afdeling A', ydelse 'Botilbud'", diff.QuerySelector("td[data-label='Hvor']")!.TextContent);
        Assert.Equal("8", diff.QuerySelector("td[data-label='Før']")!.TextContent);
        Assert.Equal("10", diff.QuerySelector("td[data-label='Efter']")!.TextContent);
    }

    [Fact]
    public async Task Bad_edit_gives_Danish_messages_at_the_fields_and_saves_nothing()
    {
        var (client, varde) = await SecretariatAsync();
        var id = await CreateOfferAsync(client, Form("Fejltest", varde, 2039, [new("Botilbud", 8, "1200")]));
        var (stamp, department, services) = await FormIdsAsync(client, id);

        using var bad = await PostAsync(client, $"/sekretariat/tilbud/{id}", Form("Fejltest", varde, 2039,
            [new("Botilbud", 0, "1200", Unit: "", Groups: ["Børn og unge med funktionsnedsættelse"], Id: services[0])], "Rettelse", stamp, department));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await bad.ReadDocumentAsync();
        string Error(string field) => page.QuerySelector($"#f-Departments-0-Services-0-{field}-error")!.TextContent.Trim();
        Assert.Equal("Fejltest, Botilbud: Et aktivt tilbud kan ikke have 0 pladser. Angiv antal pladser, eller sæt tilbuddets status til 'Under lukning' eller 'Lukket'.", Error("Places"));
        Assert.Contains("Fejltest, Botilbud: SEL § 107 er for voksne og passer ikke til målgruppen 'Børn og unge med funktionsnedsættelse' (børn og unge).", Error("TargetGroups"));
        Assert.StartsWith("Fejltest, Botilbud: Takstenhed mangler.", Error("RateUnit"));
        Assert.Equal("true", page.QuerySelector("#f-Departments-0-Services-0-Places")!.GetAttribute("aria-invalid"));
        var summary = page.QuerySelector("#fejl")!.TextContent;
        Assert.Contains("0 pladser", summary);
        Assert.Contains("Takstenhed mangler", summary);
        // The input is kept for correction.
        Assert.Equal("0", page.QuerySelector("#f-Departments-0-Services-0-Places")!.GetAttribute("value"));
        Assert.Equal("Rettelse", page.QuerySelector("#f-Reason")!.TextContent);

        using var noReason = await PostAsync(client, $"/sekretariat/tilbud/{id}", Form("Fejltest", varde, 2039, [new("Botilbud", 9, "1200", Id: services[0])], "", stamp, department));
        Assert.Contains("Skriv en begrundelse", (await noReason.ReadDocumentAsync()).QuerySelector("#f-Reason-error")!.TextContent);

        using var text = await PostAsync(client, $"/sekretariat/tilbud/{id}", [.. Form("Fejltest", varde, 2039, [new("Botilbud", null, "1200", Id: services[0])], "Rettelse", stamp, department),
            new("Input.Departments[0].Services[0].Places", "otte")]);
        Assert.Equal("Fejltest, Botilbud: Værdien 'otte' er ikke gyldig i feltet Pladser.", (await text.ReadDocumentAsync()).QuerySelector("#f-Departments-0-Services-0-Places-error")!.TextContent.Trim());

        Assert.Equal(1, await app.RevisionCountAsync(id));
        Assert.Equal(8, await app.QueryAsync(db => db.OfferServices.Where(s => s.Id == services[0]).Select(s => s.Places).SingleAsync()));
    }

    [Fact]
    public async Task An_offer_without_services_names_its_error_at_the_first_service_field()
    {
        var (client, varde) = await SecretariatAsync();
        // The new form's one service left empty.
        using var blank = await PostAsync(client, NewUrl, [.. Form("", varde, 2044, []),
            new("Input.Departments[0].Services[0].Name", ""), new("Input.Departments[0].Services[0].Covered", "false")]);
        var page = await blank.ReadDocumentAsync();
        var error = page.QuerySelector("#f-Departments-error")!;
        Assert.StartsWith("Tilbud nr. 1: Tilbuddet har ingen ydelser.", error.TextContent.Trim());
        var first = page.QuerySelector("#f-Departments-0-Services-0-Name")!;
        Assert.Equal("true", first.GetAttribute("aria-invalid"));
        Assert.Contains("f-Departments-error", first.GetAttribute("aria-describedby")!.Split(' '));
        // Every id a control names is on the page.
        foreach (var described in page.QuerySelectorAll("[aria-describedby]").SelectMany(e => e.GetAttribute("aria-describedby")!.Split(' ')))
            Assert.NotNull(page.GetElementById(described));

        // With the department's services all removed, the department's name field carries it.
        using var none = await PostAsync(client, NewUrl, Form("Uden ydelser", varde, 2044, []));
        var second = await none.ReadDocumentAsync();
        Assert.StartsWith("Uden ydelser: Tilbuddet har ingen ydelser.", second.QuerySelector("#f-Departments-error")!.TextContent.Trim());
        var name = second.QuerySelector("#f-Departments-0-Name")!;
        Assert.Equal("true", name.GetAttribute("aria-invalid"));
        Assert.Contains("f-Departments-error", name.GetAttribute("aria-describedby")!.Split(' '));
        Assert.False(await app.QueryAsync(db => db.Offers.AnyAsync(o => o.Name == "Uden ydelser")));
    }

    [Fact]
    public async Task A_rate_change_over_ten_per_cent_must_be_answered_and_the_answer_is_kept()
    {
        var (client, varde) = await SecretariatAsync();
        var id = await CreateOfferAsync(client, Form("Takstspring", varde, 2042, [new("Botilbud", 8, "1000")]));
        var (stamp, department, services) = await FormIdsAsync(client, id);
        using (var unanswered = await PostAsync(client, $"/sekretariat/tilbud/{id}", Form("Takstspring", varde, 2043, [new("Botilbud", 8, "1250", Id: services[0])], "Tal for 2043", stamp, department)))
        {
            var page = await unanswered.ReadDocumentAsync();
            Assert.Equal(HttpStatusCode.OK, unanswered.StatusCode);
            Assert.Contains("Taksten er ændret +25,0 %", page.QuerySelector("#f-Departments-0-Services-0-RateChangeReason-error")!.TextContent);
        }
        using (var answered = await PostAsync(client, $"/sekretariat/tilbud/{id}", Form("Takstspring", varde, 2043,
            [new("Botilbud", 8, "1250", Id: services[0], RateReason: "Ny normering efter tilsyn")], "Tal for 2043", stamp, department)))
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var json = await app.QueryAsync(db => db.OfferRevisions.Where(r => r.OfferId == id && r.Number == 2).Select(r => r.SnapshotJson).SingleAsync());
        Assert.Equal("Ny normering efter tilsyn", OfferSnapshot.FromJson(json).Services.Single().RateChangeReason);
    }

    [Fact]
    public async Task A_second_editor_is_refused_with_their_input_kept_and_may_then_overwrite()
    {
        var (first, varde) = await SecretariatAsync();
        var second = await app.SignInAsSecretariatAsync();
        var id = await CreateOfferAsync(first, Form("Samtidighed", varde, 2040, [new("Botilbud", 8, "1200")]));
        var (stamp, department, services) = await FormIdsAsync(first, id);
        var (stamp2, _, _) = await FormIdsAsync(second, id);
        Assert.Equal(stamp, stamp2);

        using (var one = await PostAsync(first, $"/sekretariat/tilbud/{id}", Form("Samtidighed", varde, 2040, [new("Botilbud", 9, "1200", Id: services[0])], "Første redaktør", stamp, department)))
            Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        var secondForm = Form("Samtidighed", varde, 2040, [new("Botilbud", 11, "1200", Id: services[0])], "Anden redaktør", stamp, department);
        using var refused = await PostAsync(second, $"/sekretariat/tilbud/{id}", secondForm);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains($"Tilbuddet er blevet ændret af {TestAccounts.SecretariatEmail}", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("Dine ændringer er ikke gemt", page.QuerySelector("#fejl")!.TextContent);
        Assert.Equal("11", page.QuerySelector("#f-Departments-0-Services-0-Places")!.GetAttribute("value"));
        Assert.Equal(9, await app.QueryAsync(db => db.OfferServices.Where(s => s.Id == services[0]).Select(s => s.Places).SingleAsync()));
        Assert.Equal(2, await app.RevisionCountAsync(id));

        // Having seen the newer version, the second editor may save over it.
        var seen = page.QuerySelector("input[name='Input.SeenStamp']")!.GetAttribute("value")!;
        using (var again = await PostAsync(second, $"/sekretariat/tilbud/{id}", [.. secondForm, new("Input.SeenStamp", seen), new("Input.Overwrite", "true")]))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(11, await app.QueryAsync(db => db.OfferServices.Where(s => s.Id == services[0]).Select(s => s.Places).SingleAsync()));
        Assert.Equal(3, await app.RevisionCountAsync(id));
    }

    [Fact]
    public async Task Rows_are_added_and_removed_by_submit_buttons_without_saving()
    {
        var (client, varde) = await SecretariatAsync();
        var form = Form("Rækketest", varde, 2041, [new("Første ydelse", 5, "900")]);
        using var added = await PostAsync(client, NewUrl, form, NewUrl + "?handler=AddService&d=0");
        var page = await added.ReadDocumentAsync();
        Assert.Equal("Første ydelse", page.QuerySelector("#f-Departments-0-Services-0-Name")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#f-Departments-0-Services-1-Name"));
        using var removed = await PostAsync(client, NewUrl, form, NewUrl + "?handler=RemoveService&d=0&s=0");
        Assert.Null((await removed.ReadDocumentAsync()).QuerySelector("#f-Departments-0-Services-0-Name"));
        Assert.False(await app.QueryAsync(db => db.Offers.AnyAsync(o => o.Name == "Rækketest")));
    }

    [Fact]
    public async Task A_new_private_operator_is_created_with_the_offer()
    {
        var (client, _) = await SecretariatAsync();
        var form = Form("Privattest", "ny", 2041, [new("Botilbud", 6, "2100")]);
        using (var missing = await PostAsync(client, NewUrl, form))
            Assert.Contains("Skriv navnet på den nye private driftsherre", (await missing.ReadDocumentAsync()).QuerySelector("#f-NewOperatorName-error")!.TextContent);
        var id = await CreateOfferAsync(client, [.. form, new("Input.NewOperatorName", "Fonden Testhuset"), new("Input.NewOperatorCvr", "12345678")]);
        var op = await app.QueryAsync(db => db.Offers.Where(o => o.Id == id).Select(o => o.Operator!).SingleAsync());
        Assert.Equal(OperatorKind.Private, op.Kind);
        Assert.Equal("Fonden Testhuset", op.Name);
        Assert.Equal("12345678", op.Cvr);
    }

    [Fact]
    public async Task Maintained_lists_refuse_duplicates_and_never_delete_an_entry_in_use()
    {
        var (client, varde) = await SecretariatAsync();
        const string url = "/sekretariat/tilbud/lister";
        await CreateOfferAsync(client, Form("Listetest", varde, 2041, [new("Forsorgshjem", 10, "900", Bases: ["SEL § 110"], Groups: ["Hjemløshed"], Hours: null)]));
        var basisId = await app.QueryAsync(db => db.LegalBases.Where(l => l.Code == "SEL § 110").Select(l => l.Id).SingleAsync());

        using (var duplicate = await PostAsync(client, url, [new("Basis.Code", "sel § 110"), new("Basis.Title", "Dobbelt"), new("Basis.Scope", "Adults")], url + "?handler=Basis"))
            Assert.Equal("Paragraf: 'sel § 110' findes allerede på listen.", (await duplicate.ReadDocumentAsync()).QuerySelector("#Basis_Code-error")!.TextContent);
        using (var rename = await PostAsync(client, url, [new("Basis.Id", basisId.ToString()), new("Basis.Code", "SEL § 110 x"), new("Basis.Title", "Forsorgshjem"), new("Basis.Scope", "Adults")], url + "?handler=Basis"))
            Assert.Contains("Koden kan ikke ændres", (await rename.ReadDocumentAsync()).QuerySelector("#Basis_Code-error")!.TextContent);
        using (var delete = await PostAsync(client, url, [], $"{url}?handler=DeleteBasis&id={basisId}"))
            Assert.Contains("kan ikke slettes. Deaktivér den i stedet.", (await delete.ReadDocumentAsync()).QuerySelector("#fejl")!.TextContent);
        Assert.True(await app.QueryAsync(db => db.LegalBases.AnyAsync(l => l.Id == basisId)));

        using (var add = await PostAsync(client, url, [new("Group.Name", "Testmålgruppe"), new("Group.Scope", "All")], url + "?handler=Group"))
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        Assert.Contains("Testmålgruppe", (await client.GetDocumentAsync(url)).Text());

        using (var off = await PostAsync(client, url, [], $"{url}?handler=ToggleBasis&id={basisId}"))
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        try
        {
            Assert.False(await app.QueryAsync(db => db.LegalBases.Where(l => l.Id == basisId).Select(l => l.Active).SingleAsync()));
            var fresh = await client.GetDocumentAsync(NewUrl);
            Assert.DoesNotContain(fresh.QuerySelectorAll("#f-Departments-0-Services-0-LegalBases option"), o => o.GetAttribute("value") == "SEL § 110");
        }
        finally
        {
            using var on = await PostAsync(client, url, [], $"{url}?handler=ToggleBasis&id={basisId}");
        }
    }

    [Fact]
    public async Task Secretariat_pages_send_the_public_to_log_in_and_refuse_municipality_users()
    {
        var municipality = await app.SignInAsMunicipalityAsync();
        var anonymous = app.CreateAnonymousClient();
        foreach (var url in new[] { "/sekretariat/tilbud", "/sekretariat/tilbud/ny", "/sekretariat/tilbud/lister", "/sekretariat/tilbud/1", "/sekretariat/tilbud/1/historik" })
        {
            using var asAnonymous = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
            Assert.Contains(AppFactory.SignInPath, asAnonymous.Headers.Location!.ToString());
            using var asMunicipality = await municipality.GetAsync(url);
            Assert.True(asMunicipality.StatusCode is HttpStatusCode.Forbidden || asMunicipality.Headers.Location?.ToString().Contains("ingen-adgang") == true,
                $"{url}: municipality user got {(int)asMunicipality.StatusCode}");
        }
        // The public pages are open to everyone.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/tilbud")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/tilbud/udvikling")).StatusCode);
    }
}

public sealed class OfferPagesTestsOnSqlite(SqliteAppFactory app) : OfferPagesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class OfferPagesTestsOnPostgres(PostgresAppFactory app) : OfferPagesTests(app), IClassFixture<PostgresAppFactory>;
