using Rammevaerk.Offers;

namespace Rammevaerk.Reporting;

public enum RoundState
{
    Open,
    Closed,
}

/// <summary>An annual reporting round (årlig indberetning) the secretariat opens for one region.</summary>
public sealed class ReportingRound
{
    public int Id { get; set; }
    public required string Region { get; set; }
    public int Year { get; set; }
    public DateOnly Deadline { get; set; }
    public string? Instructions { get; set; }
    /// <summary>A rate that moves more than this per cent against last year needs a reason.</summary>
    public decimal RateChangeThresholdPercent { get; set; } = 10m;
    public RoundState State { get; set; }
    public DateTime OpenedAt { get; set; }
    public string? OpenedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
    public List<OperatorReport> Reports { get; set; } = [];
}

public enum ReportState
{
    NotStarted,
    Draft,
    Submitted,
    Returned,
    Approved,
}

public enum ReportSource
{
    Browser,
    Workbook,
}

/// <summary>
/// One operator's report in a round: the offers as the operator reports them (JSON list of
/// <see cref="OfferSnapshot"/>), pre-filled from the register when the round opens.
/// </summary>
[Hosting.NotPublicData("Reports in progress; only approval reaches the public register (its revisions are public).")]
public sealed class OperatorReport
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public ReportingRound? Round { get; set; }
    public int OperatorId { get; set; }
    public Operator? Operator { get; set; }
    public ReportState State { get; set; }
    public required string ContentJson { get; set; }
    public ReportSource? LastSource { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    /// <summary>The secretariat's comment when it sends a report back (or approves it with a remark).</summary>
    public string? SecretariatComment { get; set; }
    public DateTime? LastRemindedAt { get; set; }
    public int Reminders { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>Half-yearly occupancy (belægning) of a service: occupied days in, occupancy per cent out.</summary>
public sealed class OccupancyRecord
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public int Year { get; set; }
    /// <summary>1 for January–June, 2 for July–December.</summary>
    public int Half { get; set; }
    public decimal OccupiedDays { get; set; }
    /// <summary>The places the occupancy is measured against (the service's places when reported).</summary>
    public int Places { get; set; }
    public DateTime ReportedAt { get; set; }
    public string? ReportedBy { get; set; }
}

/// <summary>Per-region switches the forum decides (occupancy reporting was stopped in Syddanmark in 2025).</summary>
public sealed class RegionSettings
{
    public required string Region { get; set; }
    public bool OccupancyReporting { get; set; }
}
