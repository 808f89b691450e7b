using Rammevaerk.Bodies;

namespace Rammevaerk.Meetings;

/// <summary>Draft → agenda published → minutes published.</summary>
public enum MeetingState
{
    Draft,
    AgendaPublished,
    MinutesPublished,
}

public sealed class Meeting
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public required string Title { get; set; }
    public string? Location { get; set; }
    /// <summary>UTC instants; shown in Danish time.</summary>
    public DateTime StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public MeetingState State { get; set; }
    /// <summary>
    /// A draft meeting that is part of a published meeting plan: the public and the calendar feeds see its date,
    /// time and place before any agenda exists.
    /// </summary>
    public bool InPublishedPlan { get; set; }
    public DateTime? AgendaPublishedAt { get; set; }
    public DateTime? MinutesPublishedAt { get; set; }
    /// <summary>Last change visible to the public after publication (null if unchanged since).</summary>
    public DateTime? ChangedAfterPublicationAt { get; set; }
    /// <summary>Published version number; 0 while a draft. Each change after publication adds one.</summary>
    public int Version { get; set; }
    /// <summary>Identifies minutes imported from an archive text so re-import updates instead of duplicating.</summary>
    public string? ImportKey { get; set; }
    public string? ImportReport { get; set; }
    /// <summary>
    /// The publication date printed on imported minutes ("Udgivet 18.06.2025"). When it lies before the meeting it was
    /// the source page's first publication (the agenda's), so it is shown as the source's date, not the minutes'.
    /// </summary>
    public DateOnly? SourcePublishedOn { get; set; }
    /// <summary>When the working copy of a published meeting was first changed after its latest publication (null: none).</summary>
    public DateTime? UnpublishedChangesAt { get; set; }
    /// <summary>A published meeting taken off the public site again; its versions stay for the archive.</summary>
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawnReason { get; set; }
    /// <summary>Imported minutes whose source lost the clock time: the start is a date, shown without a time.</summary>
    public bool TimeUnknown { get; set; }
    /// <summary>Imported text before the items that is no header field (participants, case numbers).</summary>
    public string? ImportPreamble { get; set; }
    /// <summary>Where imported minutes came from: the archived page's address, or the file's name.</summary>
    public string? ImportSource { get; set; }
    /// <summary>
    /// Imported minutes that were public at their source but are held back by an open question (no certain date, a
    /// CPR number): the state they take once the questions are answered. Null when nothing is held back.
    /// </summary>
    public MeetingState? HeldBackAs { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<AgendaItem> Items { get; set; } = [];
    public List<MeetingVersion> Versions { get; set; } = [];
    /// <summary>What the public reads (see <see cref="Publication.PublicMeeting"/>); null while a draft.</summary>
    public Publication.PublicMeeting? Public { get; set; }

    public bool IsPublished => State != MeetingState.Draft;

    /// <summary>The time shown as "Udgivet": the latest publication step.</summary>
    public DateTime? PublishedAt => MinutesPublishedAt ?? AgendaPublishedAt;
}

public sealed class AgendaItem
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting Meeting { get; set; } = null!;
    public int Number { get; set; }
    public required string Title { get; set; }
    public bool IsClosed { get; set; }
    /// <summary>Free text before the sections: guests, time slot, introduction (Markdown).</summary>
    public string? Intro { get; set; }
    public string? Background { get; set; }
    public string? Recommendation { get; set; }
    public string? CasePresentation { get; set; }
    public string? Decision { get; set; }
    /// <summary>Set by the importer when a table arrived flattened and was kept as text.</summary>
    public bool HasFlattenedTable { get; set; }
    public string? ImportNotes { get; set; }
    /// <summary>Imported from a list that names the item while the source holds no text for it.</summary>
    public bool NoSourceText { get; set; }
    /// <summary>The case (sag) the item belongs to; an item sent on to another body's meeting shares it.</summary>
    public int CaseId { get; set; }
    public Cases.Case? Case { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Removed from the working copy of a published meeting; kept because a published version shows it.</summary>
    public DateTime? RemovedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<ItemGuest> Guests { get; set; } = [];
    public List<Attachment> Attachments { get; set; } = [];
}

public sealed class ItemGuest
{
    public int Id { get; set; }
    public int AgendaItemId { get; set; }
    public required string Name { get; set; }
    public string? Role { get; set; }
    /// <summary>e.g. "kl. 9.30-10.30".</summary>
    public string? TimeSlot { get; set; }
    public int SortOrder { get; set; }
}

public sealed class Attachment
{
    public int Id { get; set; }
    public int AgendaItemId { get; set; }
    public AgendaItem AgendaItem { get; set; } = null!;
    public int SortOrder { get; set; }
    public required string FileName { get; set; }
    public string? ContentType { get; set; }
    public long Size { get; set; }
    public string? Sha256 { get; set; }
    /// <summary>True for attachments known only by name (imported minutes): the file is not in the system.</summary>
    public bool IsMissing { get; set; }
    public DateTime AddedAt { get; set; }
    /// <summary>Removed from the working copy of a published meeting; the file stays with the versions that list it.</summary>
    public DateTime? RemovedAt { get; set; }
    public AttachmentContent? Content { get; set; }
    /// <summary>Its text as the publication check read it (see <see cref="Publication.AttachmentScan"/>).</summary>
    public Publication.AttachmentScan? Scan { get; set; }
}

/// <summary>The bytes, in their own table so that lists of attachments never load them.</summary>
public sealed class AttachmentContent
{
    public int AttachmentId { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>A frozen copy of a published meeting, one per publication step or change after publication.</summary>
public sealed class MeetingVersion
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public required string Reason { get; set; }
    public required string SnapshotJson { get; set; }
    /// <summary>What the secretariat confirmed would go public ("Referatet: 4 punkter, 2 bilag; punkt 3 forbliver lukket").</summary>
    public string? Confirmation { get; set; }
    /// <summary>The check's warnings the secretariat confirmed before publishing, one per line.</summary>
    public string? ConfirmedWarnings { get; set; }
}

public enum TemplatePosition
{
    First,
    Last,
}

/// <summary>Standard items (Godkendelse af referat, Orienteringer, Eventuelt).</summary>
public sealed class ItemTemplate
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Background { get; set; }
    public string? Recommendation { get; set; }
    public TemplatePosition Position { get; set; }
    public int SortOrder { get; set; }
}
