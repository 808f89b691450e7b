using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rammevaerk.Tests.HostileInput;

/// <summary>
/// Every page of the route table, posted to without a handler and with one that does not exist, and read with an
/// unknown handler, as each kind of user: 400 or 404 (or the sign-in and access answers), a Danish error page,
/// never a 500 (15 pages answered 500 to a POST without a handler name).
/// </summary>
public abstract class UnknownHandlerTests(AppFactory app, ITestOutputHelper output)
{
    private static readonly string[] DanishHeadings =
        ["Siden findes ikke", "Forespørgslen kunne ikke forstås", "Du har ikke adgang", "Siden kan ikke bruges sådan", "Det sendte er for stort",
         "Linket virker ikke", "Abonnementet findes ikke"]; // the subscription links' own Danish pages for an unknown or expired token

    /// <summary>Every page route with its parameters filled in with plausible values.</summary>
    private List<string> PageUrls()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null);
        return endpoints.Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(Part)))).TrimEnd('/'))
            .Select(u => u.Length == 0 ? "/" : u).Distinct().Order().ToList();

        static string Part(RoutePatternPart part) => part switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternSeparatorPart s => s.Content,
            RoutePatternParameterPart p => p.Name switch
            {
                "year" => "2026",
                "key" => "ny",
                "format" => "csv",
                "slug" => "socialdirektoerforum",
                "name" => "fil.pdf",
                "code" => "404",
                _ => "1",
            },
            _ => "",
        };
    }

    private async Task<List<string>> ProbeAsync(HttpClient client, string tokenPage)
    {
        var token = (await client.GetDocumentAsync(tokenPage)).AntiforgeryToken();
        var urls = PageUrls();
        Assert.True(urls.Count > 80, $"only {urls.Count} page routes found");
        var failures = new List<string>();
        foreach (var url in urls)
        {
            foreach (var (method, target) in new[] { ("POST", url), ("POST", url + "?handler=Findesikke"), ("GET", url + "?handler=Findesikke") })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), target);
                if (method == "POST") request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { [Browserless.AntiforgeryField] = token });
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status >= 500) failures.Add($"{method} {target}: {status}");
                else if (status is 200 && target.Contains("handler=")) failures.Add($"{method} {target}: 200, as if the handler existed");
                else if (status is 400 or 404 or 405 or 413)
                {
                    var page = await response.ReadDocumentAsync();
                    var heading = page.QuerySelector("h1")?.TextContent.Trim();
                    if (page.DocumentElement.GetAttribute("lang") != "da" || !DanishHeadings.Contains(heading)) failures.Add($"{method} {target}: {status} without the Danish error page ({heading})");
                }
            }
        }
        output.WriteLine($"{urls.Count} pages, {failures.Count} failures");
        return failures;
    }

    [Fact]
    public async Task Unknown_and_missing_handlers_answer_400_or_404_in_Danish_for_the_secretariat()
    {
        var failures = await ProbeAsync(await app.SignInAsSecretariatAsync(), "/sekretariat");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Unknown_and_missing_handlers_answer_400_or_404_in_Danish_for_a_municipality()
    {
        var failures = await ProbeAsync(await app.SignInAsMunicipalityAsync(), "/indberetning");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Unknown_and_missing_handlers_answer_400_or_404_in_Danish_for_the_public()
    {
        var failures = await ProbeAsync(app.CreateAnonymousClient(), AppFactory.SignInPath);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

public sealed class UnknownHandlerTestsOnSqlite(SqliteAppFactory app, ITestOutputHelper output) : UnknownHandlerTests(app, output), IClassFixture<SqliteAppFactory>;

public sealed class UnknownHandlerTestsOnPostgres(PostgresAppFactory app, ITestOutputHelper output) : UnknownHandlerTests(app, output), IClassFixture<PostgresAppFactory>;
