using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>
/// Gives items new numbers without tripping the unique (meeting, number) index on the way: first every moved
/// item gets a temporary negative number, then its final one. Call inside the action's transaction.
/// </summary>
public static class ItemNumbering
{
    public static async Task ApplyAsync(AppDb db, IReadOnlyDictionary<AgendaItem, int> numbers)
    {
        var moved = numbers.Where(kv => kv.Key.Number != kv.Value).ToList();
        if (moved.Count == 0) return;
        var temp = -1;
        foreach (var (item, _) in moved) item.Number = temp--;
        await db.SaveChangesAsync();
        foreach (var (item, number) in moved) item.Number = number;
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Adds a new item before the meeting's trailing standard items (those whose template goes last: Orienteringer,
    /// Eventuelt), which move down one; after the last item when there are none. Saves the renumbering, so call it
    /// inside the action's transaction; the new item itself is added to the meeting, not saved.
    /// </summary>
    public static async Task InsertBeforeTrailingAsync(AppDb db, Meeting meeting, AgendaItem item, CancellationToken ct = default) =>
        await InsertBeforeTrailingAsync(db, meeting, [item], ct);

    /// <summary>Several new items, in this order, the same way; returns their numbers.</summary>
    public static async Task<List<int>> InsertBeforeTrailingAsync(AppDb db, Meeting meeting, IReadOnlyList<AgendaItem> items, CancellationToken ct = default)
    {
        var lastTitles = (await db.ItemTemplates.Where(t => t.Position == TemplatePosition.Last).Select(t => t.Title).ToListAsync(ct))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ordered = meeting.Items.OrderBy(i => i.Number).ToList();
        var trailing = new List<AgendaItem>();
        for (var i = ordered.Count - 1; i >= 0 && lastTitles.Contains(ordered[i].Title.Trim()); i--) trailing.Insert(0, ordered[i]);
        var next = ordered.Count == 0 ? 1 : ordered.Max(i => i.Number) + 1;
        var first = trailing.Count > 0 ? trailing[0].Number : next;
        if (trailing.Count > 0) await ApplyAsync(db, trailing.Select((t, k) => (t, k)).ToDictionary(x => x.t, x => first + items.Count + x.k));
        var numbers = new List<int>();
        for (var k = 0; k < items.Count; k++)
        {
            items[k].Number = first + k;
            numbers.Add(first + k);
            meeting.Items.Add(items[k]);
        }
        return numbers;
    }

    /// <summary>
    /// The numbers after moving one item to a position (1 = first) in the current order: the other items close up
    /// and the meeting keeps its set of numbers, so a gap or a start at 0 stays where the secretariat put it.
    /// A position outside the list moves the item to the nearest end.
    /// </summary>
    public static Dictionary<AgendaItem, int> MoveTo(IReadOnlyList<AgendaItem> itemsInOrder, AgendaItem item, int position)
    {
        var numbers = itemsInOrder.Select(i => i.Number).ToList();
        var order = itemsInOrder.Where(i => i != item).ToList();
        order.Insert(Math.Clamp(position, 1, itemsInOrder.Count) - 1, item);
        return order.Select((x, k) => (x, k)).ToDictionary(p => p.x, p => numbers[p.k]);
    }

    /// <summary>1, 2, 3 … in the current order.</summary>
    public static Dictionary<AgendaItem, int> Consecutive(IEnumerable<AgendaItem> itemsInOrder) =>
        itemsInOrder.Select((item, i) => (item, i)).ToDictionary(x => x.item, x => x.i + 1);
}
