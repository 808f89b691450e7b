using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.FollowUps.Admin;

/// <summary>
/// /sekretariat/opfoelgning/{id}: one follow-up — correct what, who and when, reopen a finished one, or delete it
/// (after a confirmation; its letters stay, without the link). Each action in one transaction.
/// </summary>
public sealed class EditModel(AppDb db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public FollowUpInput Input { get; set; } = new();

    public FollowUp FollowUp { get; private set; } = null!;
    public List<Letter> Letters { get; private set; } = [];
    public FollowUpChoices Choices { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = FollowUpInput.From(FollowUp);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await Input.ValidateAsync(db, ModelState, FollowUp.SourceItem);
        if (!ModelState.IsValid) return Page();
        await using var tx = await db.Database.BeginTransactionAsync();
        Input.ApplyTo(FollowUp);
        FollowUp.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"Opfølgningen \"{FollowUp.Title}\" er gemt.";
        return Redirect($"/sekretariat/opfoelgning/{id}");
    }

    public async Task<IActionResult> OnPostReopenAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (FollowUp.State == FollowUpState.Open) return Back(id, "Opfølgningen er allerede åben.");
        FollowUp.State = FollowUpState.Open;
        FollowUp.DoneAt = null;
        FollowUp.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return Back(id, $"Opfølgningen \"{FollowUp.Title}\" er åben igen.");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (FollowUp.State != FollowUpState.Open) return Back(id, "Kun en åben opfølgning kan annulleres.");
        FollowUp.State = FollowUpState.Cancelled;
        FollowUp.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return Back(id, $"Opfølgningen \"{FollowUp.Title}\" er annulleret.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var l in Letters) l.FollowUpId = null;
        db.FollowUps.Remove(FollowUp);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"Opfølgningen \"{FollowUp.Title}\" er slettet."
            + (Letters.Count == 0 ? "" : $" {(Letters.Count == 1 ? "Brevet er bevaret" : $"De {Letters.Count} breve er bevaret")} under Breve.");
        return Redirect("/sekretariat/opfoelgning");
    }

    private RedirectResult Back(int id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/sekretariat/opfoelgning/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var f = await db.FollowUps.Include(x => x.Body)
            .Include(x => x.SourceItem).ThenInclude(i => i!.Meeting)
            .Include(x => x.PlacedOnItem).ThenInclude(i => i!.Meeting)
            .SingleOrDefaultAsync(x => x.Id == id);
        if (f is null) return false;
        FollowUp = f;
        Letters = await db.Letters.Where(l => l.FollowUpId == id).OrderBy(l => l.SentOn).ToListAsync();
        Choices = await FollowUpChoices.LoadAsync(db);
        Today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        await FollowUpDue.FillNextMeetingsAsync(db, [f]);
        return true;
    }
}
