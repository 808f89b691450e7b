using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Publication;
using Rammevaerk.Shared;

namespace Rammevaerk.Search;

/// <summary>
/// Keeps <see cref="SearchEntry"/> rows in step with the public archive: for a published meeting, one entry per
/// non-empty section of each open item and one per attachment of an open item whose text can be read, all taken from
/// the meeting's public copy (<see cref="PublicMeeting"/>: never the working copy, never a decision before the minutes,
/// never withheld text). CPR numbers are replaced before anything is stored, so no search ever finds one. Drafts and
/// closed items have no entries. The full-text indexes follow the table by themselves (SQLite: triggers into FTS5;
/// PostgreSQL: a generated column).
/// </summary>
public sealed class SearchIndexer(AppDb db, TimeProvider clock)
{
    /// <summary>
    /// Deletes the meeting's entries and adds them again from its public copy as saved now. Runs in the caller's
    /// transaction if it has one. Attachment text comes from the stored scans (<see cref="AttachmentScan"/>).
    /// </summary>
    public async Task ReindexMeetingAsync(int meetingId, CancellationToken ct = default)
    {
        // Items first: on SQLite a trigger takes their documents out of the FTS5 table.
        await db.SearchItems.Where(i => i.MeetingId == meetingId).ExecuteDeleteAsync(ct);
        await db.SearchEntries.Where(e => e.MeetingId == meetingId).ExecuteDeleteAsync(ct);

        var meeting = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == meetingId)
            .Select(m => new { m.Id, m.BodyId, m.State })
            .SingleOrDefaultAsync(ct);
        if (meeting is null || meeting.State == MeetingState.Draft) return;
        var view = await PublicCopy.LoadAsync(db, meetingId, ct);
        if (view is null) return;

        var attachmentIds = view.Items.Where(i => !i.IsClosed).SelectMany(i => i.Attachments).Where(a => !a.IsMissing && !a.Withheld).Select(a => a.Id).ToList();
        var texts = await db.AttachmentScans.AsNoTracking().Where(s => attachmentIds.Contains(s.AttachmentId))
            .ToDictionaryAsync(s => s.AttachmentId, s => s.Text, ct);
        var today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));

        var year = Danish.ToLocal(view.StartsAt).Year;
        var entries = new List<SearchEntry>();
        foreach (var item in view.Items.Where(i => !i.IsClosed).OrderBy(i => i.Number))
        {
            var title = CprNumbers.Redact(item.Title, today);
            SearchEntry Entry(SearchSection section, string text, int? attachmentId = null) => new()
            {
                MeetingId = meeting.Id, AgendaItemId = item.Id, AttachmentId = attachmentId, BodyId = meeting.BodyId,
                Year = year, MeetingStartsAt = view.StartsAt, Section = section, ItemNumber = item.Number,
                ItemTitle = title, Text = text,
                // The same words PostgreSQL's document holds: the item title, then the text.
                Stemmed = DanishText.StemText(title + "\n" + text),
            };

            entries.Add(Entry(SearchSection.Title, title));
            foreach (var (section, markdown) in new[]
                     {
                         (SearchSection.Intro, item.Intro), (SearchSection.Background, item.Background),
                         (SearchSection.Recommendation, item.Recommendation), (SearchSection.CasePresentation, item.CasePresentation),
                         (SearchSection.Decision, view.IsMinutes ? item.Decision : null),
                     })
            {
                if (markdown == PublicProjection.WithheldText) continue;
                var plain = CprNumbers.Redact(Markdown.ToPlainText(markdown).Trim(), today);
                if (plain.Length > 0) entries.Add(Entry(section, plain));
            }
            foreach (var attachment in item.Attachments.Where(a => !a.IsMissing && !a.Withheld))
            {
                if (!texts.TryGetValue(attachment.Id, out var text) || string.IsNullOrWhiteSpace(text)) continue;
                if (text.Length > AttachmentText.MaxChars) text = text[..AttachmentText.MaxChars];
                entries.Add(Entry(SearchSection.Attachment, CprNumbers.Redact(text, today), attachment.Id));
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
}
