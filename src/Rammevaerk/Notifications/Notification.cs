namespace Rammevaerk.Notifications;

/// <summary>
/// An e-mail waiting to be sent or sent. Messages are written in the same transaction as the action that causes
/// them; <see cref="OutboxSender"/> delivers them over SMTP when a mail server is configured. Without one they
/// stay here and the secretariat reads them on the outbox page.
/// </summary>
public sealed class OutboxMessage
{
    public int Id { get; set; }
    public required string To { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>Why it was sent ("Påmindelse om indberetning 2026"), for the outbox list.</summary>
    public string? Topic { get; set; }
    /// <summary>For mail to subscribers: the one-click unsubscribe address (List-Unsubscribe, RFC 8058).</summary>
    public string? ListUnsubscribeUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>An in-app notification shown to one user until read.</summary>
public sealed class Notification
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>A security-relevant event: a refused attempt to read or change another municipality's data, etc.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserName { get; set; }
    public required string Action { get; set; }
    public string? Path { get; set; }
    public string? Detail { get; set; }
}
