using Microsoft.EntityFrameworkCore;
using Rammevaerk.Capacity;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Offers.Overview;

/// <summary>One row of an overview table: a paragraph, target group or operator with its places per year.</summary>
public sealed record OverviewRow(string Name, IReadOnlyDictionary<int, int> Places, int? Upcoming)
{
    public int In(int year) => Places.GetValueOrDefault(year);
}

/// <summary>One table of the overview: rows, the total per year and the total after the upcoming changes.</summary>
public sealed record OverviewTable(string Heading, string Dimension, List<OverviewRow> Rows, IReadOnlyDictionary<int, int> Totals, int? UpcomingTotal)
{
    public int Total(int year) => Totals.GetValueOrDefault(year);
}

/// <summary>A submitted or decided capacity change whose effective date lies ahead: shown before it happens.</summary>
public sealed record UpcomingChange(int NoticeId, DateOnly EffectiveDate, string Operator, string Offer, CapacityChangeKind Kind, NoticeState State,
    int PlacesBefore, int PlacesAfter, List<UpcomingLine> Lines)
{
    public int Change => PlacesAfter - PlacesBefore;
}

public sealed record UpcomingLine(string Service, string? LegalBasesBefore, string? LegalBasesAfter, string? TargetGroups, int PlacesBefore, int PlacesAfter);

/// <summary>The public capacity overview of a region: places over the register's years and the changes to come.</summary>
public sealed record CapacityOverviewView(string Region, List<int> Years, OverviewTable ByLegalBasis, OverviewTable ByTargetGroup, OverviewTable ByOperator, List<UpcomingChange> Upcoming)
{
    public int? LastYear => Years.Count > 0 ? Years[^1] : null;
}

/// <summary>
/// Builds the capacity overview from the offer register (the offer list of each year, services covered by the
/// framework agreement as the public list shows them by default) and the capacity notices that take effect later.
/// A service with several paragraphs or target groups counts once, under its combination ("ABL § 105, SEL § 85"),
/// so every table adds up to the register's total.
/// </summary>
public static class CapacityOverview
{
    public const string NoLegalBasis = "(uden paragraf)";
    public const string NoTargetGroup = "(uden målgruppe)";

    public static async Task<CapacityOverviewView> ReadAsync(AppDb db, OfferRegister register, string region, DateOnly today, CancellationToken ct)
    {
        var years = (await register.YearsAsync(region, ct)).OrderBy(y => y).ToList();
        var byYear = new Dictionary<int, List<OfferSnapshot>>();
        foreach (var y in years) byYear[y] = await register.ForYearAsync(region, y, ct);
        var upcoming = await UpcomingAsync(db, region, today, ct);
        return Build(region, byYear, upcoming);
    }

    /// <summary>Submitted, on-agenda or decided notices of the region with an effective date after today, soonest first.</summary>
    public static async Task<List<UpcomingChange>> UpcomingAsync(AppDb db, string region, DateOnly today, CancellationToken ct)
    {
        var states = new[] { NoticeState.Submitted, NoticeState.OnAgenda, NoticeState.Decided };
        var notices = await db.CapacityNotices.AsNoTracking()
            .Where(n => n.Operator!.Region == region && states.Contains(n.State) && n.EffectiveDate != null && n.EffectiveDate > today)
            .Select(n => new
            {
                n.Id, Date = n.EffectiveDate!.Value, Operator = n.Operator!.Name, Offer = n.Offer != null ? n.Offer.Name : n.NewOfferName, n.Kind, n.State, n.TargetGroupText,
                Lines = n.Lines.OrderBy(l => l.SortOrder).Select(l => new { l.ServiceName, l.LegalBasesBefore, l.LegalBasesAfter, l.TargetGroups, l.PlacesBefore, l.PlacesAfter }).ToList(),
            })
            .ToListAsync(ct);
        return notices
            .Select(n => new UpcomingChange(n.Id, n.Date, n.Operator, n.Offer ?? "(nyt tilbud)", n.Kind, n.State,
                n.Lines.Sum(l => l.PlacesBefore), n.Lines.Sum(l => l.PlacesAfter),
                n.Lines.Select(l => new UpcomingLine(l.ServiceName, l.LegalBasesBefore, l.LegalBasesAfter, l.TargetGroups ?? n.TargetGroupText, l.PlacesBefore, l.PlacesAfter)).ToList()))
            .OrderBy(u => u.EffectiveDate).ThenBy(u => u.Operator, StringComparer.Create(Danish.Culture, true)).ToList();
    }

    /// <summary>The tables from the offer lists by year (pure; for tests).</summary>
    public static CapacityOverviewView Build(string region, IReadOnlyDictionary<int, List<OfferSnapshot>> byYear, List<UpcomingChange> upcoming)
    {
        var years = byYear.Keys.OrderBy(y => y).ToList();
        var rows = years.ToDictionary(y => y, y => OfferList.Rows(byYear[y], new OfferListFilter()));
        var last = years.Count > 0 ? years[^1] : (int?)null;

        OverviewTable Table(string heading, string dimension, Func<OfferListRow, string> key, Func<UpcomingChange, UpcomingLine, (string? Before, string? After)> lineKeys, string none, bool natural)
        {
            var places = new Dictionary<string, Dictionary<int, int>>(StringComparer.OrdinalIgnoreCase);
            foreach (var y in years)
            {
                foreach (var r in rows[y])
                {
                    var k = key(r);
                    if (!places.TryGetValue(k, out var perYear)) places[k] = perYear = [];
                    perYear[y] = perYear.GetValueOrDefault(y) + (r.Service.Places ?? 0);
                }
            }
            // The last year's places moved by the changes to come: each line takes its places before from its key
            // before and gives its places after to its key after.
            Dictionary<string, int>? ahead = null;
            if (last is int ly && upcoming.Count > 0)
            {
                ahead = new(StringComparer.OrdinalIgnoreCase);
                foreach (var (k, perYear) in places) ahead[k] = perYear.GetValueOrDefault(ly);
                foreach (var u in upcoming)
                {
                    foreach (var l in u.Lines)
                    {
                        var (before, after) = lineKeys(u, l);
                        var kb = before ?? after ?? none;
                        var ka = after ?? before ?? none;
                        ahead[kb] = ahead.GetValueOrDefault(kb) - l.PlacesBefore;
                        ahead[ka] = ahead.GetValueOrDefault(ka) + l.PlacesAfter;
                    }
                }
                foreach (var k in ahead.Keys.Where(k => !places.ContainsKey(k)).ToList()) places[k] = [];
            }
            var comparer = StringComparer.Create(Danish.Culture, true);
            var list = places
                .Select(kv => new OverviewRow(kv.Key, kv.Value, ahead?.GetValueOrDefault(kv.Key)))
                .Where(r => r.Places.Values.Any(p => p != 0) || r.Upcoming is not null and not 0)
                .OrderBy(r => natural ? OfferListView.NaturalKey(r.Name) : r.Name, comparer).ToList();
            var totals = years.ToDictionary(y => y, y => rows[y].Sum(r => r.Service.Places ?? 0));
            return new OverviewTable(heading, dimension, list, totals, ahead?.Values.Sum());
        }

        var byBasis = Table("Pladser pr. paragraf", "Paragraf", r => Key(r.Service.LegalBases, NoLegalBasis),
            (_, l) => (Normalize(l.LegalBasesBefore), Normalize(l.LegalBasesAfter)), NoLegalBasis, natural: true);
        var byGroup = Table("Pladser pr. målgruppe", "Målgruppe", r => Key(r.Service.TargetGroups, NoTargetGroup),
            (_, l) => (Normalize(l.TargetGroups), Normalize(l.TargetGroups)), NoTargetGroup, natural: false);
        var byOperator = Table("Pladser pr. driftsherre", "Driftsherre", r => r.Offer.OperatorName,
            (u, _) => (u.Operator, u.Operator), "", natural: false);
        return new CapacityOverviewView(region, years, byBasis, byGroup, byOperator, upcoming);
    }

    private static string Key(IEnumerable<string> parts, string none)
    {
        var list = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(OfferListView.NaturalKey, StringComparer.Create(Danish.Culture, true)).ToList();
        return list.Count == 0 ? none : string.Join(", ", list);
    }

    /// <summary>A notice's paragraph or target-group text as a key: "ABL § 105/SEL § 85" becomes "ABL § 105, SEL § 85".</summary>
    public static string? Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Key(text.Split([',', '/', ';', '+'], StringSplitOptions.RemoveEmptyEntries), "");

    public static string KindName(CapacityChangeKind k) => k switch
    {
        CapacityChangeKind.Opening => "Oprettelse",
        CapacityChangeKind.Closing => "Lukning",
        CapacityChangeKind.Expansion => "Udvidelse",
        CapacityChangeKind.Reduction => "Reduktion",
        CapacityChangeKind.Conversion => "Omlægning",
        _ => k.ToString(),
    };

    public static string StateName(NoticeState s) => s switch
    {
        NoticeState.Submitted => "Indsendt",
        NoticeState.OnAgenda => "På dagsordenen",
        NoticeState.Decided => "Behandlet",
        NoticeState.Draft => "Kladde",
        NoticeState.Withdrawn => "Trukket tilbage",
        _ => s.ToString(),
    };

    /// <summary>"+4", "−8", "0" with a real minus sign.</summary>
    public static string Signed(int v) => v > 0 ? "+" + Danish.Number(v) : v < 0 ? "−" + Danish.Number(-v) : "0";
}
