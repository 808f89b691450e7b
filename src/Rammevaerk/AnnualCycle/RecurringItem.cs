using Rammevaerk.Bodies;

namespace Rammevaerk.AnnualCycle;

/// <summary>
/// An item of the annual cycle (årshjul): it comes back every year in a month for a body — the drug treatment's
/// annual status in June, the early-warning round in May/June, next year's meeting plan. A draft agenda is offered
/// the recurring items due at its date.
/// </summary>
public sealed class RecurringItem
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public int BodyId { get; set; }
    public Body? Body { get; set; }
    /// <summary>1–12.</summary>
    public int Month { get; set; }
    /// <summary>When the item spans two months (May/June), the last one; null for one month.</summary>
    public int? ToMonth { get; set; }
    public string? Background { get; set; }
    public string? Recommendation { get; set; }
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }
}
