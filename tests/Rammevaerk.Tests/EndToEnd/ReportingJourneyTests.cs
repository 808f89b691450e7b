using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using Rammevaerk.Reporting.Workbook;
using Rammevaerk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rammevaerk.Tests.EndToEnd;

/// <summary>
/// The annual reporting round in a real browser: the secretariat opens a round; Varde corrects a rate in the browser
/// and submits; Billund uploads its workbook with two mistakes, sees both with their cells, fixes the file and
/// submits; the secretariat approves both and exports the offer list, which carries Varde's new rate. axe-core
/// checks every page on the way.
/// </summary>
public sealed class ReportingJourneyTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_round_is_opened_reported_in_the_browser_and_in_Excel_approved_and_exported()
    {
        var year = Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).Year + 2;

        // --- The secretariat opens the round -------------------------------------------------------------------
        await using var secretariat = await browser.NewContextAsync(app.BaseUrl);
        var sec = await secretariat.NewPageAsync();
        await EndToEnd.SignInAsSecretariatAsync(sec);
        await sec.GotoAsync("/sekretariat/indberetning");
        await Axe(sec, "indberetningsrunder");
        await sec.GetByLabel("Året, indberetningen gælder").FillAsync(year.ToString());
        await sec.GetByLabel("Frist").FillAsync(DateTime.Today.AddDays(40).ToString("yyyy-MM-dd"));
        await sec.GetByLabel("Vejledning til kommunerne").FillAsync("Bekræft eller ret jeres tilbud for det nye år.");
        await sec.GetByRole(AriaRole.Button, new() { Name = "Åbn runden og giv besked" }).ClickAsync();
        await Expect(sec).ToHaveURLAsync(new Regex($"/sekretariat/indberetning/{year}$"));
        await Expect(sec.GetByText("0 af 23 har indberettet")).ToBeVisibleAsync();
        await Axe(sec, "runden");

        // --- Varde corrects one rate in the browser and submits ------------------------------------------------------
        await using var varde = await browser.NewContextAsync(app.BaseUrl);
        var v = await varde.NewPageAsync();
        await EndToEnd.SignInAsync(v, TestAccounts.MunicipalityEmail, TestAccounts.MunicipalityPassword);
        await v.GotoAsync("/indberetning");
        await v.GetByRole(AriaRole.Link, new() { Name = $"Indberetning {year}" }).ClickAsync();
        await Expect(v.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Årlig indberetning {year} – Varde Kommune");
        await Axe(v, "indberetning (kommune)");
        var lunden = v.GetByRole(AriaRole.Group, new() { Name = "Bo- og Rehabiliteringscenter Lunden", Exact = true });
        var lundbo = lunden.GetByRole(AriaRole.Group, new() { Name = "Ydelse: Længerevarende botilbud", Exact = true });
        await lundbo.GetByLabel("Takst (kr.)").FillAsync("3.610");
        await v.GetByRole(AriaRole.Button, new() { Name = "Indsend til sekretariatet" }).ClickAsync();
        await Expect(v.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Indberetningen for {year} er indsendt til sekretariatet.");
        await Expect(v.GetByText("Indberetningen er indsendt og venter på sekretariatets godkendelse.")).ToBeVisibleAsync();

        // --- Billund downloads its workbook, breaks two cells, uploads, reads both messages, fixes and submits --------
        await using var billund = await browser.NewContextAsync(app.BaseUrl);
        var b = await billund.NewPageAsync();
        await EndToEnd.SignInAsync(b, TestAccounts.SecondMunicipalityEmail, TestAccounts.SecondMunicipalityPassword);
        await b.GotoAsync("/indberetning");
        await b.GetByRole(AriaRole.Link, new() { Name = $"Indberetning {year}" }).ClickAsync();
        var download = await b.RunAndWaitForDownloadAsync(() => b.GetByRole(AriaRole.Link, new() { Name = "Hent udfyldt Excel-ark" }).ClickAsync());
        var original = Path.Combine(Path.GetTempPath(), $"billund-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(original);
        var broken = Path.ChangeExtension(original, ".broken.xlsx");
        File.Copy(original, broken);
        var (placesCell, rateCell) = BreakTwoCells(broken);

        await b.GetByLabel("Udfyldt Excel-ark (.xlsx, højst 10 MB)").SetInputFilesAsync(broken);
        await b.GetByRole(AriaRole.Button, new() { Name = "Upload og indsend" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Alert)).ToContainTextAsync("blev ikke indlæst");
        var problems = b.Locator("#fejl");
        await Expect(problems).ToContainTextAsync($"celle {placesCell}");
        await Expect(problems).ToContainTextAsync($"celle {rateCell}");
        await Axe(b, "indberetning med fejl fra Excel");

        await b.GetByLabel("Udfyldt Excel-ark (.xlsx, højst 10 MB)").SetInputFilesAsync(original);
        await b.GetByRole(AriaRole.Button, new() { Name = "Upload og indsend" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Excel-arket er indlæst, og indberetningen for {year} er indsendt til sekretariatet.");

        // --- The secretariat sees both, approves both -----------------------------------------------------------------
        await sec.GotoAsync($"/sekretariat/indberetning/{year}");
        await Expect(sec.GetByText("2 af 23 har indberettet")).ToBeVisibleAsync();
        foreach (var name in new[] { "Varde Kommune", "Billund Kommune" })
        {
            await sec.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Expect(sec.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{name} – indberetning {year}");
            await Axe(sec, $"gennemsyn af {name}");
            await sec.GetByRole(AriaRole.Button, new() { Name = "Godkend", Exact = true }).ClickAsync();
            await Expect(sec).ToHaveURLAsync(new Regex($"/sekretariat/indberetning/{year}$"));
            await Expect(sec.GetByRole(AriaRole.Status)).ToContainTextAsync("er godkendt");
        }
        await Expect(sec.GetByText("2 godkendt", new() { Exact = false })).ToBeVisibleAsync();

        // --- The offer list of the year carries Varde's new rate, in the page and in the Excel export ------------------
        await sec.GotoAsync($"/tilbud?aar={year}");
        await Axe(sec, "tilbudslisten");
        await Expect(sec.GetByRole(AriaRole.Main)).ToContainTextAsync("3.610");
        var export = await sec.RunAndWaitForDownloadAsync(() => sec.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Excel") }).First.ClickAsync());
        var exported = Path.Combine(Path.GetTempPath(), $"tilbudsliste-{Guid.NewGuid():N}.xlsx");
        await export.SaveAsAsync(exported);
        Assert.Contains(3610m, NumbersIn(exported));
        Assert.Contains("Skibet", TextsIn(exported));
    }

    private static async Task Axe(IPage page, string what) =>
        EndToEnd.AssertNoViolations(await EndToEnd.RunWcagAxeAsync(page), what);

    /// <summary>Writes words where the first service's places and rate belong; returns both cell names.</summary>
    private static (string Places, string Rate) BreakTwoCells(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, isEditable: true);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == WorkbookLayout.OfferSheet);
        var data = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
        var row = data.Elements<Row>().First(r => r.RowIndex! > 1 && r.Elements<Cell>().Any(c => c.CellReference!.Value == $"{WorkbookLayout.Rate.Letter}{r.RowIndex}" && c.CellValue is not null));
        string Put(WorkbookColumn column, string text)
        {
            var reference = $"{column.Letter}{row.RowIndex}";
            var cell = row.Elements<Cell>().Single(c => c.CellReference == reference);
            cell.CellValue = null;
            cell.CellFormula = null;
            cell.DataType = CellValues.InlineString;
            cell.InlineString = new InlineString(new Text(text));
            return reference;
        }
        return (Put(WorkbookLayout.Places, "otte"), Put(WorkbookLayout.Rate, "ca. 2.400 kr."));
    }

    private static List<decimal> NumbersIn(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        return wb.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>())
            .Where(c => (c.DataType is null || c.DataType.Value == CellValues.Number) && c.CellValue is not null)
            .Select(c => decimal.TryParse(c.CellValue!.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (decimal?)null)
            .Where(d => d is not null).Select(d => d!.Value).ToList();
    }

    private static List<string> TextsIn(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return wb.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>())
            .Select(c => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)] : c.InnerText)
            .ToList();
    }
}
