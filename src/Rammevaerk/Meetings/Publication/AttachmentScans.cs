using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// The stored text of attachments (<see cref="AttachmentScan"/>): read when a file is uploaded, or the first time a
/// check needs one that has none (files from before the check existed, demo data).
/// </summary>
public sealed class AttachmentScans(AppDb db, TimeProvider clock, ILogger<AttachmentScans> log)
{
    /// <summary>A new scan of the bytes, to be added with the attachment in the caller's transaction.</summary>
    public AttachmentScan Scan(string fileName, byte[] bytes) => Make(fileName, bytes, clock.GetUtcNow().UtcDateTime);

    public static AttachmentScan Make(string fileName, byte[] bytes, DateTime now)
    {
        var result = AttachmentReader.Read(fileName, bytes);
        return new AttachmentScan { Readability = result.Readability, Text = result.Text, ScannedAt = now };
    }

    /// <summary>
    /// The scans of the attachments with these ids, reading (and saving) those not read yet. Saves with the context's
    /// SaveChanges, so call it when the context holds no other pending change.
    /// </summary>
    public async Task<Dictionary<int, AttachmentScan>> EnsureAsync(IReadOnlyCollection<int> attachmentIds, CancellationToken ct = default)
    {
        if (attachmentIds.Count == 0) return [];
        var ids = attachmentIds.Distinct().ToList();
        var found = await db.AttachmentScans.AsNoTracking().Where(s => ids.Contains(s.AttachmentId)).ToDictionaryAsync(s => s.AttachmentId, ct);
        var missing = ids.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count == 0) return found;

        var files = await db.Attachments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => missing.Contains(a.Id) && !a.IsMissing)
            .Select(a => new { a.Id, a.FileName })
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<AttachmentScan>();
        foreach (var file in files)
        {
            var bytes = await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == file.Id).Select(c => c.Bytes).SingleOrDefaultAsync(ct);
            if (bytes is null) continue;
            var scan = Make(file.FileName, bytes, now);
            scan.AttachmentId = file.Id;
            if (scan.Readability == AttachmentReadability.Unreadable)
                log.LogWarning("Attachment {Id} ({Name}) could not be read for the publication check", file.Id, file.FileName);
            added.Add(scan);
            found[file.Id] = scan;
        }
        if (added.Count == 0) return found;
        db.AttachmentScans.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request stored the same scans first; theirs are the same text.
            foreach (var scan in added) db.Entry(scan).State = EntityState.Detached;
        }
        foreach (var scan in added) db.Entry(scan).State = EntityState.Detached;
        return found;
    }
}

/// <summary>The check's view of a meeting, built from what the page shows and the attachments' stored text.</summary>
public static class CheckInput
{
    public static CheckMeeting FromView(MeetingView view, IReadOnlyDictionary<int, AttachmentScan> scans) =>
        new(view.Id, view.Title, view.Location, view.StartsAt, view.EndsAt, view.Items.Select(i => new CheckItem(
            i.Id, i.Number, i.Title, i.IsClosed, i.Intro, i.Background, i.Recommendation, i.CasePresentation, i.Decision,
            i.Guests.Select(g => string.Join(", ", new[] { g.Name, g.Role, g.TimeSlot }.Where(s => !string.IsNullOrWhiteSpace(s)))).ToList(),
            i.Attachments.Select(a => scans.TryGetValue(a.Id, out var s)
                ? new CheckAttachment(a.Id, a.FileName, a.IsMissing, s.Readability, s.Text)
                : new CheckAttachment(a.Id, a.FileName, a.IsMissing, a.IsMissing ? AttachmentReadability.NotRead : AttachmentReadability.Unreadable, null)).ToList()))
            .ToList()) { Preamble = view.Preamble };

    /// <summary>The ids of the attachments whose text the check reads.</summary>
    public static List<int> AttachmentIds(MeetingView view) =>
        view.Items.SelectMany(i => i.Attachments).Where(a => !a.IsMissing).Select(a => a.Id).ToList();
}
