using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Meetings;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using Xunit.Abstractions;

namespace Rammevaerk.Tests.HostileInput;

/// <summary>
/// Honest caching (Hosting/CacheRule.cs), checked over every route of the access table: public content is
/// <c>public</c> with a validator and answers a revalidation with 304; anything for a signed-in user, anything not
/// public, errors and redirects are <c>private, no-store</c>; attachments of drafts and closed items never public.
/// Real URLs for the routes come from crawling the public site as a reader would (links in pages and OParl).
/// </summary>
public abstract partial class CachingTests(AppFactory app, ITestOutputHelper output)
{
    private sealed record Template(string Key, Audience Audience, TemplateMatcher Matcher);

    private static readonly List<Template> Templates = AccessTable.Routes
        .Select(r => new Template(r.Key, r.Value, new TemplateMatcher(TemplateParser.Parse(r.Key.TrimStart('/')), new RouteValueDictionary())))
        .ToList();

    /// <summary>One URL per route: a real one where the public site links to one, else one with values no object has.</summary>
    private async Task<Dictionary<string, string>> UrlsAsync()
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(AccessTable.Routes.Where(r => (r.Value & Audience.Anonymous) != 0 && !r.Key.Contains('{')).Select(r => r.Key));
        var seen = new HashSet<string>(queue);
        var fetched = 0;
        while (queue.Count > 0 && fetched < 250)
        {
            var url = queue.Dequeue();
            var key = KeyOf(url);
            if (key is not null) found.TryAdd(key, url);
            if (url.Contains("/pdf") || url.Contains("/bilag/") || url.EndsWith(".xlsx") || url.EndsWith("/csv") || url.Contains("/access")) continue;
            fetched++;
            // A reader who has not been anywhere: no cookie from an earlier page (a sign-in form's) changes the answer.
            using var client = app.CreateAnonymousClient();
            using var response = await client.GetAsync(url);
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            if (!response.IsSuccessStatusCode || !(type.Contains("html") || type.Contains("json") || type.Contains("xml"))) continue;
            foreach (Match m in Link().Matches(await response.Content.ReadAsStringAsync()))
            {
                var link = WebUtility.HtmlDecode(m.Groups["path"].Value);
                if (KeyOf(link) is { } k && !found.ContainsKey(k) && seen.Add(link)) queue.Enqueue(link);
            }
        }
        foreach (var key in AccessTable.Routes.Keys) found.TryAdd(key, FakeUrl(key));
        return found;
    }

    /// <summary>The most specific template a path matches: no catch-all if avoidable, the most literal text.</summary>
    private static string? KeyOf(string path) =>
        Templates.Where(t => t.Matcher.TryMatch(path, new RouteValueDictionary()))
            .OrderBy(t => t.Key.Contains("{**")).ThenByDescending(t => Parameter().Replace(t.Key, "").Length).Select(t => t.Key).FirstOrDefault();

    private static string FakeUrl(string key) => Parameter().Replace(key, m => m.Groups["name"].Value switch
    {
        "rest" => "findes/ikke",
        "format" => "csv",
        "year" => "1999",
        "code" => "404",
        _ when m.Groups["constraint"].Value.StartsWith(":int") => "987654",
        _ => "findes-ikke",
    });

    [Fact]
    public async Task Every_route_of_the_access_table_says_honestly_who_may_keep_its_answer()
    {
        var urls = await UrlsAsync();
        var clients = new Dictionary<Audience, HttpClient>
        {
            [Audience.Anonymous] = null!, // a fresh client for each request, below
            [Audience.Member] = await app.SignInAsMemberAsync(),
            [Audience.Municipality] = await app.SignInAsMunicipalityAsync(),
            [Audience.Secretariat] = await app.SignInAsSecretariatAsync(),
        };
        var problems = new List<string>();
        var publicAnswers = new List<string>();
        var keptPrivate = new List<string>();
        foreach (var (key, url) in urls.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            foreach (var (kind, signedIn) in clients)
            {
                using var fresh = kind == Audience.Anonymous ? app.CreateAnonymousClient() : null;
                var client = fresh ?? signedIn;
                using var response = await client.GetAsync(url);
                var cc = response.Headers.CacheControl;
                var who = $"GET {url} ({key}) as {Audiences.Danish(kind)} → {(int)response.StatusCode}, Cache-Control: {cc}";
                var shouldBePublic = kind == Audience.Anonymous && AccessTable.Allows(AccessTable.Routes[key], Audience.Anonymous)
                    && response.StatusCode == HttpStatusCode.OK && !response.Headers.Contains("Set-Cookie");
                if (kind == Audience.Anonymous && AccessTable.Allows(AccessTable.Routes[key], Audience.Anonymous)) output.WriteLine(who + (response.Headers.Contains("Set-Cookie") ? " (sets a cookie)" : ""));
                if (shouldBePublic && cc is { NoStore: true, Public: false })
                {
                    // Handlers may only make an answer stricter (a single-use link's page, for one).
                    keptPrivate.Add(key);
                    continue;
                }
                if (!shouldBePublic)
                {
                    if (cc is not { Private: true, NoStore: true } || cc.Public) problems.Add(who + " (expected private, no-store)");
                    continue;
                }
                if (cc is not { Public: true } || cc.Private || cc.NoStore)
                {
                    problems.Add(who + " (expected public)");
                    continue;
                }
                var etag = response.Headers.ETag;
                var modified = response.Content.Headers.LastModified;
                if (etag is null && modified is null)
                {
                    problems.Add(who + " (public without ETag or Last-Modified)");
                    continue;
                }
                using var again = new HttpRequestMessage(HttpMethod.Get, url);
                if (etag is not null) again.Headers.IfNoneMatch.Add(etag);
                else again.Headers.IfModifiedSince = modified;
                using var revalidated = await client.SendAsync(again);
                if (revalidated.StatusCode != HttpStatusCode.NotModified || revalidated.Headers.CacheControl is not { Public: true })
                {
                    problems.Add(who + $" (revalidation with {(etag is not null ? "If-None-Match" : "If-Modified-Since")} answered {(int)revalidated.StatusCode}, Cache-Control: {revalidated.Headers.CacheControl})");
                    continue;
                }
                publicAnswers.Add(key);
            }
        }
        output.WriteLine($"{urls.Count} routes, {publicAnswers.Count} public answers with a working validator:\n  " + string.Join("\n  ", publicAnswers));
        output.WriteLine("Public routes whose handler keeps the answer private: " + string.Join(", ", keptPrivate));

        Assert.True(problems.Count == 0, $"{problems.Count} answers break the caching rule:\n" + string.Join('\n', problems));
        // The crawl must have reached real public content of each kind, or the rule was not really exercised.
        foreach (var key in new[] { "/", "/moeder/{id:int}", "/bilag/{id:int}/{name?}", "/udvalg/{slug?}", "/tilbud/{id:int}", "/statistik/{id:int}", "/oparl/v1.1/meeting/{id:int}", "/feeds/atom.xml", "/centrale-udmeldinger" })
        {
            Assert.Contains(key, publicAnswers);
        }
        Assert.True(publicAnswers.Count >= 30, $"Only {publicAnswers.Count} public answers were checked.");
    }

    [Fact]
    public async Task Attachments_of_drafts_and_closed_items_are_never_public_whoever_asks()
    {
        var closed = await app.QueryAsync(db => db.Attachments.Where(a => a.AgendaItem.IsClosed && a.AgendaItem.Meeting.State != MeetingState.Draft && !a.IsMissing).Select(a => a.Id).FirstAsync());
        var draft = await app.QueryAsync(db => db.Attachments.Where(a => a.AgendaItem.Meeting.State == MeetingState.Draft && !a.IsMissing).Select(a => (int?)a.Id).FirstOrDefaultAsync());
        var member = await app.SignInAsMemberAsync();
        var secretariat = await app.SignInAsSecretariatAsync();

        var cases = new List<(HttpClient Client, int Id)> { (member, closed), (secretariat, closed) };
        if (draft is int d) cases.Add((secretariat, d));
        foreach (var (client, id) in cases)
        {
            using var response = await client.GetAsync($"/bilag/{id}/fil.pdf");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true, Public: false }, $"/bilag/{id}: {response.Headers.CacheControl}");
        }
        using var anonymous = await app.CreateAnonymousClient().GetAsync($"/bilag/{closed}/fil.pdf");
        Assert.True(anonymous.Headers.CacheControl is { Private: true, NoStore: true }, anonymous.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_public_page_stays_public_with_its_validator_when_served_from_the_output_cache()
    {
        var client = app.CreateAnonymousClient();
        using var first = await client.GetAsync("/");
        using var second = await client.GetAsync("/");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(first.Headers.ETag, head.Headers.ETag);
        Assert.True(second.Headers.CacheControl is { Public: true, NoStore: false });
        var signedIn = await (await app.SignInAsMemberAsync()).GetAsync("/");
        Assert.True(signedIn.Headers.CacheControl is { Private: true, NoStore: true, Public: false });
        Assert.Null(signedIn.Headers.ETag);
    }

    [Fact]
    public async Task Conditional_requests_the_output_cache_could_answer_alone_get_the_validator_too()
    {
        // "If-None-Match: *" and If-Modified-Since were answered 304 from the stored page, which has no ETag (CacheRule
        // adds it outside the cache), so the 304 had none although the 200 it stands for had one (RFC 9110 § 15.4.5).
        var client = app.CreateAnonymousClient();
        using var first = await client.GetAsync("/");
        using var cached = await client.GetAsync("/");
        Assert.NotNull(cached.Headers.ETag);

        using var any = new HttpRequestMessage(HttpMethod.Get, "/");
        any.Headers.TryAddWithoutValidation("If-None-Match", "*");
        using var anyAnswer = await client.SendAsync(any);
        Assert.Equal(HttpStatusCode.NotModified, anyAnswer.StatusCode);
        Assert.Equal(first.Headers.ETag, anyAnswer.Headers.ETag);
        Assert.True(anyAnswer.Headers.CacheControl is { Public: true }, anyAnswer.Headers.CacheControl?.ToString());

        using var since = new HttpRequestMessage(HttpMethod.Get, "/");
        since.Headers.IfModifiedSince = DateTimeOffset.UtcNow.AddDays(1);
        using var sinceAnswer = await client.SendAsync(since);
        Assert.True(sinceAnswer.StatusCode == HttpStatusCode.NotModified ? sinceAnswer.Headers.ETag is not null : sinceAnswer.StatusCode == HttpStatusCode.OK,
            $"If-Modified-Since answered {(int)sinceAnswer.StatusCode} with ETag {sinceAnswer.Headers.ETag}");
        Assert.Equal(first.Headers.ETag, sinceAnswer.Headers.ETag);

        // An empty If-None-Match is no If-None-Match to the cache, so its If-Modified-Since must not slip past either.
        // (HttpClient drops an empty header, so the request is made on the server directly, as Kestrel hands it over.)
        foreach (var path in new[] { "/", "/tilbud", "/feeds/atom.xml" })
        {
            using var plain = await client.GetAsync(path);
            var answer = await app.Server.SendAsync(c =>
            {
                c.Request.Method = "GET";
                c.Request.Path = path;
                c.Request.Headers.IfNoneMatch = "";
                c.Request.Headers.IfModifiedSince = "Mon, 07 Dec 2099 00:00:00 GMT";
            });
            var etag = answer.Response.Headers.ETag.ToString();
            Assert.True(answer.Response.StatusCode == 200 || etag.Length > 0,
                $"{path} with an empty If-None-Match answered {answer.Response.StatusCode} without an ETag");
            Assert.Equal(plain.Headers.ETag?.ToString(), etag);
        }
    }

    [Fact]
    public async Task A_public_page_held_to_hash_it_arrives_whole_from_the_page_and_from_the_output_cache()
    {
        // Public pages without a validator of their own are held in pooled 16 KB blocks to hash them (Hosting/CacheRule.cs);
        // the offer list of the demo data spans several blocks.
        var client = app.CreateAnonymousClient();
        using var first = await client.GetAsync("/tilbud");
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        using var second = await client.GetAsync("/tilbud");
        var secondBytes = await second.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(firstBytes.Length > 3 * 16 * 1024, $"the offer list has {firstBytes.Length} bytes; the test needs a page of several blocks");
        Assert.Equal(firstBytes.Length, first.Content.Headers.ContentLength);
        Assert.Equal(firstBytes, secondBytes);
        Assert.Equal(secondBytes.Length, second.Content.Headers.ContentLength);
        Assert.EndsWith("</html>", System.Text.Encoding.UTF8.GetString(secondBytes).TrimEnd());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [GeneratedRegex(@"(?:href=""|src=""|""https?://[^/""]+)(?<path>/[^""#?\s]*)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\{\**(?<name>[a-zA-Z]+)(?<constraint>(:[a-z]+)?)\??\}")]
    private static partial Regex Parameter();
}

public sealed class CachingTestsOnSqlite(SqliteAppFactory app, ITestOutputHelper output) : CachingTests(app, output), IClassFixture<SqliteAppFactory>;

public sealed class CachingTestsOnPostgres(PostgresAppFactory app, ITestOutputHelper output) : CachingTests(app, output), IClassFixture<PostgresAppFactory>;
