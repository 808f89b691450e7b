namespace Rammevaerk.Offers;

public enum OperatorKind
{
    Municipality,
    Region,
    Private,
}

/// <summary>
/// Who runs offers (driftsherre): a municipality, a region or a private operator. Municipalities and the region
/// report their offers in the annual reporting rounds; private operators' offers are kept by the secretariat.
/// </summary>
public sealed class Operator
{
    public int Id { get; set; }
    public OperatorKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Set when <see cref="Kind"/> is Municipality.</summary>
    public int? MunicipalityCode { get; set; }
    /// <summary>The region the operator belongs to ("Region Syddanmark"); a secretariat serves one region.</summary>
    public required string Region { get; set; }
    public string? Cvr { get; set; }
}

public enum OfferStatus
{
    Active,
    Closing,
    Closed,
}

/// <summary>
/// An offer (tilbud) as it stands now. Every change is also kept as an <see cref="OfferRevision"/>: a snapshot
/// with who, when and why, from which the register on any date and the yearly offer list are read.
/// </summary>
public sealed class Offer
{
    public const int NameLength = 200;

    public int Id { get; set; }
    public required string Name { get; set; }
    public int OperatorId { get; set; }
    public Operator? Operator { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    /// <summary>The offer's id on Tilbudsportalen, when registered there.</summary>
    public string? PortalId { get; set; }
    public OfferStatus Status { get; set; }
    /// <summary>The date the offer opened, or the date the current status took effect.</summary>
    public DateOnly? StatusSince { get; set; }
    /// <summary>For a closing or closed offer: the date it closes or closed.</summary>
    public DateOnly? ClosingDate { get; set; }
    /// <summary>The year the figures are for (the reporting year of the last approved report).</summary>
    public int Year { get; set; }
    public int Revision { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public List<OfferDepartment> Departments { get; set; } = [];
    public List<OfferRevision> Revisions { get; set; } = [];
    /// <summary>The municipalities with citizens on the offer (køberkommuner), as last reported.</summary>
    public List<OfferBuyer> Buyers { get; set; } = [];
}

/// <summary>A buying municipality of an offer and how many of its citizens use it, as reported.</summary>
public sealed class OfferBuyer
{
    public int OfferId { get; set; }
    public int MunicipalityCode { get; set; }
    public int Citizens { get; set; }
}

/// <summary>A department (afdeling) of an offer, keyed as Tilbudsportalen keys it.</summary>
public sealed class OfferDepartment
{
    public int Id { get; set; }
    public int OfferId { get; set; }
    /// <summary>Tilbudsportalen's department id, or the secretariat's own key when the department is not registered.</summary>
    public string? PortalKey { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public List<OfferService> Services { get; set; } = [];
}

public enum RateUnit
{
    PerDay,
    PerMonth,
    PerYear,
    PerHour,
}

/// <summary>A service (ydelse) of a department: its legal basis, target groups, places and rate.</summary>
public sealed class OfferService
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public required string Name { get; set; }
    public List<LegalBasis> LegalBases { get; set; } = [];
    public List<TargetGroup> TargetGroups { get; set; } = [];
    public int Places { get; set; }
    public decimal? Rate { get; set; }
    public RateUnit? RateUnit { get; set; }
    public int? RateYear { get; set; }
    /// <summary>Hours of support per citizen per day (serviceniveau).</summary>
    public decimal? ServiceLevelHours { get; set; }
    /// <summary>Covered by the framework agreement (omfattet af rammeaftalen).</summary>
    public bool CoveredByAgreement { get; set; } = true;
    public int SortOrder { get; set; }
}

public enum AgeScope
{
    /// <summary>Fits any target group.</summary>
    All,
    Adults,
    ChildrenAndYoung,
}

/// <summary>A legal paragraph from the maintained list (SEL § 107, ABL § 105, SUL § 140, …).</summary>
public sealed class LegalBasis
{
    public int Id { get; set; }
    /// <summary>How it is written: "SEL § 107".</summary>
    public required string Code { get; set; }
    public required string Title { get; set; }
    /// <summary>Which target groups the paragraph can serve: a § 107 place is for adults.</summary>
    public AgeScope Scope { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>A target group (målgruppe) from the maintained list.</summary>
public sealed class TargetGroup
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public AgeScope Scope { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>One kept state of an offer: who changed it, when, why, and the whole offer as JSON.</summary>
public sealed class OfferRevision
{
    public int Id { get; set; }
    public int OfferId { get; set; }
    public int Number { get; set; }
    public DateTime ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
    public required string Reason { get; set; }
    /// <summary>The year the figures are for; the offer list of a year is read from the revisions of that year.</summary>
    public int Year { get; set; }
    public int OperatorId { get; set; }
    public required string SnapshotJson { get; set; }
}
