using Rammevaerk.FollowUps;
using Rammevaerk.Shared;

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

    [Fact]
    public void The_next_meeting_is_the_first_after_the_decision_and_an_unknown_time_counts_from_the_next_day()
    {
        static DateTime Utc(int month, int day, int hour = 8) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);
        static DateTime Midnight(int month, int day) => Danish.ToUtc(new DateTime(2026, month, day, 0, 0, 0, DateTimeKind.Unspecified));
        var decision = new FollowUpDue.Held(Utc(3, 10), false);

        // An archive meeting before the decision never moves the deadline; one after it is the next meeting.
        Assert.Equal(Utc(4, 14), FollowUpDue.NextMeeting(decision, [new(Utc(2, 1), false), new(Utc(5, 20), false), new(Utc(4, 14), false)]));
        Assert.Null(FollowUpDue.NextMeeting(decision, [new(Utc(2, 1), false), new(Utc(3, 10), false)]));
        // The decision's own meeting imported again without a time (midnight of that day) is not its next meeting.
        Assert.Null(FollowUpDue.NextMeeting(decision, [new(Midnight(3, 10), true)]));
        Assert.Equal(Midnight(3, 11), FollowUpDue.NextMeeting(decision, [new(Midnight(3, 11), true)]));
        // Decided at a meeting whose time is unknown: another meeting the same day is the same meeting made twice.
        var undatedDecision = new FollowUpDue.Held(Midnight(3, 10), true);
        Assert.Null(FollowUpDue.NextMeeting(undatedDecision, [new(Utc(3, 10), false)]));
        Assert.Equal(Utc(3, 11), FollowUpDue.NextMeeting(undatedDecision, [new(Utc(3, 10), false), new(Utc(3, 11), false)]));
    }
}
