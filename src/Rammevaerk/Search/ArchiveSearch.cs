using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Search;

/// <summary>What a reader asked for. Filters are optional; <paramref name="Page"/> counts from 1.</summary>
public sealed record SearchRequest(string? Query, int? BodyId = null, int? Year = null, SearchSection? Section = null, int Page = 1);

/// <summary>One section (or attachment) of a found item in which the search matched.</summary>
/// <see cref="Snippet"/> is made only for the sections shown (<see cref="SearchHit.Shown"/>).
public sealed record SearchMatch(SearchSection Section, int? AttachmentId, string? AttachmentName, IHtmlContent? Snippet, int TermsInText)
{
    public string? AttachmentUrl => AttachmentId is int id && AttachmentName is not null
        ? $"/bilag/{id}/{Uri.EscapeDataString(AttachmentName)}"
        : null;
}

/// <summary>
/// One found item: its meeting, its highlighted title and every section or attachment of it that matched, those whose
/// own text holds the most query words first.
/// </summary>
public sealed record SearchHit(
    int MeetingId,
    string MeetingTitle,
    string BodyName,
    DateTime MeetingStartsAt,
    int ItemNumber,
    string ItemTitle,
    IHtmlContent TitleHtml,
    double Rank,
    IReadOnlyList<SearchMatch> Matches)
{
    /// <summary>The item on the public meeting page.</summary>
    public string Url => $"/moeder/{MeetingId}#punkt-{ItemNumber}";

    /// <summary>
    /// Snippets to show: up to two sections whose own text holds a query word (the title is the heading); when only
    /// the title holds them, the first section found (with a section filter: the section asked for).
    /// </summary>
    public IReadOnlyList<SearchMatch> Shown => Matches.Where(m => m.Snippet is not null).ToList();

    /// <summary>The other sections whose text holds a query word, named under the snippets.</summary>
    public IReadOnlyList<SearchMatch> AlsoIn =>
        Matches.Where(m => m.Snippet is null && m.Section != SearchSection.Title && m.TermsInText > 0).ToList();

    /// <summary>Which of the matches (in their order) get a snippet: see <see cref="Shown"/>.</summary>
    internal static IEnumerable<int> ShownIndexes(IReadOnlyList<(SearchSection Section, int TermsInText)> matches)
    {
        var inText = Enumerable.Range(0, matches.Count)
            .Where(i => matches[i].Section != SearchSection.Title && matches[i].TermsInText > 0).Take(2).ToList();
        return inText.Count > 0 ? inText : Enumerable.Range(0, matches.Count).Where(i => matches[i].Section != SearchSection.Title).Take(1);
    }
}

public sealed record SearchResults(IReadOnlyList<string> Terms, int Total, int Page, IReadOnlyList<SearchHit> Hits)
{
    /// <summary>Pages that can be shown (at most <see cref="ArchiveSearch.MaxPage"/>).</summary>
    public int PageCount => Math.Min(ArchiveSearch.MaxPage, (Total + ArchiveSearch.PageSize - 1) / ArchiveSearch.PageSize);

    public static SearchResults Empty(IReadOnlyList<string> terms) => new(terms, 0, 1, []);
}

/// <summary>
/// Full-text search of the public archive. The reader's words become Danish stems (<see cref="DanishText"/>), each
/// matched as a prefix, all required. SQLite asks FTS5 (ranked by bm25), PostgreSQL its <c>tsvector</c> column
/// (ranked by ts_rank); the query text is built from our own letters-and-digits terms and passed as a parameter, so
/// nothing the reader types reaches either query language. Closed items and drafts are never in the index, and the
/// rows shown are checked once more against the live tables.
/// </summary>
public sealed class ArchiveSearch(AppDb db)
{
    public const int PageSize = 20;

    /// <summary>Pages past this are not served (offsets stay cheap).</summary>
    public const int MaxPage = 500;

    /// <summary>
    /// PostgreSQL ranks at most this many matching items of a query, the newest; items beyond them follow by date.
    /// Every match is still found and counted. (SQLite's FTS5 ranks all matches at little cost.)
    /// </summary>
    public const int RankedCandidates = 200;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct = default)
    {
        var terms = DanishText.QueryTerms(request.Query);
        if (terms.Count == 0) return SearchResults.Empty(terms);
        var page = Math.Clamp(request.Page, 1, MaxPage);

        var (count, ranked) = Queries(terms, request, PageSize, (page - 1) * PageSize);
        // One statement groups the matches by item, ranks the items (an item ranks as its best section) and counts
        // them (COUNT(*) OVER ()).
        var ranks = await db.Database.SqlQuery<RankedItem>(ranked).ToListAsync(ct);
        var total = ranks.Count > 0
            ? (int)ranks[0].Total
            : page == 1 ? 0 : (int)(await db.Database.SqlQuery<long>(count).ToListAsync(ct)).Single();
        if (ranks.Count == 0) return new SearchResults(terms, total, page, []);

        // The page's items with all their entries (through the meeting index), their meeting, body and attachments.
        // Only the entries that matched (the ranking statement lists them per item), by primary key.
        var entryIds = ranks.SelectMany(r => r.Entries.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var entries = await (
                from e in db.SearchEntries.AsNoTracking()
                where entryIds.Contains(e.Id)
                join i in db.AgendaItems on e.AgendaItemId equals i.Id
                orderby e.Id
                select new
                {
                    e.AgendaItemId, e.MeetingId, e.AttachmentId, e.Section, e.ItemNumber, e.ItemTitle, e.Text, e.Stemmed,
                    i.IsClosed, i.Meeting.State, MeetingTitle = i.Meeting.Title, i.Meeting.StartsAt, BodyName = i.Meeting.Body.Name,
                    AttachmentName = db.Attachments.Where(a => a.Id == e.AttachmentId).Select(a => a.FileName).FirstOrDefault(),
                })
            .ToListAsync(ct);
        var byItem = entries.ToLookup(e => e.AgendaItemId);

        var hits = new List<SearchHit>();
        foreach (var r in ranks)
        {
            var rows = byItem[r.Id].ToList();
            // The index never holds closed items or drafts; checked again here in case it lags behind a change.
            if (rows.Count == 0 || rows[0].IsClosed || rows[0].State == MeetingState.Draft) continue;
            var first = rows[0];
            var titleWords = DanishText.Terms(first.ItemTitle).Count();
            var ordered = rows
                .Select(e => (e, InText: EntryTerms.Of(e.Stemmed, titleWords).InText(terms)))
                .OrderByDescending(x => x.InText)
                .ToList();
            // Snippets (the costly part: long attachment texts) only for the sections shown.
            var shown = SearchHit.ShownIndexes(ordered.Select(x => (x.e.Section, x.InText)).ToList()).ToHashSet();
            var matches = ordered
                .Select((x, k) => new SearchMatch(x.e.Section, x.e.AttachmentId, x.e.AttachmentName,
                    shown.Contains(k) ? Highlighter.Snippet(x.e.Text, terms) : null, x.InText))
                .ToList();
            hits.Add(new SearchHit(
                first.MeetingId, first.MeetingTitle, first.BodyName, first.StartsAt, first.ItemNumber, first.ItemTitle,
                Highlighter.Highlight(first.ItemTitle, terms), r.Rank, matches));
        }
        return new SearchResults(terms, total, page, hits);
    }

    /// <summary>
    /// The count and the ranked page of ids. Parameters only; identifiers double-quoted, which both databases accept.
    /// SQLite without filters asks the FTS5 table alone (its own rank order, no join); filters join the entries.
    /// </summary>
    private (FormattableString Count, FormattableString Ranked) Queries(IReadOnlyList<string> terms, SearchRequest request, int take, int skip)
    {
        var args = new List<object>();
        string P(object value)
        {
            args.Add(value);
            return $"{{{args.Count - 1}}}";
        }

        var filters = new StringBuilder();
        if (request.BodyId is int body) filters.Append($" AND e.\"BodyId\" = {P(body)}");
        if (request.Year is int year) filters.Append($" AND e.\"Year\" = {P(year)}");
        if (request.Section is SearchSection section) filters.Append($" AND e.\"Section\" = {P((int)section)}");

        string count, ranked;
        if (db.Database.IsNpgsql())
        {
            // e.g. 'botilbud':* & 'billund':*  — terms are letters and digits only; quoted all the same. Read with
            // the simple configuration: the terms are stems already, and stemming a stem again can shorten it
            // ("statslige" → "statslig" → "stat"). The document was built with danish, giving the same stems.
            var tsquery = string.Join(" & ", terms.Select(t => $"'{t.Replace("\\", "\\\\").Replace("'", "''")}':*"));
            var q = P(tsquery);
            // The matching entries (the GIN index finds them; ids, items and dates only), grouped into items, counted
            // in the same pass. Ranking reads and unpacks each entry's tsvector (ts_rank): for a broad word («kommune»
            // is in half of all entries) that was most of the search. So only the entries of the newest
            // RankedCandidates items are ranked, an item by its best entry; the rest follow by date. A query with
            // fewer matching items than that (nearly all) is ranked in full.
            // The planner prices a sequential scan by pages, not by the cost of unpacking every row's tsvector: for a
            // word in a tenth of all rows it picks the scan, several times slower than the GIN index. So the index
            // is asked for, for this statement only (SET and RESET travel in the same batch, one round trip; a
            // connection that failed in between is reset by the pool).
            var matches = $"SELECT e.\"Id\", e.\"AgendaItemId\", e.\"MeetingId\", e.\"MeetingStartsAt\" FROM \"SearchEntries\" e " +
                          $"WHERE e.\"Document\" @@ to_tsquery('simple', {q}){filters}";
            var items = "SELECT \"AgendaItemId\", \"MeetingId\", MAX(\"MeetingStartsAt\") AS \"StartsAt\", COUNT(*) OVER () AS \"Total\", " +
                        "string_agg(CAST(\"Id\" AS text), ',') AS \"Entries\" " +
                        "FROM m GROUP BY \"AgendaItemId\", \"MeetingId\"";
            var select = skip + take <= RankedCandidates
                ? $"WITH m AS MATERIALIZED ({matches}), " +
                  $"t AS ({items} ORDER BY \"StartsAt\" DESC, \"AgendaItemId\" DESC LIMIT {P(RankedCandidates)}) " +
                  $"SELECT t.\"AgendaItemId\" AS \"Id\", t.\"MeetingId\", CAST(MAX(ts_rank(r.\"Document\", to_tsquery('simple', {q}), 1)) AS double precision) AS \"Rank\", t.\"Total\", t.\"Entries\" " +
                  "FROM t JOIN m ON m.\"AgendaItemId\" = t.\"AgendaItemId\" JOIN \"SearchEntries\" r ON r.\"Id\" = m.\"Id\" " +
                  "GROUP BY t.\"AgendaItemId\", t.\"MeetingId\", t.\"StartsAt\", t.\"Total\", t.\"Entries\" " +
                  $"ORDER BY \"Rank\" DESC, t.\"StartsAt\" DESC, t.\"AgendaItemId\" DESC LIMIT {P(take)} OFFSET {P(skip)}"
                // Past them (RankedCandidates is a multiple of PageSize, so no page straddles): by date.
                : $"WITH m AS ({matches}) SELECT t.\"AgendaItemId\" AS \"Id\", t.\"MeetingId\", CAST(0 AS double precision) AS \"Rank\", t.\"Total\", t.\"Entries\" " +
                  $"FROM ({items}) t ORDER BY t.\"StartsAt\" DESC, t.\"AgendaItemId\" DESC LIMIT {P(take)} OFFSET {P(skip)}";
            ranked = $"SET enable_seqscan = off; {select}; RESET enable_seqscan";
            count = $"SELECT COUNT(DISTINCT m.\"AgendaItemId\") AS \"Value\" FROM ({matches}) m";
        }
        else if (db.Database.IsSqlite())
        {
            // e.g. "botilbud"* AND "billund"*  (rank is FTS5's bm25: lower is better; an item ranks as its best entry)
            var match = string.Join(" AND ", terms.Select(t => $"\"{t.Replace("\"", "\"\"")}\"*"));
            // Without filters the entries are joined through the narrow covering index (id, item, meeting): reading
            // the wide rows for every match of a broad word cost five times the ranking itself. (Filters need the rows.)
            var from = $"FROM \"SearchEntriesFts\" f JOIN \"SearchEntries\" e{(filters.Length == 0 ? " INDEXED BY \"IX_SearchEntries_Id_AgendaItemId_MeetingId\"" : "")} ON e.\"Id\" = f.rowid WHERE \"SearchEntriesFts\" MATCH {P(match)}{filters}";
            count = $"SELECT COUNT(DISTINCT e.\"AgendaItemId\") AS \"Value\" {from}";
            ranked = $"SELECT e.\"AgendaItemId\" AS \"Id\", e.\"MeetingId\", MIN(f.rank) AS \"Rank\", COUNT(*) OVER () AS \"Total\", group_concat(e.\"Id\") AS \"Entries\" {from} " +
                     $"GROUP BY e.\"AgendaItemId\", e.\"MeetingId\" ORDER BY \"Rank\", e.\"AgendaItemId\" LIMIT {P(take)} OFFSET {P(skip)}";
        }
        else
        {
            throw new NotSupportedException($"Search does not support the database provider {db.Database.ProviderName}.");
        }
        var values = args.ToArray();
        return (Sql(count, values), Sql(ranked, values));
    }

    private static FormattableString Sql(string format, object[] args) => FormattableStringFactory.Create(format, args);

    /// <summary>One row of the ranked query: an item, its rank and the number of items found.</summary>
    internal sealed class RankedItem
    {
        public int Id { get; set; }
        public int MeetingId { get; set; }
        public double Rank { get; set; }
        public long Total { get; set; }
        /// <summary>The item's matching entries, ids separated by commas.</summary>
        public string Entries { get; set; } = "";
    }
}

/// <summary>
/// The stems of an entry (<see cref="SearchEntry.Stemmed"/>: the item title's, then the text's), to tell which matching
/// sections hold the words in their own text and not only in the item title (both databases match stems by prefix).
/// </summary>
internal sealed class EntryTerms(string[] stems, int titleWords)
{
    public static EntryTerms Of(string stemmed, int titleWords) =>
        new(stemmed.Split(' ', StringSplitOptions.RemoveEmptyEntries), titleWords);

    /// <summary>How many of the terms the entry's own text holds (not counting the item title).</summary>
    public int InText(IReadOnlyList<string> terms) => terms.Count(t => Has(t, titleWords));

    private bool Has(string term, int from)
    {
        for (var i = from; i < stems.Length; i++)
        {
            if (stems[i].StartsWith(term, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
