using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.AnnualCycle;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Authoring;
using Rammevaerk.Shared;

namespace Rammevaerk.FollowUps;

/// <summary>
/// What a draft agenda is offered: the open follow-ups due at its meeting (due date on or before the meeting's date,
/// or "næste møde" of its body), letters still awaiting an answer or answered on an open follow-up, and the recurring
/// items of the annual cycle due in the meeting's month. Placing them adds items before the trailing standard items
/// (Eventuelt) in the caller's one transaction.
/// </summary>
public sealed class AgendaOffers(AppDb db, MeetingLifecycle lifecycle, TimeProvider clock)
{
    public const string LettersStatusTitle = "Opfølgning på breve";
    public const string DecisionsStatusTitle = "Opfølgning på tidligere beslutninger";

    public sealed record Offer(List<FollowUp> FollowUps, List<Letter> Letters, List<RecurringItem> Recurring)
    {
        public bool IsEmpty => FollowUps.Count == 0 && Letters.Count == 0 && Recurring.Count == 0;
    }

    public static DateOnly MeetingDate(Meeting meeting) => DateOnly.FromDateTime(Danish.ToLocal(meeting.StartsAt));

    public async Task<Offer> ForMeetingAsync(Meeting meeting, CancellationToken ct = default)
    {
        var date = MeetingDate(meeting);
        var followUps = await db.FollowUps.AsNoTracking()
            .Include(f => f.SourceItem).ThenInclude(i => i!.Meeting)
            .Include(f => f.OwnerPerson).Include(f => f.OwnerBody)
            .Where(f => f.BodyId == meeting.BodyId && f.State == FollowUpState.Open && f.PlacedOnItemId == null
                && (f.DueNextMeeting || (f.DueDate != null && f.DueDate <= date)))
            .OrderBy(f => f.DueDate).ThenBy(f => f.Id)
            .ToListAsync(ct);
        // Only follow-ups of decisions taken before this meeting (never one made on its own items).
        followUps = followUps.Where(f => f.SourceItem is null || f.SourceItem.MeetingId != meeting.Id).ToList();
        await FollowUpDue.FillNextMeetingsAsync(db, followUps, ct);

        var letters = await db.Letters.AsNoTracking()
            .Include(l => l.FollowUp).Include(l => l.SourceItem).ThenInclude(i => i!.Meeting)
            .Where(l => (l.FollowUp != null && l.FollowUp.BodyId == meeting.BodyId && l.FollowUp.State == FollowUpState.Open)
                || (l.FollowUp == null && l.SourceItem != null && l.SourceItem.Meeting.BodyId == meeting.BodyId))
            .Where(l => (l.AnswerExpected && l.AnswerReceivedOn == null) || (l.FollowUp != null && l.FollowUp.State == FollowUpState.Open))
            .OrderBy(l => l.SentOn).ThenBy(l => l.Id)
            .ToListAsync(ct);

        var month = date.Month;
        var titles = meeting.Items.Select(i => i.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var recurring = (await db.RecurringItems.AsNoTracking().Where(r => r.BodyId == meeting.BodyId && r.Active)
                .OrderBy(r => r.Month).ThenBy(r => r.SortOrder).ThenBy(r => r.Title).ToListAsync(ct))
            .Where(r => RecurringItems.IsDueIn(r, month) && !titles.Contains(r.Title))
            .ToList();
        return new Offer(followUps, letters, recurring);
    }

    /// <summary>Each chosen follow-up and letter as its own item; returns the new items' numbers.</summary>
    public async Task<List<int>> PlaceSeparatelyAsync(Meeting meeting, IReadOnlyCollection<int> followUpIds, IReadOnlyCollection<int> letterIds, string? user)
    {
        var offer = await ForMeetingAsync(meeting);
        var followUps = offer.FollowUps.Where(f => followUpIds.Contains(f.Id)).ToList();
        var letters = offer.Letters.Where(l => letterIds.Contains(l.Id)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<(AgendaItem Item, FollowUp? FollowUp)>();
        foreach (var f in followUps)
        {
            items.Add((new AgendaItem
            {
                Title = f.Title, UpdatedAt = now,
                Background = FollowUpBackground(f),
                Recommendation = $"Det indstilles, at {meeting.Body.Name}\n\n- drøfter sagen.",
            }, f));
        }
        foreach (var l in letters)
        {
            items.Add((new AgendaItem
            {
                Title = $"Opfølgning på brev: {l.Subject}".Length > Limits.Title ? l.Subject : $"Opfølgning på brev: {l.Subject}",
                UpdatedAt = now, CasePresentation = LetterMarkdown(l, heading: false),
                Recommendation = $"Det indstilles, at {meeting.Body.Name}\n\n- tager status på brevet til efterretning.",
            }, l.FollowUp));
        }
        if (items.Count == 0) return [];
        await using var tx = await db.Database.BeginTransactionAsync();
        var numbers = await InsertAsync(meeting, items.Select(i => i.Item).ToList());
        await db.SaveChangesAsync();
        await MarkPlacedAsync(items.Where(i => i.FollowUp is not null).Select(i => (i.FollowUp!.Id, i.Item.Id)));
        await CopyAnswerFilesAsync(letters.Zip(items.Skip(followUps.Count).Select(i => i.Item)).ToList(), now);
        await lifecycle.SaveChangeAsync(meeting, user, $"Opfølgning sat på dagsordenen ({items.Count} punkter)");
        await tx.CommitAsync();
        return numbers;
    }

    /// <summary>All chosen follow-ups and letters in one status item; returns its number.</summary>
    public async Task<int?> PlaceAsStatusItemAsync(Meeting meeting, IReadOnlyCollection<int> followUpIds, IReadOnlyCollection<int> letterIds, string title, string? user)
    {
        var offer = await ForMeetingAsync(meeting);
        var followUps = offer.FollowUps.Where(f => followUpIds.Contains(f.Id)).ToList();
        var letters = offer.Letters.Where(l => letterIds.Contains(l.Id)).ToList();
        if (followUps.Count == 0 && letters.Count == 0) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var text = new StringBuilder();
        if (followUps.Count > 0)
        {
            foreach (var f in followUps) text.Append("- ").Append(FollowUpLine(f)).Append('\n');
        }
        foreach (var l in letters)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(LetterMarkdown(l, heading: true));
        }
        var item = new AgendaItem
        {
            Title = title, UpdatedAt = now,
            Background = "Status på de opfølgninger, der er besluttet på tidligere møder.",
            Recommendation = $"Det indstilles, at {meeting.Body.Name}\n\n- tager status til efterretning.",
            CasePresentation = text.ToString().TrimEnd(),
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        var numbers = await InsertAsync(meeting, [item]);
        await db.SaveChangesAsync();
        var placed = followUps.Select(f => (f.Id, item.Id))
            .Concat(letters.Where(l => l.FollowUpId is not null).Select(l => (l.FollowUpId!.Value, item.Id)))
            .DistinctBy(p => p.Item1);
        await MarkPlacedAsync(placed);
        await CopyAnswerFilesAsync(letters.Select(l => (l, item)).ToList(), now);
        await lifecycle.SaveChangeAsync(meeting, user, $"Statuspunkt tilføjet: {title}");
        await tx.CommitAsync();
        return numbers[0];
    }

    /// <summary>The chosen recurring items as items, title, background and recommendation pre-filled.</summary>
    public async Task<List<int>> PlaceRecurringAsync(Meeting meeting, IReadOnlyCollection<int> recurringIds, string? user)
    {
        var offer = await ForMeetingAsync(meeting);
        var chosen = offer.Recurring.Where(r => recurringIds.Contains(r.Id)).ToList();
        if (chosen.Count == 0) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync();
        var numbers = await InsertAsync(meeting, chosen.Select(r => new AgendaItem
        {
            Title = r.Title, Background = r.Background, Recommendation = r.Recommendation, UpdatedAt = now,
        }).ToList());
        await lifecycle.SaveChangeAsync(meeting, user, $"Punkter fra årshjulet tilføjet ({chosen.Count})");
        await tx.CommitAsync();
        return numbers;
    }

    public static string FollowUpBackground(FollowUp f)
    {
        var text = new StringBuilder();
        if (f.SourceItem is { } source)
        {
            text.Append($"På mødet {Danish.Date(source.Meeting.StartsAt)} blev det under {SourceLink(source)} besluttet at følge op: {f.Title}.");
        }
        else
        {
            text.Append($"Opfølgning: {f.Title}.");
        }
        if (!string.IsNullOrWhiteSpace(f.Description)) text.Append("\n\n").Append(f.Description.Trim());
        return text.ToString();
    }

    public static string FollowUpLine(FollowUp f)
    {
        var line = new StringBuilder($"**{f.Title}** ({OwnerText(f)})");
        if (f.SourceItem is { } source) line.Append($" – besluttet {Danish.Date(source.Meeting.StartsAt)} under {SourceLink(source)}");
        if (!string.IsNullOrWhiteSpace(f.Description)) line.Append(". ").Append(f.Description.Trim().ReplaceLineEndings(" "));
        return line.ToString();
    }

    public static string OwnerText(FollowUp f) => f.Owner switch
    {
        FollowUpOwner.Person => f.OwnerPerson?.Name ?? "en person",
        FollowUpOwner.WorkingGroup => f.OwnerBody?.Name ?? "en arbejdsgruppe",
        _ => "Sekretariatet",
    };

    public static string DueText(FollowUp f) =>
        f.DueNextMeeting
            ? f.NextMeetingAt is { } m ? $"næste møde ({Danish.Date(m)})" : "næste møde"
            : f.DueDate is { } d ? d.ToString("d. MMMM yyyy", Danish.Culture) : "–";

    /// <summary>See <see cref="FollowUpDue.IsOverdue"/>; "næste møde" needs <see cref="FollowUpDue.FillNextMeetingsAsync"/> first.</summary>
    public static bool IsOverdue(FollowUp f, DateOnly today) => FollowUpDue.IsOverdue(f, today);

    public static bool IsOverdue(Letter l, DateOnly today) =>
        l.AnswerExpected && l.AnswerReceivedOn is null && l.AnswerDueOn is { } d && d < today;

    private static string SourceLink(AgendaItem source) =>
        $"[punkt {source.Number} {Escape(source.Title)}](/moeder/{source.MeetingId}#punkt-{source.Number})";

    private static string Escape(string text) => text.Replace("[", "\\[").Replace("]", "\\]");

    public static string LetterMarkdown(Letter l, bool heading)
    {
        var text = new StringBuilder();
        if (heading) text.Append("### ").Append(l.Subject).Append("\n\n");
        text.Append($"Brevet blev sendt til {l.Recipient} den {l.SentOn.ToString("d. MMMM yyyy", Danish.Culture)}");
        if (l.SourceItem is { } source) text.Append($" (besluttet {Danish.Date(source.Meeting.StartsAt)} under {SourceLink(source)})");
        text.Append(".\n\n");
        if (l.AnswerReceivedOn is { } received)
        {
            text.Append($"{l.Recipient} svarede den {received.ToString("d. MMMM yyyy", Danish.Culture)}");
            if (!string.IsNullOrWhiteSpace(l.AnswerText))
            {
                text.Append(":\n\n");
                foreach (var line in l.AnswerText.Trim().ReplaceLineEndings("\n").Split('\n')) text.Append("> ").Append(line).Append('\n');
            }
            else
            {
                text.Append('.').Append('\n');
            }
            if (l.AnswerFileName is not null) text.Append($"\nSvaret er vedhæftet som bilag ({l.AnswerFileName}).\n");
        }
        else if (l.AnswerExpected)
        {
            text.Append($"Der afventes fortsat svar fra {l.Recipient}");
            if (l.AnswerDueOn is { } due) text.Append($" (svarfrist {due.ToString("d. MMMM yyyy", Danish.Culture)})");
            text.Append(".\n");
        }
        return text.ToString();
    }

    /// <summary>Through the one placement rule: before the closing standard items (Orienteringer, Eventuelt).</summary>
    private Task<List<int>> InsertAsync(Meeting meeting, List<AgendaItem> items) =>
        new AgendaPlacement(db).PlaceAsync(meeting, items);

    private async Task MarkPlacedAsync(IEnumerable<(int FollowUpId, int ItemId)> placed)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (followUpId, itemId) in placed)
        {
            var f = await db.FollowUps.SingleAsync(x => x.Id == followUpId);
            f.PlacedOnItemId = itemId;
            f.UpdatedAt = now;
        }
    }

    /// <summary>A received answer file goes with the item as an attachment, so members read it where they read the status.</summary>
    private async Task CopyAnswerFilesAsync(List<(Letter Letter, AgendaItem Item)> pairs, DateTime now)
    {
        foreach (var (letter, item) in pairs)
        {
            if (letter.AnswerFileName is null) continue;
            var bytes = await db.Letters.Where(l => l.Id == letter.Id).Select(l => l.AnswerFile).SingleAsync();
            if (bytes is null) continue;
            var sort = await db.Attachments.Where(a => a.AgendaItemId == item.Id).CountAsync();
            db.Attachments.Add(new Attachment
            {
                AgendaItemId = item.Id, SortOrder = sort + 1, FileName = letter.AnswerFileName, ContentType = letter.AnswerContentType,
                Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), AddedAt = now,
                Content = new AttachmentContent { Bytes = bytes },
            });
            await db.SaveChangesAsync();
        }
    }
}
