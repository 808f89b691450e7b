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
/// attachment. Closed items and drafts are never indexed (<see cref="SearchIndexer"/>, called whenever a published
/// meeting changes). The full-text index lives beside this table and is provider-specific, created by the
/// migrations' SQL: SQLite has the FTS5 table <c>SearchEntriesFts</c> over <see cref="Stemmed"/>, kept in step by
/// triggers; PostgreSQL has a generated <c>tsvector</c> column <c>"Document"</c> (danish configuration over
/// <see cref="ItemTitle"/> and <see cref="Text"/>, ASCII punctuation read as space) with a GIN index. Both hold the same
/// terms (<see cref="DanishText"/>), so both databases find the same entries.
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
    /// <summary>The item title and the text as Danish Snowball stems (<see cref="DanishText.StemText"/>), fed to SQLite's FTS5.</summary>
    public required string Stemmed { get; set; }
}
