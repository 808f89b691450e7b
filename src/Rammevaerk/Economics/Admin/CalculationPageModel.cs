using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Municipalities;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics.Admin;

/// <summary>What the shared partials of the calculation pages read (the non-generic part of the page model).</summary>
public abstract class CalculationPageBase : PageModel
{
    public const int NameLength = Allocation.NameLength;

    public abstract CalculationKind Kind { get; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public int? ItemId { get; set; }

    public SavedCalculation? Saved { get; protected set; }
    public CalculationReport? Report { get; protected set; }
    public string? ReportProblem { get; protected set; }
    public List<PickerMeeting> Meetings { get; protected set; } = [];
    public string? LinkedItem { get; protected set; }
    public List<string> Problems { get; } = [];
    public List<Municipality> Municipalities { get; protected set; } = [];
    public List<int> PopulationYears { get; protected set; } = [];
    public Dictionary<int, decimal> PriceWageIndex { get; protected set; } = [];

    public string KindName => CalculationJson.KindName(Kind);
    public string Action => Saved is null ? $"/sekretariat/oekonomi/{CalculationJson.Slug(Kind)}/ny" : $"/sekretariat/oekonomi/{CalculationJson.Slug(Kind)}/{Saved.Id}";

    /// <summary>The first error of a field ("Input.X", "Name"), or null.</summary>
    public string? Err(string key) => ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    /// <summary>A decimal as the form shows it: "869500", "4,9".</summary>
    public static string Value(decimal? v) => v is decimal d ? d.ToString("0.##########", Danish.Culture) : "";
}

/// <summary>
/// /sekretariat/oekonomi/{slug}/ny and /sekretariat/oekonomi/{slug}/{id} for every kind of saved calculation:
/// the form binds to <typeparamref name="TForm"/>, is computed by <see cref="CalculationEngine"/> before anything is
/// saved (a Danish message at the field otherwise), saved in one SaveChanges, exported, inserted into an agenda item
/// through <see cref="AgendaInsertion"/> and marked decided.
/// </summary>
public abstract class CalculationPageModel<TForm>(AppDb db, AllocationCalculator calculator, MeetingLifecycle lifecycle, TimeProvider clock)
    : CalculationPageBase where TForm : class, new()
{
    private readonly AgendaInsertion agenda = new(db, lifecycle, clock);
    protected readonly AppDb Db = db;
    protected readonly TimeProvider Clock = clock;
    protected CalculationEngine Engine { get; } = new(db, calculator);

    [BindProperty] public TForm Input { get; set; } = new();

    /// <summary>The form of a new calculation (defaults that depend on the lists, which are loaded).</summary>
    protected virtual TForm NewForm() => new();

    /// <summary>Blank rows for lists that grow (lines, interest years) before the form is shown.</summary>
    protected virtual void Pad(TForm form) { }

    private static bool TryKey(string key, out int? id)
    {
        id = null;
        if (key == "ny") return true;
        if (int.TryParse(key, out var n) && n > 0) { id = n; return true; }
        return false;
    }

    public Task<IActionResult> OnGetAsync(string key, CancellationToken ct) =>
        TryKey(key, out var id) ? ShowAsync(id, ct) : Task.FromResult<IActionResult>(NotFound());

    private async Task<IActionResult> ShowAsync(int? id, CancellationToken ct)
    {
        await LoadListsAsync(ct);
        if (id is null)
        {
            Input = NewForm();
            Pad(Input);
            return Page();
        }
        if (!await LoadSavedAsync(id.Value, ct)) return NotFound();
        Name = Saved!.Name;
        Description = Saved.Description;
        Input = CalculationJson.Read<TForm>(Saved.InputsJson);
        ItemId = Saved.DecidedItemId;
        Pad(Input);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var id)) return NotFound();
        await LoadListsAsync(ct);
        SavedCalculation? saved = null;
        if (id is int existing)
        {
            saved = await Db.SavedCalculations.SingleOrDefaultAsync(c => c.Id == existing && c.Kind == Kind, ct);
            if (saved is null) return NotFound();
        }

        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError(nameof(Name), "Skriv et navn på beregningen.");
        else if (name.Length > NameLength) ModelState.AddModelError(nameof(Name), $"Navnet må højst være {NameLength} tegn.");
        if (Description?.Length > 4000) ModelState.AddModelError(nameof(Description), "Beskrivelsen må højst være 4.000 tegn.");
        var description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();

        if (ModelState.IsValid)
        {
            try { await Engine.ReportAsync(Kind, Input, name!, description, ct); }
            catch (CalculationInputException e) { ModelState.AddModelError(e.Field, e.Message); }
        }
        var json = CalculationJson.Write(Input);
        if (ModelState.IsValid && json.Length > Limits.Text) ModelState.AddModelError("", "Beregningens forudsætninger fylder for meget.");
        if (!ModelState.IsValid)
        {
            Saved = saved;
            if (saved is not null) LinkedItem = await agenda.LinkTextAsync(saved.DecidedItemId, ct);
            Pad(Input);
            return Page();
        }

        var now = Clock.GetUtcNow().UtcDateTime;
        if (saved is null)
        {
            saved = new SavedCalculation { Kind = Kind, Name = name!, InputsJson = json, State = AllocationState.Draft, CreatedAt = now };
            Db.SavedCalculations.Add(saved);
        }
        saved.Name = name!;
        saved.Description = description;
        saved.InputsJson = json;
        saved.UpdatedAt = now;
        await Db.SaveChangesAsync(ct);
        TempData["Message"] = id is null ? "Beregningen er oprettet." : "Beregningen er gemt.";
        return Redirect($"/sekretariat/oekonomi/{CalculationJson.Slug(Kind)}/{saved.Id}#resultat");
    }

    /// <summary>Appends the report's tables to the chosen item's case presentation (a new version if the meeting is published).</summary>
    public async Task<IActionResult> OnPostInsertAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var maybe) || maybe is not int id) return NotFound();
        var saved = await Db.SavedCalculations.SingleOrDefaultAsync(c => c.Id == id && c.Kind == Kind, ct);
        if (saved is null) return NotFound();
        CalculationReport report;
        try { report = await Engine.ReportAsync(saved, ct); }
        catch (CalculationInputException e) { return await ShowProblemAsync(id, e.Message, ct); }

        var (item, problem) = await agenda.AppendAsync(ItemId, "beregningen", () => ReportOutput.Markdown(report), item =>
        {
            saved.DecidedItemId = item.Id;
            saved.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
        }, User.Identity?.Name, KindName, ct);
        if (item is null) return await ShowProblemAsync(id, problem!, ct);
        TempData["Message"] = $"Beregningen er indsat i punkt {item.Number}, {item.Title}.";
        return Redirect(PageUrl(id));
    }

    /// <summary>Marks the calculation decided under the chosen item; the public page lists it from then on.</summary>
    public async Task<IActionResult> OnPostDecideAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var maybe) || maybe is not int id) return NotFound();
        var saved = await Db.SavedCalculations.SingleOrDefaultAsync(c => c.Id == id && c.Kind == Kind, ct);
        if (saved is null) return NotFound();
        var (item, problem) = await agenda.DecidedItemAsync(ItemId, "beregningen", ct);
        if (item is null) return await ShowProblemAsync(id, problem!, ct);
        try { await Engine.ReportAsync(saved, ct); }
        catch (CalculationInputException e) { return await ShowProblemAsync(id, e.Message, ct); }

        var now = Clock.GetUtcNow().UtcDateTime;
        saved.State = AllocationState.Decided;
        saved.DecidedAt = now;
        saved.DecidedItemId = item.Id;
        saved.UpdatedAt = now;
        await Db.SaveChangesAsync(ct);
        TempData["Message"] = $"Beregningen er markeret som besluttet under punkt {item.Number}, {item.Title}.";
        return Redirect(PageUrl(id));
    }

    private string PageUrl(int id) => $"/sekretariat/oekonomi/{CalculationJson.Slug(Kind)}/{id}";

    private async Task<IActionResult> ShowProblemAsync(int id, string problem, CancellationToken ct)
    {
        ModelState.Clear();
        await ShowAsync(id, ct);
        Problems.Add(problem);
        return Page();
    }

    private async Task<bool> LoadSavedAsync(int id, CancellationToken ct)
    {
        Saved = await Db.SavedCalculations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.Kind == Kind, ct);
        if (Saved is null) return false;
        try { Report = await Engine.ReportAsync(Saved, ct); }
        catch (CalculationInputException e) { ReportProblem = e.Message; }
        LinkedItem = await agenda.LinkTextAsync(Saved.DecidedItemId, ct);
        return true;
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Municipalities = await calculator.RegionMunicipalitiesAsync(ct);
        PopulationYears = await calculator.PopulationYearsAsync(ct);
        PriceWageIndex = await Engine.IndexAsync(ct);
        Meetings = await agenda.MeetingChoicesAsync(ct);
    }
}
