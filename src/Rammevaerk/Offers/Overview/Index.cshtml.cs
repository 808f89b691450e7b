using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Data;
using Rammevaerk.Publishing;
using Rammevaerk.Shared;

namespace Rammevaerk.Offers.Overview;

/// <summary>
/// /tilbud/kapacitet: the region's places by paragraph, target group and operator over the register's years, as
/// tables with totals and server-drawn charts, with the capacity changes to come shown ahead of their date.
/// </summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class IndexModel(AppDb db, OfferRegister register, IConfiguration config, TimeProvider clock) : PageModel
{
    public CapacityOverviewView View { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        View = await CapacityOverview.ReadAsync(db, register, OffersModule.Region(config), Today, ct);
    }

    /// <summary>The chart of a table: a bar per year, and a hatched bar for the places after the changes to come.</summary>
    public string Chart(string id, OverviewTable table)
    {
        var series = View.Years.Select((y, i) => new BarSeries(y.ToString(), $"series-{i % 4}", table.Rows.Select(r => (int?)r.In(y)).ToList())).ToList();
        if (table.UpcomingTotal is not null)
            series.Add(new BarSeries("Efter kommende ændringer", "series-upcoming", table.Rows.Select(r => r.Upcoming).ToList()));
        var years = View.Years.Count == 1 ? View.Years[0].ToString() : $"{View.Years[0]}–{View.Years[^1]}";
        var description = $"{table.Heading} i {View.Region}, {years}" + (table.UpcomingTotal is not null ? ", og efter de kommende ændringer" : "")
            + $". I alt {Danish.Number(table.Total(View.Years[^1]))} pladser i {View.Years[^1]}. Alle tal står i tabellen under figuren.";
        return BarChart.Svg(id, $"{table.Heading} {years}", description, table.Rows.Select(r => r.Name).ToList(), series);
    }
}
