using Microsoft.AspNetCore.OutputCaching;

namespace Rammevaerk.Publishing;

/// <summary>
/// The public site: bodies, their meetings by year, meeting pages. Anonymous page views are served from the
/// output cache; every change to a meeting evicts it (tag "meetings").
/// </summary>
public static class PublishingModule
{
    public const string CacheTag = "meetings";
    public const string PublicPolicy = "public-pages";

    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            o.AddPolicy(PublicPolicy, new AnonymousOnlyPolicy());
        });
        services.AddHostedService<PublicSiteSettings.StartupCheck>();
        return services;
    }

    public static IApplicationBuilder UsePublishingCache(this IApplicationBuilder app) => app.UseOutputCache();

    public static IEndpointRouteBuilder MapPublishing(this IEndpointRouteBuilder app) => app;

    /// <summary>Evicts cached public pages after a change; call after the change is committed.</summary>
    public static Task EvictPublicPagesAsync(this IOutputCacheStore store, CancellationToken ct = default) =>
        store.EvictByTagAsync(CacheTag, ct).AsTask();

    /// <summary>
    /// Caches GET/HEAD responses for readers who are not logged in. A logged-in member may see closed items, so
    /// their pages are never cached or served from the cache.
    /// </summary>
    private sealed class AnonymousOnlyPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var anonymous = http.User.Identity?.IsAuthenticated != true && !http.Request.Cookies.ContainsKey("rammevaerk.auth");
            var cacheable = anonymous && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
            context.Tags.Add(CacheTag);
            context.CacheVaryByRules.QueryKeys = "*";
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // Pages that set cookies (antiforgery on a form) or failed are not shared between readers.
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// After any POST to a secretariat page that changes meetings or bodies, drop the cached public pages. Runs after
/// the handler has committed, so a reader can never re-cache the old content in between.
/// </summary>
public sealed class EvictPublicPagesAfterChange(IOutputCacheStore store) : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    private static readonly string[] Folders = ["/Meetings/", "/Bodies/", "/Economics/", "/Offers/", "/FollowUps/", "/AnnualCycle/", "/Capacity/", "/EarlyWarnings/", "/Statistics/", "/NeedsSurveys/", "/CentralAnnouncements/", "/Appointments/"];

    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var path = context.ActionDescriptor.ViewEnginePath;
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && executed.Exception is null
            && Folders.Any(f => path.StartsWith(f, StringComparison.Ordinal)))
        {
            await store.EvictPublicPagesAsync();
        }
    }
}
