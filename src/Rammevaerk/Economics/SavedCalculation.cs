namespace Rammevaerk.Economics;

/// <summary>The maintained price and wage index (p/l-fremskrivning): the change in per cent from the year before.</summary>
public sealed class PriceWageIndexYear
{
    public int Year { get; set; }
    public decimal Percent { get; set; }
    /// <summary>Where the figure came from ("KL, juni 2026").</summary>
    public string? Source { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

public enum CalculationKind
{
    /// <summary>A budget table with overhead (seed 001 table 3).</summary>
    BudgetTable,
    /// <summary>A rate calculation with the two interest models side by side.</summary>
    RateCalculation,
    /// <summary>Financing models for a deficit side by side (seed 000 item 3).</summary>
    DeficitScenarios,
    /// <summary>A guarantee over several years with a yearly amount.</summary>
    Guarantee,
    /// <summary>A per-citizen fee indexed by the price and wage index.</summary>
    IndexedFee,
}

/// <summary>
/// A stored calculation other than an allocation: its kind, a name and its inputs as JSON. The result is always
/// computed from the inputs by the pure classes in Economics/Calculations.
/// </summary>
public sealed class SavedCalculation
{
    public int Id { get; set; }
    public CalculationKind Kind { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string InputsJson { get; set; }
    public AllocationState State { get; set; }
    public DateTime? DecidedAt { get; set; }
    public int? DecidedItemId { get; set; }
    public Meetings.AgendaItem? DecidedItem { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
