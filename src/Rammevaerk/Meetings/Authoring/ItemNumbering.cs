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

    /// <summary>1, 2, 3 … in the current order.</summary>
    public static Dictionary<AgendaItem, int> Consecutive(IEnumerable<AgendaItem> itemsInOrder) =>
        itemsInOrder.Select((item, i) => (item, i)).ToDictionary(x => x.item, x => x.i + 1);
}
