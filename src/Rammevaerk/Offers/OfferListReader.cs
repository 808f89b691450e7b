namespace Rammevaerk.Offers;

/// <summary>What the public offer list and its export show for a request: the year, its offers and the filtered lines.</summary>
public sealed record OfferListView(
    IReadOnlyList<int> Years, int? Year, OfferListFilter Filter, List<OfferSnapshot> Offers, List<OfferListRow> Rows)
{
    /// <summary>The chosen year's reporting round is still open: the list holds the reports approved so far.</summary>
    public bool InProgress { get; init; }

    public IEnumerable<(int Id, string Name)> Operators => Offers.GroupBy(o => o.OperatorId)
        .Select(g => (g.Key, g.First().OperatorName)).OrderBy(o => o.Item2, StringComparer.Create(Shared.Danish.Culture, true));

    public IEnumerable<string> LegalBases => Offers.SelectMany(o => o.Services).SelectMany(s => s.LegalBases)
        .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(NaturalKey, StringComparer.Create(Shared.Danish.Culture, true));

    /// <summary>"SEL § 84" before "SEL § 103": numbers compared as numbers.</summary>
    public static string NaturalKey(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\d+", m => m.Value.PadLeft(6, '0'));

    public IEnumerable<string> TargetGroups => Offers.SelectMany(o => o.Services).SelectMany(s => s.TargetGroups)
        .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(c => c, StringComparer.Create(Shared.Danish.Culture, true));

    public string? OperatorName => Filter.OperatorId is int id ? Offers.FirstOrDefault(o => o.OperatorId == id)?.OperatorName : null;

    public int OfferCount => Rows.Select(r => r.Offer.OfferId).Distinct().Count();

    public int Places => Rows.Sum(r => r.Service.Places ?? 0);
}

public static class OfferListReader
{
    /// <summary>
    /// The list of <paramref name="year"/> with the filters applied; by default the newest year whose reporting round
    /// is over (a round in progress has only some operators' figures), else the newest year with figures.
    /// </summary>
    public static async Task<OfferListView> ReadAsync(OfferRegister register, string region, int? year, OfferListFilter filter, CancellationToken ct)
    {
        var years = await register.YearsAsync(region, ct);
        var open = await register.OpenRoundYearsAsync(region, ct);
        int? chosen = year is int y && years.Contains(y) ? y
            : years.Where(x => !open.Contains(x)).Select(x => (int?)x).FirstOrDefault() ?? (years.Count > 0 ? years[0] : null);
        var offers = chosen is int c ? await register.ForYearAsync(region, c, ct) : [];
        return new OfferListView(years, chosen, filter, offers, OfferList.Rows(offers, filter)) { InProgress = chosen is int o && open.Contains(o) };
    }
}
