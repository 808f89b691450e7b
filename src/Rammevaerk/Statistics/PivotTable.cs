using System.Globalization;

namespace Rammevaerk.Statistics;

/// <summary>What the reader chose: which dimension (1–3) runs down the rows, which across the columns, and the key
/// of the remaining dimension to show (null = all of them added up).</summary>
public sealed record PivotChoice(int Rows, int Columns, string? Filter)
{
    /// <summary>Rows by the first dimension, columns by the last, the middle one (if any) summed.</summary>
    public static PivotChoice Default(Dataset d) => new(1, DimensionCount(d) >= 2 ? DimensionCount(d) : 0, null);

    public static int DimensionCount(Dataset d) => d.Dimension3 is not null ? 3 : d.Dimension2 is not null ? 2 : 1;

    /// <summary>The choice made valid for the dataset: unknown or clashing dimensions fall back to the default.</summary>
    public static PivotChoice For(Dataset d, int? rows, int? columns, string? filter)
    {
        var n = DimensionCount(d);
        var fallback = Default(d);
        var r = rows is int x && x >= 1 && x <= n ? x : fallback.Rows;
        var c = columns is int y && y >= 1 && y <= n && y != r ? y : (n >= 2 ? Enumerable.Range(1, n).Reverse().First(i => i != r) : 0);
        return new PivotChoice(r, c, string.IsNullOrWhiteSpace(filter) ? null : filter.Trim());
    }
}

/// <summary>
/// A dataset turned into a cross table: rows by one dimension, columns by another (or the measure alone when the
/// dataset has one dimension), the third filtered to one key or added up; row totals, column totals and the grand
/// total. Keys keep the order they first appear in (the order they were entered or uploaded), numbers in numeric
/// order. Pure.
/// </summary>
public sealed class PivotTable
{
    public required string Title { get; init; }
    public required string MeasureName { get; init; }
    public required string RowHeading { get; init; }
    /// <summary>The column dimension's name, or null when the table has the measure as its only column.</summary>
    public string? ColumnHeading { get; init; }
    /// <summary>The filtered dimension's name and the keys it can take, or null.</summary>
    public string? FilterHeading { get; init; }
    public IReadOnlyList<string> FilterKeys { get; init; } = [];
    public string? FilterKey { get; init; }
    public required IReadOnlyList<string> RowKeys { get; init; }
    public required IReadOnlyList<string> ColumnKeys { get; init; }
    /// <summary>[row, column]; null where the dataset holds no value.</summary>
    public required decimal?[,] Cells { get; init; }
    public required IReadOnlyList<decimal> RowTotals { get; init; }
    public required IReadOnlyList<decimal> ColumnTotals { get; init; }
    public decimal GrandTotal { get; init; }

    /// <summary>"Afsluttede forløb efter Center og År (Hjemkommune: alle)" — what the table shows, for captions and chart titles.</summary>
    public string Caption =>
        $"{MeasureName} efter {RowHeading}" + (ColumnHeading is null ? "" : $" og {ColumnHeading}")
        + (FilterHeading is null ? "" : $" ({FilterHeading}: {FilterKey ?? "alle"})");

    public static string? Key(DatasetValue v, int dimension) => dimension switch { 1 => v.Key1, 2 => v.Key2, 3 => v.Key3, _ => null };

    public static string? DimensionName(Dataset d, int dimension) => dimension switch { 1 => d.Dimension1, 2 => d.Dimension2, 3 => d.Dimension3, _ => null };

    public static PivotTable Build(Dataset d, PivotChoice choice)
    {
        var n = PivotChoice.DimensionCount(d);
        var filterDimension = n == 3 ? 6 - choice.Rows - choice.Columns : 0;
        var values = d.Values.OrderBy(v => v.Id).ToList();
        var filterKeys = filterDimension == 0 ? [] : Distinct(values.Select(v => Key(v, filterDimension)));
        var filter = choice.Filter is string f && filterKeys.Contains(f) ? f : null;
        var shown = filter is null ? values : values.Where(v => Key(v, filterDimension) == filter).ToList();

        var rowKeys = Distinct(values.Select(v => Key(v, choice.Rows)));
        var columnKeys = choice.Columns == 0 ? [d.MeasureName] : Distinct(values.Select(v => Key(v, choice.Columns)));
        var rowIndex = rowKeys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var columnIndex = columnKeys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var cells = new decimal?[rowKeys.Count, columnKeys.Count];
        foreach (var v in shown)
        {
            var r = rowIndex[Key(v, choice.Rows) ?? ""];
            var c = choice.Columns == 0 ? 0 : columnIndex[Key(v, choice.Columns) ?? ""];
            cells[r, c] = (cells[r, c] ?? 0) + v.Value;
        }
        var rowTotals = Enumerable.Range(0, rowKeys.Count).Select(r => Enumerable.Range(0, columnKeys.Count).Sum(c => cells[r, c] ?? 0)).ToList();
        var columnTotals = Enumerable.Range(0, columnKeys.Count).Select(c => Enumerable.Range(0, rowKeys.Count).Sum(r => cells[r, c] ?? 0)).ToList();
        return new PivotTable
        {
            Title = d.Name,
            MeasureName = d.MeasureName,
            RowHeading = DimensionName(d, choice.Rows) ?? "",
            ColumnHeading = choice.Columns == 0 ? null : DimensionName(d, choice.Columns),
            FilterHeading = filterDimension == 0 ? null : DimensionName(d, filterDimension),
            FilterKeys = filterKeys,
            FilterKey = filter,
            RowKeys = rowKeys,
            ColumnKeys = columnKeys,
            Cells = cells,
            RowTotals = rowTotals,
            ColumnTotals = columnTotals,
            GrandTotal = rowTotals.Sum(),
        };
    }

    /// <summary>Keys in the order they first appear; when every key is a whole number (years), in numeric order.</summary>
    private static List<string> Distinct(IEnumerable<string?> keys)
    {
        var list = keys.Select(k => k ?? "").Distinct(StringComparer.Ordinal).ToList();
        return list.All(k => long.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            ? list.OrderBy(k => long.Parse(k, CultureInfo.InvariantCulture)).ToList()
            : list;
    }

    /// <summary>A measure value in da-DK: "1.234" or "12,5".</summary>
    public static string Number(decimal v) => v.ToString("#,##0.####", CultureInfo.GetCultureInfo("da-DK"));
}
