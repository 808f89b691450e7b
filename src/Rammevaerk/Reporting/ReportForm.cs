using System.Globalization;
using Rammevaerk.Offers;
using Rammevaerk.Reporting.Validation;
using Rammevaerk.Shared;

namespace Rammevaerk.Reporting;

/// <summary>
/// The browser form of a report: numbers and dates as the clerk typed them, so a typing mistake is shown back
/// with a Danish message instead of being lost in model binding. Converted to and from <see cref="OfferSnapshot"/>.
/// </summary>
public sealed class ReportForm
{
    public List<OfferInput> Offers { get; set; } = [];

    public sealed class OfferInput
    {
        public int? OfferId { get; set; }
        public string? Name { get; set; }
        public string? Address { get; set; }
        public string? PostalCode { get; set; }
        public string? City { get; set; }
        public string? PortalId { get; set; }
        public OfferStatus Status { get; set; }
        public string? StatusSince { get; set; }
        public string? ClosingDate { get; set; }
        /// <summary>Only a new offer (not yet in the register) can be removed from the report.</summary>
        public bool Remove { get; set; }
        public List<DepartmentInput> Departments { get; set; } = [];
        public List<BuyerInput> Buyers { get; set; } = [];
    }

    public sealed class DepartmentInput
    {
        public int? DepartmentId { get; set; }
        public string? PortalKey { get; set; }
        public string? Name { get; set; }
        public List<ServiceInput> Services { get; set; } = [];
    }

    public sealed class ServiceInput
    {
        public int? ServiceId { get; set; }
        public string? Name { get; set; }
        public List<string> LegalBases { get; set; } = [];
        public List<string> TargetGroups { get; set; } = [];
        public string? Places { get; set; }
        public string? Rate { get; set; }
        public RateUnit? RateUnit { get; set; }
        public string? RateYear { get; set; }
        public string? ServiceLevel { get; set; }
        public bool Covered { get; set; } = true;
        public string? RateChangeReason { get; set; }
        public string? Comment { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class BuyerInput
    {
        public int? MunicipalityCode { get; set; }
        public string? Citizens { get; set; }
        public bool Remove { get; set; }
    }

    public static ReportForm From(IEnumerable<OfferSnapshot> offers) => new()
    {
        Offers = offers.Select(o => new OfferInput
        {
            OfferId = o.OfferId, Name = o.Name, Address = o.Address, PostalCode = o.PostalCode, City = o.City, PortalId = o.PortalId,
            Status = o.Status, StatusSince = Iso(o.StatusSince), ClosingDate = Iso(o.ClosingDate),
            Departments = o.Departments.Select(d => new DepartmentInput
            {
                DepartmentId = d.DepartmentId, PortalKey = d.PortalKey, Name = d.Name,
                Services = d.Services.Select(s => new ServiceInput
                {
                    ServiceId = s.ServiceId, Name = s.Name, LegalBases = [.. s.LegalBases], TargetGroups = [.. s.TargetGroups],
                    Places = s.Places?.ToString(CultureInfo.InvariantCulture), Rate = s.Rate is { } r ? r.ToString("0.##", Danish.Culture) : null,
                    RateUnit = s.RateUnit, RateYear = s.RateYear?.ToString(CultureInfo.InvariantCulture),
                    ServiceLevel = s.ServiceLevelHours is { } h ? h.ToString("0.##", Danish.Culture) : null,
                    Covered = s.CoveredByAgreement, RateChangeReason = s.RateChangeReason, Comment = s.Comment,
                }).ToList(),
            }).ToList(),
            Buyers = o.Buyers.Select(b => new BuyerInput { MunicipalityCode = b.MunicipalityCode, Citizens = b.Citizens.ToString(CultureInfo.InvariantCulture) }).ToList(),
        }).ToList(),
    };

    /// <summary>The snapshots the form describes (removed rows left out) and the typing mistakes found on the way.</summary>
    public (List<OfferSnapshot> Offers, List<ReportIssue> Problems) ToSnapshots()
    {
        var problems = new List<ReportIssue>();
        var result = new List<OfferSnapshot>();
        var kept = Offers.Where(o => !(o.Remove && o.OfferId is null)).ToList();
        for (var oi = 0; oi < kept.Count; oi++)
        {
            var o = kept[oi];
            var label = ReportValidator.Label(o.Name, $"Tilbud nr. {oi + 1}");
            var departments = new List<DepartmentSnapshot>();
            var keptDepartments = o.Departments.Where(d => d.Services.Any(s => !s.Remove) || !string.IsNullOrWhiteSpace(d.Name)).ToList();
            for (var di = 0; di < keptDepartments.Count; di++)
            {
                var d = keptDepartments[di];
                var services = new List<ServiceSnapshot>();
                var keptServices = d.Services.Where(s => !s.Remove).ToList();
                for (var si = 0; si < keptServices.Count; si++)
                {
                    var s = keptServices[si];
                    var what = $"{label}, {ReportValidator.Label(s.Name, $"ydelse nr. {si + 1}")}";
                    void Bad(ReportField field, string message) =>
                        problems.Add(new ReportIssue(IssueSeverity.Error, oi, label, field, $"{what}: {message}", di, si));
                    services.Add(new ServiceSnapshot
                    {
                        ServiceId = s.ServiceId,
                        Name = s.Name?.Trim() ?? "",
                        LegalBases = s.LegalBases.Where(x => !string.IsNullOrWhiteSpace(x)).ToList(),
                        TargetGroups = s.TargetGroups.Where(x => !string.IsNullOrWhiteSpace(x)).ToList(),
                        Places = Int(s.Places, ReportField.Places, Bad),
                        Rate = Dec(s.Rate, ReportField.Rate, Bad),
                        RateUnit = s.RateUnit,
                        RateYear = Int(s.RateYear, ReportField.RateYear, Bad),
                        ServiceLevelHours = Dec(s.ServiceLevel, ReportField.ServiceLevel, Bad),
                        CoveredByAgreement = s.Covered,
                        RateChangeReason = Trim(s.RateChangeReason),
                        Comment = Trim(s.Comment),
                    });
                }
                departments.Add(new DepartmentSnapshot { DepartmentId = d.DepartmentId, PortalKey = Trim(d.PortalKey), Name = d.Name?.Trim() ?? "", Services = services });
            }
            var buyers = new List<BuyerSnapshot>();
            var keptBuyers = o.Buyers.Where(b => !b.Remove && (b.MunicipalityCode is not null || !string.IsNullOrWhiteSpace(b.Citizens))).ToList();
            for (var bi = 0; bi < keptBuyers.Count; bi++)
            {
                var b = keptBuyers[bi];
                if (b.MunicipalityCode is null)
                {
                    problems.Add(new ReportIssue(IssueSeverity.Error, oi, label, ReportField.Buyer, $"{label}: Vælg køberkommunen i linje {bi + 1}.", BuyerIndex: bi));
                    continue;
                }
                var citizens = Int(b.Citizens, ReportField.Citizens, (f, m) =>
                    problems.Add(new ReportIssue(IssueSeverity.Error, oi, label, f, $"{label}, køberkommune: {m}", BuyerIndex: bi)));
                buyers.Add(new BuyerSnapshot { MunicipalityCode = b.MunicipalityCode.Value, Citizens = citizens ?? 0 });
            }
            result.Add(new OfferSnapshot
            {
                OfferId = o.OfferId, Name = o.Name?.Trim() ?? "", Address = Trim(o.Address), PostalCode = Trim(o.PostalCode), City = Trim(o.City),
                PortalId = Trim(o.PortalId), Status = o.Status,
                StatusSince = Date(o.StatusSince, ReportField.StatusSince, oi, label, problems),
                ClosingDate = Date(o.ClosingDate, ReportField.ClosingDate, oi, label, problems),
                Departments = departments, Buyers = buyers,
            });
        }
        // Keep the form in step with what was kept, so indexes of messages match the form shown back.
        Offers = kept;
        foreach (var o in Offers)
        {
            o.Departments = o.Departments.Where(d => d.Services.Any(s => !s.Remove) || !string.IsNullOrWhiteSpace(d.Name)).ToList();
            foreach (var d in o.Departments) d.Services = d.Services.Where(s => !s.Remove).ToList();
            o.Buyers = o.Buyers.Where(b => !b.Remove && (b.MunicipalityCode is not null || !string.IsNullOrWhiteSpace(b.Citizens))).ToList();
        }
        return (result, problems);
    }

    /// <summary>The id of the form control a message points at, for the links in the error summary.</summary>
    public static string FieldId(ReportIssue issue)
    {
        var prefix = $"Form_Offers_{issue.OfferIndex}__";
        if (issue.BuyerIndex is { } b) return $"{prefix}Buyers_{b}__{(issue.Field == ReportField.Citizens ? "Citizens" : "MunicipalityCode")}";
        if (issue.DepartmentIndex is { } d && issue.ServiceIndex is { } s)
        {
            var field = issue.Field switch
            {
                ReportField.ServiceName => "Name",
                ReportField.LegalBases => "LegalBases",
                ReportField.TargetGroups => "TargetGroups",
                ReportField.Places => "Places",
                ReportField.Rate => "Rate",
                ReportField.RateUnit => "RateUnit",
                ReportField.RateYear => "RateYear",
                ReportField.ServiceLevel => "ServiceLevel",
                ReportField.Covered => "Covered",
                ReportField.RateChangeReason => "RateChangeReason",
                _ => "Comment",
            };
            return $"{prefix}Departments_{d}__Services_{s}__{field}";
        }
        if (issue.DepartmentIndex is { } dep) return $"{prefix}Departments_{dep}__{(issue.Field == ReportField.DepartmentKey ? "PortalKey" : "Name")}";
        return prefix + (issue.Field switch
        {
            ReportField.Address => "Address",
            ReportField.PostalCode => "PostalCode",
            ReportField.City => "City",
            ReportField.PortalId => "PortalId",
            ReportField.Status => "Status",
            ReportField.StatusSince => "StatusSince",
            ReportField.ClosingDate => "ClosingDate",
            _ => "Name",
        });
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>What was typed, as a message quotes it: at most 60 characters.</summary>
    private static string Clip(string text) => ReportValidator.Label(text, "");

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int? Int(string? text, ReportField field, Action<ReportField, string> bad)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // "." is the thousands separator ("1.000"); "8.4" is not a whole number and must not become 84.
        if (DanishInput.Whole(text) is int value) return value;
        bad(field, $"{ReportFieldNames.Danish(field)} skal være et helt tal – der står '{Clip(text)}'.");
        return null;
    }

    private static decimal? Dec(string? text, ReportField field, Action<ReportField, string> bad)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // "2422.50" (a decimal point) is refused, never read as 242.250 kr.
        if (DanishInput.Number(text) is decimal value) return value;
        bad(field, $"{ReportFieldNames.Danish(field)} skal være et tal (fx 2.422 eller 8,4) – der står '{Clip(text)}'.");
        return null;
    }

    private static DateOnly? Date(string? text, ReportField field, int offerIndex, string label, List<ReportIssue> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DanishInput.Date(text) is DateOnly d) return d;
        problems.Add(new ReportIssue(IssueSeverity.Error, offerIndex, label, field, $"{label}: {ReportFieldNames.Danish(field)} skal være en dato (fx 1.9.2025) – der står '{Clip(text)}'."));
        return null;
    }
}
