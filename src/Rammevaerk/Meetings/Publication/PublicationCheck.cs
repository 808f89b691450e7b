using Markdig.Syntax;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Publication;

/// <summary>What a publication puts out: the agenda (no decisions) or the minutes (decisions first).</summary>
public enum PublicationStep
{
    Agenda,
    Minutes,
}

public enum FindingSeverity
{
    /// <summary>Publication is refused until it is fixed.</summary>
    Blocks,
    /// <summary>Publication needs the secretariat to confirm it has seen it.</summary>
    Warns,
}

public enum FindingKind
{
    CprNumber,
    MeetingNotEnded,
    MissingDecision,
    PastDateAfterMeeting,
    EmptyHeading,
    UnreadableAttachment,
    NonPublicLink,
    /// <summary>The Beslutning of an item with capacity notices does not say whether the forum makes a hearing or a statement.</summary>
    UnclearNoticeDecision,
}

/// <summary>Where in a meeting a text stands.</summary>
public enum CheckField
{
    MeetingTitle,
    MeetingLocation,
    MeetingTime,
    /// <summary>The imported text before the items (<see cref="Meeting.ImportPreamble"/>).</summary>
    Preamble,
    ItemTitle,
    Intro,
    Background,
    Recommendation,
    CasePresentation,
    Decision,
    Guests,
    AttachmentName,
    AttachmentText,
}

/// <summary>A place in the meeting: the header, a section of an item, or one of its attachments.</summary>
public sealed record CheckPlace(CheckField Field, int? ItemId = null, int? ItemNumber = null, string? ItemTitle = null, int? AttachmentId = null, string? AttachmentName = null)
{
    /// <summary>Identifies the place across versions (item and attachment ids are stable).</summary>
    public string Key => $"{Field}:{ItemId}:{AttachmentId}";

    /// <summary>"Punkt 4 (Botilbudskapacitet), Baggrund", "Punkt 2, bilag «Notat.pdf» (teksten)", "Mødets titel".</summary>
    public string Label => Field switch
    {
        CheckField.MeetingTitle => "Mødets titel",
        CheckField.MeetingLocation => "Mødested",
        CheckField.MeetingTime => "Mødets tidspunkt",
        CheckField.Preamble => "Teksten før punkterne",
        CheckField.ItemTitle => $"{Item}, titel",
        CheckField.AttachmentName => $"{Item}, bilag «{AttachmentName}» (filnavnet)",
        CheckField.AttachmentText => $"{Item}, bilag «{AttachmentName}» (teksten)",
        _ => $"{Item}, {SectionName(Field)}",
    };

    private string Item => ItemTitle is null ? $"Punkt {ItemNumber}" : $"Punkt {ItemNumber} ({ItemTitle})";

    public static string SectionName(CheckField field) => field switch
    {
        CheckField.Intro => "indledning og gæster",
        CheckField.Background => "Baggrund",
        CheckField.Recommendation => "Indstilling",
        CheckField.CasePresentation => "Sagsfremstilling",
        CheckField.Decision => "Beslutning",
        CheckField.Guests => "gæster",
        _ => field.ToString(),
    };

    /// <summary>The secretariat's page where the place is edited, with the field's anchor.</summary>
    public string EditLink(int meetingId) => Field switch
    {
        CheckField.MeetingTitle or CheckField.MeetingLocation or CheckField.MeetingTime => $"/sekretariat/moeder/{meetingId}#moedeoplysninger",
        CheckField.Preamble => $"/sekretariat/moeder/{meetingId}#indledning",
        CheckField.ItemTitle => $"/sekretariat/punkter/{ItemId}#Input_Title",
        CheckField.Guests => $"/sekretariat/punkter/{ItemId}#gaester",
        CheckField.AttachmentName or CheckField.AttachmentText => $"/sekretariat/punkter/{ItemId}#bilag-{AttachmentId}",
        _ => $"/sekretariat/punkter/{ItemId}#Input_{Field}",
    };
}

public sealed record Finding(FindingSeverity Severity, FindingKind Kind, CheckPlace Place, string Message, string? Excerpt = null)
{
    /// <summary>The message without the place's label in front, for a list where the label is the link.</summary>
    public string Detail => DetailOf(Place, Message);

    public static string DetailOf(CheckPlace place, string message)
    {
        var prefix = place.Label + ": ";
        if (!message.StartsWith(prefix, StringComparison.Ordinal)) return message;
        var rest = message[prefix.Length..];
        return rest.Length == 0 ? message : char.ToUpper(rest[0], Danish.Culture) + rest[1..];
    }
}

/// <summary>How an attachment's text could be read for the check.</summary>
public enum AttachmentReadability
{
    Readable,
    /// <summary>A PDF whose pages carry no text (scanned): screen readers get nothing.</summary>
    NoText,
    /// <summary>The file could not be opened (encrypted, damaged).</summary>
    Unreadable,
    /// <summary>A kind whose text is not read.</summary>
    NotRead,
}

public sealed record CheckAttachment(int Id, string FileName, bool IsMissing, AttachmentReadability Readability, string? Text);

public sealed record CheckItem(
    int Id, int Number, string Title, bool IsClosed, string? Intro, string? Background, string? Recommendation,
    string? CasePresentation, string? Decision, IReadOnlyList<string> Guests, IReadOnlyList<CheckAttachment> Attachments);

public sealed record CheckMeeting(int Id, string Title, string? Location, DateTime StartsAt, DateTime? EndsAt, IReadOnlyList<CheckItem> Items)
{
    /// <summary>Imported minutes' text before the items.</summary>
    public string? Preamble { get; init; }
}

/// <summary>
/// The check before every publication (and over what is already public): every title, every section, every
/// guest, every attachment's file name and extracted text. Pure; the caller supplies the meeting as it would be
/// published and the clock.
/// <list type="bullet">
/// <item>Blocks: a CPR number anywhere; minutes of a meeting that has not ended; minutes where an open item has no
/// Beslutning.</item>
/// <item>Warns: a date after the meeting that its sentence speaks of as past; an empty section heading; an attachment
/// whose text cannot be read (not accessible); a link to a non-public address.</item>
/// </list>
/// The archive check (<paramref name="archive"/>) applies the text rules only: the minutes are already out.
/// </summary>
public static class PublicationCheck
{
    private const int ExcerptContext = 60;

    public static IReadOnlyList<Finding> Run(CheckMeeting meeting, PublicationStep step, DateTime nowUtc, bool archive = false)
    {
        var findings = new List<Finding>();
        var today = DateOnly.FromDateTime(Danish.ToLocal(nowUtc));
        var meetingDate = DateOnly.FromDateTime(Danish.ToLocal(meeting.StartsAt));

        if (step == PublicationStep.Minutes && !archive)
        {
            var end = meeting.EndsAt ?? meeting.StartsAt;
            if (end > nowUtc)
            {
                findings.Add(new Finding(FindingSeverity.Blocks, FindingKind.MeetingNotEnded, new CheckPlace(CheckField.MeetingTime),
                    $"Mødet er ikke slut endnu (det slutter {Danish.DateAndTime(end)}). Referatet kan først udgives efter mødet."));
            }
            foreach (var item in meeting.Items.Where(i => !i.IsClosed && string.IsNullOrWhiteSpace(i.Decision)))
            {
                findings.Add(new Finding(FindingSeverity.Blocks, FindingKind.MissingDecision,
                    new CheckPlace(CheckField.Decision, item.Id, item.Number, item.Title),
                    $"Punkt {item.Number} ({item.Title}) mangler en beslutning."));
            }
        }

        CheckText(findings, new CheckPlace(CheckField.MeetingTitle), meeting.Title, today, null);
        CheckText(findings, new CheckPlace(CheckField.MeetingLocation), meeting.Location, today, null);
        CheckText(findings, new CheckPlace(CheckField.Preamble), meeting.Preamble, today, null);

        foreach (var item in meeting.Items.OrderBy(i => i.Number))
        {
            CheckPlace Place(CheckField field) => new(field, item.Id, item.Number, item.Title);
            CheckText(findings, Place(CheckField.ItemTitle), item.Title, today, null);
            var sections = new List<(CheckField Field, string? Text)>
            {
                (CheckField.Intro, item.Intro), (CheckField.Background, item.Background),
                (CheckField.Recommendation, item.Recommendation), (CheckField.CasePresentation, item.CasePresentation),
            };
            // The agenda does not carry the decisions, so they are checked when the minutes go out.
            if (step == PublicationStep.Minutes) sections.Add((CheckField.Decision, item.Decision));
            foreach (var (field, text) in sections)
            {
                if (string.IsNullOrWhiteSpace(text)) continue;
                CheckText(findings, Place(field), text, today, meetingDate);
                CheckHeadings(findings, Place(field), text);
            }
            if (item.Guests.Count > 0) CheckText(findings, Place(CheckField.Guests), string.Join("\n", item.Guests), today, null);

            foreach (var a in item.Attachments)
            {
                var namePlace = new CheckPlace(CheckField.AttachmentName, item.Id, item.Number, item.Title, a.Id, a.FileName);
                // File names join words with underscores, which a CPR number may hide behind.
                Cpr(findings, namePlace, a.FileName.Replace('_', ' '), today, showExcerpt: false);
                if (a.IsMissing) continue;
                var textPlace = namePlace with { Field = CheckField.AttachmentText };
                switch (a.Readability)
                {
                    case AttachmentReadability.NoText:
                        findings.Add(new Finding(FindingSeverity.Warns, FindingKind.UnreadableAttachment, textPlace,
                            $"Bilaget «{a.FileName}» har ingen tekst (en scannet PDF?). Det kan ikke læses af skærmlæsere og er derfor ikke tilgængeligt; læg en PDF med tekst op, hvis den findes."));
                        break;
                    case AttachmentReadability.Unreadable:
                        findings.Add(new Finding(FindingSeverity.Warns, FindingKind.UnreadableAttachment, textPlace,
                            $"Bilaget «{a.FileName}» kan ikke åbnes og læses (krypteret eller beskadiget). Det kan ikke kontrolleres for personnumre og er ikke tilgængeligt."));
                        break;
                }
                if (!string.IsNullOrEmpty(a.Text))
                {
                    Cpr(findings, textPlace, a.Text, today, showExcerpt: true);
                    Links(findings, textPlace, a.Text);
                }
            }
        }
        return findings;
    }

    private static void CheckText(List<Finding> findings, CheckPlace place, string? text, DateOnly today, DateOnly? meetingDate)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        Cpr(findings, place, text, today, showExcerpt: true);
        // Markdown escapes ("010190\-1234") and entities are undone in the rendered text, which is what readers get.
        var plain = Markdown.ToPlainText(text);
        if (!findings.Any(f => f.Kind == FindingKind.CprNumber && f.Place == place))
            Cpr(findings, place, plain, today, showExcerpt: true);
        Links(findings, place, text);
        if (meetingDate is DateOnly date) Dates(findings, place, plain, date);
    }

    private static void Cpr(List<Finding> findings, CheckPlace place, string text, DateOnly today, bool showExcerpt)
    {
        var matches = CprNumbers.Find(text, today).ToList();
        if (matches.Count == 0) return;
        var masked = string.Join(", ", matches.Select(m => m.Masked).Distinct());
        findings.Add(new Finding(FindingSeverity.Blocks, FindingKind.CprNumber, place,
            matches.Count == 1
                ? $"{place.Label}: indeholder et CPR-nummer ({masked}). CPR-numre må aldrig offentliggøres; fjern det."
                : $"{place.Label}: indeholder {matches.Count} CPR-numre ({masked}). CPR-numre må aldrig offentliggøres; fjern dem.",
            showExcerpt ? Excerpt(text, matches[0].Index, matches[0].Length, today) : null));
    }

    private static void Links(List<Finding> findings, CheckPlace place, string text)
    {
        foreach (var link in NonPublicLinks.Find(text).DistinctBy(l => l.Address))
        {
            findings.Add(new Finding(FindingSeverity.Warns, FindingKind.NonPublicLink, place,
                $"{place.Label}: linket «{Shorten(link.Address, 80)}» går til {link.Why} og kan ikke åbnes af offentligheden.",
                Excerpt(text, link.Index, link.Length, null)));
        }
    }

    private static void Dates(List<Finding> findings, CheckPlace place, string text, DateOnly meetingDate)
    {
        foreach (var mention in DanishDates.Find(text).Where(d => d.Date > meetingDate).OrderBy(d => d.Index))
        {
            var (start, end) = DanishDates.SentenceBounds(text, mention.Index, mention.Length);
            if (!DanishDates.SpeaksOfAsPast(text[start..end], mention.Index - start, mention.Index + mention.Length - start)) continue;
            var sentence = DanishDates.SentenceAround(text, mention.Index, mention.Length);
            var written = text.Substring(mention.Index, mention.Length);
            findings.Add(new Finding(FindingSeverity.Warns, FindingKind.PastDateAfterMeeting, place,
                $"{place.Label}: «{written}» ligger efter mødet ({meetingDate.ToString("d. MMMM yyyy", Danish.Culture)}), men sætningen omtaler det som sket. Er årstallet forkert?",
                Shorten(Redacted(sentence, null), 300)));
        }
    }

    private static void CheckHeadings(List<Finding> findings, CheckPlace place, string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown);
        var blocks = document.ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not HeadingBlock heading) continue;
            var title = heading.Inline is null ? "" : string.Concat(heading.Inline.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString())).Trim();
            var next = i + 1 < blocks.Count ? blocks[i + 1] : null;
            if (title.Length == 0)
            {
                findings.Add(new Finding(FindingSeverity.Warns, FindingKind.EmptyHeading, place, $"{place.Label}: en overskrift uden tekst («{markdown.Substring(heading.Span.Start, heading.Span.Length).Trim()}»)."));
            }
            else if (next is null || (next is HeadingBlock h && h.Level <= heading.Level))
            {
                findings.Add(new Finding(FindingSeverity.Warns, FindingKind.EmptyHeading, place,
                    $"{place.Label}: overskriften «{title}» har ingen tekst under sig."));
            }
        }
    }

    /// <summary>About <see cref="ExcerptContext"/> characters either side of a match, CPR numbers masked, on one line.</summary>
    private static string Excerpt(string text, int index, int length, DateOnly? today)
    {
        var start = Math.Max(0, index - ExcerptContext);
        var end = Math.Min(text.Length, index + length + ExcerptContext);
        // Never cut through a CPR number: a cut one would not be recognised, and so not masked.
        foreach (var m in CprNumbers.Find(text, today))
        {
            if (start > m.Index && start < m.Index + m.Length) start = m.Index;
            if (end > m.Index && end < m.Index + m.Length) end = m.Index + m.Length;
        }
        var piece = Redacted(text[start..end], today);
        return (start > 0 ? "…" : "") + string.Join(' ', piece.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) + (end < text.Length ? "…" : "");
    }

    /// <summary>The text with every CPR number written as its masked form ("010190-xxxx"), never in full.</summary>
    public static string Redacted(string text, DateOnly? today)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var m in CprNumbers.Find(text, today))
        {
            sb.Append(text, at, m.Index - at).Append(m.Masked);
            at = m.Index + m.Length;
        }
        return at == 0 ? text : sb.Append(text, at, text.Length - at).ToString();
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
