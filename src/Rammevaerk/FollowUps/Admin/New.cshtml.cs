using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.FollowUps.Admin;

/// <summary>/sekretariat/opfoelgning/ny?punkt={id}: a follow-up on a decision — what, who, and when.</summary>
public sealed class NewModel(AppDb db, TimeProvider clock) : PageModel
{
    public sealed class FollowUpInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public int? BodyId { get; set; }
        public FollowUpOwner Owner { get; set; } = FollowUpOwner.Secretariat;
        public int? OwnerPersonId { get; set; }
        public int? OwnerBodyId { get; set; }
        /// <summary>"dato" or "naestemoede".</summary>
        public string Due { get; set; } = "naestemoede";
        public DateOnly? DueDate { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "punkt")]
    public int? ItemId { get; set; }

    [BindProperty]
    public FollowUpInput Input { get; set; } = new();

    public AgendaItem? Item { get; private set; }
    public List<SelectListItem> Bodies { get; private set; } = [];
    public List<SelectListItem> WorkingGroups { get; private set; } = [];
    public List<SelectListItem> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.BodyId = Item?.Meeting.BodyId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var title = Input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) ModelState.AddModelError("Input.Title", "Skriv, hvad der skal følges op på.");
        else if (title.Length > Limits.Title) ModelState.AddModelError("Input.Title", $"Teksten må højst være {Limits.Title} tegn (den er {title.Length}).");
        if (Input.Description?.Length > 20_000) ModelState.AddModelError("Input.Description", "Beskrivelsen må højst være 20.000 tegn.");
        if (Input.BodyId is not int bodyId || !await db.Bodies.AnyAsync(b => b.Id == bodyId)) ModelState.AddModelError("Input.BodyId", "Vælg det udvalg, opfølgningen hører til.");
        if (Input.Owner == FollowUpOwner.Person && (Input.OwnerPersonId is not int p || !await db.Persons.AnyAsync(x => x.Id == p)))
            ModelState.AddModelError("Input.OwnerPersonId", "Vælg den person, der har opgaven.");
        if (Input.Owner == FollowUpOwner.WorkingGroup && (Input.OwnerBodyId is not int g || !await db.Bodies.AnyAsync(x => x.Id == g)))
            ModelState.AddModelError("Input.OwnerBodyId", "Vælg den arbejdsgruppe, der har opgaven.");
        var byDate = Input.Due == "dato";
        if (byDate && Input.DueDate is null && !ModelState.ContainsKey("Input.DueDate"))
            ModelState.AddModelError("Input.DueDate", "Skriv en frist, eller vælg \"Næste møde\".");
        if (byDate && Input.DueDate is { } due && Item is not null)
        {
            var decided = DateOnly.FromDateTime(Danish.ToLocal(Item.Meeting.StartsAt));
            if (due < decided)
                ModelState.AddModelError("Input.DueDate", $"Fristen kan ikke ligge før beslutningen: punktet blev behandlet {decided.ToString("d. MMMM yyyy", Danish.Culture)}.");
        }
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var followUp = new FollowUp
        {
            Title = title!, Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(),
            SourceItemId = Item?.Id, BodyId = Input.BodyId!.Value, Owner = Input.Owner,
            OwnerPersonId = Input.Owner == FollowUpOwner.Person ? Input.OwnerPersonId : null,
            OwnerBodyId = Input.Owner == FollowUpOwner.WorkingGroup ? Input.OwnerBodyId : null,
            DueNextMeeting = !byDate, DueDate = byDate ? Input.DueDate : null,
            State = FollowUpState.Open, CreatedAt = now, UpdatedAt = now, CreatedBy = User.Identity?.Name,
        };
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
        var bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync();
        Bodies = bodies.Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToList();
        WorkingGroups = bodies.Where(b => b.Kind == BodyKind.WorkingGroup).Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToList();
        People = await db.Persons.OrderBy(p => p.Name).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToListAsync();
        return true;
    }
}
