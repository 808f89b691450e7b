using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rammevaerk.Offers;
using Rammevaerk.Shared;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace Rammevaerk.Reporting.Workbook;

/// <summary>Writes the pre-filled workbook (see <see cref="ReportWorkbook.Write"/>).</summary>
internal static class WorkbookWriter
{
    // Cell formats (indexes into cellXfs, in the order Stylesheet() adds them).
    private const uint StyleDefault = 0;
    private const uint StyleHeader = 1;
    private const uint StyleText = 2;
    private const uint StyleWhole = 3;       // "0": ids and years
    private const uint StyleCount = 4;       // "#,##0": places, citizens
    private const uint StyleMoney = 5;       // "#,##0.00": rates
    private const uint StyleHours = 6;       // "#,##0.0#": service level
    private const uint StyleDate = 7;        // "dd-mm-yyyy"
    private const uint StyleGreyWhole = 8;
    private const uint StyleGreyMoney = 9;
    private const uint StyleTitle = 10;
    private const uint StyleBold = 11;
    private const uint StyleWrap = 12;
    private const uint StyleGreyHeader = 13;

    public static void Write(Stream output, WorkbookHeader header, IReadOnlyList<OfferSnapshot> offers, WorkbookLists lists)
    {
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new X.Workbook();
        var styles = wb.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheets = wb.Workbook.AppendChild(new Sheets());

        AddSheet(wb, sheets, 1, WorkbookLayout.GuideSheet, GuideSheet(header));
        AddSheet(wb, sheets, 2, WorkbookLayout.OfferSheet, OfferSheet(header, offers, lists));
        AddSheet(wb, sheets, 3, WorkbookLayout.BuyerSheet, BuyerSheet(offers, lists));
        AddSheet(wb, sheets, 4, WorkbookLayout.ListSheet, ListSheet(lists));
        wb.Workbook.Save();
    }

    private static void AddSheet(WorkbookPart wb, Sheets sheets, uint id, string name, Worksheet worksheet)
    {
        var part = wb.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Worksheet GuideSheet(WorkbookHeader header)
    {
        var rows = new SheetData();
        uint r = 0;
        void Line(string text, uint style = StyleWrap) => rows.Append(Row(++r, Text(1, r, text, style)));
        void Blank() => r++;

        Line($"Årlig indberetning {header.Year} – {header.OperatorName}", StyleTitle);
        Line($"{header.Region} · Fælleskommunalt Socialsekretariat");
        Line($"Frist for indberetning: {header.Deadline.ToString("dddd 'd.' d. MMMM yyyy", Danish.Culture)}", StyleBold);
        Blank();
        Line("Sekretariatets vejledning", StyleBold);
        var instructions = string.IsNullOrWhiteSpace(header.Instructions) ? "(Sekretariatet har ingen særlige bemærkninger til denne indberetning.)" : header.Instructions.Trim();
        foreach (var paragraph in instructions.Replace("\r\n", "\n").Split('\n'))
        {
            Line(paragraph);
        }
        Blank();
        Line("Sådan udfylder du regnearket", StyleBold);
        foreach (var step in HowTo(header))
        {
            Line("• " + step);
        }
        Blank();
        Line(WorkbookLayout.MetadataHeading, StyleBold);
        void Meta(string label, Cell value) { r++; rows.Append(Row(r, Text(1, r, label), value)); }
        Meta(WorkbookLayout.VersionLabel, Text(2, r + 1, WorkbookHeader.TemplateVersion));
        Meta(WorkbookLayout.RoundLabel, Number(2, r + 1, header.RoundId, StyleWhole));
        Meta(WorkbookLayout.OperatorIdLabel, Number(2, r + 1, header.OperatorId, StyleWhole));
        Meta(WorkbookLayout.OperatorNameLabel, Text(2, r + 1, header.OperatorName));
        Meta(WorkbookLayout.YearLabel, Number(2, r + 1, header.Year, StyleWhole));
        Meta(WorkbookLayout.RegionLabel, Text(2, r + 1, header.Region));

        return new Worksheet(
            new Columns(
                new Column { Min = 1, Max = 1, Width = 120, CustomWidth = true },
                new Column { Min = 2, Max = 2, Width = 28, CustomWidth = true }),
            rows);
    }

    private static IEnumerable<string> HowTo(WorkbookHeader header)
    {
        var limits = WorkbookLimits.Default;
        yield return "Arket 'Tilbud' har én række pr. ydelse. Tilbuddets felter (navn, adresse, status …) står på hver række for samme tilbud; ret dem ens på alle rækkerne.";
        yield return "Ret tal, datoer og tekster direkte i cellerne. Skriv tal som tal (fx 2.422,50 eller 8,4) og datoer som datoer (fx 01-03-2026) – ikke som formler.";
        yield return "Nyt tilbud: udfyld en tom række under de andre og lad Tilbud-id og Ydelse-id stå tomme. Har det nye tilbud flere ydelser, så brug en række pr. ydelse med samme tilbudsnavn.";
        yield return "Ny ydelse i et tilbud, der allerede står i arket: indsæt en række med tilbuddets Tilbud-id og lad Ydelse-id stå tom.";
        yield return "De grå kolonner (Tilbud-id, Ydelse-id, Sidste års takst) kommer fra registeret og må ikke ændres.";
        yield return "Paragraf og Målgruppe: vælg på listen. Flere adskilles med semikolon, fx 'SEL § 107; SEL § 85'.";
        yield return "Status, Takstenhed og Omfattet af rammeaftalen (Ja/Nej): vælg på listen.";
        yield return "Ændres taksten mærkbart i forhold til sidste års takst, så skriv hvorfor i kolonnen 'Begrundelse for takstændring'. Kommentarer til advarsler skrives i 'Bemærkning'.";
        yield return "Arket 'Køberkommuner': én række pr. kommune med borgere i tilbuddet – Tilbud-id (eller navnet på et nyt tilbud), kommunens navn og antal borgere.";
        yield return $"Tilføj ikke nye ark, og flyt eller slet ikke kolonner. Filen må højst fylde {limits.MaxUploadBytes / (1024 * 1024)} MB, og arket 'Tilbud' må højst have {limits.MaxOfferRows.ToString("N0", Danish.Culture)} rækker.";
        yield return $"Gem som Excel-projektmappe (.xlsx) uden adgangskode, og upload filen under indberetningen for {header.Year}. Eventuelle fejl vises med ark og celle.";
    }

    private static Worksheet OfferSheet(WorkbookHeader header, IReadOnlyList<OfferSnapshot> offers, WorkbookLists lists)
    {
        var rows = new SheetData();
        rows.Append(HeaderRow(WorkbookLayout.OfferColumns));
        uint r = 1;
        foreach (var offer in offers)
        {
            var lastYear = offer.OfferId is { } oid ? header.LastYear.GetValueOrDefault(oid) : null;
            var departments = offer.Departments.Count > 0 ? offer.Departments : [null!];
            foreach (var department in departments)
            {
                var services = department is { Services.Count: > 0 } ? department.Services : [null!];
                foreach (var service in services)
                {
                    r++;
                    var row = new Row { RowIndex = r };
                    var cells = new List<Cell>();
                    void Add(Cell? c) { if (c is not null) cells.Add(c); }
                    Add(Int(WorkbookLayout.OfferId, r, offer.OfferId, StyleGreyWhole));
                    Add(Str(WorkbookLayout.Name, r, offer.Name));
                    Add(Str(WorkbookLayout.Address, r, offer.Address));
                    Add(Str(WorkbookLayout.PostalCode, r, offer.PostalCode));
                    Add(Str(WorkbookLayout.City, r, offer.City));
                    Add(Str(WorkbookLayout.PortalId, r, offer.PortalId));
                    Add(Str(WorkbookLayout.Status, r, OfferNames.Status(offer.Status)));
                    Add(DateCell(WorkbookLayout.StatusSince, r, offer.StatusSince));
                    Add(DateCell(WorkbookLayout.ClosingDate, r, offer.ClosingDate));
                    if (department is not null)
                    {
                        Add(Str(WorkbookLayout.DepartmentKey, r, department.PortalKey));
                        Add(Str(WorkbookLayout.Department, r, department.Name));
                    }
                    if (service is not null)
                    {
                        Add(Int(WorkbookLayout.ServiceId, r, service.ServiceId, StyleGreyWhole));
                        Add(Str(WorkbookLayout.ServiceName, r, service.Name));
                        Add(Str(WorkbookLayout.LegalBases, r, string.Join("; ", service.LegalBases)));
                        Add(Str(WorkbookLayout.TargetGroups, r, string.Join("; ", service.TargetGroups)));
                        Add(Int(WorkbookLayout.Places, r, service.Places, StyleCount));
                        Add(Dec(WorkbookLayout.Rate, r, service.Rate, StyleMoney));
                        Add(Str(WorkbookLayout.RateUnit, r, OfferNames.Unit(service.RateUnit)));
                        Add(Int(WorkbookLayout.RateYear, r, service.RateYear, StyleWhole));
                        Add(Dec(WorkbookLayout.ServiceLevel, r, service.ServiceLevelHours, StyleHours));
                        Add(Str(WorkbookLayout.Covered, r, service.CoveredByAgreement ? WorkbookLayout.Yes : WorkbookLayout.No));
                        var previous = service.ServiceId is { } sid
                            ? lastYear?.Services.FirstOrDefault(s => s.ServiceId == sid)?.Rate
                            : null;
                        Add(Dec(WorkbookLayout.LastYearRate, r, previous, StyleGreyMoney));
                        Add(Str(WorkbookLayout.RateChangeReason, r, service.RateChangeReason));
                        Add(Str(WorkbookLayout.Comment, r, service.Comment));
                    }
                    if (department is not null)
                    {
                        Add(Int(WorkbookLayout.DepartmentId, r, department.DepartmentId, StyleGreyWhole));
                    }
                    row.Append(cells);
                    rows.Append(row);
                }
            }
        }

        var limit = WorkbookLimits.Default.MaxOfferRows + 1;
        var validations = new DataValidations();
        validations.Append(ListValidation(WorkbookLayout.Status, limit, $"{WorkbookLayout.ListSheet}!$D$2:$D${1 + Statuses.Length}", strict: true));
        validations.Append(ListValidation(WorkbookLayout.RateUnit, limit, $"{WorkbookLayout.ListSheet}!$C$2:$C${1 + Units.Length}", strict: true));
        validations.Append(ListValidation(WorkbookLayout.Covered, limit, $"{WorkbookLayout.ListSheet}!$E$2:$E$3", strict: true));
        // Several legal bases or target groups go in one cell separated by ';', so these lists only suggest.
        validations.Append(ListValidation(WorkbookLayout.LegalBases, limit, $"{WorkbookLayout.ListSheet}!$A$2:$A${1 + Math.Max(1, lists.LegalBases.Count)}", strict: false));
        validations.Append(ListValidation(WorkbookLayout.TargetGroups, limit, $"{WorkbookLayout.ListSheet}!$B$2:$B${1 + Math.Max(1, lists.TargetGroups.Count)}", strict: false));
        validations.Count = (uint)validations.ChildElements.Count;

        return new Worksheet(
            FrozenHeader(),
            ColumnsOf(WorkbookLayout.OfferColumns),
            rows,
            validations);
    }

    private static Worksheet BuyerSheet(IReadOnlyList<OfferSnapshot> offers, WorkbookLists lists)
    {
        var rows = new SheetData();
        rows.Append(HeaderRow(WorkbookLayout.BuyerColumns));
        uint r = 1;
        foreach (var offer in offers)
        {
            foreach (var buyer in offer.Buyers)
            {
                r++;
                var name = lists.Municipalities.GetValueOrDefault(buyer.MunicipalityCode) ?? buyer.MunicipalityName;
                var row = new Row { RowIndex = r };
                row.Append(new[]
                {
                    Int(WorkbookLayout.BuyerOfferId, r, offer.OfferId, StyleGreyWhole),
                    Str(WorkbookLayout.BuyerOfferName, r, offer.Name),
                    name is null ? Number(WorkbookLayout.BuyerMunicipality.Index, r, buyer.MunicipalityCode, StyleWhole) : Str(WorkbookLayout.BuyerMunicipality, r, name),
                    Int(WorkbookLayout.BuyerCitizens, r, buyer.Citizens, StyleCount),
                }.OfType<Cell>());
                rows.Append(row);
            }
        }
        var validations = new DataValidations(
            ListValidation(WorkbookLayout.BuyerMunicipality, WorkbookLimits.Default.MaxBuyerRows + 1,
                $"{WorkbookLayout.ListSheet}!$F$2:$F${1 + Math.Max(1, lists.Municipalities.Count)}", strict: false))
        { Count = 1 };
        return new Worksheet(FrozenHeader(), ColumnsOf(WorkbookLayout.BuyerColumns), rows, validations);
    }

    private static readonly string[] Statuses = [.. Enum.GetValues<OfferStatus>().Select(OfferNames.Status)];
    private static readonly string[] Units = [.. Enum.GetValues<RateUnit>().Select(u => OfferNames.Unit(u))];

    private static Worksheet ListSheet(WorkbookLists lists)
    {
        var municipalities = lists.Municipalities.OrderBy(m => m.Value, StringComparer.Create(Danish.Culture, false)).Select(m => m.Value).ToList();
        string[][] columns =
        [
            [.. lists.LegalBases], [.. lists.TargetGroups], Units, Statuses, [WorkbookLayout.Yes, WorkbookLayout.No], [.. municipalities],
        ];
        string[] headers = ["Paragraf", "Målgruppe", "Takstenhed", "Status", "Ja/Nej", "Kommune"];
        var rows = new SheetData();
        var headerRow = new Row { RowIndex = 1 };
        for (var c = 0; c < headers.Length; c++) headerRow.Append(Text(c + 1, 1, headers[c], StyleHeader));
        rows.Append(headerRow);
        var height = columns.Max(c => c.Length);
        for (var i = 0; i < height; i++)
        {
            var r = (uint)i + 2;
            var row = new Row { RowIndex = r };
            for (var c = 0; c < columns.Length; c++)
            {
                if (i < columns[c].Length) row.Append(Text(c + 1, r, columns[c][i]));
            }
            rows.Append(row);
        }
        return new Worksheet(
            FrozenHeader(),
            new Columns(
                new Column { Min = 1, Max = 1, Width = 14, CustomWidth = true },
                new Column { Min = 2, Max = 2, Width = 40, CustomWidth = true },
                new Column { Min = 3, Max = 5, Width = 14, CustomWidth = true },
                new Column { Min = 6, Max = 6, Width = 20, CustomWidth = true }),
            rows);
    }

    private static SheetViews FrozenHeader() => new(new SheetView(
        new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
    { WorkbookViewId = 0 });

    private static Columns ColumnsOf(IEnumerable<WorkbookColumn> columns)
    {
        var result = new Columns();
        foreach (var c in columns)
        {
            var column = new Column { Min = (uint)c.Index, Max = (uint)c.Index, Width = c.Width, CustomWidth = true };
            if (c.Hidden) column.Hidden = true;
            result.Append(column);
        }
        return result;
    }

    private static Row HeaderRow(IEnumerable<WorkbookColumn> columns)
    {
        var row = new Row { RowIndex = 1 };
        foreach (var c in columns) row.Append(Text(c.Index, 1, c.Header, c.Grey ? StyleGreyHeader : StyleHeader));
        return row;
    }

    private static DataValidation ListValidation(WorkbookColumn column, int lastRow, string range, bool strict)
    {
        var v = new DataValidation
        {
            Type = DataValidationValues.List,
            AllowBlank = true,
            ShowInputMessage = true,
            ShowErrorMessage = strict,
            ErrorStyle = strict ? DataValidationErrorStyleValues.Stop : DataValidationErrorStyleValues.Information,
            ErrorTitle = column.Header,
            Error = "Vælg en værdi på listen.",
            SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column.Letter}2:{column.Letter}{lastRow}" },
        };
        v.Append(new Formula1(range));
        return v;
    }

    private static Row Row(uint index, params Cell[] cells)
    {
        var row = new Row { RowIndex = index };
        row.Append(cells);
        return row;
    }

    private static Cell? Str(WorkbookColumn c, uint row, string? value) =>
        string.IsNullOrEmpty(value) ? null : Text(c.Index, row, value, c.Grey ? StyleGreyWhole : StyleText);

    private static Cell? Int(WorkbookColumn c, uint row, int? value, uint style) =>
        value is int v ? Number(c.Index, row, v, style) : null;

    private static Cell? Dec(WorkbookColumn c, uint row, decimal? value, uint style) =>
        value is decimal v ? Number(c.Index, row, v, style) : null;

    private static Cell? DateCell(WorkbookColumn c, uint row, DateOnly? value) =>
        value is DateOnly d ? Number(c.Index, row, (decimal)d.ToDateTime(TimeOnly.MinValue).ToOADate(), StyleDate) : null;

    private static Cell Text(int column, uint row, string text, uint style = StyleText) => new()
    {
        CellReference = WorkbookLayout.ColumnLetter(column) + row.ToString(CultureInfo.InvariantCulture),
        DataType = CellValues.InlineString,
        StyleIndex = style == StyleDefault ? null : style,
        InlineString = new InlineString(new X.Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Cell Number(int column, uint row, decimal value, uint style) => new()
    {
        CellReference = WorkbookLayout.ColumnLetter(column) + row.ToString(CultureInfo.InvariantCulture),
        StyleIndex = style,
        CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)),
    };

    private static Stylesheet Stylesheet()
    {
        var numberFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd-mm-yyyy" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0.0#" })
        { Count = 2 };
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Color { Rgb = "FF595959" }, new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Calibri" }))
        { Count = 4 };
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFEDEDED" }) { PatternType = PatternValues.Solid }))
        { Count = 4 };
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(),
                new BottomBorder(new Color { Rgb = "FF8EA9C1" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2 };

        static CellFormat Xf(uint numFmt, uint font, uint fill, uint border = 0, bool wrap = false, bool top = false)
        {
            var xf = new CellFormat { NumberFormatId = numFmt, FontId = font, FillId = fill, BorderId = border, FormatId = 0 };
            if (numFmt != 0) xf.ApplyNumberFormat = true;
            if (font != 0) xf.ApplyFont = true;
            if (fill != 0) xf.ApplyFill = true;
            if (border != 0) xf.ApplyBorder = true;
            if (wrap || top)
            {
                xf.ApplyAlignment = true;
                xf.Alignment = new Alignment { WrapText = wrap ? true : null, Vertical = top ? VerticalAlignmentValues.Top : null };
            }
            return xf;
        }

        var cellFormats = new CellFormats(
            Xf(0, 0, 0),                         // 0 default
            Xf(0, 1, 2, 1, wrap: true, top: true), // 1 header
            Xf(49, 0, 0),                        // 2 text ("@")
            Xf(1, 0, 0),                         // 3 "0"
            Xf(3, 0, 0),                         // 4 "#,##0"
            Xf(4, 0, 0),                         // 5 "#,##0.00"
            Xf(165, 0, 0),                       // 6 "#,##0.0#"
            Xf(164, 0, 0),                       // 7 "dd-mm-yyyy"
            Xf(1, 2, 3),                         // 8 grey "0"
            Xf(4, 2, 3),                         // 9 grey "#,##0.00"
            Xf(0, 3, 0),                         // 10 title
            Xf(0, 1, 0),                         // 11 bold
            Xf(0, 0, 0, wrap: true, top: true),  // 12 wrapped text
            Xf(0, 1, 3, 1, wrap: true, top: true)) // 13 grey header
        { Count = 14 };

        return new Stylesheet(
            numberFormats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
