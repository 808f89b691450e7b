using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.OParl;

public sealed record OParlPaper : OParlObject
{
    public required string Body { get; init; }
    public required string Name { get; init; }
    public string? Reference { get; init; }
    public string? Date { get; init; }
    public string? PaperType { get; init; }
    public required IReadOnlyList<OParlConsultation> Consultation { get; init; }
}

public sealed record OParlConsultation : OParlObject
{
    public string? Paper { get; init; }
    public string? AgendaItem { get; init; }
    public string? Meeting { get; init; }
    public IReadOnlyList<string>? Organization { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<string>? Keyword { get; init; }
}

/// <summary>
/// Cases as OParl Papers, each with its Consultations: one per item in a published meeting's public copy (pointing at
/// the agenda item and the meeting; a closed item's consultation names only the meeting and the body, as the public
/// page does) and one per step at a body outside Rammeværk (that body named in role and keyword, its minutes as web;
/// only body and date unless <see cref="Cases.CasePath.ShownInFull"/>). A case exists here once one of its items is
/// in a published meeting's public copy.
/// </summary>
public sealed class OParlPapers(AppDb db)
{
    public const string PaperType = "Sag";

    private sealed record ItemRow(int CaseId, int ItemId, int Number, string Title, bool IsClosed, int MeetingId, int BodyId, DateTime StartsAt,
        DateTime CreatedAt, DateTime? AgendaPublishedAt, DateTime? MinutesPublishedAt, DateTime? ChangedAt)
    {
        public DateTime Created => PublicTimes.Created(CreatedAt, AgendaPublishedAt);
        public DateTime Modified => PublicTimes.Modified(CreatedAt, AgendaPublishedAt, MinutesPublishedAt, ChangedAt);
    }

    private sealed record Built(OParlPaper Paper, DateTime Created, DateTime Modified, List<(OParlConsultation Value, DateTime Created, DateTime Modified)> Consultations);

    public async Task<OParlPaper?> PaperAsync(OParlUrls urls, int caseId, CancellationToken ct) =>
        (await BuildAsync(urls, caseId, ct)).GetValueOrDefault(caseId)?.Paper;

    public async Task<OParlList> PapersAsync(OParlUrls urls, ListQuery query, CancellationToken ct)
    {
        var all = (await BuildAsync(urls, null, ct)).OrderBy(p => p.Key).Select(p => p.Value);
        var page = query.Slice(all, b => b.Created, b => b.Modified, urls.BodyList("paper"));
        return page with { Data = page.Data.Cast<Built>().Select(b => (object)b.Paper).ToList() };
    }

    public async Task<OParlConsultation?> ConsultationAsync(OParlUrls urls, int itemId, CancellationToken ct)
    {
        var caseId = await db.AgendaItems.Where(i => i.Id == itemId).Select(i => (int?)i.CaseId).SingleOrDefaultAsync(ct);
        if (caseId is null) return null;
        return (await BuildAsync(urls, caseId, ct)).GetValueOrDefault(caseId.Value)?.Paper.Consultation
            .FirstOrDefault(c => c.Id == urls.Consultation(itemId)) is { } c ? c with { Paper = urls.Paper(caseId.Value) } : null;
    }

    public async Task<OParlConsultation?> OutsideConsultationAsync(OParlUrls urls, int stepId, CancellationToken ct)
    {
        var caseId = await db.OutsideSteps.Where(s => s.Id == stepId).Select(s => (int?)s.CaseId).SingleOrDefaultAsync(ct);
        if (caseId is null) return null;
        return (await BuildAsync(urls, caseId, ct)).GetValueOrDefault(caseId.Value)?.Paper.Consultation
            .FirstOrDefault(c => c.Id == urls.OutsideConsultation(stepId)) is { } c ? c with { Paper = urls.Paper(caseId.Value) } : null;
    }

    public async Task<OParlList> ConsultationsAsync(OParlUrls urls, ListQuery query, CancellationToken ct)
    {
        var all = (await BuildAsync(urls, null, ct)).OrderBy(p => p.Key)
            .SelectMany(p => p.Value.Consultations.Select(c => new Built(p.Value.Paper, c.Created, c.Modified, [(c.Value with { Paper = p.Value.Paper.Id }, c.Created, c.Modified)])));
        var page = query.Slice(all, c => c.Created, c => c.Modified, urls.BodyList("consultation"));
        return page with { Data = page.Data.Cast<Built>().Select(b => (object)b.Consultations[0].Value).ToList() };
    }

    private async Task<Dictionary<int, Built>> BuildAsync(OParlUrls urls, int? onlyCase, CancellationToken ct)
    {
        // The items as published (the meetings' public copies), never the secretariat's working copy: an item added
        // or sent on to a published meeting is not public until that meeting is published again.
        var items = await (from p in db.PublishedItems.AsNoTracking()
                           join i in db.AgendaItems on p.Id equals i.Id
                           where i.Meeting.State != MeetingState.Draft && (onlyCase == null || i.CaseId == onlyCase)
                           select new ItemRow(i.CaseId, p.Id, p.Number, p.Title, p.IsClosed, p.MeetingId, i.Meeting.BodyId, i.Meeting.StartsAt,
                               i.Meeting.CreatedAt, i.Meeting.AgendaPublishedAt, i.Meeting.MinutesPublishedAt, i.Meeting.ChangedAfterPublicationAt))
            .ToListAsync(ct);
        var titles = await db.Cases.AsNoTracking().Where(c => onlyCase == null ? true : c.Id == onlyCase)
            .Select(c => new { c.Id }).ToListAsync(ct);
        var outsideRows = await db.OutsideSteps.AsNoTracking().Where(s => onlyCase == null || s.CaseId == onlyCase).ToListAsync(ct);
        var openSources = await Cases.CasePath.PublicOpenSourcesAsync(db, outsideRows, ct);
        var outside = outsideRows.ToLookup(s => s.CaseId);
        var byCase = items.ToLookup(i => i.CaseId);
        var result = new Dictionary<int, Built>();
        foreach (var c in titles.Where(t => byCase[t.Id].Any()))
        {
            var own = byCase[c.Id].OrderBy(i => i.StartsAt).ThenBy(i => i.Number).ToList();
            var consultations = own.Select(i => (Value: new OParlConsultation
            {
                Id = urls.Consultation(i.ItemId), Paper = null,
                AgendaItem = i.IsClosed ? null : urls.AgendaItem(i.ItemId), Meeting = urls.Meeting(i.MeetingId),
                Organization = [urls.Organization(i.BodyId)], Role = i.IsClosed ? "Lukket punkt" : "Behandling",
                Created = PublicTimes.Iso(i.Created), Modified = PublicTimes.Iso(i.Modified),
                Web = i.IsClosed ? urls.MeetingPage(i.MeetingId) : urls.ItemPage(i.MeetingId, i.Number),
            }, i.Created, i.Modified)).ToList();
            foreach (var s in outside[c.Id].OrderBy(s => s.Date).ThenBy(s => s.Id))
            {
                // The same rule as the public Sagsforløb: only body and date unless the step may be read in full.
                var date = s.Date.ToString("d. MMMM yyyy", Shared.Danish.Culture);
                var full = Cases.CasePath.ShownInFull(s, openSources);
                var body = Cases.CasePath.PublicBody(s);
                consultations.Add((new OParlConsultation
                {
                    Id = urls.OutsideConsultation(s.Id), Role = full ? $"{body}, {date}: {s.Asked}" : $"{body}, {date}",
                    Keyword = [body], Created = PublicTimes.Iso(s.CreatedAt), Modified = PublicTimes.Iso(s.UpdatedAt),
                    Web = full ? s.Link : null,
                }, s.CreatedAt, s.UpdatedAt));
            }
            var created = own.Min(i => i.Created);
            var modified = own.Max(i => i.Modified);
            foreach (var s in outside[c.Id]) modified = PublicTimes.Max(modified, s.UpdatedAt);
            var first = own[0];
            result[c.Id] = new Built(new OParlPaper
            {
                // Named as its first item was published, not by the case's own title: that was taken from the
                // item when it was made, before any check, and may differ from what was published.
                Id = urls.Paper(c.Id), Body = urls.Body, Name = first.Title, Reference = $"Sag {c.Id}",
                Date = PublicTimes.Date(DateOnly.FromDateTime(Shared.Danish.ToLocal(first.StartsAt))), PaperType = PaperType,
                Consultation = consultations.Select(x => x.Value).ToList(),
                Created = PublicTimes.Iso(created), Modified = PublicTimes.Iso(modified),
                Web = first.IsClosed ? urls.MeetingPage(first.MeetingId) : urls.ItemPage(first.MeetingId, first.Number),
            }, created, modified, consultations);
        }
        return result;
    }
}
