namespace Rammevaerk.CentralAnnouncements;

public enum AnnouncementStatus
{
    Announced,
    InProgress,
    ReportSubmitted,
    Closed,
}

/// <summary>
/// A central announcement (central udmelding) from Social- og Boligstyrelsen: a target group, the board's request,
/// a deadline that may move, a steering group, the region's representatives, the reports, and the agenda items
/// that concern it.
/// </summary>
public sealed class CentralAnnouncement
{
    public int Id { get; set; }
    public required string Region { get; set; }
    public required string Title { get; set; }
    public required string TargetGroup { get; set; }
    public string? Request { get; set; }
    public string? SteeringGroup { get; set; }
    public AnnouncementStatus Status { get; set; }
    public DateOnly? AnnouncedOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<AnnouncementDeadline> Deadlines { get; set; } = [];
    public List<AnnouncementRepresentative> Representatives { get; set; } = [];
    public List<AnnouncementFile> Files { get; set; } = [];
    public List<AnnouncementItemLink> Items { get; set; } = [];
}

/// <summary>A deadline and its moves (1 June → 31 December 2024): the latest one set is the current deadline.</summary>
public sealed class AnnouncementDeadline
{
    public int Id { get; set; }
    public int AnnouncementId { get; set; }
    public DateOnly Deadline { get; set; }
    public DateOnly? SetOn { get; set; }
    public string? Note { get; set; }
}

public sealed class AnnouncementRepresentative
{
    public int Id { get; set; }
    public int AnnouncementId { get; set; }
    public required string Name { get; set; }
    public string? Organisation { get; set; }
    public string? Role { get; set; }
}

public sealed class AnnouncementFile
{
    public int Id { get; set; }
    public int AnnouncementId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UploadedAt { get; set; }
}

public sealed class AnnouncementItemLink
{
    public int AnnouncementId { get; set; }
    public int AgendaItemId { get; set; }
}
