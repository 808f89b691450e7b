using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.CentralAnnouncements;

/// <summary>An agenda item as the announcement and appointment pages show it: meeting, date, number, title.</summary>
public sealed record LinkedItem(int ItemId, int MeetingId, int Number, string Title, string BodyName, DateTime StartsAt, bool IsPublic)
{
    public string Meeting => $"{BodyName} {Danish.Date(StartsAt)}";
    public string Href => $"/moeder/{MeetingId}#punkt-{Number}";
}

/// <summary>Danish texts and small queries shared by the central announcements' pages (secretariat and public).</summary>
public static class AnnouncementText
{
    /// <summary>How close a deadline may come before the list marks it as soon.</summary>
    public const int SoonDays = 30;

    public static string Status(AnnouncementStatus status) => status switch
    {
        AnnouncementStatus.Announced => "Udmeldt",
        AnnouncementStatus.InProgress => "Under besvarelse",
        AnnouncementStatus.ReportSubmitted => "Afrapporteret",
        AnnouncementStatus.Closed => "Afsluttet",
        _ => status.ToString(),
    };

    /// <summary>"1. juni 2024"</summary>
    public static string Date(DateOnly date) => date.ToString("d. MMMM yyyy", Danish.Culture);

    /// <summary>The deadlines in the order they were set; the last is the current one.</summary>
    public static List<AnnouncementDeadline> Ordered(IEnumerable<AnnouncementDeadline> deadlines) =>
        deadlines.OrderBy(d => d.Id).ToList();

    public static DateOnly? Current(CentralAnnouncement a) => Ordered(a.Deadlines).LastOrDefault()?.Deadline;

    /// <summary>"1. juni 2024 → 31. december 2024", or the one deadline, or null when none is set.</summary>
    public static string? History(CentralAnnouncement a)
    {
        var list = Ordered(a.Deadlines);
        return list.Count == 0 ? null : string.Join(" → ", list.Select(d => Date(d.Deadline)));
    }

    /// <summary>Whether the announcement still waits for an answer (so its deadline can be overdue).</summary>
    public static bool IsOpen(CentralAnnouncement a) => a.Status is AnnouncementStatus.Announced or AnnouncementStatus.InProgress;

    /// <summary>"Overskredet", "Snart (om 12 dage)" or null: the deadline's state in words, for open announcements.</summary>
    public static string? Mark(CentralAnnouncement a, DateOnly today)
    {
        if (!IsOpen(a) || Current(a) is not { } deadline) return null;
        var days = deadline.DayNumber - today.DayNumber;
        if (days < 0) return $"Overskredet ({-days} {(days == -1 ? "dag" : "dage")} siden)";
        if (days == 0) return "Frist i dag";
        if (days <= SoonDays) return $"Snart (om {days} {(days == 1 ? "dag" : "dage")})";
        return null;
    }

    /// <summary>Sorted by current deadline, earliest first; those without a deadline last, then by title.</summary>
    public static List<CentralAnnouncement> ByNextDeadline(IEnumerable<CentralAnnouncement> list) =>
        list.OrderBy(a => Current(a) is null ? 1 : 0)
            .ThenBy(a => Current(a) ?? DateOnly.MaxValue)
            .ThenBy(a => a.Title, StringComparer.Create(Danish.Culture, ignoreCase: true))
            .ToList();

    /// <summary>The given items with their meetings; <paramref name="publicOnly"/> leaves out items of draft meetings.</summary>
    public static async Task<List<LinkedItem>> ItemsAsync(AppDb db, IReadOnlyCollection<int> itemIds, bool publicOnly, CancellationToken ct = default)
    {
        if (itemIds.Count == 0) return [];
        // The public sees an item as its meeting's public copy shows it; the secretariat sees the working copy.
        var rows = publicOnly
            ? await (from i in db.PublishedItems.AsNoTracking()
                     join m in db.Meetings on i.MeetingId equals m.Id
                     where itemIds.Contains(i.Id) && m.State != MeetingState.Draft
                     select new { i.Id, i.MeetingId, i.Number, i.Title, Body = m.Body.Name, m.StartsAt, m.State })
                .ToListAsync(ct)
            : await db.AgendaItems.AsNoTracking()
                .Where(i => itemIds.Contains(i.Id))
                .Select(i => new { i.Id, i.MeetingId, i.Number, i.Title, Body = i.Meeting.Body.Name, i.Meeting.StartsAt, i.Meeting.State })
                .ToListAsync(ct);
        return rows.Select(r => new LinkedItem(r.Id, r.MeetingId, r.Number, r.Title, r.Body, r.StartsAt, r.State != MeetingState.Draft))
            .OrderBy(r => r.StartsAt).ThenBy(r => r.Number).ToList();
    }
}
