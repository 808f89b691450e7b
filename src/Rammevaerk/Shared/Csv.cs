using System.Text;
using System.Text.RegularExpressions;

namespace Rammevaerk.Shared;

/// <summary>
/// The one CSV writer every export uses: semicolon-separated lines, CRLF, UTF-8 with BOM (what Danish Excel opens),
/// numbers with a decimal comma. A cell a spreadsheet would read as a formula is written as text (OWASP's CSV
/// injection rule): a cell whose first character, or first after spaces, is =, +, −, @, a tab, a carriage return
/// or a line feed gets a leading apostrophe. Numbers written by <see cref="Number"/> are numbers, not formulas, and are
/// left alone. Cells with a separator, a quote or a line break are quoted, quotes doubled.
/// </summary>
public sealed partial class CsvWriter
{
    private readonly StringBuilder sb = new();

    public CsvWriter Line(params string?[] cells)
    {
        sb.AppendJoin(';', cells.Select(c => Csv.Cell(c ?? ""))).Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
}

public static partial class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\n', '\u2212'];

    /// <summary>Decimal comma, no thousands separators, at most 10 decimals: "2422,5", "-3".</summary>
    public static string Number(decimal v) => Math.Round(v, 10).ToString("0.##########", Danish.Culture);

    /// <summary>One cell as written: escaped against formulas, then quoted when it needs it.</summary>
    public static string Cell(string text)
    {
        var safe = IsFormula(text) ? "'" + text : text;
        return safe.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
    }

    /// <summary>Whether a spreadsheet would read the cell as a formula (a plain number such as "-3" or "-2,5" it reads as a number).</summary>
    public static bool IsFormula(string text)
    {
        var start = text.TrimStart(' ');
        if (start.Length == 0 || Array.IndexOf(FormulaStarts, start[0]) < 0 && Array.IndexOf(FormulaStarts, text[0]) < 0) return false;
        return !PlainNumber().IsMatch(text);
    }

    /// <summary>
    /// A cell read back from a file this writer made: the apostrophe it put before a formula-like cell is taken off,
    /// so an export can be uploaded again unchanged.
    /// </summary>
    public static string Unescape(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && IsFormula(cell[1..]) ? cell[1..] : cell;

    [GeneratedRegex(@"^[-+]?\d+(,\d+)?$")]
    private static partial Regex PlainNumber();
}
