using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.FollowUps;

/// <summary>
/// When a follow-up due "næste møde" falls due: at the body's first meeting after the decision (the source item's
/// meeting, or the follow-up's creation when it has no source item). A meeting counts whether it is a draft, a
/// published agenda or minutes, or only in the published meeting plan — the secretariat holds them all.
/// </summary>
public static class FollowUpDue
{
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
                PlacedAt = f.PlacedOnItem == null ? (DateTime?)null : f.PlacedOnItem.Meeting.StartsAt,
            })
            .ToDictionaryAsync(f => f.Id, ct);
        var bodyIds = facts.Values.Select(f => f.BodyId).Distinct().ToList();
        var earliest = facts.Values.Min(f => f.DecidedAt ?? f.CreatedAt);
        var meetings = await db.Meetings.AsNoTracking().Where(m => bodyIds.Contains(m.BodyId) && m.StartsAt > earliest)
            .Select(m => new { m.BodyId, m.StartsAt }).ToListAsync(ct);
        var byBody = meetings.GroupBy(m => m.BodyId).ToDictionary(g => g.Key, g => g.Select(m => m.StartsAt).Order().ToList());
        foreach (var f in relevant)
        {
            if (!facts.TryGetValue(f.Id, out var fact)) continue;
            var after = fact.DecidedAt ?? fact.CreatedAt;
            f.PlacedMeetingAt = fact.PlacedAt;
            f.NextMeetingAt = byBody.TryGetValue(fact.BodyId, out var starts) && starts.FindIndex(x => x > after) is var k and >= 0
                ? starts[k]
                : null;
        }
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
