using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Publishing.Subscriptions;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Publication;

/// <summary>The publication steps the secretariat takes.</summary>
public enum PublishKind
{
    Agenda,
    Minutes,
    /// <summary>The working copy of a published meeting, as its next version (agenda or minutes as it stands).</summary>
    NewVersion,
}

/// <summary>A member of the body who is told: by e-mail when the person or their account has an address, in the app when they have an account.</summary>
public sealed record MemberRecipient(int PersonId, string Name, string? Email, string? UserId);

/// <summary>Everything the check page shows before the secretariat confirms, and what the confirmation is checked against.</summary>
public sealed record Preparation(
    int MeetingId,
    PublishKind Kind,
    PublicationStep Step,
    MeetingView Candidate,
    IReadOnlyList<string> Problems,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> Changes,
    string What,
    string Confirmation,
    int Items,
    int Attachments,
    IReadOnlyList<ItemView> ClosedItems,
    IReadOnlyList<MemberRecipient> Members,
    int Subscribers,
    string Fingerprint)
{
    public bool Blocked => Problems.Count > 0 || Findings.Any(f => f.Severity == FindingSeverity.Blocks);
    public IEnumerable<Finding> Blocking => Findings.Where(f => f.Severity == FindingSeverity.Blocks);
    public IEnumerable<Finding> Warnings => Findings.Where(f => f.Severity == FindingSeverity.Warns);
    /// <summary>Members and subscribers are told of agendas and minutes; of a new version only when asked to.</summary>
    public bool TellsByDefault => Kind != PublishKind.NewVersion;
}

/// <summary>
/// Publication as one deliberate, checked step (issue 12): <see cref="PrepareAsync"/> builds what would go public,
/// runs <see cref="PublicationCheck"/> and names it; <see cref="PublishAsync"/> publishes exactly that, once the
/// secretariat has confirmed it (and any warnings), in one transaction with the version and its publication record,
/// the decisions the minutes register, the e-mails to members and subscribers and the background PDF job.
/// </summary>
public sealed class Publisher(
    AppDb db, MeetingLifecycle lifecycle, AttachmentScans scans, MinutesDecisions decisions, Notifier notifier,
    TimeProvider clock)
{
    public async Task<Preparation?> PrepareAsync(int meetingId, PublishKind kind, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new { m.State, m.BodyId, m.Version, m.UnpublishedChangesAt, m.Items.Count }).SingleOrDefaultAsync(ct);
        if (meeting is null) return null;
        var working = await MeetingView.LoadAsync(db, meetingId, ct);
        if (working is null) return null;

        var problems = new List<string>();
        var minutes = kind == PublishKind.Minutes || (kind == PublishKind.NewVersion && meeting.State == MeetingState.MinutesPublished);
        switch (kind)
        {
            case PublishKind.Agenda when meeting.State != MeetingState.Draft:
                problems.Add("Dagsordenen er allerede udgivet.");
                break;
            case PublishKind.Minutes when meeting.State == MeetingState.Draft:
                problems.Add("Dagsordenen skal udgives, før referatet kan udgives.");
                break;
            case PublishKind.Minutes when meeting.State == MeetingState.MinutesPublished:
                problems.Add("Referatet er allerede udgivet. Rettelser udgives som en ny version.");
                break;
            case PublishKind.NewVersion when meeting.State == MeetingState.Draft:
                problems.Add("Mødet er ikke udgivet endnu; udgiv dagsordenen først.");
                break;
        }
        if (meeting.Count == 0) problems.Add("Mødet har ingen punkter.");

        var state = kind switch
        {
            PublishKind.Agenda => MeetingState.AgendaPublished,
            PublishKind.Minutes => MeetingState.MinutesPublished,
            _ => working.State,
        };
        var candidate = PublicProjection.ForStep(working with { State = state });
        var step = minutes ? PublicationStep.Minutes : PublicationStep.Agenda;
        var texts = await scans.EnsureAsync(CheckInput.AttachmentIds(candidate), ct);
        var findings = PublicationCheck.Run(CheckInput.FromView(candidate, texts), step, clock.GetUtcNow().UtcDateTime).ToList();
        if (minutes)
        {
            foreach (var n in (await decisions.PendingAsync(meetingId, ct)).Where(n => n.Response is null && !string.IsNullOrWhiteSpace(n.Decision)))
            {
                var item = candidate.Items.First(i => i.Id == n.ItemId);
                findings.Add(new Finding(FindingSeverity.Warns, FindingKind.UnclearNoticeDecision,
                    new CheckPlace(CheckField.Decision, item.Id, item.Number, item.Title),
                    $"Punkt {item.Number} ({item.Title}): beslutningen siger ikke, om Socialdirektørforum laver en høring eller en udtalelse om orienteringen fra {n.Operator} (nr. {n.NoticeId}). " +
                    "Orienteringen registreres som behandlet med beslutningens tekst, men uden svar. Skriv fx «ønsker ikke at lave en høring eller en udtalelse», hvis det var beslutningen."));
            }
        }

        MeetingView? current = null;
        if (meeting.State != MeetingState.Draft)
        {
            var json = await db.MeetingVersions.AsNoTracking().Where(v => v.MeetingId == meetingId && v.Version == meeting.Version)
                .Select(v => v.SnapshotJson).SingleOrDefaultAsync(ct);
            current = json is null ? null : MeetingLifecycle.ReadSnapshot(json);
        }
        var changes = VersionDiff.Describe(current, candidate);
        if (kind == PublishKind.NewVersion && changes.Count == 0 && problems.Count == 0)
            problems.Add("Der er ingen ændringer at udgive: den offentlige side viser allerede mødet, som det står.");

        var closed = candidate.Items.Where(i => i.IsClosed).ToList();
        var items = candidate.Items.Count;
        var attachments = candidate.Items.Where(i => !i.IsClosed).Sum(i => i.Attachments.Count(a => !a.IsMissing));
        var what = kind switch
        {
            PublishKind.Agenda => "Dagsordenen",
            PublishKind.Minutes => "Referatet",
            _ => $"Version {meeting.Version + 1} af {(minutes ? "referatet" : "dagsordenen")}",
        };
        var confirmation = $"{what} for {working.BodyName} {Danish.Date(working.StartsAt)} bliver offentligt: {Count(items, "punkt", "punkter")} og " +
                           $"{Count(attachments, "offentligt bilag", "offentlige bilag")}" +
                           (closed.Count == 0 ? "." : $". Lukkede punkter, hvor kun titlen er offentlig: {string.Join(", ", closed.Select(i => $"punkt {i.Number} ({i.Title})"))}.") +
                           (minutes ? "" : " Beslutningerne er ikke med; de udgives med referatet.");

        var members = await MembersAsync(db, meeting.BodyId, DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime)), ct);
        var subscribers = await db.Subscriptions.CountAsync(s => s.BodyId == meeting.BodyId && s.ConfirmedAt != null, ct);
        var fingerprint = Fingerprint(candidate, findings, kind);
        return new Preparation(meetingId, kind, step, candidate, problems, findings, changes, what, confirmation, items, attachments,
            closed, members, subscribers, fingerprint);
    }

    public sealed record Outcome(Preparation Preparation, string? Error, int Told = 0);

    /// <summary>
    /// Publishes what <see cref="PrepareAsync"/> showed, if it has not changed since (<paramref name="fingerprint"/>),
    /// nothing blocks it and every warning is confirmed. One transaction. Returns the outcome, with a Danish error when
    /// nothing was published.
    /// </summary>
    public async Task<Outcome?> PublishAsync(int meetingId, PublishKind kind, string? fingerprint, bool warningsConfirmed, bool tell,
        string? user, string linkRoot, CancellationToken ct = default)
    {
        var prep = await PrepareAsync(meetingId, kind, ct);
        if (prep is null) return null;
        if (prep.Blocked) return new Outcome(prep, "Udgivelsen er ikke gennemført: ret det, der blokerer, og kontrollér igen.");
        if (fingerprint != prep.Fingerprint)
            return new Outcome(prep, "Mødet er ændret, siden kontrollen blev vist. Se den nye kontrol herunder, og bekræft igen.");
        var warnings = prep.Warnings.Select(w => w.Message).ToList();
        if (warnings.Count > 0 && !warningsConfirmed)
            return new Outcome(prep, "Bekræft, at du har set advarslerne, før du udgiver.");

        var meeting = await db.Meetings.Include(m => m.Body).SingleAsync(m => m.Id == meetingId, ct);
        var record = new PublicationRecord(prep.Confirmation, warnings);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        switch (kind)
        {
            case PublishKind.Agenda: await lifecycle.PublishAgendaAsync(meeting, user, record); break;
            case PublishKind.Minutes: await lifecycle.PublishMinutesAsync(meeting, user, record); break;
            default: await lifecycle.PublishNewVersionAsync(meeting, user, record); break;
        }
        if (meeting.State == MeetingState.MinutesPublished) await decisions.RegisterAsync(meeting, user, ct);
        var told = 0;
        if (kind != PublishKind.NewVersion || tell) told = await TellAsync(meeting, prep, linkRoot, ct);
        db.PdfRenderJobs.Add(new PdfRenderJob { MeetingId = meeting.Id, Version = meeting.Version, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Outcome(prep, null, told);
    }

    /// <summary>
    /// The check over the working copy as the public would get it in <paramref name="state"/>. With
    /// <paramref name="archive"/> the rules for minutes that were public elsewhere apply (no "not ended", no "missing
    /// decision"); CPR numbers are found all the same.
    /// </summary>
    public async Task<IReadOnlyList<Finding>> CheckAsync(int meetingId, MeetingState state, bool archive, CancellationToken ct = default)
    {
        var working = await MeetingView.LoadAsync(db, meetingId, ct)
            ?? throw new InvalidOperationException($"Meeting {meetingId} vanished while being checked");
        var candidate = PublicProjection.ForStep(working with { State = state });
        var texts = await scans.EnsureAsync(CheckInput.AttachmentIds(candidate), ct);
        var step = state == MeetingState.MinutesPublished ? PublicationStep.Minutes : PublicationStep.Agenda;
        return PublicationCheck.Run(CheckInput.FromView(candidate, texts), step, clock.GetUtcNow().UtcDateTime, archive);
    }

    /// <summary>
    /// Publishes imported minutes (or an agenda) that were public at their source, through the same check as every
    /// publication: a CPR number anywhere (also in an attachment's text) blocks, and false is returned with nothing
    /// published. Otherwise the version is recorded as "Udgivet ved import" with the warnings the check found, so the
    /// meeting's versions say how it became public. The caller owns the transaction; members are not told (the minutes
    /// are old news), but the PDF is rendered in the background as for any publication.
    /// </summary>
    /// <param name="agendaPublishedAt">When the source published the agenda (or the page); null: now.</param>
    /// <param name="minutesPublishedAt">When the source published the minutes; null: now.</param>
    public async Task<bool> PublishImportedAsync(Meeting meeting, MeetingState state, string? user, DateTime? agendaPublishedAt = null,
        DateTime? minutesPublishedAt = null, CancellationToken ct = default)
    {
        await db.SaveChangesAsync(ct);
        var findings = await CheckAsync(meeting.Id, state, archive: true, ct);
        if (findings.Any(f => f.Kind == FindingKind.CprNumber)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var again = meeting.State != MeetingState.Draft;
        if (again) meeting.ChangedAfterPublicationAt = now;
        meeting.State = state;
        meeting.AgendaPublishedAt ??= agendaPublishedAt ?? now;
        if (state == MeetingState.MinutesPublished) meeting.MinutesPublishedAt ??= minutesPublishedAt ?? now;
        meeting.HeldBackAs = null;
        meeting.WithdrawnAt = null;
        var warnings = findings.Where(f => f.Severity == FindingSeverity.Warns).Select(f => f.Message).ToList();
        var what = state == MeetingState.MinutesPublished ? "Referatet" : "Dagsordenen";
        var record = new PublicationRecord($"{what} var offentligt hos kilden og er udgivet ved import (kontrollen fandt ingen CPR-numre).", warnings);
        await lifecycle.RecordVersionAsync(meeting, user, again ? "Ny version udgivet ved import" : "Udgivet ved import", record);
        db.PdfRenderJobs.Add(new PdfRenderJob { MeetingId = meeting.Id, Version = meeting.Version, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The current members of the body, with how each can be reached.</summary>
    public static async Task<List<MemberRecipient>> MembersAsync(AppDb db, int bodyId, DateOnly today, CancellationToken ct = default)
    {
        var people = await db.Memberships.AsNoTracking()
            .Where(m => m.BodyId == bodyId && m.From <= today && (m.To == null || m.To >= today))
            .Select(m => new { m.PersonId, m.Person.Name, m.Person.Email })
            .ToListAsync(ct);
        var ids = people.Select(p => p.PersonId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.PersonId != null && ids.Contains(u.PersonId.Value))
            .Select(u => new { u.Id, PersonId = u.PersonId!.Value, u.Email }).ToListAsync(ct);
        return people.DistinctBy(p => p.PersonId).OrderBy(p => p.Name, StringComparer.Create(Danish.Culture, true)).Select(p =>
        {
            var user = users.FirstOrDefault(u => u.PersonId == p.PersonId);
            var email = !string.IsNullOrWhiteSpace(p.Email) ? p.Email : user?.Email;
            return new MemberRecipient(p.PersonId, p.Name, string.IsNullOrWhiteSpace(email) ? null : email.Trim(), user?.Id);
        }).ToList();
    }

    /// <summary>E-mails (outbox) and in-app notifications to the members, e-mails to the confirmed subscribers.</summary>
    private async Task<int> TellAsync(Meeting meeting, Preparation prep, string root, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var minutes = meeting.State == MeetingState.MinutesPublished;
        var noun = minutes ? "Referat" : "Dagsorden";
        var subject = prep.Kind == PublishKind.NewVersion
            ? $"Ny version af {noun.ToLowerInvariant()}: {meeting.Body.Name} {Danish.Date(meeting.StartsAt)}"
            : $"{noun}: {meeting.Body.Name} {Danish.Date(meeting.StartsAt)}";
        var published = prep.Kind switch
        {
            PublishKind.Agenda => "Dagsordenen",
            PublishKind.Minutes => "Referatet",
            _ => $"En ny version af {(minutes ? "referatet" : "dagsordenen")}",
        };
        var lead = $"{published} for mødet i {meeting.Body.Name} {Danish.MeetingStart(meeting.StartsAt, meeting.TimeUnknown)} er udgivet" +
                   (prep.Kind == PublishKind.NewVersion ? $" (version {meeting.Version})." : ".");
        var links = $"Læs {(minutes ? "referatet" : "dagsordenen")}: {PublicLinks.MeetingPage(root, meeting.Id)}\n" +
                    $"Som PDF: {PublicLinks.Pdf(root, meeting.Id)}\n" +
                    $"Som PDF med bilag: {PublicLinks.Pdf(root, meeting.Id, withAttachments: true)}\n";
        var topic = $"{noun} udgivet: {meeting.Body.Name} {Danish.ShortDate(meeting.StartsAt)}";
        var told = 0;
        foreach (var member in prep.Members)
        {
            if (member.UserId is not null)
            {
                db.Notifications.Add(new Notification { UserId = member.UserId, Text = lead, Link = $"/moeder/{meeting.Id}", CreatedAt = now });
            }
            if (member.Email is null) continue;
            var body = new StringBuilder()
                .Append($"Kære {member.Name},\n\n{lead}\n\n{links}\n")
                .Append(prep.ClosedItems.Count > 0 ? "Lukkede punkter kan du læse, når du er logget ind.\n\n" : "")
                .Append("Venlig hilsen\nFælleskommunalt Socialsekretariat\n\n")
                .Append($"Du får denne e-mail, fordi du er medlem af {meeting.Body.Name}.\n")
                .ToString();
            await notifier.EmailAsync(member.Email, member.Name, subject, body, topic, ct);
            told++;
        }
        var subscribers = await db.Subscriptions.AsNoTracking().Where(s => s.BodyId == meeting.BodyId && s.ConfirmedAt != null)
            .Select(s => new { s.Email, s.Token }).ToListAsync(ct);
        var memberAddresses = prep.Members.Where(m => m.Email is not null).Select(m => m.Email!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var s in subscribers.Where(s => !memberAddresses.Contains(s.Email)))
        {
            var unsubscribe = SubscriptionService.UnsubscribeLink(root, s.Token);
            var body = $"Hej,\n\n{lead}\n\n{links}\nVenlig hilsen\nFælleskommunalt Socialsekretariat\n\n" +
                       $"Du får denne e-mail, fordi du abonnerer på dagsordener og referater fra {meeting.Body.Name}.\n" +
                       $"Afmeld med ét klik: {unsubscribe}\n";
            db.Outbox.Add(new OutboxMessage
            {
                To = s.Email, Subject = subject, Body = body, Topic = topic, CreatedAt = now, ListUnsubscribeUrl = unsubscribe,
            });
            told++;
        }
        return told;
    }

    private static string Fingerprint(MeetingView candidate, IReadOnlyList<Finding> findings, PublishKind kind)
    {
        var text = MeetingLifecycle.WriteSnapshot(candidate) + "\n" + kind + "\n" + string.Join("\n", findings.Select(f => f.Message));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
