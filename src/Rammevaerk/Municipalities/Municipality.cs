namespace Rammevaerk.Municipalities;

/// <summary>A Danish municipality (kommune), keyed by its official three-digit code.</summary>
public sealed class Municipality
{
    public int Code { get; set; }
    public required string Name { get; set; }
    public required string Region { get; set; }
    public List<MunicipalityPopulation> Populations { get; set; } = [];
}

/// <summary>Population on 1 January of a year (Danmarks Statistik).</summary>
public sealed class MunicipalityPopulation
{
    public int MunicipalityCode { get; set; }
    public int Year { get; set; }
    public int Population { get; set; }
}
