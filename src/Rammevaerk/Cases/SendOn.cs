using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Cases;

/// <summary>
/// Sends a case on from an item of one body's meeting to another body's coming meeting: the new item joins the same
/// case, starts from the item's title, texts and attachments, takes the sending body's Indstilling as its basis
/// ("Forretningsudvalget indstiller til Socialdirektørforum, at …") and is placed by the one placement rule.
/// One transaction; the meeting's version is recorded through <see cref="MeetingLifecycle"/>.
/// </summary>
public sealed class SendOn(AppDb db, MeetingLifecycle lifecycle, TimeProvider clock)
{
    public async Task<(AgendaItem? Item, string? Problem)> SendAsync(int fromItemId, int? meetingId, string? user, CancellationToken ct = default)
    {
        var from = await db.AgendaItems.AsNoTracking().Include(i => i.Meeting).ThenInclude(m => m.Body)
            .Include(i => i.Attachments.OrderBy(a => a.SortOrder)).SingleOrDefaultAsync(i => i.Id == fromItemId, ct);
        if (from is null) return (null, "Punktet, sagen skal sendes videre fra, findes ikke.");
        var placement = new AgendaPlacement(db);
        var (meeting, problem) = await placement.ChosenMeetingAsync(meetingId, ct);
        if (meeting is null) return (null, problem);
        if (meeting.BodyId == from.Meeting.BodyId)
            return (null, $"Møde: vælg et møde i et andet udvalg end {from.Meeting.Body.Name}. Sagen sendes videre til et andet udvalg.");
        if (meeting.Items.FirstOrDefault(i => i.CaseId == from.CaseId) is { } already)
            return (null, $"Sagen er allerede punkt {already.Number} på {meeting.Body.Name}s møde {Danish.Date(meeting.StartsAt)}.");

        var now = clock.GetUtcNow().UtcDateTime;
        var item = new AgendaItem
        {
            Title = from.Title, CaseId = from.CaseId, IsClosed = from.IsClosed, UpdatedAt = now,
            Background = from.Background, CasePresentation = from.CasePresentation,
            Recommendation = SendOnText.Basis(from.Meeting.Body.Name, meeting.Body.Name, from.Recommendation),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await placement.PlaceAsync(meeting, item, ct);
        await db.SaveChangesAsync(ct);
        await CopyAttachmentsAsync(from, item, now, ct);
        var @case = await db.Cases.SingleAsync(c => c.Id == from.CaseId, ct);
        @case.UpdatedAt = now;
        await lifecycle.SaveChangeAsync(meeting, user, $"Punkt {item.Number} tilføjet: sendt videre fra {from.Meeting.Body.Name} {Danish.Date(from.Meeting.StartsAt)}");
        await tx.CommitAsync(ct);
        return (item, null);
    }

    /// <summary>The receiving body reads the same attachments; each is copied, so either item can change its own.</summary>
    private async Task CopyAttachmentsAsync(AgendaItem from, AgendaItem to, DateTime now, CancellationToken ct)
    {
        var sort = 0;
        foreach (var a in from.Attachments)
        {
            var bytes = a.IsMissing ? null : await db.AttachmentContents.Where(c => c.AttachmentId == a.Id).Select(c => c.Bytes).SingleOrDefaultAsync(ct);
            db.Attachments.Add(new Attachment
            {
                AgendaItemId = to.Id, SortOrder = ++sort, FileName = a.FileName, ContentType = a.ContentType, Size = a.Size,
                Sha256 = a.Sha256, IsMissing = a.IsMissing || bytes is null, AddedAt = now,
                Content = bytes is null ? null : new AttachmentContent { Bytes = bytes },
            });
        }
        if (sort > 0) await db.SaveChangesAsync(ct);
    }
}

/// <summary>The texts of an item sent on (pure, unit-tested).</summary>
public static class SendOnText
{
    /// <summary>
    /// "Forretningsudvalget indstiller til Socialdirektørforum, at" followed by what the sender recommended: its
    /// own opening line ("Det indstilles, at Forretningsudvalget") is replaced. The sender's points had the sender as
    /// their subject ("- godkender modellen"); after "at" they read as the receiver's to do, in the infinitive the seeds
    /// use ("- godkende modellen"), so the meaning is kept.
    /// </summary>
    public static string Basis(string fromBody, string toBody, string? recommendation)
    {
        var opening = $"{fromBody} indstiller til {toBody}, at";
        if (string.IsNullOrWhiteSpace(recommendation)) return opening + "\n\n- ";
        var lines = recommendation.ReplaceLineEndings("\n").Trim().Split('\n').ToList();
        var first = lines[0].Trim();
        if (first.StartsWith("Det indstilles", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith(fromBody + " indstiller", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith("Sekretariatet indstiller", StringComparison.OrdinalIgnoreCase))
        {
            // "Det indstilles, at Forretningsudvalget godkender …" on one line keeps what follows the body's name.
            var rest = first.Contains(fromBody, StringComparison.OrdinalIgnoreCase)
                ? first[(first.IndexOf(fromBody, StringComparison.OrdinalIgnoreCase) + fromBody.Length)..].Trim().TrimStart(',', ':', ';').Trim()
                : "";
            // "Det indstilles til Forretningsudvalget, at" leaves only the conjunction.
            if (rest.Equals("at", StringComparison.OrdinalIgnoreCase)) rest = "";
            else if (rest.StartsWith("at ", StringComparison.OrdinalIgnoreCase)) rest = rest[3..].Trim();
            rest = rest.TrimEnd(':').Trim();
            lines.RemoveAt(0);
            if (rest.Length > 0) lines.Insert(0, "- " + rest);
            lines = lines.Select(ToInfinitive).ToList();
        }
        var body = string.Join("\n", lines).Trim();
        return body.Length == 0 ? opening + "\n\n- " : $"{opening}\n\n{body}";
    }

    // Danish verbs whose infinitive is not the present tense without its final r.
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.OrdinalIgnoreCase)
    {
        ["er"] = "være", ["har"] = "have", ["gør"] = "gøre", ["får"] = "få", ["går"] = "gå", ["kan"] = "kunne", ["vil"] = "ville",
        ["skal"] = "skulle", ["bør"] = "burde", ["tør"] = "turde", ["ved"] = "vide",
    };

    // Words ending in r that open a point without being a verb.
    private static readonly HashSet<string> NotVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "for", "efter", "over", "under", "der", "her", "hvor", "når", "mer", "før", "hver", "andre", "nogle", "flere", "vor",
    };

    /// <summary>"- godkender modellen" → "- godkende modellen"; a point already in the infinitive is left as it is.</summary>
    private static string ToInfinitive(string line)
    {
        var trimmed = line.TrimStart();
        var bullet = trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("• ", StringComparison.Ordinal) ? trimmed[..2] : null;
        if (bullet is null) return line;
        var text = trimmed[2..].TrimStart();
        var end = text.IndexOfAny([' ', ',', '.']);
        var verb = end < 0 ? text : text[..end];
        // The present tense is the infinitive plus r: godkender, tager, ser, tror, bor, går.
        string? infinitive = Irregular.TryGetValue(verb, out var known) ? known
            : verb.Length >= 3 && verb.EndsWith('r') && verb.All(char.IsLetter) && !NotVerbs.Contains(verb) ? verb[..^1]
            : null;
        return infinitive is null ? line : line[..(line.Length - trimmed.Length)] + bullet + infinitive + text[verb.Length..];
    }
}
