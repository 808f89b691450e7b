using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Publishing;

namespace Rammevaerk.Search;

/// <summary>
/// /soeg?q=…&amp;udvalg=slug&amp;aar=2025&amp;afsnit=beslutning&amp;side=2: search in the public archive. Every parameter is
/// read as plain text and checked here, so that no input, however long or strange, gives anything but a result page.
/// </summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
[ReadsQuery("q", "udvalg", "aar", "afsnit", "side")]
public sealed class IndexModel(AppDb db, ArchiveSearch search) : PageModel
{
    /// <summary>The query as shown back to the reader.</summary>
    public const int MaxShownQuery = 200;

    public sealed record BodyOption(int Id, string Slug, string Name);

    public string Query { get; private set; } = "";
    public string? BodySlug { get; private set; }
    public int? Year { get; private set; }
    public string? SectionSlug { get; private set; }
    public List<BodyOption> Bodies { get; private set; } = [];
    public List<int> Years { get; private set; } = [];
    public SearchResults? Results { get; private set; }

    /// <summary>True when the reader typed something, but nothing that can be searched (symbols, only common words).</summary>
    public bool NothingToSearch { get; private set; }

    public string ShownQuery => Query.Length <= MaxShownQuery ? Query : Query[..MaxShownQuery] + "…";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = Request.Query;
        Query = (First(q["q"]) ?? "").Trim();
        if (Query.Length > DanishText.MaxQueryLength) Query = Query[..DanishText.MaxQueryLength];

        Bodies = await db.Bodies.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new BodyOption(b.Id, b.Slug, b.Name)).ToListAsync(ct);
        var starts = await db.Meetings.Where(m => m.State != Meetings.MeetingState.Draft).Select(m => m.StartsAt).ToListAsync(ct);
        Years = starts.Select(s => Shared.Danish.ToLocal(s).Year).Distinct().OrderByDescending(y => y).ToList();

        var bodySlug = First(q["udvalg"])?.Trim();
        var body = Bodies.FirstOrDefault(b => string.Equals(b.Slug, bodySlug, StringComparison.OrdinalIgnoreCase));
        BodySlug = body?.Slug;

        Year = int.TryParse(First(q["aar"]), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 9999 ? y : null;
        var section = SearchModule.FromSlug(First(q["afsnit"]));
        SectionSlug = section is null ? null : SearchModule.Sections.First(s => s.Section == section).Slug;
        var page = int.TryParse(First(q["side"]), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1;

        if (Query.Length == 0) return;
        var terms = DanishText.QueryTerms(Query);
        if (terms.Count == 0)
        {
            NothingToSearch = true;
            return;
        }
        Results = await search.SearchAsync(new SearchRequest(Query, body?.Id, Year, section, page), ct);
    }

    /// <summary>The link to another page of the same search.</summary>
    public string PageUrl(int page)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Query) };
        if (BodySlug is not null) parts.Add("udvalg=" + Uri.EscapeDataString(BodySlug));
        if (Year is int y) parts.Add("aar=" + y.ToString(CultureInfo.InvariantCulture));
        if (SectionSlug is not null) parts.Add("afsnit=" + SectionSlug);
        if (page > 1) parts.Add("side=" + page.ToString(CultureInfo.InvariantCulture));
        return "/soeg?" + string.Join("&", parts);
    }

    private static string? First(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values[0];
}
