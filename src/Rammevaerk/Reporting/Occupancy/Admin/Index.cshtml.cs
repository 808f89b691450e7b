using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Reporting.Occupancy.Admin;

/// <summary>
/// /sekretariat/belaegning?halvaar=2025-1: switch half-yearly occupancy reporting on or off for the secretariat's
/// region, and read the reported occupancy per offer and service.
/// </summary>
public sealed class IndexModel(AppDb db, IConfiguration config, TimeProvider clock) : PageModel
{
    public string Region => OccupancyQueries.RegionOf(config);
    public bool IsOn { get; private set; }
    public HalfYear Period { get; private set; }
    public List<HalfYear> Periods { get; private set; } = [];
    public List<OccupancyLine> Lines { get; private set; } = [];

    public async Task OnGetAsync(string? halvaar, CancellationToken ct)
    {
        IsOn = await OccupancyQueries.IsOnAsync(db, Region, ct);
        var reported = await db.OccupancyRecords.Select(r => new { r.Year, r.Half }).Distinct().ToListAsync(ct);
        var recent = Recent(Danish.TodayOf(clock), 6);
        Periods = recent.Concat(reported.Select(r => new HalfYear(r.Year, r.Half)).Where(p => p.IsValid))
            .Distinct().OrderDescending().ToList();
        Period = HalfYear.TryParse(halvaar, out var chosen) ? chosen : recent[0];
        if (!Periods.Contains(Period)) Periods = [.. Periods.Append(Period).OrderDescending()];
        Lines = await OccupancyQueries.LinesAsync(db, Period, Region, operatorId: null, offerId: null, ct);
    }

    /// <summary>"Slå til" / "Slå fra" for the region; saved at once.</summary>
    public async Task<IActionResult> OnPostSwitchAsync(bool on, CancellationToken ct)
    {
        var settings = await db.RegionSettings.SingleOrDefaultAsync(s => s.Region == Region, ct);
        if (settings is null)
        {
            settings = new RegionSettings { Region = Region };
            db.RegionSettings.Add(settings);
        }
        settings.OccupancyReporting = on;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = on
            ? $"Belægningsindberetning er slået til for {Region}. Kommunerne kan nu indberette belægningsdage."
            : $"Belægningsindberetning er slået fra for {Region}. Indberettede tal bevares.";
        return Redirect("/sekretariat/belaegning");
    }

    /// <summary>The <paramref name="count"/> half-years before the one <paramref name="today"/> is in, newest first.</summary>
    public static List<HalfYear> Recent(DateTime today, int count)
    {
        var list = new List<HalfYear>();
        var p = HalfYear.Containing(DateOnly.FromDateTime(today)).Previous;
        for (var i = 0; i < count; i++, p = p.Previous) list.Add(p);
        return list;
    }
}
