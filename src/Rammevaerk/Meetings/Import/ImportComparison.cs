namespace Rammevaerk.Meetings.Import;

/// <summary>How one item of an imported text relates to the meeting that already exists.</summary>
public enum ItemChange
{
    /// <summary>In the text, not on the meeting: can be added.</summary>
    New,
    /// <summary>On both with different content: can replace the item (a new version; every link stays).</summary>
    Changed,
    Unchanged,
    /// <summary>On the meeting, not in the text: always kept.</summary>
    MissingFromText,
    /// <summary>Named in the text's list without text, while the meeting has the item: the meeting's item is kept.</summary>
    NoTextInSource,
}

/// <param name="Fields">Danish names of what differs ("titel", "Beslutning", "nye bilagsnavne").</param>
public sealed record ItemDifference(int Number, string Title, ItemChange Change, IReadOnlyList<string> Fields, string? ExistingTitle)
{
    public bool CanTake => Change is ItemChange.New or ItemChange.Changed;
}

/// <summary>An item as it stands on the meeting, for the comparison.</summary>
public sealed record ExistingItemText(int Number, string Title, string? Intro, string? Background, string? Recommendation,
    string? CasePresentation, string? Decision, IReadOnlyList<string> AttachmentNames, bool NoSourceText);

/// <summary>Compares an imported text with the meeting item by item, before anything is written. Pure.</summary>
public static class ImportComparison
{
    public static List<ItemDifference> Compare(IReadOnlyList<ExistingItemText> existing, IReadOnlyList<ParsedItem> parsed)
    {
        var result = new List<ItemDifference>();
        var byNumber = existing.ToDictionary(e => e.Number);
        foreach (var p in parsed)
        {
            if (!byNumber.TryGetValue(p.Number, out var e))
            {
                result.Add(new ItemDifference(p.Number, p.Title, ItemChange.New, [], null));
                continue;
            }
            if (p.NoSourceText && !e.NoSourceText)
            {
                result.Add(new ItemDifference(p.Number, p.Title, ItemChange.NoTextInSource, [], e.Title));
                continue;
            }
            var fields = new List<string>();
            if (!Same(e.Title, p.Title)) fields.Add("titel");
            if (!Same(e.Intro, p.Intro)) fields.Add("indledning");
            if (!Same(e.Background, p.Background)) fields.Add("Baggrund");
            if (!Same(e.Recommendation, p.Recommendation)) fields.Add("Indstilling");
            if (!Same(e.CasePresentation, p.CasePresentation)) fields.Add("Sagsfremstilling");
            if (!Same(e.Decision, p.Decision)) fields.Add("Beslutning");
            if (p.AttachmentNames.Any(n => !e.AttachmentNames.Contains(n))) fields.Add("nye bilagsnavne");
            if (e.NoSourceText && !p.NoSourceText && fields.Count == 0) fields.Add("tekst");
            result.Add(new ItemDifference(p.Number, p.Title, fields.Count == 0 ? ItemChange.Unchanged : ItemChange.Changed, fields, e.Title));
        }
        foreach (var e in existing.Where(e => parsed.All(p => p.Number != e.Number)))
            result.Add(new ItemDifference(e.Number, e.Title, ItemChange.MissingFromText, [], e.Title));
        return result.OrderBy(d => d.Number).ToList();
    }

    /// <summary>Equal apart from spacing (a re-extraction may wrap or space differently).</summary>
    private static bool Same(string? a, string? b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    private static string Normalize(string? s) =>
        s is null ? "" : string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Danish(ItemChange change) => change switch
    {
        ItemChange.New => "Ny",
        ItemChange.Changed => "Ændret",
        ItemChange.Unchanged => "Uændret",
        ItemChange.MissingFromText => "Mangler i teksten (beholdes)",
        ItemChange.NoTextInSource => "Kun titel i teksten (beholdes)",
        _ => change.ToString(),
    };
}
