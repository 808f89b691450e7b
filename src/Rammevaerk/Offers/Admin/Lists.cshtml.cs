using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Offers.Admin;

/// <summary>
/// /sekretariat/tilbud/lister: the maintained lists of legal bases and target groups. Entries are added, edited and
/// deactivated; one in use by a service is never deleted and keeps its code or name (snapshots refer to it by text).
/// </summary>
public sealed class ListsModel(AppDb db) : PageModel
{
    public sealed record BasisLine(LegalBasis Basis, int InUse);
    public sealed record GroupLine(TargetGroup Group, int InUse);

    public sealed class BasisInput
    {
        public int? Id { get; set; }
        public string? Code { get; set; }
        public string? Title { get; set; }
        public AgeScope Scope { get; set; }
    }

    public sealed class GroupInput
    {
        public int? Id { get; set; }
        public string? Name { get; set; }
        public AgeScope Scope { get; set; }
    }

    [BindProperty] public BasisInput Basis { get; set; } = new();
    [BindProperty] public GroupInput Group { get; set; } = new();

    public List<BasisLine> Bases { get; private set; } = [];
    public List<GroupLine> Groups { get; private set; } = [];
    public List<string> NoProblems { get; } = [];

    public async Task OnGetAsync(int? paragraf, int? maalgruppe, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (paragraf is int p && Bases.FirstOrDefault(b => b.Basis.Id == p)?.Basis is { } lb)
            Basis = new BasisInput { Id = lb.Id, Code = lb.Code, Title = lb.Title, Scope = lb.Scope };
        if (maalgruppe is int g && Groups.FirstOrDefault(x => x.Group.Id == g)?.Group is { } tg)
            Group = new GroupInput { Id = tg.Id, Name = tg.Name, Scope = tg.Scope };
    }

    public async Task<IActionResult> OnPostBasisAsync(CancellationToken ct)
    {
        ModelState.Remove("Group.Name");
        var code = Normalize(Basis.Code);
        var title = Normalize(Basis.Title);
        LegalBasis? existing = Basis.Id is int id ? await db.LegalBases.SingleOrDefaultAsync(l => l.Id == id, ct) : null;
        if (Basis.Id is not null && existing is null) return NotFound();
        if (string.IsNullOrEmpty(code)) ModelState.AddModelError("Basis.Code", "Paragraf: Skriv paragraffens kode, fx 'SEL § 107'.");
        else if (code.Length > 50) ModelState.AddModelError("Basis.Code", "Paragraf: Koden må højst være 50 tegn.");
        else
        {
            var codes = await db.LegalBases.Where(l => l.Id != (existing == null ? 0 : existing.Id)).Select(l => l.Code).ToListAsync(ct);
            if (codes.Contains(code, StringComparer.OrdinalIgnoreCase)) ModelState.AddModelError("Basis.Code", $"Paragraf: '{code}' findes allerede på listen.");
        }
        if (string.IsNullOrEmpty(title)) ModelState.AddModelError("Basis.Title", $"Paragraf {code}: Skriv en titel, fx 'Midlertidigt botilbud'.");
        else if (title.Length > 200) ModelState.AddModelError("Basis.Title", $"Paragraf {code}: Titlen må højst være 200 tegn.");
        if (existing is not null && code is not null && !string.Equals(existing.Code, code, StringComparison.Ordinal)
            && await BasisUseAsync(existing.Id, ct) is var used and > 0)
        {
            ModelState.AddModelError("Basis.Code", $"Paragraf {existing.Code}: Koden kan ikke ændres, fordi {used} ydelse(r) bruger den. Opret en ny paragraf, og deaktivér den gamle.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        if (existing is null)
        {
            var order = await db.LegalBases.MaxAsync(l => (int?)l.SortOrder, ct) ?? 0;
            db.LegalBases.Add(new LegalBasis { Code = code!, Title = title!, Scope = Basis.Scope, SortOrder = order + 10 });
        }
        else
        {
            existing.Code = code!;
            existing.Title = title!;
            existing.Scope = Basis.Scope;
        }
        await db.SaveChangesAsync(ct);
        TempData["Message"] = existing is null ? $"Paragraffen {code} er tilføjet." : $"Paragraffen {code} er gemt.";
        return Redirect("/sekretariat/tilbud/lister#paragraffer");
    }

    public async Task<IActionResult> OnPostGroupAsync(CancellationToken ct)
    {
        ModelState.Remove("Basis.Code");
        ModelState.Remove("Basis.Title");
        var name = Normalize(Group.Name);
        TargetGroup? existing = Group.Id is int id ? await db.TargetGroups.SingleOrDefaultAsync(t => t.Id == id, ct) : null;
        if (Group.Id is not null && existing is null) return NotFound();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError("Group.Name", "Målgruppe: Skriv målgruppens navn, fx 'Sindslidelse'.");
        else if (name.Length > 100) ModelState.AddModelError("Group.Name", "Målgruppe: Navnet må højst være 100 tegn.");
        else
        {
            var names = await db.TargetGroups.Where(t => t.Id != (existing == null ? 0 : existing.Id)).Select(t => t.Name).ToListAsync(ct);
            if (names.Contains(name, StringComparer.OrdinalIgnoreCase)) ModelState.AddModelError("Group.Name", $"Målgruppe: '{name}' findes allerede på listen.");
        }
        if (existing is not null && name is not null && !string.Equals(existing.Name, name, StringComparison.Ordinal)
            && await GroupUseAsync(existing.Id, ct) is var used and > 0)
        {
            ModelState.AddModelError("Group.Name", $"Målgruppe {existing.Name}: Navnet kan ikke ændres, fordi {used} ydelse(r) bruger det. Opret en ny målgruppe, og deaktivér den gamle.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        if (existing is null)
        {
            var order = await db.TargetGroups.MaxAsync(t => (int?)t.SortOrder, ct) ?? 0;
            db.TargetGroups.Add(new TargetGroup { Name = name!, Scope = Group.Scope, SortOrder = order + 10 });
        }
        else
        {
            existing.Name = name!;
            existing.Scope = Group.Scope;
        }
        await db.SaveChangesAsync(ct);
        TempData["Message"] = existing is null ? $"Målgruppen {name} er tilføjet." : $"Målgruppen {name} er gemt.";
        return Redirect("/sekretariat/tilbud/lister#maalgrupper");
    }

    public async Task<IActionResult> OnPostToggleBasisAsync(int id, CancellationToken ct)
    {
        var basis = await db.LegalBases.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (basis is null) return NotFound();
        basis.Active = !basis.Active;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = basis.Active ? $"Paragraffen {basis.Code} er aktiveret igen." : $"Paragraffen {basis.Code} er deaktiveret og kan ikke længere vælges til nye ydelser.";
        return Redirect("/sekretariat/tilbud/lister#paragraffer");
    }

    public async Task<IActionResult> OnPostToggleGroupAsync(int id, CancellationToken ct)
    {
        var group = await db.TargetGroups.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (group is null) return NotFound();
        group.Active = !group.Active;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = group.Active ? $"Målgruppen {group.Name} er aktiveret igen." : $"Målgruppen {group.Name} er deaktiveret og kan ikke længere vælges til nye ydelser.";
        return Redirect("/sekretariat/tilbud/lister#maalgrupper");
    }

    /// <summary>Deletes an entry no service uses (one added by mistake); one in use can only be deactivated.</summary>
    public async Task<IActionResult> OnPostDeleteBasisAsync(int id, CancellationToken ct)
    {
        var basis = await db.LegalBases.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (basis is null) return NotFound();
        if (await BasisUseAsync(id, ct) is var used and > 0)
        {
            ModelState.AddModelError("", $"Paragraffen {basis.Code} bruges af {used} ydelse(r) og kan ikke slettes. Deaktivér den i stedet.");
            await LoadAsync(ct);
            return Page();
        }
        db.LegalBases.Remove(basis);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Paragraffen {basis.Code} er slettet.";
        return Redirect("/sekretariat/tilbud/lister#paragraffer");
    }

    public async Task<IActionResult> OnPostDeleteGroupAsync(int id, CancellationToken ct)
    {
        var group = await db.TargetGroups.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (group is null) return NotFound();
        if (await GroupUseAsync(id, ct) is var used and > 0)
        {
            ModelState.AddModelError("", $"Målgruppen {group.Name} bruges af {used} ydelse(r) og kan ikke slettes. Deaktivér den i stedet.");
            await LoadAsync(ct);
            return Page();
        }
        db.TargetGroups.Remove(group);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Målgruppen {group.Name} er slettet.";
        return Redirect("/sekretariat/tilbud/lister#maalgrupper");
    }

    private Task<int> BasisUseAsync(int id, CancellationToken ct) => db.OfferServices.CountAsync(s => s.LegalBases.Any(l => l.Id == id), ct);

    private Task<int> GroupUseAsync(int id, CancellationToken ct) => db.OfferServices.CountAsync(s => s.TargetGroups.Any(t => t.Id == id), ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Bases = await db.LegalBases.AsNoTracking().OrderBy(l => l.SortOrder).ThenBy(l => l.Code)
            .Select(l => new BasisLine(l, db.OfferServices.Count(s => s.LegalBases.Any(x => x.Id == l.Id)))).ToListAsync(ct);
        Groups = await db.TargetGroups.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new GroupLine(t, db.OfferServices.Count(s => s.TargetGroups.Any(x => x.Id == t.Id)))).ToListAsync(ct);
    }

    private static string? Normalize(string? s) => string.IsNullOrWhiteSpace(s) ? null : string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
