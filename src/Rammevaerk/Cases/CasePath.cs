using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Cases;

/// <summary>One step of a case's path: an item at a meeting in Rammeværk, or a step at a body outside it.</summary>
public sealed record PathStep(
    DateTime SortAt, string Body, string Date, int? MeetingId, int? ItemId, int? ItemNumber, string? ItemTitle,
    string? Asked, string? Outcome, string? Link, bool Closed, bool Outside, bool Draft = false, int? OutsideStepId = null)
{
    /// <summary>Where the public reads the step: the item on its meeting page, or that body's own minutes.</summary>
    public string? Href => MeetingId is int m ? ItemNumber is int n ? $"/moeder/{m}#punkt-{n}" : $"/moeder/{m}" : Link;
}

/// <summary>A case's path as one reader may see it, oldest step first.</summary>
public sealed record CasePathView(int CaseId, string Title, List<PathStep> Steps);

/// <summary>
/// Builds the path (Sagsforløb). For the public, items come from the meetings' public copies (<c>PublishedItems</c>:
/// number, title, closed, the decision as published), never from the secretariat's working copy, so an item not yet
/// published is not there and a decision is shown only as the published minutes carry it (the rule of issue 12);
/// until then the step says what stage the meeting is at. A closed item shows only body and date, and so does an
/// outside step unless <see cref="ShownInFull"/>.
/// </summary>
public static class CasePath
{
    public const int OutcomeLength = 240;

    private sealed record ItemRow(int CaseId, int Id, int Number, string Title, bool IsClosed, string? Decision,
        int MeetingId, string Body, DateTime StartsAt, MeetingState State);

    public static async Task<Dictionary<int, CasePathView>> ForPublicAsync(AppDb db, IReadOnlyCollection<int> caseIds, CancellationToken ct = default) =>
        await LoadAsync(db, caseIds, forPublic: true, ct);

    /// <summary>For the public meeting page: the path of each item whose case has been anywhere else, by item id.</summary>
    public static async Task<IReadOnlyDictionary<int, CasePathView>> ForItemsAsync(AppDb db, int meetingId, CancellationToken ct = default)
    {
        var items = await (from p in db.PublishedItems.AsNoTracking()
                           join i in db.AgendaItems on p.Id equals i.Id
                           where p.MeetingId == meetingId
                           select new { p.Id, i.CaseId }).ToListAsync(ct);
        var paths = await ForPublicAsync(db, items.Select(i => i.CaseId).ToList(), ct);
        return items.Where(i => paths.TryGetValue(i.CaseId, out var p) && p.Steps.Count > 1)
            .ToDictionary(i => i.Id, i => paths[i.CaseId]);
    }

    public static async Task<CasePathView?> ForSecretariatAsync(AppDb db, int caseId, CancellationToken ct = default) =>
        (await LoadAsync(db, [caseId], forPublic: false, ct)).GetValueOrDefault(caseId);

    private static async Task<Dictionary<int, CasePathView>> LoadAsync(AppDb db, IReadOnlyCollection<int> caseIds, bool forPublic, CancellationToken ct)
    {
        var ids = caseIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var titles = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var items = forPublic
            ? await (from p in db.PublishedItems.AsNoTracking()
                     join i in db.AgendaItems on p.Id equals i.Id
                     where ids.Contains(i.CaseId) && i.Meeting.State != MeetingState.Draft
                     select new ItemRow(i.CaseId, p.Id, p.Number, p.Title, p.IsClosed, p.Decision, p.MeetingId, i.Meeting.Body.Name, i.Meeting.StartsAt, i.Meeting.State))
                .ToListAsync(ct)
            : await db.AgendaItems.AsNoTracking()
                .Where(i => ids.Contains(i.CaseId))
                .Select(i => new ItemRow(i.CaseId, i.Id, i.Number, i.Title, i.IsClosed, i.Decision, i.MeetingId, i.Meeting.Body.Name, i.Meeting.StartsAt, i.Meeting.State))
                .ToListAsync(ct);
        var outside = await db.OutsideSteps.AsNoTracking().Where(s => ids.Contains(s.CaseId)).ToListAsync(ct);
        var openSources = forPublic ? await PublicOpenSourcesAsync(db, outside, ct) : new HashSet<int>();
        return titles.ToDictionary(t => t.Key, t => new CasePathView(t.Key, t.Value,
            items.Where(i => i.CaseId == t.Key).Select(i => ItemStep(i, forPublic))
                .Concat(outside.Where(s => s.CaseId == t.Key).Select(s => OutsideStep(s, forPublic && !ShownInFull(s, openSources))))
                .OrderBy(s => s.SortAt).ThenBy(s => s.ItemNumber).ToList()));
    }

    /// <summary>
    /// Whether the public may read an outside step's text (what was asked, the outcome, the link), or only its body and
    /// date: not when the step is closed, when it was sent on from an item that is closed or not public (in the
    /// working copy or the public copy), or when its text holds a CPR number (refused when saved; this keeps a step
    /// saved before that rule off the public site too). <paramref name="openSources"/>: the public, open items of
    /// <see cref="PublicOpenSourcesAsync"/>.
    /// </summary>
    public static bool ShownInFull(OutsideStep s, IReadOnlySet<int> openSources) =>
        !s.IsClosed
        && (s.SentFromItemId is not int from || openSources.Contains(from))
        && !CprNumbers.Contains(s.Body) && !CprNumbers.Contains(s.Asked) && !CprNumbers.Contains(s.Outcome) && !CprNumbers.Contains(s.Link);

    /// <summary>The outside body's name as the public may read it (a CPR number in it, from before the rule, is masked).</summary>
    public static string PublicBody(OutsideStep s) => CprNumbers.Contains(s.Body) ? CprNumbers.Redact(s.Body) : s.Body;

    /// <summary>The items the steps were sent on from that are public and open, in the public copy and the working copy.</summary>
    public static async Task<IReadOnlySet<int>> PublicOpenSourcesAsync(AppDb db, IEnumerable<OutsideStep> steps, CancellationToken ct)
    {
        var sources = steps.Where(s => s.SentFromItemId is not null).Select(s => s.SentFromItemId!.Value).Distinct().ToList();
        if (sources.Count == 0) return new HashSet<int>();
        return (await (from p in db.PublishedItems.AsNoTracking()
                       join i in db.AgendaItems on p.Id equals i.Id
                       where sources.Contains(p.Id) && !p.IsClosed && !i.IsClosed
                       select p.Id).ToListAsync(ct)).ToHashSet();
    }

    private static PathStep ItemStep(ItemRow i, bool forPublic)
    {
        var date = Danish.Date(i.StartsAt);
        if (forPublic && i.IsClosed)
            return new PathStep(i.StartsAt, i.Body, date, i.MeetingId, null, null, null, null, null, null, Closed: true, Outside: false);
        var outcome = i.State == MeetingState.MinutesPublished || !forPublic
            ? Shorten(i.Decision) ?? (i.State == MeetingState.MinutesPublished ? "Ingen beslutning skrevet" : null)
            : null;
        outcome ??= i.State == MeetingState.Draft ? "Kladde – dagsorden ikke udgivet" : "På dagsordenen – referat ikke udgivet";
        return new PathStep(i.StartsAt, i.Body, date, i.MeetingId, i.Id, i.Number, i.Title, null, outcome, null,
            i.IsClosed, Outside: false, Draft: i.State == MeetingState.Draft);
    }

    /// <param name="onlyBodyAndDate">For the public when the step is not <see cref="ShownInFull"/>.</param>
    private static PathStep OutsideStep(OutsideStep s, bool onlyBodyAndDate)
    {
        var at = Danish.ToUtc(s.Date.ToDateTime(new TimeOnly(12, 0)));
        var date = s.Date.ToString("d. MMMM yyyy", Danish.Culture);
        if (onlyBodyAndDate)
            return new PathStep(at, PublicBody(s), date, null, null, null, null, null, null, null, Closed: true, Outside: true, OutsideStepId: s.Id);
        return new PathStep(at, s.Body, date, null, null, null, null, s.Asked, s.Outcome ?? "Afventer", s.Link, s.IsClosed, Outside: true, OutsideStepId: s.Id);
    }

    /// <summary>The decision's first lines as plain text, for a one-line outcome; the item holds the whole text.</summary>
    public static string? Shorten(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return null;
        var text = string.Join(" ", markdown.ReplaceLineEndings("\n").Split('\n')
            .Select(l => l.Trim().TrimStart('-', '*', '#', '>', ' ').Trim()).Where(l => l.Length > 0));
        text = text.Replace("**", "").Replace("__", "");
        if (text.Length <= OutcomeLength) return text;
        var cut = text.LastIndexOf(' ', OutcomeLength);
        return text[..(cut > 0 ? cut : OutcomeLength)].TrimEnd(',', '.', ';') + " …";
    }
}
