// Public API (stable):
//   public enum UseUnit { BedDays, Places }
//   public sealed record ScenarioMunicipality(int Code, string Name, decimal Population)
//   public sealed record ScenarioBuyer(int Code, decimal Use)
//   public sealed record ScenarioRow(int Code, string Name, bool IsHost, decimal Population, decimal Use,
//       decimal ByPopulation, decimal ByUse, decimal ThroughRate) { UseMinusPopulation; RateMinusPopulation; }
//   public sealed record DeficitScenarioResult(decimal Deficit, ScenarioMunicipality Host, UseUnit Unit,
//       decimal ExpectedUse, decimal BoughtUse, decimal UnsoldUse, decimal Supplement, AllocationResult ByPopulation,
//       AllocationResult ByUse, AllocationResult ThroughRate, IReadOnlyList<ScenarioRow> Rows,
//       IReadOnlyList<Derivation> Derivations)
//   public static class DeficitScenarios
//       DeficitScenarioResult Compute(decimal deficit, int hostCode, IReadOnlyList<ScenarioMunicipality> municipalities,
//                                     IReadOnlyList<ScenarioBuyer> buyers, decimal expectedUse, UseUnit unit, Rounding rounding)
//
// Seed 000 item 3: a deficit at a host municipality (driftsherre, e.g. Middelfart) and what each financing model
// costs each municipality of the region:
//   (a) ByPopulation — the deficit shared by all the OTHER municipalities by population (the host pays nothing);
//   (b) ByUse        — shared only by the buying municipalities by their use (bed-days or places; the host takes
//                      part like any buyer if it buys its own places);
//   (c) ThroughRate  — covered through the rate: a supplement = deficit / expected use (per bed-day or place);
//                      each buyer pays its use × supplement; the share of the expected use nobody bought stays with
//                      the host (it is the host's risk under the ordinary rules).
// Each model is one Allocator.ByKey of the whole deficit (largest remainder), so every column adds up to the
// deficit exactly and each amount is within one unit of its exact share. Rows: every municipality, in the order
// given, with 0 where it does not take part. Bad input → EconomicsInputException (Danish, naming the field).
namespace Rammevaerk.Economics.Calculations;

/// <summary>What a buyer's use is counted in.</summary>
public enum UseUnit
{
    BedDays,
    Places,
}

/// <summary>A municipality of the region with its population in the reference year.</summary>
public sealed record ScenarioMunicipality(int Code, string Name, decimal Population);

/// <summary>A buying municipality and its use (bed-days or places per year).</summary>
public sealed record ScenarioBuyer(int Code, decimal Use);

/// <summary>One municipality's cost under each model.</summary>
public sealed record ScenarioRow(int Code, string Name, bool IsHost, decimal Population, decimal Use, decimal ByPopulation, decimal ByUse, decimal ThroughRate)
{
    public decimal UseMinusPopulation => ByUse - ByPopulation;
    public decimal RateMinusPopulation => ThroughRate - ByPopulation;
}

/// <summary>The three financing models side by side.</summary>
public sealed record DeficitScenarioResult(
    decimal Deficit,
    ScenarioMunicipality Host,
    UseUnit Unit,
    decimal ExpectedUse,
    decimal BoughtUse,
    decimal UnsoldUse,
    decimal Supplement,
    AllocationResult ByPopulation,
    AllocationResult ByUse,
    AllocationResult ThroughRate,
    IReadOnlyList<ScenarioRow> Rows,
    IReadOnlyList<Derivation> Derivations);

/// <summary>Financing models for a deficit (seed 000 item 3).</summary>
public static class DeficitScenarios
{
    public static string UnitText(UseUnit unit, bool plural = true) => unit switch
    {
        UseUnit.Places => plural ? "pladser" : "plads",
        _ => plural ? "døgn" : "døgn",
    };

    public static DeficitScenarioResult Compute(
        decimal deficit,
        int hostCode,
        IReadOnlyList<ScenarioMunicipality> municipalities,
        IReadOnlyList<ScenarioBuyer> buyers,
        decimal expectedUse,
        UseUnit unit,
        Rounding rounding)
    {
        if (deficit < 0)
            throw new EconomicsInputException($"Underskuddet må ikke være negativt (det er {Dk.Kr(deficit)}).");
        if (municipalities is null || municipalities.Count == 0)
            throw new EconomicsInputException("Der er ingen kommuner at fordele underskuddet på.");
        var host = municipalities.FirstOrDefault(m => m.Code == hostCode)
                   ?? throw new EconomicsInputException("Vælg driftsherrekommunen (den kommune, der har underskuddet).");
        var others = municipalities.Where(m => m.Code != hostCode).ToList();
        if (others.Count == 0)
            throw new EconomicsInputException("Der er ingen andre kommuner end driftsherren at fordele underskuddet på.");

        var byCode = municipalities.ToDictionary(m => m.Code);
        if (buyers is null || buyers.Count == 0)
            throw new EconomicsInputException("Angiv mindst én køberkommune med dens forbrug.");
        var seen = new HashSet<int>();
        foreach (var b in buyers)
        {
            if (!byCode.TryGetValue(b.Code, out var m))
                throw new EconomicsInputException($"Køberkommunen med kode {b.Code} hører ikke til regionen.");
            if (!seen.Add(b.Code))
                throw new EconomicsInputException($"{m.Name} står mere end én gang blandt køberne.");
            if (b.Use < 0)
                throw new EconomicsInputException($"Forbruget for {m.Name} må ikke være negativt (det er {Dk.Number(b.Use)} {UnitText(unit)}).");
        }
        var bought = buyers.Sum(b => b.Use);
        if (bought == 0)
            throw new EconomicsInputException("Købernes forbrug giver tilsammen 0, så der er intet at fordele efter.");
        if (expectedUse <= 0)
            throw new EconomicsInputException($"Den forventede belægning skal være større end 0 {UnitText(unit)} (den er {Dk.Number(expectedUse)}).");
        if (expectedUse < bought)
            throw new EconomicsInputException(
                $"Den forventede belægning ({Dk.Number(expectedUse)} {UnitText(unit)}) er mindre end købernes samlede forbrug " +
                $"({Dk.Number(bought)} {UnitText(unit)}).");

        // (a) the others by population.
        var byPopulation = Allocator.ByKey(deficit, others.Select(m => new Participant(m.Code, m.Name, m.Population)).ToList(), rounding);

        // (b) the buyers by use, in region order.
        var use = buyers.ToDictionary(b => b.Code, b => b.Use);
        var buyerParticipants = municipalities.Where(m => use.ContainsKey(m.Code))
            .Select(m => new Participant(m.Code, m.Name, use[m.Code])).ToList();
        var byUse = Allocator.ByKey(deficit, buyerParticipants, rounding);

        // (c) through the rate: key = each buyer's use, plus the unsold use on the host.
        var unsold = expectedUse - bought;
        var rateParticipants = municipalities.Where(m => use.ContainsKey(m.Code) || m.Code == hostCode)
            .Select(m => new Participant(m.Code, m.Name, use.GetValueOrDefault(m.Code) + (m.Code == hostCode ? unsold : 0m))).ToList();
        var throughRate = Allocator.ByKey(deficit, rateParticipants, rounding);
        var supplement = deficit / expectedUse;

        static decimal Amount(AllocationResult r, int code) => r.Shares.FirstOrDefault(s => s.Code == code)?.Amount ?? 0m;
        var rows = municipalities.Select(m => new ScenarioRow(
            m.Code, m.Name, m.Code == hostCode, m.Population, use.GetValueOrDefault(m.Code),
            Amount(byPopulation, m.Code), Amount(byUse, m.Code), Amount(throughRate, m.Code))).ToList();

        var u = UnitText(unit);
        var perUnit = unit == UseUnit.Places ? "pr. plads" : "pr. døgn";
        var lines = new List<Derivation>
        {
            new("Underskud hos driftsherren", $"Indtastet: {Dk.Kr(deficit)} hos {host.Name}", deficit),
            new($"(a) De {others.Count} andre kommuners befolkning",
                $"Sum af befolkningstallene uden {host.Name} = {Dk.Number(byPopulation.KeyTotal)}; hver betaler {Dk.Kr(deficit)} × egen befolkning / {Dk.Number(byPopulation.KeyTotal)}",
                byPopulation.KeyTotal),
            new("(b) Købernes samlede forbrug",
                $"{string.Join(" + ", buyerParticipants.Select(p => Dk.Number(p.Key)))} = {Dk.Number(bought)} {u}; hver køber betaler {Dk.Kr(deficit)} × eget forbrug / {Dk.Number(bought)}",
                bought),
            new($"(c) Taksttillæg {perUnit}",
                $"{Dk.Kr(deficit)} / {Dk.Number(expectedUse)} {u} forventet belægning = {Dk.Kr(supplement, 4)} {perUnit}; hver køber betaler eget forbrug × tillægget",
                supplement),
            new("(c) Ikke solgt belægning (bæres af driftsherren)",
                unsold == 0
                    ? $"{Dk.Number(expectedUse)} − {Dk.Number(bought)} = 0 {u}: hele underskuddet dækkes af køberne"
                    : $"{Dk.Number(expectedUse)} − {Dk.Number(bought)} = {Dk.Number(unsold)} {u} × {Dk.Kr(supplement, 4)} = {Dk.Kr(unsold * supplement, 2)} hos {host.Name}",
                unsold * supplement),
        };
        return new DeficitScenarioResult(deficit, host, unit, expectedUse, bought, unsold, supplement, byPopulation, byUse, throughRate, rows, lines);
    }
}
