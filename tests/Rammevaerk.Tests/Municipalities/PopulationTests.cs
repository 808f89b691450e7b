using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Municipalities;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Municipalities;

/// <summary>The population by year page and FOLK1A import: the 2024 gap, a preview, a Danish message per bad row.</summary>
public abstract class PopulationTests(AppFactory app)
{
    private const string Url = "/sekretariat/befolkning";

    public static readonly string Folk1a2024 = string.Join("\r\n",
        "\"FOLK1A: Befolkningen den 1. i kvartalet efter område, køn, alder, civilstand og tid\"",
        "\"Enhed: Antal\"",
        ";;;;\"2024K1\";\"2024K2\"",
        "\"Hele landet\";\"I alt\";\"Alder i alt\";\"I alt\";5961249;5964059",
        "\"Region Syddanmark\";\"I alt\";\"Alder i alt\";\"I alt\";1230000;1231000",
        "\"Kolding\";\"I alt\";\"Alder i alt\";\"I alt\";95000;95100",
        "\"630 Vejle\";\"I alt\";\"Alder i alt\";\"I alt\";122000;122100",
        "\"Kilde: Danmarks Statistik\"");

    private static MultipartFormDataContent Upload(HttpClient client, string token, string csv, Encoding encoding, string name = "FOLK1A.csv") => new()
    {
        { new StringContent(token), Browserless.AntiforgeryField },
        { new ByteArrayContent(encoding.GetBytes(csv)), "fil", name },
    };

    [Fact]
    public async Task The_page_lists_every_municipality_by_year_and_shows_the_2024_gap()
    {
        var client = await app.SignInAsSecretariatAsync();
        var page = await client.GetDocumentAsync(Url);
        Assert.Contains("Der mangler tal for 2024", page.QuerySelector(".notice")!.TextContent);
        var header = page.QuerySelectorAll("table.population thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains("2024", header);
        var kolding = page.QuerySelectorAll("table.population tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Kolding");
        Assert.Equal(22, page.QuerySelectorAll("table.population tbody tr").Length);
        Assert.Contains("mangler", kolding.QuerySelectorAll("td")[header.IndexOf("2024") - 1].TextContent);
        var all = await client.GetDocumentAsync(Url + "?alle=true");
        Assert.Equal(98, all.QuerySelectorAll("table.population tbody tr").Length);
    }

    [Fact]
    public async Task A_FOLK1A_file_is_previewed_then_saved_and_bad_rows_are_named_in_Danish()
    {
        var client = await app.SignInAsSecretariatAsync();
        var token = (await client.GetDocumentAsync(Url)).AntiforgeryToken();
        var bad = Folk1a2024.Replace("\"Kolding\";\"I alt\";\"Alder i alt\";\"I alt\";95000", "\"Kolding\";\"I alt\";\"Alder i alt\";\"I alt\";..")
            .Replace("\"Kilde", "\"Atlantis\";\"I alt\";\"Alder i alt\";\"I alt\";1000;1000\r\n\"Kilde");

        using var refused = await client.PostAsync(Url + "?handler=Preview", Upload(client, token, bad, Encoding.Latin1));
        var errors = (await refused.ReadDocumentAsync()).Errors();
        Assert.Contains("Række 6, Kolding: »..« for 2024 er ikke et antal indbyggere.", errors);
        Assert.Contains("Række 8: »Atlantis« er ikke en dansk kommune.", errors);
        Assert.Null((await refused.ReadDocumentAsync()).QuerySelector("form[action*='handler=Save']"));

        using var preview = await client.PostAsync(Url + "?handler=Preview", Upload(client, token, Folk1a2024, Encoding.Latin1));
        var page = await preview.ReadDocumentAsync();
        Assert.Equal("", page.Errors());
        var rows = page.QuerySelectorAll(".preview-section tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(rows, r => r.SequenceEqual(["Kolding", "2024", "–", "95.000"]));
        Assert.Contains(rows, r => r.SequenceEqual(["Vejle", "2024", "–", "122.000"]));
        Assert.False(await app.QueryAsync(db => db.MunicipalityPopulations.AnyAsync(p => p.Year == 2024)));
        var gap = page.QuerySelectorAll(".preview-section .notice").Single().TextContent;
        Assert.Contains("Filen har ikke tal for 2024 for 20 kommuner i Region Syddanmark", gap);
        Assert.Contains("Esbjerg", gap);
        Assert.DoesNotContain("Kolding", gap);

        var save = page.QuerySelector("form[action*='handler=Save']")!;
        using var saved = await client.PostAsync(Url + "?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Browserless.AntiforgeryField] = save.QuerySelector($"input[name='{Browserless.AntiforgeryField}']")!.GetAttribute("value")!,
            ["fileContent"] = save.QuerySelector("input[name='fileContent']")!.GetAttribute("value")!,
            ["fileName"] = "FOLK1A.csv",
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var figures = await app.QueryAsync(db => db.MunicipalityPopulations.Where(p => p.Year == 2024).OrderBy(p => p.MunicipalityCode).Select(p => new { p.MunicipalityCode, p.Population }).ToListAsync());
        Assert.Equal([(621, 95000), (630, 122000)], figures.Select(f => (f.MunicipalityCode, f.Population)));
        var after = (await client.GetDocumentAsync(Url)).QuerySelectorAll(".notice").Select(n => n.TextContent).ToList();
        Assert.Contains(after, n => n.Contains("2024 mangler for 20 af 22 kommuner i Region Syddanmark") && n.Contains("Esbjerg"));

        // A forged file on save is read and checked again: nothing half-saved.
        using var forged = await client.PostAsync(Url + "?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Browserless.AntiforgeryField] = (await client.GetDocumentAsync(Url)).AntiforgeryToken(),
            ["fileContent"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(bad)), ["fileName"] = "x.csv",
        }));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(95000, await app.QueryAsync(db => db.MunicipalityPopulations.Where(p => p.Year == 2024 && p.MunicipalityCode == 621).Select(p => p.Population).SingleAsync()));
        await app.QueryAsync(async db => await db.MunicipalityPopulations.Where(p => p.Year == 2024).ExecuteDeleteAsync());
    }

    [Fact]
    public async Task A_duplicate_row_is_an_error_and_never_counted_as_a_new_figure()
    {
        var client = await app.SignInAsSecretariatAsync();
        var token = (await client.GetDocumentAsync(Url)).AntiforgeryToken();
        var twice = Folk1a2024.Replace("\"Kilde", "\"Kolding\";\"I alt\";\"Alder i alt\";\"I alt\";95500;95600\r\n\"Kilde");

        using var preview = await client.PostAsync(Url + "?handler=Preview", Upload(client, token, twice, Encoding.Latin1));
        var page = await preview.ReadDocumentAsync();
        Assert.Contains("Række 6 og 8: Kolding har mere end ét tal for 2024", page.Errors());
        var rows = page.QuerySelectorAll(".preview-section tbody tr").Select(r => r.QuerySelector("th")!.TextContent.Trim()).ToList();
        Assert.Equal(["Vejle"], rows);
        Assert.EndsWith("(1 nye, 0 ændrede)", page.QuerySelector(".preview-section caption")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("form[action*='handler=Save']"));
        Assert.False(await app.QueryAsync(db => db.MunicipalityPopulations.AnyAsync(p => p.Year == 2024)));
    }

    [Fact]
    public async Task A_row_of_a_later_quarter_with_no_number_is_named_not_skipped()
    {
        var client = await app.SignInAsSecretariatAsync();
        var token = (await client.GetDocumentAsync(Url)).AntiforgeryToken();
        var csv = string.Join("\r\n", "\"OMRÅDE\";\"TID\";\"INDHOLD\"", "\"Kolding\";\"2024K1\";95000", "\"Vejle\";\"2024K3\";\"abc\"", "\"Vejle\";\"2024K1\";\"\"");

        using var response = await client.PostAsync(Url + "?handler=Preview", Upload(client, token, csv, Encoding.UTF8));
        var page = await response.ReadDocumentAsync();

        Assert.Contains("Række 3, Vejle: »abc« for 2024K3 er ikke et antal indbyggere.", page.Errors());
        Assert.Contains("Række 4, Vejle: »« for 2024 er ikke et antal indbyggere.", page.Errors());
        Assert.Null(page.QuerySelector("form[action*='handler=Save']"));
    }

    [Fact]
    public void Every_period_of_a_wide_row_is_checked_but_only_the_first_quarter_is_a_figure()
    {
        var result = Folk1aCsv.Parse(string.Join("\n", ";2024K1;2024K2", "Kolding;95000;95100", "Vejle;122000;abc"), Some);
        Assert.Equal(["Række 3, Vejle: »abc« for 2024K2 er ikke et antal indbyggere."], result.Errors);
        Assert.Equal([(621, 2024, 95000), (630, 2024, 122000)], result.Figures.Select(f => (f.Code, f.Year, f.Population)));
    }

    [Fact]
    public void Two_rows_for_one_municipality_and_year_are_no_figure()
    {
        var result = Folk1aCsv.Parse(string.Join("\n", ";2024K1;2025K1", "Kolding;95000;95500", "Vejle;122000;122500", "Kolding;95100;95500"), Some);
        Assert.Equal([(630, 2024), (630, 2025)], result.Unambiguous.Select(f => (f.Code, f.Year)).Order());
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public async Task A_file_that_is_not_a_csv_is_refused_in_Danish()
    {
        var client = await app.SignInAsSecretariatAsync();
        var token = (await client.GetDocumentAsync(Url)).AntiforgeryToken();
        using var response = await client.PostAsync(Url + "?handler=Preview", Upload(client, token, "PK\0\0", Encoding.Latin1, "FOLK1A.xlsx"));
        Assert.Contains("vælg en .csv-fil", (await response.ReadDocumentAsync()).Errors());
    }

    private static readonly (int, string)[] Some = [(621, "Kolding"), (630, "Vejle"), (101, "København"), (561, "Esbjerg")];

    [Fact]
    public void Reads_the_first_quarter_of_each_year_by_name_or_code_and_skips_country_and_regions()
    {
        var csv = ";\"2025K1\";\"2025K2\";\"2026K1\"\n\"Hele landet\";1;2;3\n\"Region Syddanmark\";1;2;3\n\"Landsdel Fyn\";1;2;3\n\"621 Kolding\";95500;95600;96000\n\"Esbjerg Kommune\";116000;116100;116200\n";
        var result = Folk1aCsv.Parse(csv, Some);
        Assert.Empty(result.Errors);
        Assert.Equal([2025, 2026], result.Years);
        Assert.Equal([("Kolding", 2025, 95500), ("Kolding", 2026, 96000), ("Esbjerg", 2025, 116000), ("Esbjerg", 2026, 116200)],
            result.Figures.Select(f => (f.Name, f.Year, f.Population)));
        Assert.Equal(["Hele landet", "Region Syddanmark", "Landsdel Fyn"], result.Skipped);
    }

    [Fact]
    public void Reads_the_long_form_and_Windows_1252_text()
    {
        var bytes = Encoding.Latin1.GetBytes("OMRÅDE;TID;INDHOLD\nKøbenhavn;2024K1;653664\nKøbenhavn;2024K2;654000\n");
        var result = Folk1aCsv.Parse(Folk1aCsv.Decode(bytes), Some);
        Assert.Empty(result.Errors);
        Assert.Equal([(101, 2024, 653664)], result.Figures.Select(f => (f.Code, f.Year, f.Population)));
    }

    [Theory]
    [InlineData("\"Kolding\";-5", "Række 2, Kolding: »-5« for 2024 er ikke et antal indbyggere.")]
    [InlineData("\"Kolding\";", "Række 2, Kolding: »« for 2024 er ikke et antal indbyggere.")]
    [InlineData("\"Kolding\";95000\n\"Kolding\";95000", "Række 2 og 3: Kolding har mere end ét tal for 2024; filen skal have én række pr. kommune.")]
    [InlineData("\"Kolding\";5000000", "Række 2, Kolding: 5.000.000 indbyggere i 2024 kan ikke passe.")]
    public void Each_bad_row_gets_its_own_Danish_message(string rows, string message)
    {
        var result = Folk1aCsv.Parse(";\"2024K1\"\n" + rows + "\n", Some);
        Assert.Contains(message, result.Errors);
    }

    [Fact]
    public void A_file_without_periods_or_only_later_quarters_is_explained()
    {
        Assert.Contains("ligner ikke FOLK1A", Folk1aCsv.Parse("a;b\n1;2\n", Some).Errors.Single());
        Assert.Contains("2024 findes kun for senere kvartaler", Folk1aCsv.Parse(";\"2024K3\"\n\"Kolding\";95000\n", Some).Errors.Single());
    }
}

public sealed class PopulationTestsOnSqlite(SqliteAppFactory app) : PopulationTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PopulationTestsOnPostgres(PostgresAppFactory app) : PopulationTests(app), IClassFixture<PostgresAppFactory>;
