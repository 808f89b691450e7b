using Rammevaerk.Meetings;
using Rammevaerk.Offers;

namespace Rammevaerk.Capacity;

/// <summary>The kinds of capacity change the management agreement's bilag 4 names.</summary>
public enum CapacityChangeKind
{
    Opening,
    Closing,
    Expansion,
    Reduction,
    /// <summary>Places converted from one paragraph to another (Skibet: § 84 → § 107).</summary>
    Conversion,
}

public enum NoticeState
{
    Draft,
    Submitted,
    /// <summary>Put on a forum agenda; waiting for the decision.</summary>
    OnAgenda,
    Decided,
    Withdrawn,
}

/// <summary>What the forum decided on a notice (bilag 4): a joint hearing, a statement, or neither.</summary>
public enum ForumResponse
{
    Neither,
    Hearing,
    Statement,
}

/// <summary>
/// A capacity change notice (ændring i kapacitet, bilag 4): filed by an operator on one of its offers (or a new one),
/// sent to every municipality of the region and the buying municipalities, bundled onto the forum's agenda, and given
/// the forum's response. When its effective date has passed and it was decided, the register's places change.
/// </summary>
public sealed class CapacityNotice
{
    public int Id { get; set; }
    public int OperatorId { get; set; }
    public Operator? Operator { get; set; }
    /// <summary>The offer in the register, or null for a new offer named in <see cref="NewOfferName"/>.</summary>
    public int? OfferId { get; set; }
    public Offer? Offer { get; set; }
    public string? NewOfferName { get; set; }
    public CapacityChangeKind Kind { get; set; }
    /// <summary>Target group in words as the notice gives it ("unge med betydeligt eller varigt nedsat funktionsniveau").</summary>
    public string? TargetGroupText { get; set; }
    /// <summary>Begrundelse.</summary>
    public string? Reason { get; set; }
    /// <summary>Konsekvenser for køberkommuner, økonomi og serviceniveau.</summary>
    public string? Consequences { get; set; }
    /// <summary>Proces og orientering.</summary>
    public string? Process { get; set; }
    /// <summary>Tidspunkt: when the change takes effect.</summary>
    public DateOnly? EffectiveDate { get; set; }
    /// <summary>The share of the places the operator uses itself, in per cent (85 % at Bofællesskabet på Lunden).</summary>
    public decimal? OwnUsePercent { get; set; }
    public NoticeState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    /// <summary>The agenda item the notice was put on.</summary>
    public int? AgendaItemId { get; set; }
    public AgendaItem? AgendaItem { get; set; }
    public ForumResponse? Response { get; set; }
    public string? ResponseNote { get; set; }
    public DateTime? ResponseRecordedAt { get; set; }
    /// <summary>The deciding item's Beslutning, copied when the decision was registered from the minutes (written once).</summary>
    public string? DecisionText { get; set; }
    /// <summary>When the change was written to the offer register (after the effective date).</summary>
    public DateTime? AppliedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<CapacityNoticeLine> Lines { get; set; } = [];
    public List<CapacityNoticeAttachment> Attachments { get; set; } = [];
}

/// <summary>One service's places before and after (and, for new places, rate and service level).</summary>
public sealed class CapacityNoticeLine
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    /// <summary>The register's service the line changes, or null for new places.</summary>
    public int? ServiceId { get; set; }
    public required string ServiceName { get; set; }
    /// <summary>Legal basis codes before and after ("SEL § 84" → "SEL § 107"), as on the maintained list.</summary>
    public string? LegalBasesBefore { get; set; }
    public string? LegalBasesAfter { get; set; }
    public string? TargetGroups { get; set; }
    public int PlacesBefore { get; set; }
    public int PlacesAfter { get; set; }
    public decimal? RateAfter { get; set; }
    public RateUnit? RateUnitAfter { get; set; }
    public decimal? ServiceLevelHoursAfter { get; set; }
    public int SortOrder { get; set; }
}

public sealed class CapacityNoticeAttachment
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UploadedAt { get; set; }
}
