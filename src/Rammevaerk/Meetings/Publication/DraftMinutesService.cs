using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// Draft minutes (udkast til referat): between the published agenda and the published minutes the secretariat sends
/// the working copy, decisions included, to the body's members for comment. What is sent is frozen as a round
/// (<see cref="DraftMinutes"/>), so a comment refers to the text its writer read. Only the body's members and the
/// secretariat read it; nothing of it is public. A CPR number stops the sending: the members are outside the secretariat.
/// </summary>
public sealed class DraftMinutesService(AppDb db, AttachmentScans scans, Notifier notifier, TimeProvider clock)
{
    public sealed record SendPreview(MeetingView Draft, IReadOnlyList<Finding> Blocking, IReadOnlyList<MemberRecipient> Members, string? Problem);

    /// <summary>What would be sent now: the working copy with the decisions, its CPR findings, and to whom.</summary>
    public async Task<SendPreview?> PreviewAsync(int meetingId, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.State, m.BodyId }).SingleOrDefaultAsync(ct);
        if (meeting is null) return null;
        var view = await MeetingView.LoadAsync(db, meetingId, ct);
        if (view is null) return null;
        var texts = await scans.EnsureAsync(CheckInput.AttachmentIds(view), ct);
        var blocking = PublicationCheck.Run(CheckInput.FromView(view, texts), PublicationStep.Minutes, clock.GetUtcNow().UtcDateTime)
            .Where(f => f.Kind == FindingKind.CprNumber).ToList();
        var members = await Publisher.MembersAsync(db, meeting.BodyId, Today, ct);
        var problem = meeting.State switch
        {
            MeetingState.Draft => "Udkastet til referat sendes, når dagsordenen er udgivet.",
            MeetingState.MinutesPublished => "Referatet er udgivet; der er ikke længere et udkast at sende.",
            _ => members.All(m => m.UserId is null) ? "Ingen af udvalgets medlemmer har en konto i Rammeværk, så ingen kan læse udkastet. Opret konti under Brugere." : null,
        };
        return new SendPreview(view, blocking, members, problem);
    }

    /// <summary>
    /// Sends the working copy as the next round to the members with an account (in-app and e-mail with an absolute
    /// link). Returns the round, or a Danish problem (nothing sent).
    /// </summary>
    public async Task<(DraftMinutes? Draft, string? Problem)> SendAsync(int meetingId, string? message, DateOnly? commentsBy, string? user, string root, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(meetingId, ct);
        if (preview is null) return (null, "Mødet findes ikke.");
        if (preview.Problem is not null) return (null, preview.Problem);
        if (preview.Blocking.Count > 0) return (null, "Udkastet indeholder CPR-numre og kan ikke sendes. Ret stederne herunder først.");
        if (message is { Length: > PublicationConfiguration.CommentLength }) return (null, Danish.TooLong("Følgeteksten", PublicationConfiguration.CommentLength));
        if (commentsBy is { } by && by < Today) return (null, "Fristen for bemærkninger ligger i fortiden. Vælg en dato fra i dag.");

        var readers = preview.Members.Where(m => m.UserId is not null).ToList();
        var round = (await db.DraftMinutes.Where(d => d.MeetingId == meetingId).MaxAsync(d => (int?)d.Round, ct) ?? 0) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = new DraftMinutes
        {
            MeetingId = meetingId, Round = round, SentAt = now, SentBy = user, Message = Blank(message), CommentsBy = commentsBy,
            Recipients = readers.Count, SnapshotJson = MeetingLifecycle.WriteSnapshot(preview.Draft),
        };
        var m = preview.Draft;
        var link = $"/moeder/{meetingId}/udkast";
        var text = $"Udkast til referat fra mødet i {m.BodyName} {Danish.Date(m.StartsAt)} er klar til dine bemærkninger" +
                   (commentsBy is { } d ? $" (senest {d.ToString("d. MMMM yyyy", Danish.Culture)})." : ".");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DraftMinutes.Add(draft);
        foreach (var member in readers)
        {
            db.Notifications.Add(new Notification { UserId = member.UserId!, Text = text, Link = link, CreatedAt = now });
            if (member.Email is null) continue;
            var body = $"Kære {member.Name},\n\n{text}\n\n" + (draft.Message is { } note ? $"{note}\n\n" : "") +
                       $"Læs udkastet og skriv dine bemærkninger (kræver log ind): {root}{link}\n\n" +
                       "Udkastet er fortroligt og ikke offentligt, før referatet er udgivet.\n\n" +
                       "Venlig hilsen\nFælleskommunalt Socialsekretariat\n";
            await notifier.EmailAsync(member.Email, member.Name, $"Udkast til referat: {m.BodyName} {Danish.Date(m.StartsAt)}", body,
                $"Udkast til referat: {m.BodyName} {Danish.ShortDate(m.StartsAt)}", ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (draft, null);
    }

    /// <summary>The latest round sent for the meeting, with its comments, or null.</summary>
    public Task<DraftMinutes?> LatestAsync(int meetingId, CancellationToken ct = default) =>
        db.DraftMinutes.AsNoTracking().Include(d => d.Comments.OrderBy(c => c.CreatedAt))
            .Where(d => d.MeetingId == meetingId).OrderByDescending(d => d.Round).FirstOrDefaultAsync(ct);

    /// <summary>Every round with its comments, newest first (the secretariat's overview).</summary>
    public Task<List<DraftMinutes>> RoundsAsync(int meetingId, CancellationToken ct = default) =>
        db.DraftMinutes.AsNoTracking().Include(d => d.Comments.OrderBy(c => c.CreatedAt))
            .Where(d => d.MeetingId == meetingId).OrderByDescending(d => d.Round).ToListAsync(ct);

    /// <summary>
    /// A member's comment on the latest round (on an item of it, or on the whole). The secretariat is told in the app.
    /// Returns a Danish problem, or null when saved.
    /// </summary>
    public async Task<string?> CommentAsync(int meetingId, int? itemId, string? text, string userId, string authorName, CancellationToken ct = default)
    {
        var draft = await db.DraftMinutes.Where(d => d.MeetingId == meetingId).OrderByDescending(d => d.Round).FirstOrDefaultAsync(ct);
        if (draft is null) return "Der er ikke sendt et udkast til referat for mødet.";
        var state = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.State).SingleAsync(ct);
        if (state == MeetingState.MinutesPublished) return "Referatet er udgivet, så udkastet kan ikke længere kommenteres.";
        var clean = text?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrEmpty(clean)) return "Skriv din bemærkning.";
        if (clean.Length > PublicationConfiguration.CommentLength) return Danish.TooLong("Bemærkningen", PublicationConfiguration.CommentLength, clean.Length);
        int? number = null;
        if (itemId is int id)
        {
            var view = MeetingLifecycle.ReadSnapshot(draft.SnapshotJson);
            var item = view?.Items.FirstOrDefault(i => i.Id == id);
            if (item is null) return "Punktet findes ikke i udkastet.";
            number = item.Number;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.DraftComments.Add(new DraftComment
        {
            DraftMinutesId = draft.Id, MeetingId = meetingId, ItemId = itemId, ItemNumber = number, UserId = userId,
            AuthorName = authorName.Length > 256 ? authorName[..256] : authorName, Text = clean, CreatedAt = now,
        });
        await notifier.NotifyRoleAsync(Roles.Secretariat, $"Bemærkning til udkast til referat",
            $"{authorName} har skrevet en bemærkning{(number is int n ? $" til punkt {n}" : "")} til udkastet til referat (runde {draft.Round}).",
            $"/sekretariat/moeder/{meetingId}/udkast", "Bemærkning til udkast til referat", ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private DateOnly Today => DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Replace("\r\n", "\n").Trim();
}
