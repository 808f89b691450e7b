using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Publishing;

namespace Rammevaerk.Offers;

/// <summary>/tilbud: the yearly offer list (tilbudsliste), filtered by the query string, with an Excel export.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
[ReadsQuery("aar", "driftsherre", "paragraf", "maalgruppe", "tekst", "kun", "filtrer")] // OfferListFilter.FromQuery
public sealed class IndexModel(OfferRegister register, IConfiguration config) : PageModel
{
    public OfferListView View { get; private set; } = null!;
    public int? RequestedYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        RequestedYear = int.TryParse(Request.Query["aar"], out var y) ? y : null;
        View = await OfferListReader.ReadAsync(register, OffersModule.Region(config), RequestedYear, OfferListFilter.FromQuery(Request.Query), ct);
    }
}
