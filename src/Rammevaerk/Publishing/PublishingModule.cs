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
        services.AddHostedService<PublicSiteSettings.StartupCheck>();
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
            // Vary by the query keys the endpoint reads; a request with any other key is answered but not cached, so
            // "?x=1", "?x=2" … neither bypass the cache for everyone else's page nor fill the memory.
            var keys = PublicQuery.KeysOf(http.GetEndpoint());
            if (http.Request.Query.Keys.Any(k => !keys.Contains(k)))
            {
                context.AllowCacheLookup = false;
                context.AllowCacheStorage = false;
            }
            // The cache answers "If-None-Match: *" and If-Modified-Since with a 304 of its own from the stored page, which
            // has no ETag (CacheRule adds it outside the cache), so the 304 would lack the validator the 200 carries.
            // Rendered instead, CacheRule answers them with its ETag. Revalidations with a tag (the usual ones) still
            // come from the cache.
            if (AnsweredByTheCacheAlone(http.Request)) context.AllowCacheLookup = false;
            context.CacheVaryByRules.QueryKeys = keys.Count == 0 ? Microsoft.Extensions.Primitives.StringValues.Empty : new Microsoft.Extensions.Primitives.StringValues(keys.Order(StringComparer.Ordinal).ToArray());
            // A page rendered from data read before a change may be stored after it: under the old generation's key,
            // where no later request looks.
            context.CacheVaryByRules.VaryByValues["generation"] = content.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        }

        // As the output cache reads them: an empty If-None-Match counts as none, so its If-Modified-Since decides.
        private static bool AnsweredByTheCacheAlone(HttpRequest request) =>
            request.Headers.IfNoneMatch.Any(v => v?.Trim() == "*") ||
            (Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(request.Headers.IfNoneMatch)
             && !Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(request.Headers.IfModifiedSince));

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
/// Declares the query keys a cached public page or endpoint reads itself (from <c>Request.Query</c>). A Razor page's
/// handler parameters and GET-bound properties count without it. The public cache varies by exactly these keys and
/// does not cache a request that carries any other.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReadsQueryAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}

/// <summary>The query keys of an endpoint, from its metadata (memoised: endpoint metadata never changes).</summary>
public static class PublicQuery
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Endpoint, HashSet<string>> Known = new();
    private static readonly HashSet<string> None = new(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlySet<string> KeysOf(Endpoint? endpoint) =>
        endpoint is null ? None : Known.GetValue(endpoint, Read);

    // [BindProperty] binds on GET only with SupportsGet: its predicate is asked about a GET request.
    private static readonly Microsoft.AspNetCore.Mvc.ActionContext AGet = new() { HttpContext = new DefaultHttpContext { Request = { Method = "GET" } } };

    private static HashSet<string> Read(Endpoint endpoint)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var declared in endpoint.Metadata.GetOrderedMetadata<ReadsQueryAttribute>()) keys.UnionWith(declared.Keys);
        if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is { } page)
        {
            foreach (var handler in page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(h.HttpMethod, "HEAD", StringComparison.OrdinalIgnoreCase)))
                keys.UnionWith(handler.Parameters.Select(p => p.BindingInfo?.BinderModelName ?? p.Name));
            foreach (var property in page.BoundProperties)
            {
                if (property.BindingInfo?.RequestPredicate is { } allows && !allows(AGet)) continue;
                keys.Add(property.BindingInfo?.BinderModelName ?? property.Name);
            }
        }
        return keys;
    }
}
