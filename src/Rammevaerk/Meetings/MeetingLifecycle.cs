using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings.Publication;

namespace Rammevaerk.Meetings;

/// <summary>What the secretariat confirmed when it published, kept with the version.</summary>
/// <param name="Confirmation">What it was told would go public ("Referatet: 4 punkter, 2 bilag; punkt 3 forbliver lukket").</param>
/// <param name="ConfirmedWarnings">The check's warnings it confirmed, in Danish.</param>
public sealed record PublicationRecord(string? Confirmation, IReadOnlyList<string> ConfirmedWarnings);

/// <summary>
/// Draft → agenda published → minutes published. The meeting's rows are the secretariat's working copy; the public
/// reads only what a publication step froze (a version) through the meeting's public copy (<see cref="PublicCopy"/>).
/// Changes to a published meeting's working copy wait until the secretariat publishes a new version; the agenda never
/// carries the decisions. Callers own the transaction: they call these inside their one SaveChanges.
/// </summary>
public sealed class MeetingLifecycle(AppDb db, TimeProvider clock, PublicCopy publicCopy, ILogger<MeetingLifecycle> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task PublishAgendaAsync(Meeting meeting, string? user, PublicationRecord? record = null)
    {
        meeting.State = MeetingState.AgendaPublished;
        meeting.AgendaPublishedAt = clock.GetUtcNow().UtcDateTime;
        meeting.ChangedAfterPublicationAt = null;
        meeting.WithdrawnAt = null;
        await RecordVersionAsync(meeting, user, "Dagsorden udgivet", record);
    }

    public async Task PublishMinutesAsync(Meeting meeting, string? user, PublicationRecord? record = null)
    {
        meeting.State = MeetingState.MinutesPublished;
        meeting.MinutesPublishedAt = clock.GetUtcNow().UtcDateTime;
        meeting.ChangedAfterPublicationAt = null;
        await RecordVersionAsync(meeting, user, "Referat udgivet", record);
    }

    /// <summary>Publishes the working copy of a published meeting as its next version (agenda or minutes as it stands).</summary>
    public async Task PublishNewVersionAsync(Meeting meeting, string? user, PublicationRecord? record = null)
    {
        meeting.ChangedAfterPublicationAt = clock.GetUtcNow().UtcDateTime;
        await RecordVersionAsync(meeting, user, meeting.State == MeetingState.MinutesPublished ? "Ny version af referatet" : "Ny version af dagsordenen", record);
    }

    /// <summary>
    /// Saves a change to the meeting itself or to its order of items (header, items added, moved, renumbered or
    /// removed). The meeting's concurrency stamp moves, so a header form or another reordering made from the old
    /// state is refused. A draft just changes; a published meeting's working copy changes and is marked as having
    /// changes that are not published (the public keeps reading the last version until a new one is published).
    /// </summary>
    public async Task SaveChangeAsync(Meeting meeting, string? user, string what)
    {
        meeting.ConcurrencyStamp = Guid.NewGuid();
        if (meeting.IsPublished)
        {
            meeting.UnpublishedChangesAt ??= clock.GetUtcNow().UtcDateTime;
            log.LogInformation("Meeting {Id}: {What} by {User} (not published yet)", meeting.Id, what, user);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Publishes a change of a published meeting's header (title, place, time) at once, as its next version: the
    /// public version's items with the new header. The working copy's other changes stay unpublished.
    /// </summary>
    public async Task PublishHeaderChangeAsync(Meeting meeting, string? user, PublicationRecord record)
    {
        var previous = await db.MeetingVersions.Where(v => v.MeetingId == meeting.Id && v.Version == meeting.Version).Select(v => v.SnapshotJson).SingleOrDefaultAsync()
            ?? throw new InvalidOperationException($"Meeting {meeting.Id} has no version {meeting.Version}");
        var now = clock.GetUtcNow().UtcDateTime;
        meeting.Version += 1;
        meeting.ChangedAfterPublicationAt = now;
        meeting.ConcurrencyStamp = Guid.NewGuid();
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        var body = await db.Bodies.Where(b => b.Id == meeting.BodyId).Select(b => new { b.Name, b.Slug }).SingleAsync();
        var view = JsonSerializer.Deserialize<MeetingView>(previous, Json)! with
        {
            Title = meeting.Title, Location = meeting.Location, StartsAt = meeting.StartsAt, EndsAt = meeting.EndsAt,
            BodyName = body.Name, BodySlug = body.Slug, ChangedAfterPublicationAt = now, Version = meeting.Version,
        };
        AddVersion(meeting, user, "Mødeoplysninger ændret", view, record);
        await db.SaveChangesAsync();
        await publicCopy.RefreshAsync(meeting.Id);
        if (tx is not null) await tx.CommitAsync();
    }

    /// <summary>
    /// Takes a published meeting off the public site: it becomes a draft again, its versions stay (the archive), and
    /// the page, the PDF, search, feeds and OParl forget it. It can be published again later.
    /// </summary>
    public async Task WithdrawAsync(Meeting meeting, string? user, string reason)
    {
        meeting.State = MeetingState.Draft;
        meeting.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        meeting.WithdrawnBy = user;
        meeting.WithdrawnReason = reason.Length > 1000 ? reason[..1000] : reason;
        meeting.AgendaPublishedAt = null;
        meeting.MinutesPublishedAt = null;
        meeting.ChangedAfterPublicationAt = null;
        meeting.UnpublishedChangesAt = null;
        meeting.InPublishedPlan = false;
        meeting.ConcurrencyStamp = Guid.NewGuid();
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        await publicCopy.RefreshAsync(meeting.Id);
        if (tx is not null) await tx.CommitAsync();
    }

    /// <summary>
    /// Saves a change inside one item (its text, guests, attachments). The meeting's stamp moves without being checked
    /// (its PDF and previews are made anew), so two people saving two different items of one meeting at the same
    /// moment both succeed: each item has its own stamp, which the item page checks. A published meeting's working
    /// copy is marked as having changes that are not published yet.
    /// </summary>
    public async Task SaveItemChangeAsync(Meeting meeting, string? user, string what)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        var stamp = Guid.NewGuid();
        if (meeting.IsPublished)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ConcurrencyStamp, stamp)
                .SetProperty(m => m.UnpublishedChangesAt, m => m.UnpublishedChangesAt ?? now));
            Accept(meeting, m => m.UnpublishedChangesAt, meeting.UnpublishedChangesAt ?? now);
            log.LogInformation("Meeting {Id}: {What} by {User} (not published yet)", meeting.Id, what, user);
        }
        else
        {
            await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ConcurrencyStamp, stamp));
        }
        Accept(meeting, m => m.ConcurrencyStamp, stamp);
        if (tx is not null) await tx.CommitAsync();
    }

    /// <summary>
    /// Saves pending changes and stores the resulting meeting as the next version (the agenda without the decisions),
    /// then brings the public copy and search up to date, in one transaction (the caller's, if it has one).
    /// </summary>
    public async Task RecordVersionAsync(Meeting meeting, string? user, string reason, PublicationRecord? record = null)
    {
        meeting.UnpublishedChangesAt = null;
        meeting.ConcurrencyStamp = Guid.NewGuid();
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        // The version number is taken from the meeting's row in the database, which this also locks until the
        // commit: concurrent changes to one meeting queue here and get consecutive versions, and the later one's
        // snapshot (read after the earlier one committed) holds both changes.
        var bumped = await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, m => m.Version + 1));
        if (bumped != 1) throw new InvalidOperationException($"Meeting {meeting.Id} vanished while being published");
        var version = await db.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Version).SingleAsync();
        Accept(meeting, m => m.Version, version);
        var view = await MeetingView.LoadAsync(db, meeting.Id)
            ?? throw new InvalidOperationException($"Meeting {meeting.Id} vanished while being published");
        AddVersion(meeting, user, reason, PublicProjection.ForStep(view), record);
        await db.SaveChangesAsync();
        // What the public can read and find follows the version, in the same transaction.
        await publicCopy.RefreshAsync(meeting.Id);
        if (tx is not null) await tx.CommitAsync();
    }

    private void AddVersion(Meeting meeting, string? user, string reason, MeetingView view, PublicationRecord? record) =>
        db.MeetingVersions.Add(new MeetingVersion
        {
            MeetingId = meeting.Id,
            Version = meeting.Version,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = user,
            Reason = reason.Length > 200 ? reason[..200] : reason,
            SnapshotJson = JsonSerializer.Serialize(view, Json),
            Confirmation = record?.Confirmation is { } c && c.Length > 2000 ? c[..2000] : record?.Confirmation,
            ConfirmedWarnings = record is { ConfirmedWarnings.Count: > 0 } ? string.Join("\n", record.ConfirmedWarnings) : null,
        });

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

    public static MeetingView? ReadSnapshot(string json) => JsonSerializer.Deserialize<MeetingView>(json, Json);

    public static string WriteSnapshot(MeetingView view) => JsonSerializer.Serialize(view, Json);
}
