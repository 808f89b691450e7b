using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.FollowUps.Admin;

/// <summary>/sekretariat/opfoelgning/ny?punkt={id}: a follow-up on a decision — what, who, and when.</summary>
public sealed class NewModel(AppDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "punkt")]
    public int? ItemId { get; set; }

    [BindProperty]
    public FollowUpInput Input { get; set; } = new();

    public AgendaItem? Item { get; private set; }
    public FollowUpChoices Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.BodyId = Item?.Meeting.BodyId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        await Input.ValidateAsync(db, ModelState, Item);
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var followUp = new FollowUp
        {
            Title = "", SourceItemId = Item?.Id, State = FollowUpState.Open, CreatedAt = now, UpdatedAt = now, CreatedBy = User.Identity?.Name,
        };
        Input.ApplyTo(followUp);
        db.FollowUps.Add(followUp);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Opfølgningen \"{followUp.Title}\" er oprettet.";
        return Redirect(Item is null ? "/sekretariat/opfoelgning" : $"/sekretariat/punkter/{Item.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        if (ItemId is int id)
        {
            Item = await db.AgendaItems.Include(i => i.Meeting).ThenInclude(m => m.Body).SingleOrDefaultAsync(i => i.Id == id);
            if (Item is null) return false;
        }
        Choices = await FollowUpChoices.LoadAsync(db);
        return true;
    }
}
