using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rammevaerk.Capacity.Admin;

/// <summary>/sekretariat/kapacitet/{id}: one notice, its agenda item, and the form for the forum's response.</summary>
public sealed class NoticeModel(CapacityService service) : PageModel
{
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
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var notice = await service.LoadAsync(id, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        Problem = await service.RecordResponseAsync(notice, Decision, Note, Stamp, User.Identity?.Name, ct);
        if (Problem is not null) return Page();
        TempData["Message"] = $"Beslutningen er registreret: {CapacityService.ResponseName(Decision!.Value)}. {notice.Operator?.Name} har fået besked.";
        return Redirect($"/sekretariat/kapacitet/{id}");
    }
}
