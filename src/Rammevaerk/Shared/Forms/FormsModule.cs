using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Rammevaerk.Data;

namespace Rammevaerk.Shared.Forms;

/// <summary>
/// What every form of the app gets without asking (issue 16): a one-time token so that submitting twice does once
/// (<see cref="OneTimeSubmissionFilter"/>), 400/404 for handlers that do not exist (<see cref="UnknownHandlerFilter"/>),
/// a Danish answer naming the limit for a body that is too large (<see cref="FormReadFilter"/>), and text fields read
/// whatever their length so that a field's own limit can be named next to the text the user typed.
/// </summary>
public static class FormsModule
{
    /// <summary>
    /// The longest single form value read (30 MB, the size of the largest request Kestrel takes by default). The
    /// framework's 4 MB made a text of a million Danish letters (6 MB as a form) a generic 400 page with the text
    /// lost; now the field's own limit refuses it, with the text shown back.
    /// </summary>
    public const int MaxValueLength = 30 * 1024 * 1024;

    public static IServiceCollection AddForms(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<OneTimeSubmissionInterceptor>();
        services.ConfigureDbContext<SqliteAppDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<OneTimeSubmissionInterceptor>()));
        services.ConfigureDbContext<PostgresAppDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<OneTimeSubmissionInterceptor>()));
        services.Configure<FormOptions>(o => o.ValueLengthLimit = MaxValueLength);
        services.AddScoped<OneTimeSubmissionFilter>();
        services.AddHostedService<FormSubmissionCleanup>();
        services.Configure<MvcOptions>(o =>
        {
            o.Filters.Add(new FormReadFilter());
            o.Filters.Add(new UnknownHandlerFilter());
            o.Filters.AddService<OneTimeSubmissionFilter>();
        });
        return services;
    }
}
