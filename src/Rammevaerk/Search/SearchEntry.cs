namespace Rammevaerk.Search;

/// <summary>What part of the archive an entry holds.</summary>
public enum SearchSection
{
    Title,
    Intro,
    Background,
    Recommendation,
    CasePresentation,
    Decision,
    Attachment,
}

/// <summary>
/// One searchable piece of the public archive: a section of an item of a published meeting, or the text of an
/// attachment. Closed items and drafts are never indexed. The full-text index lives beside this table and is
/// provider-specific (SQLite: FTS5 table <c>SearchEntriesFts</c> over <see cref="Stemmed"/>; PostgreSQL: a
/// generated <c>tsvector</c> column with the <c>danish</c> configuration over <see cref="Text"/>), created by the
/// migrations' SQL.
/// </summary>
public sealed class SearchEntry
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int AgendaItemId { get; set; }
    public int? AttachmentId { get; set; }
    public int BodyId { get; set; }
    /// <summary>Local year of the meeting, for the year filter.</summary>
    public int Year { get; set; }
    public DateTime MeetingStartsAt { get; set; }
    public SearchSection Section { get; set; }
    public int ItemNumber { get; set; }
    public required string ItemTitle { get; set; }
    /// <summary>Plain text (Markdown removed), shown in snippets.</summary>
    public required string Text { get; set; }
    /// <summary>The text as Danish Snowball stems, fed to SQLite's FTS5.</summary>
    public required string Stemmed { get; set; }
}
