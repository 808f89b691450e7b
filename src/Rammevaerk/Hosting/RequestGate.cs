using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Hosting;

/// <summary>
/// A node works on at most <see cref="SiteOptions.MaxRequestsInProgress"/> requests at once; the rest wait their turn,
/// oldest first, for at most <see cref="SiteOptions.MaxRequestWaitSeconds"/>, and then get 503 with Retry-After. Why:
/// each request in progress holds its database context, its rendered page and its buffers, and a crowd otherwise takes
/// a node's memory wherever the crowd goes (200 readers and 23 reporters: 20–30 MB more, decision 0013), while two
/// cores do not answer faster with 200 pages under way than with 24.
/// <para>
/// Reads (GET, HEAD) wait near the front of the pipeline (<see cref="ReadGateMiddleware"/>, before the cache rule that
/// holds public answers). A posted form waits only once it has arrived (<see cref="WriteGateFilter"/>, after
/// <see cref="FormReadFilter"/>), so a client that sends slowly holds no place, and the pages' own size limits still
/// answer first. A request keeps its place until its answer has been sent: measured, giving it back when the answer
/// starts left as many pages in memory as no gate at all (held answers on their way out). Behind nginx, which buffers
/// answers (<c>deploy/nginx/rammevaerk.conf</c>), sending is loopback-fast whatever the reader's line.
/// </para>
/// <para>
/// Never waiting: the probes (<c>/healthz</c>: a balancer must see a busy node as alive) and the error page an answer
/// is re-executed into.
/// </para>
/// </summary>
public sealed class RequestGate : IDisposable
{
    private readonly ConcurrencyLimiter? limiter;

    public RequestGate(IOptions<SiteOptions> options)
    {
        var o = options.Value;
        MaxWait = TimeSpan.FromSeconds(o.MaxRequestWaitSeconds);
        if (o.MaxRequestsInProgress > 0)
        {
            limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = o.MaxRequestsInProgress,
                QueueLimit = QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
    }

    /// <summary>How many requests may wait; beyond that a request gets 503 at once.</summary>
    public const int QueueLimit = 5000;

    /// <summary>Seconds a refused request is told to wait before it tries again.</summary>
    public const string RetryAfterSeconds = "5";

    public TimeSpan MaxWait { get; }

    /// <summary>Requests that never wait: the probes and re-executed error pages.</summary>
    public static bool IsExempt(HttpContext ctx) =>
        IsProbe(ctx.Request.Path)
        || ctx.Features.Get<IStatusCodeReExecuteFeature>() is not null
        || ctx.Features.Get<IExceptionHandlerFeature>() is not null;

    /// <summary>
    /// The two probe addresses themselves (as routing matches them: any case, one trailing slash), not everything under
    /// <see cref="Health.Prefix"/>: <c>/healthz/anything</c> is a 404 whose error page would otherwise be rendered
    /// outside the limit, as many at once as a client asks for.
    /// </summary>
    private static bool IsProbe(PathString path)
    {
        var value = path.Value;
        if (value is null) return false;
        if (value.Length > 1 && value[^1] == '/') value = value[..^1];
        return string.Equals(value, Health.LivePath, StringComparison.OrdinalIgnoreCase)
               || string.Equals(value, Health.ReadyPath, StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    /// <summary>
    /// Waits for a place for this request and holds it until the request has ended (its answer sent). False when no
    /// place came within <see cref="MaxWait"/> or the queue is full; the request must then be answered 503.
    /// </summary>
    public async Task<bool> EnterAsync(HttpContext ctx)
    {
        var place = await AcquireAsync(ctx.RequestAborted);
        if (place is null) return false;
        ctx.Response.RegisterForDispose(place);
        return true;
    }

    /// <summary>A place, given back by disposing it; null when none came within <see cref="MaxWait"/> or the queue is full.</summary>
    public async Task<IDisposable?> AcquireAsync(CancellationToken aborted)
    {
        if (limiter is null) return new Place(null);
        RateLimitLease lease;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted))
        {
            wait.CancelAfter(MaxWait);
            try
            {
                lease = await limiter.AcquireAsync(1, wait.Token);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                return null; // waited MaxWait
            }
        }
        if (lease.IsAcquired) return new Place(lease);
        lease.Dispose();
        return null;
    }

    public void Dispose() => limiter?.Dispose();

    /// <summary>A held place, given back once.</summary>
    private sealed class Place(RateLimitLease? lease) : IDisposable
    {
        private int held = 1;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref held, 0) == 1) lease?.Dispose();
        }
    }
}

/// <summary>Reads wait for their place at the front of the pipeline (<see cref="RequestGate"/>).</summary>
public sealed class ReadGateMiddleware(RequestDelegate next, RequestGate gate)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        if (RequestGate.IsRead(ctx.Request) && !RequestGate.IsExempt(ctx) && !await gate.EnterAsync(ctx))
        {
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            ctx.Response.Headers.RetryAfter = RequestGate.RetryAfterSeconds;
            return;
        }
        await next(ctx);
    }
}

/// <summary>
/// A posted form waits for its place once it has arrived and passed the page's size limits (<see cref="FormReadFilter"/>
/// reads it at 950), before antiforgery validation (1000) and the handler (<see cref="RequestGate"/>).
/// </summary>
public sealed class WriteGateFilter(RequestGate gate) : IAsyncAuthorizationFilter
{
    public const int Order = 960;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (context.Result is not null || !IsWrite(http.Request) || RequestGate.IsExempt(http)) return;
        if (await gate.EnterAsync(http)) return;
        http.Response.Headers.RetryAfter = RequestGate.RetryAfterSeconds;
        http.Items[ErrorDetail.Key] = "Systemet har travlt lige nu, og det sendte er ikke gemt. Gå tilbage, og send det igen om lidt.";
        context.Result = new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
    }

    private static bool IsWrite(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);
}
