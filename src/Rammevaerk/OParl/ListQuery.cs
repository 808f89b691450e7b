using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Rammevaerk.Shared;

namespace Rammevaerk.OParl;

/// <summary>
/// The URL parameters of an OParl external list (spec 2.5 "Objektlisten und Paginierung"): <c>page</c>, the
/// client's wish <c>elementsPerPage</c> (honoured up to the server's page size), and the filters
/// <c>created_since</c>, <c>created_until</c>, <c>modified_since</c>, <c>modified_until</c> (inclusive; a date-time
/// with offset or Z, a time without one is Danish time). Links to other pages keep every filter.
/// </summary>
public sealed record ListQuery(
    int Page,
    int ElementsPerPage,
    DateTime? CreatedSince,
    DateTime? CreatedUntil,
    DateTime? ModifiedSince,
    DateTime? ModifiedUntil,
    IReadOnlyDictionary<string, string> Kept)
{
    public const string PageParameter = "page";
    public const string ElementsPerPageParameter = "elementsPerPage";
    private static readonly string[] Filters = ["created_since", "created_until", "modified_since", "modified_until"];

    /// <summary>Every parameter a list reads (the public cache varies by these and no other).</summary>
    public static readonly string[] Keys = [PageParameter, ElementsPerPageParameter, .. Filters];

    public int Skip => (Page - 1) * ElementsPerPage;

    /// <summary>Reads the parameters; a Danish message instead when one is malformed.</summary>
    public static ListQuery? Parse(IQueryCollection query, int pageSize, out string? error)
    {
        error = null;
        var kept = new Dictionary<string, string>();
        var page = 1;
        if (query.TryGetValue(PageParameter, out var p) && !(int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page >= 1))
        {
            error = "Parameteren page skal være et helt tal fra 1 og op.";
            return null;
        }
        var perPage = pageSize;
        if (query.TryGetValue(ElementsPerPageParameter, out var e))
        {
            if (!int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out var wanted) || wanted < 1)
            {
                error = "Parameteren elementsPerPage skal være et helt tal fra 1 og op.";
                return null;
            }
            perPage = Math.Min(wanted, pageSize);
            kept[ElementsPerPageParameter] = perPage.ToString(CultureInfo.InvariantCulture);
        }
        var instants = new DateTime?[Filters.Length];
        for (var i = 0; i < Filters.Length; i++)
        {
            if (!query.TryGetValue(Filters[i], out var raw)) continue;
            var text = raw.ToString();
            if (!TryParseInstant(text, out var instant))
            {
                error = $"Parameteren {Filters[i]} skal være et tidspunkt i ISO 8601-format, fx 2025-06-27T09:00:00+02:00.";
                return null;
            }
            instants[i] = instant;
            kept[Filters[i]] = text.Replace(' ', '+');
        }
        return new ListQuery(page, perPage, instants[0], instants[1], instants[2], instants[3], kept);
    }

    /// <summary>
    /// An ISO 8601 date-time; "Z" or an offset is honoured, none means Danish time. A '+' that arrived unencoded
    /// (and so became a space) is read as '+'.
    /// </summary>
    public static bool TryParseInstant(string text, out DateTime utc)
    {
        utc = default;
        text = text.Trim().Replace(' ', '+');
        if (text.Length is 0 or > 40) return false;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)) return false;
        try
        {
            utc = value.Kind switch
            {
                DateTimeKind.Utc => value,
                DateTimeKind.Local => value.ToUniversalTime(),
                _ => Danish.ToUtc(value),
            };
            return true;
        }
        catch (ArgumentException)
        {
            return false; // a local time that does not exist (the hour skipped in spring)
        }
    }

    public bool Matches(DateTime created, DateTime modified) =>
        (CreatedSince is not { } cs || created >= cs)
        && (CreatedUntil is not { } cu || created <= cu)
        && (ModifiedSince is not { } ms || modified >= ms)
        && (ModifiedUntil is not { } mu || modified <= mu);

    /// <summary>Filters and pages a list built in memory, in the order given (which must be stable).</summary>
    public OParlList Slice<T>(IEnumerable<T> all, Func<T, DateTime> created, Func<T, DateTime> modified, string listUrl)
        where T : notnull
    {
        var matching = all.Where(x => Matches(created(x), modified(x))).ToList();
        return Build(matching.Skip(Skip).Take(ElementsPerPage).Cast<object>().ToList(), matching.Count, listUrl);
    }

    /// <summary>One page of <paramref name="total"/> objects, with the pagination block and the links.</summary>
    public OParlList Build(IReadOnlyList<object> data, int total, string listUrl)
    {
        var totalPages = Math.Max(1, (total + ElementsPerPage - 1) / ElementsPerPage);
        var links = new OParlLinks
        {
            First = Link(listUrl, 1),
            Prev = Page > 1 ? Link(listUrl, Math.Min(Page - 1, totalPages)) : null,
            Self = Link(listUrl, Page),
            Next = Page < totalPages ? Link(listUrl, Page + 1) : null,
            Last = Link(listUrl, totalPages),
        };
        return new OParlList(data, new OParlPagination(total, ElementsPerPage, Page, totalPages), links);
    }

    private string Link(string listUrl, int page)
    {
        var parameters = new Dictionary<string, string?>(Kept.ToDictionary(k => k.Key, k => (string?)k.Value));
        if (page > 1) parameters[PageParameter] = page.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(listUrl, parameters);
    }
}
