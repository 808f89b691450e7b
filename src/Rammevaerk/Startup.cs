using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Demo;

namespace Rammevaerk;

internal static class Startup
{
    /// <summary>
    /// Migrations run as an explicit step: the <c>migrate</c> command, or here at start-up when
    /// <c>Database:MigrateOnStartup</c> is true (the default in Development). Reference data (municipalities, lists,
    /// operators) loads on every start once the schema is current. Demo data loads when
    /// <c>DemoData:Load</c> is true (the default in Development).
    /// </summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var config = app.Configuration;
        var isDev = app.Environment.IsDevelopment();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (config.GetValue("Database:MigrateOnStartup", isDev))
        {
            await db.Database.MigrateAsync();
        }
        var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
        // Reference data loads whenever the schema is current (a production start after the migrate command too).
        if (await db.Database.CanConnectAsync() && !(await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await demo.LoadReferenceDataAsync();
        }
        if (config.GetValue("DemoData:Load", isDev))
        {
            await demo.LoadAsync();
            if (isDev) demo.PrintAccounts(Console.Out);
        }
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var h = ctx.Response.Headers;
        h["X-Content-Type-Options"] = "nosniff";
        h["X-Frame-Options"] = "DENY";
        h["Referrer-Policy"] = "strict-origin-when-cross-origin";
        h["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        await next();
    });
}
