using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Rammevaerk.Notifications;

namespace Rammevaerk.Capacity.Admin;

/// <summary>
/// /sekretariat/kapacitet/{id}: one notice, its agenda item, the forum's decision as the item's Beslutning states it (registered
/// from there, never typed twice), and how the e-mails
/// about it fared (sent, waiting for a retry, given up) with a link to the outbox.
/// </summary>
public sealed class NoticeModel(CapacityService service, IOptionsMonitor<MailSettings> mail, TimeProvider clock) : PageModel
{
    public CapacityService.MailStatus Mails { get; private set; } = new(0, 0, 0, []);

    public CapacityNotice Notice { get; private set; } = null!;
    public string? Problem { get; private set; }

    [BindProperty] public ForumResponse? Decision { get; set; }
    [BindProperty] public Guid Stamp { get; set; }

    /// <summary>What the deciding item's Beslutning says about this notice (null when it does not say).</summary>
    public ForumResponse? ReadFromDecision { get; private set; }

    /// <summary>True once the meeting of the item has ended: the decision may be registered (never before).</summary>
    public bool MeetingHeld { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var notice = await service.LoadAsync(id, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        Decision = notice.Response;
        Stamp = notice.ConcurrencyStamp;
        await LoadMailsAsync(id, ct);
        await LoadDecisionAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var notice = await service.LoadAsync(id, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        Problem = await service.RecordResponseAsync(notice, Decision, Stamp, User.Identity?.Name, ct);
        if (Problem is not null)
        {
            await LoadMailsAsync(id, ct);
            await LoadDecisionAsync(ct);
            return Page();
        }
        TempData["Message"] = $"Beslutningen er registreret fra punktets Beslutning: {CapacityService.ResponseName(notice.Response!.Value)}. {notice.Operator?.Name} har fået besked.";
        return Redirect($"/sekretariat/kapacitet/{id}");
    }

    private async Task LoadDecisionAsync(CancellationToken ct)
    {
        ReadFromDecision = await service.ReadResponseAsync(Notice, ct);
        MeetingHeld = Notice.AgendaItem?.Meeting is { } m && (m.EndsAt ?? m.StartsAt) <= clock.GetUtcNow().UtcDateTime;
    }

    private async Task LoadMailsAsync(int id, CancellationToken ct) =>
        Mails = await service.MailStatusAsync(id, Notifications.Admin.OutboxModel.MaxAttempts(mail.CurrentValue), ct);
}
