using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;

namespace Rammevaerk.Notifications.Admin;

/// <summary>/sekretariat/udbakke/{id}: one e-mail as it was written (or sent), with its delivery history.</summary>
public sealed class MessageModel(AppDb db, IOptionsMonitor<MailSettings> mail) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!;
    public OutboxState State { get; private set; }
    public MailSettings Mail => mail.CurrentValue;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var message = await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return NotFound();
        Message = message;
        State = OutboxModel.StateOf(message.SentAt, message.Attempts, OutboxModel.MaxAttempts(mail.CurrentValue));
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(int id, CancellationToken ct)
    {
        var result = await OutboxModel.RetryAsync(db, id, ct);
        if (result is null) return NotFound();
        TempData["Message"] = result;
        return Redirect($"/sekretariat/udbakke/{id}");
    }
}
