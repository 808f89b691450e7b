using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// Withdrawing a published meeting from the public site (a meeting cancelled after its agenda was out, minutes
/// published on the wrong meeting): asks first with a reason, keeps every version for the archive, is recorded in the
/// security log. Published minutes are never deleted.
/// </summary>
public sealed class WithdrawModel(AppDb db, MeetingLifecycle lifecycle, AuditLog audit) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Meeting.IsPublished) return Page();
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) ModelState.AddModelError(nameof(Reason), "Skriv hvorfor mødet trækkes tilbage (det gemmes med mødet).");
        else if (reason.Length > 1000) ModelState.AddModelError(nameof(Reason), Danish.TooLong("Begrundelsen", 1000, reason.Length));
        if (!ModelState.IsValid) return Page();
        var what = $"{Danish.State(Meeting.State)}: «{Meeting.Title}» ({Meeting.Body.Name} {Danish.ShortDate(Meeting.StartsAt)}, møde {Meeting.Id}, version {Meeting.Version})";
        await lifecycle.WithdrawAsync(Meeting, User.Identity?.Name, reason!);
        await audit.RecordAsync("Tilbagetrækning af møde", $"{what} er trukket tilbage fra den offentlige side: {reason}", HttpContext);
        TempData["Message"] = "Mødet er trukket tilbage fra den offentlige side. Versionerne er gemt, og det kan udgives igen.";
        return Redirect($"/sekretariat/moeder/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var meeting = await db.Meetings.Include(m => m.Body).SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return false;
        Meeting = meeting;
        return true;
    }
}
