using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Accounts;

namespace Rammevaerk.Capacity;

/// <summary>/kapacitet/{id}/bilag/{attachmentId}: a notice's attachment, for those who may read the notice.</summary>
public sealed class AttachmentModel(NoticeAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int attachmentId, CancellationToken ct)
    {
        var (outcome, loaded) = await access.LoadAsync(User, id, edit: false, HttpContext, ct);
        if (outcome == NoticeAccess.Outcome.Refused) return StatusCode(StatusCodes.Status403Forbidden);
        var a = loaded?.Notice.Attachments.SingleOrDefault(x => x.Id == attachmentId);
        if (a is null) return NotFound();
        return File(a.Content, a.ContentType, Shared.FileNames.Clean(a.FileName));
    }
}
