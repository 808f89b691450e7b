using Rammevaerk.Meetings;

namespace Rammevaerk.Appointments;

public enum AppointmentRole
{
    Member,
    Substitute,
    Chair,
}

/// <summary>
/// An appointment (udpegning): who represents the region in another forum (Dialogforum mellem Ankestyrelsen og
/// kommunerne), as member or substitute, since when and until when, and the item that decided it.
/// </summary>
public sealed class Appointment
{
    public int Id { get; set; }
    public required string Region { get; set; }
    /// <summary>Where the person represents the region.</summary>
    public required string Forum { get; set; }
    public required string PersonName { get; set; }
    public int? PersonId { get; set; }
    public string? Organisation { get; set; }
    public AppointmentRole Role { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public int? DecidedItemId { get; set; }
    public AgendaItem? DecidedItem { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
