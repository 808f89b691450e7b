using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Publishing;

namespace Rammevaerk.Offers;

/// <summary>/tilbud/tilbudsliste-{year}.xlsx?…filters…: the offer list as the page shows it, as a workbook.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
[ReadsQuery("aar", "driftsherre", "paragraf", "maalgruppe", "tekst", "kun", "filtrer")] // OfferListFilter.FromQuery
public sealed class ExportModel(OfferRegister register, IConfiguration config, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        var region = OffersModule.Region(config);
        var view = await OfferListReader.ReadAsync(register, region, year, OfferListFilter.FromQuery(Request.Query), ct);
        if (view.Year != year) return NotFound();
        var source = $"Rammeværk, Fælleskommunalt Socialsekretariat, {region}: tilbudsregistret ({Request.Scheme}://{Request.Host}/tilbud?{view.Filter.Query(year)})";
        var bytes = OfferWorkbooks.ListWorkbook(year, view.Rows, view.Filter.Describe(view.OperatorName), source, clock.GetUtcNow().UtcDateTime);
        return File(bytes, OfferWorkbooks.XlsxType, $"tilbudsliste-{year}.xlsx");
    }
}
