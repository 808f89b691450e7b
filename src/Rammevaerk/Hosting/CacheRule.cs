using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.IO;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Rammevaerk.Accounts;

namespace Rammevaerk.Hosting;

/// <summary>
/// The one rule for <c>Cache-Control</c>, applied to every response by <see cref="CacheRuleMiddleware"/>:
/// an answer is <c>public</c> only when it is a successful GET (or HEAD) by a reader who is not signed in, on a route
/// that <see cref="AccessTable"/> opens to the public, setting no cookie, and the handler did not call
/// <see cref="KeepPrivate"/>; it then always carries a validator (the handler's own ETag or Last-Modified, else an
/// ETag of the body) and a revalidation with it gets 304. Everything else - signed-in users, routes that are not
/// public, errors, redirects, form posts - is <c>private, no-store</c>. Handlers never write <c>public</c>
/// themselves; they can only make an answer stricter (<see cref="KeepPrivate"/>, or their own <c>no-store</c>).
/// </summary>
public static class CacheRule
{
    public const string Private = "private, no-store";

    /// <summary>The sign-in cookie: a request that carries it is treated as a signed-in user's even before authentication ran.</summary>
    public const string AuthCookie = "rammevaerk.auth";

    private sealed class KeptPrivate;

    /// <summary>This answer is never shared, whoever asks (an attachment of a closed item, a draft's file, a members' PDF).</summary>
    public static void KeepPrivate(HttpContext http) => http.Features.Set(new KeptPrivate());

    /// <summary>The <c>Cache-Control</c> for public content: <c>public, max-age=N</c>, or <c>public, no-cache</c> for 0.</summary>
    public static string Public(int maxAgeSeconds) => maxAgeSeconds > 0 ? $"public, max-age={maxAgeSeconds}" : "public, no-cache";

    /// <summary>Could the answer be public, as far as the request tells (method and who asks)?</summary>
    internal static bool MayBePublic(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.User.Identity?.IsAuthenticated != true && !http.Request.Cookies.ContainsKey(AuthCookie);

    /// <summary>Is the answer, as it stands now, public content?</summary>
    internal static bool IsPublic(HttpContext http, RouteAudiences routes)
    {
        var response = http.Response;
        if (!MayBePublic(http)) return false;
        if (response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status206PartialContent or StatusCodes.Status304NotModified)) return false;
        if (response.Headers.SetCookie.Count > 0 || http.Features.Get<KeptPrivate>() is not null) return false;
        var own = response.Headers.CacheControl.ToString();
        if (own.Contains("no-store", StringComparison.OrdinalIgnoreCase) || own.Contains("private", StringComparison.OrdinalIgnoreCase)) return false;
        return routes.AudienceOf(http) is not Audience a || AccessTable.Allows(a, Audience.Anonymous);
    }

    /// <summary>Makes the answer private: one header for every such answer, whatever the handler or a library wrote.</summary>
    internal static void MakePrivate(HttpResponse response) => response.Headers.CacheControl = Private;

    internal static bool HasValidator(HttpResponse response) =>
        !string.IsNullOrEmpty(response.Headers.ETag) || !string.IsNullOrEmpty(response.Headers.LastModified);
}

/// <summary>
/// The access table's audience of a request: from its endpoint, or - for the answers sent before routing (public PDF
/// files, <see cref="Publishing.Pdf.PdfModule.UsePdfFiles"/>) - by matching the path against the table's templates.
/// Null for paths that are no route (static files of wwwroot, which are public).
/// </summary>
public sealed class RouteAudiences
{
    private readonly List<(TemplateMatcher Matcher, Audience Audience)> templates = AccessTable.Routes
        .Select(r => (new TemplateMatcher(TemplateParser.Parse(r.Key.TrimStart('/')), new RouteValueDictionary()), r.Value))
        .ToList();

    public Audience? AudienceOf(HttpContext http)
    {
        if (http.GetEndpoint() is { } endpoint) return AccessTable.KeyOf(endpoint) is { } key ? AccessTable.For(key) ?? Audience.None : null;
        foreach (var (matcher, audience) in templates)
        {
            if (matcher.TryMatch(http.Request.Path, new RouteValueDictionary())) return audience;
        }
        return null;
    }
}

/// <summary>Applies <see cref="CacheRule"/> to every response; early in the pipeline, so that every answer passes it.</summary>
public sealed class CacheRuleMiddleware(RequestDelegate next, RouteAudiences routes, IOptions<SiteOptions> site)
{
    /// <summary>Public answers without a validator of their own are held this far to hash them; larger ones are refused sharing.</summary>
    private const int MaxHashedBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Where held answers wait: pooled 16 KB blocks, so that holding a page (served again from the output cache on
    /// every request) allocates nothing that lands on the large object heap. A growing <see cref="MemoryStream"/>
    /// here made 20 MB/s of large arrays under the cluster bench and left the large object heap 30 MB fragmented
    /// (bench/README.md, "Where a node allocates, and conserve memory"). At most 8 MB of free blocks are kept.
    /// </summary>
    private static readonly RecyclableMemoryStreamManager Held = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 16 * 1024,
        MaximumSmallPoolFreeBytes = 8 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 0,
    });

    public async Task InvokeAsync(HttpContext http)
    {
        var response = http.Response;
        // Set last, whatever the handler did: a cookie added as the answer starts (a refreshed sign-in) still makes it private.
        response.OnStarting(() =>
        {
            if (!CacheRule.IsPublic(http, routes)) CacheRule.MakePrivate(response);
            return Task.CompletedTask;
        });
        if (!CacheRule.MayBePublic(http))
        {
            await next(http);
            return;
        }
        var body = new RuleStream(http, response.Body, routes, CacheRule.Public(site.Value.PublicMaxAgeSeconds));
        response.Body = body;
        try
        {
            await next(http);
            await body.CompleteAsync();
        }
        finally
        {
            response.Body = body.Inner;
            body.Release();
        }
    }

    /// <summary>
    /// Decides at the first byte (the handler's headers and status are set by then): a public answer with a validator
    /// of its own, or anything private, goes straight through; a public answer without one is held and hashed.
    /// </summary>
    private sealed class RuleStream(HttpContext http, Stream inner, RouteAudiences routes, string publicHeader) : Stream
    {
        private RecyclableMemoryStream? held;
        private bool decided;

        public Stream Inner => inner;

        /// <summary>Gives the held blocks back to the pool (the request may have ended before the answer was sent).</summary>
        public void Release()
        {
            held?.Dispose();
            held = null;
        }

        /// <summary>Sends what is held, block by block, and gives the blocks back.</summary>
        private async Task SendHeldAsync(ReadOnlySequence<byte> bytes, CancellationToken ct)
        {
            foreach (var block in bytes) await inner.WriteAsync(block, ct);
            Release();
        }

        private void Decide()
        {
            if (decided) return;
            decided = true;
            var response = http.Response;
            if (!CacheRule.IsPublic(http, routes))
            {
                CacheRule.MakePrivate(response);
                return;
            }
            response.Headers.CacheControl = publicHeader;
            if (!CacheRule.HasValidator(response) && response.StatusCode == StatusCodes.Status200OK) held = Held.GetStream("CacheRule");
        }

        public async Task CompleteAsync()
        {
            Decide();
            if (held is null) return;
            var response = http.Response;
            var bytes = held.GetReadOnlySequence();
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var block in bytes) sha.AppendData(block.Span);
            var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(sha.GetHashAndReset())[..32] + "\"");
            response.Headers.ETag = tag.ToString();
            if (EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var asked) && asked.Any(t => t.Compare(tag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                Release();
                return;
            }
            response.ContentLength = bytes.Length;
            await SendHeldAsync(bytes, http.RequestAborted);
        }

        private async ValueTask WriteOutAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
        {
            Decide();
            if (held is null)
            {
                await inner.WriteAsync(buffer, ct);
                return;
            }
            held.Write(buffer.Span);
            if (held.Length > MaxHashedBytes)
            {
                // Too large to hold: sent on without a validator, so it may not be shared either.
                http.Response.Headers.CacheControl = CacheRule.Private;
                var sofar = held.GetReadOnlySequence();
                using var sending = held;
                held = null;
                foreach (var block in sofar) await inner.WriteAsync(block, ct);
            }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Flush()
        {
            Decide();
            if (held is null) inner.Flush();
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Decide();
            return held is null ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteOutAsync(buffer.AsMemory(offset, count), default).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteOutAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => WriteOutAsync(buffer, cancellationToken);
    }
}
