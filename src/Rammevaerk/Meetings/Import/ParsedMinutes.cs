namespace Rammevaerk.Meetings.Import;

/// <summary>Which layout the parser recognised; the report names it.</summary>
public enum MinutesLayout
{
    /// <summary>Text of PDF minutes in seed 000's form: "REFERAT …", Indholdsfortegnelse, "Punkt N: title".</summary>
    PdfText,

    /// <summary>Text of the public web page (seed 001): "Udgivet …", UDVALG, MØDE, STED, …, PUNKTER, "N. title".</summary>
    WebPage,

    /// <summary>The web page extracted without its labels: one value a line, the list, the items by bare title.</summary>
    LabelFree,

    /// <summary>A transcript of a PDF from another system (long lines, page numbers, "Tid", "Sted", "Dato:").</summary>
    Transcript,

    /// <summary>Numbered items with a free header ("Møde …", "Tid …", "Sted …").</summary>
    Numbered,
}

/// <summary>What the importer could not know from the text; the secretariat answers it on the questions page.</summary>
public enum QuestionKind
{
    /// <summary>The meeting's date is missing or contradictory: the meeting waits, unpublished.</summary>
    Date,
    /// <summary>The clock time is missing or unreadable: the meeting is dated, shown without a time.</summary>
    Time,
    Place,
    Body,
    /// <summary>An item's title was recovered from its text, or guessed from a long line.</summary>
    Title,
    /// <summary>An item's number was derived (not in the list) or is missing.</summary>
    Number,
    /// <summary>A flattened table whose width is ambiguous was kept as lines.</summary>
    Table,
    /// <summary>Something else in the text to check.</summary>
    Text,
    /// <summary>A CPR number was found: the meeting is imported but not published.</summary>
    Cpr,
}

public sealed record ImportQuestionDraft(QuestionKind Kind, int? ItemNumber, string Text)
{
    /// <summary>Date and CPR questions hold the meeting back from publication until answered.</summary>
    public bool Blocks => Kind is QuestionKind.Date or QuestionKind.Cpr;
}

/// <summary>A source line (or part of one) left out of the meeting because it is page furniture.</summary>
/// <param name="Line">1-based line in the source text.</param>
/// <param name="Kind">Danish: "sidetal", "skabelontekst", "sidehoved fra docplayer", …</param>
public sealed record DroppedText(int Line, string Text, string Kind);

/// <summary>
/// Where every non-blank source line went: on the meeting (a field, a title, a section, the list, the text before the
/// items) or dropped as page furniture, listed with its kind.
/// </summary>
public sealed record LineAccount(int NonBlankLines, int OnMeeting, IReadOnlyList<DroppedText> Dropped)
{
    /// <summary>Source lines that were only furniture (a line can be partly furniture and partly on the meeting).</summary>
    public int DroppedLines => NonBlankLines - OnMeeting;
}

/// <summary>
/// Result of parsing minutes text. Sections are Markdown. Times are Danish local wall-clock times; the start is null
/// when the date is not certain, and <see cref="TimeUnknown"/> says the clock time is not.
/// </summary>
public sealed record ParsedMinutes(
    MinutesLayout Layout,
    bool IsMinutes,
    string? BodyName,
    string Title,
    string? Place,
    DateTime? StartsLocal,
    DateTime? EndsLocal,
    DateOnly? PublishedOn,
    IReadOnlyList<ParsedItem> Items,
    IReadOnlyList<ImportNote> Notes)
{
    public bool TimeUnknown { get; init; }

    /// <summary>The year the text names when its date is not certain (orders the meeting among its year's).</summary>
    public int? YearHint { get; init; }

    /// <summary>A region the header names ("Sekretariat for Rammeaftaler Midtjylland"): a body of that name may be another region's.</summary>
    public string? RegionNamed { get; init; }

    /// <summary>The address of the page the text came from (first line of an archived page's text).</summary>
    public string? SourceAddress { get; init; }

    /// <summary>Text before the items that is no header field (participants, case numbers): kept on the meeting.</summary>
    public string? Preamble { get; init; }

    /// <summary>How many items the source's own list (PUNKTER, contents) names; 0 when it has none.</summary>
    public int ListedCount { get; init; }

    public IReadOnlyList<ImportQuestionDraft> Questions { get; init; } = [];

    public LineAccount Lines { get; init; } = new(0, 0, []);
}

public sealed record ParsedItem(
    int Number,
    string Title,
    string? Intro,
    string? Background,
    string? Recommendation,
    string? CasePresentation,
    string? Decision,
    IReadOnlyList<string> AttachmentNames,
    bool HasFlattenedTable)
{
    /// <summary>Listed, but the source holds no text for it: kept with title and number.</summary>
    public bool NoSourceText { get; init; }

    /// <summary>The group the source lists it under ("Beslutningspunkter", "A) drøftelse"), if any.</summary>
    public string? Group { get; init; }

    public bool HasText => Intro is not null || Background is not null || Recommendation is not null
                           || CasePresentation is not null || Decision is not null || AttachmentNames.Count > 0;
}

/// <summary>Something the importer could not place exactly, or placed by a guess, in Danish for the secretariat.</summary>
/// <param name="Line">1-based line number in the source text, if the note concerns one line.</param>
/// <param name="ItemNumber">The agenda item the note concerns, if any.</param>
public sealed record ImportNote(int? Line, int? ItemNumber, string Message);

/// <summary>Thrown when the text holds no meeting at all; the message is Danish and says what was looked for.</summary>
public sealed class MinutesFormatException(string message) : Exception(message);
