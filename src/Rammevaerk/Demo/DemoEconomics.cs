using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Demo;

/// <summary>
/// Demo data of the economics pages beyond the two seed allocations: an illustrative p/l index, seed 001's table 3
/// as a decided budget table under item 12, and example calculations (rate, Middelfart deficit scenarios, a
/// 3-year guarantee, an indexed fee) whose figures are examples, as their names say. Idempotent: each row by its key.
/// </summary>
public sealed class DemoEconomics(AppDb db, string region, TimeProvider clock)
{
    public const string TableThree = "Anonym stofmisbrugsbehandling – tabel 3, udgiftsbudget 2025";
    private const string Illustrative = "Illustrativt tal i KL's stil til demo (ikke en offentliggjort KL-sats)";

    /// <summary>(year, per cent): illustrative p/l changes in the style of KL's yearly p/l estimates.</summary>
    public static readonly (int Year, decimal Percent)[] IndexYears =
        [(2021, 1.9m), (2022, 3.4m), (2023, 4.6m), (2024, 2.9m), (2025, 2.7m), (2026, 2.4m), (2027, 2.2m), (2028, 2.0m), (2029, 2.0m)];

    public async Task LoadAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var years = await db.PriceWageIndex.Select(y => y.Year).ToListAsync(ct);
        foreach (var (year, percent) in IndexYears.Where(y => !years.Contains(y.Year)))
            db.PriceWageIndex.Add(new PriceWageIndexYear { Year = year, Percent = percent, Source = Illustrative, UpdatedAt = now, UpdatedBy = "demo" });

        var municipalities = await db.Municipalities.Where(m => m.Region == region).ToDictionaryAsync(m => m.Name, m => m.Code, ct);
        if (municipalities.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        var existing = await db.SavedCalculations.Select(c => c.Name).ToListAsync(ct);
        var june2025 = await ItemsAsync("socialdirektoerforum/2025-06-27T09:00", ct);
        var march2024 = await ItemsAsync("socialdirektoerforum/2024-03-22T09:00", ct);
        int? Code(string name) => municipalities.TryGetValue(name, out var c) ? c : null;

        void Add(string name, string description, CalculationKind kind, object form, int? item, bool decided, DateTime? decidedAt)
        {
            if (existing.Contains(name)) return;
            db.SavedCalculations.Add(new SavedCalculation
            {
                Name = name, Description = description, Kind = kind, InputsJson = CalculationJsonOf(form),
                State = decided ? AllocationState.Decided : AllocationState.Draft, DecidedAt = decided ? decidedAt ?? now : null,
                DecidedItemId = item, CreatedAt = now, UpdatedAt = now,
            });
        }

        Add(TableThree,
            "Tabel 3 i årlig status for den fælles anonyme stofbehandling (Socialdirektørforum 27. juni 2025, punkt 12): udgiftsbudget 869.500 kr. i 2025-priser, " +
            "to centre med lige store driftsrammer, overhead 4,9 %, afrundet til 100 kr.",
            CalculationKind.BudgetTable,
            new BudgetTableForm
            {
                TotalBudget = 869_500m, OverheadPercent = 4.9m, RoundTo = 100m, Method = BudgetRounding.Published,
                Lines = [new() { Name = "Esbjerg", Weight = 413_500m }, new() { Name = "Odense", Weight = 413_500m }],
                PublishedOperating = 826_900m, PublishedOverhead = 42_600m, PublishedTotal = 869_500m,
            },
            june2025.Item(12), decided: true, june2025.StartsAt);

        Add("Eksempel: døgntakst for et botilbud med begge rentemodeller",
            "Eksempeltal (ikke et konkret tilbud): viser, hvad rul over 3 år gør ved taksten i forhold til den gældende rentemodel (notat fra Økonomisk arbejdsgruppe, 27. juni 2025, punkt 9). Renterne er illustrative.",
            CalculationKind.RateCalculation,
            new RateForm
            {
                PriceYear = 2026, DirectCosts = 10_000_000m, OverheadPercent = 4.9m, CapitalBookValue = 20_000_000m,
                Depreciation = 400_000m, CarriedSurplusOrDeficit = -150_000m, Places = 10m, OccupancyPercent = 95m, Days = 365,
                InterestRates = [new() { Year = 2025, Percent = 3.1m }, new() { Year = 2026, Percent = 2.6m }, new() { Year = 2027, Percent = 2.2m }, new() { Year = 2028, Percent = 2.4m }],
                Years = "2027, 2028",
            },
            june2025.Item(9), decided: false, null);

        if (Code("Middelfart") is int middelfart)
        {
            var buyers = new Dictionary<int, decimal?> { [middelfart] = 365m };
            foreach (var (name, days) in new[] { ("Odense", 730m), ("Kolding", 365m), ("Vejle", 365m) })
                if (Code(name) is int c) buyers[c] = days;
            Add("Eksempel: underskud på 1,5 mio. kr. hos Middelfart – tre finansieringsmodeller",
                "Eksempeltal (ikke et faktisk underskud): et underskud på 1.500.000 kr. på nye botilbudspladser til borgere med dobbeltdiagnose hos Middelfart, " +
                "6 pladser med forventet belægning 2.080 døgn, fire køberkommuner. Konsekvensberegning som lovet i punkt 3 den 22. marts 2024.",
                CalculationKind.DeficitScenarios,
                new ScenarioForm { Deficit = 1_500_000m, HostCode = middelfart, ReferenceYear = 2025, Unit = UseUnit.BedDays, ExpectedUse = 2_080m, Use = buyers },
                march2024.Item(3), decided: false, null);
            Add("Eksempel: underskudsgaranti til Middelfart 2027–2029",
                "Eksempeltal: 1.000.000 kr. om året i 3 år, delt af de 21 andre kommuner efter befolkningen 1. januar 2025.",
                CalculationKind.Guarantee,
                new GuaranteeForm { YearlyAmount = 1_000_000m, FirstYear = 2027, Years = 3, ReferenceYear = 2025, HostCode = middelfart },
                march2024.Item(3), decided: false, null);
        }

        Add("Eksempel: sekretariatets betaling 2,0 kr. pr. indbygger fremskrevet til 2028",
            "Eksempel: 2026-satsen på 2,0 kr. pr. indbygger fremskrevet med det (illustrative) p/l-indeks, befolkningen 1. januar 2025.",
            CalculationKind.IndexedFee,
            new IndexedFeeForm { BasePerCitizen = 2.0m, BaseYear = 2026, ToYear = 2028, ReferenceYear = 2025 },
            null, decided: false, null);

        await db.SaveChangesAsync(ct);
    }

    private static string CalculationJsonOf(object form) => form switch
    {
        BudgetTableForm f => CalculationJson.Write(f),
        RateForm f => CalculationJson.Write(f),
        ScenarioForm f => CalculationJson.Write(f),
        GuaranteeForm f => CalculationJson.Write(f),
        IndexedFeeForm f => CalculationJson.Write(f),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    private sealed record MeetingItems(DateTime? StartsAt, Dictionary<int, int> ByNumber)
    {
        public int? Item(int number) => ByNumber.TryGetValue(number, out var id) ? id : null;
    }

    private async Task<MeetingItems> ItemsAsync(string importKey, CancellationToken ct)
    {
        var meeting = await db.Meetings.Where(m => m.ImportKey == importKey)
            .Select(m => new { m.StartsAt, Items = m.Items.Select(i => new { i.Id, i.Number }).ToList() }).FirstOrDefaultAsync(ct);
        return meeting is null ? new MeetingItems(null, []) : new MeetingItems(meeting.StartsAt, meeting.Items.ToDictionary(i => i.Number, i => i.Id));
    }
}
