using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics;

/// <summary>What the shared "På dagsordenen" section of an economics page needs.</summary>
public sealed record AgendaSectionModel(string Action, string Noun, List<PickerMeeting> Meetings, int? ItemId);

/// <summary>
/// The one code path that puts a calculation's table on the agenda: the Markdown is appended to the chosen item's
/// case presentation and saved through <see cref="MeetingLifecycle"/> (a new version when the meeting is published),
/// so the table stays in the web page, the PDF and the OParl API and the decided version is kept. Pending changes
/// of the caller (the calculation's link to the item) are saved in the same transaction.
/// </summary>
public sealed class AgendaInsertion(AppDb db, MeetingLifecycle lifecycle, TimeProvider clock)
{
    /// <summary>Returns the item the table went into, or a Danish problem (nothing saved).</summary>
    public async Task<(AgendaItem? Item, string? Problem)> AppendAsync(int? itemId, string noun, Func<string> markdown, Action<AgendaItem> link, string? user, string what, CancellationToken ct)
    {
        var item = itemId is int id ? await db.AgendaItems.SingleOrDefaultAsync(i => i.Id == id, ct) : null;
        if (item is null) return (null, $"Vælg det dagsordenspunkt, {noun} skal indsættes i.");
        var section = markdown();
        var text = string.IsNullOrWhiteSpace(item.CasePresentation) ? section : item.CasePresentation.TrimEnd() + "\n\n" + section;
        if (text.Length > Limits.Text) return (null, "Punktets sagsfremstilling bliver for lang, hvis tabellen indsættes.");
        var meeting = await db.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == item.MeetingId, ct);
        item.CasePresentation = text;
        item.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        item.ConcurrencyStamp = Guid.NewGuid();
        link(item);
        await lifecycle.SaveItemChangeAsync(meeting, user, $"{what} indsat i punkt {item.Number}");
        return (item, null);
    }

    /// <summary>The item chosen for "Markér som besluttet", or a Danish problem.</summary>
    public async Task<(AgendaItem? Item, string? Problem)> DecidedItemAsync(int? itemId, string noun, CancellationToken ct)
    {
        var item = itemId is int id ? await db.AgendaItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) : null;
        return item is null ? (null, $"Vælg det dagsordenspunkt, {noun} er besluttet under.") : (item, null);
    }

    /// <summary>The item picker's meetings (<see cref="AgendaPlacement.ItemChoicesAsync"/>).</summary>
    public Task<List<PickerMeeting>> MeetingChoicesAsync(CancellationToken ct) => new AgendaPlacement(db).ItemChoicesAsync(null, ct);

    /// <summary>"Socialdirektørforum 27.06.2025, punkt 12: …" for the item a calculation is linked to.</summary>
    public async Task<string?> LinkTextAsync(int? itemId, CancellationToken ct)
    {
        if (itemId is not int id) return null;
        var link = await db.AgendaItems.Where(i => i.Id == id)
            .Select(i => new { i.Number, i.Title, i.Meeting.StartsAt, Body = i.Meeting.Body.Name }).SingleOrDefaultAsync(ct);
        return link is null ? null : $"{link.Body} {Danish.ShortDate(link.StartsAt)}, punkt {link.Number}: {link.Title}";
    }

    /// <summary>Public links to the items of published meetings, by item id (drafts are left out).</summary>
    public static async Task<Dictionary<int, PublicItemLink>> PublicLinksAsync(AppDb db, IEnumerable<int> itemIds, CancellationToken ct)
    {
        var ids = itemIds.Distinct().ToList();
        // The item as its meeting's public copy shows it (number and title as published).
        var items = await (from i in db.PublishedItems.AsNoTracking()
                           join m in db.Meetings on i.MeetingId equals m.Id
                           where ids.Contains(i.Id) && m.State != MeetingState.Draft
                           select new { i.Id, i.MeetingId, i.Number, i.Title, Body = m.Body.Name, m.StartsAt })
            .ToListAsync(ct);
        return items.ToDictionary(i => i.Id, i => new PublicItemLink(i.MeetingId, i.Number, i.Title, $"{i.Body} {Danish.Date(i.StartsAt)}"));
    }
}

/// <summary>A link from the public economics page to the item a calculation was decided under.</summary>
public sealed record PublicItemLink(int MeetingId, int Number, string Title, string Meeting);
