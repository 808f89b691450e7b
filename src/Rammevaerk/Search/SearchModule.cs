using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Rammevaerk.Search;

/// <summary>
/// Archive search: the page at /soeg (Search/Index.cshtml), the index kept by <see cref="SearchIndexer"/> (called by
/// <see cref="Meetings.MeetingLifecycle"/> whenever a meeting's published content changes) and the queries in
/// <see cref="ArchiveSearch"/>.
/// </summary>
public static class SearchModule
{
    /// <summary>
    /// Longest request line Kestrel accepts (default 8 KB): a search link with a very long query must still get
    /// a result page, not 414. The query itself is cut to <see cref="DanishText.MaxQueryLength"/> characters.
    /// </summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<SearchIndexer>();
        services.AddScoped<ArchiveSearch>();
        services.AddHostedService<IndexAtStartup>();
        services.Configure<KestrelServerOptions>(o =>
            o.Limits.MaxRequestLineSize = Math.Max(o.Limits.MaxRequestLineSize, MaxRequestLineBytes));
        return services;
    }

    /// <summary>The section names readers see, and the words used for them in URLs (?afsnit=beslutning).</summary>
    public static readonly IReadOnlyList<(SearchSection Section, string Name, string Slug)> Sections =
    [
        (SearchSection.Title, "Titel", "titel"),
        (SearchSection.Intro, "Indledning", "indledning"),
        (SearchSection.Background, "Baggrund", "baggrund"),
        (SearchSection.Recommendation, "Indstilling", "indstilling"),
        (SearchSection.CasePresentation, "Sagsfremstilling", "sagsfremstilling"),
        (SearchSection.Decision, "Beslutning", "beslutning"),
        (SearchSection.Attachment, "Bilag", "bilag"),
    ];

    public static string DanishName(SearchSection section) => Sections.First(s => s.Section == section).Name;

    public static SearchSection? FromSlug(string? slug) =>
        Sections.FirstOrDefault(s => string.Equals(s.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Slug: not null } hit
            ? hit.Section
            : null;

    /// <summary>
    /// Fills the index when it is empty although published meetings exist (a database migrated before search
    /// existed). Runs once as the app starts, after the database was prepared; a failure is logged, not fatal.
    /// </summary>
    private sealed class IndexAtStartup(IServiceScopeFactory scopes, ILogger<IndexAtStartup> log) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var indexer = scope.ServiceProvider.GetRequiredService<SearchIndexer>();
                var count = await indexer.IndexIfEmptyAsync(ct);
                if (count > 0) log.LogInformation("The search index was empty; indexed {Count} published meetings", count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The search index could not be checked at start-up (is the database migrated?)");
            }
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
