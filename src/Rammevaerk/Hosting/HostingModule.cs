using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Rammevaerk.Hosting;

/// <summary>
/// Running Rammeværk as a service on one or more nodes behind a load balancer: validated settings
/// (<see cref="SiteOptions"/>), data-protection keys in the database, one truth for the public caches
/// (<see cref="PublicContent"/>), work done once across nodes (<see cref="Leases"/>, <see cref="DailyJobs"/>), probes,
/// HEAD, forwarded headers, Secure cookies, graceful shutdown, JSON logs and retries of transient database faults.
/// </summary>
public static class HostingModule
{
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var env = builder.Environment;
        services.AddOptions<SiteOptions>().Bind(config.GetSection(SiteOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidator>();
        services.AddHttpContextAccessor();
        services.AddSingleton<SiteAddress>();
        var site = StartupCheck.BindOrRefuse(config, env);
        builder.UseJsonLogsOutsideDevelopment(site.Node);

        services.AddDatabaseKeys(config, env);

        services.AddSingleton<PublicContent>();
        services.AddSingleton<RouteAudiences>();
        services.AddSingleton<PublicChangeInterceptor>();
        services.AddHostedService<PublicChangeListener>();

        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<Leases>();
        services.AddHostedService<DailyJobs>();

        services.AddProbes();
        services.AddSingleton<RequestGate>();
        services.AddSingleton<WriteGateFilter>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.AddService<WriteGateFilter>(WriteGateFilter.Order));

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            IReadOnlyList<System.Net.IPNetwork> networks;
            try
            {
                networks = site.ProxyNetworks();
            }
            catch (FormatException)
            {
                networks = []; // refused at start by SiteOptionsValidator
            }
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
        // Behind TLS every cookie says Secure; Development and the tests run on plain http.
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = SiteOptionsValidator.IsProduction(env) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.HttpOnly = HttpOnlyPolicy.None;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        // A stopping node finishes the requests it has (Kestrel stops accepting new ones at once).
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Clamp(site.ShutdownSeconds, 1, 600)));
        return builder;
    }

    /// <summary>First in the pipeline: the client's address and scheme as a trusted proxy forwarded them, and HEAD as GET.</summary>
    public static IApplicationBuilder UseHostingFront(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseHeadAsGet();
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>
    /// HEAD is answered wherever GET is (RFC 9110 §9.3.2): a HEAD request runs as the GET it stands for, and Kestrel,
    /// which still knows the request was HEAD, sends the headers without the body. One rule at the front of the
    /// pipeline, so an endpoint added later cannot forget it (minimal-API <c>MapGet</c> alone answers HEAD with 405).
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Request.Method = HttpMethods.Get;
            // Kestrel drops the body of a HEAD answer itself; hosts that only see the rewritten method must too.
            http.Response.Body = new HeadBody(http.Response.Body);
        }
        return next(http);
    });

    /// <summary>Just before the endpoints: a user action hit by a transient database fault runs again (<see cref="RetryTransientFailures"/>).</summary>
    public static IApplicationBuilder UseTransientRetries(this IApplicationBuilder app) => app.UseMiddleware<RetryTransientFailures>();

    /// <summary>Swallows the body of a HEAD answer; the headers (Content-Length included) go out as for GET.</summary>
    private sealed class HeadBody(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) { }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.CompletedTask;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
