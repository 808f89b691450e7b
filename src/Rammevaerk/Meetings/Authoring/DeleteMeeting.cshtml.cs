using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>
/// Deleting a draft meeting asks first, naming what goes (items, decisions, attachments), and is recorded in the
/// security log. A meeting that was ever published is never deleted: it is withdrawn instead and keeps its versions.
/// </summary>
public sealed class DeleteMeetingModel(AppDb db, AuditLog audit) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;
    public int Attachments { get; private set; }
    public int Decisions { get; private set; }

    public bool MayDelete => Meeting.State == MeetingState.Draft && Meeting.Version == 0;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return Redirect("/sekretariat");
        if (!MayDelete) return Page();
        var what = $"Kladden «{Meeting.Title}» ({Meeting.Body.Name} {Danish.ShortDate(Meeting.StartsAt)}, møde {Meeting.Id}) med {Meeting.Items.Count} punkter og {Attachments} bilag";
        db.Meetings.Remove(Meeting);
        await db.SaveChangesAsync();
        await audit.RecordAsync("Sletning af mødekladde", $"{what} er slettet.", HttpContext);
        TempData["Message"] = $"Kladden \"{Meeting.Title}\" er slettet.";
        return Redirect("/sekretariat");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var meeting = await db.Meetings.Include(m => m.Body).Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return false;
        Meeting = meeting;
        Attachments = await db.Attachments.CountAsync(a => a.AgendaItem.MeetingId == id);
        Decisions = meeting.Items.Count(i => !string.IsNullOrWhiteSpace(i.Decision));
        return true;
    }
}
