using Rammevaerk.Meetings;

namespace Rammevaerk.Statistics;

/// <summary>
/// A statistics dataset: up to three dimensions (e.g. centre, home municipality, year) and one measure (completed
/// courses), filled by hand or from Excel/CSV, shown as a table with totals and an SVG chart.
/// </summary>
public sealed class Dataset
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Source { get; set; }
    public required string MeasureName { get; set; }
    public required string Dimension1 { get; set; }
    public string? Dimension2 { get; set; }
    public string? Dimension3 { get; set; }
    public bool Published { get; set; }
    public int? DecidedItemId { get; set; }
    public AgendaItem? DecidedItem { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<DatasetValue> Values { get; set; } = [];
}

public sealed class DatasetValue
{
    public int Id { get; set; }
    public int DatasetId { get; set; }
    public required string Key1 { get; set; }
    public string? Key2 { get; set; }
    public string? Key3 { get; set; }
    public decimal Value { get; set; }
}
