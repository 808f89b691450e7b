using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Rammevaerk.Offers;

/// <summary>The offer register's services: the register itself and the offer list's and comparison's readers.</summary>
public static class OffersModule
{
    public const string DefaultRegion = "Region Syddanmark";

    public static IServiceCollection AddOffers(this IServiceCollection services)
    {
        services.TryAddScoped<OfferRegister>();
        return services;
    }

    /// <summary>The secretariat's region (config "Rammevaerk:Region").</summary>
    public static string Region(IConfiguration config) =>
        Hosting.SiteOptions.Of(config).Region;
}
