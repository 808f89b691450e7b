using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Search;

namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// Keeps the public copy of each published meeting (<see cref="PublicMeeting"/>, <see cref="PublishedItem"/>,
/// <see cref="PublishedAttachment"/>) and the check over what is public (<see cref="PublicFinding"/>) in step with its
/// latest published version: after every publication, and at start-up for meetings published before the check existed
/// or checked with older rules. A CPR number found in what is public takes that place off the public site in the same
/// transaction; it returns when a version without it is published. The search index follows the public copy.
/// </summary>
public sealed class PublicCopy(AppDb db, AttachmentScans scans, SearchIndexer search, TimeProvider clock, ILogger<PublicCopy> log)
{
    /// <summary>Raise when the check's rules change, so that every public copy is checked again at the next start.</summary>
    public const int RulesVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The public view of a published meeting (content of closed items included), or null.</summary>
    public static async Task<MeetingView?> LoadAsync(AppDb db, int meetingId, CancellationToken ct = default)
    {
        var json = await db.PublicMeetings.AsNoTracking().Where(p => p.MeetingId == meetingId).Select(p => p.ViewJson).SingleOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<MeetingView>(json, Json);
    }

    public sealed record Outcome(int Withheld, bool Changed);

    /// <summary>
    /// Rebuilds the meeting's public copy from its latest version (or removes it for a draft) and its search entries.
    /// Runs in the caller's transaction when there is one.
    /// </summary>
    public async Task<Outcome> RefreshAsync(int meetingId, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.State, m.Version }).SingleOrDefaultAsync(ct);
        var existing = await db.PublicMeetings.SingleOrDefaultAsync(p => p.MeetingId == meetingId, ct);
        var snapshot = meeting is null || meeting.State == MeetingState.Draft ? null
            : await db.MeetingVersions.AsNoTracking().Where(v => v.MeetingId == meetingId && v.Version == meeting.Version)
                .Select(v => v.SnapshotJson).SingleOrDefaultAsync(ct);
        if (snapshot is null)
        {
            var had = existing is not null;
            if (existing is not null) db.PublicMeetings.Remove(existing);
            await ClearRowsAsync(meetingId, ct);
            await db.SaveChangesAsync(ct);
            await search.ReindexMeetingAsync(meetingId, ct);
            return new Outcome(0, had);
        }

        var view = PublicProjection.ForStep(JsonSerializer.Deserialize<MeetingView>(snapshot, Json)!);
        var texts = await scans.EnsureAsync(CheckInput.AttachmentIds(view), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var findings = PublicationCheck.Run(CheckInput.FromView(view, texts), view.IsMinutes ? PublicationStep.Minutes : PublicationStep.Agenda, now, archive: true);
        var withheld = findings.Where(f => f.Kind == FindingKind.CprNumber).Select(f => f.Place).ToList();
        var publicView = PublicProjection.Withhold(view, withheld);
        var json = JsonSerializer.Serialize(publicView, Json);

        var changed = existing is null || existing.ViewJson != json || existing.Version != meeting!.Version;
        if (existing is null)
        {
            existing = new PublicMeeting { MeetingId = meetingId, ViewJson = json };
            db.PublicMeetings.Add(existing);
        }
        if (changed) existing.Stamp = Guid.NewGuid();
        existing.Version = meeting!.Version;
        existing.ViewJson = json;
        existing.Withheld = withheld.Count;
        existing.RulesVersion = RulesVersion;
        existing.RefreshedAt = now;

        await ClearRowsAsync(meetingId, ct);
        foreach (var item in publicView.Items)
        {
            db.PublishedItems.Add(new PublishedItem
            {
                Id = item.Id, MeetingId = meetingId, Number = item.Number, Title = item.Title, IsClosed = item.IsClosed,
                Decision = item.IsClosed || !publicView.IsMinutes || string.IsNullOrWhiteSpace(item.Decision) ? null : item.Decision,
            });
        }
        var attachmentIds = publicView.Items.SelectMany(i => i.Attachments).Where(a => !a.Withheld).Select(a => a.Id).ToList();
        var files = await db.Attachments.IgnoreQueryFilters().AsNoTracking().Where(a => attachmentIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new { a.ContentType, a.AddedAt }, ct);
        foreach (var item in publicView.Items)
        {
            for (var order = 0; order < item.Attachments.Count; order++)
            {
                var a = item.Attachments[order];
                if (a.Withheld || !files.TryGetValue(a.Id, out var file)) continue;
                db.PublishedAttachments.Add(new PublishedAttachment
                {
                    Id = a.Id, MeetingId = meetingId, ItemId = item.Id, SortOrder = order, FileName = a.FileName,
                    ContentType = file.ContentType, Size = a.Size, IsMissing = a.IsMissing, IsClosed = item.IsClosed, AddedAt = file.AddedAt,
                });
            }
        }
        foreach (var f in findings)
        {
            db.PublicFindings.Add(new PublicFinding
            {
                MeetingId = meetingId, Version = meeting.Version, Severity = f.Severity, Kind = f.Kind, Field = f.Place.Field,
                ItemId = f.Place.ItemId, ItemNumber = f.Place.ItemNumber, ItemTitle = Cut(f.Place.ItemTitle, Limits.Title),
                AttachmentId = f.Place.AttachmentId, AttachmentName = Cut(f.Place.AttachmentName, 300),
                Message = Cut(f.Message, 2000)!, Excerpt = Cut(f.Excerpt, 2000),
                Withheld = f.Kind == FindingKind.CprNumber, FoundAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        await search.ReindexMeetingAsync(meetingId, ct);
        if (withheld.Count > 0)
            log.LogWarning("Meeting {Id} version {Version}: {Count} places withheld from the public site (CPR numbers)", meetingId, meeting.Version, withheld.Count);
        return new Outcome(withheld.Count, changed);
    }

    /// <summary>
    /// Builds or rebuilds the public copy of every published meeting that has none, or one checked with older rules
    /// (minutes published or imported before the check existed). Returns the number of meetings refreshed and how many
    /// places were withheld.
    /// </summary>
    public async Task<(int Meetings, int Withheld)> EnsureAllAsync(CancellationToken ct = default)
    {
        var ids = await db.Meetings.AsNoTracking()
            .Where(m => m.State != MeetingState.Draft && (m.Public == null || m.Public.RulesVersion < RulesVersion || m.Public.Version != m.Version))
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        var withheld = 0;
        foreach (var id in ids)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            withheld += (await RefreshAsync(id, ct)).Withheld;
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return (ids.Count, withheld);
    }

    private async Task ClearRowsAsync(int meetingId, CancellationToken ct)
    {
        // Rows added by an earlier refresh in this context are deleted below without the tracker knowing.
        foreach (var e in db.ChangeTracker.Entries().Where(e => e.Entity is PublishedItem or PublishedAttachment or PublicFinding).ToList())
            e.State = EntityState.Detached;
        await db.PublishedItems.Where(i => i.MeetingId == meetingId).ExecuteDeleteAsync(ct);
        await db.PublishedAttachments.Where(a => a.MeetingId == meetingId).ExecuteDeleteAsync(ct);
        await db.PublicFindings.Where(f => f.MeetingId == meetingId).ExecuteDeleteAsync(ct);
    }

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..(max - 1)] + "…";
}

/// <summary>
/// At start-up, before the app serves anyone (hosted services start before the server), checks every published meeting
/// that has no public copy yet or one checked with older rules: minutes published or imported before this check
/// existed. A CPR number found there is off the public site from the first request. Skipped while migrations are pending.
/// </summary>
public sealed class PublicCopyAtStartup(IServiceScopeFactory scopes, ILogger<PublicCopyAtStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any()) return;
            var (meetings, withheld) = await scope.ServiceProvider.GetRequiredService<PublicCopy>().EnsureAllAsync(ct);
            if (meetings > 0) log.LogInformation("Checked what is public of {Count} published meetings; {Withheld} places withheld (CPR numbers)", meetings, withheld);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "The public copies could not be checked at start-up");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
