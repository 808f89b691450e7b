using System.Globalization;
using System.Linq.Expressions;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.OParl;

/// <summary>
/// When a published meeting came into public view (<c>created</c>) and when its public content last changed
/// (<c>modified</c>), as the OParl API and the calendar feed report them.
/// <list type="bullet">
/// <item>created = the later of the row's creation and the agenda's publication. A meeting authored here becomes
/// public when its agenda is published; imported archive minutes carry their historical publication date but became
/// public when they were imported (their row's creation), so that a client syncing with <c>modified_since</c>
/// still finds a ten-year-old meeting imported today.</item>
/// <item>modified = the latest of created, the minutes' publication and the last change after publication.
/// Every public change goes through <see cref="MeetingLifecycle"/>, which sets one of these.</item>
/// </list>
/// The expressions below say the same for database queries: max(a, b, …) ≥ t ⇔ a ≥ t ∨ b ≥ t ∨ …
/// </summary>
public static class PublicTimes
{
    public static DateTime Created(DateTime createdAt, DateTime? agendaPublishedAt) =>
        Max(createdAt, agendaPublishedAt);

    public static DateTime Modified(DateTime createdAt, DateTime? agendaPublishedAt, DateTime? minutesPublishedAt, DateTime? changedAt) =>
        Max(Max(Max(createdAt, agendaPublishedAt), minutesPublishedAt), changedAt);

    public static DateTime Created(Meeting m) => Created(m.CreatedAt, m.AgendaPublishedAt);

    public static DateTime Modified(Meeting m) => Modified(m.CreatedAt, m.AgendaPublishedAt, m.MinutesPublishedAt, m.ChangedAfterPublicationAt);

    public static Expression<Func<Meeting, bool>> CreatedSince(DateTime t) =>
        m => m.CreatedAt >= t || m.AgendaPublishedAt >= t;

    public static Expression<Func<Meeting, bool>> CreatedUntil(DateTime t) =>
        m => m.CreatedAt <= t && (m.AgendaPublishedAt == null || m.AgendaPublishedAt <= t);

    public static Expression<Func<Meeting, bool>> ModifiedSince(DateTime t) =>
        m => m.CreatedAt >= t || m.AgendaPublishedAt >= t || m.MinutesPublishedAt >= t || m.ChangedAfterPublicationAt >= t;

    public static Expression<Func<Meeting, bool>> ModifiedUntil(DateTime t) =>
        m => m.CreatedAt <= t
             && (m.AgendaPublishedAt == null || m.AgendaPublishedAt <= t)
             && (m.MinutesPublishedAt == null || m.MinutesPublishedAt <= t)
             && (m.ChangedAfterPublicationAt == null || m.ChangedAfterPublicationAt <= t);

    public static DateTime Max(DateTime a, DateTime? b) => b is { } v && v > a ? v : a;

    /// <summary>Midnight Danish time at the start of <paramref name="day"/>, as UTC.</summary>
    public static DateTime StartOf(DateOnly day) => Danish.ToUtc(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>ISO 8601 with the Danish offset, e.g. "2025-06-27T09:00:00+02:00".</summary>
    public static string Iso(DateTime utc) => Danish.Iso(utc);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
