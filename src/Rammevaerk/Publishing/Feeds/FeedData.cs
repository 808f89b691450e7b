using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.OParl;

namespace Rammevaerk.Publishing.Feeds;

/// <summary>What the calendar and the Atom feed show of a published meeting: never drafts, never closed content.</summary>
public sealed record FeedMeeting(
    int Id,
    string BodyName,
    string BodySlug,
    string Title,
    string? Location,
    DateTime StartsAt,
    DateTime? EndsAt,
    MeetingState State,
    DateTime CreatedAt,
    DateTime? AgendaPublishedAt,
    DateTime? MinutesPublishedAt,
    DateTime? ChangedAfterPublicationAt,
    int Version,
    bool TimeUnknown = false)
{
    public IReadOnlyList<FeedItem> Items { get; init; } = [];

    public DateTime Created => PublicTimes.Created(CreatedAt, AgendaPublishedAt);
    public DateTime Modified => PublicTimes.Modified(CreatedAt, AgendaPublishedAt, MinutesPublishedAt, ChangedAfterPublicationAt);
}

/// <summary>An item's number and title; a closed item's title is public, its content is not read at all.</summary>
public sealed record FeedItem(int MeetingId, int Number, string Title, bool IsClosed);

public static class FeedData
{
    /// <summary>Published meetings, all bodies or one, with their item titles when <paramref name="withItems"/>.</summary>
    /// <param name="includePlanned">
    /// Also the draft meetings of a published meeting plan (the calendar): date, time and place only — their items are
    /// never read.
    /// </param>
    public static async Task<List<FeedMeeting>> PublishedAsync(AppDb db, int? bodyId, bool withItems, CancellationToken ct, bool includePlanned = false)
    {
        var query = db.Meetings.AsNoTracking().Where(m => m.State != MeetingState.Draft || (includePlanned && m.InPublishedPlan));
        if (bodyId is int id) query = query.Where(m => m.BodyId == id);
        var meetings = await query.OrderBy(m => m.StartsAt).ThenBy(m => m.Id)
            .Select(m => new FeedMeeting(m.Id, m.Body.Name, m.Body.Slug, m.Title, m.Location, m.StartsAt, m.EndsAt, m.State,
                m.CreatedAt, m.AgendaPublishedAt, m.MinutesPublishedAt, m.ChangedAfterPublicationAt, m.Version, m.TimeUnknown))
            .ToListAsync(ct);
        return withItems ? await WithItemsAsync(db, meetings, ct) : meetings;
    }

    public static async Task<List<FeedMeeting>> WithItemsAsync(AppDb db, List<FeedMeeting> meetings, CancellationToken ct)
    {
        var ids = meetings.Where(m => m.State != MeetingState.Draft).Select(m => m.Id).ToList();
        // The public copy's items: what a published version carries, never the working copy.
        var items = (await db.PublishedItems.AsNoTracking().Where(i => ids.Contains(i.MeetingId))
                .Select(i => new FeedItem(i.MeetingId, i.Number, i.Title, i.IsClosed))
                .ToListAsync(ct))
            .ToLookup(i => i.MeetingId);
        return meetings.Select(m => m with { Items = items[m.Id].OrderBy(i => i.Number).ToList() }).ToList();
    }
}
