using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Rammevaerk.Notifications;

namespace Rammevaerk.Capacity.Admin;

/// <summary>
/// /sekretariat/kapacitet/{id}: one notice, its agenda item, the form for the forum's response, and how the e-mails
/// about it fared (sent, waiting for a retry, given up) with a link to the outbox.
/// </summary>
public sealed class NoticeModel(CapacityService service, IOptionsMonitor<MailSettings> mail) : PageModel
{
    public CapacityService.MailStatus Mails { get; private set; } = new(0, 0, 0, []);

    public CapacityNotice Notice { get; private set; } = null!;
    public string? Problem { get; private set; }

    [BindProperty] public ForumResponse? Decision { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public Guid Stamp { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var notice = await service.LoadAsync(id, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        Decision = notice.Response;
        Note = notice.ResponseNote;
        Stamp = notice.ConcurrencyStamp;
        await LoadMailsAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var notice = await service.LoadAsync(id, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        Problem = await service.RecordResponseAsync(notice, Decision, Note, Stamp, User.Identity?.Name, ct);
        if (Problem is not null)
        {
            await LoadMailsAsync(id, ct);
            return Page();
        }
        TempData["Message"] = $"Beslutningen er registreret: {CapacityService.ResponseName(Decision!.Value)}. {notice.Operator?.Name} har fået besked.";
        return Redirect($"/sekretariat/kapacitet/{id}");
    }

    private async Task LoadMailsAsync(int id, CancellationToken ct) =>
        Mails = await service.MailStatusAsync(id, Notifications.Admin.OutboxModel.MaxAttempts(mail.CurrentValue), ct);
}
