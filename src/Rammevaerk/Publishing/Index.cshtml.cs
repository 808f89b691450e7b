using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Publishing;

[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class IndexModel(AppDb db, TimeProvider clock) : PageModel
{
    public sealed record MeetingLine(int Id, string Title, string BodyName, DateTime StartsAt, bool TimeUnknown, MeetingState State, int ItemCount);
    public sealed record BodyLine(string Name, string Slug, string? Description, int MeetingCount);

    public List<MeetingLine> Upcoming { get; private set; } = [];
    public List<MeetingLine> LatestMinutes { get; private set; } = [];
    public List<BodyLine> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var published = db.Meetings.Where(m => m.State != MeetingState.Draft);
        Upcoming = await published.Where(m => m.StartsAt >= now.AddHours(-12)).OrderBy(m => m.StartsAt).Take(5)
            .Select(m => new MeetingLine(m.Id, m.Title, m.Body.Name, m.StartsAt, m.TimeUnknown, m.State, db.PublishedItems.Count(i => i.MeetingId == m.Id))).ToListAsync(ct);
        LatestMinutes = await published.Where(m => m.State == MeetingState.MinutesPublished).OrderByDescending(m => m.StartsAt).Take(5)
            .Select(m => new MeetingLine(m.Id, m.Title, m.Body.Name, m.StartsAt, m.TimeUnknown, m.State, db.PublishedItems.Count(i => i.MeetingId == m.Id))).ToListAsync(ct);
        Bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new BodyLine(b.Name, b.Slug, b.Description, db.Meetings.Count(m => m.BodyId == b.Id && m.State != MeetingState.Draft)))
            .ToListAsync(ct);
    }
}
