using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.CentralAnnouncements;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Appointments;

/// <summary>One forum with its current appointments and its history, for the public and the secretariat's lists.</summary>
public sealed record ForumGroup(string Forum, List<Appointment> Current, List<Appointment> Upcoming, List<Appointment> Past);

public static class AppointmentQueries
{
    private static readonly StringComparer Danish_ = StringComparer.Create(Danish.Culture, ignoreCase: true);

    /// <summary>The region's appointments grouped by forum (alphabetical), each group by role then name, history newest first.</summary>
    public static async Task<List<ForumGroup>> ByForumAsync(AppDb db, string region, DateOnly today, CancellationToken ct = default)
    {
        var all = await db.Appointments.AsNoTracking().Where(a => a.Region == region).ToListAsync(ct);
        return all.GroupBy(a => a.Forum, Danish_)
            .OrderBy(g => g.Key, Danish_)
            .Select(g => new ForumGroup(g.Key,
                g.Where(a => AppointmentText.IsCurrent(a, today)).OrderBy(a => RoleOrder(a.Role)).ThenBy(a => a.PersonName, Danish_).ToList(),
                g.Where(a => a.From > today).OrderBy(a => a.From).ToList(),
                g.Where(a => AppointmentText.IsPast(a, today)).OrderByDescending(a => a.To).ThenBy(a => a.PersonName, Danish_).ToList()))
            .ToList();
    }

    public static int RoleOrder(AppointmentRole role) => role switch
    {
        AppointmentRole.Chair => 0,
        AppointmentRole.Member => 1,
        _ => 2,
    };

    /// <summary>The decided items of <paramref name="appointments"/>, by item id.</summary>
    public static async Task<Dictionary<int, LinkedItem>> DecidedItemsAsync(AppDb db, IEnumerable<Appointment> appointments, bool publicOnly, CancellationToken ct = default)
    {
        var ids = appointments.Where(a => a.DecidedItemId != null).Select(a => a.DecidedItemId!.Value).Distinct().ToList();
        return (await AnnouncementText.ItemsAsync(db, ids, publicOnly, ct)).ToDictionary(i => i.ItemId);
    }

    public static async Task<List<SelectListItem>> PersonsAsync(AppDb db) =>
        (await db.Persons.Select(p => new { p.Id, p.Name, p.JobTitle }).ToListAsync())
            .OrderBy(p => p.Name, Danish_)
            .Select(p => new SelectListItem(p.JobTitle is null ? p.Name : $"{p.Name} ({p.JobTitle})", p.Id.ToString(CultureInfo.InvariantCulture)))
            .ToList();

    public static string Region(IConfiguration config) => AdminForms.Region(config);
}
