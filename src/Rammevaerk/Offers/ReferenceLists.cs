using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Offers;

/// <summary>
/// The maintained lists every installation starts with: legal bases and target groups. The secretariat keeps them
/// on the Lister page afterwards; entries in use are deactivated, never deleted.
/// </summary>
public static class ReferenceLists
{
    public static readonly (string Code, string Title, AgeScope Scope)[] LegalBases =
    [
        ("SEL § 84", "Aflastning og midlertidigt ophold", AgeScope.All),
        ("SEL § 85", "Socialpædagogisk støtte", AgeScope.Adults),
        ("SEL § 101", "Behandling af stofmisbrug", AgeScope.Adults),
        ("SEL § 101 a", "Anonym ambulant stofmisbrugsbehandling", AgeScope.All),
        ("SEL § 103", "Beskyttet beskæftigelse", AgeScope.Adults),
        ("SEL § 104", "Aktivitets- og samværstilbud", AgeScope.Adults),
        ("SEL § 107", "Midlertidigt botilbud", AgeScope.Adults),
        ("SEL § 108", "Længerevarende botilbud", AgeScope.Adults),
        ("SEL § 109", "Krisecenter for kvinder", AgeScope.All),
        ("SEL § 110", "Forsorgshjem og herberg", AgeScope.Adults),
        ("ABL § 105", "Almen bolig for personer med handicap", AgeScope.Adults),
        ("SUL § 140", "Genoptræning", AgeScope.All),
        ("SUL § 141", "Alkoholbehandling", AgeScope.Adults),
        ("BL § 33", "Stofmisbrugsbehandling for unge", AgeScope.ChildrenAndYoung),
        ("BL § 43", "Døgninstitution for børn og unge", AgeScope.ChildrenAndYoung),
    ];

    public static readonly (string Name, AgeScope Scope)[] TargetGroups =
    [
        ("Udviklingshæmning", AgeScope.All),
        ("Erhvervet hjerneskade", AgeScope.All),
        ("Autismespektrumforstyrrelse", AgeScope.All),
        ("Fysisk funktionsnedsættelse", AgeScope.All),
        ("Sindslidelse", AgeScope.Adults),
        ("Dobbeltdiagnose", AgeScope.Adults),
        ("Stof- og alkoholmisbrug", AgeScope.All),
        ("Hjemløshed", AgeScope.Adults),
        ("Voldsramte kvinder", AgeScope.Adults),
        ("Børn og unge med funktionsnedsættelse", AgeScope.ChildrenAndYoung),
        ("Børn og unge med sociale vanskeligheder", AgeScope.ChildrenAndYoung),
    ];

    public static async Task EnsureAsync(AppDb db, CancellationToken ct = default)
    {
        var bases = await db.LegalBases.Select(l => l.Code).ToListAsync(ct);
        var order = 0;
        foreach (var (code, title, scope) in LegalBases)
        {
            order++;
            if (!bases.Contains(code)) db.LegalBases.Add(new LegalBasis { Code = code, Title = title, Scope = scope, SortOrder = order * 10 });
        }
        var groups = await db.TargetGroups.Select(t => t.Name).ToListAsync(ct);
        order = 0;
        foreach (var (name, scope) in TargetGroups)
        {
            order++;
            if (!groups.Contains(name)) db.TargetGroups.Add(new TargetGroup { Name = name, Scope = scope, SortOrder = order * 10 });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether a legal basis can serve a target group: an adults' paragraph cannot serve children, and back.</summary>
    public static bool Fits(AgeScope legalBasis, AgeScope targetGroup) =>
        legalBasis == AgeScope.All || targetGroup == AgeScope.All || legalBasis == targetGroup;

    public static string DanishName(AgeScope scope) => scope switch
    {
        AgeScope.Adults => "voksne",
        AgeScope.ChildrenAndYoung => "børn og unge",
        _ => "alle aldre",
    };
}

public static class OfferNames
{
    public static string Status(OfferStatus s) => s switch
    {
        OfferStatus.Active => "Aktivt",
        OfferStatus.Closing => "Under lukning",
        OfferStatus.Closed => "Lukket",
        _ => s.ToString(),
    };

    public static string Unit(RateUnit? u) => u switch
    {
        RateUnit.PerDay => "pr. døgn",
        RateUnit.PerMonth => "pr. måned",
        RateUnit.PerYear => "pr. år",
        RateUnit.PerHour => "pr. time",
        _ => "",
    };

    /// <summary>The words a workbook or form may use for a rate unit, and the unit they mean.</summary>
    public static readonly IReadOnlyDictionary<string, RateUnit> UnitWords = new Dictionary<string, RateUnit>(StringComparer.OrdinalIgnoreCase)
    {
        ["pr. døgn"] = RateUnit.PerDay, ["døgn"] = RateUnit.PerDay, ["dag"] = RateUnit.PerDay, ["pr. dag"] = RateUnit.PerDay,
        ["pr. måned"] = RateUnit.PerMonth, ["måned"] = RateUnit.PerMonth, ["md."] = RateUnit.PerMonth,
        ["pr. år"] = RateUnit.PerYear, ["år"] = RateUnit.PerYear,
        ["pr. time"] = RateUnit.PerHour, ["time"] = RateUnit.PerHour,
    };

    public static readonly IReadOnlyDictionary<string, OfferStatus> StatusWords = new Dictionary<string, OfferStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["Aktivt"] = OfferStatus.Active, ["Aktiv"] = OfferStatus.Active,
        ["Under lukning"] = OfferStatus.Closing, ["Lukker"] = OfferStatus.Closing,
        ["Lukket"] = OfferStatus.Closed,
    };

    public static string OperatorKind(OperatorKind k) => k switch
    {
        Offers.OperatorKind.Municipality => "Kommune",
        Offers.OperatorKind.Region => "Region",
        _ => "Privat",
    };
}
