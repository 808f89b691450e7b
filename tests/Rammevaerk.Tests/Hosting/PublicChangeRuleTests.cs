using System.Data.Common;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Data;
using Rammevaerk.Hosting;
using Rammevaerk.Offers;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Hosting;

/// <summary>
/// The rule that evicts the public caches sits on <see cref="AppDb"/> and reads every command. These tests check the
/// rule itself and that nothing that writes can go around it.
/// </summary>
public sealed class PublicChangeRuleTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    private Microsoft.EntityFrameworkCore.Metadata.IModel Model()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDb>().Model;
    }

    [Theory]
    [InlineData("""INSERT INTO "Outbox" ("To", "Subject") VALUES (@p0, @p1) RETURNING "Id";""", false)]
    [InlineData("""INSERT INTO "Notifications" ("Text") VALUES (@p0); INSERT INTO "Outbox" ("To") VALUES (@p1);""", false)]
    [InlineData("""UPDATE "OperatorReports" SET "ContentJson" = @p0 WHERE "Id" = @p1 AND "ConcurrencyStamp" = @p2;""", false)]
    [InlineData("""UPDATE "AspNetUsers" SET "AccessFailedCount" = @p0 WHERE "Id" = @p1;""", false)]
    [InlineData("""SELECT o."Id" FROM "Outbox" AS o WHERE o."SentAt" IS NULL FOR UPDATE SKIP LOCKED""", false)]
    [InlineData("""SELECT m."Id", m."UpdatedAt" FROM "Meetings" AS m""", false)]
    [InlineData("""UPDATE "Meetings" SET "Version" = "Version" + 1 WHERE "Id" = @p""", true)]
    [InlineData("""INSERT INTO "Notifications" ("Text") VALUES (@p0); INSERT INTO "OfferRevisions" ("Number") VALUES (@p1);""", true)]
    [InlineData("""DELETE FROM "AnnouncementFiles" AS a WHERE a."AnnouncementId" = @id""", true)]
    [InlineData("""INSERT INTO "SearchItemsFts"(rowid, "Document") VALUES (@p0, @p1)""", true)]
    [InlineData("INSERT INTO public.\"Offers\" (\"Name\") VALUES (@p0) ON CONFLICT (\"Id\") DO UPDATE SET \"Name\" = excluded.\"Name\"", true)]
    public void A_command_counts_as_a_public_change_when_it_writes_a_public_table(string sql, bool expected) =>
        Assert.Equal(expected, PublicChangeInterceptor.WritesPublicData(sql, Model()));

    [Fact]
    public void Every_table_is_public_unless_marked_with_a_reason()
    {
        var model = Model();
        var notPublic = PublicChangeInterceptor.NotPublicTables(model);
        Assert.Contains("Outbox", notPublic);
        Assert.Contains("DataProtectionKeys", notPublic);
        Assert.Contains("AspNetUsers", notPublic);
        Assert.DoesNotContain("Meetings", notPublic);
        Assert.DoesNotContain("OfferRevisions", notPublic);
        Assert.DoesNotContain("NeedsSurveyAnswers", notPublic); // published survey results are computed from them
        foreach (var type in model.GetEntityTypes().Select(t => t.ClrType).Where(t => t.Assembly == typeof(AppDb).Assembly))
        {
            if (type.GetCustomAttribute<NotPublicDataAttribute>() is { } mark) Assert.False(string.IsNullOrWhiteSpace(mark.Reason), type.Name);
        }
    }

    [Fact]
    public void The_rule_is_installed_on_the_apps_database_context()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        Assert.Contains(interceptors, i => i is PublicChangeInterceptor);
    }

    /// <summary>Types through which a handler could change what the public sees without passing the rule.</summary>
    private static bool GoesAround(Type t) =>
        typeof(DbConnection).IsAssignableFrom(t) || typeof(DbDataSource).IsAssignableFrom(t) || typeof(DbCommand).IsAssignableFrom(t)
        || typeof(IOutputCacheStore).IsAssignableFrom(t) || typeof(IDistributedCache).IsAssignableFrom(t) || t == typeof(PublicContent)
        || (typeof(DbContext).IsAssignableFrom(t) && !typeof(AppDb).IsAssignableFrom(t) && t != typeof(DbContext))
        || (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IDbContextFactory<>));

    [Fact]
    public async Task Every_page_model_and_endpoint_that_writes_writes_through_the_rule()
    {
        IServiceCollection? services = null;
        await using (var probe = app.WithWebHostBuilder(b => b.ConfigureServices(s => services = s)))
        {
            _ = probe.Services; // builds the host, capturing its service registrations
            var writers = new List<(string Name, IEnumerable<Type> Roots)>();

            // Razor Pages: every OnPost/OnPut/OnDelete/OnPatch handler of every page model (the framework's own rule).
            foreach (var page in typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract))
            {
                var handlers = page.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .Where(m => m.Name.StartsWith("OnPost") || m.Name.StartsWith("OnPut") || m.Name.StartsWith("OnDelete") || m.Name.StartsWith("OnPatch")).ToList();
                if (handlers.Count == 0) continue;
                var ctor = page.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
                writers.Add((page.FullName!, ctor.GetParameters().Select(p => p.ParameterType)
                    .Concat(handlers.SelectMany(h => h.GetParameters().Select(p => p.ParameterType)))));
            }
            // Endpoints: everything mapped for a method other than GET and HEAD.
            foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
            {
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
                if (!methods.Any(m => m is not ("GET" or "HEAD"))) continue;
                var method = e.Metadata.GetMetadata<MethodInfo>();
                writers.Add((e.DisplayName ?? e.RoutePattern.RawText!, method?.GetParameters().Select(p => p.ParameterType) ?? []));
            }
            Assert.True(writers.Count >= 40, $"only {writers.Count} writers found: the walk is broken");

            var problems = new List<string>();
            foreach (var (name, roots) in writers)
            {
                foreach (var path in Reachable(roots, services!))
                {
                    if (GoesAround(path[^1])) problems.Add($"{name}: {string.Join(" → ", path.Select(t => t.Name))}");
                }
            }
            Assert.True(problems.Count == 0, "Writes that go around the public-change rule:\n" + string.Join("\n", problems));
        }
    }

    /// <summary>Every type a handler can reach through constructor injection, with the path to it.</summary>
    private static IEnumerable<List<Type>> Reachable(IEnumerable<Type> roots, IServiceCollection services)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<List<Type>>(roots.Select(r => new List<Type> { r }));
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            var type = path[^1];
            if (!seen.Add(type)) continue;
            yield return path;
            if (GoesAround(type)) continue;
            var implementations = services.Where(d => d.ServiceType == type && d.ImplementationType is not null).Select(d => d.ImplementationType!).ToList();
            if (implementations.Count == 0 && type.Assembly == typeof(Program).Assembly && type.IsClass && !type.IsAbstract) implementations.Add(type);
            foreach (var impl in implementations)
            {
                var ctor = impl.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
                foreach (var p in ctor?.GetParameters() ?? []) queue.Enqueue([.. path, p.ParameterType]);
            }
        }
    }

    [Fact]
    public async Task The_public_PDF_map_follows_the_public_content()
    {
        var content = app.Services.GetRequiredService<PublicContent>();
        var map = app.Services.GetRequiredService<PublicPdfMap>();
        var file = new PdfFile("/nonexistent.pdf", new string('a', 64), 10, DateTimeOffset.UtcNow);
        var seen = await map.GenerationAsync();
        map.Add(999_001, PdfVariant.WithoutAttachments, new PublicPdf(file, "inline"), seen);
        Assert.NotNull(await map.TryGetAsync(999_001, PdfVariant.WithoutAttachments));

        content.Distrust("test");
        Assert.Null(await map.TryGetAsync(999_001, PdfVariant.WithoutAttachments));
        await content.TrustAgainAsync();
        Assert.Null(await map.TryGetAsync(999_001, PdfVariant.WithoutAttachments));

        // A lookup made before a change cannot be put back after it.
        var before = await map.GenerationAsync();
        await content.ChangedAsync();
        map.Add(999_002, PdfVariant.WithoutAttachments, new PublicPdf(file, "inline"), before);
        Assert.Null(await map.TryGetAsync(999_002, PdfVariant.WithoutAttachments));
    }

    [Fact]
    public async Task The_public_cache_varies_by_the_query_keys_a_page_reads_and_never_stores_other_keys()
    {
        var reader = app.CreateAnonymousClient();
        // Declared (search), a page handler's parameter (the body page's year) and an OParl list parameter are cached.
        // (A few tries: background work at start-up, such as the search index, may move the public generation.)
        foreach (var url in new[] { "/soeg?q=botilbud", "/udvalg/socialdirektoerforum?aar=2025", "/oparl/v1.1/body?page=1" })
        {
            var fromCache = false;
            for (var attempt = 0; attempt < 5 && !fromCache; attempt++)
            {
                await reader.GetStringAsync(url);
                using var cached = await reader.GetAsync(url);
                fromCache = cached.Headers.Age is not null;
                if (!fromCache) await Task.Delay(200);
            }
            Assert.True(fromCache, $"{url} should be served from the cache");
        }
        // A key no page reads neither bypasses nor fills the cache: answered fresh every time, never stored.
        foreach (var url in new[] { "/?nocache=1", "/udvalg/socialdirektoerforum?aar=2025&x=1", "/soeg?q=botilbud&utm_source=mail" })
        {
            using var first = await reader.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            using var second = await reader.GetAsync(url);
            Assert.Null(second.Headers.Age);
        }
        // Different values of a key the page reads are different pages.
        Assert.NotEqual(await reader.GetStringAsync("/soeg?q=botilbud"), await reader.GetStringAsync("/soeg?q=hjerneskade"));
    }

    [Fact]
    public async Task Approving_a_report_or_any_register_write_empties_the_offer_pages_cache()
    {
        var reader = app.CreateAnonymousClient();
        string[] urls = ["/tilbud?aar=2026", "/tilbud/udvikling", "/tilbud/kapacitet"];
        foreach (var url in urls)
        {
            await reader.GetStringAsync(url);
            using var cached = await reader.GetAsync(url);
            Assert.True(cached.Headers.Age is not null, $"{url} should be served from the cache");
        }
        var name = $"Tilbud skrevet i registret {Guid.NewGuid():N}"[..40];
        using (var scope = app.Services.CreateScope())
        {
            var register = scope.ServiceProvider.GetRequiredService<OfferRegister>();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var op = await db.Operators.OrderBy(o => o.Id).FirstAsync();
            await register.ApplyAsync(new OfferSnapshot
            {
                Name = name, OperatorId = op.Id, OperatorName = op.Name, Status = OfferStatus.Active, Year = 2026,
                Departments = [new DepartmentSnapshot { Name = name, Services = [new ServiceSnapshot { Name = "Døgntilbud", Places = 4 }] }],
            }, 2026, "Test", "test", DateTime.UtcNow);
            await register.SaveAsync();
        }
        foreach (var url in urls)
        {
            using var fresh = await reader.GetAsync(url);
            Assert.Null(fresh.Headers.Age);
        }
        Assert.Contains(name, WebUtility.HtmlDecode(await reader.GetStringAsync("/tilbud?aar=2026")));
    }
}
