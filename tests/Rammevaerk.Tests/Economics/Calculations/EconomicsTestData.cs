using Rammevaerk.Economics.Calculations;
using Rammevaerk.Municipalities;

namespace Rammevaerk.Tests.Economics.Calculations;

/// <summary>The real shared/data/municipalities.csv, read with the app's own parser.</summary>
internal static class EconomicsTestData
{
    public const string Syddanmark = "Region Syddanmark";

    public static string CsvPath { get; } =
        Path.Combine(Path.GetDirectoryName(SeedFiles.Directory)!, "data", "municipalities.csv");

    private static readonly Lazy<List<Municipality>> All = new(() => MunicipalityCsv.Parse(File.ReadAllText(CsvPath)));

    public static IReadOnlyList<Municipality> Municipalities => All.Value;

    public static IReadOnlyList<Municipality> Region(string region = Syddanmark) =>
        All.Value.Where(m => m.Region == region).OrderBy(m => m.Code).ToList();

    public static IReadOnlyDictionary<int, decimal> Population(int year) =>
        All.Value.SelectMany(m => m.Populations).Where(p => p.Year == year).ToDictionary(p => p.MunicipalityCode, p => (decimal)p.Population);

    /// <summary>Region Syddanmark's municipalities (minus <paramref name="without"/>) keyed by the population of <paramref name="year"/>.</summary>
    public static IReadOnlyList<Participant> SyddanmarkParticipants(int year, params string[] without) =>
        ParticipantKeys.FromPopulation(
            Region().Where(m => !without.Contains(m.Name)).Select(m => (m.Code, m.Name)).ToList(),
            year,
            Population(year));
}
