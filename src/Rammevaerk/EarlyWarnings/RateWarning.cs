using Rammevaerk.Meetings;
using Rammevaerk.Offers;

namespace Rammevaerk.EarlyWarnings;

public enum WarningState
{
    /// <summary>Forventet.</summary>
    Expected,
    /// <summary>Politisk besluttet.</summary>
    PoliticallyDecided,
    /// <summary>Trukket tilbage.</summary>
    Withdrawn,
}

/// <summary>
/// An early warning (early warning): a selling municipality tells its buyers that a rate is expected to rise beyond
/// price and wage indexing. Filed any time, or in answer to the secretariat's yearly round (May/June).
/// </summary>
[Hosting.NotPublicData("Early warnings are read by signed-in users only (decision 0005).")]
public sealed class RateWarning
{
    public int Id { get; set; }
    public int OperatorId { get; set; }
    public Operator? Operator { get; set; }
    public int OfferId { get; set; }
    public Offer? Offer { get; set; }
    /// <summary>The service whose rate moves; null when the whole offer's rates move alike.</summary>
    public int? ServiceId { get; set; }
    /// <summary>The expected change in per cent, or in kroner (per the service's rate unit); at least one is given.</summary>
    public decimal? ChangePercent { get; set; }
    public decimal? ChangeAmount { get; set; }
    public required string Reason { get; set; }
    public DateOnly ExpectedFrom { get; set; }
    public WarningState State { get; set; }
    public int? RoundId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

public enum WarningRoundState
{
    Open,
    Closed,
}

/// <summary>The secretariat's yearly early-warning round: every operator warns or says it has nothing to warn.</summary>
public sealed class WarningRound
{
    public int Id { get; set; }
    public required string Region { get; set; }
    public int Year { get; set; }
    public DateOnly Deadline { get; set; }
    public string? Instructions { get; set; }
    public WarningRoundState State { get; set; }
    public DateTime OpenedAt { get; set; }
    public string? OpenedBy { get; set; }
    /// <summary>The agenda item the summary was put on.</summary>
    public int? AgendaItemId { get; set; }
    public AgendaItem? AgendaItem { get; set; }
    public List<WarningRoundAnswer> Answers { get; set; } = [];
}

/// <summary>An operator's answer to a round: it has filed warnings, or it has nothing to warn.</summary>
public sealed class WarningRoundAnswer
{
    public int RoundId { get; set; }
    public int OperatorId { get; set; }
    public bool NothingToWarn { get; set; }
    public DateTime AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
}
