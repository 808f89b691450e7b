using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Publishing.Feeds;

/// <summary>
/// Subscriptions: the meeting calendar <c>/feeds/kalender.ics</c> (all bodies) and <c>/feeds/kalender/{slug}.ics</c>,
/// and the Atom feed of new agendas and minutes <c>/feeds/atom.xml</c> and <c>/feeds/atom/{slug}.xml</c>. Anonymous
/// answers come from the output cache, which every change to a meeting or a body evicts. Unknown slug: 404.
/// </summary>
public static class FeedsModule
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").CacheOutput(PublishingModule.PublicPolicy);
        feeds.MapGet("/kalender.ics", (HttpContext http, AppDb db, TimeProvider clock, CancellationToken ct) => CalendarAsync(http, db, clock, null, ct));
        feeds.MapGet("/kalender/{slug}.ics", (string slug, HttpContext http, AppDb db, TimeProvider clock, CancellationToken ct) => CalendarAsync(http, db, clock, slug, ct));
        feeds.MapGet("/atom.xml", (HttpContext http, AppDb db, TimeProvider clock, CancellationToken ct) => AtomAsync(http, db, clock, null, ct));
        feeds.MapGet("/atom/{slug}.xml", (string slug, HttpContext http, AppDb db, TimeProvider clock, CancellationToken ct) => AtomAsync(http, db, clock, slug, ct));
        return app;
    }

    private sealed record BodyRef(int Id, string Name, string Slug);

    private static async Task<IResult> CalendarAsync(HttpContext http, AppDb db, TimeProvider clock, string? slug, CancellationToken ct)
    {
        BodyRef? body = null;
        if (slug is not null && (body = await FindBodyAsync(db, slug, ct)) is null) return Results.NotFound();
        var meetings = await FeedData.PublishedAsync(db, body?.Id, withItems: true, ct, includePlanned: true);
        var name = body is null ? "Rammeværk – møder i alle udvalg" : $"{body.Name} – møder";
        var text = CalendarFeed.Build(meetings, name, PublicSite.Root(http), PublicSite.Authority(http), clock.GetUtcNow().UtcDateTime);
        return Results.Text(text, CalendarFeed.ContentType);
    }

    private static async Task<IResult> AtomAsync(HttpContext http, AppDb db, TimeProvider clock, string? slug, CancellationToken ct)
    {
        BodyRef? body = null;
        if (slug is not null && (body = await FindBodyAsync(db, slug, ct)) is null) return Results.NotFound();
        var root = PublicSite.Root(http);
        var latest = AtomFeed.Latest(await FeedData.PublishedAsync(db, body?.Id, withItems: false, ct));
        // Item titles only for the meetings that made it into the feed.
        var withItems = (await FeedData.WithItemsAsync(db, latest.Select(p => p.Meeting).DistinctBy(m => m.Id).ToList(), ct))
            .ToDictionary(m => m.Id);
        latest = latest.Select(p => p with { Meeting = withItems[p.Meeting.Id] }).ToList();
        var self = body is null ? $"{root}/feeds/atom.xml" : $"{root}/feeds/atom/{Uri.EscapeDataString(body.Slug)}.xml";
        var title = body is null ? "Rammeværk – nye dagsordener og referater" : $"{body.Name} – nye dagsordener og referater";
        var alternate = body is null ? $"{root}/udvalg" : PublicSite.BodyPage(root, body.Slug);
        var bytes = AtomFeed.Build(latest, title, self, alternate, root, PublicSite.Authority(http), clock.GetUtcNow().UtcDateTime);
        return Results.Bytes(bytes, AtomFeed.ContentType);
    }

    private static Task<BodyRef?> FindBodyAsync(AppDb db, string slug, CancellationToken ct) =>
        db.Bodies.AsNoTracking().Where(b => b.Slug == slug).Select(b => new BodyRef(b.Id, b.Name, b.Slug)).SingleOrDefaultAsync(ct);
}
