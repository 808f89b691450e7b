using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Rammevaerk.Data;

namespace Rammevaerk.Hosting;

/// <summary>
/// Probes for the load balancer and the service manager. <c>/healthz/live</c>: the process answers (nothing else is
/// asked). <c>/healthz/ready</c>: the database answers, every migration is applied, and the node is not stopping, so
/// that a balancer stops sending work to a node that is going away before it goes. Neither is ever cached.
/// </summary>
public static class Health
{
    /// <summary>Where the probes are; nothing else lives under it.</summary>
    public const string Prefix = "/healthz";
    public const string LivePath = Prefix + "/live";
    public const string ReadyPath = Prefix + "/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddProbes(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReady>("database", tags: [ReadyTag])
            .AddCheck<NotStopping>("not-stopping", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapProbes(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary>A short JSON body: the status and what is wrong, for a person reading a probe by hand.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        };
        return http.Response.WriteAsJsonAsync(body);
    }

    private sealed class DatabaseReady(AppDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                if (!await db.Database.CanConnectAsync(timeout.Token)) return HealthCheckResult.Unhealthy("The database does not answer.");
                var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).ToList();
                return pending.Count == 0
                    ? HealthCheckResult.Healthy("Reachable, schema current.")
                    : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied (run the migrate command): {string.Join(", ", pending)}.");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"The database does not answer ({e.GetBaseException().Message}).");
            }
        }
    }

    private sealed class NotStopping(IHostApplicationLifetime lifetime) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthCheckResult.Unhealthy("Stopping: finishing the requests in flight.")
                : HealthCheckResult.Healthy());
    }
}
