using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>The secretariat's start page: every meeting, newest first, filterable by body and state.</summary>
public sealed class IndexModel(AppDb db) : PageModel
{
    public sealed record Line(int Id, string Body, string Title, DateTime StartsAt, bool TimeUnknown, MeetingState State, int Items, int MissingDecisions, DateTime? PublishedAt, bool UnpublishedChanges, bool Withdrawn);
    public sealed record BodyOption(int Id, string Name);

    public List<Line> Meetings { get; private set; } = [];
    public List<BodyOption> Bodies { get; private set; } = [];
    public int? Body { get; private set; }
    public MeetingState? State { get; private set; }

    /// <summary>Places taken off the public site because they carry a CPR number (the check over what is public).</summary>
    public int Withheld { get; private set; }

    public async Task OnGetAsync(int? udvalg, MeetingState? status)
    {
        Body = udvalg;
        State = status;
        Bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).Select(b => new BodyOption(b.Id, b.Name)).ToListAsync();
        var q = db.Meetings.AsQueryable();
        if (udvalg is int b) q = q.Where(m => m.BodyId == b);
        if (status is MeetingState s) q = q.Where(m => m.State == s);
        Meetings = await q.OrderByDescending(m => m.StartsAt)
            .Select(m => new Line(m.Id, m.Body.Name, m.Title, m.StartsAt, m.TimeUnknown, m.State, m.Items.Count,
                m.Items.Count(i => i.Decision == null || i.Decision == ""), m.MinutesPublishedAt ?? m.AgendaPublishedAt,
                m.UnpublishedChangesAt != null, m.WithdrawnAt != null && m.State == MeetingState.Draft))
            .ToListAsync();
        Withheld = await db.PublicMeetings.SumAsync(p => p.Withheld);
    }
}
