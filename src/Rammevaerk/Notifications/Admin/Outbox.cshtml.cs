using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;

namespace Rammevaerk.Notifications.Admin;

public enum OutboxState
{
    Waiting,
    Sent,
    Failed,
}

/// <summary>/sekretariat/udbakke?side=2: every e-mail the system has written, newest first, and whether it went.</summary>
public sealed class OutboxModel(AppDb db, IOptionsMonitor<MailSettings> mail) : PageModel
{
    public const int PageSize = 50;

    public sealed record Line(int Id, string To, string? ToName, string Subject, string? Topic, DateTime CreatedAt, DateTime? SentAt,
        int Attempts, DateTime? NextAttemptAt, string? LastError, OutboxState State);

    public List<Line> Messages { get; private set; } = [];
    public MailSettings Mail => mail.CurrentValue;
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public int Waiting { get; private set; }
    public int Sent { get; private set; }
    public int Failed { get; private set; }

    public async Task OnGetAsync(string? side, CancellationToken ct)
    {
        var max = MaxAttempts(mail.CurrentValue);
        Sent = await db.Outbox.CountAsync(m => m.SentAt != null, ct);
        Failed = await db.Outbox.CountAsync(m => m.SentAt == null && m.Attempts >= max, ct);
        Waiting = await db.Outbox.CountAsync(m => m.SentAt == null && m.Attempts < max, ct);
        var total = Sent + Failed + Waiting;
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(side, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? Math.Min(p, PageCount) : 1;
        var rows = await db.Outbox.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(m => new { m.Id, m.To, m.ToName, m.Subject, m.Topic, m.CreatedAt, m.SentAt, m.Attempts, m.NextAttemptAt, m.LastError })
            .ToListAsync(ct);
        Messages = rows.Select(m => new Line(m.Id, m.To, m.ToName, m.Subject, m.Topic, m.CreatedAt, m.SentAt, m.Attempts, m.NextAttemptAt,
            m.LastError, StateOf(m.SentAt, m.Attempts, max))).ToList();
    }

    /// <summary>"Send igen": the message starts over with a fresh count of attempts, due at once.</summary>
    public async Task<IActionResult> OnPostRetryAsync(int id, CancellationToken ct)
    {
        var result = await RetryAsync(db, id, ct);
        if (result is null) return NotFound();
        TempData["Message"] = result;
        return Redirect("/sekretariat/udbakke");
    }

    internal static async Task<string?> RetryAsync(AppDb db, int id, CancellationToken ct)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return null;
        if (message.SentAt is not null) return "Beskeden er allerede sendt.";
        message.Attempts = 0;
        message.NextAttemptAt = null;
        await db.SaveChangesAsync(ct);
        return $"Beskeden til {message.To} sendes igen ved næste forsøg.";
    }

    public static int MaxAttempts(MailSettings settings) => Math.Max(1, settings.MaxAttempts);

    public static OutboxState StateOf(DateTime? sentAt, int attempts, int maxAttempts) =>
        sentAt is not null ? OutboxState.Sent : attempts >= maxAttempts ? OutboxState.Failed : OutboxState.Waiting;

    public static string StateText(OutboxState state) => state switch
    {
        OutboxState.Sent => "Sendt",
        OutboxState.Failed => "Fejlet",
        _ => "Venter",
    };
}
