using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rammevaerk.Offers;
using Rammevaerk.Reporting.Validation;
using Rammevaerk.Reporting.Workbook;
using static Rammevaerk.Tests.Reporting.Workbook.WorkbookTestData;

namespace Rammevaerk.Tests.Reporting.Workbook;

public class ReportWorkbookTests
{
    [Fact]
    public void Round_trip_gives_back_the_snapshots()
    {
        var offers = SampleOffers();
        var result = Read(Written(offers));

        Assert.Empty(result.Problems);
        Assert.Equal(offers.Select(o => o.ToJson()), result.Offers.Select(o => o.ToJson()));
        var lunden = result.Offers[0];
        Assert.Equal("Ågade 3", lunden.Address);
        Assert.Equal("Æblehaven", lunden.Departments[1].Name);
        var first = lunden.Departments[0].Services[0];
        Assert.Equal(2422m, first.Rate);
        Assert.Equal(8.4m, first.ServiceLevelHours);
        Assert.Equal(["Udviklingshæmning", "Erhvervet hjerneskade"], first.TargetGroups);
        Assert.Equal(1_234_567.89m, lunden.Departments[1].Services[0].Rate);
        Assert.Equal("0800", result.Offers[3].PostalCode);
    }

    [Fact]
    public void Written_workbook_has_the_four_sheets_numeric_cells_dates_drop_downs_and_the_metadata()
    {
        var header = SampleHeader with { LastYear = new Dictionary<int, OfferSnapshot> { [101] = SampleOffers()[0] with { Departments = [SampleOffers()[0].Departments[0] with { Services = [SampleOffers()[0].Departments[0].Services[0] with { Rate = 2200m }] }] } } };
        using var doc = SpreadsheetDocument.Open(new MemoryStream(Written(header: header)), false);
        var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Vejledning", "Tilbud", "Køberkommuner", "Lister"], names);

        var tilbud = Sheet(doc, "Tilbud").Worksheet;
        var rows = tilbud.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal(8, rows.Count); // header + 7 rows (Lunden 3, Rønnebærhuset 1, Skovly 1, Solsikken 2)
        string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";
        Cell At(string reference) => rows.SelectMany(r => r.Elements<Cell>()).Single(c => c.CellReference == reference);

        Assert.Equal("Tilbud-id", Text(At("A1")));
        Assert.Equal("Pladser", Text(At("P1")));
        Assert.Equal("Takst (kr.)", Text(At("Q1")));
        Assert.Equal("Serviceniveau (timer pr. borger pr. døgn)", Text(At("T1")));
        Assert.Equal("Sidste års takst", Text(At("V1")));
        Assert.Equal("Afdeling-id", Text(At("Y1")));
        // Numbers are numbers, dates are date serials with a date format.
        Assert.Null(At("P2").DataType);
        Assert.Equal("8", At("P2").CellValue!.Text);
        Assert.Equal("8.4", At("T2").CellValue!.Text);
        Assert.Equal("2422", At("Q2").CellValue!.Text);
        Assert.Equal("2200", At("V2").CellValue!.Text);
        Assert.Equal(new DateTime(2019, 8, 1).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), At("H2").CellValue!.Text);
        Assert.Equal("SEL § 108; ABL § 105", Text(At("N4")));
        Assert.Equal("Nej", Text(At("U3")));
        var formats = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        var xfs = doc.WorkbookPart.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        Assert.Equal("dd-mm-yyyy", formats[xfs[(int)At("H2").StyleIndex!.Value].NumberFormatId!.Value]);
        Assert.Equal(4u, xfs[(int)At("Q2").StyleIndex!.Value].NumberFormatId!.Value); // #,##0.00
        // Frozen header row, hidden department id, drop-downs from "Lister".
        Assert.Equal(PaneStateValues.Frozen, tilbud.Descendants<Pane>().Single().State!.Value);
        Assert.True(tilbud.GetFirstChild<Columns>()!.Elements<Column>().Single(c => c.Min! == 25u).Hidden!.Value);
        var validations = tilbud.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v.Formula1!.Text!);
        Assert.Equal("Lister!$D$2:$D$4", validations["G2:G5001"]);
        Assert.Equal("Lister!$E$2:$E$3", validations["U2:U5001"]);
        Assert.Contains("N2:N5001", validations.Keys);

        var guide = Sheet(doc, "Vejledning").Worksheet.Descendants<Cell>().ToList();
        var guideText = guide.Select(Text).ToList();
        Assert.Equal("Årlig indberetning 2026 – Billund Kommune", guideText[0]);
        Assert.Contains("Frist for indberetning: mandag d. 1. marts 2027", guideText);
        Assert.Contains("Husk at opdatere takster og pladser.", guideText);
        var version = guideText.IndexOf("Skabelonversion");
        Assert.Equal(["RV-2026.1", "Indberetningsrunde (id)", "7", "Driftsherre (id)", "12"], guideText.Skip(version + 1).Take(5));

        var buyers = Sheet(doc, "Køberkommuner").Worksheet.Descendants<Cell>().Select(Text).ToList();
        Assert.Equal(["Tilbud-id", "Tilbuddets navn", "Køberkommune", "Antal borgere", "101", "Lunden", "Billund", "5"], buyers.Take(8));
        var lists = Sheet(doc, "Lister").Worksheet.Descendants<Cell>().Select(Text).ToList();
        Assert.Contains("SEL § 107", lists);
        Assert.Contains("Under lukning", lists);
        Assert.Contains("pr. døgn", lists);
    }

    [Fact]
    public void A_new_offer_is_an_empty_row_filled_in_without_an_id()
    {
        var bytes = Edit(Written(), doc =>
        {
            var ws = Sheet(doc, "Tilbud");
            foreach (var row in new[] { 9, 10 })
            {
                SetText(ws, $"B{row}", "Nyt Hus");
                SetText(ws, $"C{row}", "Møllevej 2");
                SetText(ws, $"G{row}", "aktivt");
                SetText(ws, $"H{row}", "01-09-2026");
                SetText(ws, $"K{row}", "Hovedhuset");
                SetText(ws, $"R{row}", "pr. døgn");
                SetNumber(ws, $"S{row}", 2026);
                SetText(ws, $"U{row}", "Ja");
            }
            SetText(ws, "M9", "Aflastning");
            SetText(ws, "N9", "sel §84");
            SetText(ws, "O9", "Udviklingshæmning; autismespektrumforstyrrelse");
            SetNumber(ws, "P9", 4);
            SetText(ws, "Q9", "1.850,50");
            SetText(ws, "T9", "8,4");
            SetText(ws, "M10", "Midlertidigt botilbud");
            SetText(ws, "N10", "SEL § 107");
            SetNumber(ws, "P10", 6);
            SetNumber(ws, "Q10", 2422.5m);
            var buyers = Sheet(doc, "Køberkommuner");
            SetText(buyers, "B6", "Nyt Hus");
            SetText(buyers, "C6", "Varde Kommune");
            SetNumber(buyers, "D6", 3);
            SetNumber(buyers, "C7", 561);
            SetText(buyers, "B7", "Nyt Hus");
            SetText(buyers, "D7", "2");
        });

        var result = Read(bytes);

        Assert.Empty(result.Problems);
        Assert.Equal(5, result.Offers.Count);
        var added = result.Offers[4];
        Assert.Null(added.OfferId);
        Assert.Equal("Nyt Hus", added.Name);
        Assert.Equal(OfferStatus.Active, added.Status);
        Assert.Equal(new DateOnly(2026, 9, 1), added.StatusSince);
        var department = Assert.Single(added.Departments);
        Assert.Null(department.DepartmentId);
        Assert.Equal("Hovedhuset", department.Name);
        Assert.Equal(2, department.Services.Count);
        var respite = department.Services[0];
        Assert.Null(respite.ServiceId);
        Assert.Equal(["SEL § 84"], respite.LegalBases);
        Assert.Equal(["Udviklingshæmning", "Autismespektrumforstyrrelse"], respite.TargetGroups);
        Assert.Equal(4, respite.Places);
        Assert.Equal(1850.50m, respite.Rate);
        Assert.Equal(8.4m, respite.ServiceLevelHours);
        Assert.Equal(RateUnit.PerDay, respite.RateUnit);
        Assert.Equal(2422.5m, department.Services[1].Rate);
        Assert.Equal([(573, 3), (561, 2)], added.Buyers.Select(b => (b.MunicipalityCode, b.Citizens)));
        Assert.Equal("Varde", added.Buyers[0].MunicipalityName);

        // The validation's indexes for the new offer point at its rows.
        var located = result.Locate([new ReportIssue(IssueSeverity.Error, 4, "Nyt Hus", ReportField.Rate, "…", 0, 1)]);
        Assert.Equal("Ark 'Tilbud', celle Q10", located[0].Location);
    }

    [Fact]
    public void Locate_maps_validator_issues_to_sheet_and_cell()
    {
        var result = Read(Written());
        Assert.Empty(result.Problems);
        IssueSeverity e = IssueSeverity.Error;

        var located = result.Locate(
        [
            new ReportIssue(e, 0, "Lunden", ReportField.Places, "Pladser", DepartmentIndex: 0, ServiceIndex: 1),
            new ReportIssue(e, 0, "Lunden", ReportField.Rate, "Takst", DepartmentIndex: 1, ServiceIndex: 0),
            new ReportIssue(e, 0, "Lunden", ReportField.Address, "Adresse"),
            new ReportIssue(e, 0, "Lunden", ReportField.Department, "Afdeling", DepartmentIndex: 1),
            new ReportIssue(e, 0, "Lunden", ReportField.Offer, "Ingen ydelser"),
            new ReportIssue(e, 0, "Lunden", ReportField.Citizens, "Borgere", BuyerIndex: 1),
            new ReportIssue(e, 1, "Rønnebærhuset", ReportField.ClosingDate, "Lukkedato"),
            new ReportIssue(e, 3, "Solsikken", ReportField.Places, "Pladser", DepartmentIndex: 0, ServiceIndex: 1),
            new ReportIssue(e, 3, "Solsikken", ReportField.Buyer, "Køber", BuyerIndex: 0),
            new ReportIssue(e, 3, "Solsikken", ReportField.Comment, "Kommentar") { Location = "Formularen" },
            new ReportIssue(e, 9, "?", ReportField.Places, "Uden for listen"),
        ]);

        Assert.Equal(
        [
            "Ark 'Tilbud', celle P3",
            "Ark 'Tilbud', celle Q4",
            "Ark 'Tilbud', celle C2",
            "Ark 'Tilbud', celle K4",
            "Ark 'Tilbud', række 2–4",
            "Ark 'Køberkommuner', celle D3",
            "Ark 'Tilbud', celle I5",
            "Ark 'Tilbud', celle P8",
            "Ark 'Køberkommuner', celle C5",
            "Formularen",
            "Ark 'Tilbud'",
        ], located.Select(i => i.Location));
    }

    [Fact]
    public void Text_in_a_number_cell_names_the_offer_the_field_and_the_cell()
    {
        var result = Read(Edit(Written(), doc => SetText(Sheet(doc, "Tilbud"), "P3", "otte")));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Lunden, række 3: Pladser (celle P3) skal være et helt tal – der står 'otte'.", problem.Message);
        Assert.Equal("Ark 'Tilbud', celle P3", problem.Location);
        Assert.Equal(ReportField.Places, problem.Field);
        Assert.Equal((0, 0, 1), (problem.OfferIndex, problem.DepartmentIndex, problem.ServiceIndex));
        Assert.Empty(result.Offers);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Two_errors_give_both_messages_with_their_cells_in_sheet_order()
    {
        var result = Read(Edit(Written(), doc =>
        {
            var ws = Sheet(doc, "Tilbud");
            SetText(ws, "P3", "otte");
            SetText(ws, "Q2", "ca. 2400");
            SetNumber(ws, "P7", 8.5m);
        }));

        Assert.Equal(
        [
            "Lunden, række 2: Takst (kr.) (celle Q2) skal være et tal (fx 2.422,50) – der står 'ca. 2400'.",
            "Lunden, række 3: Pladser (celle P3) skal være et helt tal – der står 'otte'.",
            "Solsikken, række 7: Pladser (celle P7) skal være et helt tal – der står '8,5'.",
        ], result.Problems.Select(p => p.Message));
        Assert.Equal(["Ark 'Tilbud', celle Q2", "Ark 'Tilbud', celle P3", "Ark 'Tilbud', celle P7"], result.Problems.Select(p => p.Location));
        Assert.Empty(result.Offers);
    }

    [Fact]
    public void A_formula_in_a_number_column_asks_for_the_value()
    {
        var result = Read(Edit(Written(), doc => SetFormula(Sheet(doc, "Tilbud"), "Q5", "Q2*1.3", 3148.6m)));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Rønnebærhuset, række 5: Takst (kr.) (celle Q5) indeholder en formel (=Q2*1.3). Skriv selve tallet i cellen i stedet for formlen.", problem.Message);
        Assert.Equal("Ark 'Tilbud', celle Q5", problem.Location);
        Assert.Empty(result.Offers);
    }

    [Fact]
    public void Bad_values_in_dates_choices_buyers_and_conflicting_offer_fields_are_each_reported()
    {
        var result = Read(Edit(Written(), doc =>
        {
            var ws = Sheet(doc, "Tilbud");
            SetText(ws, "H2", "sidste år");
            SetText(ws, "R2", "pr. uge");
            SetText(ws, "U2", "måske");
            SetText(ws, "C3", "Bøgevej 9");
            var buyers = Sheet(doc, "Køberkommuner");
            SetText(buyers, "C2", "Atlantis");
            SetNumber(buyers, "A3", 999);
        }));

        var messages = result.Problems.Select(p => p.Message).ToList();
        Assert.Equal(
        [
            "Lunden, række 2: Status fra (celle H2) skal være en dato, fx 01-03-2026 – der står 'sidste år'.",
            "Lunden, række 2: Takstenhed (celle R2) skal være 'pr. døgn', 'pr. måned', 'pr. år' eller 'pr. time' – der står 'pr. uge'. Vælg på listen.",
            "Lunden, række 2: Omfattet af rammeaftalen (celle U2) skal være Ja eller Nej – der står 'måske'. Vælg på listen.",
            "Lunden, række 3: Adresse (celle C3) er 'Bøgevej 9', men række 2 har 'Ågade 3'. Tilbuddets felter skal være ens på alle tilbuddets rækker.",
            "Lunden, arket 'Køberkommuner' række 2: Køberkommune (celle C2) er 'Atlantis', som ikke er en kendt kommune. Vælg kommunen på listen (eller skriv kommunekoden).",
            "Lunden, arket 'Køberkommuner' række 3: Tilbud-id (celle A3) er 999, men der er intet tilbud med det id på arket 'Tilbud'.",
        ], messages);
        Assert.Empty(result.Offers);
    }
}
