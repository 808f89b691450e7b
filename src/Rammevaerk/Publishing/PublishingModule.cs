using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Hosting;

namespace Rammevaerk.Publishing;

/// <summary>
/// The public site: bodies, their meetings by year, meeting pages. Anonymous page views are served from the
/// output cache, keyed by this node's generation of the public content (<see cref="PublicContent"/>), which moves with
/// every committed change to public data on any node (<see cref="PublicChangeInterceptor"/>).
/// </summary>
public static class PublishingModule
{
    public const string CacheTag = PublicContent.CacheTag;
    public const string PublicPolicy = "public-pages";

    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            o.AddPolicy(PublicPolicy, new AnonymousOnlyPolicy());
        });
        return services;
    }

    public static IApplicationBuilder UsePublishingCache(this IApplicationBuilder app) => app.UseOutputCache();

    public static IEndpointRouteBuilder MapPublishing(this IEndpointRouteBuilder app) => app;

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
            var content = http.RequestServices.GetRequiredService<PublicContent>();
            // Not while this node may have missed a change made elsewhere.
            var cacheable = anonymous && content.Trusted && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
            context.Tags.Add(CacheTag);
            context.CacheVaryByRules.QueryKeys = "*";
            // A page rendered from data read before a change may be stored after it: under the old generation's key,
            // where no later request looks.
            context.CacheVaryByRules.VaryByValues["generation"] = content.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
