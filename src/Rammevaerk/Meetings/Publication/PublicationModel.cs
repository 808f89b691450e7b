namespace Rammevaerk.Meetings.Publication;

/// <summary>The text of an attachment as the publication check read it, stored so that each file is read once.</summary>
[Hosting.NotPublicData("The text read from an attachment, for the check before publication; the public reads the public copy.")]
public sealed class AttachmentScan
{
    public int AttachmentId { get; set; }
    public AttachmentReadability Readability { get; set; }
    public required string Text { get; set; }
    public DateTime ScannedAt { get; set; }
}

/// <summary>
/// What the public reads of a published meeting: its latest published version as the page, the PDF and search show
/// it (<see cref="ViewJson"/>, a <see cref="MeetingView"/> with the content of closed items for members), decisions
/// only once the minutes are out, and any text in which the check over what is public found a CPR number withheld.
/// The working copy (the meeting's rows) is the secretariat's; nothing reaches the public except through here.
/// </summary>
public sealed class PublicMeeting
{
    public int MeetingId { get; set; }
    public int Version { get; set; }
    /// <summary>Changes whenever the public copy does (a new version, text withheld or given back): part of the PDF cache key.</summary>
    public Guid Stamp { get; set; }
    public required string ViewJson { get; set; }
    /// <summary>Places withheld because they carry a CPR number.</summary>
    public int Withheld { get; set; }
    /// <summary>The <see cref="PublicCopy.RulesVersion"/> the copy was checked with; an older one is checked again at start-up.</summary>
    public int RulesVersion { get; set; }
    public DateTime RefreshedAt { get; set; }
}

/// <summary>A public item of a published meeting's public copy, for lists and the OParl API (id = the item's id).</summary>
public sealed class PublishedItem
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public bool IsClosed { get; set; }
    /// <summary>The decision as published: only in minutes, never of a closed item.</summary>
    public string? Decision { get; set; }
}

/// <summary>An attachment of a published meeting's public copy (id = the attachment's id). Withheld ones are absent.</summary>
public sealed class PublishedAttachment
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int ItemId { get; set; }
    public int SortOrder { get; set; }
    public required string FileName { get; set; }
    public string? ContentType { get; set; }
    public long Size { get; set; }
    public bool IsMissing { get; set; }
    public bool IsClosed { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>A finding of the check over what is public (the latest version of a published meeting).</summary>
[Hosting.NotPublicData("Findings of the check over what is public, for the secretariat; what is withheld is in the public copy itself.")]
public sealed class PublicFinding
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting Meeting { get; set; } = null!;
    public int Version { get; set; }
    public FindingSeverity Severity { get; set; }
    public FindingKind Kind { get; set; }
    public CheckField Field { get; set; }
    public int? ItemId { get; set; }
    public int? ItemNumber { get; set; }
    public string? ItemTitle { get; set; }
    public int? AttachmentId { get; set; }
    public string? AttachmentName { get; set; }
    public required string Message { get; set; }
    /// <summary>The words around the finding, CPR numbers masked.</summary>
    public string? Excerpt { get; set; }
    /// <summary>True when the text is off the public site because of this finding (a CPR number).</summary>
    public bool Withheld { get; set; }
    public DateTime FoundAt { get; set; }

    public CheckPlace Place => new(Field, ItemId, ItemNumber, ItemTitle, AttachmentId, AttachmentName);

    public string Detail => Finding.DetailOf(Place, Message);
}

/// <summary>
/// Draft minutes (udkast til referat) sent to the body's members for comment: a frozen copy of the working copy
/// with the decisions, readable by the members and the secretariat only.
/// </summary>
[Hosting.NotPublicData("Draft minutes sent to the members; never public (issue 12).")]
public sealed class DraftMinutes
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Round { get; set; }
    public DateTime SentAt { get; set; }
    public string? SentBy { get; set; }
    public string? Message { get; set; }
    public DateOnly? CommentsBy { get; set; }
    public int Recipients { get; set; }
    public required string SnapshotJson { get; set; }
    public List<DraftComment> Comments { get; set; } = [];
}

/// <summary>A member's comment on draft minutes, on one item or on the whole.</summary>
[Hosting.NotPublicData("Members' comments on draft minutes; never public.")]
public sealed class DraftComment
{
    public int Id { get; set; }
    public int DraftMinutesId { get; set; }
    public int MeetingId { get; set; }
    public int? ItemId { get; set; }
    public int? ItemNumber { get; set; }
    public required string UserId { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
}
