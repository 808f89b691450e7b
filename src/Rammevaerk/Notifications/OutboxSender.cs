using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Rammevaerk.Data;

namespace Rammevaerk.Notifications;

/// <summary>
/// Delivers the outbox over SMTP (MailKit) when <c>Mail:Smtp:Host</c> and <c>Mail:Smtp:From</c> are set; otherwise
/// it sends nothing and the messages wait on the outbox page. A failed attempt is retried with backoff
/// (<see cref="MailSettings.Backoff"/>) until <see cref="MailSettings.MaxAttempts"/>, then the message is failed
/// (Fejlet) until the secretariat presses "Send igen".
/// </summary>
/// <remarks>
/// Each message is claimed with a conditional update of its attempt counter before it is sent, so two app
/// instances (or the background loop and a test) never send the same message twice.
/// </remarks>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, IOptionsMonitor<MailSettings> settings, TimeProvider clock, ILogger<OutboxSender> log)
    : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>While a message is being sent, other senders leave it alone this long.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);

    public bool IsConfigured => settings.CurrentValue.IsConfigured;

    public int MaxAttempts => Math.Max(1, settings.CurrentValue.MaxAttempts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var current = settings.CurrentValue;
            if (current.DeliverInBackground && current.IsConfigured)
            {
                try
                {
                    int sent;
                    do sent = await DeliverDueAsync(stoppingToken);
                    while (sent == BatchSize && !stoppingToken.IsCancellationRequested);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    log.LogError(e, "The outbox sender failed; it tries again in {Seconds} s.", current.PollSeconds);
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, current.PollSeconds)), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends the messages that are due now (at most one batch) and returns how many were sent. Does nothing and
    /// returns 0 when no mail server is configured.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var current = settings.CurrentValue;
        if (!current.IsConfigured) return 0;
        await gate.WaitAsync(ct);
        try
        {
            return await DeliverAsync(current, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<int> DeliverAsync(MailSettings current, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var max = Math.Max(1, current.MaxAttempts);

        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < max && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0) return 0;

        var claimed = new List<OutboxMessage>();
        foreach (var m in due)
        {
            var attempts = m.Attempts;
            var leaseUntil = now + Lease;
            var won = await db.Outbox
                .Where(x => x.Id == m.Id && x.SentAt == null && x.Attempts == attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, attempts + 1).SetProperty(x => x.NextAttemptAt, leaseUntil), ct);
            if (won == 1)
            {
                m.Attempts = attempts + 1;
                claimed.Add(m);
            }
        }
        if (claimed.Count == 0) return 0;

        var sent = 0;
        using var smtp = new SmtpClient { Timeout = Math.Max(1, current.Smtp.TimeoutSeconds) * 1000 };
        try
        {
            await ConnectAsync(smtp, current.Smtp, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The server cannot be reached: every claimed message has had its attempt.
            log.LogWarning(e, "Could not connect to the mail server {Host}:{Port}.", current.Smtp.Host, current.Smtp.Port);
            foreach (var m in claimed) await RecordFailureAsync(db, m, max, Describe(e), CancellationToken.None);
            return 0;
        }

        foreach (var m in claimed)
        {
            try
            {
                if (!smtp.IsConnected) await ConnectAsync(smtp, current.Smtp, ct);
                await smtp.SendAsync(ToMime(m, current.Smtp), ct);
                var sentAt = clock.GetUtcNow().UtcDateTime;
                await db.Outbox.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.SentAt, sentAt)
                    .SetProperty(x => x.NextAttemptAt, (DateTime?)null)
                    .SetProperty(x => x.LastError, (string?)null), CancellationToken.None);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Sending outbox message {Id} failed (attempt {Attempt} of {Max}).", m.Id, m.Attempts, max);
                await RecordFailureAsync(db, m, max, Describe(e), CancellationToken.None);
            }
        }
        if (smtp.IsConnected)
        {
            try { await smtp.DisconnectAsync(quit: true, ct); }
            catch (Exception e) { log.LogDebug(e, "QUIT to the mail server failed."); }
        }
        return sent;
    }

    private async Task RecordFailureAsync(AppDb db, OutboxMessage m, int max, string error, CancellationToken ct)
    {
        DateTime? next = m.Attempts >= max ? null : clock.GetUtcNow().UtcDateTime + MailSettings.Backoff(m.Attempts);
        if (next is null) log.LogError("Outbox message {Id} to {To} failed {Attempts} times and is given up: {Error}", m.Id, m.To, m.Attempts, error);
        await db.Outbox.Where(x => x.Id == m.Id && x.SentAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.LastError, error), ct);
    }

    private static async Task ConnectAsync(SmtpClient smtp, SmtpSettings s, CancellationToken ct)
    {
        await smtp.ConnectAsync(s.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), s.Port, s.SocketOptions, ct);
        if (!string.IsNullOrEmpty(s.User)) await smtp.AuthenticateAsync(s.User, s.Password ?? "", ct);
    }

    /// <summary>The message as MIME: UTF-8 plain text, the sender from the settings.</summary>
    public static MimeMessage ToMime(OutboxMessage m, SmtpSettings s)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(s.FromName, s.From ?? throw new InvalidOperationException("Mail:Smtp:From is not set.")));
        message.To.Add(new MailboxAddress(m.ToName ?? "", m.To));
        message.Subject = m.Subject;
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = m.Body };
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (m.ListUnsubscribeUrl is { Length: > 0 } unsubscribe)
        {
            // One-click unsubscribe from the mail program's own button (RFC 2369, RFC 8058).
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }

    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= 2000 ? text : text[..2000];
    }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }
}
