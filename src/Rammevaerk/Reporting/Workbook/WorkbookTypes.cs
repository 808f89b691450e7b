using Rammevaerk.Offers;
using Rammevaerk.Reporting.Validation;

namespace Rammevaerk.Reporting.Workbook;

/// <summary>
/// What a pre-filled annual-report workbook is for: one operator's report in one round. The round, operator, year
/// and <see cref="TemplateVersion"/> are written into the workbook (sheet "Vejledning", block "Skabelonoplysninger")
/// and checked again when the workbook comes back.
/// </summary>
public sealed record WorkbookHeader(
    int RoundId,
    int Year,
    int OperatorId,
    string OperatorName,
    string Region,
    DateOnly Deadline,
    string? Instructions)
{
    /// <summary>The layout version; a workbook of another version is refused on upload.</summary>
    public const string TemplateVersion = "RV-2026.1";

    /// <summary>
    /// Last year's approved figures by offer id (as <see cref="ValidationContext.LastYear"/>), shown read-only in the
    /// column "Sidste års takst" beside each service with the same service id. Empty when not known.
    /// </summary>
    public IReadOnlyDictionary<int, OfferSnapshot> LastYear { get; init; } = new Dictionary<int, OfferSnapshot>();
}

/// <summary>
/// The maintained lists a workbook offers in its drop-downs (sheet "Lister") and the reader resolves names against:
/// legal-basis codes ("SEL § 107"), target-group names and the municipalities by code.
/// </summary>
public sealed record WorkbookLists(
    IReadOnlyList<string> LegalBases,
    IReadOnlyList<string> TargetGroups,
    IReadOnlyDictionary<int, string> Municipalities)
{
    /// <summary>The lists every installation starts with (<see cref="ReferenceLists"/>) and the given municipalities.</summary>
    public static WorkbookLists Standard(IReadOnlyDictionary<int, string> municipalities) => new(
        ReferenceLists.LegalBases.Select(l => l.Code).ToList(),
        ReferenceLists.TargetGroups.Select(t => t.Name).ToList(),
        municipalities);
}

/// <summary>The caps an uploaded workbook must stay within; anything beyond is refused before it is read.</summary>
public sealed record WorkbookLimits
{
    public static readonly WorkbookLimits Default = new();

    /// <summary>The largest upload accepted (10 MB).</summary>
    public long MaxUploadBytes { get; init; } = 10 * 1024 * 1024;
    /// <summary>The most the zip's entries may declare to unpack to, all together (100 MB).</summary>
    public long MaxUncompressedBytes { get; init; } = 100 * 1024 * 1024;
    /// <summary>The highest unpacked/packed ratio of an entry larger than <see cref="RatioCheckFromBytes"/>.</summary>
    public double MaxCompressionRatio { get; init; } = 100;
    /// <summary>Entries smaller than this are not held to <see cref="MaxCompressionRatio"/> (1 MB).</summary>
    public long RatioCheckFromBytes { get; init; } = 1024 * 1024;
    /// <summary>The most files a workbook's zip may hold.</summary>
    public int MaxZipEntries { get; init; } = 500;
    /// <summary>The most filled rows on the sheet "Tilbud" (the header row not counted).</summary>
    public int MaxOfferRows { get; init; } = 5000;
    /// <summary>The most filled rows on the sheet "Køberkommuner" (the header row not counted).</summary>
    public int MaxBuyerRows { get; init; } = 5000;
}

/// <summary>
/// What an uploaded workbook must be: the round, operator and year it was handed out for, with the lists the reader
/// resolves names against. <see cref="OperatorName"/> is put on the read offers (the workbook's own copy of the name
/// is used when this is null).
/// </summary>
public sealed record WorkbookExpectation(int RoundId, int OperatorId, int Year, WorkbookLists Lists)
{
    public string? OperatorName { get; init; }

    /// <summary>
    /// The operator's own offers, departments and services: the only ids the grey columns may hold. Not given, no
    /// id is accepted (every row must then be a new offer).
    /// </summary>
    public Validation.OwnedOffers? Owned { get; init; }
    public WorkbookLimits Limits { get; init; } = WorkbookLimits.Default;
}

/// <summary>
/// The offers read from an uploaded workbook and the problems found reading it.
/// <para>
/// <b>When <see cref="Problems"/> holds an error (<see cref="HasErrors"/>), the caller must import nothing</b>: the
/// reader then returns no offers at all, and the problems are shown to the reporter to correct the file and upload
/// it again. File-level problems (not an xlsx, password, wrong round, too large …) have <c>OfferIndex</c> −1 and no
/// offer name; cell-level problems point at the offer in the order the sheet lists them and carry their
/// <see cref="ReportIssue.Location"/> ("Ark 'Tilbud', celle P7").
/// </para>
/// Issues the validation finds in <see cref="Offers"/> get their place in the workbook from <see cref="Locate"/>.
/// </summary>
public sealed class WorkbookReadResult
{
    private readonly WorkbookRowMap rowMap;

    internal WorkbookReadResult(List<OfferSnapshot> offers, List<ReportIssue> problems, WorkbookRowMap rowMap)
    {
        Offers = offers;
        Problems = problems;
        this.rowMap = rowMap;
    }

    /// <summary>The offers, grouped back from the rows (empty when <see cref="HasErrors"/>).</summary>
    public List<OfferSnapshot> Offers { get; }

    /// <summary>File- and cell-level problems, in sheet and row order; every one is an error.</summary>
    public List<ReportIssue> Problems { get; }

    public bool HasErrors => Problems.Any(p => p.Severity == IssueSeverity.Error);

    /// <summary>
    /// The issues with <see cref="ReportIssue.Location"/> filled in from their offer, department, service and buyer
    /// indexes and field: the cell ("Ark 'Tilbud', celle P7"), the rows of an offer ("Ark 'Tilbud', række 4–6") or
    /// the buyers' sheet. Issues that already have a location keep it.
    /// </summary>
    public IReadOnlyList<ReportIssue> Locate(IEnumerable<ReportIssue> issues) =>
        issues.Select(i => i.Location is null ? i with { Location = rowMap.Locate(i) } : i).ToList();
}
