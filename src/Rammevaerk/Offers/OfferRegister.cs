using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Offers;

/// <summary>
/// The offer register: writes an offer from a snapshot and keeps the revision, and reads the register as it stood
/// at any instant or as it was reported for a year. Writes are added to the context; the caller saves them in the
/// one transaction of the user's action.
/// </summary>
public sealed class OfferRegister(AppDb db)
{
    /// <summary>
    /// Creates or updates the offer the snapshot describes (by <see cref="OfferSnapshot.OfferId"/>) and adds a
    /// revision. Legal bases and target groups are matched by code and name against the maintained lists; unknown
    /// ones throw, since the validation should have refused them.
    /// </summary>
    public async Task<Offer> ApplyAsync(OfferSnapshot snapshot, int year, string reason, string? user, DateTime now, CancellationToken ct = default)
    {
        var bases = await db.LegalBases.ToDictionaryAsync(l => l.Code, StringComparer.OrdinalIgnoreCase, ct);
        var groups = await db.TargetGroups.ToDictionaryAsync(t => t.Name, StringComparer.OrdinalIgnoreCase, ct);
        Offer offer;
        if (snapshot.OfferId is { } id)
        {
            offer = await db.Offers
                .Include(o => o.Departments).ThenInclude(d => d.Services).ThenInclude(s => s.LegalBases)
                .Include(o => o.Departments).ThenInclude(d => d.Services).ThenInclude(s => s.TargetGroups)
                .Include(o => o.Buyers)
                .SingleOrDefaultAsync(o => o.Id == id, ct)
                ?? throw new InvalidOperationException($"Offer {id} does not exist");
        }
        else
        {
            offer = new Offer { Name = snapshot.Name, OperatorId = snapshot.OperatorId };
            db.Offers.Add(offer);
        }

        offer.Name = snapshot.Name.Trim();
        offer.OperatorId = snapshot.OperatorId;
        offer.Address = Blank(snapshot.Address);
        offer.PostalCode = Blank(snapshot.PostalCode);
        offer.City = Blank(snapshot.City);
        offer.PortalId = Blank(snapshot.PortalId);
        offer.Status = snapshot.Status;
        offer.StatusSince = snapshot.StatusSince;
        offer.ClosingDate = snapshot.ClosingDate;
        offer.Year = year;
        offer.UpdatedAt = now;
        offer.UpdatedBy = user;
        offer.ConcurrencyStamp = Guid.NewGuid();

        // Departments and services: matched by id when the snapshot carries one, otherwise new; those left out go.
        var keptDepartments = new List<OfferDepartment>();
        var departmentOrder = 0;
        foreach (var ds in snapshot.Departments)
        {
            var department = offer.Departments.FirstOrDefault(d => ds.DepartmentId is { } did && d.Id == did)
                ?? new OfferDepartment { Name = ds.Name };
            department.Name = ds.Name.Trim();
            department.PortalKey = Blank(ds.PortalKey);
            department.SortOrder = departmentOrder++;
            var keptServices = new List<OfferService>();
            var serviceOrder = 0;
            foreach (var ss in ds.Services)
            {
                var service = department.Services.FirstOrDefault(s => ss.ServiceId is { } sid && s.Id == sid)
                    ?? new OfferService { Name = ss.Name };
                service.Name = ss.Name.Trim();
                service.Places = ss.Places ?? 0;
                service.Rate = ss.Rate;
                service.RateUnit = ss.RateUnit;
                service.RateYear = ss.RateYear;
                service.ServiceLevelHours = ss.ServiceLevelHours;
                service.CoveredByAgreement = ss.CoveredByAgreement;
                service.SortOrder = serviceOrder++;
                service.LegalBases.Clear();
                foreach (var code in ss.LegalBases.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    service.LegalBases.Add(bases.GetValueOrDefault(code) ?? throw new InvalidOperationException($"Unknown legal basis '{code}'"));
                }
                service.TargetGroups.Clear();
                foreach (var name in ss.TargetGroups.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    service.TargetGroups.Add(groups.GetValueOrDefault(name) ?? throw new InvalidOperationException($"Unknown target group '{name}'"));
                }
                keptServices.Add(service);
            }
            foreach (var gone in department.Services.Except(keptServices).ToList()) department.Services.Remove(gone);
            foreach (var s in keptServices.Where(s => !department.Services.Contains(s))) department.Services.Add(s);
            keptDepartments.Add(department);
        }
        foreach (var gone in offer.Departments.Except(keptDepartments).ToList()) offer.Departments.Remove(gone);
        foreach (var d in keptDepartments.Where(d => !offer.Departments.Contains(d))) offer.Departments.Add(d);

        offer.Buyers.Clear();
        foreach (var b in snapshot.Buyers.GroupBy(b => b.MunicipalityCode))
        {
            offer.Buyers.Add(new OfferBuyer { MunicipalityCode = b.Key, Citizens = b.Sum(x => x.Citizens) });
        }

        // The revision is written after the save has given the new rows their ids, so it is made from the entity.
        offer.Revision = offer.Id == 0 ? 1 : await db.OfferRevisions.Where(r => r.OfferId == offer.Id).MaxAsync(r => (int?)r.Number, ct) + 1 ?? 1;
        pending.Add((offer, year, reason, user, now));
        return offer;
    }

    private readonly List<(Offer Offer, int Year, string Reason, string? User, DateTime At)> pending = [];

    /// <summary>
    /// Saves the applied offers and their revisions. Call inside the action's transaction: the offers are saved
    /// first (so new departments and services have ids), then the revisions are written from them.
    /// </summary>
    public async Task SaveAsync(CancellationToken ct = default)
    {
        await db.SaveChangesAsync(ct);
        if (pending.Count == 0) return;
        var operators = await db.Operators.ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        foreach (var (offer, year, reason, user, at) in pending)
        {
            var snapshot = OfferSnapshot.Of(offer) with { OperatorName = operators.GetValueOrDefault(offer.OperatorId, "") };
            db.OfferRevisions.Add(new OfferRevision
            {
                OfferId = offer.Id, Number = offer.Revision, ChangedAt = at, ChangedBy = user, Reason = reason,
                Year = year, OperatorId = offer.OperatorId, SnapshotJson = snapshot.ToJson(),
            });
        }
        pending.Clear();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The current offers of an operator as snapshots (with the operator's name), in name order.</summary>
    public async Task<List<OfferSnapshot>> CurrentForOperatorAsync(int operatorId, CancellationToken ct = default)
    {
        var offers = await LoadOffers().Where(o => o.OperatorId == operatorId).ToListAsync(ct);
        return offers.OrderBy(o => o.Name, StringComparer.Create(Shared.Danish.Culture, true)).Select(OfferSnapshot.Of).ToList();
    }

    public IQueryable<Offer> LoadOffers() => db.Offers.AsNoTracking().AsSplitQuery()
        .Include(o => o.Operator)
        .Include(o => o.Departments).ThenInclude(d => d.Services).ThenInclude(s => s.LegalBases)
        .Include(o => o.Departments).ThenInclude(d => d.Services).ThenInclude(s => s.TargetGroups)
        .Include(o => o.Buyers);

    /// <summary>The register of a region as it stood at an instant: each offer's last revision made by then.</summary>
    public Task<List<OfferSnapshot>> AsOfAsync(string region, DateTime instant, CancellationToken ct = default) =>
        LatestAsync(region, db.OfferRevisions.Where(r => r.ChangedAt <= instant), ct);

    /// <summary>The offer list (tilbudsliste) of a year: each offer's last revision with figures for that year.</summary>
    public Task<List<OfferSnapshot>> ForYearAsync(string region, int year, CancellationToken ct = default) =>
        LatestAsync(region, db.OfferRevisions.Where(r => r.Year == year), ct);

    /// <summary>The years that have figures in the register of a region, newest first.</summary>
    public Task<List<int>> YearsAsync(string region, CancellationToken ct = default) =>
        db.OfferRevisions.Where(r => db.Operators.Any(o => o.Id == r.OperatorId && o.Region == region))
            .Select(r => r.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);

    /// <summary>The years whose reporting round is open in a region.</summary>
    public Task<List<int>> OpenRoundYearsAsync(string region, CancellationToken ct = default) =>
        db.ReportingRounds.Where(r => r.Region == region && r.State == Reporting.RoundState.Open).Select(r => r.Year).ToListAsync(ct);

    private async Task<List<OfferSnapshot>> LatestAsync(string region, IQueryable<OfferRevision> revisions, CancellationToken ct)
    {
        var inRegion = revisions.Where(r => db.Operators.Any(o => o.Id == r.OperatorId && o.Region == region));
        var rows = await inRegion.AsNoTracking()
            .Where(r => r.Number == inRegion.Where(x => x.OfferId == r.OfferId).Max(x => x.Number))
            .Select(r => new { r.OfferId, r.SnapshotJson }).ToListAsync(ct);
        return rows
            .Select(r => OfferSnapshot.FromJson(r.SnapshotJson) with { OfferId = r.OfferId })
            .OrderBy(s => s.OperatorName, StringComparer.Create(Shared.Danish.Culture, true))
            .ThenBy(s => s.Name, StringComparer.Create(Shared.Danish.Culture, true))
            .ToList();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
