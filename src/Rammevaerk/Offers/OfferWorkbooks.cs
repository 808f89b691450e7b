using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rammevaerk.Shared;

namespace Rammevaerk.Offers;

/// <summary>
/// The offer list and the year-over-year comparison as .xlsx: real numeric cells with number formats, a bold and
/// frozen header row with an autofilter, and a second sheet that says what the file holds, from where and when.
/// </summary>
public static class OfferWorkbooks
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Cell styles of <see cref="Styles"/>, by index.</summary>
    private enum Style : uint { Default = 0, Header = 1, Integer = 2, Money = 3, Decimal = 4, Percent = 5, BoldInteger = 6, Bold = 7 }

    /// <summary>A column: heading, width and the style of its numbers.</summary>
    private sealed record Column(string Heading, double Width, Style Style = Style.Default);

    public static byte[] ListWorkbook(int year, IReadOnlyList<OfferListRow> rows, IReadOnlyList<(string Label, string Value)> filters, string source, DateTime exportedAtUtc)
    {
        Column[] columns =
        [
            new("Tilbud", 34), new("Driftsherre", 24), new("Afdeling", 24), new("Afdelingsnr.", 12), new("Ydelse", 30),
            new("Paragraf", 22), new("Målgruppe", 30), new("Pladser", 10, Style.Integer), new("Takst (kr.)", 14, Style.Money),
            new("Takstenhed", 12), new("Takstår", 9), new("Serviceniveau (timer pr. borger pr. døgn)", 14, Style.Decimal),
            new("Omfattet af rammeaftalen", 12), new("Status", 14), new("Adresse", 28), new("Postnr.", 9), new("By", 16),
            new("Tilbudsportalen-id", 16), new("Tilbud-id", 10, Style.Integer),
        ];
        var data = rows.Select(r => new object?[]
        {
            r.Offer.Name, r.Offer.OperatorName, r.Department.Name, r.Department.PortalKey, r.Service.Name,
            string.Join(", ", r.Service.LegalBases), string.Join(", ", r.Service.TargetGroups), r.Service.Places, r.Service.Rate,
            OfferNames.Unit(r.Service.RateUnit), r.Service.RateYear, r.Service.ServiceLevelHours,
            r.Service.CoveredByAgreement ? "Ja" : "Nej", OfferNames.Status(r.Offer.Status), r.Offer.Address, r.Offer.PostalCode, r.Offer.City,
            r.Offer.PortalId, r.Offer.OfferId,
        }).ToList();
        var total = new object?[columns.Length];
        total[0] = "I alt";
        total[7] = rows.Sum(r => r.Service.Places ?? 0);

        var about = new List<(string, object?)>
        {
            ("Indhold", $"Tilbudsliste {year}"),
            ("År", year),
            ("Antal tilbud", rows.Select(r => r.Offer.OfferId).Distinct().Count()),
            ("Antal ydelser", rows.Count),
            ("Pladser i alt", rows.Sum(r => r.Service.Places ?? 0)),
        };
        about.AddRange(filters.Select(f => ("Filter: " + f.Label, (object?)f.Value)));
        about.Add(("Kilde", source));
        about.Add(("Eksporteret", Danish.DateAndTime(exportedAtUtc)));
        return Build("Tilbudsliste", columns, data, total, about);
    }

    public static byte[] ComparisonWorkbook(Comparison c, string source, DateTime exportedAtUtc)
    {
        Column[] columns =
        [
            new("Tilbud", 34), new("Driftsherre", 24), new("Afdeling", 24), new("Ydelse", 30), new("Paragraf", 22),
            new($"Pladser {c.From}", 11, Style.Integer), new($"Pladser {c.To}", 11, Style.Integer), new("Ændring pladser", 12, Style.Percent),
            new($"Takst {c.From} (kr.)", 14, Style.Money), new($"Takstenhed {c.From}", 12), new($"Takst {c.To} (kr.)", 14, Style.Money),
            new($"Takstenhed {c.To}", 12), new("Ændring takst", 12, Style.Percent), new("Bemærkning", 10),
        ];
        static decimal? Fraction(decimal? percent) => percent is decimal p ? Math.Round(p / 100m, 6) : null;
        var data = c.Rows.Select(r => new object?[]
        {
            r.Offer, r.Operator, r.Department, r.Service, r.LegalBases, r.PlacesFrom, r.PlacesTo, Fraction(r.PlacesChangePercent),
            r.RateFrom, OfferNames.Unit(r.UnitFrom), r.RateTo, OfferNames.Unit(r.UnitTo), Fraction(r.RateChangePercent), OfferComparison.ChangeName(r.Change),
        }).ToList();
        var total = new object?[columns.Length];
        total[0] = "I alt";
        total[5] = c.Total.From;
        total[6] = c.Total.To;
        total[7] = Fraction(c.Total.ChangePercent);

        var about = new List<(string, object?)>
        {
            ("Indhold", $"Udvikling i pladser og takster {c.From}–{c.To}"),
            ("Fra år", c.From),
            ("Til år", c.To),
            ("Antal ydelser", c.Rows.Count),
            ("Nye ydelser", c.Rows.Count(r => r.Change == ComparisonChange.New)),
            ("Lukkede ydelser", c.Rows.Count(r => r.Change == ComparisonChange.Closed)),
            ("Matchning", "Ydelser er parret efter ydelses-id, derefter efter tilbuddets og ydelsens navn."),
            ("Takstændring", "Beregnes kun, når taksten har samme enhed i begge år."),
            ("Kilde", source),
            ("Eksporteret", Danish.DateAndTime(exportedAtUtc)),
            ("", null),
            ("Pladser pr. paragraf", null),
        };
        about.AddRange(c.ByLegalBasis.Select(t => (t.Name, (object?)$"{t.From} → {t.To} ({OfferList.Percent(t.ChangePercent)})")));
        about.Add(("", null));
        about.Add(("Pladser pr. driftsherre", null));
        about.AddRange(c.ByOperator.Select(t => (t.Name, (object?)$"{t.From} → {t.To} ({OfferList.Percent(t.ChangePercent)})")));
        return Build("Udvikling", columns, data, total, about);
    }

    /// <summary>How a column of <see cref="TableWorkbook"/> shows its values.</summary>
    public enum ColumnKind { Text, Integer, Money, Decimal, Percent }

    /// <summary>
    /// Any table in the house style (header row bold and frozen, autofilter, totals row, "Om udtrækket" sheet), for
    /// exports outside the offer list. Percent columns take fractions (0,045 for 4,5 %).
    /// </summary>
    public static byte[] TableWorkbook(string sheetName, IReadOnlyList<(string Heading, double Width, ColumnKind Kind)> columns,
        List<object?[]> rows, object?[] total, List<(string Label, object? Value)> about) =>
        Build(sheetName, columns.Select(c => new Column(c.Heading, c.Width, c.Kind switch
        {
            ColumnKind.Integer => Style.Integer, ColumnKind.Money => Style.Money, ColumnKind.Decimal => Style.Decimal,
            ColumnKind.Percent => Style.Percent, _ => Style.Default,
        })).ToArray(), rows, total, about);

    private static byte[] Build(string sheetName, Column[] columns, List<object?[]> rows, object?[] total, List<(string Label, object? Value)> about)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheets = wb.Workbook.AppendChild(new Sheets());

            // The table.
            var data = new SheetData();
            data.Append(RowOf(1, columns.Select((c, i) => Cell(i, 1, c.Heading, Style.Header))));
            uint r = 2;
            foreach (var values in rows)
            {
                data.Append(RowOf(r, values.Select((v, i) => Cell(i, r, v, columns[i].Style))));
                r++;
            }
            var lastDataRow = r - 1;
            data.Append(RowOf(r, total.Select((v, i) => Cell(i, r, v, v is string ? Style.Bold : columns[i].Style == Style.Integer ? Style.BoldInteger : columns[i].Style))));
            var range = $"A1:{ColumnName(columns.Length - 1)}{Math.Max(lastDataRow, 1)}";
            var table = new Worksheet(
                new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                }, new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>(["A2"]) }) { WorkbookViewId = 0, TabSelected = true }),
                new Columns(columns.Select((c, i) => new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })),
                data,
                new AutoFilter { Reference = range });
            AddSheet(wb, sheets, 1, sheetName, table);
            wb.Workbook.Append(new DefinedNames(new DefinedName($"'{sheetName}'!{Absolute(range)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));

            // What the file holds.
            var info = new SheetData();
            info.Append(RowOf(1, [Cell(0, 1, "Om udtrækket", Style.Header), Cell(1, 1, "", Style.Header)]));
            uint ir = 2;
            foreach (var (label, value) in about)
            {
                info.Append(RowOf(ir, [Cell(0, ir, label, Style.Bold), Cell(1, ir, value, value is int ? Style.Integer : Style.Default)]));
                ir++;
            }
            AddSheet(wb, sheets, 2, "Om udtrækket", new Worksheet(
                new Columns(
                    new DocumentFormat.OpenXml.Spreadsheet.Column { Min = 1, Max = 1, Width = 30, CustomWidth = true },
                    new DocumentFormat.OpenXml.Spreadsheet.Column { Min = 2, Max = 2, Width = 90, CustomWidth = true }),
                info));

            // Sheets must come before definedNames in the workbook element.
            wb.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart wb, Sheets sheets, uint id, string name, Worksheet worksheet)
    {
        var part = wb.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Row RowOf(uint index, IEnumerable<Cell?> cells)
    {
        var row = new Row { RowIndex = index };
        row.Append(cells.Where(c => c is not null).Cast<Cell>());
        return row;
    }

    private static Cell? Cell(int column, uint row, object? value, Style style)
    {
        var reference = ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);
        static Cell Number(string reference, decimal v, Style style) => new()
        {
            CellReference = reference, DataType = CellValues.Number, StyleIndex = (uint)style,
            CellValue = new CellValue(v.ToString(CultureInfo.InvariantCulture)),
        };
        return value switch
        {
            null => style == Style.Header ? TextCell(reference, "", style) : null,
            int i => Number(reference, i, style == Style.Default ? Style.Integer : style),
            decimal d => Number(reference, d, style == Style.Default ? Style.Decimal : style),
            string s when s.Length == 0 && style != Style.Header => null,
            string s => TextCell(reference, s, style is Style.Header or Style.Bold ? style : Style.Default),
            _ => TextCell(reference, Convert.ToString(value, Danish.Culture) ?? "", Style.Default),
        };
    }

    private static Cell TextCell(string reference, string s, Style style) => new()
    {
        CellReference = reference, DataType = CellValues.InlineString, StyleIndex = (uint)style,
        InlineString = new InlineString(new Text(s) { Space = SpaceProcessingModeValues.Preserve }),
    };

    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static string Absolute(string range) =>
        string.Join(':', range.Split(':').Select(part =>
        {
            var letters = new string(part.TakeWhile(char.IsLetter).ToArray());
            return $"${letters}${part[letters.Length..]}";
        }));

    private static Stylesheet Styles()
    {
        CellFormat Format(uint numFmt, uint font) => new()
        {
            NumberFormatId = numFmt, FontId = font, FillId = 0, BorderId = 0, FormatId = 0,
            ApplyNumberFormat = numFmt != 0, ApplyFont = font != 0,
        };
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0.00" },
                new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0" },
                new NumberingFormat { NumberFormatId = 167, FormatCode = "+0.0%;-0.0%;0.0%" }) { Count = 4 },
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                Format(0, 0),   // Default
                Format(0, 1),   // Header
                Format(164, 0), // Integer
                Format(165, 0), // Money
                Format(166, 0), // Decimal
                Format(167, 0), // Percent
                Format(164, 1), // BoldInteger
                Format(0, 1))   // Bold
            { Count = 8 });
    }
}
