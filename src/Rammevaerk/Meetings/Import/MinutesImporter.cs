using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Import;

public sealed record ImportResult(int MeetingId, bool Created, ParsedMinutes Parsed);

/// <summary>Thrown for input the secretariat must fix; the message is Danish and names what is wrong.</summary>
public sealed class ImportRejectedException(string message) : Exception(message);

/// <summary>What an import would do, worked out before anything is written.</summary>
/// <param name="BodyId">The body the text belongs to, when Rammeværk has it.</param>
/// <param name="BodyName">The body's name: the existing one's, or the name a new body would get.</param>
/// <param name="ExistingMeetingId">The meeting the text is for, when it exists; then <paramref name="Differences"/> compares item by item.</param>
public sealed record ImportPlan(
    ParsedMinutes Parsed,
    int? BodyId,
    string? BodyName,
    string Key,
    int? ExistingMeetingId,
    IReadOnlyList<ItemDifference> Differences)
{
    public bool IsNew => ExistingMeetingId is null;

    /// <summary>The meeting exists and the text would add or change nothing.</summary>
    public bool Identical => !IsNew && Differences.All(d => !d.CanTake);

    public IReadOnlyList<int> NewNumbers => Differences.Where(d => d.Change == ItemChange.New).Select(d => d.Number).ToList();

    public IReadOnlyList<int> ChangedNumbers => Differences.Where(d => d.Change == ItemChange.Changed).Select(d => d.Number).ToList();
}

/// <summary>What was written.</summary>
public sealed record ImportApplied(int MeetingId, bool Created, int Added, int Replaced, IReadOnlyList<ImportQuestionDraft> Questions,
    bool Published, string? BodyCreated);

/// <summary>
/// Brings archived minutes into Rammeværk without ever destroying anything. <see cref="PlanAsync"/> reads only: it
/// finds the body and the meeting and compares the text with it item by item. <see cref="ApplyAsync"/> writes in one
/// transaction: a new meeting whole, or, for a meeting that exists, only the items the secretariat took from the
/// text (new ones added; changed ones replaced in place, so every link to the item stays, and the change becomes a
/// new version of a published meeting). Items missing from the text are never removed. Minutes that were public at
/// their source are published as they were once their date is certain and the CPR check is clean; otherwise the
/// meeting waits as a draft with its questions.
/// </summary>
public sealed class MinutesImporter(AppDb db, MeetingLifecycle lifecycle, Publication.Publisher publisher, TimeProvider clock, IConfiguration config)
{
    public const int MaxTextLength = 2_000_000;

    private string Region => config["Rammevaerk:Region"] ?? "Region Syddanmark";

    /// <summary>Parses a text with the bodies Rammeværk knows (a label-free page names its body on a line of its own).</summary>
    public async Task<ParsedMinutes> ParseAsync(string text, CancellationToken ct = default)
    {
        if (text.Length > MaxTextLength)
            throw new ImportRejectedException($"Teksten er for lang ({Danish.Number(text.Length)} tegn); grænsen er {Danish.Number(MaxTextLength)} tegn.");
        var bodies = await db.Bodies.AsNoTracking().Select(b => b.Name).ToListAsync(ct);
        try
        {
            return MinutesParser.Parse(text, bodies);
        }
        catch (MinutesFormatException e)
        {
            throw new ImportRejectedException(e.Message);
        }
    }

    public async Task<ImportPlan> PlanAsync(ParsedMinutes parsed, int? bodyId, CancellationToken ct = default)
    {
        Body? body = bodyId is int id ? await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) : null;
        if (bodyId is not null && body is null) throw new ImportRejectedException("Det valgte udvalg findes ikke.");
        // A stop phrase ("og referat") is never a body's name: without one, the import waits for the secretariat to choose.
        string? name = parsed.BodyName is { } n && !MinutesParser.IsStopPhrase(n) ? parsed.BodyName : null;
        if (body is null && name is not null)
        {
            // A body of another region ("Forretningsudvalget" of Midtjylland) is not ours of the same name.
            if (parsed.RegionNamed is { } region && !Region.Contains(region, StringComparison.OrdinalIgnoreCase)
                && !name.Contains(region, StringComparison.OrdinalIgnoreCase))
                name = $"{name} ({region})";
            body = await FindBodyAsync(name, ct);
        }
        string slug = body?.Slug ?? Slug.From(name ?? "ukendt-udvalg");
        string key = KeyFor(slug, parsed);

        var meeting = await FindMeetingAsync(key, body?.Id, parsed, ct);
        IReadOnlyList<ItemDifference> differences = [];
        if (meeting is int meetingId)
        {
            var existing = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meetingId)
                .Select(i => new ExistingItemText(i.Number, i.Title, i.Intro, i.Background, i.Recommendation, i.CasePresentation, i.Decision,
                    i.Attachments.Select(a => a.FileName).ToList(), i.NoSourceText))
                .ToListAsync(ct);
            differences = ImportComparison.Compare(existing, parsed.Items);
        }
        return new ImportPlan(parsed, body?.Id, body?.Name ?? name, key, meeting, differences);
    }

    /// <summary>
    /// Writes the plan in one transaction (the caller's, if it has one). For a new meeting everything is written; for
    /// an existing one only the item numbers in <paramref name="take"/> (new ones added, changed ones replaced).
    /// </summary>
    /// <param name="createBody">Create the body under <see cref="ImportPlan.BodyName"/> when Rammeværk lacks it.</param>
    public async Task<ImportApplied> ApplyAsync(ImportPlan plan, IReadOnlySet<int> take, string? user, bool createBody,
        string? sourceName, int? importFileId, CancellationToken ct = default)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        string? bodyCreated = null;
        int? bodyId = plan.BodyId;
        if (bodyId is null)
        {
            if (!createBody || plan.BodyName is null)
                throw new ImportRejectedException(plan.BodyName is null
                    ? "Teksten nævner ikke udvalget. Vælg udvalget, og importér igen."
                    : $"Udvalget '{plan.BodyName}' findes ikke i Rammeværk. Opret det fra importsiden, eller vælg et andet udvalg.");
            var body = await CreateBodyAsync(plan.BodyName, ct);
            bodyId = body.Id;
            bodyCreated = body.Name;
        }

        ImportApplied applied = plan.ExistingMeetingId is int existing
            ? await ApplyToExistingAsync(plan, existing, take, user, importFileId, ct)
            : await CreateMeetingAsync(plan, bodyId.Value, user, sourceName, importFileId, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return applied with { BodyCreated = bodyCreated };
    }

    /// <summary>Parse, plan and write in one go, adding only what is new to an existing meeting (demo data, simple callers).</summary>
    public async Task<ImportResult> ImportAsync(string text, int? bodyId, string? user, CancellationToken ct = default)
    {
        var parsed = await ParseAsync(text, ct);
        var plan = await PlanAsync(parsed, bodyId, ct);
        if (plan.BodyId is null)
            throw new ImportRejectedException(plan.BodyName is null
                ? "Teksten nævner ikke udvalget. Vælg et udvalg i formularen."
                : $"Udvalget '{plan.BodyName}' fra teksten findes ikke i Rammeværk. Opret udvalget først, eller vælg et udvalg i formularen.");
        var applied = await ApplyAsync(plan, plan.NewNumbers.ToHashSet(), user, createBody: false, null, null, ct);
        return new ImportResult(applied.MeetingId, applied.Created, parsed);
    }

    /// <summary>
    /// Publishes imported minutes that were held back, once no blocking question is open (their date is certain and
    /// the CPR check is clean), in the state they had at their source. Returns whether it published. The caller owns
    /// the transaction.
    /// </summary>
    public async Task<bool> PublishIfSettledAsync(Meeting meeting, string? user, CancellationToken ct = default)
    {
        if (meeting.HeldBackAs is not { } state || meeting.State != MeetingState.Draft) return false;
        bool open = await db.ImportQuestions.AnyAsync(q => q.MeetingId == meeting.Id && q.Blocks && q.ResolvedAt == null, ct);
        if (open) return false;
        // The one check before every publication (Meetings/Publication): a CPR number anywhere blocks.
        return await publisher.PublishImportedAsync(meeting, state, user, ct: ct);
    }

    /// <summary>
    /// The identity of imported minutes: the body and the local start, e.g. "socialdirektoerforum/2025-06-27T09:00";
    /// without a certain date, the body and a fingerprint of the title and item titles.
    /// </summary>
    public static string KeyFor(string bodySlug, DateTime startsLocal) =>
        $"{bodySlug}/{startsLocal.ToString("yyyy-MM-dd'T'HH':'mm", CultureInfo.InvariantCulture)}";

    public static string KeyFor(string bodySlug, ParsedMinutes parsed)
    {
        if (parsed.StartsLocal is { } starts) return KeyFor(bodySlug, starts);
        var fingerprint = parsed.Title + "\n" + string.Join("\n", parsed.Items.Select(i => $"{i.Number}. {i.Title}"));
        return $"{bodySlug}/uden-dato-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)))[..12]}";
    }

    private async Task<Body?> FindBodyAsync(string name, CancellationToken ct)
    {
        var bodies = await db.Bodies.AsNoTracking().ToListAsync(ct);
        string wanted = MinutesParser.CollapseSpaces(name);
        return bodies.FirstOrDefault(b => string.Equals(b.Name, wanted, StringComparison.CurrentCultureIgnoreCase)
                                          || string.Equals(b.ShortName, wanted, StringComparison.CurrentCultureIgnoreCase)
                                          || b.Slug == Slug.From(wanted));
    }

    /// <summary>By import key; otherwise the body's only meeting at that start (one made by hand before its minutes were imported).</summary>
    private async Task<int?> FindMeetingAsync(string key, int? bodyId, ParsedMinutes parsed, CancellationToken ct)
    {
        var byKey = await db.Meetings.Where(m => m.ImportKey == key).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (byKey is not null || bodyId is null || parsed.StartsLocal is not { } starts || parsed.TimeUnknown) return byKey;
        var at = Danish.ToUtc(starts);
        var same = await db.Meetings.Where(m => m.BodyId == bodyId && m.StartsAt == at).OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync(ct);
        return same.Count == 1 ? same[0] : null;
    }

    /// <summary>A body made for imported minutes (kind Other, last in the order, a unique slug); the caller saves in its transaction.</summary>
    public async Task<Body> CreateBodyAsync(string name, CancellationToken ct = default)
    {
        if (MinutesParser.IsStopPhrase(name))
            throw new ImportRejectedException($"\"{name}\" er ikke et udvalgs navn. Vælg udvalget, eller skriv dets navn.");
        var slugs = await db.Bodies.Select(b => b.Slug).ToListAsync(ct);
        var order = await db.Bodies.Select(b => (int?)b.SortOrder).MaxAsync(ct) ?? 0;
        var body = new Body
        {
            Name = Truncate(MinutesParser.CollapseSpaces(name), 200), Slug = Slug.Unique(Slug.From(name), slugs), Kind = BodyKind.Other,
            SortOrder = order + 1, Description = "Oprettet ved import af arkiverede referater.",
        };
        db.Bodies.Add(body);
        await db.SaveChangesAsync(ct);
        return body;
    }

    private async Task<ImportApplied> CreateMeetingAsync(ImportPlan plan, int bodyId, string? user, string? sourceName, int? importFileId, CancellationToken ct)
    {
        var parsed = plan.Parsed;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Danish.ToLocal(now));
        var questions = parsed.Questions.ToList();
        var cpr = ImportCprCheck.Places(parsed, today);
        if (cpr.Count > 0)
            questions.Add(new ImportQuestionDraft(QuestionKind.Cpr, null,
                $"Teksten indeholder CPR-numre, som aldrig må offentliggøres: {string.Join("; ", cpr)}. Mødet er importeret, men ikke offentliggjort. Fjern numrene de nævnte steder (i punkterne eller i teksten før punkterne på mødets side), og markér spørgsmålet som besvaret."));
        bool heldBack = questions.Any(q => q.Blocks);

        // Without a certain date the start only orders the draft among its year's meetings; it is never shown as a
        // fact: the meeting is not published, and the questions page asks for the date.
        var startsLocal = parsed.StartsLocal ?? new DateTime(parsed.YearHint ?? Danish.ToLocal(now).Year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var meeting = new Meeting
        {
            Title = Truncate(parsed.Title, Limits.Title), BodyId = bodyId, ImportKey = plan.Key, CreatedAt = now,
            Location = parsed.Place is null ? null : Truncate(parsed.Place, 300),
            StartsAt = Danish.ToUtc(startsLocal),
            EndsAt = parsed.EndsLocal is { } end ? Danish.ToUtc(end) : null,
            TimeUnknown = parsed.StartsLocal is null || parsed.TimeUnknown,
            ImportPreamble = parsed.Preamble is null ? null : Truncate(parsed.Preamble, Limits.Text),
            ImportSource = Truncate(parsed.SourceAddress ?? sourceName ?? "", 1000) is { Length: > 0 } src ? src : null,
            ImportReport = Report(parsed, questions),
        };
        foreach (var p in parsed.Items) meeting.Items.Add(NewItem(p, parsed, now));
        foreach (var q in questions) db.ImportQuestions.Add(Question(meeting, q, importFileId, now));
        db.Meetings.Add(meeting);

        var publishedState = parsed.IsMinutes ? MeetingState.MinutesPublished : MeetingState.AgendaPublished;
        if (heldBack)
        {
            meeting.State = MeetingState.Draft;
            meeting.HeldBackAs = publishedState;
            await db.SaveChangesAsync(ct);
        }
        else
        {
            var published = parsed.PublishedOn is { } on ? Danish.ToUtc(on.ToDateTime(TimeOnly.MinValue)) : now;
            // A source date before the meeting is the page's first publication (the agenda's), never the minutes'.
            var sourceBeforeMeeting = parsed.PublishedOn is { } source && parsed.StartsLocal is { } starts && source < DateOnly.FromDateTime(starts);
            meeting.SourcePublishedOn = parsed.PublishedOn;
            meeting.State = MeetingState.Draft;
            if (!await publisher.PublishImportedAsync(meeting, publishedState, user, published, sourceBeforeMeeting ? now : published, ct))
            {
                // The full check found a CPR number the text check did not (an attachment's text): held back.
                meeting.HeldBackAs = publishedState;
                var question = new ImportQuestionDraft(QuestionKind.Cpr, null,
                    "Kontrollen før udgivelse fandt CPR-numre i mødet. Mødet er importeret, men ikke offentliggjort. Fjern numrene, og markér spørgsmålet som besvaret.");
                questions.Add(question);
                db.ImportQuestions.Add(Question(meeting, question, importFileId, now));
                heldBack = true;
                await db.SaveChangesAsync(ct);
            }
        }
        return new ImportApplied(meeting.Id, true, parsed.Items.Count, 0, questions, !heldBack, null);
    }

    private async Task<ImportApplied> ApplyToExistingAsync(ImportPlan plan, int meetingId, IReadOnlySet<int> take, string? user, int? importFileId, CancellationToken ct)
    {
        var parsed = plan.Parsed;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Danish.ToLocal(now));
        var meeting = await db.Meetings.Include(m => m.Items).ThenInclude(i => i.Attachments).SingleAsync(m => m.Id == meetingId, ct);
        var allowed = plan.Differences.Where(d => d.CanTake && take.Contains(d.Number)).ToDictionary(d => d.Number);
        var questions = new List<ImportQuestionDraft>();
        int added = 0, replaced = 0;
        foreach (var p in parsed.Items.Where(p => allowed.ContainsKey(p.Number)))
        {
            if (meeting.IsPublished && ImportCprCheck.Places(p, today) is { Count: > 0 } cpr)
            {
                // The meeting is public: an item with a CPR number must not reach it.
                questions.Add(new ImportQuestionDraft(QuestionKind.Cpr, p.Number,
                    $"Punkt {p.Number} i den importerede tekst indeholder CPR-numre ({string.Join("; ", cpr)}); punktet er ikke taget med på det offentlige møde."));
                continue;
            }
            var item = meeting.Items.SingleOrDefault(i => i.Number == p.Number);
            if (item is null)
            {
                meeting.Items.Add(NewItem(p, parsed, now));
                added++;
            }
            else
            {
                // In place: the item keeps its id, so capacity notices, follow-ups, announcements, calculations and
                // appointments still point at it; the text it had lives on in the meeting's earlier version. A section
                // the text has nothing for keeps what the meeting has (never destroy).
                Fill(item, KeepingWhatTheTextLacks(p, item), parsed, now);
                AddAttachmentNames(item, p, now);
                replaced++;
            }
            questions.AddRange(parsed.Questions.Where(q => q.ItemNumber == p.Number));
        }
        foreach (var q in questions) db.ImportQuestions.Add(Question(meeting, q, importFileId, now));
        if (added + replaced == 0)
        {
            await db.SaveChangesAsync(ct);
            return new ImportApplied(meeting.Id, false, 0, 0, questions, meeting.IsPublished, null);
        }
        string what = $"Importeret igen: {added} punkter tilføjet, {replaced} erstattet";
        meeting.ImportReport = Truncate((meeting.ImportReport ?? "") + "\n" + what + ".\n" + Report(parsed, questions), Limits.Text);
        await lifecycle.SaveChangeAsync(meeting, user, what);
        // A public meeting shows the re-imported text only through the check (a CPR number keeps it in the working copy).
        if (meeting.IsPublished) await publisher.PublishImportedAsync(meeting, meeting.State, user, ct: ct);
        return new ImportApplied(meeting.Id, false, added, replaced, questions, meeting.IsPublished, null);
    }

    /// <summary>The parsed item with every section (and the title) the source has no text for taken from the meeting's item.</summary>
    private static ParsedItem KeepingWhatTheTextLacks(ParsedItem p, AgendaItem item) => p with
    {
        Title = string.IsNullOrWhiteSpace(p.Title) ? item.Title : p.Title,
        Intro = Keep(p.Intro, item.Intro),
        Background = Keep(p.Background, item.Background),
        Recommendation = Keep(p.Recommendation, item.Recommendation),
        CasePresentation = Keep(p.CasePresentation, item.CasePresentation),
        Decision = Keep(p.Decision, item.Decision),
        HasFlattenedTable = p.HasFlattenedTable || item.HasFlattenedTable,
        NoSourceText = p.NoSourceText && item.NoSourceText,
    };

    private static string? Keep(string? text, string? existing) => string.IsNullOrWhiteSpace(text) ? existing : text;

    private static AgendaItem NewItem(ParsedItem p, ParsedMinutes parsed, DateTime now)
    {
        var item = new AgendaItem { Title = Truncate(p.Title, Limits.Title), Number = p.Number };
        Fill(item, p, parsed, now);
        AddAttachmentNames(item, p, now);
        return item;
    }

    private static void Fill(AgendaItem item, ParsedItem p, ParsedMinutes parsed, DateTime now)
    {
        item.Title = Truncate(p.Title, Limits.Title);
        item.Intro = Clip(p.Intro);
        item.Background = Clip(p.Background);
        item.Recommendation = Clip(p.Recommendation);
        item.CasePresentation = Clip(p.CasePresentation);
        item.Decision = Clip(p.Decision);
        item.HasFlattenedTable = p.HasFlattenedTable;
        item.NoSourceText = p.NoSourceText;
        var itemNotes = parsed.Notes.Where(n => n.ItemNumber == p.Number).Select(n => n.Message)
            .Concat(parsed.Questions.Where(q => q.ItemNumber == p.Number).Select(q => q.Text)).ToList();
        if (p.Group is not null) itemNotes.Insert(0, $"Står i kildens punktliste under \"{p.Group}\".");
        item.ImportNotes = itemNotes.Count == 0 ? null : Truncate(string.Join("\n", itemNotes), Limits.Text);
        item.UpdatedAt = now;
        item.ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>New names are added as missing files; nothing is removed (an uploaded file survives every import).</summary>
    private static void AddAttachmentNames(AgendaItem item, ParsedItem p, DateTime now)
    {
        int order = item.Attachments.Count == 0 ? 0 : item.Attachments.Max(a => a.SortOrder) + 1;
        foreach (var name in p.AttachmentNames)
        {
            string fileName = Truncate(name, 300);
            if (item.Attachments.Any(a => a.FileName == fileName)) continue;
            item.Attachments.Add(new Attachment { FileName = fileName, IsMissing = true, AddedAt = now, SortOrder = order++ });
        }
    }

    private static ImportQuestion Question(Meeting meeting, ImportQuestionDraft q, int? importFileId, DateTime now) => new()
    {
        Meeting = meeting, ItemNumber = q.ItemNumber, Kind = q.Kind, Text = Truncate(q.Text, 2000), Blocks = q.Blocks,
        ImportFileId = importFileId, CreatedAt = now,
    };

    private static string Report(ParsedMinutes parsed, IReadOnlyList<ImportQuestionDraft> questions)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Format: {ImportReports.LayoutName(parsed.Layout)}; {parsed.Items.Count} punkter ({parsed.Items.Count(i => !i.NoSourceText)} med tekst)" +
                      $"{(parsed.ListedCount > 0 ? $", {parsed.ListedCount} i kildens punktliste" : "")}; " +
                      $"{parsed.Items.Sum(i => i.AttachmentNames.Count)} bilag (kun navne); " +
                      $"{parsed.Lines.OnMeeting} af {parsed.Lines.NonBlankLines} kildelinjer på mødet, {parsed.Lines.Dropped.Count} stykker sidefyld udeladt.");
        foreach (var q in questions)
            sb.AppendLine($"- Spørgsmål: {q.Text}");
        foreach (var n in parsed.Notes)
        {
            sb.Append("- ");
            if (n.ItemNumber is int item && !n.Message.StartsWith("Punkt ", StringComparison.Ordinal)) sb.Append($"Punkt {item}: ");
            if (n.Line is int line) sb.Append($"(linje {line}) ");
            sb.AppendLine(n.Message);
        }
        return Truncate(sb.ToString(), Limits.Text);
    }

    private static string? Clip(string? s) => s is null ? null : Truncate(s, Limits.Text);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
