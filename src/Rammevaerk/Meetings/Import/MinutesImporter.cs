using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Import;

public sealed record ImportResult(int MeetingId, bool Created, ParsedMinutes Parsed);

/// <summary>Thrown for input the secretariat must fix; the message is Danish and names what is wrong.</summary>
public sealed class ImportRejectedException(string message) : Exception(message);

/// <summary>
/// Brings archived minutes (PDF text or web page text) into a meeting. Re-importing the same minutes (same body
/// and start) updates that meeting instead of creating another; uploaded attachment files are kept.
/// </summary>
public sealed class MinutesImporter(AppDb db, MeetingLifecycle lifecycle, TimeProvider clock)
{
    public const int MaxTextLength = 2_000_000;

    public async Task<ImportResult> ImportAsync(string text, int? bodyId, string? user, CancellationToken ct = default)
    {
        if (text.Length > MaxTextLength)
        {
            throw new ImportRejectedException($"Teksten er for lang ({text.Length:N0} tegn); grænsen er {MaxTextLength:N0} tegn.");
        }
        ParsedMinutes parsed;
        try
        {
            parsed = MinutesParser.Parse(text);
        }
        catch (MinutesFormatException e)
        {
            throw new ImportRejectedException(e.Message);
        }
        if (parsed.StartsLocal is null)
        {
            throw new ImportRejectedException("Mødets starttidspunkt kunne ikke findes i teksten (\"Mødedato …\" eller \"STARTTIDSPUNKT\").");
        }

        var body = bodyId is int id
            ? await db.Bodies.SingleOrDefaultAsync(b => b.Id == id, ct)
            : await FindBodyAsync(parsed.BodyName, ct);
        if (body is null)
        {
            throw new ImportRejectedException(bodyId is null
                ? $"Udvalget '{parsed.BodyName}' fra teksten findes ikke i Rammeværk. Opret udvalget først, eller vælg et udvalg i formularen."
                : "Det valgte udvalg findes ikke.");
        }

        var startsAt = Danish.ToUtc(parsed.StartsLocal.Value);
        var key = KeyFor(body.Slug, parsed.StartsLocal.Value);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var meeting = await db.Meetings
            .Include(m => m.Items).ThenInclude(i => i.Attachments)
            .SingleOrDefaultAsync(m => m.ImportKey == key, ct);
        var created = meeting is null;
        if (meeting is null)
        {
            meeting = new Meeting { Title = parsed.Title, BodyId = body.Id, ImportKey = key, CreatedAt = now };
            db.Meetings.Add(meeting);
        }

        var notes = parsed.Notes.ToList();
        meeting.BodyId = body.Id;
        meeting.Title = Truncate(parsed.Title, Limits.Title);
        meeting.Location = parsed.Place;
        meeting.StartsAt = startsAt;
        meeting.EndsAt = parsed.EndsLocal is { } end ? Danish.ToUtc(end) : null;
        if (parsed.EndsLocal is null) notes.Add(new ImportNote(null, null, "Sluttidspunktet fremgår ikke af teksten og er ikke udfyldt."));

        var published = parsed.PublishedOn is { } on ? Danish.ToUtc(on.ToDateTime(TimeOnly.MinValue)) : now;
        if (parsed.PublishedOn is null) notes.Add(new ImportNote(null, null, "Udgivelsesdatoen fremgår ikke af teksten; importtidspunktet er brugt."));
        // A source date before the meeting is the page's first publication (the agenda's), never the minutes'.
        var sourceBeforeMeeting = parsed.PublishedOn is { } source && source < DateOnly.FromDateTime(parsed.StartsLocal.Value);
        if (parsed.IsMinutes && sourceBeforeMeeting)
            notes.Add(new ImportNote(null, null, $"Udgivelsesdatoen i teksten ({parsed.PublishedOn:dd.MM.yyyy}) ligger før mødet; den vises som kildens dato, og referatet som udgivet ved importen."));
        meeting.SourcePublishedOn = parsed.PublishedOn;
        meeting.State = parsed.IsMinutes ? MeetingState.MinutesPublished : MeetingState.AgendaPublished;
        meeting.AgendaPublishedAt ??= published;
        if (parsed.IsMinutes) meeting.MinutesPublishedAt = sourceBeforeMeeting ? now : published;
        meeting.ChangedAfterPublicationAt = created ? null : now;
        meeting.ConcurrencyStamp = Guid.NewGuid();

        MergeItems(meeting, parsed, now);
        meeting.ImportReport = Report(parsed, notes);
        await lifecycle.RecordVersionAsync(meeting, user, created ? "Importeret" : "Importeret igen");
        await tx.CommitAsync(ct);
        return new ImportResult(meeting.Id, created, parsed with { Notes = notes });
    }

    /// <summary>The identity of imported minutes: the body and the local start, e.g. "socialdirektoerforum/2025-06-27T09:00".</summary>
    public static string KeyFor(string bodySlug, DateTime startsLocal) =>
        $"{bodySlug}/{startsLocal.ToString("yyyy-MM-dd'T'HH':'mm", System.Globalization.CultureInfo.InvariantCulture)}";

    private async Task<Body?> FindBodyAsync(string name, CancellationToken ct)
    {
        var bodies = await db.Bodies.ToListAsync(ct);
        return bodies.FirstOrDefault(b => string.Equals(b.Name, name.Trim(), StringComparison.CurrentCultureIgnoreCase)
                                          || string.Equals(b.ShortName, name.Trim(), StringComparison.CurrentCultureIgnoreCase));
    }

    private void MergeItems(Meeting meeting, ParsedMinutes parsed, DateTime now)
    {
        var byNumber = meeting.Items.ToDictionary(i => i.Number);
        var numbers = parsed.Items.Select(i => i.Number).ToHashSet();
        foreach (var gone in meeting.Items.Where(i => !numbers.Contains(i.Number)).ToList())
        {
            db.AgendaItems.Remove(gone);
        }
        foreach (var p in parsed.Items)
        {
            if (!byNumber.TryGetValue(p.Number, out var item))
            {
                item = new AgendaItem { Title = p.Title, Number = p.Number };
                meeting.Items.Add(item);
            }
            item.Title = Truncate(p.Title, Limits.Title);
            item.Intro = p.Intro;
            item.Background = p.Background;
            item.Recommendation = p.Recommendation;
            item.CasePresentation = p.CasePresentation;
            item.Decision = p.Decision;
            item.HasFlattenedTable = p.HasFlattenedTable;
            var itemNotes = parsed.Notes.Where(n => n.ItemNumber == p.Number).Select(n => n.Message).ToList();
            item.ImportNotes = itemNotes.Count == 0 ? null : string.Join("\n", itemNotes);
            item.UpdatedAt = now;
            item.ConcurrencyStamp = Guid.NewGuid();

            // Keep attachments by name (an uploaded file survives re-import), add new names as missing files.
            var wanted = p.AttachmentNames.ToList();
            foreach (var stale in item.Attachments.Where(a => !wanted.Contains(a.FileName)).ToList())
            {
                if (stale.IsMissing) item.Attachments.Remove(stale);
            }
            for (var order = 0; order < wanted.Count; order++)
            {
                var existing = item.Attachments.FirstOrDefault(a => a.FileName == wanted[order]);
                if (existing is null)
                {
                    existing = new Attachment { FileName = Truncate(wanted[order], 300), IsMissing = true, AddedAt = now };
                    item.Attachments.Add(existing);
                }
                existing.SortOrder = order;
            }
        }
    }

    private static string Report(ParsedMinutes parsed, List<ImportNote> notes)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Format: {(parsed.Layout == MinutesLayout.PdfText ? "PDF-tekst" : "webside")}; {parsed.Items.Count} punkter; " +
                      $"{parsed.Items.Sum(i => i.AttachmentNames.Count)} bilag (kun navne).");
        foreach (var n in notes)
        {
            sb.Append("- ");
            if (n.ItemNumber is int item) sb.Append($"Punkt {item}: ");
            if (n.Line is int line) sb.Append($"(linje {line}) ");
            sb.AppendLine(n.Message);
        }
        return Truncate(sb.ToString(), Limits.Text);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
