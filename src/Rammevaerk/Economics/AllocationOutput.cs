using System.Globalization;
using System.Text;
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
        var table = new List<Row>
        {
            Spreadsheet.Row(Text("Kommune"), Text("Kommunekode"), Text(AllocationCalculator.KeyHeading(a)), Text("Andel (%)"), Text("Nøjagtig andel (kr.)"), Text("Beløb (kr.)")),
        };
        foreach (var s in r.Shares)
            table.Add(Spreadsheet.Row(Text(s.Name), Number(s.Code), Number(s.Key), Number(Math.Round(s.Percent, 10)), Number(Math.Round(s.Exact, 10)), Number(s.Amount)));
        table.Add(Spreadsheet.Row(Text("I alt"), Text(""), Number(r.KeyTotal), Number(100), Number(r.Total), Number(r.Total)));
        table.Add(Spreadsheet.Row(Text(r.RoundingNote)));

        var inputs = new List<Row> { Spreadsheet.Row(Text("Forudsætning"), Text("Værdi")) };
        foreach (var (label, text, number) in Inputs(a, r))
            inputs.Add(Spreadsheet.Row(Text(label), number is decimal n ? Number(n) : Text(text)));
        inputs.Add(Spreadsheet.Row(Text("")));
        inputs.Add(Spreadsheet.Row(Text("Deltager"), Text("Kommunekode"), Text(AllocationCalculator.KeyHeading(a))));
        foreach (var s in r.Shares) inputs.Add(Spreadsheet.Row(Text(s.Name), Number(s.Code), Number(s.Key)));
        return Spreadsheet.Workbook([("Fordeling", table), ("Forudsætninger", inputs)]);
    }

    private static Cell Text(string s) => Spreadsheet.Text(s);

    private static Cell Number(decimal v) => Spreadsheet.Number(v);

    /// <summary>Semicolon-separated, decimal comma, no thousands separators, UTF-8 with BOM.</summary>
    public static byte[] Csv(Allocation a, AllocationResult r)
    {
        static string N(decimal v) => Shared.Csv.Number(v);
        var csv = new CsvWriter();
        csv.Line("Kommune", "Kommunekode", AllocationCalculator.KeyHeading(a), "Andel (%)", "Beløb (kr.)");
        foreach (var s in r.Shares)
            csv.Line(s.Name, s.Code.ToString(CultureInfo.InvariantCulture), N(s.Key), N(Math.Round(s.Percent, 4)), N(s.Amount));
        csv.Line("I alt", "", N(r.KeyTotal), "100", N(r.Total));
        return csv.ToBytes();
    }

    /// <summary>A file name without characters that trouble browsers or file systems.</summary>
    public static string FileName(Allocation a, string extension) => Spreadsheet.FileName("Fordeling", a.Name, extension);
}
