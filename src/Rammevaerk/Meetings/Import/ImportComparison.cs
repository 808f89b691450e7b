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

    /// <summary>Sections the text has no text for while the meeting has: a replacement keeps them ("Baggrund").</summary>
    public IReadOnlyList<string> Kept { get; init; } = [];

    /// <summary>Sections a replacement would make much shorter, in Danish ("Baggrund forkortes fra 348 til 40 tegn").</summary>
    public IReadOnlyList<string> Shortened { get; init; } = [];

    /// <summary>Taking this item would shorten what a person wrote: the command line needs --replace-shortening.</summary>
    public bool Shortens => Shortened.Count > 0;

    /// <summary>The comparison's column "what differs", with what is kept and what is shortened.</summary>
    public string Describe() => string.Join("; ", new[]
    {
        Fields.Count > 0 ? string.Join(", ", Fields) : null,
        Kept.Count > 0 ? $"kilden har ingen tekst til {string.Join(", ", Kept)}; beholdes" : null,
        Shortened.Count > 0 ? string.Join("; ", Shortened) : null,
    }.Where(x => x is not null));
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
            var kept = new List<string>();
            var shortened = new List<string>();
            if (!Same(e.Title, p.Title) && !string.IsNullOrWhiteSpace(p.Title)) fields.Add("titel");
            Section("indledning", e.Intro, p.Intro);
            Section("Baggrund", e.Background, p.Background);
            Section("Indstilling", e.Recommendation, p.Recommendation);
            Section("Sagsfremstilling", e.CasePresentation, p.CasePresentation);
            Section("Beslutning", e.Decision, p.Decision);
            if (p.AttachmentNames.Any(n => !e.AttachmentNames.Contains(n))) fields.Add("nye bilagsnavne");
            if (e.NoSourceText && !p.NoSourceText && fields.Count == 0) fields.Add("tekst");
            result.Add(new ItemDifference(p.Number, p.Title, fields.Count == 0 ? ItemChange.Unchanged : ItemChange.Changed, fields, e.Title)
            {
                Kept = kept, Shortened = shortened,
            });

            void Section(string name, string? was, string? text)
            {
                if (Same(was, text)) return;
                if (string.IsNullOrWhiteSpace(text))
                {
                    // A text cut off inside an item has nothing for the section: never a reason to empty it.
                    kept.Add(name);
                    return;
                }
                fields.Add(name);
                int before = Length(was), after = Length(text);
                if (IsMuchShorter(before, after))
                    shortened.Add($"{name} forkortes fra {before} til {after} tegn");
            }
        }
        foreach (var e in existing.Where(e => parsed.All(p => p.Number != e.Number)))
            result.Add(new ItemDifference(e.Number, e.Title, ItemChange.MissingFromText, [], e.Title));
        return result.OrderBy(d => d.Number).ToList();
    }

    /// <summary>
    /// "Much shorter": a replacement that loses a quarter or more of a section's text (and more than a sentence) is
    /// more likely a cut-off source than an edit, so a person must choose it knowingly.
    /// </summary>
    public static bool IsMuchShorter(int before, int after) => after < before && before - after >= 40 && after * 4 < before * 3;

    private static int Length(string? s) => Normalize(s).Length;

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
