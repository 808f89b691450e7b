using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Bodies.Admin;

/// <summary>One person: their fields, and the bodies they sit or sat in.</summary>
public sealed class PersonModel(AppDb db, IConfiguration config, TimeProvider clock) : PageModel
{
    public Person Person { get; private set; } = null!;
    public List<Membership> Memberships { get; private set; } = [];
    public List<SelectListItem> Municipalities { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>The person's fields; they post as "Input.*".</summary>
    public PersonInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = PersonInput.From(Person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [Bind(Prefix = nameof(Input))] PersonInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = input;
        await using var tx = await db.Database.BeginTransactionAsync();
        await input.ValidateAsync(db, ModelState, nameof(Input), AdminForms.Region(config), Person.MunicipalityCode);
        if (!ModelState.IsValid) return Page();

        input.ApplyTo(Person);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"{Person.Name} er gemt.";
        return Redirect($"/sekretariat/personer/{Person.Id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var person = await db.Persons.Include(p => p.Municipality).SingleOrDefaultAsync(p => p.Id == id);
        if (person is null) return false;
        Person = person;
        Today = AdminForms.Today(clock);
        Memberships = (await db.Memberships.Include(m => m.Body).Where(m => m.PersonId == id).ToListAsync())
            .OrderByDescending(m => m.To ?? DateOnly.MaxValue).ThenByDescending(m => m.From).ThenBy(m => m.Body.Name)
            .ToList();
        Municipalities = await AdminForms.MunicipalitiesAsync(db, config);
        // A person may belong to a municipality outside the region (entered before the region was changed): keep it selectable.
        if (person.Municipality is { } own && Municipalities.All(m => m.Value != own.Code.ToString(CultureInfo.InvariantCulture)))
        {
            Municipalities.Insert(0, new SelectListItem(own.Name, own.Code.ToString(CultureInfo.InvariantCulture)));
        }
        return true;
    }
}
