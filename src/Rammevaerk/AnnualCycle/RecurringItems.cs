namespace Rammevaerk.AnnualCycle;

/// <summary>Months of the annual cycle.</summary>
public static class RecurringItems
{
    public static readonly string[] MonthNames =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    public static string MonthName(int month) => MonthNames[month - 1];

    /// <summary>Due in <paramref name="month"/>: its month, or within its span (a span may wrap the year, e.g. Nov–Feb).</summary>
    public static bool IsDueIn(RecurringItem item, int month)
    {
        if (item.ToMonth is not int to || to == item.Month) return item.Month == month;
        return item.Month <= to ? month >= item.Month && month <= to : month >= item.Month || month <= to;
    }

    public static string When(RecurringItem item) =>
        item.ToMonth is int to && to != item.Month ? $"{MonthName(item.Month)}–{MonthName(to)}" : MonthName(item.Month);
}
