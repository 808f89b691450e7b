using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Rammevaerk.Economics;
using Rammevaerk.Reporting.Workbook;

namespace Rammevaerk.Statistics;

/// <summary>The values read from an upload, or the Danish problems that refuse it (then nothing is saved).</summary>
public sealed record DatasetFileResult(List<DatasetValue> Values, List<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// A dataset's values as a file and back: one column per dimension and one for the measure, headed by their names
/// (in any order). Reads .xlsx (first sheet, via OpenXml) and CSV (UTF-8, semicolon or comma, Danish numbers:
/// "1.234,5"); writes both in the same shape, so an export can be edited and uploaded again. Pure.
/// </summary>
public static partial class DatasetFile
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 20_000;
    public const int MaxProblems = 20;

    /// <summary>The columns a file must have, in the dataset's order: dimensions, then the measure.</summary>
    public static List<string> Columns(Dataset d) =>
        new[] { d.Dimension1, d.Dimension2, d.Dimension3 }.OfType<string>().Append(d.MeasureName).ToList();

    /// <summary>Reads an upload by its name's extension and its first bytes.</summary>
    public static DatasetFileResult Read(Dataset d, string fileName, byte[] bytes)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (bytes.Length == 0) return Fail("Filen er tom.");
        if (bytes.Length > MaxBytes) return Fail($"Filen er for stor (højst {MaxBytes / 1024 / 1024} MB).");
        var isZip = bytes.Length >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04;
        if (ext == ".xlsx")
        {
            if (!isZip) return Fail("Filen er ikke et Excel-regneark (.xlsx). Gem den som 'Excel-projektmappe (*.xlsx)' eller som CSV (UTF-8).");
            if (UploadInspector.Check(bytes, bytes.Length, WorkbookLimits.Default with { MaxUploadBytes = MaxBytes }) is string refused) return Fail(refused);
            return ReadXlsx(d, bytes);
        }
        if (ext is ".csv" or ".txt")
        {
            if (isZip || bytes.AsSpan().IndexOf((byte)0) >= 0) return Fail("Filen er ikke en tekstfil (CSV). Gem den som 'CSV UTF-8 (kommasepareret)'.");
            string text;
            try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
            catch (DecoderFallbackException) { return Fail("Filen er ikke gemt som UTF-8. Gem den som 'CSV UTF-8 (kommasepareret)'."); }
            return ReadCsv(d, text);
        }
        return Fail("Vælg en Excel-fil (.xlsx) eller en CSV-fil (.csv).");
    }

    private static DatasetFileResult Fail(string message) => new([], [message]);

    public static DatasetFileResult ReadCsv(Dataset d, string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var headerLine = lines.FirstOrDefault() ?? "";
        var separator = headerLine.Contains(';') ? ';' : ',';
        var rows = new List<(int Number, List<string?> Cells)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            rows.Add((i + 1, SplitCsv(lines[i], separator).Select(c => (string?)Shared.Csv.Unescape(c)).ToList()));
        }
        return ReadRows(d, rows, numberCells: null);
    }

    private static List<string> SplitCsv(string line, char separator) => Shared.CsvLine.Split(line, separator);

    public static DatasetFileResult ReadXlsx(Dataset d, byte[] bytes)
    {
        try
        {
            using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
            var workbook = doc.WorkbookPart ?? throw new InvalidDataException();
            var shared = SheetCells.SharedStrings(workbook);
            var (sheets, _) = SheetCells.Sheets(workbook);
            if (sheets.Count == 0 || sheets[0].Id is not string sheetId) return Fail("Regnearket har ingen ark.");
            var part = (WorksheetPart)workbook.GetPartById(sheetId);
            var rows = new List<(int Number, List<string?> Cells)>();
            var numbers = new HashSet<(int Row, int Column)>();
            var uncalculated = new List<string>();
            foreach (var raw in SheetCells.Rows(part, shared))
            {
                if (raw.IsBlank) continue;
                if (rows.Count > MaxRows) break;
                uncalculated.AddRange(raw.Cells.Values.Where(c => c is { Kind: CellKind.Empty, Formula: not null })
                    .Select(c => $"Cellen {c.Reference} indeholder en formel (={(c.Formula!.Length > 40 ? c.Formula[..40] + "…" : c.Formula)}) uden en beregnet værdi."));
                var width = raw.Cells.Count == 0 ? 0 : raw.Cells.Keys.Max();
                var cells = new List<string?>();
                for (var c = 1; c <= width; c++)
                {
                    var cell = raw[c];
                    cells.Add(cell?.Text);
                    if (cell is { Kind: CellKind.Number }) numbers.Add((raw.Number, c - 1));
                }
                rows.Add((raw.Number, cells));
            }
            if (uncalculated.Count > 0)
            {
                // Never read as empty: the program that saved the file did not work the formulas out.
                return new([], [.. uncalculated.Take(MaxProblems),
                    "Regnearket er gemt af et program, der ikke har regnet formlerne ud. Skriv tallene direkte i cellerne – eller åbn filen i Excel, og gem den igen."]);
            }
            return ReadRows(d, rows, numbers);
        }
        catch (Exception e) when (e is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.Xml.XmlException or InvalidOperationException or ArgumentException)
        {
            return Fail("Regnearket kan ikke læses. Gem det igen som 'Excel-projektmappe (*.xlsx)'.");
        }
    }

    /// <summary>
    /// The shared rules: the first row names the columns (each dimension and the measure exactly once, nothing
    /// else); every later row needs every key and a number, and no key combination may come twice.
    /// <paramref name="numberCells"/> marks cells stored as numbers in a workbook (read invariant), others are Danish text.
    /// </summary>
    private static DatasetFileResult ReadRows(Dataset d, List<(int Number, List<string?> Cells)> rows, HashSet<(int Row, int Column)>? numberCells)
    {
        var problems = new List<string>();
        if (rows.Count == 0) return Fail("Filen har ingen rækker. Første række skal være kolonneoverskrifterne: " + string.Join(", ", Columns(d).Select(Q)) + ".");
        if (rows.Count > MaxRows + 1) return Fail($"Filen har for mange rækker (højst {MaxRows:N0}).".Replace(",", "."));

        var expected = Columns(d);
        var header = rows[0].Cells.Select(c => c?.Trim() ?? "").ToList();
        var positions = new int[expected.Count];
        for (var i = 0; i < expected.Count; i++)
        {
            var at = header.FindIndex(h => string.Equals(h, expected[i], StringComparison.OrdinalIgnoreCase));
            positions[i] = at;
            if (at < 0) problems.Add($"Kolonnen {Q(expected[i])} mangler i første række. Overskrifterne skal være: {string.Join(", ", expected.Select(Q))}.");
        }
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Length == 0) continue;
            if (!expected.Contains(header[i], StringComparer.OrdinalIgnoreCase))
                problems.Add($"Kolonnen {Q(header[i])} ({Letter(i)}1) hører ikke til datasættet. Overskrifterne skal være: {string.Join(", ", expected.Select(Q))}.");
            else if (header.FindIndex(h => string.Equals(h, header[i], StringComparison.OrdinalIgnoreCase)) != i)
                problems.Add($"Kolonnen {Q(header[i])} står to gange i første række ({Letter(i)}1).");
        }
        if (problems.Count > 0) return new([], problems);

        var dims = expected.Count - 1;
        var seen = new Dictionary<(string, string?, string?), int>();
        var values = new List<DatasetValue>();
        foreach (var (number, cells) in rows.Skip(1))
        {
            if (problems.Count >= MaxProblems) { problems.Add("Der er flere fejl; ret de viste og prøv igen."); break; }
            string? Cell(int i) => positions[i] < cells.Count ? cells[positions[i]]?.Trim() : null;
            var keys = new string?[3];
            var bad = false;
            for (var i = 0; i < dims; i++)
            {
                var k = Cell(i);
                if (string.IsNullOrEmpty(k)) { problems.Add($"Række {number}: cellen {Letter(positions[i])}{number} i kolonnen {Q(expected[i])} er tom. Hver række skal have en værdi for hver dimension."); bad = true; }
                else if (k.Length > 200) { problems.Add($"Række {number}: cellen {Letter(positions[i])}{number} i kolonnen {Q(expected[i])} er længere end 200 tegn."); bad = true; }
                keys[i] = k;
            }
            var measureText = Cell(dims);
            decimal value = 0;
            var m = positions[dims];
            if (string.IsNullOrEmpty(measureText)) { problems.Add($"Række {number}: cellen {Letter(m)}{number} i kolonnen {Q(expected[dims])} er tom. Skriv et tal, eller slet rækken."); bad = true; }
            else if ((numberCells?.Contains((number, m)) == true
                ? (decimal.TryParse(measureText, NumberStyles.Float, CultureInfo.InvariantCulture, out var stored) ? stored : (decimal?)null)
                : ParseDanish(measureText)) is not decimal parsed)
            {
                problems.Add($"Række {number}: cellen {Letter(m)}{number} i kolonnen {Q(expected[dims])} indeholder {Q(measureText)}, som ikke er et tal.");
                bad = true;
            }
            else if (Math.Abs(value = parsed) >= 100_000_000_000_000m) { problems.Add($"Række {number}: tallet i cellen {Letter(m)}{number} er for stort."); bad = true; }
            if (bad) continue;
            var key = (keys[0]!, keys[1], keys[2]);
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add($"Række {number}: {string.Join(", ", Enumerable.Range(0, dims).Select(i => $"{expected[i]} {Q(keys[i]!)}"))} står også i række {first}. Hver kombination må kun stå én gang.");
                continue;
            }
            seen[key] = number;
            values.Add(new DatasetValue { Key1 = keys[0]!, Key2 = keys[1], Key3 = keys[2], Value = Math.Round(value, 4) });
        }
        if (problems.Count == 0 && values.Count == 0) problems.Add("Filen har ingen rækker med tal under overskrifterne.");
        return problems.Count > 0 ? new([], problems) : new(values, []);
    }

    /// <summary>"1.234,5", "25", "-3" → the number; "1.5" (not a Danish number), "abc" → null.</summary>
    public static decimal? ParseDanish(string? text) => Shared.DanishInput.Number(text);

    private static string Q(string s) => $"«{s}»";

    private static string Letter(int zeroBased) => WorkbookLayout.ColumnLetter(zeroBased + 1);

    private static IEnumerable<string?[]> Lines(Dataset d)
    {
        var dims = Columns(d).Count - 1;
        foreach (var v in d.Values.OrderBy(v => v.Id))
            yield return new[] { v.Key1, v.Key2, v.Key3 }.Take(dims).ToArray();
    }

    public static byte[] Xlsx(Dataset d)
    {
        var rows = new List<DocumentFormat.OpenXml.Spreadsheet.Row> { Spreadsheet.Row(Columns(d).Select(Spreadsheet.Text).ToArray()) };
        var values = d.Values.OrderBy(v => v.Id).ToList();
        var keys = Lines(d).ToList();
        for (var i = 0; i < values.Count; i++)
            rows.Add(Spreadsheet.Row([.. keys[i].Select(k => Spreadsheet.Text(k ?? "")), Spreadsheet.Number(values[i].Value)]));
        return Spreadsheet.Workbook([("Data", rows)]);
    }

    /// <summary>Semicolon-separated, decimal comma, UTF-8 with BOM (what Danish Excel opens).</summary>
    public static byte[] Csv(Dataset d)
    {
        var csv = new Shared.CsvWriter();
        csv.Line([.. Columns(d)]);
        var values = d.Values.OrderBy(v => v.Id).ToList();
        var keys = Lines(d).ToList();
        for (var i = 0; i < values.Count; i++) csv.Line([.. keys[i].Select(k => k ?? ""), Shared.Csv.Number(values[i].Value)]);
        return csv.ToBytes();
    }

    public static string FileName(Dataset d, string extension) => Spreadsheet.FileName("Statistik", d.Name, extension);

    /// <summary>The pivot table as a Markdown section for an agenda item's case presentation.</summary>
    public static string Markdown(PivotTable t, string? source)
    {
        static string Esc(string s) => s.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
        var sb = new StringBuilder();
        sb.Append("### ").Append(Esc(t.Title)).Append("\n\n");
        sb.Append(Esc(t.Caption)).Append(".\n\n");
        sb.Append("| ").Append(Esc(t.RowHeading)).Append(" | ");
        foreach (var c in t.ColumnKeys) sb.Append(Esc(c)).Append(" | ");
        if (t.ColumnHeading is not null) sb.Append("I alt |");
        sb.Append("\n|:--|");
        foreach (var _ in t.ColumnKeys) sb.Append("--:|");
        if (t.ColumnHeading is not null) sb.Append("--:|");
        sb.Append('\n');
        for (var r = 0; r < t.RowKeys.Count; r++)
        {
            sb.Append("| ").Append(Esc(t.RowKeys[r])).Append(" | ");
            for (var c = 0; c < t.ColumnKeys.Count; c++) sb.Append(t.Cells[r, c] is decimal v ? PivotTable.Number(v) : "").Append(" | ");
            if (t.ColumnHeading is not null) sb.Append(PivotTable.Number(t.RowTotals[r])).Append(" |");
            sb.Append('\n');
        }
        sb.Append("| **I alt** | ");
        foreach (var total in t.ColumnTotals) sb.Append("**").Append(PivotTable.Number(total)).Append("** | ");
        if (t.ColumnHeading is not null) sb.Append("**").Append(PivotTable.Number(t.GrandTotal)).Append("** |");
        sb.Append('\n');
        if (!string.IsNullOrWhiteSpace(source)) sb.Append("\nKilde: ").Append(Esc(source)).Append('\n');
        return sb.ToString();
    }
}
