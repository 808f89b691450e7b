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

        // Items first: on SQLite a trigger takes their documents out of the FTS5 table.
        await db.SearchItems.Where(i => i.MeetingId == meetingId).ExecuteDeleteAsync(ct);
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
        await AddItemsAsync(meetingId, ct);
    }

    /// <summary>
    /// One <see cref="SearchItem"/> per indexed item of the meeting, its document made from its entries by the
    /// database: on PostgreSQL the entries' documents concatenated (<c>rammevaerk_tsvector_agg</c>, from the
    /// migration), on SQLite the entries' stems joined into the FTS5 table. Every entry repeats the item title, so a
    /// word of the title weighs once per section.
    /// </summary>
    private async Task AddItemsAsync(int meetingId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            // A tsvector holds at most 1 MB: an item with very long attachments gets its words without their positions
            // (its rank then counts each word once).
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "SearchItems" ("Id", "MeetingId", "BodyId", "Year", "MeetingStartsAt", "Document")
                SELECT "AgendaItemId", MIN("MeetingId"), MIN("BodyId"), MIN("Year"), MIN("MeetingStartsAt"),
                       CASE WHEN SUM(length("Document")) <= {MaxPositionedWords}
                            THEN rammevaerk_tsvector_agg("Document" ORDER BY "Id")
                            ELSE rammevaerk_tsvector_agg(strip("Document") ORDER BY "Id") END
                FROM "SearchEntries" WHERE "MeetingId" = {meetingId} GROUP BY "AgendaItemId"
                """, ct);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "SearchItems" ("Id", "MeetingId", "BodyId", "Year", "MeetingStartsAt")
                SELECT "AgendaItemId", MIN("MeetingId"), MIN("BodyId"), MIN("Year"), MIN("MeetingStartsAt")
                FROM "SearchEntries" WHERE "MeetingId" = {meetingId} GROUP BY "AgendaItemId"
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "SearchItemsFts" (rowid, "Stemmed")
                SELECT "AgendaItemId", group_concat("Stemmed", ' ') FROM "SearchEntries" WHERE "MeetingId" = {meetingId} GROUP BY "AgendaItemId"
                """, ct);
        }
    }

    /// <summary>Distinct words (summed over an item's entries) up to which the item's document keeps positions.</summary>
    private const int MaxPositionedWords = 50_000;

    /// <summary>
    /// Indexes every published meeting when the index (entries or items) is empty though published meetings exist: a
    /// database migrated before search existed. Returns the number of meetings indexed.
    /// </summary>
    public async Task<int> IndexIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.SearchEntries.AnyAsync(ct) && await db.SearchItems.AnyAsync(ct)) return 0;
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
