using Microsoft.EntityFrameworkCore;
using Rammevaerk.AnnualCycle;
using Rammevaerk.Data;
using Rammevaerk.FollowUps;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Demo;

/// <summary>
/// The threads between meetings: open follow-ups from seed 001 (27 June 2025) — the Komponent analysis asked for at
/// the next meeting (item 9) and the letters on the closing of forsorgshjem (item 16: KL answered, the ministry's
/// answer is still awaited) — the annual cycle of Socialdirektørforum, and a published 2027 meeting plan.
/// Dates the seeds do not give (KL's answer, the ministry's answer deadline, the 2027 meetings) are illustrative.
/// Idempotent: each part loads only while its table is empty.
/// </summary>
public sealed class DemoThreads(AppDb db, TimeProvider clock)
{
    private const string Seed001 = "socialdirektoerforum/2025-06-27T09:00";

    public async Task LoadAsync(CancellationToken ct = default)
    {
        var sdf = await db.Bodies.SingleOrDefaultAsync(b => b.Slug == "socialdirektoerforum", ct);
        if (sdf is null) return;
        await LoadFollowUpsAsync(sdf.Id, ct);
        await LoadAnnualCycleAsync(sdf.Id, ct);
        await LoadMeetingPlanAsync(sdf.Id, ct);
    }

    private async Task LoadFollowUpsAsync(int sdfId, CancellationToken ct)
    {
        if (await db.FollowUps.AnyAsync(ct) || await db.Letters.AnyAsync(ct)) return;
        var items = await db.AgendaItems.Where(i => i.Meeting.ImportKey == Seed001).ToListAsync(ct);
        var komponent = items.FirstOrDefault(i => i.Title.StartsWith("Notater fra økonomisk arbejdsgruppe", StringComparison.Ordinal));
        var letters = items.FirstOrDefault(i => i.Title.StartsWith("Opfølgning på breve", StringComparison.Ordinal));
        var created = new DateTime(2025, 6, 30, 8, 0, 0, DateTimeKind.Utc);

        db.FollowUps.Add(new FollowUp
        {
            Title = "Sag om en mulig fremtidig Komponent-analyse",
            Description = "Der skal en sag på til næste møde omkring en mulig fremtidig Komponent-analyse med inspiration fra Esbjerg Kommune, hvor Komponent har forestået en uddybende analyse pba. den tværkommunale analyse.",
            SourceItemId = komponent?.Id, BodyId = sdfId, Owner = FollowUpOwner.Secretariat, DueNextMeeting = true,
            State = FollowUpState.Open, CreatedAt = created, UpdatedAt = created, CreatedBy = "demo",
        });
        var ministry = new FollowUp
        {
            Title = "Svar fra Social- og Boligministeriet om lukning af forsorgshjem",
            Description = "Brevet om lukning af forsorgshjem blev sendt til KL den 23. april 2025 og til Social- og Boligministeriet den 22. maj 2025. KL har svaret; ministeriets svar afventes.",
            SourceItemId = letters?.Id, BodyId = sdfId, Owner = FollowUpOwner.Secretariat, DueNextMeeting = true,
            State = FollowUpState.Open, CreatedAt = created, UpdatedAt = created, CreatedBy = "demo",
        };
        db.FollowUps.Add(ministry);
        await db.SaveChangesAsync(ct);

        db.Letters.AddRange(
            new Letter
            {
                FollowUpId = ministry.Id, SourceItemId = letters?.Id, Recipient = "KL", Subject = "Lukning af forsorgshjem",
                SentOn = new DateOnly(2025, 4, 23), AnswerExpected = true, AnswerReceivedOn = new DateOnly(2025, 6, 2),
                AnswerText = "KL kender til og er opmærksom på den nævnte problemstilling. Den er desværre ikke ny.\n\n"
                    + "KL er enig i, at det er uhensigtsmæssigt, at kommunerne er uden indflydelse i forhold til en lang række forhold på herbergsområdet. "
                    + "Det gælder fx i forhold til etableringen, serviceniveauet og taksterne. Derfor har KL presset på i lang tid for at få ændret reglerne på området.",
                CreatedAt = created, CreatedBy = "demo",
            },
            new Letter
            {
                FollowUpId = ministry.Id, SourceItemId = letters?.Id, Recipient = "Social- og Boligministeriet", Subject = "Lukning af forsorgshjem",
                SentOn = new DateOnly(2025, 5, 22), AnswerExpected = true, AnswerDueOn = new DateOnly(2025, 9, 1),
                CreatedAt = created, CreatedBy = "demo",
            });
        await db.SaveChangesAsync(ct);
    }

    private async Task LoadAnnualCycleAsync(int sdfId, CancellationToken ct)
    {
        if (await db.RecurringItems.AnyAsync(ct)) return;
        RecurringItem Item(int sort, string title, int month, int? toMonth, string background, string recommendation) => new()
        {
            Title = title, BodyId = sdfId, Month = month, ToMonth = toMonth, Background = background, Recommendation = recommendation,
            SortOrder = sort, Active = true,
        };
        db.RecurringItems.AddRange(
            Item(1, "Early warning: opsamling på kommunernes indberetninger", 5, 6,
                "Kommunerne indberetter til sekretariatet i maj/juni jf. årshjulet, hvoraf sekretariatet laver en opsamling til Socialdirektørforum.",
                "Det indstilles, at Socialdirektørforum\n\n- tager opsamlingen på early warning til efterretning."),
            Item(2, "Socialtilsyn Syds årsrapport og finansiering", 6, null,
                "Socialtilsyn Syd fremlægger årsrapporten for det forgangne år og finansieringen for det kommende år, som kommunerne i tilsynets område skal godkende.",
                "Det indstilles, at Socialdirektørforum\n\n1. drøfter finansieringsmodellen for Socialtilsyn Syd\n2. godkender Socialtilsyn Syds årsrapport og finansiering"),
            Item(3, "Socialsekretariatets årsrapport, regnskab og budget", 6, null,
                "Årsrapport og regnskab for det forgangne år og budget for det kommende år for Fælleskommunalt Socialsekretariat. Behandles efter godkendelse i Socialdirektørforum i Kommunaldirektørkredsen K22 og i KKR Syddanmark.",
                "Det indstilles, at Socialdirektørforum\n\n- godkender årsrapport, regnskab og budget."),
            Item(4, "Årlig status for den fælles anonyme stofbehandling", 6, null,
                "Årlig status for den fælles anonyme stofbehandling: gennemførte forløb fordelt på behandlingssted, år og hjemkommune.",
                "Det indstilles, at Socialdirektørforum\n\n- tager status til efterretning."),
            Item(5, "Mødeplan for næste år", 12, null,
                "Forslag til mødeplan for Socialdirektørforum for det kommende år.",
                "Det indstilles, at Socialdirektørforum\n\n- godkender mødeplanen."));
        await db.SaveChangesAsync(ct);
    }

    private async Task LoadMeetingPlanAsync(int sdfId, CancellationToken ct)
    {
        var from = Danish.ToUtc(new DateTime(2027, 1, 1));
        var to = Danish.ToUtc(new DateTime(2028, 1, 1));
        if (await db.Meetings.AnyAsync(m => m.BodyId == sdfId && m.StartsAt >= from && m.StartsAt < to, ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        const string place = "Byrådssalen, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)";
        foreach (var (month, day) in new[] { (3, 12), (6, 18), (9, 17), (12, 10) })
        {
            db.Meetings.Add(new Meeting
            {
                BodyId = sdfId, Title = "Møde i Socialdirektørforum", Location = place,
                StartsAt = Danish.ToUtc(new DateTime(2027, month, day, 9, 0, 0)), EndsAt = Danish.ToUtc(new DateTime(2027, month, day, 12, 0, 0)),
                State = MeetingState.Draft, InPublishedPlan = true, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
