using Microsoft.EntityFrameworkCore;
using Rammevaerk.Capacity;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Publication;

/// <summary>A capacity notice waiting for the forum's decision on an item of a meeting, and what the item's Beslutning says.</summary>
public sealed record PendingNoticeDecision(int NoticeId, string Operator, int ItemId, int ItemNumber, string? Decision, ForumResponse? Response);

/// <summary>
/// Decisions registered from the minutes (issue 12, item 5): a capacity change notice's decision and an early-warning
/// round's decision come from the deciding item's Beslutning, written once in the minutes, never typed again. They are
/// registered when the minutes are published, or by the secretariat once the meeting has ended; never before.
/// </summary>
public sealed class MinutesDecisions(AppDb db, CapacityService capacity, TimeProvider clock)
{
    /// <summary>The notices on the meeting's items still waiting for the forum's decision, with what each item says.</summary>
    public async Task<List<PendingNoticeDecision>> PendingAsync(int meetingId, CancellationToken ct = default)
    {
        var notices = await db.CapacityNotices.AsNoTracking()
            .Where(n => n.State == NoticeState.OnAgenda && n.AgendaItem != null && n.AgendaItem.MeetingId == meetingId)
            .Select(n => new { n.Id, Operator = n.Operator!.Name, ItemId = n.AgendaItemId!.Value, n.AgendaItem!.Number, n.AgendaItem.Decision })
            .ToListAsync(ct);
        var operators = await OperatorsOnItemsAsync(notices.Select(n => n.ItemId).ToList(), ct);
        return notices.Select(n => new PendingNoticeDecision(n.Id, n.Operator, n.ItemId, n.Number, n.Decision,
            ForumResponseReader.Read(n.Decision, n.Operator, operators[n.ItemId].ToList()))).ToList();
    }

    /// <summary>
    /// Registers every decision the meeting's minutes carry: capacity notices on its items that are still on the
    /// agenda, and early-warning rounds whose summary item has no decision registered yet. Adds to the caller's
    /// transaction; does not save. Refused (false) while the meeting has not ended.
    /// </summary>
    public async Task<bool> RegisterAsync(Meeting meeting, string? user, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if ((meeting.EndsAt ?? meeting.StartsAt) > now) return false;
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id)
            .Select(i => new { i.Id, i.Decision }).ToDictionaryAsync(i => i.Id, i => i.Decision, ct);
        var ids = items.Keys.ToList();

        var notices = await db.CapacityNotices.Include(n => n.Operator)
            .Where(n => n.State == NoticeState.OnAgenda && n.AgendaItemId != null && ids.Contains(n.AgendaItemId.Value))
            .ToListAsync(ct);
        var operators = await OperatorsOnItemsAsync(ids, ct);
        foreach (var notice in notices)
        {
            var decision = items[notice.AgendaItemId!.Value];
            if (string.IsNullOrWhiteSpace(decision)) continue;
            var response = ForumResponseReader.Read(decision, notice.Operator!.Name, operators[notice.AgendaItemId.Value].ToList());
            await capacity.RegisterFromMinutesAsync(notice, decision, response, ct);
        }

        var rounds = await db.WarningRounds.Where(r => r.AgendaItemId != null && ids.Contains(r.AgendaItemId.Value) && r.Decision == null).ToListAsync(ct);
        foreach (var round in rounds)
        {
            var decision = items[round.AgendaItemId!.Value];
            if (string.IsNullOrWhiteSpace(decision)) continue;
            round.Decision = decision.Length > Limits.Text ? decision[..Limits.Text] : decision;
            round.DecidedAt = now;
        }
        return true;
    }

    /// <summary>The operators of the notices bundled on each item, so a sentence naming another one is not read as this one's.</summary>
    private async Task<ILookup<int, string>> OperatorsOnItemsAsync(List<int> itemIds, CancellationToken ct) =>
        (await db.CapacityNotices.AsNoTracking()
            .Where(n => n.AgendaItemId != null && itemIds.Contains(n.AgendaItemId.Value))
            .Select(n => new { Item = n.AgendaItemId!.Value, n.Operator!.Name }).ToListAsync(ct))
        .ToLookup(x => x.Item, x => x.Name);
}
