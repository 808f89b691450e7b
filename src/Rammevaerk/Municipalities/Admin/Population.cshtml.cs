using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.Municipalities.Admin;

/// <summary>
/// /sekretariat/befolkning: every municipality's population by year (the region's first), the years missing between
/// the first and the last shown as a gap, and adding years from Danmarks Statistik's FOLK1A CSV: upload, preview
/// (what is new, what changes, a Danish message per bad row), then save. Nothing is kept between the two steps but
/// the file itself in the form, which is read and checked again on save.
/// </summary>
public sealed class PopulationModel(AppDb db, IConfiguration config, AuditLog audit) : PageModel
{
    public sealed record Row(int Code, string Name, bool InRegion, Dictionary<int, int> ByYear);
    public sealed record Change(int Code, string Name, int Year, int? Before, int After);

    public string Region => Hosting.SiteOptions.Of(config).Region;
    public List<Row> Rows { get; private set; } = [];
    public List<int> Years { get; private set; } = [];
    /// <summary>Years between the first and the last with no figure for any municipality (the data lacks 2024).</summary>
    public List<int> MissingYears { get; private set; } = [];
    public bool ShowAll { get; private set; }

    /// <summary>Years with figures for some of the region's municipalities but not all: those named lack one.</summary>
    public List<(int Year, List<string> Names)> IncompleteYears { get; private set; } = [];

    /// <summary>After the preview: per year of the file, the region's municipalities that would still have no figure.</summary>
    public List<(int Year, List<string> Names)> PreviewGaps { get; private set; } = [];

    public Folk1aResult? Preview { get; private set; }
    public List<Change> Changes { get; private set; } = [];
    public string? FileName { get; private set; }
    public string? FileContent { get; private set; }
    public List<string> Problems { get; } = [];

    public async Task OnGetAsync(bool alle, CancellationToken ct) => await LoadAsync(alle, ct);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? fil, CancellationToken ct)
    {
        await LoadAsync(false, ct);
        var bytes = await ReadUploadAsync(fil, ct);
        if (bytes is null) return Page();
        FileName = Path.GetFileName(fil!.FileName);
        FileContent = Convert.ToBase64String(bytes);
        await PreviewAsync(bytes, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? fileContent, string? fileName, CancellationToken ct)
    {
        await LoadAsync(false, ct);
        byte[] bytes;
        try { bytes = Convert.FromBase64String(fileContent ?? ""); }
        catch (FormatException) { bytes = []; }
        if (bytes.Length == 0 || bytes.Length > Folk1aCsv.MaxBytes)
        {
            Problems.Add("Filen kom ikke med. Vælg den igen, og se forhåndsvisningen, før du gemmer.");
            return Page();
        }
        FileName = Path.GetFileName(fileName);
        FileContent = fileContent;
        await PreviewAsync(bytes, ct);
        if (Preview!.Errors.Count > 0 || Preview.Figures.Count == 0) return Page();

        var codes = Preview.Figures.Select(f => f.Code).Distinct().ToList();
        var years = Preview.Years;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.MunicipalityPopulations.Where(p => codes.Contains(p.MunicipalityCode) && years.Contains(p.Year)).ToListAsync(ct);
        foreach (var f in Preview.Figures)
        {
            var row = existing.FirstOrDefault(p => p.MunicipalityCode == f.Code && p.Year == f.Year);
            if (row is null) db.MunicipalityPopulations.Add(new MunicipalityPopulation { MunicipalityCode = f.Code, Year = f.Year, Population = f.Population });
            else row.Population = f.Population;
        }
        // Figures that were replaced stay readable in the security log (append-only).
        var replaced = Changes.Where(c => c.Before is not null).ToList();
        audit.Add(db, "population.imported", $"FOLK1A {FileName}: {Preview.Figures.Count} tal for {string.Join(", ", years)}"
            + (replaced.Count == 0 ? "" : "; erstattet: " + string.Join("; ", replaced.Take(40).Select(c => $"{c.Name} {c.Year}: {c.Before} → {c.After}"))), HttpContext);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["Message"] = $"Befolkningstal for {string.Join(" og ", years)} er gemt ({Preview.Figures.Count} kommunetal, {replaced.Count} ændret).";
        return Redirect("/sekretariat/befolkning");
    }

    private async Task<byte[]?> ReadUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) { Problems.Add("Fil: vælg CSV-filen fra Statistikbanken (FOLK1A)."); return null; }
        if (file.Length > Folk1aCsv.MaxBytes) { Problems.Add("Fil: filen er for stor (højst 1 MB). FOLK1A for alle kommuner fylder få kB."); return null; }
        if (!Path.GetExtension(file.FileName).Equals(".csv", StringComparison.OrdinalIgnoreCase)) { Problems.Add("Fil: vælg en .csv-fil (Statistikbanken: Gem som CSV)."); return null; }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (bytes.Take(4096).Any(b => b == 0)) { Problems.Add("Fil: filen er ikke tekst. Vælg CSV-filen fra Statistikbanken."); return null; }
        return bytes;
    }

    private async Task PreviewAsync(byte[] bytes, CancellationToken ct)
    {
        var municipalities = await db.Municipalities.AsNoTracking().Select(m => new { m.Code, m.Name }).ToListAsync(ct);
        Preview = Folk1aCsv.Parse(Folk1aCsv.Decode(bytes), municipalities.Select(m => (m.Code, m.Name)).ToList());
        var years = Preview.Years;
        var existing = await db.MunicipalityPopulations.AsNoTracking().Where(p => years.Contains(p.Year))
            .ToDictionaryAsync(p => (p.MunicipalityCode, p.Year), p => p.Population, ct);
        Changes = Preview.Unambiguous
            .Select(f => new Change(f.Code, f.Name, f.Year, existing.TryGetValue((f.Code, f.Year), out var b) ? b : null, f.Population))
            .Where(c => c.Before != c.After).ToList();
        var inFile = Preview.Figures.Select(f => (f.Code, f.Year)).ToHashSet();
        PreviewGaps = years.Select(y => (y, Rows.Where(r => r.InRegion && !inFile.Contains((r.Code, y)) && !existing.ContainsKey((r.Code, y))).Select(r => r.Name).ToList()))
            .Where(g => g.Item2.Count > 0).ToList();
    }

    private async Task LoadAsync(bool all, CancellationToken ct)
    {
        ViewData["SecretariatNav"] = true;
        ShowAll = all;
        var region = Region;
        var municipalities = await db.Municipalities.AsNoTracking().Where(m => all || m.Region == region)
            .Select(m => new { m.Code, m.Name, m.Region, Figures = m.Populations.Select(p => new { p.Year, p.Population }).ToList() })
            .ToListAsync(ct);
        var comparer = StringComparer.Create(Shared.Danish.Culture, false);
        Rows = municipalities.OrderBy(m => m.Region == region ? 0 : 1).ThenBy(m => m.Name, comparer)
            .Select(m => new Row(m.Code, m.Name, m.Region == region, m.Figures.ToDictionary(f => f.Year, f => f.Population))).ToList();
        var years = await db.MunicipalityPopulations.Select(p => p.Year).Distinct().ToListAsync(ct);
        Years = years.Count == 0 ? [] : Enumerable.Range(years.Min(), years.Max() - years.Min() + 1).ToList();
        MissingYears = Years.Where(y => !years.Contains(y)).ToList();
        var inRegion = Rows.Where(r => r.InRegion).ToList();
        IncompleteYears = years.Order().Select(y => (y, inRegion.Where(r => !r.ByYear.ContainsKey(y)).Select(r => r.Name).ToList()))
            .Where(g => g.Item2.Count > 0 && g.Item2.Count < inRegion.Count).ToList();
    }
}
