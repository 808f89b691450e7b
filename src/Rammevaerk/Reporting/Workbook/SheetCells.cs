using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Rammevaerk.Reporting.Workbook;

internal enum CellKind
{
    Empty,
    Number,
    Text,
    Boolean,
    Error,
    IsoDate,
}

/// <summary>
/// One cell as stored: its kind, its text (shared strings resolved; a number's invariant digits) and, when the cell
/// holds a formula, the formula (the text is then the value Excel last calculated, if any).
/// </summary>
internal readonly record struct RawCell(int Column, int Row, CellKind Kind, string Text, string? Formula)
{
    /// <summary>"P7".</summary>
    public string Reference => WorkbookLayout.ColumnLetter(Column) + Row.ToString(CultureInfo.InvariantCulture);

    /// <summary>Nothing in it. A formula without a calculated value is not blank: it is read as an error, never as empty.</summary>
    public bool IsBlank => Formula is null && (Kind == CellKind.Empty || (Kind == CellKind.Text && string.IsNullOrWhiteSpace(Text)));
}

/// <summary>A row of a sheet: its number and its non-empty cells by column.</summary>
internal sealed record RawRow(int Number, Dictionary<int, RawCell> Cells)
{
    public RawCell? this[int column] => Cells.TryGetValue(column, out var c) && !c.IsBlank ? c : null;

    public bool IsBlank => Cells.Values.All(c => c.IsBlank);
}

/// <summary>
/// Streams a worksheet's rows with OpenXmlReader (SAX): only one row is ever loaded as elements, so a sheet with a
/// hundred thousand rows can be refused after its first few thousand without holding the rest.
/// </summary>
internal static class SheetCells
{
    public static List<string> SharedStrings(WorkbookPart workbook)
    {
        var result = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return result;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                result.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
            }
        }
        return result;
    }

    private static string TextOf(OpenXmlElement item)
    {
        // Plain text (t) or rich-text runs (r/t); phonetic hints (rPh) are not part of the value.
        if (item.GetFirstChild<Text>() is { } t) return t.Text;
        return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));
    }

    /// <summary>The workbook's sheets (name and relationship id) and whether it counts dates from 1904, read without loading the workbook part as elements.</summary>
    public static (List<(string Name, string? Id)> Sheets, bool Date1904) Sheets(WorkbookPart workbook)
    {
        var sheets = new List<(string Name, string? Id)>();
        var date1904 = false;
        using var reader = OpenXmlReader.Create(workbook);
        while (reader.Read())
        {
            if (!reader.IsStartElement) continue;
            if (reader.ElementType == typeof(Sheet))
            {
                var sheet = (Sheet)reader.LoadCurrentElement()!;
                sheets.Add((sheet.Name?.Value ?? "", sheet.Id?.Value));
            }
            else if (reader.ElementType == typeof(WorkbookProperties))
            {
                date1904 = ((WorkbookProperties)reader.LoadCurrentElement()!).Date1904?.Value == true;
            }
        }
        return (sheets, date1904);
    }

    public static IEnumerable<RawRow> Rows(WorksheetPart part, IReadOnlyList<string> sharedStrings)
    {
        using var reader = OpenXmlReader.Create(part);
        var previous = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is uint r and > 0 ? (int)r : previous + 1;
            previous = number;
            var cells = new Dictionary<int, RawCell>();
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var parsed = WorkbookLayout.ParseReference(cell.CellReference?.Value);
                column = parsed?.Column ?? column + 1;
                var raw = Read(cell, column, number, sharedStrings);
                if (raw.Kind != CellKind.Empty || raw.Formula is not null) cells[column] = raw;
            }
            yield return new RawRow(number, cells);
        }
    }

    private static RawCell Read(Cell cell, int column, int reference, IReadOnlyList<string> sharedStrings)
    {
        var formula = cell.CellFormula is { } f ? f.Text ?? "" : null;
        var type = cell.DataType?.Value;
        var value = cell.CellValue?.Text;
        if (type == CellValues.InlineString)
        {
            var text = cell.InlineString is { } inline ? TextOf(inline) : value ?? "";
            return new RawCell(column, reference, CellKind.Text, text, formula);
        }
        if (value is null) return new RawCell(column, reference, CellKind.Empty, "", formula);
        if (type == CellValues.SharedString)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= sharedStrings.Count)
            {
                throw new InvalidDataException($"Shared string {value} in row {reference} does not exist");
            }
            return new RawCell(column, reference, CellKind.Text, sharedStrings[index], formula);
        }
        if (type == CellValues.String) return new RawCell(column, reference, CellKind.Text, value, formula);
        if (type == CellValues.Boolean) return new RawCell(column, reference, CellKind.Boolean, value.Trim() is "1" or "true" ? "1" : "0", formula);
        if (type == CellValues.Error) return new RawCell(column, reference, CellKind.Error, value, formula);
        if (type == CellValues.Date) return new RawCell(column, reference, CellKind.IsoDate, value, formula);
        return value.Length == 0
            ? new RawCell(column, reference, CellKind.Empty, "", formula)
            : new RawCell(column, reference, CellKind.Number, value.Trim(), formula);
    }
}
