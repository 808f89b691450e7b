using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Capacity.Admin;

/// <summary>/sekretariat/kapacitet: notices by state; the pending ones are put on a meeting's agenda as one item.</summary>
public sealed class IndexModel(AppDb db, CapacityService service) : PageModel
{
    public List<CapacityNotice> Notices { get; private set; } = [];
    public List<PlacementMeeting> Meetings { get; private set; } = [];
    public string? Problem { get; private set; }

    [BindProperty] public List<int> Selected { get; set; } = [];
    [BindProperty] public int? MeetingId { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAgendaAsync(CancellationToken ct)
    {
        var (item, problem) = await service.PutOnAgendaAsync(Selected, MeetingId, User.Identity?.Name, ct);
        if (item is null)
        {
            Problem = problem;
            await LoadAsync(ct);
            return Page();
        }
        TempData["Message"] = $"Punkt {item.Number} \"{item.Title}\" er oprettet med {Selected.Distinct().Count()} {(Selected.Distinct().Count() == 1 ? "orientering" : "orienteringer")}. Ret teksten her som i ethvert punkt.";
        return Redirect($"/sekretariat/punkter/{item.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData["SecretariatNav"] = true;
        Notices = await service.Notices().AsNoTracking().Where(n => n.State != NoticeState.Draft)
            .OrderByDescending(n => n.SubmittedAt).ThenByDescending(n => n.Id).ToListAsync(ct);
        Meetings = await new AgendaPlacement(db).MeetingsAsync(ct: ct);
    }
}
