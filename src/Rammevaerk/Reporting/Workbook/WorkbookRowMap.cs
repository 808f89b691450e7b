using Rammevaerk.Reporting.Validation;
using L = Rammevaerk.Reporting.Workbook.WorkbookLayout;

namespace Rammevaerk.Reporting.Workbook;

/// <summary>
/// Where each read offer, department, service and buyer came from, so an issue found later (by the validation)
/// can name its sheet and cell. Indexes are those of <see cref="WorkbookReadResult.Offers"/>.
/// </summary>
internal sealed class WorkbookRowMap
{
    /// <summary>Per offer: all its rows on the sheet "Tilbud", in order.</summary>
    public List<List<int>> OfferRows { get; } = [];
    /// <summary>Per offer, per department: the department's first row.</summary>
    public List<List<int>> DepartmentRows { get; } = [];
    /// <summary>Per offer, per department, per service: the service's row.</summary>
    public List<List<List<int>>> ServiceRows { get; } = [];
    /// <summary>Per offer, per buyer: the row on the sheet "Køberkommuner".</summary>
    public List<List<int>> BuyerRows { get; } = [];

    public string Locate(ReportIssue issue)
    {
        var o = issue.OfferIndex;
        if (o < 0 || o >= OfferRows.Count || OfferRows[o].Count == 0) return $"Ark '{L.OfferSheet}'";

        if (issue.Field is ReportField.Buyer or ReportField.Citizens || issue.BuyerIndex is not null)
        {
            if (issue.BuyerIndex is int b && b >= 0 && b < BuyerRows[o].Count)
            {
                var column = issue.Field == ReportField.Citizens ? L.BuyerCitizens : L.BuyerMunicipality;
                return L.Cell(L.BuyerSheet, column.Letter + BuyerRows[o][b]);
            }
            return BuyerRows[o].Count > 0 ? $"Ark '{L.BuyerSheet}', {Rows(BuyerRows[o])}" : $"Ark '{L.BuyerSheet}'";
        }

        int? row = null;
        if (issue.DepartmentIndex is int d && d >= 0 && d < DepartmentRows[o].Count)
        {
            row = DepartmentRows[o][d];
            if (issue.ServiceIndex is int s && s >= 0 && s < ServiceRows[o][d].Count) row = ServiceRows[o][d][s];
        }
        var field = L.OfferColumnOf(issue.Field);
        if (field is null)
        {
            return $"Ark '{L.OfferSheet}', {(row is int r ? $"række {r}" : Rows(OfferRows[o]))}";
        }
        return L.Cell(L.OfferSheet, field.Letter + (row ?? OfferRows[o][0]));
    }

    /// <summary>"række 7", "række 4–6", "række 4, 7 og 9".</summary>
    private static string Rows(List<int> rows)
    {
        var sorted = rows.Distinct().Order().ToList();
        if (sorted.Count == 1) return $"række {sorted[0]}";
        if (sorted[^1] - sorted[0] == sorted.Count - 1) return $"række {sorted[0]}–{sorted[^1]}";
        return "række " + WorkbookText.Join(sorted.Select(r => r.ToString()).ToList());
    }
}

internal static class WorkbookText
{
    /// <summary>"a", "a og b", "a, b og c" (or "eller").</summary>
    public static string Join(IReadOnlyList<string> items, string last = "og") => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + $" {last} " + items[^1],
    };
}
