namespace Rammevaerk.Meetings.Import;

/// <summary>Where one file of an import stands.</summary>
public enum ImportFileState
{
    /// <summary>Waiting for a worker (any app instance) to claim it.</summary>
    Queued,
    /// <summary>Claimed by <see cref="ImportFile.ClaimedBy"/> until <see cref="ImportFile.ClaimedUntil"/>; after that any worker may take it over.</summary>
    Working,
    /// <summary>Finished: see <see cref="ImportFile.Outcome"/>.</summary>
    Done,
    /// <summary>The meeting exists and the text differs: nothing was written; the secretariat chooses per item.</summary>
    AwaitingChoice,
    /// <summary>The text names a body Rammeværk does not have: the secretariat creates or chooses it.</summary>
    NeedsBody,
}

public enum ImportOutcome
{
    None,
    /// <summary>A meeting was created (or items added/replaced) with nothing left to check.</summary>
    Accepted,
    /// <summary>Written, with questions for the secretariat on the questions page.</summary>
    AcceptedWithQuestions,
    /// <summary>Not written; <see cref="ImportFile.Reason"/> says why in Danish.</summary>
    Refused,
    /// <summary>The meeting exists with the same content: nothing to do.</summary>
    Unchanged,
    /// <summary>The same file (same bytes) is already in this import.</summary>
    Duplicate,
    /// <summary>The secretariat kept the existing meeting as it was.</summary>
    Kept,
}

/// <summary>
/// One upload (a file, several files, a folder as a zip, or pasted text): the durable job that the import worker
/// processes file by file. The page shows its progress from the database, so it survives leaving the page and a
/// restart, and any app instance may do the work.
/// </summary>
[Hosting.NotPublicData("Import bookkeeping for the secretariat; the meetings it makes are public data of their own.")]
public sealed class ImportBatch
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The body chosen on the upload page for every file, if any; otherwise each text names its own.</summary>
    public int? BodyId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public List<ImportFile> Files { get; set; } = [];
}

[Hosting.NotPublicData("Import bookkeeping (claims, progress, reports) for the secretariat.")]
public sealed class ImportFile
{
    public int Id { get; set; }
    public int BatchId { get; set; }
    public ImportBatch Batch { get; set; } = null!;
    /// <summary>Position in the batch; files are taken in this order.</summary>
    public int Order { get; set; }
    public required string Name { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>The uploaded bytes of a PDF or text file until its text is read; a web page is stored as its text only
    /// (its scripts are never stored). Cleared once the text is read.</summary>
    public byte[]? Content { get; set; }
    /// <summary>The text the parser read (what a later comparison and the choice page work from).</summary>
    public string? Text { get; set; }
    /// <summary>Furniture taken out before the text (a saved page's menus and footer), as JSON.</summary>
    public string? PreDroppedJson { get; set; }
    public ImportFileState State { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public int Attempts { get; set; }
    public ImportOutcome Outcome { get; set; }
    /// <summary>Danish: why it was refused or waits, or what was done.</summary>
    public string? Reason { get; set; }
    public int? MeetingId { get; set; }
    /// <summary>The body the secretariat chose or created for this file (otherwise the batch's, or the text's own).</summary>
    public int? BodyId { get; set; }
    public string? BodyName { get; set; }
    public int ItemsFound { get; set; }
    public int ItemsListed { get; set; }
    public int LinesTotal { get; set; }
    public int LinesOnMeeting { get; set; }
    public int LinesDropped { get; set; }
    public int Questions { get; set; }
    /// <summary>The full report (notes, questions, dropped lines, comparison) as JSON; see <see cref="FileReport"/>.</summary>
    public string? ReportJson { get; set; }
    public DateTime? FinishedAt { get; set; }

    public bool IsFinished => State is ImportFileState.Done;
}

/// <summary>Something the importer could not know, waiting on the questions page until the secretariat answers it.</summary>
[Hosting.NotPublicData("Questions for the secretariat about imported meetings.")]
public sealed class ImportQuestion
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting Meeting { get; set; } = null!;
    public int? ItemNumber { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Text { get; set; }
    /// <summary>The meeting stays unpublished until every blocking question is answered.</summary>
    public bool Blocks { get; set; }
    public int? ImportFileId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Answer { get; set; }
}
