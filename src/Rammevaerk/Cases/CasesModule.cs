namespace Rammevaerk.Cases;

/// <summary>
/// Cases (sager): the model and its EF configuration and the new-item rule (Case.cs), the path as each reader may
/// see it (CasePath.cs), sending on to another body's meeting (SendOn.cs), steps outside Rammeværk
/// (OutsideStepInput.cs), the secretariat's pages (Admin/) and the public "Sagsforløb" (_CasePath.cshtml). OParl
/// serves cases as Paper with their Consultations (OParl/OParlReader.cs).
/// </summary>
public static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddScoped<SendOn>();
        return services;
    }
}
