using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Capacity;

/// <summary>The public capacity-change list tells buyers the rate and service level after a change.</summary>
public abstract class CapacityListTests(AppFactory app)
{
    [Fact]
    public async Task Public_list_shows_the_rate_and_service_level_after_the_change_where_the_notice_gives_them()
    {
        var page = await app.CreateAnonymousClient().GetDocumentAsync("/kapacitetsaendringer");
        var lines = page.QuerySelectorAll(".capacity-line").Select(l => string.Join(' ', l.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        var skibet = Assert.Single(lines, l => l.Contains("efter ændringen", StringComparison.Ordinal));
        Assert.EndsWith("efter ændringen takst 2.422 kr. pr. døgn, serviceniveau 8,4 timer pr. døgn", skibet);
        // Lines whose notice gives neither say nothing about it.
        Assert.Contains(lines, l => l.Contains("→") && !l.Contains("efter ændringen", StringComparison.Ordinal));
    }
}

public sealed class CapacityListTestsOnSqlite(SqliteAppFactory app) : CapacityListTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CapacityListTestsOnPostgres(PostgresAppFactory app) : CapacityListTests(app), IClassFixture<PostgresAppFactory>;
