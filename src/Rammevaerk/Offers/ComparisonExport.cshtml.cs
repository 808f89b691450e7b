using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Publishing;

namespace Rammevaerk.Offers;

/// <summary>/tilbud/udvikling.xlsx?fra=…&amp;til=…: the comparison as a workbook.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class ComparisonExportModel(OfferRegister register, IConfiguration config, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? fra, int? til, string? kun, CancellationToken ct)
    {
        var region = OffersModule.Region(config);
        var view = await ComparisonView.ReadAsync(register, region, fra, til, kun == "omfattet", ct);
        if (view.Result is not { } c) return NotFound();
        var source = $"Rammeværk, Fælleskommunalt Socialsekretariat, {region}: tilbudsregistret ({Request.Scheme}://{Request.Host}/tilbud/udvikling?fra={c.From}&til={c.To})";
        return File(OfferWorkbooks.ComparisonWorkbook(c, source, clock.GetUtcNow().UtcDateTime), OfferWorkbooks.XlsxType, $"tilbud-udvikling-{c.From}-{c.To}.xlsx");
    }
}
