using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rammevaerk.Economics.Calculations;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics;

/// <summary>
/// An allocation's table as text and files: da-DK numbers for people (Markdown for agenda items), an .xlsx with
/// real numeric cells and a CSV that Danish Excel opens (semicolons, decimal comma, UTF-8 with BOM).
/// </summary>
public static class AllocationOutput
{
    public static string Kr(decimal v) => Danish.Number(v) + " kr.";
    public static string Key(decimal v) => Danish.Number(v, v == decimal.Truncate(v) ? 0 : 2);
    public static string Pct(decimal v) => Danish.Number(v, 2) + " %";

    /// <summary>"2 kr." / "2,5 kr." / "869.500 kr." — the amount as entered.</summary>
    public static string AmountText(Allocation a) =>
        a.Mode == AllocationMode.PerCitizen
            ? Danish.Number(a.Amount, a.Amount == decimal.Truncate(a.Amount) ? 0 : 2) + " kr. pr. indbygger"
            : Kr(a.Amount);

    /// <summary>The Markdown section inserted into an agenda item's case presentation.</summary>
    public static string Markdown(Allocation a, AllocationResult r)
    {
        var sb = new StringBuilder();
        sb.Append("### Fordeling: ").Append(Escape(a.Name)).Append("\n\n");
        sb.Append("| Kommune | ").Append(AllocationCalculator.KeyHeading(a)).Append(" | Andel | Beløb |\n");
        sb.Append("|:--|--:|--:|--:|\n");
        foreach (var s in r.Shares)
            sb.Append("| ").Append(Escape(s.Name)).Append(" | ").Append(Key(s.Key)).Append(" | ").Append(Pct(s.Percent)).Append(" | ").Append(Kr(s.Amount)).Append(" |\n");
        sb.Append("| **I alt** | **").Append(Key(r.KeyTotal)).Append("** | **100,00 %** | **").Append(Kr(r.Total)).Append("** |\n\n");
        sb.Append(Escape(r.RoundingNote)).Append('\n');
        return sb.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    /// <summary>The inputs as label/value pairs, for the exports' second sheet.</summary>
    public static IReadOnlyList<(string Label, string Text, decimal? Number)> Inputs(Allocation a, AllocationResult r) =>
    [
        ("Navn", a.Name, null),
        ("Beskrivelse", a.Description ?? "", null),
        ("Beløbstype", AllocationCalculator.ModeText(a.Mode), null),
        (a.Mode == AllocationMode.PerCitizen ? "Beløb pr. indbygger (kr.)" : "Samlet beløb (kr.)", "", a.Amount),
        ("Fordelingsnøgle", a.ReferenceYear is int y ? $"Befolkning 1. januar {y}" : "Indtastede vægte", null),
        ("Referenceår", "", a.ReferenceYear),
        ("Afrunding", AllocationCalculator.RoundingText(a.Rounding), null),
        ("Antal deltagere", "", r.Shares.Count),
        ("Deltagere", string.Join(", ", r.Shares.Select(s => s.Name)), null),
        ("Total (kr.)", "", r.Total),
        ("Afrunding forklaret", r.RoundingNote, null),
    ];

    public static byte[] Xlsx(Allocation a, AllocationResult r)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var sheets = wb.Workbook.AppendChild(new Sheets());

            var table = new SheetData();
            table.Append(Row(Text("Kommune"), Text("Kommunekode"), Text(AllocationCalculator.KeyHeading(a)), Text("Andel (%)"), Text("Nøjagtig andel (kr.)"), Text("Beløb (kr.)")));
            foreach (var s in r.Shares)
                table.Append(Row(Text(s.Name), Number(s.Code), Number(s.Key), Number(Math.Round(s.Percent, 10)), Number(Math.Round(s.Exact, 10)), Number(s.Amount)));
            table.Append(Row(Text("I alt"), Text(""), Number(r.KeyTotal), Number(100), Number(r.Total), Number(r.Total)));
            table.Append(Row(Text(r.RoundingNote)));
            AddSheet(wb, sheets, 1, "Fordeling", table);

            var inputs = new SheetData();
            inputs.Append(Row(Text("Forudsætning"), Text("Værdi")));
            foreach (var (label, text, number) in Inputs(a, r))
                inputs.Append(Row(Text(label), number is decimal n ? Number(n) : Text(text)));
            inputs.Append(Row(Text("")));
            inputs.Append(Row(Text("Deltager"), Text("Kommunekode"), Text(AllocationCalculator.KeyHeading(a))));
            foreach (var s in r.Shares) inputs.Append(Row(Text(s.Name), Number(s.Code), Number(s.Key)));
            AddSheet(wb, sheets, 2, "Forudsætninger", inputs);

            wb.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart wb, Sheets sheets, uint id, string name, SheetData data)
    {
        var part = wb.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(data);
        sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Row Row(params Cell[] cells)
    {
        var row = new Row();
        row.Append(cells);
        return row;
    }

    private static Cell Text(string s) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s) { Space = SpaceProcessingModeValues.Preserve }) };

    private static Cell Number(decimal v) => new() { DataType = CellValues.Number, CellValue = new CellValue(v.ToString(CultureInfo.InvariantCulture)) };

    /// <summary>Semicolon-separated, decimal comma, no thousands separators, UTF-8 with BOM.</summary>
    public static byte[] Csv(Allocation a, AllocationResult r)
    {
        static string N(decimal v) => v.ToString("0.##########", Danish.Culture);
        static string Q(string s) => s.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        var sb = new StringBuilder();
        sb.Append("Kommune;Kommunekode;").Append(Q(AllocationCalculator.KeyHeading(a))).Append(";Andel (%);Beløb (kr.)\r\n");
        foreach (var s in r.Shares)
            sb.Append(Q(s.Name)).Append(';').Append(s.Code).Append(';').Append(N(s.Key)).Append(';').Append(N(Math.Round(s.Percent, 4))).Append(';').Append(N(s.Amount)).Append("\r\n");
        sb.Append("I alt;;").Append(N(r.KeyTotal)).Append(";100;").Append(N(r.Total)).Append("\r\n");
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        return [.. Encoding.UTF8.GetPreamble(), .. body];
    }

    /// <summary>A file name without characters that trouble browsers or file systems.</summary>
    public static string FileName(Allocation a, string extension)
    {
        var clean = new string(a.Name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '_').ToArray()).Trim();
        if (clean.Length == 0) clean = "fordeling";
        if (clean.Length > 80) clean = clean[..80];
        return $"Fordeling {clean}.{extension}";
    }
}
