using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics;

/// <summary>A table cell: the Danish text people read and, for numbers, the value the spreadsheets get.</summary>
public sealed record ReportCell(string Text, decimal? Number = null)
{
    public static implicit operator ReportCell(string text) => new(text);
}

/// <summary>
/// One table of a calculation: a caption, column headings (the first column names the row), body rows, footer rows
/// (totals) and an optional note under it. SheetName is its sheet in the Excel file.
/// </summary>
public sealed record ReportTable(
    string Caption,
    string SheetName,
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<ReportCell>> Rows,
    IReadOnlyList<IReadOnlyList<ReportCell>> Footer,
    string? Note = null);

/// <summary>One input of a calculation: a label and its value as text or number.</summary>
public sealed record ReportInput(string Label, string Text, decimal? Number = null);

/// <summary>
/// A computed calculation made presentable: the same report is rendered as the web page, the Markdown inserted
/// into an agenda item, the .xlsx (a sheet per table and the inputs on their own sheet) and the CSV.
/// </summary>
public sealed record CalculationReport(string Heading, IReadOnlyList<ReportTable> Tables, IReadOnlyList<string> Notes, IReadOnlyList<ReportInput> Inputs);

/// <summary>Renders a <see cref="CalculationReport"/> as Markdown, .xlsx and .csv.</summary>
public static class ReportOutput
{
    public static string Kr(decimal v, int decimals = 0) => Danish.Number(v, decimals) + " kr.";
    public static string Pct(decimal v, int decimals = 2) => Danish.Number(v, decimals) + " %";

    /// <summary>Up to <paramref name="maxDecimals"/> decimals, none shown when they are zero: "2", "2,04", "4,9".</summary>
    public static string Num(decimal v, int maxDecimals = 2) => v.ToString("#,##0." + new string('#', maxDecimals), Danish.Culture);

    public static ReportCell KrCell(decimal v, int decimals = 0) => new(Kr(v, decimals), v);
    public static ReportCell NumCell(decimal v, int maxDecimals = 2) => new(Num(v, maxDecimals), v);
    public static ReportCell PctCell(decimal v, int decimals = 2) => new(Pct(v, decimals), v);

    /// <summary>Signed difference: "+1.234 kr.", "-567 kr.", "0 kr.".</summary>
    public static ReportCell DiffCell(decimal v, int decimals = 0) => new((v > 0 ? "+" : "") + Kr(v, decimals), v);

    /// <summary>The Markdown section inserted into an agenda item's case presentation (pipe tables).</summary>
    public static string Markdown(CalculationReport report)
    {
        var sb = new StringBuilder();
        sb.Append("### ").Append(Escape(report.Heading)).Append("\n\n");
        foreach (var t in report.Tables)
        {
            sb.Append("**").Append(Escape(t.Caption)).Append("**\n\n");
            sb.Append("| ").Append(string.Join(" | ", t.Headers.Select(Escape))).Append(" |\n");
            sb.Append("|:--|").Append(string.Concat(Enumerable.Repeat("--:|", t.Headers.Count - 1))).Append('\n');
            foreach (var row in t.Rows)
                sb.Append("| ").Append(string.Join(" | ", Pad(row, t.Headers.Count).Select(c => Escape(c.Text)))).Append(" |\n");
            foreach (var row in t.Footer)
                sb.Append("| ").Append(string.Join(" | ", Pad(row, t.Headers.Count).Select(c => c.Text.Length == 0 ? "" : "**" + Escape(c.Text) + "**"))).Append(" |\n");
            sb.Append('\n');
            if (t.Note is not null) sb.Append(Escape(t.Note)).Append("\n\n");
        }
        foreach (var note in report.Notes) sb.Append(Escape(note)).Append("\n\n");
        return sb.ToString().TrimEnd() + "\n";
    }

    private static IEnumerable<ReportCell> Pad(IReadOnlyList<ReportCell> row, int count) =>
        row.Concat(Enumerable.Repeat(new ReportCell(""), Math.Max(0, count - row.Count))).Take(count);

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("*", "\\*").Replace("\r", " ").Replace("\n", " ");

    /// <summary>One sheet per table, then "Forudsætninger" with the inputs.</summary>
    public static byte[] Xlsx(CalculationReport report) =>
        Spreadsheet.Workbook(
        [
            .. report.Tables.Select(t => (t.SheetName, TableRows(t))),
            ("Forudsætninger", InputRows(report)),
        ]);

    private static IEnumerable<Row> TableRows(ReportTable t)
    {
        yield return Spreadsheet.Row(Spreadsheet.Text(t.Caption));
        yield return Spreadsheet.Row([.. t.Headers.Select(Spreadsheet.Text)]);
        foreach (var row in t.Rows.Concat(t.Footer))
            yield return Spreadsheet.Row([.. row.Select(Cell)]);
        if (t.Note is not null) yield return Spreadsheet.Row(Spreadsheet.Text(t.Note));
    }

    private static IEnumerable<Row> InputRows(CalculationReport report)
    {
        yield return Spreadsheet.Row(Spreadsheet.Text("Forudsætning"), Spreadsheet.Text("Værdi"));
        foreach (var i in report.Inputs)
            yield return Spreadsheet.Row(Spreadsheet.Text(i.Label), i.Number is decimal n ? Spreadsheet.Number(n) : Spreadsheet.Text(i.Text));
        foreach (var note in report.Notes)
            yield return Spreadsheet.Row(Spreadsheet.Text("Note"), Spreadsheet.Text(note));
    }

    private static Cell Cell(ReportCell c) => c.Number is decimal n ? Spreadsheet.Number(n) : Spreadsheet.Text(c.Text);

    /// <summary>Every table (caption line, header, rows), then the inputs; tables separated by an empty line.</summary>
    public static byte[] Csv(CalculationReport report)
    {
        var csv = new CsvWriter();
        foreach (var t in report.Tables)
        {
            csv.Line(t.Caption);
            csv.Line([.. t.Headers]);
            foreach (var row in t.Rows.Concat(t.Footer))
                csv.Line([.. row.Select(c => c.Number is decimal n ? Shared.Csv.Number(n) : c.Text)]);
            csv.Line();
        }
        csv.Line("Forudsætning", "Værdi");
        foreach (var i in report.Inputs)
            csv.Line(i.Label, i.Number is decimal n ? Shared.Csv.Number(n) : i.Text);
        return csv.ToBytes();
    }
}

/// <summary>The small pieces of writing .xlsx (OpenXML: numbers as numbers, text as inline strings, never a formula), shared by the exports.</summary>
public static class Spreadsheet
{
    /// <summary>A workbook with the given sheets in order; sheet names are made valid and unique (31 characters).</summary>
    public static byte[] Workbook(IReadOnlyList<(string Name, IEnumerable<Row> Rows)> sheets)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var list = wb.Workbook.AppendChild(new Sheets());
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var data = new SheetData();
                foreach (var row in rows) data.Append(row);
                var part = wb.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(data);
                list.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id++, Name = SheetName(name, used) });
            }
            wb.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static string SheetName(string name, HashSet<string> used)
    {
        var clean = new string(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : c).ToArray()).Trim();
        if (clean.Length == 0) clean = "Ark";
        if (clean.Length > 31) clean = clean[..31].TrimEnd();
        var candidate = clean;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return candidate;
    }

    public static Row Row(params Cell[] cells)
    {
        var row = new Row();
        row.Append(cells);
        return row;
    }

    public static Cell Text(string s) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s) { Space = SpaceProcessingModeValues.Preserve }) };

    public static Cell Number(decimal v) => new() { DataType = CellValues.Number, CellValue = new CellValue(v.ToString(CultureInfo.InvariantCulture)) };

    /// <summary>A file name without characters that trouble browsers or file systems.</summary>
    public static string FileName(string prefix, string name, string extension)
    {
        var clean = new string(name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '_').ToArray()).Trim();
        if (clean.Length == 0) clean = prefix.ToLowerInvariant();
        if (clean.Length > 80) clean = clean[..80];
        return $"{prefix} {clean}.{extension}";
    }
}
