namespace Rammevaerk.Capacity;

/// <summary>Capacity change notices: filing (/kapacitet), the secretariat's pages (/sekretariat/kapacitet), the public list.</summary>
public static class CapacityModule
{
    public static IServiceCollection AddCapacity(this IServiceCollection services)
    {
        services.AddScoped<CapacityService>();
        services.AddScoped<NoticeAccess>();
        services.AddSingleton<CapacityApplier>();
        services.AddSingleton<Hosting.IDailyJob>(sp => sp.GetRequiredService<CapacityApplier>());
        return services;
    }
}
