using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Search;

/// <summary>What a reader asked for. Filters are optional; <paramref name="Page"/> counts from 1.</summary>
public sealed record SearchRequest(string? Query, int? BodyId = null, int? Year = null, SearchSection? Section = null, int Page = 1);

public sealed record SearchHit(
    int MeetingId,
    string MeetingTitle,
    string BodyName,
    DateTime MeetingStartsAt,
    int ItemNumber,
    string ItemTitle,
    SearchSection Section,
    int? AttachmentId,
    string? AttachmentName,
    IHtmlContent TitleHtml,
    IHtmlContent Snippet,
    double Rank)
{
    /// <summary>The item on the public meeting page.</summary>
    public string Url => $"/moeder/{MeetingId}#punkt-{ItemNumber}";

    public string? AttachmentUrl => AttachmentId is int id && AttachmentName is not null
        ? $"/bilag/{id}/{Uri.EscapeDataString(AttachmentName)}"
        : null;
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
    /// PostgreSQL ranks at most this many matches of a query, the newest; matches beyond them follow by date. Every
    /// match is still found and counted. (SQLite's FTS5 ranks all matches at little cost.)
    /// </summary>
    public const int RankedCandidates = 500;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct = default)
    {
        var terms = DanishText.QueryTerms(request.Query);
        if (terms.Count == 0) return SearchResults.Empty(terms);
        var page = Math.Clamp(request.Page, 1, MaxPage);

        var (count, ranked) = Queries(terms, request, PageSize, (page - 1) * PageSize);
        // One statement ranks the page, counts all matches (COUNT(*) OVER ()) and brings the rows shown with their
        // meeting, body and attachment: one round trip, no second query for the 20 rows.
        var rows = await db.Database.SqlQuery<HitRow>(ranked).ToListAsync(ct);
        var total = rows.Count > 0
            ? (int)rows[0].Total
            : page == 1 ? 0 : (int)(await db.Database.SqlQuery<long>(count).ToListAsync(ct)).Single();
        if (rows.Count == 0) return new SearchResults(terms, total, page, []);

        var hits = new List<SearchHit>();
        foreach (var row in rows)
        {
            // The index never holds closed items or drafts; checked again here in case it lags behind a change.
            if (row.IsClosed || row.State == (int)MeetingState.Draft) continue;
            hits.Add(new SearchHit(
                row.MeetingId, row.MeetingTitle, row.BodyName, row.StartsAt, row.ItemNumber, row.ItemTitle, (SearchSection)row.Section,
                row.AttachmentId, row.AttachmentName,
                Highlighter.Highlight(row.ItemTitle, terms),
                Highlighter.Snippet(row.Text, terms),
                row.Rank));
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
            var from = $"FROM \"SearchEntries\" e WHERE e.\"Document\" @@ to_tsquery('simple', {q}){filters}";
            count = $"SELECT COUNT(*) AS \"Value\" {from}";
            // Ranking reads and unpacks each row's tsvector (ts_rank): for a broad word («kommune» is in half of all
            // entries) that was 40–60 ms, most of the search. So the index finds the matches (ids and dates only,
            // counted in the same pass), and only the newest RankedCandidates of them are ranked; the rest follow
            // by date. A query with fewer matches than that (nearly all) is ranked in full, as before.
            // The planner prices a sequential scan by pages, not by the cost of unpacking every row's tsvector: for a
            // word in a tenth of all rows it picks the scan, several times slower than the GIN index. So the index
            // is asked for, for this statement only (SET and RESET travel in the same batch, one round trip; a
            // connection that failed in between is reset by the pool).
            var matches = $"SELECT e.\"Id\", e.\"MeetingStartsAt\", COUNT(*) OVER () AS \"Total\" {from}";
            var select = skip + take <= RankedCandidates
                // The newest RankedCandidates matches (and the count, in the same pass), ranked; the page from them.
                ? $"SELECT r.\"Id\", CAST(ts_rank(r.\"Document\", to_tsquery('simple', {q}), 1) AS double precision) AS \"Rank\", t.\"Total\" " +
                  $"FROM ({matches} ORDER BY e.\"MeetingStartsAt\" DESC, e.\"Id\" DESC LIMIT {P(RankedCandidates)}) t " +
                  "JOIN \"SearchEntries\" r ON r.\"Id\" = t.\"Id\" " +
                  $"ORDER BY \"Rank\" DESC, t.\"MeetingStartsAt\" DESC, t.\"Id\" DESC LIMIT {P(take)} OFFSET {P(skip)}"
                // Past them (RankedCandidates is a multiple of PageSize, so no page straddles): by date.
                : $"SELECT t.\"Id\", CAST(0 AS double precision) AS \"Rank\", t.\"Total\" FROM ({matches}) t " +
                  $"ORDER BY t.\"MeetingStartsAt\" DESC, t.\"Id\" DESC LIMIT {P(take)} OFFSET {P(skip)}";
            ranked = $"SET enable_seqscan = off; {WithRows(select)} ORDER BY k.\"Rank\" DESC, e.\"MeetingStartsAt\" DESC, k.\"Id\" DESC; RESET enable_seqscan";
        }
        else if (db.Database.IsSqlite())
        {
            // e.g. "botilbud"* AND "billund"*  (rank is FTS5's bm25: lower is better)
            var match = string.Join(" AND ", terms.Select(t => $"\"{t.Replace("\"", "\"\"")}\"*"));
            var from = filters.Length == 0
                ? $"FROM \"SearchEntriesFts\" f WHERE \"SearchEntriesFts\" MATCH {P(match)}"
                : $"FROM \"SearchEntriesFts\" f JOIN \"SearchEntries\" e ON e.\"Id\" = f.rowid WHERE \"SearchEntriesFts\" MATCH {P(match)}{filters}";
            count = $"SELECT COUNT(*) AS \"Value\" {from}";
            ranked = WithRows($"SELECT f.rowid AS \"Id\", f.rank AS \"Rank\", COUNT(*) OVER () AS \"Total\" {from} ORDER BY f.rank LIMIT {P(take)} OFFSET {P(skip)}") +
                     " ORDER BY k.\"Rank\", k.\"Id\"";
        }
        else
        {
            throw new NotSupportedException($"Search does not support the database provider {db.Database.ProviderName}.");
        }
        var values = args.ToArray();
        return (Sql(count, values), Sql(ranked, values));
    }

    /// <summary>The page of ranked ids (<paramref name="ranked"/>) joined to what a hit shows.</summary>
    private static string WithRows(string ranked) =>
        "SELECT k.\"Id\", k.\"Rank\", k.\"Total\", e.\"MeetingId\", e.\"AttachmentId\", e.\"Section\", e.\"ItemNumber\", " +
        "e.\"ItemTitle\", e.\"Text\", m.\"Title\" AS \"MeetingTitle\", m.\"StartsAt\", m.\"State\", i.\"IsClosed\", " +
        "b.\"Name\" AS \"BodyName\", a.\"FileName\" AS \"AttachmentName\" " +
        $"FROM ({ranked}) k " +
        "JOIN \"SearchEntries\" e ON e.\"Id\" = k.\"Id\" " +
        "JOIN \"AgendaItems\" i ON i.\"Id\" = e.\"AgendaItemId\" " +
        "JOIN \"Meetings\" m ON m.\"Id\" = i.\"MeetingId\" " +
        "JOIN \"Bodies\" b ON b.\"Id\" = m.\"BodyId\" " +
        "LEFT JOIN \"Attachments\" a ON a.\"Id\" = e.\"AttachmentId\"";

    private static FormattableString Sql(string format, object[] args) => FormattableStringFactory.Create(format, args);

    /// <summary>One row of the ranked query: a hit and what it shows.</summary>
    internal sealed class HitRow
    {
        public int Id { get; set; }
        public double Rank { get; set; }
        public long Total { get; set; }
        public int MeetingId { get; set; }
        public int? AttachmentId { get; set; }
        public int Section { get; set; }
        public int ItemNumber { get; set; }
        public string ItemTitle { get; set; } = "";
        public string Text { get; set; } = "";
        public string MeetingTitle { get; set; } = "";
        public DateTime StartsAt { get; set; }
        public int State { get; set; }
        public bool IsClosed { get; set; }
        public string BodyName { get; set; } = "";
        public string? AttachmentName { get; set; }
    }
}
