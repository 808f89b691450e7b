using Microsoft.EntityFrameworkCore;
using Rammevaerk.Cases;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Demo;

/// <summary>
/// The seeds' own cases that travelled. Seed 001 item 6 was prepared at Forretningsudvalget's meeting of 10 June 2025
/// as three separate items ("Denne sag var på Forretningsudvalget delt op i tre forskellige sager") and item 20 reports
/// that meeting's choice of representative; item 11 "videresender sagen til behandling i K22 og KKR Syddanmark"
/// (20 August and 3 September 2025). Seed 000's items that open "Forretningsudvalget indstiller til
/// Socialdirektørforum" are traced back to a Forretningsudvalget meeting two weeks before (its date and the decision
/// wording are illustrative: the seeds say only that the committee recommended them). Idempotent.
/// </summary>
public sealed class DemoCases(AppDb db, MeetingLifecycle lifecycle, TimeProvider clock)
{
    private const string Demo = "demo";

    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (await db.OutsideSteps.AnyAsync(ct)) return;
        var fu = await db.Bodies.SingleOrDefaultAsync(b => b.Slug == "forretningsudvalget", ct);
        if (fu is null) return;
        var tenthOfJune = Danish.ToUtc(new DateTime(2025, 6, 10, 13, 0, 0));
        if (await db.Meetings.AnyAsync(m => m.BodyId == fu.Id && m.StartsAt == tenthOfJune, ct)) return;
        var june = await SeedItemsAsync(new DateOnly(2025, 6, 27), ct);
        var march = await SeedItemsAsync(new DateOnly(2024, 3, 22), ct);
        if (june.Count == 0 || march.Count == 0) return;

        if (june.TryGetValue(6, out var capacity))
        {
            var dialog = june.Values.FirstOrDefault(i => i.Title.Contains("Dialogforum", StringComparison.Ordinal));
            var items = new List<AgendaItem>
            {
                FuItem("Godkendelse af referat", null, "Det indstilles, at Forretningsudvalget\n\n- godkender referatet fra sidste møde.", "Referatet blev godkendt."),
                FuItem("Oprettelse af børn- og ungehjem i Vejen Kommune", capacity.CaseId,
                    "Det indstilles, at Forretningsudvalget\n\n- drøfter, om Socialdirektørforum skal afgive en udtalelse til Vejen Kommune.",
                    "Forretningsudvalget ønskede sagerne om ændringer i kapacitet samlet i én sag til Socialdirektørforum og indstiller, at Socialdirektørforum ikke afgiver en udtalelse."),
                FuItem("Lukning af pladser i Faaborg-Midtfyn Kommune", capacity.CaseId,
                    "Det indstilles, at Forretningsudvalget\n\n- drøfter, om Socialdirektørforum skal lave en fælleskommunal høring.",
                    "Forretningsudvalget ønskede sagerne samlet i én sag og indstiller, at Socialdirektørforum ikke laver en fælleskommunal høring."),
                FuItem("Ændring af kapacitet i Billund Kommune", capacity.CaseId,
                    "Det indstilles, at Forretningsudvalget\n\n- drøfter, om Socialdirektørforum skal lave en høring og/eller en udtalelse.",
                    "Forretningsudvalget ønskede sagerne samlet i én sag og indstiller, at Socialdirektørforum ikke laver en høring eller en udtalelse."),
            };
            if (dialog is not null)
            {
                items.Add(FuItem("Ny syddansk repræsentant til Dialogforum mellem Ankestyrelsen og kommunerne", dialog.CaseId,
                    "Det indstilles, at Forretningsudvalget\n\n- vælger en ny syddansk repræsentant, efter at Claus Fjeldgaard har fratrådt sin stilling i Varde Kommune.",
                    "Forretningsudvalget valgte Mogens Bak Hansen som den nye syddanske repræsentant. Socialdirektørforum orienteres på mødet den 27. juni 2025."));
            }
            items.Add(FuItem("Eventuelt", null, null, "Intet."));
            await AddFuMeetingAsync(fu.Id, Danish.ToLocal(tenthOfJune), items, ct);
        }

        if (june.TryGetValue(11, out var annual))
        {
            var asked = "Godkendelse af Fælleskommunalt Socialsekretariats årsrapport 2024, regnskab for 2024 og budget for 2026, efter godkendelse i Socialdirektørforum.";
            var now = clock.GetUtcNow().UtcDateTime;
            db.OutsideSteps.AddRange(
                new OutsideStep { CaseId = annual.CaseId, Date = new DateOnly(2025, 8, 20), Body = "K22", Asked = asked, SentFromItemId = annual.Id, CreatedAt = now, CreatedBy = Demo, UpdatedAt = now },
                new OutsideStep { CaseId = annual.CaseId, Date = new DateOnly(2025, 9, 3), Body = "KKR Syddanmark", Asked = asked, SentFromItemId = annual.Id, CreatedAt = now, CreatedBy = Demo, UpdatedAt = now });
            await db.SaveChangesAsync(ct);
        }

        var recommended = march.Values
            .Where(i => i.Recommendation is { } r && r.TrimStart().StartsWith("Forretningsudvalget indstille", StringComparison.OrdinalIgnoreCase))
            .Where(i => !i.Title.StartsWith("Godkendelse af referat", StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.Number).ToList();
        if (recommended.Count > 0)
        {
            var items = recommended.Select(i => FuItem(i.Title, i.CaseId,
                    "Det indstilles, at Forretningsudvalget\n\n- indstiller sagen til Socialdirektørforum som beskrevet i sagsfremstillingen.",
                    "Forretningsudvalget godkendte indstillingen, og sagen sendes videre til Socialdirektørforums møde den 22. marts 2024.",
                    i.Background))
                .Prepend(FuItem("Godkendelse af referat", null, "Det indstilles, at Forretningsudvalget\n\n- godkender referatet fra sidste møde.", "Referatet blev godkendt."))
                .Append(FuItem("Eventuelt", null, null, "Intet."))
                .ToList();
            await AddFuMeetingAsync(fu.Id, new DateTime(2024, 3, 7, 13, 0, 0), items, ct);
        }
    }

    private AgendaItem FuItem(string title, int? caseId, string? recommendation, string decision, string? background = null) => new()
    {
        Title = title, CaseId = caseId ?? 0, Recommendation = recommendation, Decision = decision, Background = background, UpdatedAt = clock.GetUtcNow().UtcDateTime,
    };

    private async Task AddFuMeetingAsync(int fuId, DateTime startsLocal, List<AgendaItem> items, CancellationToken ct)
    {
        for (var k = 0; k < items.Count; k++) items[k].Number = k + 1;
        var meeting = new Meeting
        {
            BodyId = fuId, Title = "Forretningsudvalgsmøde", Location = "Mødelokale 1, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)",
            StartsAt = Danish.ToUtc(startsLocal), EndsAt = Danish.ToUtc(startsLocal.AddHours(2)), CreatedAt = clock.GetUtcNow().UtcDateTime, Items = items,
        };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        await lifecycle.PublishAgendaAsync(meeting, Demo);
        await lifecycle.PublishMinutesAsync(meeting, Demo);
    }

    /// <summary>The items of Socialdirektørforum's imported meeting on that day, by number.</summary>
    private async Task<Dictionary<int, AgendaItem>> SeedItemsAsync(DateOnly day, CancellationToken ct)
    {
        var from = Danish.ToUtc(day.ToDateTime(TimeOnly.MinValue));
        var to = Danish.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        return await db.AgendaItems.AsNoTracking()
            .Where(i => i.Meeting.Body.Slug == "socialdirektoerforum" && i.Meeting.StartsAt >= from && i.Meeting.StartsAt < to)
            .ToDictionaryAsync(i => i.Number, ct);
    }
}
