using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Demo;
using Rammevaerk.Economics;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Economics;

/// <summary>
/// The saved calculations (budget table, rate, deficit scenarios, guarantee, indexed fee) and the p/l index through
/// their forms: figures, bad input, exports, insertion into an agenda item, the public list.
/// </summary>
public abstract class CalculationPagesTests(AppFactory app)
{
    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await client.GetDocumentAsync(url);
        List<KeyValuePair<string, string>> all = [.. fields, new(Browserless.AntiforgeryField, page.AntiforgeryToken())];
        return await client.PostAsync(action ?? url, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts a new calculation of the kind at /sekretariat/oekonomi/{slug}/ny; returns its id.</summary>
    private static async Task<int> CreateAsync(HttpClient client, string slug, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await PostAsync(client, $"/sekretariat/oekonomi/{slug}/ny", fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await response.ReadDocumentAsync();
            Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}: {page.QuerySelector("#fejl")?.TextContent}");
        }
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last().Split('#')[0]);
    }

    /// <summary>Posts a bad form; asserts 200, the message at the field and nothing saved.</summary>
    private async Task AssertRefusedAsync(HttpClient client, string slug, IEnumerable<KeyValuePair<string, string>> fields, string field, string message, bool startsWith = false)
    {
        var before = await app.QueryAsync(db => db.SavedCalculations.CountAsync());
        using var response = await PostAsync(client, $"/sekretariat/oekonomi/{slug}/ny", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var shown = page.QuerySelector($"#{field}-error")?.TextContent.Trim();
        if (startsWith) Assert.StartsWith(message, shown);
        else Assert.Equal(message, shown);
        Assert.Contains(message, page.QuerySelector("#fejl")!.TextContent);
        Assert.Equal(before, await app.QueryAsync(db => db.SavedCalculations.CountAsync()));
    }

    private Task<int> CodeAsync(string name) => app.QueryAsync(db => db.Municipalities.Where(m => m.Name == name).Select(m => m.Code).SingleAsync());

    private static IElement Table(IDocument page, string captionPart) =>
        page.QuerySelectorAll("table.calc-table").First(t => t.QuerySelector("caption")!.TextContent.Contains(captionPart));

    private static string Cell(IElement table, string rowHeader, int column) =>
        table.QuerySelectorAll("tr").Single(r => r.QuerySelector("th")?.TextContent.Trim() == rowHeader).Children[column].TextContent.Trim();

    private static decimal Kr(string text) => decimal.Parse(text.Replace("kr.", "").Replace("+", "").Trim(), NumberStyles.Number, Da);

    private static List<KeyValuePair<string, string>> Budget(string name, string total = "869500", string overhead = "4,9", params (string Name, string Weight)[] lines)
    {
        var fields = new List<KeyValuePair<string, string>> { F("Name", name), F("Input.TotalBudget", total), F("Input.OverheadPercent", overhead), F("Input.RoundTo", "100"), F("Input.Method", "Published"), F("Input.PublishedOperating", "826900"), F("Input.PublishedOverhead", "42600"), F("Input.PublishedTotal", "869500") };
        if (lines.Length == 0) lines = [("Esbjerg", "413500"), ("Odense", "413500")];
        for (var i = 0; i < lines.Length; i++) { fields.Add(F($"Input.Lines[{i}].Name", lines[i].Name)); fields.Add(F($"Input.Lines[{i}].Weight", lines[i].Weight)); }
        return fields;
    }

    private static void AssertTableThree(IDocument page)
    {
        var t = page.QuerySelectorAll("table.calc-table").First();
        Assert.Equal(["", "Esbjerg", "Odense", "Samlet"], t.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()));
        Assert.Equal(["413.500 kr.", "413.500 kr.", "826.900 kr."], t.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Equal(["21.300 kr.", "21.300 kr.", "42.600 kr."], t.QuerySelectorAll("tbody tr")[1].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Equal(["434.800 kr.", "434.800 kr.", "869.500 kr."], t.QuerySelectorAll("tbody tr")[2].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        var comparison = Table(page, "Sammenligning med de offentliggjorte totaler");
        Assert.Equal("827.000 kr.", Cell(comparison, "Driftsramme", 3)); // 413.500 + 413.500
        Assert.Equal("0 kr.", Cell(comparison, "Udgiftsbudget", 4));
        var explanation = page.QuerySelector(".calc-explanation")!.TextContent;
        Assert.Contains("826.900 kr. / 42.600 kr. / 869.500 kr.", explanation);
        Assert.Contains("kommer præcis ud af beregningen", explanation);
        Assert.Contains("uafrundede totaler", page.QuerySelector(".calc-note")!.TextContent);
    }

    [Fact]
    public async Task Demo_table_3_is_decided_under_item_12_and_gives_the_published_figures()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await app.QueryAsync(db => db.SavedCalculations.Where(c => c.Name == DemoEconomics.TableThree).Select(c => c.Id).SingleAsync());
        AssertTableThree(await client.GetDocumentAsync($"/sekretariat/oekonomi/budget/{id}"));

        var meetingId = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == "socialdirektoerforum/2025-06-27T09:00").Select(m => m.Id).SingleAsync());
        var anonymous = app.CreateAnonymousClient();
        var list = await anonymous.GetDocumentAsync("/oekonomi");
        var section = list.QuerySelector($"#beregning-{id}")!;
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/moeder/{meetingId}#punkt-12");
        Assert.Contains("869.500 kr.", section.QuerySelector("table.calc-table")!.TextContent);
        using var csv = await anonymous.GetAsync($"/oekonomi/beregning/{id}/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
    }

    [Fact]
    public async Task Budget_table_created_through_the_form_reproduces_table_3()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await CreateAsync(client, "budget", Budget("Tabel 3 gentaget"));
        var page = await client.GetDocumentAsync($"/sekretariat/oekonomi/budget/{id}");
        AssertTableThree(page);
        Assert.Equal("Tabel 3 gentaget", page.QuerySelector("#Name")!.GetAttribute("value"));
        Assert.Equal("413500", page.QuerySelector("#Input_Lines_1__Weight")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Budget_table_bad_input_names_the_field_and_saves_nothing()
    {
        var client = await app.SignInAsSecretariatAsync();
        await AssertRefusedAsync(client, "budget", Budget("Over 100", overhead: "101"), "Input_OverheadPercent", "Overheadprocenten skal være mellem 0 og 100 (den er 101).");
        await AssertRefusedAsync(client, "budget", Budget("Negativ", total: "-5"), "Input_TotalBudget", "Udgiftsbudgettet må ikke være negativt.");
        await AssertRefusedAsync(client, "budget", Budget("Ingen linjer", lines: [("", "")]), "Input_Lines", "Angiv mindst én linje (center) med navn og driftsramme.");
        await AssertRefusedAsync(client, "budget", Budget("Negativ driftsramme", lines: [("Esbjerg", "-1")]), "Input_Lines", "Driftsrammen for Esbjerg må ikke være negativ.");
        await AssertRefusedAsync(client, "budget", Budget(""), "Name", "Skriv et navn på beregningen.");
    }

    private static List<KeyValuePair<string, string>> Rate(string name, string priceYear = "2026", string overhead = "4,9", string years = "2027", (string Year, string Pct)[]? rates = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            F("Name", name), F("Input.PriceYear", priceYear), F("Input.DirectCosts", "10000000"), F("Input.OverheadPercent", overhead),
            F("Input.CapitalBookValue", "20000000"), F("Input.Depreciation", "100000"), F("Input.CarriedSurplusOrDeficit", "-6000"),
            F("Input.Places", "10"), F("Input.OccupancyPercent", "95"), F("Input.Days", "365"), F("Input.Years", years),
        };
        rates ??= [("2025", "2"), ("2026", "2,5"), ("2027", "3")];
        for (var i = 0; i < rates.Length; i++) { fields.Add(F($"Input.InterestRates[{i}].Year", rates[i].Year)); fields.Add(F($"Input.InterestRates[{i}].Percent", rates[i].Pct)); }
        return fields;
    }

    [Fact]
    public async Task Rate_calculation_shows_both_interest_models_and_how_every_number_was_made()
    {
        var client = await app.SignInAsSecretariatAsync();
        var pl2027 = await app.QueryAsync(db => db.PriceWageIndex.Where(y => y.Year == 2027).Select(y => y.Percent).SingleAsync());
        var id = await CreateAsync(client, "takst", Rate("Takst med begge modeller"));
        var page = await client.GetDocumentAsync($"/sekretariat/oekonomi/takst/{id}");

        var rates = Table(page, "Døgntakst efter de to rentemodeller");
        Assert.Equal("3,0000 %", Cell(rates, "2027", 2));
        Assert.Equal("2,5000 %", Cell(rates, "2027", 3));
        var direct = 10_000_000m * (1 + pl2027 / 100m);
        var current = Math.Round((direct * 1.049m + 600_000m + 100_000m + 6_000m) / 3_467.5m, 0, MidpointRounding.AwayFromZero);
        var rolled = Math.Round((direct * 1.049m + 500_000m + 100_000m + 6_000m) / 3_467.5m, 0, MidpointRounding.AwayFromZero);
        Assert.Equal(current, Kr(Cell(rates, "2027", 4)));
        Assert.Equal(rolled, Kr(Cell(rates, "2027", 5)));

        var how = Table(page, "Sådan er 2027 regnet");
        var text = how.TextContent;
        Assert.Contains("(2 % + 2,5 % + 3 %) / 3 = 2,5 %", text);
        Assert.Contains("P/L 2026 → 2027", text);
        Assert.Contains("Forrentning af kapital (rul over 3 år)", text);
        Assert.Contains("10 pladser × 365 dage × 95 % belægning = 3.467,5 dage", text);
    }

    [Fact]
    public async Task Rate_calculation_bad_input_names_the_field_and_saves_nothing()
    {
        var client = await app.SignInAsSecretariatAsync();
        await AssertRefusedAsync(client, "takst", Rate("Manglende rente", rates: [("2025", "2"), ("2027", "3")]), "Input_InterestRates",
            "Renten for 2026 mangler – et rul over 3 år for 2027 kræver renterne for 2025, 2026 og 2027.");
        await AssertRefusedAsync(client, "takst", Rate("Manglende p/l", priceYear: "2019"), "Input_PriceYear", "Der mangler p/l-indeks for 2020", startsWith: true);
        await AssertRefusedAsync(client, "takst", Rate("Overhead over 100", overhead: "120"), "Input_OverheadPercent", "Overheadprocenten skal være mellem 0 og 100 (den er 120).");
        await AssertRefusedAsync(client, "takst", Rate("Intet år", years: ""), "Input_Years", "Angiv mindst ét beregningsår.");
    }

    private async Task<List<KeyValuePair<string, string>>> ScenarioAsync(string name, string deficit = "1500000", string year = "2025", bool buyers = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            F("Name", name), F("Input.Deficit", deficit), F("Input.HostCode", (await CodeAsync("Middelfart")).ToString()), F("Input.ReferenceYear", year),
            F("Input.Rounding", "WholeKroner"), F("Input.Unit", "BedDays"), F("Input.ExpectedUse", "2080"),
        };
        if (buyers)
        {
            foreach (var (m, days) in new[] { ("Middelfart", "365"), ("Odense", "730"), ("Kolding", "365"), ("Vejle", "365") })
                fields.Add(F($"Input.Use[{await CodeAsync(m)}]", days));
        }
        return fields;
    }

    [Fact]
    public async Task Deficit_scenarios_show_each_model_per_municipality_adding_up_exactly()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await CreateAsync(client, "scenarier", await ScenarioAsync("Middelfart-scenarier"));
        var page = await client.GetDocumentAsync($"/sekretariat/oekonomi/scenarier/{id}");
        var t = Table(page, "hvad hver model koster hver kommune");
        var rows = t.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(22, rows.Count);
        for (var column = 3; column <= 5; column++)
        {
            Assert.Equal(1_500_000m, rows.Sum(r => Kr(r.Children[column].TextContent)));
            Assert.Equal("1.500.000 kr.", t.QuerySelector("tfoot tr")!.Children[column].TextContent.Trim());
        }
        Assert.Equal("0 kr.", Cell(t, "Middelfart (driftsherre)", 3));
        Assert.Equal("600.000 kr.", Cell(t, "Odense", 4));
        Assert.Equal("0 kr.", Cell(t, "Esbjerg", 4));
        var esbjergA = Kr(Cell(t, "Esbjerg", 3));
        Assert.Equal(-esbjergA, Kr(Cell(t, "Esbjerg", 6)));
        Assert.Contains("1.500.000 kr. / 2.080 døgn forventet belægning", Table(page, "Sådan er tallene regnet").TextContent);
    }

    [Fact]
    public async Task Deficit_scenarios_bad_input_names_the_field_and_saves_nothing()
    {
        var client = await app.SignInAsSecretariatAsync();
        await AssertRefusedAsync(client, "scenarier", await ScenarioAsync("Negativt", deficit: "-1"), "Input_Deficit", "Underskuddet må ikke være negativt (det er -1 kr.).");
        await AssertRefusedAsync(client, "scenarier", await ScenarioAsync("Ingen købere", buyers: false), "Input_Use", "Angiv mindst én køberkommune med dens forbrug.");
        var fanoe = await CodeAsync("Fanø");
        await app.QueryAsync(db => db.MunicipalityPopulations.Where(p => p.MunicipalityCode == fanoe && p.Year == 2021).ExecuteDeleteAsync());
        await AssertRefusedAsync(client, "scenarier", await ScenarioAsync("Manglende befolkning", year: "2021"), "Input_ReferenceYear", "Der mangler befolkningstal for 2021 for Fanø.");
    }

    [Fact]
    public async Task Guarantee_over_3_years_is_shared_by_the_21_others_per_year_and_in_total()
    {
        var client = await app.SignInAsSecretariatAsync();
        var middelfart = (await CodeAsync("Middelfart")).ToString();
        var id = await CreateAsync(client, "garanti",
            [F("Name", "Garanti 3 år"), F("Input.YearlyAmount", "1000000"), F("Input.FirstYear", "2027"), F("Input.Years", "3"), F("Input.HostCode", middelfart), F("Input.ReferenceYear", "2025"), F("Input.Rounding", "WholeKroner")]);
        var page = await client.GetDocumentAsync($"/sekretariat/oekonomi/garanti/{id}");
        var t = page.QuerySelector("table.calc-table")!;
        Assert.Equal(["Kommune", "Befolkning 1.1.2025", "Andel", "2027", "2028", "2029", "I alt"], t.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()));
        var rows = t.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(21, rows.Count);
        Assert.DoesNotContain("Middelfart", t.QuerySelector("tbody")!.TextContent);
        Assert.Equal(3_000_000m, rows.Sum(r => Kr(r.Children[6].TextContent)));
        Assert.Equal(["1.000.000 kr.", "1.000.000 kr.", "1.000.000 kr.", "3.000.000 kr."], t.QuerySelector("tfoot tr")!.Children.Skip(3).Select(c => c.TextContent.Trim()));

        await AssertRefusedAsync(client, "garanti",
            [F("Name", "Negativ garanti"), F("Input.YearlyAmount", "-10"), F("Input.FirstYear", "2027"), F("Input.Years", "3"), F("Input.HostCode", middelfart), F("Input.ReferenceYear", "2025")],
            "Input_YearlyAmount", "Det årlige beløb må ikke være negativt (det er -10 kr.).");
    }

    [Fact]
    public async Task Indexed_fee_follows_the_maintained_index_and_a_missing_year_is_named()
    {
        var client = await app.SignInAsSecretariatAsync();
        var index = await app.QueryAsync(db => db.PriceWageIndex.Where(y => y.Year == 2027 || y.Year == 2028).OrderBy(y => y.Year).Select(y => y.Percent).ToListAsync());
        var id = await CreateAsync(client, "fremskrevet-betaling",
            [F("Name", "2,0 kr. fremskrevet"), F("Input.BasePerCitizen", "2"), F("Input.BaseYear", "2026"), F("Input.ToYear", "2028"), F("Input.ReferenceYear", "2025"), F("Input.Rounding", "WholeKroner")]);
        var page = await client.GetDocumentAsync($"/sekretariat/oekonomi/fremskrevet-betaling/{id}");
        var fee = Table(page, "betaling pr. indbygger fremskrevet");
        var expected2028 = 2m * (1 + index[0] / 100m) * (1 + index[1] / 100m);
        Assert.Equal(Math.Round(expected2028, 4, MidpointRounding.AwayFromZero).ToString("N4", Da) + " kr.", Cell(fee, "2028", 3));
        var perMunicipality = Table(page, "Betaling pr. kommune");
        Assert.Equal(22, perMunicipality.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(2_480_944m, Kr(Cell(fee, "2026", 5))); // 2,0 kr. × 1.240.472 (the seed's 2026 fee)

        await AssertRefusedAsync(client, "fremskrevet-betaling",
            [F("Name", "For langt frem"), F("Input.BasePerCitizen", "2"), F("Input.BaseYear", "2026"), F("Input.ToYear", "2040"), F("Input.ReferenceYear", "2025")],
            "Input_ToYear", "Der mangler p/l-indeks for 2030", startsWith: true);
    }

    [Fact]
    public async Task Price_wage_index_is_added_edited_validated_and_deleted()
    {
        var client = await app.SignInAsSecretariatAsync();
        const string url = "/sekretariat/oekonomi/pl-indeks";
        using (var add = await PostAsync(client, url, [F("Input.Year", "2045"), F("Input.Percent", "2,25"), F("Input.Source", "Test, KL-stil")]))
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var page = await client.GetDocumentAsync(url);
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "2045");
        Assert.Contains("2,25 %", row.TextContent);
        Assert.Contains("Test, KL-stil", row.TextContent);

        var edit = await client.GetDocumentAsync(url + "?aar=2045");
        Assert.Equal("2,25", edit.QuerySelector("#Input_Percent")!.GetAttribute("value"));
        using (var change = await PostAsync(client, url + "?aar=2045", [F("Input.OriginalYear", "2045"), F("Input.Year", "2045"), F("Input.Percent", "1,5"), F("Input.Source", "Rettet")]))
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(1.5m, await app.QueryAsync(db => db.PriceWageIndex.Where(y => y.Year == 2045).Select(y => y.Percent).SingleAsync()));

        async Task Refused(List<KeyValuePair<string, string>> fields, string field, string message)
        {
            var before = await app.QueryAsync(db => db.PriceWageIndex.CountAsync());
            using var response = await PostAsync(client, url, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(message, (await response.ReadDocumentAsync()).QuerySelector($"#Input_{field}-error")!.TextContent.Trim());
            Assert.Equal(before, await app.QueryAsync(db => db.PriceWageIndex.CountAsync()));
        }
        await Refused([F("Input.Year", "2046"), F("Input.Percent", "-100"), F("Input.Source", "x")], "Percent", "P/L-ændringen skal være større end -100 og højst 100 % (den er -100 %).");
        await Refused([F("Input.Year", "2046"), F("Input.Percent", "2"), F("Input.Source", "")], "Source", "Skriv kilden, fx \"KL, juni 2026\".");
        await Refused([F("Input.Year", "2045"), F("Input.Percent", "2"), F("Input.Source", "x")], "Year", "Der er allerede et p/l-indeks for 2045. Redigér det i listen.");
        await Refused([F("Input.Year", ""), F("Input.Percent", "2"), F("Input.Source", "x")], "Year", "Skriv året.");

        using (var delete = await PostAsync(client, url, [], url + "?handler=Delete&year=2045"))
            Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.False(await app.QueryAsync(db => db.PriceWageIndex.AnyAsync(y => y.Year == 2045)));
    }

    [Fact]
    public async Task Excel_export_has_a_sheet_per_table_and_the_inputs_on_their_own_sheet()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await app.QueryAsync(db => db.SavedCalculations.Where(c => c.Name == DemoEconomics.TableThree).Select(c => c.Id).SingleAsync());
        using var xlsx = await client.GetAsync($"/sekretariat/oekonomi/beregning/{id}/excel");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(AllocationExporter.XlsxType, xlsx.Content.Headers.ContentType!.MediaType);
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var wb = doc.WorkbookPart!;
            var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal("Budgettabel", sheets[0].Name!.Value);
            Assert.Equal("Forudsætninger", sheets[^1].Name!.Value);
            Row[] RowsOf(Sheet s) => ((WorksheetPart)wb.GetPartById(s.Id!)).Worksheet.Descendants<Row>().ToArray();
            var table = RowsOf(sheets[0]);
            var totals = table.Single(r => r.InnerText.StartsWith("Udgiftsbudget")).Elements<Cell>().ToList();
            Assert.Equal(CellValues.Number, totals[^1].DataType!.Value);
            Assert.Equal("869500", totals[^1].CellValue!.Text);
            var inputs = RowsOf(sheets[^1]);
            Assert.Contains(inputs, r => r.InnerText.StartsWith("Overhead (%)") && r.Elements<Cell>().Last().CellValue?.Text == "4.9");
            Assert.Contains(inputs, r => r.InnerText.StartsWith("Driftsramme (vægt): Esbjerg"));
        }

        using var csv = await client.GetAsync($"/sekretariat/oekonomi/beregning/{id}/csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Contains("Udgiftsbudget (afrundet);434800;434800;869500", lines);
        Assert.Contains("Overhead (%);4,9", lines);

        // The public gets decided calculations only.
        var draft = await app.QueryAsync(db => db.SavedCalculations.Where(c => c.State == AllocationState.Draft).Select(c => c.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAnonymousClient().GetAsync($"/oekonomi/beregning/{draft}/excel")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAnonymousClient().GetAsync($"/oekonomi/beregning/{id}/excel")).StatusCode);
    }

    [Fact]
    public async Task Inserted_calculation_shows_on_the_public_meeting_page_and_decided_is_listed_publicly()
    {
        var client = await app.SignInAsSecretariatAsync();
        var body = await app.BodyIdAsync("Socialdirektørforum");
        var meetingId = await client.CreateMeetingAsync(body, "Møde med budgettabel");
        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(meetingId, "PublishAgenda")).StatusCode);
        var item = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meetingId && i.Number == 1).Select(i => new { i.Id, i.Number }).SingleAsync());
        var versionBefore = await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Version).SingleAsync());

        var id = await CreateAsync(client, "budget", Budget("Budgettabel på dagsorden"));
        using (var none = await PostAsync(client, $"/sekretariat/oekonomi/budget/{id}", [], $"/sekretariat/oekonomi/budget/{id}?handler=Insert"))
            Assert.Contains("Vælg det dagsordenspunkt, beregningen skal indsættes i.", (await none.ReadDocumentAsync()).QuerySelector("#fejl")!.TextContent);
        using (var insert = await PostAsync(client, $"/sekretariat/oekonomi/budget/{id}", [F("ItemId", item.Id.ToString())], $"/sekretariat/oekonomi/budget/{id}?handler=Insert"))
            Assert.Equal(HttpStatusCode.Redirect, insert.StatusCode);
        // Inserted into the working copy; public once the secretariat publishes the new version.
        Assert.Equal(HttpStatusCode.Redirect, (await client.MeetingActionAsync(meetingId, "PublishNewVersion")).StatusCode);
        Assert.Equal(versionBefore + 1, await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Version).SingleAsync()));
        var text = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == item.Id).Select(i => i.CasePresentation).SingleAsync());
        Assert.Contains("### Budgettabel: Budgettabel på dagsorden", text);

        var anonymous = app.CreateAnonymousClient();
        var section = (await anonymous.GetDocumentAsync($"/moeder/{meetingId}")).QuerySelector($"#punkt-{item.Number}")!;
        var table = section.QuerySelectorAll("table").First(t => t.TextContent.Contains("Esbjerg"));
        Assert.Contains("869.500 kr.", table.TextContent);
        Assert.Contains("826.900 kr.", table.TextContent);

        // A change to the calculation leaves the item as it was.
        using (var change = await PostAsync(client, $"/sekretariat/oekonomi/budget/{id}", Budget("Budgettabel på dagsorden", total: "900000")))
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(text, await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == item.Id).Select(i => i.CasePresentation).SingleAsync()));

        using (var decide = await PostAsync(client, $"/sekretariat/oekonomi/budget/{id}", [F("ItemId", item.Id.ToString())], $"/sekretariat/oekonomi/budget/{id}?handler=Decide"))
            Assert.Equal(HttpStatusCode.Redirect, decide.StatusCode);
        var list = await app.CreateAnonymousClient().GetDocumentAsync("/oekonomi");
        var listed = list.QuerySelector($"#beregning-{id}")!;
        Assert.Contains(listed.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/moeder/{meetingId}#punkt-{item.Number}");
        Assert.Contains("900.000 kr.", listed.TextContent);
    }

    [Fact]
    public async Task Secretariat_list_links_every_kind_and_the_pages_are_closed_to_others()
    {
        var client = await app.SignInAsSecretariatAsync();
        var index = await client.GetDocumentAsync("/sekretariat/oekonomi");
        foreach (var href in new[] { "/sekretariat/oekonomi/budget/ny", "/sekretariat/oekonomi/takst/ny", "/sekretariat/oekonomi/scenarier/ny", "/sekretariat/oekonomi/garanti/ny", "/sekretariat/oekonomi/fremskrevet-betaling/ny", "/sekretariat/oekonomi/pl-indeks" })
        {
            Assert.Contains(index.QuerySelectorAll("a"), a => a.GetAttribute("href") == href);
            using var ok = await client.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        Assert.Contains(DemoEconomics.TableThree, index.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sekretariat/oekonomi/budget/999999")).StatusCode);

        var member = await app.SignInAsMemberAsync();
        var anonymous = app.CreateAnonymousClient();
        var demo = await app.QueryAsync(db => db.SavedCalculations.Select(c => c.Id).FirstAsync());
        foreach (var url in new[] { "/sekretariat/oekonomi/pl-indeks", "/sekretariat/oekonomi/budget/ny", $"/sekretariat/oekonomi/beregning/{demo}/excel" })
        {
            using var asMember = await member.GetAsync(url);
            Assert.True(asMember.StatusCode is HttpStatusCode.Forbidden || asMember.Headers.Location?.ToString().Contains("ingen-adgang") == true, $"{url}: member got {(int)asMember.StatusCode}");
            using var asAnonymous = await anonymous.GetAsync(url);
            Assert.Contains("/konto/log-ind", asAnonymous.Headers.Location!.ToString());
        }
    }
}

public sealed class CalculationPagesTestsOnSqlite(SqliteAppFactory app) : CalculationPagesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CalculationPagesTestsOnPostgres(PostgresAppFactory app) : CalculationPagesTests(app), IClassFixture<PostgresAppFactory>;
