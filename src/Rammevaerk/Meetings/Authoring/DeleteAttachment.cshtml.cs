using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>
/// Removing an attachment asks first and is recorded in the security log. On a meeting that was ever published the
/// file is kept (a published version lists it) and leaves the public site with the next version; on a draft never
/// published it is deleted.
/// </summary>
public sealed class DeleteAttachmentModel(AppDb db, MeetingLifecycle lifecycle, AuditLog audit, TimeProvider clock) : PageModel
{
    public Attachment Attachment { get; private set; } = null!;
    public AgendaItem Item => Attachment.AgendaItem;
    public Meeting Meeting => Item.Meeting;
    public bool KeepsFile => Meeting.Version > 0;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            TempData["Message"] = "Bilaget var allerede fjernet.";
            return Redirect("/sekretariat");
        }
        // Deleting detaches the attachment and clears its navigation after saving, so keep what is needed first.
        var (a, item, meeting, keep) = (Attachment, Item, Meeting, KeepsFile);
        var (attachmentId, name) = (a.Id, a.FileName);
        if (keep)
        {
            a.RemovedAt = clock.GetUtcNow().UtcDateTime;
        }
        else
        {
            await db.AttachmentContents.Where(c => c.AttachmentId == attachmentId).LoadAsync();
            db.Attachments.Remove(a);
        }
        item.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        item.ConcurrencyStamp = Guid.NewGuid();
        await lifecycle.SaveChangeAsync(meeting, User.Identity?.Name, $"Bilag fjernet fra punkt {item.Number}: {name}");
        await audit.RecordAsync("Sletning af bilag",
            $"Bilaget «{name}» (bilag-id {attachmentId}) på punkt {item.Number} på møde {meeting.Id} er {(keep ? "fjernet fra arbejdskopien (filen gemt med de udgivne versioner)" : "slettet")}.", HttpContext);
        TempData["Message"] = $"Bilaget '{name}' er fjernet." + (meeting.IsPublished ? " Det forsvinder fra den offentlige side, når du udgiver en ny version." : "");
        return Redirect($"/sekretariat/punkter/{item.Id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var a = await db.Attachments.Include(x => x.AgendaItem).ThenInclude(i => i.Meeting).ThenInclude(m => m.Body).SingleOrDefaultAsync(x => x.Id == id);
        if (a is null) return false;
        Attachment = a;
        return true;
    }
}
