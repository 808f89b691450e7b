using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>
/// Removing an item asks first and is recorded in the security log. From a meeting that was ever published the item
/// is removed from the working copy only: its row and files stay, because a published version shows them; it leaves
/// the public site with the next version. From a draft never published it is deleted.
/// </summary>
public sealed class DeleteItemModel(AppDb db, MeetingLifecycle lifecycle, AuditLog audit, TimeProvider clock) : PageModel
{
    public AgendaItem Item { get; private set; } = null!;
    public Meeting Meeting => Item.Meeting;
    public bool KeepsRow => Meeting.Version > 0;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            TempData["Message"] = "Punktet var allerede fjernet.";
            return Redirect("/sekretariat");
        }
        // Deleting detaches the item and clears its navigations after saving, so keep what is needed first.
        var item = Item;
        var meeting = Meeting;
        var keep = KeepsRow;
        var (number, title) = (item.Number, item.Title);
        var what = $"Punkt {number} «{title}» (punkt-id {item.Id}) på møde {meeting.Id} med {item.Attachments.Count} bilag";
        var remaining = meeting.Items.Where(i => i != item).OrderBy(i => i.Number).ToList();
        await using var tx = await db.Database.BeginTransactionAsync();
        // Kept as a row (never removed from the meeting's list, which would delete it and its files as orphans).
        if (keep) item.RemovedAt = clock.GetUtcNow().UtcDateTime;
        else db.AgendaItems.Remove(item);
        await db.SaveChangesAsync();
        // The remaining items close the gap, so numbers stay 1…n.
        await ItemNumbering.ApplyAsync(db, ItemNumbering.Consecutive(remaining));
        await lifecycle.SaveChangeAsync(meeting, User.Identity?.Name, $"Punkt {number} fjernet: {title}");
        await tx.CommitAsync();
        await audit.RecordAsync("Sletning af punkt", $"{what} er {(keep ? "fjernet fra arbejdskopien (gemt med de udgivne versioner)" : "slettet")}.", HttpContext);
        TempData["Message"] = $"Punkt {number} \"{title}\" er fjernet, og de følgende punkter er rykket op." +
                              (meeting.IsPublished ? " Det forsvinder fra den offentlige side, når du udgiver en ny version." : "");
        return Redirect($"/sekretariat/moeder/{meeting.Id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var item = await db.AgendaItems
            .Include(i => i.Meeting).ThenInclude(m => m.Items)
            .Include(i => i.Meeting).ThenInclude(m => m.Body)
            .Include(i => i.Attachments)
            .SingleOrDefaultAsync(i => i.Id == id);
        if (item is null) return false;
        Item = item;
        return true;
    }
}
