using Rammevaerk.FollowUps;

namespace Rammevaerk.Tests.FollowUps;

/// <summary>When a follow-up is overdue (pure).</summary>
public sealed class FollowUpDueTests
{
    private static readonly DateOnly Today = new(2026, 5, 20);

    private static FollowUp NextMeeting(DateTime? nextMeetingUtc, DateTime? placedUtc = null, FollowUpState state = FollowUpState.Open) => new()
    {
        Title = "Sag til næste møde", DueNextMeeting = true, State = state, NextMeetingAt = nextMeetingUtc, PlacedMeetingAt = placedUtc,
    };

    [Fact]
    public void A_dated_follow_up_is_overdue_the_day_after_its_date()
    {
        Assert.False(FollowUpDue.IsOverdue(new FollowUp { Title = "x", DueDate = Today }, Today));
        Assert.True(FollowUpDue.IsOverdue(new FollowUp { Title = "x", DueDate = Today.AddDays(-1) }, Today));
        Assert.False(FollowUpDue.IsOverdue(new FollowUp { Title = "x", DueDate = Today.AddDays(-1), State = FollowUpState.Done }, Today));
    }

    [Fact]
    public void Next_meeting_follow_up_is_overdue_once_that_meeting_was_held_without_it()
    {
        var held = new DateTime(2026, 5, 12, 7, 0, 0, DateTimeKind.Utc);
        Assert.False(FollowUpDue.IsOverdue(NextMeeting(null), Today));
        Assert.False(FollowUpDue.IsOverdue(NextMeeting(new DateTime(2026, 5, 20, 7, 0, 0, DateTimeKind.Utc)), Today));
        Assert.True(FollowUpDue.IsOverdue(NextMeeting(held), Today));
        // Put on that meeting's agenda: dealt with; put on a later one only: still late.
        Assert.False(FollowUpDue.IsOverdue(NextMeeting(held, placedUtc: held), Today));
        Assert.True(FollowUpDue.IsOverdue(NextMeeting(held, placedUtc: held.AddDays(30)), Today));
        Assert.False(FollowUpDue.IsOverdue(NextMeeting(held, state: FollowUpState.Done), Today));
        Assert.Equal(new DateOnly(2026, 5, 12), FollowUpDue.EffectiveDueDate(NextMeeting(held)));
    }
}
