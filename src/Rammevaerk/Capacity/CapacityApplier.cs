using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Offers;
using Rammevaerk.Shared;

namespace Rammevaerk.Capacity;

/// <summary>
/// Writes decided notices whose effective date has come to the offer register, once each: a daily job
/// (<see cref="Hosting.DailyJobs"/>: on start and then each day, on one node at a time).
/// <see cref="ApplyDueAsync"/> is a plain method (tests call it with their own clock).
/// </summary>
public sealed class CapacityApplier(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CapacityApplier> log) : Hosting.IDailyJob
{
    public const string User = "Rammeværk (kapacitetsændring)";

    public string Name => "capacity-applier";

    public Task RunAsync(DateOnly day, CancellationToken ct) => ApplyDueAsync(clock, ct);

    /// <summary>
    /// Applies every decided, not yet applied notice whose effective date is today or earlier (Danish date of the
    /// clock), each in its own transaction. Idempotent: a notice is applied exactly once. Returns how many were applied.
    /// </summary>
    public async Task<int> ApplyDueAsync(TimeProvider? now = null, CancellationToken ct = default)
    {
        var instant = (now ?? clock).GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Danish.ToLocal(instant));
        List<int> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            due = await db.CapacityNotices
                .Where(n => n.State == NoticeState.Decided && n.AppliedAt == null && n.EffectiveDate != null && n.EffectiveDate <= today)
                .OrderBy(n => n.EffectiveDate).ThenBy(n => n.Id).Select(n => n.Id).ToListAsync(ct);
        }
        var applied = 0;
        foreach (var id in due)
        {
            try
            {
                if (await ApplyOneAsync(id, instant, ct)) applied++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Applied by another instance meanwhile.
            }
        }
        return applied;
    }

    private async Task<bool> ApplyOneAsync(int id, DateTime instant, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var register = scope.ServiceProvider.GetRequiredService<OfferRegister>();
        var notice = await db.CapacityNotices.Include(n => n.Lines).Include(n => n.Operator).SingleAsync(n => n.Id == id, ct);
        if (notice.AppliedAt is not null || notice.State != NoticeState.Decided || notice.EffectiveDate is null) return false;

        OfferSnapshot? current = null;
        if (notice.OfferId is int offerId)
        {
            var offer = await register.LoadOffers().SingleOrDefaultAsync(o => o.Id == offerId, ct);
            if (offer is null) return false;
            current = OfferSnapshot.Of(offer);
        }
        var bases = (await db.LegalBases.Select(l => l.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var groups = (await db.TargetGroups.Select(t => t.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var year = Math.Max(current?.Year ?? 0, notice.EffectiveDate.Value.Year);
        var snapshot = Known(CapacityEffect.Apply(current, notice, year), bases, groups);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var written = await register.ApplyAsync(snapshot, year, $"Kapacitetsændring (notits nr. {notice.Id}) trådt i kraft", User, instant, ct);
        if (notice.OfferId is null) notice.Offer = written;
        notice.AppliedAt = instant;
        notice.ConcurrencyStamp = Guid.NewGuid();
        await register.SaveAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Capacity notice {Id} applied to offer {Offer}.", notice.Id, written.Id);
        return true;
    }

    /// <summary>Keeps only legal bases and target groups on the maintained lists (the register refuses others).</summary>
    private static OfferSnapshot Known(OfferSnapshot s, HashSet<string> bases, HashSet<string> groups) => s with
    {
        Departments = s.Departments.Select(d => d with
        {
            Services = d.Services.Select(x => x with
            {
                LegalBases = x.LegalBases.Where(bases.Contains).ToList(),
                TargetGroups = x.TargetGroups.Where(groups.Contains).ToList(),
            }).ToList(),
        }).ToList(),
    };
}

/// <summary>What a notice does to an offer (pure).</summary>
public static class CapacityEffect
{
    /// <summary>
    /// The offer after the notice: places after on the changed services (as a change against places before, so a
    /// later report's figures are kept); converted services change paragraph (all of them, or the converted places
    /// split off as a new service); new places become a service of their own; a closing that leaves no places closes
    /// the offer. A notice for a new offer (<paramref name="current"/> null) creates it.
    /// </summary>
    public static OfferSnapshot Apply(OfferSnapshot? current, CapacityNotice n, int year)
    {
        var effective = n.EffectiveDate ?? throw new ArgumentException("The notice has no effective date.", nameof(n));
        var lines = n.Lines.OrderBy(l => l.SortOrder).ToList();
        if (current is null)
        {
            var name = n.NewOfferName ?? "Nyt tilbud";
            return new OfferSnapshot
            {
                Name = name, OperatorId = n.OperatorId, OperatorName = n.Operator?.Name ?? "", Status = OfferStatus.Active,
                StatusSince = effective, Year = year,
                Departments = [new DepartmentSnapshot { Name = name, Services = lines.Where(l => l.PlacesAfter > 0).Select(l => NewService(l, l.ServiceName, year)).ToList() }],
            };
        }

        var departments = current.Departments.Select(d => d with { Services = d.Services.ToList() }).ToList();
        var added = new List<DepartmentSnapshot>();
        foreach (var line in lines)
        {
            var (dept, index) = Find(departments, line.ServiceId);
            if (dept is null)
            {
                if (line.PlacesAfter > 0) added.Add(new DepartmentSnapshot { Name = line.ServiceName, Services = [NewService(line, line.ServiceName, year)] });
                continue;
            }
            var s = dept.Services[index];
            var places = s.Places ?? 0;
            var before = NoticeForm.Codes(line.LegalBasesBefore);
            var after = NoticeForm.Codes(line.LegalBasesAfter);
            var converts = n.Kind == CapacityChangeKind.Conversion && after.Count > 0 && !after.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(before);
            if (converts && line.PlacesBefore < places)
            {
                // Some of the places move to the new paragraph: they become a service of their own.
                dept.Services[index] = s with { Places = places - line.PlacesBefore };
                added.Add(new DepartmentSnapshot
                {
                    Name = $"{s.Name} ({string.Join(", ", after)})",
                    Services = [NewService(line, $"{s.Name} ({string.Join(", ", after)})", year) with { TargetGroups = Groups(line, s) }],
                });
                continue;
            }
            var next = s with
            {
                Places = n.Kind == CapacityChangeKind.Closing ? 0 : Math.Max(0, converts ? line.PlacesAfter : places + line.PlacesAfter - line.PlacesBefore),
                LegalBases = converts ? after : s.LegalBases,
            };
            if (line.RateAfter is { } rate) next = next with { Rate = rate, RateUnit = line.RateUnitAfter ?? RateUnit.PerDay, RateYear = year };
            if (line.ServiceLevelHoursAfter is { } hours) next = next with { ServiceLevelHours = hours };
            dept.Services[index] = next;
        }
        var result = current with { Departments = [.. departments, .. added], Year = year };
        if (n.Kind == CapacityChangeKind.Closing && result.Services.All(s => (s.Places ?? 0) == 0))
        {
            result = result with { Status = OfferStatus.Closed, StatusSince = effective, ClosingDate = effective };
        }
        return result;
    }

    private static (DepartmentSnapshot? Department, int Index) Find(List<DepartmentSnapshot> departments, int? serviceId)
    {
        if (serviceId is not int id) return (null, -1);
        foreach (var d in departments)
        {
            var i = d.Services.FindIndex(s => s.ServiceId == id);
            if (i >= 0) return (d, i);
        }
        return (null, -1);
    }

    private static List<string> Groups(CapacityNoticeLine line, ServiceSnapshot s) =>
        NoticeForm.Codes(line.TargetGroups) is { Count: > 0 } g ? g : s.TargetGroups;

    private static ServiceSnapshot NewService(CapacityNoticeLine l, string name, int year) => new()
    {
        Name = name, LegalBases = NoticeForm.Codes(l.LegalBasesAfter is { Length: > 0 } ? l.LegalBasesAfter : l.LegalBasesBefore),
        TargetGroups = NoticeForm.Codes(l.TargetGroups), Places = l.PlacesAfter, Rate = l.RateAfter,
        RateUnit = l.RateAfter is null ? null : l.RateUnitAfter ?? RateUnit.PerDay, RateYear = l.RateAfter is null ? null : year,
        ServiceLevelHours = l.ServiceLevelHoursAfter,
    };
}
