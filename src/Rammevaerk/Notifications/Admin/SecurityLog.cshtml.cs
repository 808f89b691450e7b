using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Notifications.Admin;

/// <summary>
/// /sekretariat/sikkerhedslog?fra=…&amp;til=…&amp;haendelse=…&amp;bruger=…&amp;soeg=…&amp;side=2: the security log
/// (<see cref="AuditLog"/>), newest first, 50 a page, filtered by period, event, user and free text; the same filter
/// as xlsx from /sekretariat/sikkerhedslog.xlsx. Read-only: the app has no way to change an entry.
/// </summary>
public sealed class SecurityLogModel(AppDb db) : PageModel
{
    public const int PageSize = 50;

    public List<AuditEntry> Entries { get; private set; } = [];
    public List<string> Actions { get; private set; } = [];
    public SecurityLogFilter Filter { get; private set; } = new(null, null, null, null, null);
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync(string? fra, string? til, string? haendelse, string? bruger, string? soeg, string? side, CancellationToken ct)
    {
        Filter = SecurityLogFilter.Parse(fra, til, haendelse, bruger, soeg);
        var query = Filter.Apply(db.AuditLog.AsNoTracking());
        Total = await query.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(side, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? Math.Min(p, PageCount) : 1;
        Entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Actions = SecurityEvents.All.Union(await db.AuditLog.Select(e => e.Action).Distinct().ToListAsync(ct))
            .Order(StringComparer.Create(Danish.Culture, true)).ToList();
    }

    public string PageLink(int page) => "/sekretariat/sikkerhedslog" + Filter.Query(("side", page.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>The security log's filter, read from the query string (dates as the date field sends them, Danish days).</summary>
public sealed record SecurityLogFilter(DateOnly? From, DateOnly? To, string? Action, string? User, string? Text)
{
    public const int TextLength = 200;

    /// <summary>Set when a date could not be read, for the message at the field.</summary>
    public string? DateProblem { get; init; }

    public static SecurityLogFilter Parse(string? from, string? to, string? action, string? user, string? text)
    {
        static DateOnly? Date(string? s) => Bodies.Admin.AdminForms.ParseDate(s);
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim() is { Length: > TextLength } t ? t[..TextLength] : s.Trim();
        var (f, t) = (Date(from), Date(to));
        var problem = (!string.IsNullOrWhiteSpace(from) && f is null) || (!string.IsNullOrWhiteSpace(to) && t is null)
            ? "Datoen kunne ikke læses. Skriv den som 1.3.2026 eller vælg den i kalenderen." : null;
        return new SecurityLogFilter(f, t, Clean(action), Clean(user), Clean(text)) { DateProblem = problem };
    }

    /// <summary>The entries that match; days are Danish days (from midnight to midnight in Copenhagen).</summary>
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query)
    {
        if (From is DateOnly f)
        {
            var start = Danish.ToUtc(f.ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.At >= start);
        }
        if (To is DateOnly t)
        {
            var end = Danish.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.At < end);
        }
        if (Action is { } a) query = query.Where(e => e.Action == a);
        if (User is { } u)
        {
            var pattern = $"%{Escape(u.ToLowerInvariant())}%";
            query = query.Where(e => (e.UserName != null && EF.Functions.Like(e.UserName.ToLower(), pattern, "\\"))
                || (e.Detail != null && EF.Functions.Like(e.Detail.ToLower(), pattern, "\\")));
        }
        if (Text is { } x)
        {
            var pattern = $"%{Escape(x.ToLowerInvariant())}%";
            query = query.Where(e => (e.Detail != null && EF.Functions.Like(e.Detail.ToLower(), pattern, "\\"))
                || (e.Path != null && EF.Functions.Like(e.Path.ToLower(), pattern, "\\"))
                || (e.IpAddress != null && EF.Functions.Like(e.IpAddress, pattern, "\\")));
        }
        return query;
    }

    /// <summary>The filter as a query string, plus extra pairs.</summary>
    public string Query(params (string Key, string Value)[] extra)
    {
        var pairs = new List<(string, string?)>
        {
            ("fra", From is DateOnly f ? Bodies.Admin.AdminForms.DateValue(f) : null),
            ("til", To is DateOnly t ? Bodies.Admin.AdminForms.DateValue(t) : null),
            ("haendelse", Action), ("bruger", User), ("soeg", Text),
        };
        pairs.AddRange(extra.Select(e => (e.Key, (string?)e.Value)));
        var parts = pairs.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
