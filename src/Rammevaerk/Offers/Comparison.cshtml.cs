using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Publishing;

namespace Rammevaerk.Offers;

/// <summary>The comparison a request asks for: two years with figures (default the two newest), or why there is none.</summary>
public sealed record ComparisonView(List<int> Years, Comparison? Result, bool CoveredOnly, string? Problem)
{
    public static async Task<ComparisonView> ReadAsync(OfferRegister register, string region, int? fra, int? til, bool coveredOnly, CancellationToken ct)
    {
        var years = await register.YearsAsync(region, ct);
        if (years.Count < 2) return new(years, null, coveredOnly, "Der skal være tal for mindst to år, før de kan sammenlignes.");
        var to = til is int t && years.Contains(t) ? t : years[0];
        var from = fra is int f && years.Contains(f) ? f : years.FirstOrDefault(y => y < to, years[^1]);
        if (from == to) return new(years, null, coveredOnly, "Vælg to forskellige år.");
        var result = OfferComparison.Compare(from, await register.ForYearAsync(region, from, ct), to, await register.ForYearAsync(region, to, ct), coveredOnly);
        return new(years, result, coveredOnly, null);
    }
}

/// <summary>/tilbud/udvikling?fra=2025&amp;til=2026: places and rates of two years side by side.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class ComparisonModel(OfferRegister register, IConfiguration config) : PageModel
{
    public ComparisonView View { get; private set; } = null!;

    public async Task OnGetAsync(int? fra, int? til, string? kun, CancellationToken ct) =>
        View = await ComparisonView.ReadAsync(register, OffersModule.Region(config), fra, til, kun == "omfattet", ct);
}
