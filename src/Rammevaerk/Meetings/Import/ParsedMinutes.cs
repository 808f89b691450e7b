namespace Rammevaerk.Meetings.Import;

/// <summary>The two layouts in which published minutes reach the secretariat.</summary>
public enum MinutesLayout
{
    /// <summary>Text extracted from the forum's PDF minutes (seed 000): "REFERAT …", Indholdsfortegnelse, "Punkt N: title".</summary>
    PdfText,

    /// <summary>Text of the public web page (seed 001): "Udgivet …", UDVALG, MØDE, STED, …, PUNKTER, "N. title".</summary>
    WebPage,
}

/// <summary>
/// Result of parsing minutes text. Sections are Markdown. Times are Danish local wall-clock times.
/// </summary>
public sealed record ParsedMinutes(
    MinutesLayout Layout,
    bool IsMinutes,
    string BodyName,
    string Title,
    string? Place,
    DateTime? StartsLocal,
    DateTime? EndsLocal,
    DateOnly? PublishedOn,
    IReadOnlyList<ParsedItem> Items,
    IReadOnlyList<ImportNote> Notes);

public sealed record ParsedItem(
    int Number,
    string Title,
    string? Intro,
    string? Background,
    string? Recommendation,
    string? CasePresentation,
    string? Decision,
    IReadOnlyList<string> AttachmentNames,
    bool HasFlattenedTable);

/// <summary>Something the importer could not place exactly, or placed by a guess, in Danish for the secretariat.</summary>
/// <param name="Line">1-based line number in the source text, if the note concerns one line.</param>
/// <param name="ItemNumber">The agenda item the note concerns, if any.</param>
public sealed record ImportNote(int? Line, int? ItemNumber, string Message);

/// <summary>Thrown when the text is in neither known layout; the message is Danish and says why.</summary>
public sealed class MinutesFormatException(string message) : Exception(message);
