using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rammevaerk.Offers;

/// <summary>
/// An offer as plain data: what a revision keeps, what a report carries, what a workbook row holds and what the
/// validation reads. Legal bases and target groups are kept by their text (codes and names), so a snapshot
/// stays readable after the maintained lists change.
/// </summary>
public sealed record OfferSnapshot
{
    /// <summary>The register's offer, or null for an offer reported for the first time.</summary>
    public int? OfferId { get; init; }
    public string Name { get; init; } = "";
    public int OperatorId { get; init; }
    public string OperatorName { get; init; } = "";
    public string? Address { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public string? PortalId { get; init; }
    public OfferStatus Status { get; init; }
    public DateOnly? StatusSince { get; init; }
    public DateOnly? ClosingDate { get; init; }
    public int Year { get; init; }
    public List<DepartmentSnapshot> Departments { get; init; } = [];
    public List<BuyerSnapshot> Buyers { get; init; } = [];

    public IEnumerable<ServiceSnapshot> Services => Departments.SelectMany(d => d.Services);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static OfferSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<OfferSnapshot>(json, Json) ?? throw new InvalidDataException("Empty offer snapshot");

    public static OfferSnapshot Of(Offer offer) => new()
    {
        OfferId = offer.Id,
        Name = offer.Name,
        OperatorId = offer.OperatorId,
        OperatorName = offer.Operator?.Name ?? "",
        Address = offer.Address,
        PostalCode = offer.PostalCode,
        City = offer.City,
        PortalId = offer.PortalId,
        Status = offer.Status,
        StatusSince = offer.StatusSince,
        ClosingDate = offer.ClosingDate,
        Year = offer.Year,
        Departments = offer.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Id).Select(d => new DepartmentSnapshot
        {
            DepartmentId = d.Id,
            PortalKey = d.PortalKey,
            Name = d.Name,
            Services = d.Services.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => new ServiceSnapshot
            {
                ServiceId = s.Id,
                Name = s.Name,
                LegalBases = s.LegalBases.OrderBy(l => l.SortOrder).Select(l => l.Code).ToList(),
                TargetGroups = s.TargetGroups.OrderBy(t => t.SortOrder).Select(t => t.Name).ToList(),
                Places = s.Places,
                Rate = s.Rate,
                RateUnit = s.RateUnit,
                RateYear = s.RateYear,
                ServiceLevelHours = s.ServiceLevelHours,
                CoveredByAgreement = s.CoveredByAgreement,
            }).ToList(),
        }).ToList(),
        Buyers = offer.Buyers.OrderBy(b => b.MunicipalityCode)
            .Select(b => new BuyerSnapshot { MunicipalityCode = b.MunicipalityCode, Citizens = b.Citizens }).ToList(),
    };
}

/// <summary>A buying municipality with its number of citizens on the offer.</summary>
public sealed record BuyerSnapshot
{
    public int MunicipalityCode { get; init; }
    public string? MunicipalityName { get; init; }
    public int Citizens { get; init; }
}

public sealed record DepartmentSnapshot
{
    public int? DepartmentId { get; init; }
    public string? PortalKey { get; init; }
    public string Name { get; init; } = "";
    public List<ServiceSnapshot> Services { get; init; } = [];
}

public sealed record ServiceSnapshot
{
    public int? ServiceId { get; init; }
    public string Name { get; init; } = "";
    public List<string> LegalBases { get; init; } = [];
    public List<string> TargetGroups { get; init; } = [];
    public int? Places { get; init; }
    public decimal? Rate { get; init; }
    public RateUnit? RateUnit { get; init; }
    public int? RateYear { get; init; }
    public decimal? ServiceLevelHours { get; init; }
    public bool CoveredByAgreement { get; init; } = true;
    /// <summary>Why the rate moved beyond the threshold against last year (asked for by the validation).</summary>
    public string? RateChangeReason { get; init; }
    /// <summary>The reporter's comment on a warning.</summary>
    public string? Comment { get; init; }
}
