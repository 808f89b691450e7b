using Microsoft.AspNetCore.Mvc;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Economics;

// The inputs of each kind of saved calculation. The same classes bind the secretariat's forms ("Input.*") and are
// stored as SavedCalculation.InputsJson; the result is always computed from them by CalculationEngine.

/// <summary>Budget table with overhead (seed 001 table 3).</summary>
public sealed class BudgetTableForm
{
    [Display(Name = "Udgiftsbudget i alt"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? TotalBudget { get; set; }
    [Display(Name = "Overhead (%)"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? OverheadPercent { get; set; } = 4.9m;
    [Display(Name = "Afrunding")] public decimal RoundTo { get; set; } = 100m;
    public BudgetRounding Method { get; set; } = BudgetRounding.Published;
    public List<BudgetLineForm> Lines { get; set; } = [];
    [Display(Name = "Offentliggjort driftsramme i alt"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? PublishedOperating { get; set; }
    [Display(Name = "Offentliggjort overhead i alt"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? PublishedOverhead { get; set; }
    [Display(Name = "Offentliggjort udgiftsbudget i alt"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? PublishedTotal { get; set; }
}

/// <summary>A line (centre) of a budget table: its name and its driftsramme, which is its weight in the split.</summary>
public sealed class BudgetLineForm
{
    public string? Name { get; set; }
    [Display(Name = "Driftsramme"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? Weight { get; set; }
}

/// <summary>A rate calculation with both interest models for the years entered.</summary>
public sealed class RateForm
{
    [Display(Name = "Prisår")] public int? PriceYear { get; set; }
    [Display(Name = "Direkte omkostninger"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? DirectCosts { get; set; }
    [Display(Name = "Overhead (%)"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? OverheadPercent { get; set; } = 4.9m;
    [Display(Name = "Kapitalens bogførte værdi"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? CapitalBookValue { get; set; }
    [Display(Name = "Afskrivninger"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? Depreciation { get; set; }
    [Display(Name = "Overført overskud (+) eller underskud (−)"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? CarriedSurplusOrDeficit { get; set; }
    [Display(Name = "Antal pladser"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? Places { get; set; }
    [Display(Name = "Forventet belægning (%)"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? OccupancyPercent { get; set; }
    [Display(Name = "Antal dage")] public int? Days { get; set; } = 365;
    public List<YearValueForm> InterestRates { get; set; } = [];
    /// <summary>The years to compute, e.g. "2027, 2028".</summary>
    [Display(Name = "Beregningsår")] public string? Years { get; set; }
}

/// <summary>A year and a value (an interest rate in per cent).</summary>
public sealed class YearValueForm
{
    [Display(Name = "År")] public int? Year { get; set; }
    [Display(Name = "Rente (%)"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? Percent { get; set; }
}

/// <summary>Financing models for a deficit at a host municipality (seed 000 item 3).</summary>
public sealed class ScenarioForm
{
    [Display(Name = "Underskud"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? Deficit { get; set; }
    [Display(Name = "Driftsherre")] public int? HostCode { get; set; }
    [Display(Name = "Befolkningsår")] public int? ReferenceYear { get; set; }
    public Rounding Rounding { get; set; } = Rounding.WholeKroner;
    public UseUnit Unit { get; set; } = UseUnit.BedDays;
    [Display(Name = "Forventet belægning"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? ExpectedUse { get; set; }
    /// <summary>Use per buying municipality (by code); empty = not a buyer.</summary>
    public Dictionary<int, decimal?> Use { get; set; } = [];
}

/// <summary>A yearly guarantee shared by the other municipalities by population over several years.</summary>
public sealed class GuaranteeForm
{
    [Display(Name = "Årligt beløb"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? YearlyAmount { get; set; }
    [Display(Name = "Første år")] public int? FirstYear { get; set; }
    [Display(Name = "Antal år")] public int? Years { get; set; } = 3;
    [Display(Name = "Befolkningsår")] public int? ReferenceYear { get; set; }
    [Display(Name = "Driftsherre")] public int? HostCode { get; set; }
    public Rounding Rounding { get; set; } = Rounding.WholeKroner;
}

/// <summary>A per-citizen fee indexed by the maintained p/l table, paid by the region's municipalities.</summary>
public sealed class IndexedFeeForm
{
    [Display(Name = "Beløb pr. indbygger i basisåret"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? BasePerCitizen { get; set; }
    [Display(Name = "Basisår")] public int? BaseYear { get; set; }
    [Display(Name = "Slutår")] public int? ToYear { get; set; }
    [Display(Name = "Befolkningsår")] public int? ReferenceYear { get; set; }
    public Rounding Rounding { get; set; } = Rounding.WholeKroner;
}

/// <summary>Reads and writes the inputs JSON of a saved calculation.</summary>
public static class CalculationJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T form) => JsonSerializer.Serialize(form, Options);

    public static T Read<T>(string json) where T : new()
    {
        try { return JsonSerializer.Deserialize<T>(json, Options) ?? new T(); }
        catch (JsonException) { return new T(); }
    }

    public static Type FormType(CalculationKind kind) => kind switch
    {
        CalculationKind.BudgetTable => typeof(BudgetTableForm),
        CalculationKind.RateCalculation => typeof(RateForm),
        CalculationKind.DeficitScenarios => typeof(ScenarioForm),
        CalculationKind.Guarantee => typeof(GuaranteeForm),
        CalculationKind.IndexedFee => typeof(IndexedFeeForm),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static object Read(CalculationKind kind, string json)
    {
        try { return JsonSerializer.Deserialize(json, FormType(kind), Options) ?? Activator.CreateInstance(FormType(kind))!; }
        catch (JsonException) { return Activator.CreateInstance(FormType(kind))!; }
    }

    /// <summary>The Danish name of a kind, as in headings and lists.</summary>
    public static string KindName(CalculationKind kind) => kind switch
    {
        CalculationKind.BudgetTable => "Budgettabel",
        CalculationKind.RateCalculation => "Takstberegning",
        CalculationKind.DeficitScenarios => "Finansieringsmodeller side om side",
        CalculationKind.Guarantee => "Underskudsgaranti over flere år",
        CalculationKind.IndexedFee => "P/L-fremskrevet betaling pr. indbygger",
        _ => kind.ToString(),
    };

    /// <summary>The secretariat page's path segment of a kind: /sekretariat/oekonomi/{slug}/{id}.</summary>
    public static string Slug(CalculationKind kind) => kind switch
    {
        CalculationKind.BudgetTable => "budget",
        CalculationKind.RateCalculation => "takst",
        CalculationKind.DeficitScenarios => "scenarier",
        CalculationKind.Guarantee => "garanti",
        CalculationKind.IndexedFee => "fremskrevet-betaling",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
