using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Search;

/// <summary>
/// Keeps <see cref="SearchEntry"/> rows in step with the public archive: for a published meeting, one entry per
/// non-empty section of each open item and one per attachment of an open item whose text can be read. Drafts and
/// closed items have no entries. The full-text indexes follow the table by themselves (SQLite: triggers into FTS5;
/// PostgreSQL: a generated column).
/// </summary>
public sealed class SearchIndexer(AppDb db, ILogger<SearchIndexer> log)
{
    /// <summary>
    /// Deletes the meeting's entries and adds them again from what is saved now. Runs in the caller's transaction
    /// if it has one. An attachment that cannot be read is skipped with a log line; it never fails the call.
    /// </summary>
    public async Task ReindexMeetingAsync(int meetingId, CancellationToken ct = default)
    {
        // Attachment files never change under the same id (a new upload is a new attachment), so the text already
        // extracted is reused instead of parsing every PDF again on each save.
        var known = await db.SearchEntries.AsNoTracking()
            .Where(e => e.MeetingId == meetingId && e.AttachmentId != null)
            .Select(e => new { Id = e.AttachmentId!.Value, e.Text })
            .ToListAsync(ct);
        var knownText = known.GroupBy(k => k.Id).ToDictionary(g => g.Key, g => g.First().Text);

        await db.SearchEntries.Where(e => e.MeetingId == meetingId).ExecuteDeleteAsync(ct);

        var meeting = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == meetingId)
            .Select(m => new { m.Id, m.BodyId, m.StartsAt, m.State })
            .SingleOrDefaultAsync(ct);
        if (meeting is null || meeting.State == MeetingState.Draft) return;

        var items = await db.AgendaItems.AsNoTracking()
            .Where(i => i.MeetingId == meetingId && !i.IsClosed)
            .OrderBy(i => i.Number)
            .Select(i => new
            {
                i.Id, i.Number, i.Title, i.Intro, i.Background, i.Recommendation, i.CasePresentation, i.Decision,
                Attachments = i.Attachments.Where(a => !a.IsMissing).OrderBy(a => a.SortOrder).Select(a => new { a.Id, a.FileName }).ToList(),
            })
            .ToListAsync(ct);

        var year = Danish.ToLocal(meeting.StartsAt).Year;
        var entries = new List<SearchEntry>();
        foreach (var item in items)
        {
            SearchEntry Entry(SearchSection section, string text, int? attachmentId = null) => new()
            {
                MeetingId = meeting.Id, AgendaItemId = item.Id, AttachmentId = attachmentId, BodyId = meeting.BodyId,
                Year = year, MeetingStartsAt = meeting.StartsAt, Section = section, ItemNumber = item.Number,
                ItemTitle = item.Title, Text = text,
                // The same words PostgreSQL's document holds: the item title, then the text.
                Stemmed = DanishText.StemText(item.Title + "\n" + text),
            };

            entries.Add(Entry(SearchSection.Title, item.Title));
            foreach (var (section, markdown) in new[]
                     {
                         (SearchSection.Intro, item.Intro), (SearchSection.Background, item.Background),
                         (SearchSection.Recommendation, item.Recommendation), (SearchSection.CasePresentation, item.CasePresentation),
                         (SearchSection.Decision, item.Decision),
                     })
            {
                var plain = Markdown.ToPlainText(markdown).Trim();
                if (plain.Length > 0) entries.Add(Entry(section, plain));
            }
            foreach (var attachment in item.Attachments)
            {
                if (!knownText.TryGetValue(attachment.Id, out var text))
                {
                    text = await ExtractAsync(attachment.Id, attachment.FileName, ct);
                }
                if (!string.IsNullOrWhiteSpace(text)) entries.Add(Entry(SearchSection.Attachment, text, attachment.Id));
            }
        }
        if (entries.Count == 0) return;
        db.SearchEntries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        foreach (var e in entries) db.Entry(e).State = EntityState.Detached;
    }

    /// <summary>
    /// Indexes every published meeting when the index is empty though published meetings exist: a database migrated
    /// before search existed. Returns the number of meetings indexed.
    /// </summary>
    public async Task<int> IndexIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.SearchEntries.AnyAsync(ct)) return 0;
        var ids = await db.Meetings.Where(m => m.State != MeetingState.Draft).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            await ReindexMeetingAsync(id, ct);
        }
        return ids.Count;
    }

    private async Task<string> ExtractAsync(int attachmentId, string fileName, CancellationToken ct)
    {
        if (!AttachmentText.CanExtract(fileName)) return "";
        var bytes = await db.AttachmentContents.AsNoTracking()
            .Where(c => c.AttachmentId == attachmentId).Select(c => c.Bytes).SingleOrDefaultAsync(ct);
        if (bytes is null) return "";
        try
        {
            return AttachmentText.Extract(fileName, bytes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Attachment {AttachmentId} ({FileName}) could not be read for the search index; it is not searchable", attachmentId, fileName);
            return "";
        }
    }
}
