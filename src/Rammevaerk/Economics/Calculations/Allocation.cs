// Public API (stable):
//   public enum Rounding { WholeKroner, Hundreds }
//   public sealed record Participant(int Code, string Name, decimal Key)
//   public sealed record Share(int Code, string Name, decimal Key, decimal Percent, decimal Exact, decimal Amount)
//   public sealed record AllocationResult(decimal Total, Rounding Rounding, IReadOnlyList<Share> Shares, string RoundingNote)
//       { decimal KeyTotal; decimal Unit; }
//   public static class Allocator
//       AllocationResult ByKey(decimal total, IReadOnlyList<Participant> participants, Rounding rounding)
//       AllocationResult PerCitizen(decimal amountPerCitizen, IReadOnlyList<Participant> participants, Rounding rounding)
//       decimal Unit(Rounding rounding)                       // 1 or 100
//   public static class ParticipantKeys
//       IReadOnlyList<Participant> FromPopulation(IReadOnlyList<(int Code, string Name)> chosen, int referenceYear,
//                                                 IReadOnlyDictionary<int, decimal> populationByCode)
//
// Allocation by the largest-remainder method: each share is Total × Key / ΣKey (Exact); the amounts are whole
// units (1 kr. or 100 kr.) and always add up to Total exactly. Each amount is the exact share rounded down to
// the unit, plus one unit for the participants with the largest remainders; ties go to the larger key, then to
// the smaller code. So every amount is within one unit of its exact share. Percent = Key / ΣKey × 100, full
// decimal precision (the caller formats). Shares come in the order the participants were given.
// Bad input throws EconomicsInputException with a Danish message.
namespace Rammevaerk.Economics.Calculations;

/// <summary>What the amounts are rounded to: whole kroner or whole hundreds of kroner.</summary>
public enum Rounding
{
    WholeKroner,
    Hundreds,
}

/// <summary>A participant in an allocation: usually a municipality (code, name) with its key, e.g. its population.</summary>
public sealed record Participant(int Code, string Name, decimal Key);

/// <summary>
/// One participant's share: its key, its share of the key total in per cent, the exact (unrounded) amount
/// Total × Key / ΣKey and the rounded amount it pays.
/// </summary>
public sealed record Share(int Code, string Name, decimal Key, decimal Percent, decimal Exact, decimal Amount);

/// <summary>An allocation: the total, the shares (summing exactly to Total) and a Danish note on the rounding.</summary>
public sealed record AllocationResult(decimal Total, Rounding Rounding, IReadOnlyList<Share> Shares, string RoundingNote)
{
    /// <summary>Σ Key over the shares (e.g. the participants' total population).</summary>
    public decimal KeyTotal => Shares.Sum(s => s.Key);

    /// <summary>The rounding unit in kroner: 1 or 100.</summary>
    public decimal Unit => Allocator.Unit(Rounding);
}

/// <summary>Shares a total among participants in proportion to their keys (largest remainder).</summary>
public static class Allocator
{
    public static decimal Unit(Rounding rounding) => rounding switch
    {
        Rounding.WholeKroner => 1m,
        Rounding.Hundreds => 100m,
        _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
    };

    /// <summary>
    /// Shares <paramref name="total"/> in proportion to each participant's Key. The total must be a whole
    /// number of units (kroner, or hundreds of kroner). The amounts add up to the total exactly.
    /// </summary>
    public static AllocationResult ByKey(decimal total, IReadOnlyList<Participant> participants, Rounding rounding)
    {
        var unit = Unit(rounding);
        var keyTotal = ValidateParticipants(participants);
        if (total < 0)
            throw new EconomicsInputException("Totalen må ikke være negativ.");
        if (total % unit != 0)
        {
            throw new EconomicsInputException(rounding == Rounding.WholeKroner
                ? $"Totalen skal være et helt antal kroner, når der afrundes til hele kroner (den er {Dk.Kr(total, 10)})."
                : $"Totalen skal være et helt antal hundrede kroner, når der afrundes til 100 kr. (den er {Dk.Kr(total, 10)}).");
        }

        var units = LargestRemainder.Split(
            total / unit,
            participants.Select(p => p.Key).ToList(),
            participants.Select(p => p.Code).ToList());

        var shares = new List<Share>(participants.Count);
        var roundedUp = 0;
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            var exact = total * p.Key / keyTotal;
            var amount = units[i] * unit;
            if (amount > exact) roundedUp++;
            shares.Add(new Share(p.Code, p.Name, p.Key, p.Key * 100m / keyTotal, exact, amount));
        }

        return new AllocationResult(total, rounding, shares, Note(total, rounding, roundedUp, participants.Count));
    }

    /// <summary>
    /// A fee per citizen (or per key unit): the total is amountPerCitizen × ΣKey, rounded to the unit with
    /// halves rounded up (away from zero); that total is then shared by <see cref="ByKey"/>. Share.Exact is
    /// therefore the share of the rounded total (it differs from amountPerCitizen × Key by less than one unit
    /// in all). The note says how the total was found.
    /// </summary>
    public static AllocationResult PerCitizen(decimal amountPerCitizen, IReadOnlyList<Participant> participants, Rounding rounding)
    {
        var unit = Unit(rounding);
        var keyTotal = ValidateParticipants(participants);
        if (amountPerCitizen < 0)
            throw new EconomicsInputException($"Beløbet pr. indbygger må ikke være negativt (det er {Dk.Kr(amountPerCitizen)}).");

        var raw = amountPerCitizen * keyTotal;
        var total = Dk.RoundTo(raw, unit);
        var result = ByKey(total, participants, rounding);
        var unitText = rounding == Rounding.WholeKroner ? "hele kroner" : "hele 100 kr.";
        var totalNote = raw == total
            ? $"Totalen er {Dk.Kr(amountPerCitizen)} × {Dk.Number(keyTotal)} indbyggere = {Dk.Kr(total)} "
            : $"Totalen er {Dk.Kr(amountPerCitizen)} × {Dk.Number(keyTotal)} indbyggere = {Dk.Kr(raw, 10)}, afrundet til {unitText} (halvdelen rundes op): {Dk.Kr(total)} ";
        return result with { RoundingNote = totalNote + result.RoundingNote };
    }

    /// <summary>Checks the participant set; returns ΣKey.</summary>
    internal static decimal ValidateParticipants(IReadOnlyList<Participant> participants)
    {
        if (participants is null || participants.Count == 0)
            throw new EconomicsInputException("Vælg mindst én deltager.");
        var seen = new Dictionary<int, string>();
        foreach (var p in participants)
        {
            if (string.IsNullOrWhiteSpace(p.Name))
                throw new EconomicsInputException($"Deltageren med kode {p.Code} mangler et navn.");
            if (!seen.TryAdd(p.Code, p.Name))
                throw new EconomicsInputException($"{p.Name} (kode {p.Code}) er valgt mere end én gang.");
        }
        var negative = participants.Where(p => p.Key < 0).ToList();
        if (negative.Count == 1)
            throw new EconomicsInputException($"Fordelingsnøglen for {negative[0].Name} må ikke være negativ (den er {Dk.Number(negative[0].Key)}).");
        if (negative.Count > 1)
            throw new EconomicsInputException($"Fordelingsnøglerne for {Dk.List(Dk.Sorted(negative.Select(p => p.Name)))} må ikke være negative.");
        decimal keyTotal;
        try { keyTotal = participants.Sum(p => p.Key); }
        catch (OverflowException) { throw new EconomicsInputException("Fordelingsnøglerne er for store til at lægge sammen."); }
        if (keyTotal == 0)
            throw new EconomicsInputException("Fordelingsnøglerne giver tilsammen 0, så der er intet at fordele efter.");
        return keyTotal;
    }

    private static string Note(decimal total, Rounding rounding, int roundedUp, int count)
    {
        var (unitText, unitOne, units) = rounding == Rounding.WholeKroner
            ? ("hele kroner", "1 kr.", "de kroner")
            : ("hele 100 kr.", "100 kr.", "de hundreder");
        return $"Beløbene er afrundet til {unitText} efter største-rest-metoden, så de tilsammen giver præcis {Dk.Kr(total)} " +
               $"Hver deltager får først sin nøjagtige andel rundet ned til {unitText}; {units}, der så mangler op til totalen, " +
               $"går med {unitOne} hver til de deltagere, der har de største rester (ved lige store rester først den største nøgle, " +
               $"derefter den laveste kode). {roundedUp} af {count} deltagere er rundet op, og intet beløb afviger {unitOne} eller mere " +
               "fra den nøjagtige andel.";
    }
}

/// <summary>Builds participants whose key is the population of a reference year.</summary>
public static class ParticipantKeys
{
    /// <summary>
    /// One participant per chosen municipality, keyed by its population in <paramref name="referenceYear"/>
    /// (from <paramref name="populationByCode"/>, the populations of that year by municipality code).
    /// Municipalities without a figure are all named (alphabetically) in one Danish message, e.g.
    /// "Der mangler befolkningstal for 2024 for Fanø og Ærø.".
    /// </summary>
    public static IReadOnlyList<Participant> FromPopulation(
        IReadOnlyList<(int Code, string Name)> chosen,
        int referenceYear,
        IReadOnlyDictionary<int, decimal> populationByCode)
    {
        if (chosen is null || chosen.Count == 0)
            throw new EconomicsInputException("Vælg mindst én deltager.");
        var missing = chosen.Where(c => !populationByCode.ContainsKey(c.Code)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw new EconomicsInputException($"Der mangler befolkningstal for {referenceYear} for {Dk.List(Dk.Sorted(missing))}.");
        return chosen.Select(c => new Participant(c.Code, c.Name, populationByCode[c.Code])).ToList();
    }
}
