using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// The CPR check imported minutes pass before they are published (CPR-loven § 54): every title, section and attachment
/// name, and the text before the items. A meeting with a finding is imported but not published, and the places are
/// listed on the questions page. This is the one place the import checks for CPR numbers; the full pre-publication
/// check of the publishing process is meant to call it (or replace it) here.
/// </summary>
public static class ImportCprCheck
{
    /// <summary>Where the parsed minutes hold CPR numbers, e.g. "Punkt 3, Baggrund: 010190-xxxx"; empty when none.</summary>
    public static IReadOnlyList<string> Places(ParsedMinutes parsed, DateOnly today)
    {
        var found = new List<string>();
        Check(found, "Mødets titel", parsed.Title, today);
        Check(found, "Mødested", parsed.Place, today);
        Check(found, "Teksten før punkterne", parsed.Preamble, today);
        foreach (var item in parsed.Items)
            CheckItem(found, item.Number, item.Title, item.Intro, item.Background, item.Recommendation, item.CasePresentation, item.Decision, item.AttachmentNames, today);
        return found;
    }

    /// <summary>The same check over a stored meeting (its items and attachments loaded).</summary>
    public static IReadOnlyList<string> Places(Meeting meeting, DateOnly today)
    {
        var found = new List<string>();
        Check(found, "Mødets titel", meeting.Title, today);
        Check(found, "Mødested", meeting.Location, today);
        Check(found, "Teksten før punkterne", meeting.ImportPreamble, today);
        foreach (var item in meeting.Items.OrderBy(i => i.Number))
            found.AddRange(Places(item, today));
        return found;
    }

    /// <summary>The places in one stored item (its attachments loaded).</summary>
    public static IReadOnlyList<string> Places(AgendaItem item, DateOnly today)
    {
        var found = new List<string>();
        CheckItem(found, item.Number, item.Title, item.Intro, item.Background, item.Recommendation, item.CasePresentation, item.Decision,
            item.Attachments.Select(a => a.FileName).ToList(), today);
        return found;
    }

    /// <summary>Places in one parsed item (for items added to a meeting that is already public).</summary>
    public static IReadOnlyList<string> Places(ParsedItem item, DateOnly today)
    {
        var found = new List<string>();
        CheckItem(found, item.Number, item.Title, item.Intro, item.Background, item.Recommendation, item.CasePresentation, item.Decision, item.AttachmentNames, today);
        return found;
    }

    private static void CheckItem(List<string> found, int number, string title, string? intro, string? background, string? recommendation,
        string? casePresentation, string? decision, IReadOnlyList<string> attachments, DateOnly today)
    {
        Check(found, $"Punkt {number}, titel", title, today);
        Check(found, $"Punkt {number}, indledning", intro, today);
        Check(found, $"Punkt {number}, Baggrund", background, today);
        Check(found, $"Punkt {number}, Indstilling", recommendation, today);
        Check(found, $"Punkt {number}, Sagsfremstilling", casePresentation, today);
        Check(found, $"Punkt {number}, Beslutning", decision, today);
        foreach (var name in attachments) Check(found, $"Punkt {number}, bilagsnavn", name, today);
    }

    private static void Check(List<string> found, string where, string? text, DateOnly today)
    {
        foreach (var match in CprNumbers.Find(text, today))
            found.Add($"{where}: {match.Masked}");
    }
}
