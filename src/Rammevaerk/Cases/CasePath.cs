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
/// Builds the path (Sagsforløb). For the public: steps at draft meetings are left out; a closed item or closed
/// outside step shows only body and date; an item's decision is shown only when its meeting's minutes are published
/// (the rule of issue 12), until then the step says what stage the meeting is at.
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
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meetingId).Select(i => new { i.Id, i.CaseId }).ToListAsync(ct);
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
        var items = await db.AgendaItems.AsNoTracking()
            .Where(i => ids.Contains(i.CaseId))
            .Where(i => !forPublic || i.Meeting.State != MeetingState.Draft)
            .Select(i => new ItemRow(i.CaseId, i.Id, i.Number, i.Title, i.IsClosed, i.Decision, i.MeetingId, i.Meeting.Body.Name, i.Meeting.StartsAt, i.Meeting.State))
            .ToListAsync(ct);
        var outside = await db.OutsideSteps.AsNoTracking().Where(s => ids.Contains(s.CaseId)).ToListAsync(ct);
        return titles.ToDictionary(t => t.Key, t => new CasePathView(t.Key, t.Value,
            items.Where(i => i.CaseId == t.Key).Select(i => ItemStep(i, forPublic))
                .Concat(outside.Where(s => s.CaseId == t.Key).Select(s => OutsideStep(s, forPublic)))
                .OrderBy(s => s.SortAt).ThenBy(s => s.ItemNumber).ToList()));
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

    private static PathStep OutsideStep(OutsideStep s, bool forPublic)
    {
        var at = Danish.ToUtc(s.Date.ToDateTime(new TimeOnly(12, 0)));
        var date = s.Date.ToString("d. MMMM yyyy", Danish.Culture);
        if (forPublic && s.IsClosed)
            return new PathStep(at, s.Body, date, null, null, null, null, null, null, null, Closed: true, Outside: true, OutsideStepId: s.Id);
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
