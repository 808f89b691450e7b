using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Bodies.Admin;

/// <summary>
/// One body: its fields and its memberships (add, end, remove). Every handler is one user action in one
/// transaction; the slug stays as it was created, so the public addresses do not change with the name.
/// </summary>
public sealed class BodyModel(AppDb db, TimeProvider clock) : PageModel
{
    public sealed class MembershipInput
    {
        /// <summary>The person's id; a string so that a tampered value gets a Danish message.</summary>
        public string? Person { get; set; }
        /// <summary>A <see cref="MembershipRole"/> name.</summary>
        public string? Role { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }

    public Body Body { get; private set; } = null!;
    public List<Membership> Memberships { get; private set; } = [];
    public List<SelectListItem> Persons { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>The body's fields; they post as "Input.*".</summary>
    public BodyInput Input { get; set; } = new();

    /// <summary>The add-membership form; it posts as "NewMembership.*".</summary>
    public MembershipInput NewMembership { get; set; } = new();

    /// <summary>The membership whose end form failed, so its error shows in its row.</summary>
    public int? EndingMembershipId { get; private set; }
    public string? EndDate { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = BodyInput.From(Body);
        NewMembership = new MembershipInput { Role = nameof(MembershipRole.Member), From = AdminForms.DateValue(Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, [Bind(Prefix = nameof(Input))] BodyInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = input;
        NewMembership = new MembershipInput { Role = nameof(MembershipRole.Member), From = AdminForms.DateValue(Today) };
        await using var tx = await db.Database.BeginTransactionAsync();
        await input.ValidateAsync(db, ModelState, nameof(Input), exceptId: id);
        if (!ModelState.IsValid) return Page();

        Body.Name = input.Name!.Trim();
        Body.ShortName = AdminForms.Clean(input.ShortName);
        Body.Kind = input.ParsedKind!.Value;
        Body.Description = AdminForms.Clean(input.Description);
        try
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(BodyInput.Name)}", $"Der findes allerede et udvalg med navnet '{Body.Name}'.");
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            return Page();
        }
        return Done($"Udvalget '{Body.Name}' er gemt.");
    }

    public async Task<IActionResult> OnPostAddMembershipAsync(int id, [Bind(Prefix = nameof(NewMembership))] MembershipInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        NewMembership = input;
        Input = BodyInput.From(Body);
        await using var tx = await db.Database.BeginTransactionAsync();

        const string prefix = nameof(NewMembership);
        Person? person = null;
        if (string.IsNullOrWhiteSpace(input.Person)) ModelState.AddModelError($"{prefix}.{nameof(input.Person)}", "Vælg en person.");
        else if (AdminForms.ParseId(input.Person) is not int personId || (person = await db.Persons.SingleOrDefaultAsync(p => p.Id == personId)) is null)
        {
            ModelState.AddModelError($"{prefix}.{nameof(input.Person)}", "Den valgte person findes ikke. Opret personen under Udvalg og personer først.");
        }
        var role = Enum.GetValues<MembershipRole>().Select(r => (MembershipRole?)r).FirstOrDefault(r => r.ToString() == input.Role);
        if (role is null) ModelState.AddModelError($"{prefix}.{nameof(input.Role)}", "Vælg en rolle: formand, næstformand, medlem eller suppleant.");
        var from = AdminForms.ParseDate(input.From);
        if (string.IsNullOrWhiteSpace(input.From)) ModelState.AddModelError($"{prefix}.{nameof(input.From)}", "Angiv datoen, medlemskabet begynder.");
        else if (from is null) ModelState.AddModelError($"{prefix}.{nameof(input.From)}", "Fra-datoen er ikke en gyldig dato. Skriv den som dd.mm.åååå.");
        var to = AdminForms.ParseDate(input.To);
        if (!string.IsNullOrWhiteSpace(input.To) && to is null) ModelState.AddModelError($"{prefix}.{nameof(input.To)}", "Til-datoen er ikke en gyldig dato. Skriv den som dd.mm.åååå, eller lad feltet stå tomt.");
        else if (from is not null && to is not null && to < from) ModelState.AddModelError($"{prefix}.{nameof(input.To)}", "Til-datoen ligger før fra-datoen.");

        if (person is not null && from is not null && ModelState.IsValid)
        {
            var end = to ?? DateOnly.MaxValue;
            var overlapping = await db.Memberships.Where(m => m.BodyId == id && m.PersonId == person.Id).ToListAsync();
            if (overlapping.FirstOrDefault(m => m.From <= end && (m.To ?? DateOnly.MaxValue) >= from) is { } clash)
            {
                ModelState.AddModelError($"{prefix}.{nameof(input.From)}",
                    $"{person.Name} sidder allerede i udvalget i perioden, som {Danish.Role(clash.Role).ToLower(Danish.Culture)} ({Period(clash)}). Afslut det medlemskab først.");
            }
        }
        if (!ModelState.IsValid) return Page();

        db.Memberships.Add(new Membership { BodyId = id, PersonId = person!.Id, Role = role!.Value, From = from!.Value, To = to });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done($"{person.Name} er tilføjet som {Danish.Role(role.Value).ToLower(Danish.Culture)} fra {AdminForms.ShortDate(from.Value)}.");
    }

    public async Task<IActionResult> OnPostEndMembershipAsync(int id, int membershipId, string? endDate)
    {
        if (!await LoadAsync(id)) return NotFound();
        var membership = Memberships.SingleOrDefault(m => m.Id == membershipId);
        if (membership is null) return this.RedirectWithError($"/sekretariat/udvalg/{id}", "Medlemskabet findes ikke (længere) i udvalget. Intet er ændret.");
        await using var tx = await db.Database.BeginTransactionAsync();
        var to = AdminForms.ParseDate(endDate);
        if (string.IsNullOrWhiteSpace(endDate)) ModelState.AddModelError(nameof(EndDate), "Angiv datoen, medlemskabet slutter.");
        else if (to is null) ModelState.AddModelError(nameof(EndDate), "Til-datoen er ikke en gyldig dato. Skriv den som dd.mm.åååå.");
        else if (to < membership.From) ModelState.AddModelError(nameof(EndDate), "Til-datoen ligger før fra-datoen.");
        if (!ModelState.IsValid)
        {
            EndingMembershipId = membershipId;
            EndDate = endDate;
            Input = BodyInput.From(Body);
            NewMembership = new MembershipInput { Role = nameof(MembershipRole.Member), From = AdminForms.DateValue(Today) };
            return Page();
        }
        membership.To = to;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done($"{AdminForms.Genitive(membership.Person.Name)} medlemskab slutter {AdminForms.ShortDate(to!.Value)}.");
    }

    public async Task<IActionResult> OnPostRemoveMembershipAsync(int id, int membershipId)
    {
        if (!await LoadAsync(id)) return NotFound();
        var membership = Memberships.SingleOrDefault(m => m.Id == membershipId);
        if (membership is null) return this.RedirectWithError($"/sekretariat/udvalg/{id}", "Medlemskabet findes ikke (længere) i udvalget – det kan være fjernet allerede. Intet er ændret.");
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done($"{AdminForms.Genitive(membership.Person.Name)} medlemskab ({Danish.Role(membership.Role).ToLower(Danish.Culture)}, {Period(membership)}) er fjernet.");
    }

    /// <summary>"01.01.2024–31.05.2025", or "fra 01.01.2024".</summary>
    public static string Period(Membership m) =>
        m.To is { } to ? $"{AdminForms.ShortDate(m.From)}–{AdminForms.ShortDate(to)}" : $"fra {AdminForms.ShortDate(m.From)}";

    /// <summary>"nuværende", "tidligere" or "kommende" on <paramref name="today"/>.</summary>
    public static string Status(Membership m, DateOnly today) =>
        m.IsActiveOn(today) ? "nuværende" : m.From > today ? "kommende" : "tidligere";

    private IActionResult Done(string message)
    {
        TempData["Message"] = message;
        return Redirect($"/sekretariat/udvalg/{Body.Id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var body = await db.Bodies.SingleOrDefaultAsync(b => b.Id == id);
        if (body is null) return false;
        Body = body;
        Today = AdminForms.Today(clock);
        var today = Today;
        Memberships = (await db.Memberships.Include(m => m.Person).Where(m => m.BodyId == id).ToListAsync())
            .OrderBy(m => m.IsActiveOn(today) ? 0 : m.From > today ? 1 : 2)
            .ThenBy(m => m.Role)
            .ThenBy(m => m.Person.Name, StringComparer.Create(Danish.Culture, ignoreCase: true))
            .ThenByDescending(m => m.From)
            .ToList();
        Persons = (await db.Persons.Select(p => new { p.Id, p.Name, p.JobTitle }).ToListAsync())
            .OrderBy(p => p.Name, StringComparer.Create(Danish.Culture, ignoreCase: true))
            .Select(p => new SelectListItem(p.JobTitle is null ? p.Name : $"{p.Name} ({p.JobTitle})", p.Id.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        return true;
    }
}
