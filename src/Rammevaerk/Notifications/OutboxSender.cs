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
/// Several nodes may run this. Each message is claimed for <see cref="MailSettings.ClaimSeconds"/> with a conditional
/// update (its attempt counter, its claim) before it is sent, and the claim is renewed while the batch is being sent,
/// so in normal running a message is sent once. A node that dies holding a claim stops renewing it and another node
/// sends the message when the claim has run out: at least once after a crash, and the repeat carries the same
/// Message-Id (<see cref="MessageId"/>), so it is recognisable. A node that is stopped finishes the message it is
/// sending and gives the rest of its claims back at once.
/// </remarks>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, IOptionsMonitor<MailSettings> settings, TimeProvider clock, Hosting.NodeIdentity node,
    IOptions<Hosting.SiteOptions> site, ILogger<OutboxSender> log)
    : BackgroundService
{
    private const int BatchSize = 50;

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
        var claimFor = TimeSpan.FromSeconds(Math.Max(5, current.ClaimSeconds));
        var me = node.Holder;

        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < max && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
                        && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0) return 0;

        var claimed = new List<OutboxMessage>();
        foreach (var m in due)
        {
            var attempts = m.Attempts;
            var until = now + claimFor;
            var won = await db.Outbox
                .Where(x => x.Id == m.Id && x.SentAt == null && x.Attempts == attempts && (x.ClaimedUntil == null || x.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, attempts + 1).SetProperty(x => x.ClaimedBy, me).SetProperty(x => x.ClaimedUntil, until), ct);
            if (won == 1)
            {
                m.Attempts = attempts + 1;
                claimed.Add(m);
            }
        }
        if (claimed.Count == 0) return 0;

        var waiting = claimed.Select(m => m.Id).ToList();
        var sent = 0;
        // Renewed while the batch is sent, on its own scope (the sending one is busy); losing it stops the batch.
        await using var renewal = new Hosting.Renewal(async c =>
        {
            List<int> ids;
            lock (waiting) ids = [.. waiting];
            if (ids.Count == 0) return true;
            using var renewScope = scopes.CreateScope();
            var renewDb = renewScope.ServiceProvider.GetRequiredService<AppDb>();
            var until = clock.GetUtcNow().UtcDateTime + claimFor;
            return await renewDb.Outbox.Where(x => ids.Contains(x.Id) && x.ClaimedBy == me && x.SentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedUntil, until), c) > 0;
        }, claimFor / 3, CancellationToken.None, log);

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
        catch (OperationCanceledException)
        {
            await ReleaseAsync(db, waiting, CancellationToken.None);
            throw;
        }

        foreach (var m in claimed)
        {
            // Stopping, or the claims were taken over: the rest goes back (uncounted) to whoever sends next.
            if (ct.IsCancellationRequested || renewal.Lost.IsCancellationRequested) break;
            try
            {
                if (!smtp.IsConnected) await ConnectAsync(smtp, current.Smtp, CancellationToken.None);
                // Not cancelled by a stop: a message being handed to the server is finished.
                await smtp.SendAsync(ToMime(m, current.Smtp, MessageDomain(current.Smtp)), CancellationToken.None);
                var sentAt = clock.GetUtcNow().UtcDateTime;
                await db.Outbox.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.SentAt, sentAt)
                    .SetProperty(x => x.NextAttemptAt, (DateTime?)null)
                    .SetProperty(x => x.LastError, (string?)null)
                    .SetProperty(x => x.ClaimedBy, (string?)null)
                    .SetProperty(x => x.ClaimedUntil, (DateTime?)null), CancellationToken.None);
                sent++;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Sending outbox message {Id} failed (attempt {Attempt} of {Max}).", m.Id, m.Attempts, max);
                await RecordFailureAsync(db, m, max, Describe(e), CancellationToken.None);
            }
            lock (waiting) waiting.Remove(m.Id);
        }
        await ReleaseAsync(db, waiting, CancellationToken.None);
        if (smtp.IsConnected)
        {
            try { await smtp.DisconnectAsync(quit: true, CancellationToken.None); }
            catch (Exception e) { log.LogDebug(e, "QUIT to the mail server failed."); }
        }
        return sent;
    }

    /// <summary>Gives claimed but untried messages back, their attempt not counted.</summary>
    private async Task ReleaseAsync(AppDb db, List<int> ids, CancellationToken ct)
    {
        List<int> rest;
        lock (ids) rest = [.. ids];
        if (rest.Count == 0) return;
        var me = node.Holder;
        await db.Outbox.Where(x => rest.Contains(x.Id) && x.ClaimedBy == me && x.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, x => x.Attempts - 1)
                .SetProperty(x => x.ClaimedBy, (string?)null).SetProperty(x => x.ClaimedUntil, (DateTime?)null), ct);
        log.LogInformation("Gave back {Count} outbox message(s) not yet sent.", rest.Count);
    }

    /// <summary>
    /// The Message-Id of an outbox message: the same for every attempt, so a message sent again after a crash is
    /// recognisable as the same message by the recipient's server and by anyone reading the headers.
    /// </summary>
    public static string MessageId(OutboxMessage m, string domain) =>
        $"rammevaerk.outbox.{m.Id}.{m.CreatedAt.Ticks}@{domain}";

    private string MessageDomain(SmtpSettings s) =>
        site.Value.BaseUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host
        : s.From is { } from && from.LastIndexOf('@') is var at and > 0 ? from[(at + 1)..]
        : "rammevaerk.invalid";

    private async Task RecordFailureAsync(AppDb db, OutboxMessage m, int max, string error, CancellationToken ct)
    {
        DateTime? next = m.Attempts >= max ? null : clock.GetUtcNow().UtcDateTime + MailSettings.Backoff(m.Attempts);
        if (next is null) log.LogError("Outbox message {Id} to {To} failed {Attempts} times and is given up: {Error}", m.Id, m.To, m.Attempts, error);
        await db.Outbox.Where(x => x.Id == m.Id && x.SentAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.LastError, error)
            .SetProperty(x => x.ClaimedBy, (string?)null)
            .SetProperty(x => x.ClaimedUntil, (DateTime?)null), ct);
    }

    private static async Task ConnectAsync(SmtpClient smtp, SmtpSettings s, CancellationToken ct)
    {
        await smtp.ConnectAsync(s.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), s.Port, s.SocketOptions, ct);
        if (!string.IsNullOrEmpty(s.User)) await smtp.AuthenticateAsync(s.User, s.Password ?? "", ct);
    }

    /// <summary>The message as MIME: UTF-8 plain text, the sender from the settings.</summary>
    public static MimeMessage ToMime(OutboxMessage m, SmtpSettings s, string domain = "rammevaerk.invalid")
    {
        var message = new MimeMessage { MessageId = MessageId(m, domain) };
        message.From.Add(new MailboxAddress(s.FromName, s.From ?? throw new InvalidOperationException("Mail:Smtp:From is not set.")));
        message.To.Add(new MailboxAddress(m.ToName ?? "", m.To));
        message.Subject = m.Subject;
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = m.Body };
        message.Headers.Add("Auto-Submitted", "auto-generated");
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
