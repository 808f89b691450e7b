using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings.Import;
using Rammevaerk.Shared;

namespace Rammevaerk.FollowUps;

/// <summary>
/// When a follow-up due "næste møde" falls due: at the body's first meeting after the decision (the source item's
/// meeting, or the follow-up's creation when it has no source item). A meeting counts whether it is a draft, a
/// published agenda or minutes, or only in the published meeting plan — the secretariat holds them all. Archive
/// minutes imported later count by their own date: one before the decision never moves the deadline, one between the
/// decision and today really was the next meeting. Imported minutes whose date is still an open question (stored on a
/// placeholder day until the secretariat answers) are no meeting on any known day and never count, and a meeting whose
/// clock time is unknown (stored at midnight) counts only from the day after the decision's day, so the decision's own
/// meeting, made by hand and imported again, is never its own next meeting.
/// </summary>
public static class FollowUpDue
{
    /// <summary>A meeting as the deadline sees it: its start and whether the clock time is known.</summary>
    public readonly record struct Held(DateTime StartsAt, bool TimeUnknown);

    /// <summary>Fills <see cref="FollowUp.NextMeetingAt"/> and <see cref="FollowUp.PlacedMeetingAt"/> of the given follow-ups.</summary>
    public static async Task FillNextMeetingsAsync(AppDb db, IReadOnlyCollection<FollowUp> followUps, CancellationToken ct = default)
    {
        var relevant = followUps.Where(f => f.DueNextMeeting).ToList();
        if (relevant.Count == 0) return;
        var ids = relevant.Select(f => f.Id).ToList();
        var facts = await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.Id))
            .Select(f => new
            {
                f.Id, f.BodyId, f.CreatedAt,
                DecidedAt = f.SourceItem == null ? (DateTime?)null : f.SourceItem.Meeting.StartsAt,
                DecidedTimeUnknown = f.SourceItem != null && f.SourceItem.Meeting.TimeUnknown,
                DecidedDateOpen = f.SourceItem != null && db.ImportQuestions.Any(q => q.MeetingId == f.SourceItem.MeetingId && q.Kind == QuestionKind.Date && q.ResolvedAt == null),
                PlacedAt = f.PlacedOnItem == null ? (DateTime?)null : f.PlacedOnItem.Meeting.StartsAt,
            })
            .ToDictionaryAsync(f => f.Id, ct);
        var bodyIds = facts.Values.Select(f => f.BodyId).Distinct().ToList();
        // A day early: a meeting at midnight with its time unknown is compared by day (see NextMeeting).
        var earliest = facts.Values.Min(f => f.DecidedAt ?? f.CreatedAt).AddDays(-1);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => bodyIds.Contains(m.BodyId) && m.StartsAt > earliest)
            .Where(m => !db.ImportQuestions.Any(q => q.MeetingId == m.Id && q.Kind == QuestionKind.Date && q.ResolvedAt == null))
            .Select(m => new { m.BodyId, m.StartsAt, m.TimeUnknown }).ToListAsync(ct);
        var byBody = meetings.GroupBy(m => m.BodyId).ToDictionary(g => g.Key, g => g.Select(m => new Held(m.StartsAt, m.TimeUnknown)).ToList());
        foreach (var f in relevant)
        {
            if (!facts.TryGetValue(f.Id, out var fact)) continue;
            f.PlacedMeetingAt = fact.PlacedAt;
            // A decision on a day not yet known has no known next meeting.
            f.NextMeetingAt = fact.DecidedDateOpen ? null
                : NextMeeting(new Held(fact.DecidedAt ?? fact.CreatedAt, fact.DecidedTimeUnknown), byBody.GetValueOrDefault(fact.BodyId) ?? []);
        }
    }

    /// <summary>
    /// The start of the first meeting after <paramref name="decision"/>: a later start, or, when either clock time is
    /// unknown, a later day (Danish time).
    /// </summary>
    public static DateTime? NextMeeting(Held decision, IEnumerable<Held> meetings)
    {
        var decidedOn = DateOnly.FromDateTime(Danish.ToLocal(decision.StartsAt));
        return meetings
            .Where(m => m.TimeUnknown || decision.TimeUnknown
                ? DateOnly.FromDateTime(Danish.ToLocal(m.StartsAt)) > decidedOn
                : m.StartsAt > decision.StartsAt)
            .Select(m => (DateTime?)m.StartsAt).Min();
    }

    /// <summary>The date a follow-up is due: its due date, or the date of the body's next meeting after the decision when known.</summary>
    public static DateOnly? EffectiveDueDate(FollowUp f) =>
        f.DueNextMeeting
            ? f.NextMeetingAt is { } m ? DateOnly.FromDateTime(Danish.ToLocal(m)) : null
            : f.DueDate;

    /// <summary>
    /// Open and past due: a due date before today, or — due "næste møde" — the body's next meeting after the decision
    /// held before today without the follow-up put on it (or on an earlier meeting).
    /// </summary>
    public static bool IsOverdue(FollowUp f, DateOnly today)
    {
        if (f.State != FollowUpState.Open) return false;
        if (!f.DueNextMeeting) return f.DueDate is { } d && d < today;
        if (f.NextMeetingAt is not { } next || DateOnly.FromDateTime(Danish.ToLocal(next)) >= today) return false;
        return f.PlacedMeetingAt is not { } placed || placed > next;
    }
}
