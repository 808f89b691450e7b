using System.Text.Json;
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
    /// Saves a change to the meeting or one of its items. After publication the change becomes a new version
    /// (the public page then says when it was last changed); a draft just changes.
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
    /// Saves pending changes and stores the resulting meeting as the next version, in one transaction
    /// (the caller's, if it has one).
    /// </summary>
    public async Task RecordVersionAsync(Meeting meeting, string? user, string reason)
    {
        meeting.Version += 1;
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        var view = await MeetingView.LoadAsync(db, meeting.Id)
            ?? throw new InvalidOperationException($"Meeting {meeting.Id} vanished while being published");
        db.MeetingVersions.Add(new MeetingVersion
        {
            MeetingId = meeting.Id,
            Version = meeting.Version,
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

    public static MeetingView? ReadSnapshot(MeetingVersion version) =>
        JsonSerializer.Deserialize<MeetingView>(version.SnapshotJson, Json);
}
