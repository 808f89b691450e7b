using Rammevaerk.Accounts;
using Rammevaerk.Offers;

namespace Rammevaerk.Reporting;

public static class ReportingModule
{
    /// <summary>The offer register and the annual reporting rounds.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddScoped<OfferRegister>();
        services.AddScoped<ReportingService>();
        services.AddScoped<ReportAccess>();
        services.AddScoped<Demo.DemoOffers>();
        services.AddScoped<Demo.DemoReporting>();
        return services;
    }
}
