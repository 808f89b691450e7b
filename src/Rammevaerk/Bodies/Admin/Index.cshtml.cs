using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Bodies.Admin;

/// <summary>
/// The secretariat's list of bodies and persons, with a form to create each. Every handler is one transaction;
/// on success it redirects back here with a message, on error it shows the form again with Danish messages.
/// </summary>
public sealed class IndexModel(AppDb db, IConfiguration config, TimeProvider clock) : PageModel
{
    public sealed record BodyRow(int Id, string Name, string? ShortName, BodyKind Kind, int CurrentMembers);

    public sealed record PersonRow(int Id, string Name, string? JobTitle, string? Municipality);

    public List<BodyRow> Bodies { get; private set; } = [];
    public List<PersonRow> Persons { get; private set; } = [];
    public List<SelectListItem> Municipalities { get; private set; } = [];

    /// <summary>The create-body form; its fields post as "NewBody.*".</summary>
    public BodyInput NewBody { get; set; } = new();

    /// <summary>The create-person form; its fields post as "NewPerson.*".</summary>
    public PersonInput NewPerson { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateBodyAsync([Bind(Prefix = nameof(NewBody))] BodyInput input)
    {
        NewBody = input;
        await using var tx = await db.Database.BeginTransactionAsync();
        await input.ValidateAsync(db, ModelState, nameof(NewBody), exceptId: null);
        if (!ModelState.IsValid) return await PageAsync();

        var slugs = await db.Bodies.Select(b => b.Slug).ToListAsync();
        var nextSort = await db.Bodies.AnyAsync() ? await db.Bodies.MaxAsync(b => b.SortOrder) + 1 : 0;
        var body = new Body
        {
            Name = input.Name!.Trim(),
            ShortName = AdminForms.Clean(input.ShortName),
            Slug = Slug.Unique(Slug.From(input.Name), slugs),
            Kind = input.ParsedKind!.Value,
            Description = AdminForms.Clean(input.Description),
            SortOrder = nextSort,
        };
        db.Bodies.Add(body);
        try
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException)
        {
            // Someone created a body with the same name or slug in the meantime.
            db.ChangeTracker.Clear();
            ModelState.AddModelError($"{nameof(NewBody)}.{nameof(BodyInput.Name)}", $"Der findes allerede et udvalg med navnet '{body.Name}'.");
            return await PageAsync();
        }
        TempData["Message"] = $"Udvalget '{body.Name}' er oprettet (adresse /udvalg/{body.Slug}).";
        return Redirect($"/sekretariat/udvalg/{body.Id}");
    }

    public async Task<IActionResult> OnPostCreatePersonAsync([Bind(Prefix = nameof(NewPerson))] PersonInput input)
    {
        NewPerson = input;
        await using var tx = await db.Database.BeginTransactionAsync();
        await input.ValidateAsync(db, ModelState, nameof(NewPerson), AdminForms.Region(config));
        if (!ModelState.IsValid) return await PageAsync();

        var person = new Person { Name = input.Name!.Trim() };
        input.ApplyTo(person);
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"{person.Name} er oprettet. Tilføj personen til et udvalg på udvalgets side.";
        return Redirect("/sekretariat/udvalg");
    }

    private async Task<IActionResult> PageAsync()
    {
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var today = AdminForms.Today(clock);
        Bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new BodyRow(b.Id, b.Name, b.ShortName, b.Kind,
                b.Memberships.Count(m => m.From <= today && (m.To == null || m.To >= today))))
            .ToListAsync();
        Persons = await db.Persons.OrderBy(p => p.Name)
            .Select(p => new PersonRow(p.Id, p.Name, p.JobTitle, p.Municipality == null ? null : p.Municipality.Name))
            .ToListAsync();
        Municipalities = await AdminForms.MunicipalitiesAsync(db, config);
    }
}

/// <summary>A body as the secretariat types it, for the create and edit forms.</summary>
public sealed class BodyInput
{
    public const int NameLength = 200;
    public const int ShortNameLength = 20;
    public const int DescriptionLength = 2000;

    [Required(ErrorMessage = "Skriv udvalgets navn.")]
    [MaxText(NameLength, "Navnet")]
    public string? Name { get; set; }

    [MaxText(ShortNameLength, "Forkortelsen")]
    public string? ShortName { get; set; }

    /// <summary>A <see cref="BodyKind"/> name; a string so that a tampered value gets a Danish message.</summary>
    [Required(ErrorMessage = "Vælg hvilken slags udvalg det er.")]
    public string? Kind { get; set; }

    [MaxText(DescriptionLength, "Beskrivelsen")]
    public string? Description { get; set; }

    public BodyKind? ParsedKind => Enum.GetValues<BodyKind>().Select(k => (BodyKind?)k).FirstOrDefault(k => k.ToString() == Kind);

    public static BodyInput From(Body body) => new()
    {
        Name = body.Name, ShortName = body.ShortName, Kind = body.Kind.ToString(), Description = body.Description,
    };

    /// <summary>Checks what attributes cannot: a known kind, and a name no other body has (ignoring case).</summary>
    public async Task ValidateAsync(AppDb db, ModelStateDictionary state, string prefix, int? exceptId)
    {
        if (Kind is not null && ParsedKind is null) state.AddModelError($"{prefix}.{nameof(Kind)}", "Vælg en af de viste slags udvalg.");
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name)) return;
        // Few bodies, and SQLite's lower() knows only ASCII: compare in memory so that "ØKONOMISK" finds "Økonomisk".
        var names = await db.Bodies.Where(b => exceptId == null || b.Id != exceptId).Select(b => b.Name).ToListAsync();
        if (names.Any(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase)))
        {
            state.AddModelError($"{prefix}.{nameof(Name)}", $"Der findes allerede et udvalg med navnet '{name}'.");
        }
    }
}

/// <summary>A person as the secretariat types them, for the create and edit forms.</summary>
public sealed class PersonInput
{
    public const int NameLength = 200;
    public const int JobTitleLength = 200;
    public const int EmailLength = 256;

    [Required(ErrorMessage = "Skriv personens navn.")]
    [MaxText(NameLength, "Navnet")]
    public string? Name { get; set; }

    [MaxText(JobTitleLength, "Stillingsbetegnelsen")]
    public string? JobTitle { get; set; }

    /// <summary>The municipality code, or empty for none (a region or private person).</summary>
    public string? Municipality { get; set; }

    [MaxText(EmailLength, "E-mailadressen")]
    [EmailAddress(ErrorMessage = "E-mailadressen er ikke gyldig, fx navn@kommune.dk.")]
    public string? Email { get; set; }

    public int? MunicipalityCode => AdminForms.ParseId(Municipality);

    public static PersonInput From(Person person) => new()
    {
        Name = person.Name, JobTitle = person.JobTitle, Municipality = person.MunicipalityCode?.ToString(CultureInfo.InvariantCulture),
        Email = person.Email,
    };

    /// <summary>The municipality must be one of the region's, or the one the person already has.</summary>
    public async Task ValidateAsync(AppDb db, ModelStateDictionary state, string prefix, string region, int? currentCode = null)
    {
        if (string.IsNullOrWhiteSpace(Municipality)) return;
        var code = MunicipalityCode;
        if (code is null || (code != currentCode && !await db.Municipalities.AnyAsync(m => m.Code == code && m.Region == region)))
        {
            state.AddModelError($"{prefix}.{nameof(Municipality)}", $"Vælg en kommune i {region} fra listen, eller 'Ingen'.");
        }
    }

    public void ApplyTo(Person person)
    {
        person.Name = Name!.Trim();
        person.JobTitle = AdminForms.Clean(JobTitle);
        person.MunicipalityCode = MunicipalityCode;
        person.Email = AdminForms.Clean(Email);
    }
}

/// <summary>Small helpers shared by the secretariat's admin pages for bodies, persons and accounts.</summary>
public static class AdminForms
{
    public const string DefaultRegion = "Region Syddanmark";

    public static string Region(IConfiguration config) =>
        Hosting.SiteOptions.Of(config).Region;

    /// <summary>The configured region's municipalities by name, as select options (value = code).</summary>
    public static async Task<List<SelectListItem>> MunicipalitiesAsync(AppDb db, IConfiguration config)
    {
        var region = Region(config);
        var list = await db.Municipalities.Where(m => m.Region == region)
            .Select(m => new { m.Code, m.Name }).ToListAsync();
        return list.OrderBy(m => m.Name, StringComparer.Create(Shared.Danish.Culture, ignoreCase: true))
            .Select(m => new SelectListItem(m.Name, m.Code.ToString(CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>Today in Copenhagen.</summary>
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(Shared.Danish.ToLocal(clock.GetUtcNow().UtcDateTime));

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static int? ParseId(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;


    /// <summary>A date as a date field sends it (2026-03-01), or as a Dane types it (1.3.2026).</summary>
    public static DateOnly? ParseDate(string? value) =>
        Shared.DanishInput.Date(value);

    /// <summary>The value of an &lt;input type="date"&gt;.</summary>
    public static string DateValue(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"01.03.2026"</summary>
    public static string ShortDate(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>Danish genitive: "Mogens Bak Hansens", "Lars'".</summary>
    public static string Genitive(string name) =>
        name.EndsWith('s') || name.EndsWith('x') || name.EndsWith('z') ? name + "'" : name + "s";

    public static string KindName(BodyKind kind) => kind switch
    {
        BodyKind.Forum => "Forum",
        BodyKind.ExecutiveCommittee => "Forretningsudvalg",
        BodyKind.WorkingGroup => "Arbejdsgruppe",
        BodyKind.Other => "Andet",
        _ => kind.ToString(),
    };

    /// <summary>The distinct errors of one form: the fields named "prefix.*" and the key "prefix" itself.</summary>
    public static List<string> Errors(ModelStateDictionary state, string prefix) =>
        state.Where(e => e.Key == prefix || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal))
            .SelectMany(e => e.Value?.Errors ?? []).Select(e => e.ErrorMessage).Distinct().ToList();

    /// <summary>The errors of a form field as one text, or null (as the field tag helper shows them).</summary>
    public static string? Error(ModelStateDictionary state, string key) => Rammevaerk.Shared.Forms.FieldTagHelper.ErrorFrom(state, key);
}
