using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.AnnualCycle.Admin;

/// <summary>/sekretariat/aarshjul/punkt/{id?}: create, edit or delete a recurring item.</summary>
public sealed class ItemModel(AppDb db) : PageModel
{
    public sealed class RecurringInput
    {
        public string? Title { get; set; }
        public int? BodyId { get; set; }
        public int? Month { get; set; }
        public int? ToMonth { get; set; }
        public string? Background { get; set; }
        public string? Recommendation { get; set; }
        public bool Active { get; set; } = true;
        public int SortOrder { get; set; }
    }

    [BindProperty]
    public RecurringInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public List<SelectListItem> Bodies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        await LoadBodiesAsync();
        if (id is int existing)
        {
            var r = await db.RecurringItems.SingleOrDefaultAsync(x => x.Id == existing);
            if (r is null) return NotFound();
            Id = r.Id;
            Input = new RecurringInput
            {
                Title = r.Title, BodyId = r.BodyId, Month = r.Month, ToMonth = r.ToMonth, Background = r.Background,
                Recommendation = r.Recommendation, Active = r.Active, SortOrder = r.SortOrder,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        await LoadBodiesAsync();
        Id = id;
        RecurringItem? r = null;
        if (id is int existing)
        {
            r = await db.RecurringItems.SingleOrDefaultAsync(x => x.Id == existing);
            if (r is null) return NotFound();
        }
        var title = Input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) ModelState.AddModelError("Input.Title", "Skriv en titel på punktet.");
        else if (title.Length > Limits.Title) ModelState.AddModelError("Input.Title", $"Titlen må højst være {Limits.Title} tegn.");
        if (Input.BodyId is not int bodyId || !await db.Bodies.AnyAsync(b => b.Id == bodyId)) ModelState.AddModelError("Input.BodyId", "Vælg udvalget.");
        if (Input.Month is not (>= 1 and <= 12)) ModelState.AddModelError("Input.Month", "Vælg måneden.");
        if (Input.ToMonth is int to && to is < 1 or > 12) ModelState.AddModelError("Input.ToMonth", "Vælg en måned mellem januar og december.");
        if (Input.Background?.Length > 20_000) ModelState.AddModelError("Input.Background", "Baggrunden må højst være 20.000 tegn.");
        if (Input.Recommendation?.Length > 20_000) ModelState.AddModelError("Input.Recommendation", "Indstillingen må højst være 20.000 tegn.");
        if (!ModelState.IsValid) return Page();

        r ??= db.RecurringItems.Add(new RecurringItem { Title = title! }).Entity;
        r.Title = title!;
        r.BodyId = Input.BodyId!.Value;
        r.Month = Input.Month!.Value;
        r.ToMonth = Input.ToMonth == Input.Month ? null : Input.ToMonth;
        r.Background = string.IsNullOrWhiteSpace(Input.Background) ? null : Input.Background.Trim();
        r.Recommendation = string.IsNullOrWhiteSpace(Input.Recommendation) ? null : Input.Recommendation.Trim();
        r.Active = Input.Active;
        r.SortOrder = Input.SortOrder;
        await db.SaveChangesAsync();
        TempData["Message"] = $"\"{r.Title}\" er gemt i årshjulet.";
        return Redirect("/sekretariat/aarshjul");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var r = await db.RecurringItems.SingleOrDefaultAsync(x => x.Id == id);
        if (r is not null)
        {
            db.RecurringItems.Remove(r);
            await db.SaveChangesAsync();
            TempData["Message"] = $"\"{r.Title}\" er fjernet fra årshjulet.";
        }
        return Redirect("/sekretariat/aarshjul");
    }

    private async Task LoadBodiesAsync() =>
        Bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToListAsync();
}
