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
        var item = Item;
        var what = $"Punkt {item.Number} «{item.Title}» (punkt-id {item.Id}) på møde {Meeting.Id} med {item.Attachments.Count} bilag";
        await using var tx = await db.Database.BeginTransactionAsync();
        Meeting.Items.Remove(item);
        if (KeepsRow)
        {
            item.RemovedAt = clock.GetUtcNow().UtcDateTime;
        }
        else
        {
            db.AgendaItems.Remove(item);
        }
        await db.SaveChangesAsync();
        // The remaining items close the gap, so numbers stay 1…n.
        await ItemNumbering.ApplyAsync(db, ItemNumbering.Consecutive(Meeting.Items.OrderBy(i => i.Number)));
        await lifecycle.SaveChangeAsync(Meeting, User.Identity?.Name, $"Punkt {item.Number} fjernet: {item.Title}");
        await tx.CommitAsync();
        await audit.RecordAsync("Sletning af punkt", $"{what} er {(KeepsRow ? "fjernet fra arbejdskopien (gemt med de udgivne versioner)" : "slettet")}.", HttpContext);
        TempData["Message"] = $"Punkt {item.Number} \"{item.Title}\" er fjernet, og de følgende punkter er rykket op." +
                              (Meeting.IsPublished ? " Det forsvinder fra den offentlige side, når du udgiver en ny version." : "");
        return Redirect($"/sekretariat/moeder/{Meeting.Id}");
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
