using System.Globalization;
using System.Text.RegularExpressions;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// Rebuilds a table that reached the text flattened, one cell a line with empty cells mostly dropped (seed 001's
/// Tabel 1–3). The header is the cells before the first row label that is followed by a number; a row is a label and
/// the numbers after it. A row as wide as the header is certain. A shorter row is certain only when a total row
/// ("I alt", "Total", "Samlet") settles it: with every other row full, the columns where the total equals the sum of
/// the others are the short row's empty cells, and its numbers must fill the rest in order. Anything else is not
/// rebuilt (the caller keeps the lines and asks the secretariat). Pure.
/// </summary>
public static partial class FlattenedTables
{
    /// <summary>The Markdown pipe table, or null when the width of some row cannot be known.</summary>
    /// <param name="cells">The cells in order; "" for a cell the text kept as an empty line.</param>
    public static IReadOnlyList<string>? Rebuild(IReadOnlyList<string> cells)
    {
        int h = -1;
        for (int i = 2; i + 1 < cells.Count; i++)
        {
            if (IsLabel(cells[i]) && IsNumber(cells[i + 1]))
            {
                h = i;
                break;
            }
        }
        if (h < 0) return null;
        var header = cells.Take(h).ToList();
        var rows = new List<List<string>>();
        foreach (var cell in cells.Skip(h))
        {
            if (IsLabel(cell)) rows.Add([cell]);
            else if (rows.Count > 0) rows[^1].Add(cell);
        }
        if (rows.Count == 0) return null;

        int width = rows.Max(r => r.Count);
        if (header.Count + 1 == width) header.Insert(0, "");
        if (header.Count != width || rows.Any(r => r.Skip(1).Any(c => c.Length > 0 && !IsNumber(c)))) return null;

        var shortRows = rows.Where(r => r.Count < width).ToList();
        if (shortRows.Count > 0 && !SettleByTotal(rows, shortRows, width)) return null;

        string Row(IEnumerable<string> r) => "| " + string.Join(" | ", r.Select(Escape)) + " |";
        var table = new List<string> { Row(header), Row(Enumerable.Repeat("---", width)) };
        table.AddRange(rows.Select(Row));
        return table;
    }

    /// <summary>Fills the one short row from the total row, or says it cannot.</summary>
    private static bool SettleByTotal(List<List<string>> rows, List<List<string>> shortRows, int width)
    {
        if (shortRows.Count != 1) return false;
        var total = rows.FirstOrDefault(r => TotalLabel().IsMatch(r[0]) && r.Count == width);
        var shortRow = shortRows[0];
        if (total is null || total == shortRow) return false;
        var known = shortRow.Skip(1).Where(c => c.Length > 0).Select(Value).ToList();
        if (known.Any(v => v is null)) return false;
        var filled = new List<string> { shortRow[0] };
        int next = 0;
        for (int col = 1; col < width; col++)
        {
            decimal? sum = Value(total[col]);
            if (sum is null) return false;
            decimal others = 0;
            foreach (var r in rows.Where(r => r != total && r != shortRow))
            {
                if (Value(r[col]) is { } v) others += v;
                else if (r[col].Length > 0) return false;
            }
            decimal rest = sum.Value - others;
            if (rest == 0)
            {
                filled.Add("");
            }
            else if (next < known.Count && known[next] == rest)
            {
                filled.Add(shortRow.Skip(1).Where(c => c.Length > 0).ElementAt(next));
                next++;
            }
            else
            {
                return false;
            }
        }
        if (next != known.Count) return false;
        shortRow.Clear();
        shortRow.AddRange(filled);
        return true;
    }

    public static bool IsNumber(string cell) => cell.Length > 0 && Number().IsMatch(cell.Trim());

    private static bool IsLabel(string cell) => cell.Trim().Length > 0 && !IsNumber(cell) && cell.Any(char.IsLetter);

    /// <summary>The value of a da-DK number ("413.500", "4,9", "2024*"); null when it is none.</summary>
    private static decimal? Value(string cell)
    {
        string s = cell.Trim().TrimEnd('*', '%', ' ').Replace(".", "").Replace(',', '.');
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|");

    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3})*(,\d+)?\s*%?\**$|^-?\d+(,\d+)?\s*%?\**$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^(I alt|Total|Samlet|Sum)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TotalLabel();
}
