using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Economics.Admin;

/// <summary>The p/l index form's fields; names bind to "Input.*".</summary>
public sealed class PlIndexInput
{
    [Display(Name = "År")] public int? Year { get; set; }
    [Display(Name = "P/L-ændring (%)")] public decimal? Percent { get; set; }
    [Display(Name = "Kilde")] public string? Source { get; set; }
    /// <summary>The year being edited (hidden), so that the year itself can be corrected.</summary>
    public int? OriginalYear { get; set; }
}

/// <summary>
/// /sekretariat/oekonomi/pl-indeks: the price and wage index (p/l-fremskrivning) by year, kept by the secretariat
/// and used by the rate calculations and the indexed per-citizen fees.
/// </summary>
public sealed class PlIndexModel(AppDb db, TimeProvider clock) : PageModel
{
    public const int SourceLength = 300;

    [BindProperty] public PlIndexInput Input { get; set; } = new();

    public List<PriceWageIndexYear> Years { get; private set; } = [];
    public bool Editing => Input.OriginalYear is not null;

    public string? Err(string key) => ModelState.TryGetValue("Input." + key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    public async Task<IActionResult> OnGetAsync(int? aar, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (aar is int year)
        {
            var row = Years.FirstOrDefault(y => y.Year == year);
            if (row is null) return NotFound();
            Input = new PlIndexInput { Year = row.Year, Percent = row.Percent, Source = row.Source, OriginalYear = row.Year };
        }
        else
        {
            Input.Year = Years.Count == 0 ? Shared.Danish.TodayOf(clock).Year : Years.Max(y => y.Year) + 1;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var source = Input.Source?.Trim();
        if (Input.Year is null && Err("Year") is null) ModelState.AddModelError("Input.Year", "Skriv året.");
        else if (Input.Year is int y && (y < 1900 || y > 2200)) ModelState.AddModelError("Input.Year", $"Året skal være mellem 1900 og 2200 (det er {y}).");
        if (Input.Percent is null && Err("Percent") is null) ModelState.AddModelError("Input.Percent", "Skriv p/l-ændringen i procent.");
        else if (Input.Percent is decimal p && (p <= -100 || p > 100))
            ModelState.AddModelError("Input.Percent", $"P/L-ændringen skal være større end -100 og højst 100 % (den er {ReportOutput.Num(p, 4)} %).");
        if (string.IsNullOrEmpty(source)) ModelState.AddModelError("Input.Source", "Skriv kilden, fx \"KL, juni 2026\".");
        else if (source.Length > SourceLength) ModelState.AddModelError("Input.Source", $"Kilden må højst være {SourceLength} tegn.");

        PriceWageIndexYear? original = null;
        if (Input.OriginalYear is int orig)
        {
            original = await db.PriceWageIndex.SingleOrDefaultAsync(x => x.Year == orig, ct);
            if (original is null) return NotFound();
        }
        if (ModelState.IsValid && Input.Year != Input.OriginalYear && await db.PriceWageIndex.AnyAsync(x => x.Year == Input.Year, ct))
            ModelState.AddModelError("Input.Year", $"Der er allerede et p/l-indeks for {Input.Year}. Redigér det i listen.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var year = Input.Year!.Value;
        if (original is not null && original.Year != year) db.PriceWageIndex.Remove(original);
        var row = original is not null && original.Year == year ? original : null;
        if (row is null)
        {
            row = new PriceWageIndexYear { Year = year };
            db.PriceWageIndex.Add(row);
        }
        row.Percent = Input.Percent!.Value;
        row.Source = source;
        row.UpdatedAt = now;
        row.UpdatedBy = User.Identity?.Name;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"P/L-indekset for {year} er gemt.";
        return Redirect("/sekretariat/oekonomi/pl-indeks");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int year, CancellationToken ct)
    {
        var row = await db.PriceWageIndex.SingleOrDefaultAsync(x => x.Year == year, ct);
        if (row is null) return NotFound();
        db.PriceWageIndex.Remove(row);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"P/L-indekset for {year} er slettet.";
        return Redirect("/sekretariat/oekonomi/pl-indeks");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await db.PriceWageIndex.AsNoTracking().ToListAsync(ct);
        Years = rows.OrderByDescending(r => r.Year).ToList();
    }
}
