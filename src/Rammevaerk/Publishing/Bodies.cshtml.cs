using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Publishing;

/// <summary>/udvalg: every body; /udvalg/{slug}: one body, its members and its meetings by year.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class BodiesModel(AppDb db, TimeProvider clock) : PageModel
{
    public sealed record BodyLine(string Name, string? ShortName, string Slug, string? Description);
    public sealed record MemberLine(string Name, string? JobTitle, string? Municipality, MembershipRole Role, DateOnly From);
    public sealed record MeetingLine(int Id, string Title, DateTime StartsAt, MeetingState State, int ItemCount)
    {
        /// <summary>Imported minutes whose source lost the clock time: shown with the date only.</summary>
        public bool TimeUnknown { get; init; }
    }

    public List<BodyLine> All { get; private set; } = [];
    public Body? Body { get; private set; }
    public List<MemberLine> Members { get; private set; } = [];
    public List<int> Years { get; private set; } = [];
    public int? Year { get; private set; }
    public List<MeetingLine> Meetings { get; private set; } = [];
    /// <summary>Coming meetings of a published meeting plan whose agenda is not yet published: date, time and place only.</summary>
    public List<PlannedLine> Planned { get; private set; } = [];

    public sealed record PlannedLine(string Title, DateTime StartsAt, DateTime? EndsAt, string? Location);

    public async Task<IActionResult> OnGetAsync(string? slug, int? aar, CancellationToken ct)
    {
        All = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new BodyLine(b.Name, b.ShortName, b.Slug, b.Description)).ToListAsync(ct);
        if (slug is null) return Page();

        Body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Slug == slug, ct);
        if (Body is null) return NotFound();

        var today = Danish.DateOf(clock);
        Members = await db.Memberships.Where(m => m.BodyId == Body.Id && m.From <= today && (m.To == null || m.To >= today))
            .OrderBy(m => m.Role).ThenBy(m => m.Person.Name)
            .Select(m => new MemberLine(m.Person.Name, m.Person.JobTitle, m.Person.Municipality != null ? m.Person.Municipality.Name : null, m.Role, m.From))
            .ToListAsync(ct);

        var fromToday = Danish.ToUtc(Danish.TodayOf(clock));
        Planned = await db.Meetings.Where(m => m.BodyId == Body.Id && m.State == MeetingState.Draft && m.InPublishedPlan && m.StartsAt >= fromToday)
            .OrderBy(m => m.StartsAt).Select(m => new PlannedLine(m.Title, m.StartsAt, m.EndsAt, m.Location)).ToListAsync(ct);
        var starts = await db.Meetings.Where(m => m.BodyId == Body.Id && m.State != MeetingState.Draft).Select(m => m.StartsAt).ToListAsync(ct);
        Years = starts.Select(s => Danish.ToLocal(s).Year).Distinct().OrderByDescending(y => y).ToList();
        Year = aar is int y && Years.Contains(y) ? y : Years.FirstOrDefault() is var first && first != 0 ? first : null;
        if (Year is int year)
        {
            var from = Danish.ToUtc(new DateTime(year, 1, 1));
            var to = Danish.ToUtc(new DateTime(year + 1, 1, 1));
            Meetings = await db.Meetings.Where(m => m.BodyId == Body.Id && m.State != MeetingState.Draft && m.StartsAt >= from && m.StartsAt < to)
                .OrderBy(m => m.StartsAt)
                .Select(m => new MeetingLine(m.Id, m.Title, m.StartsAt, m.State, db.PublishedItems.Count(i => i.MeetingId == m.Id)) { TimeUnknown = m.TimeUnknown })
                .ToListAsync(ct);
        }
        return Page();
    }
}
