using Rammevaerk.Economics.Calculations;
using Rammevaerk.Meetings;

namespace Rammevaerk.Economics;

/// <summary>Whether the amount is the total to share or an amount per citizen (per key unit).</summary>
public enum AllocationMode
{
    Total,
    PerCitizen,
}

public enum AllocationState
{
    Draft,
    Decided,
}

/// <summary>
/// A stored allocation (fordeling): the inputs only. The table is always computed from them by
/// <see cref="AllocationCalculator"/>; what an agenda item shows is a copy of the table made when it was inserted.
/// </summary>
public sealed class Allocation
{
    public const int NameLength = 200;

    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public AllocationMode Mode { get; set; }
    /// <summary>The total in kroner, or the amount per citizen (per key unit) in kroner.</summary>
    public decimal Amount { get; set; }
    /// <summary>The key is the population on 1 January of this year; null when the participants' weights are the key.</summary>
    public int? ReferenceYear { get; set; }
    public Rounding Rounding { get; set; }
    public AllocationState State { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>The agenda item the allocation was inserted into or decided under.</summary>
    public int? DecidedItemId { get; set; }
    public AgendaItem? DecidedItem { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<AllocationParticipant> Participants { get; set; } = [];
}

/// <summary>A municipality taking part in an allocation; Weight is its key when the allocation uses entered weights.</summary>
public sealed class AllocationParticipant
{
    public int AllocationId { get; set; }
    public int MunicipalityCode { get; set; }
    public decimal? Weight { get; set; }
}
