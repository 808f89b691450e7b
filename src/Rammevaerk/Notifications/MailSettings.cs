using MailKit.Security;

namespace Rammevaerk.Notifications;

/// <summary>
/// Section <c>Mail</c>. Without <c>Mail:Smtp:Host</c> nothing is sent: messages stay in the outbox, and the app works
/// as before. See the README's configuration table.
/// </summary>
public sealed class MailSettings
{
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Delivery attempts before a message is marked failed (Fejlet) and left for "Send igen".</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How often the background sender looks for due messages.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>
    /// Off: no background delivery in this process (another instance sends, or tests call
    /// <see cref="OutboxSender.DeliverDueAsync"/> themselves).
    /// </summary>
    public bool DeliverInBackground { get; set; } = true;

    /// <summary>How long a node's claim on a message it is sending lasts; renewed every third of it while it sends.</summary>
    public int ClaimSeconds { get; set; } = 60;

    /// <summary>Sender configured: a host and a from address.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Smtp.Host) && !string.IsNullOrWhiteSpace(Smtp.From);

    /// <summary>Wait before attempt <paramref name="attempts"/> + 1: 1, 2, 4, 8 … minutes, at most 6 hours.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>
    /// MailKit's <see cref="SecureSocketOptions"/> by name: None, Auto (TLS on connect for 465, STARTTLS when
    /// offered otherwise), SslOnConnect, StartTls, StartTlsWhenAvailable. Wins over <see cref="UseStartTls"/>.
    /// </summary>
    public string? Security { get; set; }

    /// <summary>Shorthand when <see cref="Security"/> is empty: true = StartTls, false = None; unset = Auto.</summary>
    public bool? UseStartTls { get; set; }

    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender's address (required to send).</summary>
    public string? From { get; set; }
    public string FromName { get; set; } = "Fælleskommunalt Socialsekretariat";

    public int TimeoutSeconds { get; set; } = 30;

    /// <exception cref="InvalidOperationException">An unknown <see cref="Security"/> name (recorded on the messages as their error).</exception>
    public SecureSocketOptions SocketOptions =>
        !string.IsNullOrWhiteSpace(Security)
            ? Enum.TryParse<SecureSocketOptions>(Security, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s
                : throw new InvalidOperationException($"Mail:Smtp:Security '{Security}' is not one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.")
        : UseStartTls switch
        {
            true => SecureSocketOptions.StartTls,
            false => SecureSocketOptions.None,
            null => SecureSocketOptions.Auto,
        };
}
