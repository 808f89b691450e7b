namespace Rammevaerk.Notifications;

/// <summary>
/// An e-mail waiting to be sent or sent. Messages are written in the same transaction as the action that causes
/// them; <see cref="OutboxSender"/> delivers them over SMTP when a mail server is configured. Without one they
/// stay here and the secretariat reads them on the outbox page.
/// </summary>
[Hosting.NotPublicData("E-mails waiting or sent; only the secretariat's outbox page shows them.")]
public sealed class OutboxMessage
{
    public int Id { get; set; }
    public required string To { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>Why it was sent ("Påmindelse om indberetning 2026"), for the outbox list.</summary>
    public string? Topic { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The node sending it now (<see cref="Hosting.NodeIdentity.Holder"/>); others leave it alone until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}

/// <summary>An in-app notification shown to one user until read.</summary>
[Hosting.NotPublicData("Shown to its user only.")]
public sealed class Notification
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>
/// A security event in the append-only security log (<see cref="AuditLog"/>): a sign-in, a refusal, a change of a
/// user, an export. Never changed once written (the app refuses to save a change, and the database refuses an
/// UPDATE); removed only by the retention rule.
/// </summary>
[Hosting.NotPublicData("The security log, for the secretariat.")]
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Who acted: the signed-in user, or the address typed into the sign-in form.</summary>
    public string? UserName { get; set; }
    /// <summary>The kind of event in Danish, one of <see cref="SecurityEvents"/> or a caller's own.</summary>
    public required string Action { get; set; }
    public string? Path { get; set; }
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}
