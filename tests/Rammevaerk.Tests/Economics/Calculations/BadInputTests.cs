using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Tests.Economics.Calculations;

// (f) Every bad input gives a Danish message naming the field, year or participant.
public class BadInputTests
{
    private static readonly IReadOnlyList<Participant> Two = [new(561, "Esbjerg", 115_483), new(461, "Odense", 204_895)];

    private static RateInput GoodRate => new(1_000_000m, 4.9m, 0m, 0m, 0m, 0m, 10m, 95m, 365);

    public static TheoryData<string, Action> Cases => new()
    {
        { "Totalen må ikke være negativ.", () => Allocator.ByKey(-1m, Two, Rounding.WholeKroner) },
        { "Vælg mindst én deltager.", () => Allocator.ByKey(100m, [], Rounding.WholeKroner) },
        { "Vælg mindst én deltager.", () => Allocator.PerCitizen(2m, [], Rounding.WholeKroner) },
        { "Vælg mindst én deltager.", () => ParticipantKeys.FromPopulation([], 2025, new Dictionary<int, decimal>()) },
        { "Totalen skal være et helt antal hundrede kroner, når der afrundes til 100 kr. (den er 869.550 kr.).",
            () => Allocator.ByKey(869_550m, Two, Rounding.Hundreds) },
        { "Totalen skal være et helt antal kroner, når der afrundes til hele kroner (den er 869.500,5 kr.).",
            () => Allocator.ByKey(869_500.5m, Two, Rounding.WholeKroner) },
        { "Fordelingsnøglen for Odense må ikke være negativ (den er -5).",
            () => Allocator.ByKey(100m, [new(561, "Esbjerg", 1), new(461, "Odense", -5)], Rounding.WholeKroner) },
        { "Fordelingsnøglerne for Esbjerg og Odense må ikke være negative.",
            () => Allocator.ByKey(100m, [new(561, "Esbjerg", -1), new(461, "Odense", -5)], Rounding.WholeKroner) },
        { "Fordelingsnøglerne giver tilsammen 0, så der er intet at fordele efter.",
            () => Allocator.ByKey(100m, [new(561, "Esbjerg", 0), new(461, "Odense", 0)], Rounding.WholeKroner) },
        { "Esbjerg (kode 561) er valgt mere end én gang.",
            () => Allocator.ByKey(100m, [new(561, "Esbjerg", 1), new(561, "Esbjerg", 1)], Rounding.WholeKroner) },
        { "Deltageren med kode 561 mangler et navn.",
            () => Allocator.ByKey(100m, [new(561, " ", 1)], Rounding.WholeKroner) },
        { "Beløbet pr. indbygger må ikke være negativt (det er -2 kr.).",
            () => Allocator.PerCitizen(-2m, Two, Rounding.WholeKroner) },
        { "Det årlige beløb må ikke være negativt (det er -1.000 kr.).",
            () => MultiYear.GuaranteeSchedule(-1000m, 2025, 3, Two, Rounding.WholeKroner) },
        { "Antal år skal være mellem 1 og 50 (det er 0).",
            () => MultiYear.GuaranteeSchedule(1000m, 2025, 0, Two, Rounding.WholeKroner) },
        { "Vælg mindst én deltager.",
            () => MultiYear.GuaranteeSchedule(1000m, 2025, 3, [], Rounding.WholeKroner) },
        { "Slutåret (2024) må ikke ligge før basisåret (2025).",
            () => MultiYear.IndexedFee(2m, 2025, new Dictionary<int, decimal>(), 2024) },
        { "P/L-indekset for 2026 skal være større end -100 % (det er -100 %).",
            () => PriceWageIndex.Project(100m, 2025, 2026, new Dictionary<int, decimal> { [2026] = -100m }) },
        { "Overheadprocenten skal være mellem 0 og 100 (den er 120).",
            () => BudgetTable.Compute(869_500m, ["Esbjerg", "Odense"], 120m) },
        { "Overheadprocenten skal være mellem 0 og 100 (den er -1).",
            () => BudgetTable.Compute(869_500m, ["Esbjerg", "Odense"], -1m) },
        { "Totalen må ikke være negativ.", () => BudgetTable.Compute(-1m, ["Esbjerg"], 4.9m) },
        { "Angiv mindst ét center.", () => BudgetTable.Compute(869_500m, Array.Empty<string>(), 4.9m) },
        { "Center nr. 2 mangler et navn.", () => BudgetTable.Compute(869_500m, ["Esbjerg", ""], 4.9m) },
        { "Centret Esbjerg står der mere end én gang.", () => BudgetTable.Compute(869_500m, ["Esbjerg", "Esbjerg"], 4.9m) },
        { "Vægten for Odense må ikke være negativ (den er -1).",
            () => BudgetTable.Compute(869_500m, [new BudgetCentre("Esbjerg", 1), new BudgetCentre("Odense", -1)], 4.9m) },
        { "Vægtene giver tilsammen 0, så budgettet kan ikke fordeles.",
            () => BudgetTable.Compute(869_500m, [new BudgetCentre("Esbjerg", 0)], 4.9m) },
        { "Der skal afrundes til et positivt beløb (det er 0 kr.).", () => BudgetTable.Compute(869_500m, ["Esbjerg"], 4.9m, 0m) },
        { "Overheadprocenten skal være mellem 0 og 100 (den er 120).", () => RateCalculator.Compute(GoodRate with { OverheadPercent = 120m }) },
        { "Belægningsprocenten skal være over 0 og højst 100 (den er 0).", () => RateCalculator.Compute(GoodRate with { OccupancyPercent = 0m }) },
        { "Belægningsprocenten skal være over 0 og højst 100 (den er 100,5).", () => RateCalculator.Compute(GoodRate with { OccupancyPercent = 100.5m }) },
        { "Antal pladser skal være større end 0 (det er 0).", () => RateCalculator.Compute(GoodRate with { Places = 0m }) },
        { "Antal dage skal være mellem 1 og 366 (det er 0).", () => RateCalculator.Compute(GoodRate with { Days = 0 }) },
        { "Antal dage skal være mellem 1 og 366 (det er 367).", () => RateCalculator.Compute(GoodRate with { Days = 367 }) },
        { "De direkte omkostninger må ikke være negative (de er -1 kr.).", () => RateCalculator.Compute(GoodRate with { DirectCosts = -1m }) },
        { "Kapitalens bogførte værdi må ikke være negativ (den er -1 kr.).", () => RateCalculator.Compute(GoodRate with { CapitalBookValue = -1m }) },
        { "Afskrivningerne må ikke være negative (de er -1 kr.).", () => RateCalculator.Compute(GoodRate with { Depreciation = -1m }) },
        { "Renten skal være mellem -100 og 100 % (den er 150 %).", () => RateCalculator.Compute(GoodRate with { InterestPercent = 150m }) },
        { "Omkostningsgrundlaget bliver negativt (-1 kr.); det overførte overskud er større end omkostningerne.",
            () => RateCalculator.Compute(GoodRate with { OverheadPercent = 0m, CarriedSurplusOrDeficit = 1_000_001m }) },
        { "Renten for 2026 mangler.", () => InterestModel.Current(new Dictionary<int, decimal>(), 2026) },
        { "Renten for 2026 mangler – et rul over 3 år for 2027 kræver renterne for 2025, 2026 og 2027.",
            () => InterestModel.RollingThreeYears(new Dictionary<int, decimal> { [2025] = 2m, [2027] = 3m }, 2027) },
        { "Vælg mindst ét år at sammenligne.", () => InterestModel.Compare(new Dictionary<int, decimal>(), []) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_gives_a_Danish_message(string message, Action act)
    {
        var e = Assert.Throws<EconomicsInputException>(act);
        Assert.Equal(message, e.Message);
    }

    // A reference year without population data: the real CSV has no 2024 column (see SOURCES.md, "Gaps").
    [Fact]
    public void Missing_population_year_names_the_municipalities()
    {
        var chosen = EconomicsTestData.Region().Where(m => m.Name is "Fanø" or "Ærø").Select(m => (m.Code, m.Name)).ToList();

        var e = Assert.Throws<EconomicsInputException>(() => ParticipantKeys.FromPopulation(chosen, 2024, EconomicsTestData.Population(2024)));

        Assert.Equal("Der mangler befolkningstal for 2024 for Fanø og Ærø.", e.Message);
        Assert.Equal(2, ParticipantKeys.FromPopulation(chosen, 2025, EconomicsTestData.Population(2025)).Count);
    }

    [Fact]
    public void Missing_population_for_one_municipality_among_several()
    {
        var population = new Dictionary<int, decimal> { [561] = 115_483m };
        var e = Assert.Throws<EconomicsInputException>(() =>
            ParticipantKeys.FromPopulation([(561, "Esbjerg"), (563, "Fanø"), (492, "Ærø"), (461, "Odense")], 2020, population));
        Assert.Equal("Der mangler befolkningstal for 2020 for Fanø, Odense og Ærø.", e.Message);
    }
}
