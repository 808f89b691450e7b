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
        // One statement finds, ranks and counts (COUNT(*) OVER ()) the items, and gives the page's items with all
        // their entries, meeting, body and attachment names, in rank order; which entries matched is told from their
        // stems below.
        var rows = await db.Database.SqlQuery<PageRow>(ranked).ToListAsync(ct);
        var total = rows.Count > 0
            ? (int)rows[0].Total
            : page == 1 ? 0 : (int)(await db.Database.SqlQuery<long>(count).ToListAsync(ct)).Single();

        var hits = new List<SearchHit>();
        foreach (var item in rows.GroupBy(r => r.Id))
        {
            var entries = item.ToList();
            var first = entries[0];
            // The index never holds closed items or drafts; checked again here (against the public copy, never the
            // working copy) in case it lags behind a change.
            if (first.IsClosed || first.State == MeetingState.Draft) continue;
            var titleWords = DanishText.Terms(first.ItemTitle).Count();
            var stems = entries.Select(e => EntryTerms.Of(e.Stemmed, titleWords)).ToList();
            var matched = MatchingEntries(stems, entries.Select(e => e.Section).ToList(), terms, request.Section);
            var ordered = matched
                .Select(k => (e: entries[k], InText: stems[k].InText(terms)))
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
                Highlighter.Highlight(first.ItemTitle, terms), first.Rank, matches));
        }
        return new SearchResults(terms, total, page, hits);
    }

    /// <summary>
    /// Which of a found item's entries (in their order) matched: with a section filter, the entries of that section
    /// holding every term (item title included, as the index has it); otherwise those holding every term, or, when
    /// the words are spread over several sections and no one holds them all, those holding any of them.
    /// </summary>
    internal static IReadOnlyList<int> MatchingEntries(IReadOnlyList<EntryTerms> entries, IReadOnlyList<SearchSection> sections,
        IReadOnlyList<string> terms, SearchSection? section)
    {
        var all = Enumerable.Range(0, entries.Count)
            .Where(k => (section is null || sections[k] == section) && entries[k].HoldsAll(terms)).ToList();
        return all.Count > 0 || section is not null
            ? all
            : Enumerable.Range(0, entries.Count).Where(k => entries[k].HoldsAny(terms)).ToList();
    }

    /// <summary>
    /// The count and the ranked page (<see cref="PageRows"/>). Parameters only; identifiers double-quoted, which both databases
    /// accept. Without a section filter the per-item documents (<see cref="SearchItem"/>) are searched: an item is
    /// found when it holds every word, in any of its sections. A section filter searches that section's entries.
    /// </summary>
    private (FormattableString Count, FormattableString Ranked) Queries(IReadOnlyList<string> terms, SearchRequest request, int take, int skip)
    {
        var args = new List<object>();
        string P(object value)
        {
            args.Add(value);
            return $"{{{args.Count - 1}}}";
        }

        // Body and year filters: both tables have the columns, under the alias r.
        var filters = new StringBuilder();
        if (request.BodyId is int body) filters.Append($" AND r.\"BodyId\" = {P(body)}");
        if (request.Year is int year) filters.Append($" AND r.\"Year\" = {P(year)}");
        var bySection = request.Section is not null;
        if (request.Section is SearchSection s) filters.Append($" AND r.\"Section\" = {P((int)s)}");

        string count, ranked;
        if (db.Database.IsNpgsql())
        {
            // e.g. 'botilbud':* & 'billund':*  — terms are letters and digits only; quoted all the same. Read with
            // the simple configuration: the terms are stems already, and stemming a stem again can shorten it
            // ("statslige" → "statslig" → "stat"). The documents were built with danish, giving the same stems.
            var tsquery = string.Join(" & ", terms.Select(t => $"'{t.Replace("\\", "\\\\").Replace("'", "''")}':*"));
            var q = P(tsquery);
            // The matching items (the GIN index finds them), newest first, counted in the same pass. Ranking reads
            // and unpacks each document (ts_rank): for a broad word («kommune» is in nearly every item) that was most
            // of the search. So only the newest RankedCandidates items are ranked; the rest follow by date. A query
            // with fewer matching items than that (nearly all) is ranked in full.
            // With a section filter the same is done over that section's entries, grouped into items.
            var matches = bySection
                ? "SELECT r.\"AgendaItemId\" AS \"Id\", MAX(r.\"MeetingStartsAt\") AS \"StartsAt\", COUNT(*) OVER () AS \"Total\" " +
                  $"FROM \"SearchEntries\" r WHERE r.\"Document\" @@ to_tsquery('simple', {q}){filters} GROUP BY r.\"AgendaItemId\""
                : "SELECT r.\"Id\", r.\"MeetingStartsAt\" AS \"StartsAt\", COUNT(*) OVER () AS \"Total\" " +
                  $"FROM \"SearchItems\" r WHERE r.\"Document\" @@ to_tsquery('simple', {q}){filters}";
            var rank = bySection
                ? $"(SELECT MAX(ts_rank(d.\"Document\", to_tsquery('simple', {q}), 1)) FROM \"SearchEntries\" d WHERE d.\"AgendaItemId\" = m.\"Id\" AND d.\"Section\" = {P((int)request.Section!.Value)})"
                : $"(SELECT ts_rank(d.\"Document\", to_tsquery('simple', {q}), 1) FROM \"SearchItems\" d WHERE d.\"Id\" = m.\"Id\")";
            var select = skip + take <= RankedCandidates
                ? $"WITH m AS MATERIALIZED ({matches} ORDER BY \"StartsAt\" DESC, \"Id\" DESC LIMIT {P(RankedCandidates)}) " +
                  $"SELECT m.\"Id\", CAST({rank} AS double precision) AS \"Rank\", m.\"Total\", m.\"StartsAt\" FROM m " +
                  $"ORDER BY \"Rank\" DESC, m.\"StartsAt\" DESC, m.\"Id\" DESC LIMIT {P(take)} OFFSET {P(skip)}"
                // Past them (RankedCandidates is a multiple of PageSize, so no page straddles): by date.
                : $"SELECT m.\"Id\", CAST(0 AS double precision) AS \"Rank\", m.\"Total\", m.\"StartsAt\" FROM ({matches}) m " +
                  $"ORDER BY m.\"StartsAt\" DESC, m.\"Id\" DESC LIMIT {P(take)} OFFSET {P(skip)}";
            // The planner prices a sequential scan by pages, not by the cost of unpacking every row's tsvector: for a
            // word in a tenth of all rows it picks the scan, several times slower than the GIN index. So the index
            // is asked for, for this statement only (SET and RESET travel in the same batch, one round trip; a
            // connection that failed in between is reset by the pool).
            ranked = $"SET enable_seqscan = off; {PageRows(select, "p.\"Rank\" DESC, p.\"StartsAt\" DESC, p.\"Id\" DESC")}; RESET enable_seqscan";
            count = $"SELECT COUNT(*) AS \"Value\" FROM ({matches}) m";
        }
        else if (db.Database.IsSqlite())
        {
            // e.g. "botilbud"* AND "billund"*  (rank is FTS5's bm25: lower is better)
            var match = P(string.Join(" AND ", terms.Select(t => $"\"{t.Replace("\"", "\"\"")}\"*")));
            if (bySection)
            {
                // The section's matching entries, grouped into items; an item ranks as its best entry.
                var from = $"FROM \"SearchEntriesFts\" f JOIN \"SearchEntries\" r ON r.\"Id\" = f.rowid WHERE \"SearchEntriesFts\" MATCH {match}{filters}";
                count = $"SELECT COUNT(DISTINCT r.\"AgendaItemId\") AS \"Value\" {from}";
                ranked = PageRows($"SELECT r.\"AgendaItemId\" AS \"Id\", MIN(f.rank) AS \"Rank\", COUNT(*) OVER () AS \"Total\" {from} " +
                                  $"GROUP BY r.\"AgendaItemId\" ORDER BY \"Rank\", r.\"AgendaItemId\" LIMIT {P(take)} OFFSET {P(skip)}", "p.\"Rank\", p.\"Id\"");
            }
            else
            {
                // The item documents alone; body and year filters join the items' rows.
                var from = $"FROM \"SearchItemsFts\" f{(filters.Length > 0 ? " JOIN \"SearchItems\" r ON r.\"Id\" = f.rowid" : "")} WHERE \"SearchItemsFts\" MATCH {match}{filters}";
                count = $"SELECT COUNT(*) AS \"Value\" {from}";
                ranked = PageRows($"SELECT f.rowid AS \"Id\", f.rank AS \"Rank\", COUNT(*) OVER () AS \"Total\" {from} " +
                                  $"ORDER BY f.rank, f.rowid LIMIT {P(take)} OFFSET {P(skip)}", "p.\"Rank\", p.\"Id\"");
            }
        }
        else
        {
            throw new NotSupportedException($"Search does not support the database provider {db.Database.ProviderName}.");
        }
        var values = args.ToArray();
        return (Sql(count, values), Sql(ranked, values));
    }

    private static FormattableString Sql(string format, object[] args) => FormattableStringFactory.Create(format, args);

    /// <summary>
    /// The page's rows, one per entry of each ranked item (the items in rank order, an item's entries in their order),
    /// from the ranked page <c>p</c> (<c>"Id"</c>, <c>"Rank"</c>, <c>"Total"</c>) and <paramref name="order"/>, the
    /// page's order over <c>p</c>.
    /// </summary>
    private static string PageRows(string ranked, string order) =>
        $"WITH p AS ({ranked}) " +
        "SELECT p.\"Id\", p.\"Rank\", p.\"Total\", e.\"MeetingId\", e.\"AttachmentId\", e.\"Section\", e.\"ItemNumber\", " +
        "e.\"ItemTitle\", e.\"Text\", e.\"Stemmed\", i.\"IsClosed\", m.\"State\", m.\"Title\" AS \"MeetingTitle\", m.\"StartsAt\", " +
        "b.\"Name\" AS \"BodyName\", a.\"FileName\" AS \"AttachmentName\" " +
        "FROM p JOIN \"SearchEntries\" e ON e.\"AgendaItemId\" = p.\"Id\" JOIN \"PublishedItems\" i ON i.\"Id\" = p.\"Id\" " +
        "JOIN \"Meetings\" m ON m.\"Id\" = i.\"MeetingId\" JOIN \"Bodies\" b ON b.\"Id\" = m.\"BodyId\" " +
        "LEFT JOIN \"PublishedAttachments\" a ON a.\"Id\" = e.\"AttachmentId\" " +
        $"ORDER BY {order}, e.\"Id\"";

    /// <summary>One row of the ranked page: an entry of a found item, with the item's rank and the number of items found.</summary>
    internal sealed class PageRow
    {
        public int Id { get; set; }
        public double Rank { get; set; }
        public long Total { get; set; }
        public int MeetingId { get; set; }
        public int? AttachmentId { get; set; }
        public SearchSection Section { get; set; }
        public int ItemNumber { get; set; }
        public string ItemTitle { get; set; } = "";
        public string Text { get; set; } = "";
        public string Stemmed { get; set; } = "";
        public bool IsClosed { get; set; }
        public MeetingState State { get; set; }
        public string MeetingTitle { get; set; } = "";
        public DateTime StartsAt { get; set; }
        public string BodyName { get; set; } = "";
        public string? AttachmentName { get; set; }
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

    /// <summary>Whether the entry (item title included) holds every term: what the index matches.</summary>
    public bool HoldsAll(IReadOnlyList<string> terms) => terms.All(t => Has(t, 0));

    /// <summary>Whether the entry (item title included) holds any of the terms.</summary>
    public bool HoldsAny(IReadOnlyList<string> terms) => terms.Any(t => Has(t, 0));

    private bool Has(string term, int from)
    {
        for (var i = from; i < stems.Length; i++)
        {
            if (stems[i].StartsWith(term, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
