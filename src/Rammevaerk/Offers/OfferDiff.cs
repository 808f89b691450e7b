using Rammevaerk.Shared;

namespace Rammevaerk.Offers;

/// <summary>One field that differs between two states of an offer, in Danish: where, which field, before and after.</summary>
public sealed record FieldChange(string Where, string Field, string Before, string After);

/// <summary>
/// Field-level differences between two snapshots of an offer. Departments and services are matched by id, then by
/// name; one only in the later snapshot is "tilføjet", one only in the earlier "fjernet". Pure.
/// </summary>
public static class OfferDiff
{
    public const string Offer = "Tilbuddet";

    public static List<FieldChange> Changes(OfferSnapshot a, OfferSnapshot b, IReadOnlyDictionary<int, string>? municipalities = null)
    {
        var changes = new List<FieldChange>();
        void F(string where, string field, string? before, string? after)
        {
            before ??= ""; after ??= "";
            if (before != after) changes.Add(new FieldChange(where, field, before == "" ? "(tom)" : before, after == "" ? "(tom)" : after));
        }

        F(Offer, "Navn", a.Name, b.Name);
        F(Offer, "Driftsherre", a.OperatorName, b.OperatorName);
        F(Offer, "Adresse", a.Address, b.Address);
        F(Offer, "Postnr.", a.PostalCode, b.PostalCode);
        F(Offer, "By", a.City, b.City);
        F(Offer, "Tilbudsportalen-id", a.PortalId, b.PortalId);
        F(Offer, "Status", OfferNames.Status(a.Status), OfferNames.Status(b.Status));
        F(Offer, "Status fra", Date(a.StatusSince), Date(b.StatusSince));
        F(Offer, "Lukkedato", Date(a.ClosingDate), Date(b.ClosingDate));
        F(Offer, "År for tallene", a.Year.ToString(), b.Year.ToString());

        var used = new HashSet<DepartmentSnapshot>();
        foreach (var db in b.Departments)
        {
            var da = a.Departments.FirstOrDefault(x => !used.Contains(x) && x.DepartmentId is not null && x.DepartmentId == db.DepartmentId)
                ?? a.Departments.FirstOrDefault(x => !used.Contains(x) && string.Equals(x.Name, db.Name, StringComparison.OrdinalIgnoreCase));
            var where = $"Afdeling '{db.Name}'";
            if (da is null)
            {
                changes.Add(new FieldChange(where, "Afdeling", "(ingen)", "tilføjet"));
                foreach (var s in db.Services) changes.Add(new FieldChange($"{where}, ydelse '{s.Name}'", "Ydelse", "(ingen)", "tilføjet: " + Summary(s)));
                continue;
            }
            used.Add(da);
            F(where, "Afdelingens navn", da.Name, db.Name);
            F(where, "Afdelingsnr.", da.PortalKey, db.PortalKey);
            var usedServices = new HashSet<ServiceSnapshot>();
            foreach (var sb in db.Services)
            {
                var sa = da.Services.FirstOrDefault(x => !usedServices.Contains(x) && x.ServiceId is not null && x.ServiceId == sb.ServiceId)
                    ?? da.Services.FirstOrDefault(x => !usedServices.Contains(x) && string.Equals(x.Name, sb.Name, StringComparison.OrdinalIgnoreCase));
                var sw = $"{where}, ydelse '{sb.Name}'";
                if (sa is null)
                {
                    changes.Add(new FieldChange(sw, "Ydelse", "(ingen)", "tilføjet: " + Summary(sb)));
                    continue;
                }
                usedServices.Add(sa);
                F(sw, "Ydelsens navn", sa.Name, sb.Name);
                F(sw, "Paragraf", string.Join(", ", sa.LegalBases), string.Join(", ", sb.LegalBases));
                F(sw, "Målgruppe", string.Join(", ", sa.TargetGroups), string.Join(", ", sb.TargetGroups));
                F(sw, "Pladser", sa.Places?.ToString(Danish.Culture), sb.Places?.ToString(Danish.Culture));
                F(sw, "Takst", OfferList.Rate(sa.Rate), OfferList.Rate(sb.Rate));
                F(sw, "Takstenhed", OfferNames.Unit(sa.RateUnit), OfferNames.Unit(sb.RateUnit));
                F(sw, "Takstår", sa.RateYear?.ToString(), sb.RateYear?.ToString());
                F(sw, "Serviceniveau (timer pr. borger pr. døgn)", OfferList.Hours(sa.ServiceLevelHours), OfferList.Hours(sb.ServiceLevelHours));
                F(sw, "Omfattet af rammeaftalen", sa.CoveredByAgreement ? "Ja" : "Nej", sb.CoveredByAgreement ? "Ja" : "Nej");
            }
            foreach (var gone in da.Services.Where(s => !usedServices.Contains(s)))
                changes.Add(new FieldChange($"{where}, ydelse '{gone.Name}'", "Ydelse", Summary(gone), "fjernet"));
        }
        foreach (var gone in a.Departments.Where(d => !used.Contains(d)))
            changes.Add(new FieldChange($"Afdeling '{gone.Name}'", "Afdeling", $"{gone.Services.Count} ydelse(r)", "fjernet"));

        string Buyers(OfferSnapshot s) => string.Join(", ", s.Buyers.OrderBy(x => x.MunicipalityCode)
            .Select(x => $"{(municipalities?.GetValueOrDefault(x.MunicipalityCode) ?? x.MunicipalityName ?? x.MunicipalityCode.ToString())}: {x.Citizens}"));
        F(Offer, "Køberkommuner", Buyers(a), Buyers(b));
        return changes;
    }

    private static string Date(DateOnly? d) => d?.ToString("d. MMMM yyyy", Danish.Culture) ?? "";

    private static string Summary(ServiceSnapshot s) =>
        $"{s.Name} ({string.Join(", ", s.LegalBases)}; {s.Places ?? 0} pladser{(s.Rate is null ? "" : "; " + OfferList.RateWithUnit(s.Rate, s.RateUnit))})";
}
