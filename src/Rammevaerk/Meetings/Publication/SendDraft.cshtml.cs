using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rammevaerk.Meetings.Publication;

/// <summary>The secretariat sends the draft minutes to the body's members and reads their comments, round by round.</summary>
public sealed class SendDraftModel(DraftMinutesService drafts) : PageModel
{
    public DraftMinutesService.SendPreview Preview { get; private set; } = null!;
    public List<DraftMinutes> Rounds { get; private set; } = [];
    public string? Problem { get; private set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public DateOnly? CommentsBy { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Problem = "Fristen for bemærkninger er ikke en gyldig dato.";
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        var (draft, problem) = await drafts.SendAsync(id, Message, CommentsBy, User.Identity?.Name, PublicLinks.Root(Request), ct);
        if (draft is null)
        {
            Problem = problem;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        TempData["Message"] = $"Udkastet til referat (runde {draft.Round}) er sendt til {draft.Recipients} {(draft.Recipients == 1 ? "medlem" : "medlemmer")}.";
        return Redirect($"/sekretariat/moeder/{id}/udkast");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var preview = await drafts.PreviewAsync(id, ct);
        if (preview is null) return false;
        Preview = preview;
        Rounds = await drafts.RoundsAsync(id, ct);
        return true;
    }
}
