namespace Rammevaerk.Search;

/// <summary>
/// One found-able item of the public archive: the whole item (title, every section, every attachment's text) as one
/// full-text document, made from its <see cref="SearchEntry"/> rows by <see cref="SearchIndexer"/>. Search ranks and
/// counts these (one row per item, a fifth of the entries, and no grouping); the entries then tell which sections
/// matched and give the snippets. A section filter searches the entries instead.
/// The document is provider-specific, created by the migrations' SQL: SQLite has the contentless FTS5 table
/// <c>SearchItemsFts</c> (rowid = item id; the entries' stems joined), PostgreSQL a <c>tsvector</c> column
/// <c>"Document"</c> (the entries' documents concatenated) with a GIN index.
/// </summary>
public sealed class SearchItem
{
    /// <summary>The agenda item's id.</summary>
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int BodyId { get; set; }
    /// <summary>Local year of the meeting, for the year filter.</summary>
    public int Year { get; set; }
    public DateTime MeetingStartsAt { get; set; }
}
