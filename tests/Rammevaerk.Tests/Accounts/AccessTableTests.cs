using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Accounts;

/// <summary>
/// The one declared table of who may do what (Accounts/AccessTable.cs) against the app itself: every route the app
/// serves (Razor Pages and endpoints, read from its endpoint data sources) has a row, and every route, by every HTTP
/// method it takes, answers each of the five kinds of user as its row says — the public is asked to sign in, a
/// signed-in user outside the row is sent to the access-denied page, everyone inside gets through.
/// </summary>
public abstract partial class AccessTableTests(AppFactory app)
{
    private static readonly Audience[] Kinds = [Audience.Anonymous, Audience.Member, Audience.Municipality, Audience.RegionOperator, Audience.Secretariat];

    private sealed record Route(string Key, string Method, string Url);

    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        app.CreateAnonymousClient().Dispose(); // starts the app
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    [Fact]
    public void Every_route_of_the_app_has_a_row_in_the_access_table()
    {
        var missing = Endpoints().Select(e => AccessTable.KeyOf(e)!).Distinct().Where(k => AccessTable.For(k) is null).Order().ToList();

        Assert.True(missing.Count == 0,
            "These routes have no row in Accounts/AccessTable.cs, so the app refuses them to everyone. Add a row naming who may open each, e.g. "
            + "[\"/sekretariat/ny-side\"] = Secretariat:\n" + string.Join('\n', missing.Select(m => "  " + m)));
    }

    [Fact]
    public void Every_row_of_the_access_table_is_a_route_of_the_app()
    {
        var routes = Endpoints().Select(e => AccessTable.KeyOf(e)!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var stale = AccessTable.Routes.Keys.Where(k => !routes.Contains(k)).Order().ToList();

        Assert.True(stale.Count == 0, "Rows of Accounts/AccessTable.cs for routes the app does not have (renamed or removed?):\n" + string.Join('\n', stale));
    }

    [Fact]
    public void No_route_carries_authorization_of_its_own_so_the_table_is_the_only_source()
    {
        var own = Endpoints().Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 || e.Metadata.GetMetadata<AuthorizationPolicy>() is not null)
            .Select(e => AccessTable.KeyOf(e)).Distinct().Order().ToList();

        Assert.True(own.Count == 0, "These routes have [Authorize], an authorization convention or RequireAuthorization besides the access table; "
            + "put the rule in Accounts/AccessTable.cs instead:\n" + string.Join('\n', own));
    }

    [Fact]
    public async Task Every_route_answers_every_kind_of_user_as_the_access_table_says()
    {
        var routes = Endpoints()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Where(m => m is "GET" or "POST")
                .Select(m => new Route(AccessTable.KeyOf(e)!, m, Url(e.RoutePattern))))
            .DistinctBy(r => (r.Key, r.Method))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Method)
            .ToList();
        Assert.True(routes.Count > 150, $"Only {routes.Count} routes were found; did the endpoint data sources load?");
        var clients = new Dictionary<Audience, HttpClient>
        {
            [Audience.Anonymous] = app.CreateAnonymousClient(),
            [Audience.Member] = await app.SignInAsMemberAsync(),
            [Audience.Municipality] = await app.SignInAsMunicipalityAsync(),
            [Audience.RegionOperator] = await app.SignInAsRegionOperatorAsync(),
            [Audience.Secretariat] = await app.SignInAsSecretariatAsync(),
        };

        var mismatches = await Task.WhenAll(Kinds.Select(kind => WalkAsync(clients[kind], kind, routes)));

        var all = mismatches.SelectMany(m => m).ToList();
        Assert.True(all.Count == 0, $"{all.Count} answers differ from Accounts/AccessTable.cs:\n" + string.Join('\n', all));
    }

    /// <summary>Each route as one kind of user; the differences from the table, in words.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient client, Audience kind, List<Route> routes)
    {
        var problems = new List<string>();
        foreach (var route in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
            if (route.Method == "POST") request.Content = new FormUrlEncodedContent([]);
            using var response = await client.SendAsync(request);
            var location = response.Headers.Location?.OriginalString ?? "";
            var refused = response.StatusCode == HttpStatusCode.Redirect
                && (location.Contains("/konto/ingen-adgang") || (location.Contains("/konto/log-ind") && location.Contains("ReturnUrl=")));
            var row = AccessTable.For(route.Key);
            var expected = row is Audience a && AccessTable.Allows(a, kind);
            var who = Audiences.Danish(kind);
            if (row is null) problems.Add($"{route.Method} {route.Key} as {who}: no row in the access table");
            else if (expected && refused) problems.Add($"{route.Method} {route.Key} ({route.Url}) as {who}: the table allows it, the app refused ({(int)response.StatusCode} → {location})");
            else if (!expected && !refused) problems.Add($"{route.Method} {route.Key} ({route.Url}) as {who}: the table refuses it ({row}), the app answered {(int)response.StatusCode}");
            else if ((int)response.StatusCode >= 500) problems.Add($"{route.Method} {route.Key} ({route.Url}) as {who}: {(int)response.StatusCode} server error");
        }
        return problems;
    }

    /// <summary>A URL for the template, with values no object has (the handlers answer 404), so only the table decides.</summary>
    private static string Url(RoutePattern pattern)
    {
        var raw = "/" + (pattern.RawText ?? "").TrimStart('/');
        return Parameter().Replace(raw, m =>
        {
            var name = m.Groups["name"].Value;
            var constraint = m.Groups["constraint"].Value;
            return name switch
            {
                "rest" => "findes/ikke",
                "format" => "xlsx",
                "year" => "1999",
                "code" => "404",
                _ when constraint.StartsWith(":int") => "987654",
                _ => "findes-ikke",
            };
        });
    }

    [GeneratedRegex(@"\{\**(?<name>[a-zA-Z]+)(?<constraint>(:[a-z]+)?)\??\}")]
    private static partial Regex Parameter();

    [Fact]
    public async Task A_member_cannot_open_an_early_warning_which_the_buying_municipality_and_the_secretariat_read()
    {
        int warningId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            warningId = await db.RateWarnings.Where(w => w.Offer!.Name.Contains("Lunden")).Select(w => w.Id).FirstAsync();
        }
        var url = $"/early-warning/{warningId}";

        using var asMember = await (await app.SignInAsMemberAsync()).GetAsync(url);
        using var asSecretariat = await (await app.SignInAsSecretariatAsync()).GetAsync(url);
        using var asMunicipality = await (await app.SignInAsMunicipalityAsync()).GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, asMember.StatusCode);
        Assert.Contains("/konto/ingen-adgang", asMember.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, asSecretariat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asMunicipality.StatusCode);
    }

    [Fact]
    public async Task A_refused_user_is_written_to_the_security_log_with_route_and_role()
    {
        var member = await app.SignInAsMemberAsync();

        using var refused = await member.GetAsync("/sekretariat/brugere");

        Assert.Contains("/konto/ingen-adgang", refused.Headers.Location!.OriginalString);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var entry = await db.AuditLog.Where(e => e.Action == Rammevaerk.Notifications.SecurityEvents.RefusedRole && e.UserName == TestAccounts.MemberEmail)
            .OrderByDescending(e => e.Id).FirstAsync();
        Assert.Contains("/sekretariat/brugere", entry.Detail);
        Assert.Contains("medlem", entry.Detail);
    }

    [Fact]
    public async Task The_occupancy_page_works_for_the_region_as_operator()
    {
        var region = await app.SignInAsRegionOperatorAsync();

        var page = await region.GetDocumentAsync("/indberetning/belaegning");

        Assert.DoesNotContain("ikke knyttet til en driftsherre", page.Text());
        Assert.Contains("Region Syddanmark", page.Text());
    }

    [Fact]
    public async Task The_occupancy_page_works_for_a_municipality_user_tied_by_municipality_only()
    {
        var varde = await app.SignInAsMunicipalityAsync();

        var page = await varde.GetDocumentAsync("/indberetning/belaegning");

        Assert.DoesNotContain("ikke knyttet til en driftsherre", page.Text());
        Assert.Contains("Varde Kommune", page.Text());
    }
}

public sealed class AccessTableTestsOnSqlite(SqliteAppFactory app) : AccessTableTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AccessTableTestsOnPostgres(PostgresAppFactory app) : AccessTableTests(app), IClassFixture<PostgresAppFactory>;
