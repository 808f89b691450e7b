using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Tests.Economics.Calculations;

public class AllocationTests
{
    // (a) The secretariat's fee (seed 001 item 11): 2,1 kr. per citizen in 2025 and 2,0 kr. in 2026, charged to the
    // 22 Region Syddanmark municipalities on the population of 1 January 2025.
    // From the CSV: Σ population_2025 over the 22 = 1.240.472 (matches SOURCES.md's region row).
    //   2,1 kr. × 1.240.472 = 2.604.991,2 kr. → total 2.604.991 kr. (whole kroner, halves up)
    //   2,0 kr. × 1.240.472 = 2.480.944 kr. exactly, so each municipality pays exactly 2 × its population.
    [Fact]
    public void Secretariat_fee_2025_is_2_1_kr_per_citizen_on_the_22_municipalities()
    {
        var participants = EconomicsTestData.SyddanmarkParticipants(2025);
        Assert.Equal(22, participants.Count);
        Assert.Equal(1_240_472m, participants.Sum(p => p.Key));

        var result = Allocator.PerCitizen(2.1m, participants, Rounding.WholeKroner);

        Assert.Equal(2_604_991m, result.Total);
        Assert.Equal(result.Total, result.Shares.Sum(s => s.Amount));
        Assert.All(result.Shares, s => Assert.True(Math.Abs(s.Amount - 2.1m * s.Key) < 1m, $"{s.Name}: {s.Amount} vs {2.1m * s.Key}"));
        Assert.Equal(442_686m, Share(result, "Odense").Amount);   // 2,1 × 210.803 = 442.686,3
        Assert.Equal(6_867m, Share(result, "Fanø").Amount);       // 2,1 × 3.270 = 6.867,0 (exact share 6.866,9995 of the rounded total)
        Assert.Equal(241_830m, Share(result, "Esbjerg").Amount);  // 2,1 × 115.157 = 241.829,7
        Assert.StartsWith(
            "Totalen er 2,1 kr. × 1.240.472 indbyggere = 2.604.991,2 kr., afrundet til hele kroner (halvdelen rundes op): 2.604.991 kr. " +
            "Beløbene er afrundet til hele kroner efter største-rest-metoden, så de tilsammen giver præcis 2.604.991 kr. ",
            result.RoundingNote);
        Assert.DoesNotContain("..", result.RoundingNote);
    }

    [Fact]
    public void Secretariat_fee_2026_is_2_0_kr_per_citizen_and_needs_no_rounding()
    {
        var participants = EconomicsTestData.SyddanmarkParticipants(2025);

        var result = Allocator.PerCitizen(2.0m, participants, Rounding.WholeKroner);

        Assert.Equal(2_480_944m, result.Total);
        Assert.Equal(result.Total, result.Shares.Sum(s => s.Amount));
        Assert.All(result.Shares, s => Assert.Equal(2m * s.Key, s.Amount));
        Assert.Equal(421_606m, Share(result, "Odense").Amount);
        Assert.Equal(11_762m, Share(result, "Ærø").Amount);
        Assert.Equal(100m, result.Shares.Sum(s => s.Percent), 20);
        Assert.StartsWith("Totalen er 2 kr. × 1.240.472 indbyggere = 2.480.944 kr. Beløbene er afrundet", result.RoundingNote);
    }

    // (b) The anonymous drug treatment (seed 001 item 12): 869.500 kr. in 2025, shared by the 2020 population of the
    // 18 municipalities still taking part (all 22 minus Aabenraa, Tønder, Sønderborg and Haderslev); Σ = 997.088.
    [Fact]
    public void Drug_treatment_869500_is_shared_by_2020_population_of_the_18_participants()
    {
        var participants = EconomicsTestData.SyddanmarkParticipants(2020, "Aabenraa", "Tønder", "Sønderborg", "Haderslev");
        Assert.Equal(18, participants.Count);
        Assert.Equal(997_088m, participants.Sum(p => p.Key));

        var result = Allocator.ByKey(869_500m, participants, Rounding.WholeKroner);

        Assert.Equal(869_500m, result.Shares.Sum(s => s.Amount));
        Assert.All(result.Shares, s => Assert.True(Math.Abs(s.Amount - s.Exact) < 1m, $"{s.Name}: {s.Amount} vs {s.Exact}"));
        Assert.All(result.Shares, s => Assert.Equal(decimal.Truncate(s.Amount), s.Amount));
        Assert.Equal(178_676m, Share(result, "Odense").Amount);    // exact 178.676,508…
        Assert.Equal(100_706m, Share(result, "Esbjerg").Amount);   // exact 100.705,724…
        Assert.Equal(33_881m, Share(result, "Middelfart").Amount); // exact 33.881,346…
        Assert.Equal(5_201m, Share(result, "Ærø").Amount);         // exact 5.200,843…
        Assert.Equal(3_042m, Share(result, "Fanø").Amount);        // exact 3.041,673…
        Assert.Equal(204_895m * 100m / 997_088m, Share(result, "Odense").Percent);
        Assert.StartsWith(
            "Beløbene er afrundet til hele kroner efter største-rest-metoden, så de tilsammen giver præcis 869.500 kr.",
            result.RoundingNote);
        Assert.DoesNotContain(result.Shares, s => s.Name is "Aabenraa" or "Tønder" or "Sønderborg" or "Haderslev");
    }

    [Fact]
    public void Hundreds_rounding_gives_multiples_of_100_that_sum_to_the_total()
    {
        var participants = EconomicsTestData.SyddanmarkParticipants(2020, "Aabenraa", "Tønder", "Sønderborg", "Haderslev");

        var result = Allocator.ByKey(869_500m, participants, Rounding.Hundreds);

        Assert.Equal(869_500m, result.Shares.Sum(s => s.Amount));
        Assert.All(result.Shares, s => Assert.Equal(0m, s.Amount % 100m));
        Assert.All(result.Shares, s => Assert.True(Math.Abs(s.Amount - s.Exact) < 100m));
        Assert.Contains("hele 100 kr.", result.RoundingNote);
    }

    // (h) A deficit guarantee for Middelfart (host) shared by the 21 others on the 2025 population for 3 years.
    // Hypothetical 1.000.000 kr. a year (the seed gives no amount): Σ population_2025 of the 21 = 1.200.154.
    [Fact]
    public void Guarantee_for_Middelfart_is_shared_by_the_21_others_for_3_years()
    {
        var participants = EconomicsTestData.SyddanmarkParticipants(2025, "Middelfart");
        Assert.Equal(21, participants.Count);
        Assert.Equal(1_200_154m, participants.Sum(p => p.Key));

        var schedule = MultiYear.GuaranteeSchedule(1_000_000m, 2025, 3, participants, Rounding.WholeKroner);

        Assert.Equal([2025, 2026, 2027], schedule.PerYear.Select(y => y.Year));
        Assert.All(schedule.PerYear, y => Assert.Equal(1_000_000m, y.Allocation.Shares.Sum(s => s.Amount)));
        Assert.Equal(3_000_000m, schedule.GrandTotal);
        Assert.Equal(3_000_000m, schedule.Totals.Sum(t => t.Total));
        Assert.Equal(21, schedule.Totals.Count);
        Assert.DoesNotContain(schedule.Totals, t => t.Name == "Middelfart");
        Assert.All(schedule.Totals, t =>
        {
            Assert.Equal(3, t.AmountsByYear.Count);
            Assert.Equal(t.AmountsByYear.Sum(), t.Total);
        });
        var odense = schedule.Totals.Single(t => t.Name == "Odense");
        Assert.Equal([175_647m, 175_647m, 175_647m], odense.AmountsByYear); // exact 175.646,625… a year
        Assert.Equal(526_941m, odense.Total);
        Assert.Equal(2_725m * 3, schedule.Totals.Single(t => t.Name == "Fanø").Total);
        Assert.Contains("2025–2027", schedule.Note);
    }

    // (e) Largest-remainder properties on many random inputs (fixed seed), checked against an exact integer reference.
    [Fact]
    public void Largest_remainder_sums_exactly_and_matches_an_exact_reference()
    {
        var random = new Random(20251123);
        for (var run = 0; run < 2000; run++)
        {
            var rounding = run % 3 == 0 ? Rounding.Hundreds : Rounding.WholeKroner;
            var unit = Allocator.Unit(rounding);
            var n = random.Next(1, 30);
            var participants = Enumerable.Range(0, n)
                .Select(i => new Participant(100 + i * 7, $"K{i}", random.Next(0, 4) == 0 ? random.Next(0, 5) : random.Next(0, 250_000)))
                .ToList();
            if (participants.Sum(p => p.Key) == 0)
                participants[0] = participants[0] with { Key = 1 };
            var total = random.Next(0, 50_000_000) * unit;

            var result = Allocator.ByKey(total, participants, rounding);

            Assert.Equal(total, result.Shares.Sum(s => s.Amount));
            Assert.All(result.Shares, s => Assert.Equal(0m, s.Amount % unit));
            Assert.All(result.Shares, s => Assert.True(Math.Abs(s.Amount - s.Exact) < unit));
            Assert.Equal(Reference(total / unit, participants).Select(u => u * unit), result.Shares.Select(s => s.Amount));

            // Deterministic, and independent of the order the participants come in.
            Assert.Equal(result.Shares, Allocator.ByKey(total, participants, rounding).Shares);
            var shuffled = participants.OrderBy(_ => random.Next()).ToList();
            var again = Allocator.ByKey(total, shuffled, rounding).Shares.ToDictionary(s => s.Code, s => s.Amount);
            Assert.All(result.Shares, s => Assert.Equal(s.Amount, again[s.Code]));
        }
    }

    [Fact]
    public void Ties_go_to_the_larger_key_then_the_lower_code()
    {
        // 10 kr. over three equal keys: 3,33… each; the one left-over krone goes to the lowest code.
        var equal = Allocator.ByKey(10m, [new(630, "Vejle", 1), new(410, "Middelfart", 1), new(561, "Esbjerg", 1)], Rounding.WholeKroner);
        Assert.Equal([3m, 4m, 3m], equal.Shares.Select(s => s.Amount));

        // 5 kr. over keys 1, 1, 2 → 1,25 / 1,25 / 2,5: remainders ,25 ,25 ,5 → the half goes to the key 2.
        var keyed = Allocator.ByKey(5m, [new(1, "A", 1), new(2, "B", 1), new(3, "C", 2)], Rounding.WholeKroner);
        Assert.Equal([1m, 1m, 3m], keyed.Shares.Select(s => s.Amount));

        // 300 kr. in hundreds over two equal keys: 150 / 150 → 200 to the lower code, 100 to the other.
        var hundreds = Allocator.ByKey(300m, [new(20, "B", 5), new(10, "A", 5)], Rounding.Hundreds);
        Assert.Equal([100m, 200m], hundreds.Shares.Select(s => s.Amount));
    }

    [Fact]
    public void Zero_total_and_zero_keys_are_allowed()
    {
        var zero = Allocator.ByKey(0m, [new(1, "A", 3), new(2, "B", 0)], Rounding.WholeKroner);
        Assert.All(zero.Shares, s => Assert.Equal(0m, s.Amount));

        var oneZeroKey = Allocator.ByKey(1000m, [new(1, "A", 3), new(2, "B", 0)], Rounding.WholeKroner);
        Assert.Equal([1000m, 0m], oneZeroKey.Shares.Select(s => s.Amount));
        Assert.Equal([100m, 0m], oneZeroKey.Shares.Select(s => s.Percent));
    }

    private static Share Share(AllocationResult result, string name) => result.Shares.Single(s => s.Name == name);

    /// <summary>Hamilton's method in exact integers (keys are whole numbers here).</summary>
    private static decimal[] Reference(decimal totalUnits, IReadOnlyList<Participant> participants)
    {
        var t = new System.Numerics.BigInteger(totalUnits);
        var keys = participants.Select(p => new System.Numerics.BigInteger(p.Key)).ToArray();
        var sum = keys.Aggregate(System.Numerics.BigInteger.Zero, (a, b) => a + b);
        var floors = keys.Select(k => System.Numerics.BigInteger.Divide(t * k, sum)).ToArray();
        var rems = keys.Select((k, i) => t * k - floors[i] * sum).ToArray();
        var left = (int)(t - floors.Aggregate(System.Numerics.BigInteger.Zero, (a, b) => a + b));
        var order = Enumerable.Range(0, keys.Length)
            .OrderByDescending(i => rems[i]).ThenByDescending(i => keys[i]).ThenBy(i => participants[i].Code).ToList();
        foreach (var i in order.Take(left)) floors[i] += 1;
        return floors.Select(f => (decimal)f).ToArray();
    }
}
