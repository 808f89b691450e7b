using Rammevaerk.Bodies;
using Rammevaerk.Meetings;

namespace Rammevaerk.FollowUps;

/// <summary>Who carries a follow-up: the secretariat, a person, or a working group (a body).</summary>
public enum FollowUpOwner
{
    Secretariat,
    Person,
    WorkingGroup,
}

public enum FollowUpState
{
    Open,
    Done,
    Cancelled,
}

/// <summary>
/// A follow-up (opfølgning) on a decision: what, who, and when — a due date, or "næste møde" of a body. Open ones are
/// offered when the next agenda is drafted, to become items or part of a status item.
/// </summary>
public sealed class FollowUp
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    /// <summary>The agenda item whose decision asked for it.</summary>
    public int? SourceItemId { get; set; }
    public AgendaItem? SourceItem { get; set; }
    /// <summary>The body whose meetings the follow-up belongs to (whose "næste møde" is meant).</summary>
    public int BodyId { get; set; }
    public Body? Body { get; set; }
    public FollowUpOwner Owner { get; set; }
    public int? OwnerPersonId { get; set; }
    public Person? OwnerPerson { get; set; }
    public int? OwnerBodyId { get; set; }
    public Body? OwnerBody { get; set; }
    public DateOnly? DueDate { get; set; }
    /// <summary>Due at the body's next meeting rather than on a date.</summary>
    public bool DueNextMeeting { get; set; }
    public FollowUpState State { get; set; }
    public string? DoneNote { get; set; }
    public DateTime? DoneAt { get; set; }
    /// <summary>The agenda item it was put on (as its own item or in a status item).</summary>
    public int? PlacedOnItemId { get; set; }
    public AgendaItem? PlacedOnItem { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// For a follow-up due "næste møde": the start of the body's first meeting after the decision (not stored; filled
    /// by <see cref="FollowUpDue.FillNextMeetingsAsync"/>). Once that meeting has been held without the follow-up
    /// being done or put on it, the follow-up is overdue.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public DateTime? NextMeetingAt { get; set; }

    /// <summary>Start of the meeting it was put on (not stored; filled with <see cref="NextMeetingAt"/>).</summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public DateTime? PlacedMeetingAt { get; set; }
}

/// <summary>A letter the forum sent (seed 001 item 16) and the answer awaited or received.</summary>
public sealed class Letter
{
    public int Id { get; set; }
    public int? FollowUpId { get; set; }
    public FollowUp? FollowUp { get; set; }
    public int? SourceItemId { get; set; }
    public AgendaItem? SourceItem { get; set; }
    public required string Recipient { get; set; }
    public required string Subject { get; set; }
    public DateOnly SentOn { get; set; }
    public bool AnswerExpected { get; set; } = true;
    public DateOnly? AnswerDueOn { get; set; }
    public DateOnly? AnswerReceivedOn { get; set; }
    public string? AnswerText { get; set; }
    public string? AnswerFileName { get; set; }
    public string? AnswerContentType { get; set; }
    public byte[]? AnswerFile { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}
