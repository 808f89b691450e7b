using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings.Authoring;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings;

/// <summary>A meeting offered for a new item: "Socialdirektørforum 27.06.2025 (Kladde)".</summary>
public sealed record PlacementMeeting(int Id, int BodyId, string Label);

/// <summary>An existing agenda item offered in the item picker.</summary>
public sealed record PickerItem(int ItemId, int Number, string Title);

/// <summary>A meeting and its items, one optgroup in the item picker.</summary>
public sealed record PickerMeeting(int MeetingId, string Label, List<PickerItem> Items);

/// <summary>What the shared meeting picker partial (Meetings/_MeetingPicker) needs.</summary>
public sealed record MeetingPickerModel(string Name, string Label, List<PlacementMeeting> Meetings, int? Selected, string? Error = null, string? Hint = null);

/// <summary>What the shared item picker partial (Meetings/_ItemPicker) needs.</summary>
public sealed record ItemPickerModel(string Name, string Label, List<PickerMeeting> Meetings, string? Selected, string EmptyText = "Vælg punkt …", string? Error = null, string? Id = null)
{
    public ItemPickerModel(string name, string label, List<PickerMeeting> meetings, int? selected)
        : this(name, label, meetings, selected?.ToString(System.Globalization.CultureInfo.InvariantCulture)) { }

    public string FieldId => Id ?? Name;
}

/// <summary>
/// The one placement rule for every process that puts something on an agenda (cases sent on, capacity bundles,
/// early-warning summaries, follow-ups, letters, recurring items, calculations): only meetings whose minutes are not
/// published can take a new item, and never imported archive minutes held back by an open question (they are
/// published as the source had them once the questions are answered), and a new item goes before the closing standard items (Orienteringer,
/// Eventuelt), numbered, the closing items moving down. Also the one query behind the item picker, which reads only
/// the meetings it offers (never every item).
/// </summary>
public sealed class AgendaPlacement(AppDb db)
{
    /// <summary>How many of the latest meetings the item picker offers besides those still open.</summary>
    public const int LatestMeetings = 5;

    /// <summary>A meeting whose minutes are published is finished and takes nothing more (the secretariat's own editing too).</summary>
    public static bool IsFinished(Meeting meeting) => meeting.State == MeetingState.MinutesPublished;

    /// <summary>The rule itself: minutes not published, and not imported minutes waiting for their questions.</summary>
    public static bool CanTakeItems(Meeting meeting) => !IsFinished(meeting) && meeting.HeldBackAs is null;

    public static IQueryable<Meeting> ThatCanTakeItems(IQueryable<Meeting> meetings) =>
        meetings.Where(m => m.State != MeetingState.MinutesPublished && m.HeldBackAs == null);

    public static string Label(string body, DateTime startsAt, MeetingState state) =>
        $"{body} {Danish.ShortDate(startsAt)} ({Danish.State(state)})";

    /// <summary>Meetings that can still take an item, soonest first; optionally one body's (or every body but one).</summary>
    public async Task<List<PlacementMeeting>> MeetingsAsync(int? bodyId = null, int? exceptBodyId = null, CancellationToken ct = default)
    {
        var rows = await ThatCanTakeItems(db.Meetings.AsNoTracking())
            .Where(m => bodyId == null || m.BodyId == bodyId)
            .Where(m => exceptBodyId == null || m.BodyId != exceptBodyId)
            .OrderBy(m => m.StartsAt)
            .Select(m => new { m.Id, m.BodyId, Body = m.Body.Name, m.StartsAt, m.State })
            .ToListAsync(ct);
        return rows.Select(m => new PlacementMeeting(m.Id, m.BodyId, Label(m.Body, m.StartsAt, m.State))).ToList();
    }

    /// <summary>The chosen meeting with its items (tracked), or a Danish problem naming what is wrong.</summary>
    public async Task<(Meeting? Meeting, string? Problem)> ChosenMeetingAsync(int? meetingId, CancellationToken ct = default)
    {
        if (meetingId is not int id) return (null, "Vælg det møde, punktet skal på.");
        var meeting = await db.Meetings.Include(m => m.Body).Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) return (null, "Det valgte møde findes ikke.");
        if (IsFinished(meeting)) return (null, "Referatet for mødet er udgivet. Vælg et møde, hvis dagsorden stadig kan ændres.");
        if (!CanTakeItems(meeting)) return (null, $"Mødet {Danish.ShortDate(meeting.StartsAt)} er et importeret referat, der venter på sekretariatets svar. Vælg et kommende møde.");
        return (meeting, null);
    }

    /// <summary>
    /// Adds the items, in this order, before the meeting's closing standard items, which move down. Saves the
    /// renumbering, so call it inside the action's transaction; the new items are added to the meeting, not saved.
    /// Returns their numbers.
    /// </summary>
    public Task<List<int>> PlaceAsync(Meeting meeting, IReadOnlyList<AgendaItem> items, CancellationToken ct = default)
    {
        if (IsFinished(meeting)) throw new InvalidOperationException("A meeting whose minutes are published takes no new items.");
        return ItemNumbering.InsertBeforeTrailingAsync(db, meeting, items, ct);
    }

    public async Task<int> PlaceAsync(Meeting meeting, AgendaItem item, CancellationToken ct = default) =>
        (await PlaceAsync(meeting, [item], ct))[0];

    /// <summary>
    /// For the item picker: the meetings that can still take items, the latest ones, and those of the items already
    /// chosen (so a saved choice stays visible), newest first, each with its items. Reads only those meetings' items.
    /// </summary>
    public async Task<List<PickerMeeting>> ItemChoicesAsync(IEnumerable<int>? chosenItemIds = null, CancellationToken ct = default)
    {
        var chosen = (chosenItemIds ?? []).Distinct().ToList();
        var open = await ThatCanTakeItems(db.Meetings).Select(m => m.Id).ToListAsync(ct);
        var latest = await db.Meetings.OrderByDescending(m => m.StartsAt).Select(m => m.Id).Take(LatestMeetings).ToListAsync(ct);
        var ofChosen = chosen.Count == 0 ? [] : await db.AgendaItems.Where(i => chosen.Contains(i.Id)).Select(i => i.MeetingId).ToListAsync(ct);
        var ids = open.Concat(latest).Concat(ofChosen).Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id, m.StartsAt, Body = m.Body.Name, m.State,
                Items = m.Items.OrderBy(i => i.Number).Select(i => new PickerItem(i.Id, i.Number, i.Title)).ToList(),
            })
            .ToListAsync(ct);
        return meetings.OrderByDescending(m => m.StartsAt)
            .Select(m => new PickerMeeting(m.Id, Label(m.Body, m.StartsAt, m.State), m.Items)).ToList();
    }
}
