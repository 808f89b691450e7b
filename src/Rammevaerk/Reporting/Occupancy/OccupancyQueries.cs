using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Reporting.Occupancy;

/// <summary>One service as the occupancy pages list it, with its figure for the chosen half-year when reported.</summary>
public sealed record OccupancyLine(
    int OperatorId, string Operator, int OfferId, string Offer, string Department, int ServiceId, string Service, int CurrentPlaces,
    decimal? OccupiedDays, int? ReportedPlaces, DateTime? ReportedAt, string? ReportedBy)
{
    /// <summary>"Bostedet Lærkereden – Afdeling A – § 107 midlertidigt botilbud" (the department only when it says something).</summary>
    public string What => string.IsNullOrWhiteSpace(Department) || Department == Offer ? $"{Offer} – {Service}" : $"{Offer} – {Department} – {Service}";

    /// <summary>The places the figure is measured against: as reported, else the service's places now.</summary>
    public int Places => ReportedPlaces ?? CurrentPlaces;
}

/// <summary>The reads both occupancy pages share; the region's switch and the services with their figures.</summary>
public static class OccupancyQueries
{
    public const string DefaultRegion = "Region Syddanmark";

    public static string RegionOf(IConfiguration config) =>
        Hosting.SiteOptions.Of(config).Region;

    /// <summary>Off unless the region's settings say on (the forum stopped half-yearly occupancy reporting in 2025).</summary>
    public static Task<bool> IsOnAsync(AppDb db, string region, CancellationToken ct) =>
        db.RegionSettings.AnyAsync(s => s.Region == region && s.OccupancyReporting, ct);

    /// <summary>
    /// The services of the region's offers (or of one operator's, or one offer's) with the half-year's figures, in
    /// operator, offer, department and service order.
    /// </summary>
    public static async Task<List<OccupancyLine>> LinesAsync(AppDb db, HalfYear period, string? region, int? operatorId, int? offerId, CancellationToken ct)
    {
        var services =
            from s in db.OfferServices
            join d in db.OfferDepartments on s.DepartmentId equals d.Id
            join o in db.Offers on d.OfferId equals o.Id
            join op in db.Operators on o.OperatorId equals op.Id
            select new { s, d, o, op };
        if (region is not null) services = services.Where(x => x.op.Region == region);
        if (operatorId is int opId) services = services.Where(x => x.op.Id == opId);
        if (offerId is int ofId) services = services.Where(x => x.o.Id == ofId);

        var rows = await (
            from x in services
            join r in db.OccupancyRecords.Where(r => r.Year == period.Year && r.Half == period.Half) on x.s.Id equals r.ServiceId into rs
            from r in rs.DefaultIfEmpty()
            select new
            {
                OperatorId = x.op.Id, Operator = x.op.Name, OfferId = x.o.Id, Offer = x.o.Name, Department = x.d.Name, DepartmentSort = x.d.SortOrder,
                ServiceId = x.s.Id, Service = x.s.Name, ServiceSort = x.s.SortOrder, x.s.Places,
                OccupiedDays = r == null ? (decimal?)null : r.OccupiedDays, ReportedPlaces = r == null ? (int?)null : r.Places,
                ReportedAt = r == null ? (DateTime?)null : r.ReportedAt, ReportedBy = r == null ? null : r.ReportedBy,
            }).AsNoTracking().ToListAsync(ct);

        return rows
            .OrderBy(x => x.Operator, StringComparer.Create(Shared.Danish.Culture, false)).ThenBy(x => x.Offer, StringComparer.Create(Shared.Danish.Culture, false))
            .ThenBy(x => x.OfferId).ThenBy(x => x.DepartmentSort).ThenBy(x => x.ServiceSort).ThenBy(x => x.ServiceId)
            .Select(x => new OccupancyLine(x.OperatorId, x.Operator, x.OfferId, x.Offer, x.Department, x.ServiceId, x.Service, x.Places,
                x.OccupiedDays, x.ReportedPlaces, x.ReportedAt, x.ReportedBy))
            .ToList();
    }

    /// <summary>"87,4 %", or null when there are no places to measure against.</summary>
    public static string? PercentText(decimal occupiedDays, int places, HalfYear period) =>
        OccupancyCalculator.Percent(occupiedDays, places, period) is decimal p ? $"{Shared.Danish.Number(p, 1)} %" : null;

    public static string DaysText(decimal days) => Shared.Danish.Number(days, days == decimal.Truncate(days) ? 0 : 2);
}
