using Rammevaerk.Shared;

namespace Rammevaerk.Offers;

public enum ComparisonChange
{
    Continued,
    /// <summary>The service is in the later year only.</summary>
    New,
    /// <summary>The service is in the earlier year only, or its offer is closed in the later year.</summary>
    Closed,
}

/// <summary>A service in two years: places and rate in each, with the change.</summary>
public sealed record ComparisonRow(
    int? OfferId, string Offer, string Operator, string Department, string Service, string LegalBases,
    int? PlacesFrom, int? PlacesTo, decimal? RateFrom, RateUnit? UnitFrom, decimal? RateTo, RateUnit? UnitTo, ComparisonChange Change)
{
    public decimal? PlacesChangePercent => OfferComparison.ChangePercent(PlacesFrom, PlacesTo);

    /// <summary>Only when both years have a rate in the same unit.</summary>
    public decimal? RateChangePercent => UnitFrom == UnitTo ? OfferComparison.ChangePercent(RateFrom, RateTo) : null;
}

/// <summary>Places of a group (a paragraph, an operator, all) in both years.</summary>
public sealed record ComparisonTotal(string Name, int From, int To)
{
    public decimal? ChangePercent => OfferComparison.ChangePercent(From, To);
}

public sealed record Comparison(int From, int To, List<ComparisonRow> Rows, List<ComparisonTotal> ByLegalBasis, List<ComparisonTotal> ByOperator, ComparisonTotal Total);

/// <summary>
/// The year-over-year comparison of the offer list: services matched by service id, then by offer and service name.
/// Pure. A service with several paragraphs is counted once, under its paragraphs together ("ABL § 105 + SEL § 85").
/// </summary>
public static class OfferComparison
{
    public static Comparison Compare(int fromYear, IReadOnlyList<OfferSnapshot> from, int toYear, IReadOnlyList<OfferSnapshot> to, bool coveredOnly = false)
    {
        static IEnumerable<(OfferSnapshot O, DepartmentSnapshot D, ServiceSnapshot S)> Flat(IEnumerable<OfferSnapshot> offers, bool coveredOnly) =>
            offers.SelectMany(o => o.Departments.SelectMany(d => d.Services.Where(s => !coveredOnly || s.CoveredByAgreement).Select(s => (o, d, s))));
        static string NameKey(OfferSnapshot o, ServiceSnapshot s) => (o.Name.Trim() + "\u0001" + s.Name.Trim()).ToLowerInvariant();

        var earlier = Flat(from, coveredOnly).ToList();
        var used = new bool[earlier.Count];
        var byId = new Dictionary<int, int>();
        var byName = new Dictionary<string, List<int>>();
        for (var i = 0; i < earlier.Count; i++)
        {
            if (earlier[i].S.ServiceId is int id) byId.TryAdd(id, i);
            var key = NameKey(earlier[i].O, earlier[i].S);
            if (!byName.TryGetValue(key, out var list)) byName[key] = list = [];
            list.Add(i);
        }

        var rows = new List<ComparisonRow>();
        var later = Flat(to, coveredOnly).ToList();
        var match = new int?[later.Count];
        // First every match by id, then by name among what is left, so a renamed service does not steal another's match.
        for (var j = 0; j < later.Count; j++)
        {
            if (later[j].S.ServiceId is int id && byId.TryGetValue(id, out var i) && !used[i]) { match[j] = i; used[i] = true; }
        }
        for (var j = 0; j < later.Count; j++)
        {
            if (match[j] is not null) continue;
            if (byName.TryGetValue(NameKey(later[j].O, later[j].S), out var candidates)
                && candidates.Where(c => !used[c]).Select(c => (int?)c).FirstOrDefault() is int free)
            {
                match[j] = free; used[free] = true;
            }
        }
        for (var j = 0; j < later.Count; j++)
        {
            var (o, d, s) = later[j];
            var before = match[j] is int i ? earlier[i].S : null;
            var change = before is null ? ComparisonChange.New : o.Status == OfferStatus.Closed ? ComparisonChange.Closed : ComparisonChange.Continued;
            rows.Add(new ComparisonRow(o.OfferId, o.Name, o.OperatorName, d.Name, s.Name, Bases(s), before?.Places, s.Places,
                before?.Rate, before?.RateUnit, s.Rate, s.RateUnit, change));
        }
        for (var i = 0; i < earlier.Count; i++)
        {
            if (used[i]) continue;
            var (o, d, s) = earlier[i];
            rows.Add(new ComparisonRow(o.OfferId, o.Name, o.OperatorName, d.Name, s.Name, Bases(s), s.Places, null, s.Rate, s.RateUnit, null, null, ComparisonChange.Closed));
        }

        var comparer = StringComparer.Create(Danish.Culture, true);
        rows = rows.OrderBy(r => r.Operator, comparer).ThenBy(r => r.Offer, comparer).ThenBy(r => r.Department, comparer).ThenBy(r => r.Service, comparer).ToList();

        List<ComparisonTotal> Totals(Func<ComparisonRow, string> key) => rows.GroupBy(key)
            .Select(g => new ComparisonTotal(g.Key, g.Sum(r => r.PlacesFrom ?? 0), g.Sum(r => r.PlacesTo ?? 0)))
            .OrderBy(t => OfferListView.NaturalKey(t.Name), comparer).ToList();
        var total = new ComparisonTotal("I alt", rows.Sum(r => r.PlacesFrom ?? 0), rows.Sum(r => r.PlacesTo ?? 0));
        return new Comparison(fromYear, toYear, rows, Totals(r => r.LegalBases), Totals(r => r.Operator), total);
    }

    private static string Bases(ServiceSnapshot s) => s.LegalBases.Count == 0 ? "(ingen paragraf)" : string.Join(" + ", s.LegalBases);

    /// <summary>(to − from) / from in per cent; null without a base to compare with.</summary>
    public static decimal? ChangePercent(decimal? from, decimal? to) =>
        from is decimal f && to is decimal t && f != 0 ? (t - f) / f * 100m : null;

    public static decimal? ChangePercent(int? from, int? to) => ChangePercent((decimal?)from, (decimal?)to);

    public static string ChangeName(ComparisonChange c) => c switch
    {
        ComparisonChange.New => "Ny",
        ComparisonChange.Closed => "Lukket",
        _ => "",
    };
}
