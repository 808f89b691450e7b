using Rammevaerk.Offers;

namespace Rammevaerk.Reporting.Validation;

/// <summary>
/// The ids an operator's report may carry: the operator's own offers in the register, each with its departments and
/// their services. Nothing in a report decides what it touches: an offer, department or service id that is not here
/// (another operator's offer, a service of another department, an id that does not exist) is an error on that field
/// or cell, never a new record or a record moved. Pure: the ids come from the register (<c>ReportingService.OwnedAsync</c>).
/// </summary>
public sealed class OwnedOffers
{
    private readonly Dictionary<int, Dictionary<int, HashSet<int>>> offers;

    public OwnedOffers(string operatorName, IEnumerable<(int OfferId, int? DepartmentId, int? ServiceId)> ids)
    {
        OperatorName = operatorName;
        offers = [];
        foreach (var (offer, department, service) in ids)
        {
            if (!offers.TryGetValue(offer, out var departments)) offers[offer] = departments = [];
            if (department is not int d) continue;
            if (!departments.TryGetValue(d, out var services)) departments[d] = services = [];
            if (service is int s) services.Add(s);
        }
    }

    /// <summary>An operator with no offers: every id is refused.</summary>
    public static OwnedOffers None(string operatorName) => new(operatorName, []);

    public string OperatorName { get; }

    public bool HasOffer(int offerId) => offers.ContainsKey(offerId);

    public bool HasDepartment(int offerId, int departmentId) => offers.TryGetValue(offerId, out var d) && d.ContainsKey(departmentId);

    public bool HasService(int offerId, int departmentId, int serviceId) =>
        offers.TryGetValue(offerId, out var d) && d.TryGetValue(departmentId, out var s) && s.Contains(serviceId);

    /// <summary>"Billund Kommunes" (Danish genitive: no extra s after s, x or z).</summary>
    public string Possessive => OperatorName.Length == 0 ? "driftsherrens"
        : OperatorName[^1] is 's' or 'x' or 'z' or 'S' or 'X' or 'Z' ? OperatorName + "'" : OperatorName + "s";

    /// <summary>
    /// The ids in <paramref name="reported"/> that are not the operator's, or stand twice, as errors pointing at the
    /// offer, department or service (fields <see cref="ReportField.OfferId"/>, <see cref="ReportField.DepartmentId"/>,
    /// <see cref="ReportField.ServiceId"/>).
    /// </summary>
    /// <remarks>With <paramref name="municipalities"/>, a buyer whose municipality code is not one of them is an error too.</remarks>
    public List<ReportIssue> Check(IReadOnlyList<OfferSnapshot> reported, IReadOnlyCollection<int>? municipalities = null)
    {
        var issues = new List<ReportIssue>();
        var departmentsSeen = new Dictionary<int, string>();
        var servicesSeen = new Dictionary<int, string>();
        for (var o = 0; o < reported.Count; o++)
        {
            var offer = reported[o];
            var label = ReportValidator.Label(offer.Name, $"Tilbud nr. {o + 1}");
            void Error(ReportField field, string message, int? d = null, int? s = null) =>
                issues.Add(new ReportIssue(IssueSeverity.Error, o, label, field, message, d, s));

            for (var b = 0; b < offer.Buyers.Count; b++)
            {
                if (municipalities is not null && !municipalities.Contains(offer.Buyers[b].MunicipalityCode))
                {
                    issues.Add(new ReportIssue(IssueSeverity.Error, o, label, ReportField.Buyer,
                        $"{label}: Køberkommunen med kode {offer.Buyers[b].MunicipalityCode} findes ikke. Vælg kommunen på listen.", BuyerIndex: b));
                }
            }
            if (offer.OfferId is int offerId && !HasOffer(offerId))
            {
                Error(ReportField.OfferId, $"{label}: Tilbud-id {offerId} er ikke et af {Possessive} tilbud. Indberetningen kan kun rumme jeres egne tilbud – " +
                                           "hent indberetningen igen; et nyt tilbud har intet tilbud-id.");
                continue;
            }
            for (var d = 0; d < offer.Departments.Count; d++)
            {
                var department = offer.Departments[d];
                var where = $"{label}, afdeling {(string.IsNullOrWhiteSpace(department.Name) ? $"nr. {d + 1}" : $"'{ReportValidator.Label(department.Name, "")}'")}";
                if (department.DepartmentId is int departmentId)
                {
                    if (offer.OfferId is not int owner || !HasDepartment(owner, departmentId))
                    {
                        Error(ReportField.DepartmentId, $"{where}: Afdeling-id {departmentId} hører ikke til tilbuddet. Hent indberetningen igen; en ny afdeling har intet afdeling-id.", d);
                        continue;
                    }
                    if (!departmentsSeen.TryAdd(departmentId, where))
                    {
                        Error(ReportField.DepartmentId, $"{where}: Afdeling-id {departmentId} står to gange (også ved {departmentsSeen[departmentId]}). Hver afdeling må kun stå én gang.", d);
                        continue;
                    }
                }
                for (var s = 0; s < department.Services.Count; s++)
                {
                    var service = department.Services[s];
                    if (service.ServiceId is not int serviceId) continue;
                    var what = $"{where}, ydelse {(string.IsNullOrWhiteSpace(service.Name) ? $"nr. {s + 1}" : $"'{ReportValidator.Label(service.Name, "")}'")}";
                    if (offer.OfferId is not int owner || department.DepartmentId is not int dept || !HasService(owner, dept, serviceId))
                    {
                        Error(ReportField.ServiceId, $"{what}: Ydelse-id {serviceId} hører ikke til afdelingen. En ydelse kan ikke flyttes til en anden afdeling eller et andet tilbud i indberetningen – " +
                                                     "hent indberetningen igen; en ny ydelse har intet ydelse-id.", d, s);
                    }
                    else if (!servicesSeen.TryAdd(serviceId, what))
                    {
                        Error(ReportField.ServiceId, $"{what}: Ydelse-id {serviceId} står to gange (også ved {servicesSeen[serviceId]}). Hver ydelse må kun stå én gang.", d, s);
                    }
                }
            }
        }
        return issues;
    }
}
