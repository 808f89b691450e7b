using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Publishing.Feeds;

/// <summary>
/// The meeting calendar (iCalendar, RFC 5545) that calendar programs subscribe to: every published meeting as an
/// event in Copenhagen time (with its VTIMEZONE). The UID stays the same for the life of the meeting and SEQUENCE is
/// its published version, so a subscribed calendar updates the event instead of adding another.
/// </summary>
public static class CalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string TimeZoneId = "Europe/Copenhagen";

    /// <param name="name">The calendar's name, e.g. "Rammeværk – møder i alle udvalg".</param>
    /// <param name="root">The site root, for the meeting pages.</param>
    /// <param name="authority">The host name that makes the UIDs globally unique.</param>
    public static string Build(IReadOnlyList<FeedMeeting> meetings, string name, string root, string authority, DateTime now)
    {
        var calendar = new Calendar { ProductId = "-//Rammevaerk//Moedekalender//DA", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-CALDESC", "Udgivne møder med dagsorden eller referat. Opdateres, når et møde udgives eller ændres.");
        calendar.AddProperty("X-WR-TIMEZONE", TimeZoneId);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        // Never later than a year ago: Ical.Net cannot describe a zone from a start in the future (a feed of planned meetings only).
        var yearAgo = Danish.ToLocal(now).AddYears(-1);
        var earliest = meetings.Count > 0 ? Min(Danish.ToLocal(meetings.Min(m => m.StartsAt)).AddYears(-1), yearAgo) : yearAgo;
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId, earliest, includeHistoricalData: false));

        foreach (var m in meetings)
        {
            // A planned meeting (published meeting plan, agenda still a draft) has no page yet: its body's page lists it.
            var page = m.State == MeetingState.Draft ? PublicSite.BodyPage(root, m.BodySlug) : PublicSite.MeetingPage(root, m.Id);
            var e = new CalendarEvent
            {
                Uid = $"meeting-{m.Id}@{authority}",
                // A meeting whose clock time is not known is an all-day event on its date, not one at midnight.
                DtStart = m.TimeUnknown ? new CalDateTime(DateOnly.FromDateTime(Danish.ToLocal(m.StartsAt))) : Local(m.StartsAt),
                Summary = $"{m.BodyName}: {m.Title}",
                Location = m.Location,
                Description = Description(m, page),
                Url = new Uri(page),
                Sequence = m.Version,
                Status = "CONFIRMED",
                Class = "PUBLIC",
                // Stable stamps (the last public change), so the same data gives the same file.
                DtStamp = Utc(m.Modified),
                LastModified = Utc(m.Modified),
                Created = Utc(m.Created),
            };
            // Without a known end the event has no DTEND (RFC 5545: it then ends where it starts).
            if (!m.TimeUnknown && m.EndsAt is { } end && end > m.StartsAt) e.DtEnd = Local(end);
            e.Categories.Add(m.BodyName);
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Description(FeedMeeting m, string page)
    {
        var text = new StringBuilder();
        if (m.State == MeetingState.Draft) return $"Planlagt møde. Dagsorden følger.\n\n{page}";
        text.Append(m.State == MeetingState.MinutesPublished ? "Referat" : "Dagsorden");
        if ((m.MinutesPublishedAt ?? m.AgendaPublishedAt) is { } published) text.Append(" udgivet ").Append(Danish.Published(published));
        text.Append('.');
        if (m.Items.Count > 0)
        {
            text.Append("\n\nPunkter:");
            foreach (var i in m.Items) text.Append('\n').Append(i.Number).Append(". ").Append(i.Title).Append(i.IsClosed ? " (lukket punkt)" : "");
        }
        text.Append("\n\n").Append(page);
        return text.ToString();
    }

    private static CalDateTime Local(DateTime utc) =>
        new(DateTime.SpecifyKind(Danish.ToLocal(utc), DateTimeKind.Unspecified), TimeZoneId);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static CalDateTime Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), CalDateTime.UtcTzId);
}
