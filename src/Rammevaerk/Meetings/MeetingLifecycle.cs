using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Search;

namespace Rammevaerk.Meetings;

/// <summary>
/// Draft → agenda published → minutes published. Each publication step and each change after publication
/// freezes a version and brings the meeting's search entries up to date. Callers own the transaction: they call these
/// inside their one SaveChanges.
/// </summary>
public sealed class MeetingLifecycle(AppDb db, TimeProvider clock, SearchIndexer search)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Danish reasons the step cannot be taken; empty when it can.</summary>
    public static IReadOnlyList<string> CheckPublishAgenda(Meeting meeting)
    {
        var problems = new List<string>();
        if (meeting.State != MeetingState.Draft) problems.Add("Dagsordenen er allerede udgivet.");
        if (meeting.Items.Count == 0) problems.Add("Dagsordenen har ingen punkter.");
        return problems;
    }

    public static IReadOnlyList<string> CheckPublishMinutes(Meeting meeting)
    {
        var problems = new List<string>();
        if (meeting.State == MeetingState.Draft) problems.Add("Dagsordenen skal udgives, før referatet kan udgives.");
        if (meeting.State == MeetingState.MinutesPublished) problems.Add("Referatet er allerede udgivet.");
        foreach (var item in meeting.Items.OrderBy(i => i.Number).Where(i => string.IsNullOrWhiteSpace(i.Decision)))
        {
            problems.Add($"Punkt {item.Number} ({item.Title}) mangler en beslutning.");
        }
        return problems;
    }

    public async Task PublishAgendaAsync(Meeting meeting, string? user)
    {
        meeting.State = MeetingState.AgendaPublished;
        meeting.AgendaPublishedAt = clock.GetUtcNow().UtcDateTime;
        meeting.ChangedAfterPublicationAt = null;
        await RecordVersionAsync(meeting, user, "Dagsorden udgivet");
    }

    public async Task PublishMinutesAsync(Meeting meeting, string? user)
    {
        meeting.State = MeetingState.MinutesPublished;
        meeting.MinutesPublishedAt = clock.GetUtcNow().UtcDateTime;
        meeting.ChangedAfterPublicationAt = null;
        await RecordVersionAsync(meeting, user, "Referat udgivet");
    }

    /// <summary>
    /// Saves a change to the meeting itself or to its order of items (header, items added, moved, renumbered or
    /// removed). The meeting's concurrency stamp moves, so a header form or another reordering made from the old
    /// state is refused. After publication the change becomes a new version (the public page then says when it was
    /// last changed); a draft just changes.
    /// </summary>
    public async Task SaveChangeAsync(Meeting meeting, string? user, string what)
    {
        meeting.ConcurrencyStamp = Guid.NewGuid();
        if (!meeting.IsPublished)
        {
            await db.SaveChangesAsync();
            return;
        }
        meeting.ChangedAfterPublicationAt = clock.GetUtcNow().UtcDateTime;
        await RecordVersionAsync(meeting, user, what);
    }

    /// <summary>
    /// Saves a change inside one item (its text, guests, attachments). The meeting's stamp moves without being checked
    /// (its PDF and previews are made anew), so two people saving two different items of one meeting at the same
    /// moment both succeed: each item has its own stamp, which the item page checks. After publication each save
    /// becomes its own version.
    /// </summary>
    public async Task SaveItemChangeAsync(Meeting meeting, string? user, string what)
    {
        if (meeting.IsPublished)
        {
            await RecordVersionAsync(meeting, user, what, new MeetingBump(clock.GetUtcNow().UtcDateTime, Guid.NewGuid()));
            return;
        }
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        var stamp = Guid.NewGuid();
        await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ConcurrencyStamp, stamp));
        Accept(meeting, m => m.ConcurrencyStamp, stamp);
        if (tx is not null) await tx.CommitAsync();
    }

    /// <summary>What an item's change writes to its meeting's row, without checking the meeting's stamp.</summary>
    private sealed record MeetingBump(DateTime ChangedAt, Guid Stamp);

    /// <summary>
    /// Saves pending changes and stores the resulting meeting as the next version, in one transaction
    /// (the caller's, if it has one).
    /// </summary>
    public async Task RecordVersionAsync(Meeting meeting, string? user, string reason) =>
        await RecordVersionAsync(meeting, user, reason, bump: null);

    private async Task RecordVersionAsync(Meeting meeting, string? user, string reason, MeetingBump? bump)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        // The version number is taken from the meeting's row in the database, which this also locks until the
        // commit: concurrent changes to one meeting queue here and get consecutive versions, and the later one's
        // snapshot (read after the earlier one committed) holds both changes.
        var bumped = bump is not null
            ? await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Version, m => m.Version + 1)
                .SetProperty(m => m.ChangedAfterPublicationAt, bump.ChangedAt)
                .SetProperty(m => m.ConcurrencyStamp, bump.Stamp))
            : await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, m => m.Version + 1));
        if (bumped != 1) throw new InvalidOperationException($"Meeting {meeting.Id} vanished while being published");
        var version = await db.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Version).SingleAsync();
        Accept(meeting, m => m.Version, version);
        if (bump is not null)
        {
            Accept(meeting, m => m.ChangedAfterPublicationAt, bump.ChangedAt);
            Accept(meeting, m => m.ConcurrencyStamp, bump.Stamp);
        }
        var view = await MeetingView.LoadAsync(db, meeting.Id)
            ?? throw new InvalidOperationException($"Meeting {meeting.Id} vanished while being published");
        db.MeetingVersions.Add(new MeetingVersion
        {
            MeetingId = meeting.Id,
            Version = version,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = user,
            Reason = reason.Length > 200 ? reason[..200] : reason,
            SnapshotJson = JsonSerializer.Serialize(view, Json),
        });
        await db.SaveChangesAsync();
        // What the public can find follows what it can read, in the same transaction.
        await search.ReindexMeetingAsync(meeting.Id);
        if (tx is not null) await tx.CommitAsync();
    }

    /// <summary>A value written by a statement of our own: the tracked meeting takes it as saved, not as a change.</summary>
    private void Accept<T>(Meeting meeting, System.Linq.Expressions.Expression<Func<Meeting, T>> property, T value)
    {
        var p = db.Entry(meeting).Property(property);
        p.CurrentValue = value;
        p.OriginalValue = value;
        p.IsModified = false;
    }

    public static MeetingView? ReadSnapshot(MeetingVersion version) =>
        JsonSerializer.Deserialize<MeetingView>(version.SnapshotJson, Json);
}
