using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics.Calculations;
using Rammevaerk.Municipalities;

namespace Rammevaerk.Economics;

/// <summary>Where an input error belongs on the allocation form.</summary>
public enum AllocationField
{
    Amount,
    Participants,
}

/// <summary>An <see cref="EconomicsInputException"/> with the form field it concerns.</summary>
public sealed class AllocationInputException(AllocationField field, string message) : Exception(message)
{
    public AllocationField Field { get; } = field;
}

/// <summary>
/// Computes a stored (or about to be stored) allocation with the pure calculations in
/// <see cref="Calculations"/>: names and populations come from the database, the arithmetic from
/// <see cref="Allocator"/>. Nothing is summed or ordered by decimals in SQL.
/// </summary>
public sealed class AllocationCalculator(AppDb db, IConfiguration config)
{
    public string Region => Hosting.SiteOptions.Of(config).Region;

    /// <summary>The configured region's municipalities, by name.</summary>
    public async Task<List<Municipality>> RegionMunicipalitiesAsync(CancellationToken ct = default)
    {
        var list = await db.Municipalities.AsNoTracking().Where(m => m.Region == Region).ToListAsync(ct);
        return list.OrderBy(m => m.Name, StringComparer.Create(Shared.Danish.Culture, false)).ToList();
    }

    /// <summary>The years for which any municipality of the region has a population figure, newest first.</summary>
    public async Task<List<int>> PopulationYearsAsync(CancellationToken ct = default)
    {
        var years = await db.MunicipalityPopulations.Where(p => db.Municipalities.Any(m => m.Code == p.MunicipalityCode && m.Region == Region))
            .Select(p => p.Year).Distinct().ToListAsync(ct);
        return years.OrderByDescending(y => y).ToList();
    }

    /// <summary>
    /// The allocation's table. Throws <see cref="AllocationInputException"/> (Danish message, field named) when the
    /// input cannot be used.
    /// </summary>
    public async Task<AllocationResult> ComputeAsync(Allocation allocation, CancellationToken ct = default)
    {
        var codes = allocation.Participants.Select(p => p.MunicipalityCode).ToList();
        var names = await db.Municipalities.AsNoTracking().Where(m => codes.Contains(m.Code))
            .ToDictionaryAsync(m => m.Code, m => m.Name, ct);
        var chosen = allocation.Participants
            .Select(p => (Code: p.MunicipalityCode, Name: names.GetValueOrDefault(p.MunicipalityCode, p.MunicipalityCode.ToString())))
            .OrderBy(c => c.Name, StringComparer.Create(Shared.Danish.Culture, false))
            .ToList();

        IReadOnlyList<Participant> participants;
        try
        {
            if (allocation.ReferenceYear is int year)
            {
                var populations = await db.MunicipalityPopulations.AsNoTracking()
                    .Where(p => p.Year == year && codes.Contains(p.MunicipalityCode))
                    .ToDictionaryAsync(p => p.MunicipalityCode, p => (decimal)p.Population, ct);
                participants = ParticipantKeys.FromPopulation(chosen, year, populations);
            }
            else
            {
                if (chosen.Count == 0) throw new EconomicsInputException("Vælg mindst én deltager.");
                var weights = allocation.Participants.ToDictionary(p => p.MunicipalityCode, p => p.Weight);
                var missing = chosen.Where(c => weights[c.Code] is null).Select(c => c.Name).ToList();
                if (missing.Count > 0)
                    throw new EconomicsInputException($"Der mangler en vægt for {DanishList(missing)}.");
                participants = chosen.Select(c => new Participant(c.Code, c.Name, weights[c.Code]!.Value)).ToList();
            }
            Allocator.ValidateParticipants(participants);
        }
        catch (EconomicsInputException e)
        {
            throw new AllocationInputException(AllocationField.Participants, e.Message);
        }

        try
        {
            return allocation.Mode == AllocationMode.PerCitizen
                ? Allocator.PerCitizen(allocation.Amount, participants, allocation.Rounding)
                : Allocator.ByKey(allocation.Amount, participants, allocation.Rounding);
        }
        catch (EconomicsInputException e)
        {
            throw new AllocationInputException(AllocationField.Amount, e.Message);
        }
    }

    /// <summary>The heading of the key column: "Befolkning 1.1.2025" or "Vægt".</summary>
    public static string KeyHeading(Allocation a) => a.ReferenceYear is int y ? $"Befolkning 1.1.{y}" : "Vægt";

    public static string ModeText(AllocationMode mode) => mode == AllocationMode.PerCitizen ? "Beløb pr. indbygger" : "Samlet beløb";

    public static string RoundingText(Rounding r) => r == Rounding.Hundreds ? "Til hele 100 kr." : "Til hele kroner";

    private static string DanishList(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " og " + names[^1],
    };
}
