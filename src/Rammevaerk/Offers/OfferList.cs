using System.Globalization;
using Rammevaerk.Shared;

namespace Rammevaerk.Offers;

/// <summary>The public offer list's filters, as the query string carries them (so a filtered view can be linked).</summary>
public sealed record OfferListFilter
{
    public int? OperatorId { get; init; }
    public string? LegalBasis { get; init; }
    public string? TargetGroup { get; init; }
    public string? Text { get; init; }
    /// <summary>Only services covered by the framework agreement (default on).</summary>
    public bool CoveredOnly { get; init; } = true;

    /// <summary>The query string of these filters for a year ("aar=2026&amp;paragraf=…"), for links and the export.</summary>
    public string Query(int? year)
    {
        var parts = new List<string>();
        if (year is int y) parts.Add("aar=" + y.ToString(CultureInfo.InvariantCulture));
        if (OperatorId is int o) parts.Add("driftsherre=" + o.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(LegalBasis)) parts.Add("paragraf=" + Uri.EscapeDataString(LegalBasis));
        if (!string.IsNullOrWhiteSpace(TargetGroup)) parts.Add("maalgruppe=" + Uri.EscapeDataString(TargetGroup));
        if (!string.IsNullOrWhiteSpace(Text)) parts.Add("tekst=" + Uri.EscapeDataString(Text.Trim()));
        parts.Add("kun=" + (CoveredOnly ? "omfattet" : "alle"));
        return string.Join("&", parts);
    }

    /// <summary>
    /// Reads the filters from a query string. "kun" is "omfattet" or "alle"; without it (a plain link) or when the
    /// form was sent with the box unticked, the form's "aar" tells the two apart: a sent form without "kun" means all.
    /// </summary>
    public static OfferListFilter FromQuery(IQueryCollection q)
    {
        static string? S(IQueryCollection q, string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var kun = S(q, "kun");
        var formSent = q.ContainsKey("filtrer");
        return new OfferListFilter
        {
            OperatorId = int.TryParse(S(q, "driftsherre"), NumberStyles.None, CultureInfo.InvariantCulture, out var op) ? op : null,
            LegalBasis = S(q, "paragraf"),
            TargetGroup = S(q, "maalgruppe"),
            Text = S(q, "tekst") is { } t ? (t.Length > 200 ? t[..200] : t) : null,
            CoveredOnly = kun switch { "omfattet" => true, "alle" => false, _ => !formSent },
        };
    }

    /// <summary>The filters in words, for the export's second sheet.</summary>
    public IReadOnlyList<(string Label, string Value)> Describe(string? operatorName) =>
    [
        ("Driftsherre", OperatorId is null ? "Alle" : operatorName ?? $"id {OperatorId}"),
        ("Paragraf", LegalBasis ?? "Alle"),
        ("Målgruppe", TargetGroup ?? "Alle"),
        ("Fritekst", Text ?? "(ingen)"),
        ("Ydelser", CoveredOnly ? "Kun ydelser omfattet af rammeaftalen" : "Alle ydelser"),
    ];
}

/// <summary>One line of the offer list: a service with its department and offer.</summary>
public sealed record OfferListRow(OfferSnapshot Offer, DepartmentSnapshot Department, ServiceSnapshot Service);

/// <summary>Builds the offer list's lines from a year's snapshots. Pure.</summary>
public static class OfferList
{
    private static readonly CompareInfo Compare = Danish.Culture.CompareInfo;

    public static List<OfferListRow> Rows(IEnumerable<OfferSnapshot> offers, OfferListFilter filter)
    {
        var rows = new List<OfferListRow>();
        foreach (var offer in offers)
        {
            if (filter.OperatorId is int op && offer.OperatorId != op) continue;
            foreach (var department in offer.Departments)
            {
                foreach (var service in department.Services)
                {
                    if (filter.CoveredOnly && !service.CoveredByAgreement) continue;
                    if (filter.LegalBasis is { } code && !service.LegalBases.Contains(code, StringComparer.OrdinalIgnoreCase)) continue;
                    if (filter.TargetGroup is { } group && !service.TargetGroups.Contains(group, StringComparer.OrdinalIgnoreCase)) continue;
                    if (filter.Text is { } text && !Matches(text, offer, department, service)) continue;
                    rows.Add(new OfferListRow(offer, department, service));
                }
            }
        }
        return rows;
    }

    private static bool Matches(string text, OfferSnapshot offer, DepartmentSnapshot department, ServiceSnapshot service)
    {
        string?[] fields = [offer.Name, offer.OperatorName, offer.Address, offer.PostalCode, offer.City, offer.PortalId, department.Name, department.PortalKey, service.Name];
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.All(w => fields.Any(f => f is not null && Compare.IndexOf(f, w, CompareOptions.IgnoreCase) >= 0)
            || service.LegalBases.Concat(service.TargetGroups).Any(f => Compare.IndexOf(f, w, CompareOptions.IgnoreCase) >= 0));
    }

    /// <summary>"2.422 kr." (two decimals only when there are øre).</summary>
    public static string Rate(decimal? rate) =>
        rate is decimal r ? Danish.Number(r, r == decimal.Truncate(r) ? 0 : 2) + " kr." : "";

    /// <summary>"2.422 kr. pr. døgn".</summary>
    public static string RateWithUnit(decimal? rate, RateUnit? unit) =>
        rate is null ? "" : (Rate(rate) + " " + OfferNames.Unit(unit)).Trim();

    /// <summary>"8,4" hours.</summary>
    public static string Hours(decimal? hours) => hours is decimal h ? h.ToString("0.##", Danish.Culture) : "";

    /// <summary>"+10,0 %", "−5,0 %", "0,0 %" (a change in per cent with its sign).</summary>
    public static string Percent(decimal? percent) => percent is decimal p
        ? (p > 0 ? "+" : p < 0 ? "−" : "") + Math.Abs(Math.Round(p, 1, MidpointRounding.AwayFromZero)).ToString("0.0", Danish.Culture) + " %"
        : "";

    /// <summary>A paragraph as one unbreakable unit ("SEL § 107" never wraps at its spaces).</summary>
    public static string Unbroken(string code) => code.Replace(' ', '\u00A0');
}
