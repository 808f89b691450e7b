using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics.Calculations;
using Rammevaerk.Meetings;
using Rammevaerk.Municipalities;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics.Admin;

/// <summary>The allocation form's fields; names bind to "Input.*".</summary>
public sealed class AllocationInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public AllocationMode Mode { get; set; } = AllocationMode.Total;
    [System.ComponentModel.DataAnnotations.Display(Name = "Beløb"), ModelBinder(typeof(DanishNumberBinder))] public decimal? Amount { get; set; }
    /// <summary>Population year as the key; null = entered weights.</summary>
    public int? ReferenceYear { get; set; }
    public Rounding Rounding { get; set; } = Rounding.WholeKroner;
    public List<int> Codes { get; set; } = [];
    public Dictionary<int, decimal?> Weights { get; set; } = [];
}

/// <summary>
/// /sekretariat/oekonomi/ny and /sekretariat/oekonomi/{id}: create or edit an allocation, see its table, export it,
/// insert it into an agenda item and mark it decided.
/// </summary>
public sealed class EditModel(AppDb db, AllocationCalculator calculator, MeetingLifecycle lifecycle, TimeProvider clock) : PageModel
{
    private readonly AgendaInsertion agenda = new(db, lifecycle, clock);

    [BindProperty]
    public AllocationInput Input { get; set; } = new();

    [BindProperty]
    public int? ItemId { get; set; }

    public Allocation? Allocation { get; private set; }
    public AllocationResult? Result { get; private set; }
    public string? ResultProblem { get; private set; }
    public List<Municipality> Municipalities { get; private set; } = [];
    public List<int> Years { get; private set; } = [];
    public List<PickerMeeting> Meetings { get; private set; } = [];
    public string? LinkedItem { get; private set; }
    public List<string> Problems { get; } = [];

    /// <summary>The route's {key}: "ny" for a new allocation, otherwise its id.</summary>
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
            Input.Codes = Municipalities.Select(m => m.Code).ToList();
            Input.ReferenceYear = Years.FirstOrDefault(y => y <= Danish.TodayOf(clock).Year) is var y && y != 0 ? y : Years.FirstOrDefault();
            return Page();
        }
        if (!await LoadAllocationAsync(id.Value, ct)) return NotFound();
        var a = Allocation!;
        Input = new AllocationInput
        {
            Name = a.Name, Description = a.Description, Mode = a.Mode, Amount = a.Amount, ReferenceYear = a.ReferenceYear,
            Rounding = a.Rounding, Codes = a.Participants.Select(p => p.MunicipalityCode).ToList(),
            Weights = a.Participants.ToDictionary(p => p.MunicipalityCode, p => p.Weight),
        };
        ItemId = a.DecidedItemId;
        return Page();
    }

    /// <summary>"Alle" / "Ingen": re-shows the form with every or no participant ticked; nothing is saved.</summary>
    public async Task<IActionResult> OnPostSelectAsync(string key, string? deltagere, CancellationToken ct)
    {
        if (!TryKey(key, out var id)) return NotFound();
        await LoadListsAsync(ct);
        if (id is int existing && !await LoadAllocationAsync(existing, ct)) return NotFound();
        ModelState.Clear();
        Input.Codes = deltagere == "alle" ? Municipalities.Select(m => m.Code).ToList() : [];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var id)) return NotFound();
        await LoadListsAsync(ct);
        Allocation? allocation = null;
        if (id is int existing)
        {
            allocation = await db.Allocations.Include(a => a.Participants).SingleOrDefaultAsync(a => a.Id == existing, ct);
            if (allocation is null) return NotFound();
        }

        var name = Input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError("Input.Name", "Skriv et navn på fordelingen.");
        else if (name.Length > Allocation.NameLength) ModelState.AddModelError("Input.Name", $"Navnet må højst være {Allocation.NameLength} tegn.");
        if (Input.Amount is null && !ModelState.ContainsKey("Input.Amount"))
            ModelState.AddModelError("Input.Amount", "Skriv et beløb.");
        if (Input.ReferenceYear is int year && !Years.Contains(year))
            ModelState.AddModelError("Input.ReferenceYear", $"Der er ingen befolkningstal for {year}.");
        if (Input.Description?.Length > 4000) ModelState.AddModelError("Input.Description", "Beskrivelsen må højst være 4.000 tegn.");

        var regionCodes = Municipalities.Select(m => m.Code).ToHashSet();
        if (Input.Codes.Concat(Input.Weights.Where(w => w.Value is not null).Select(w => w.Key)).Any(c => !regionCodes.Contains(c)))
            ModelState.AddModelError("Input.Codes", "En af de valgte kommuner er ikke en af regionens kommuner. Hent siden igen, og vælg på listen.");
        var codes = Input.Codes.Where(regionCodes.Contains).Distinct().ToList();
        var candidate = new Allocation
        {
            Name = name ?? "", Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(),
            Mode = Input.Mode, Amount = Input.Amount ?? 0, ReferenceYear = Input.ReferenceYear, Rounding = Input.Rounding,
            Participants = codes.Select(c => new AllocationParticipant
            {
                MunicipalityCode = c,
                Weight = Input.ReferenceYear is null ? Input.Weights.GetValueOrDefault(c) : null,
            }).ToList(),
        };
        if (ModelState.IsValid)
        {
            try
            {
                await calculator.ComputeAsync(candidate, ct);
            }
            catch (AllocationInputException e)
            {
                ModelState.AddModelError(e.Field == AllocationField.Amount ? "Input.Amount" : "Input.Codes", e.Message);
            }
        }
        if (!ModelState.IsValid)
        {
            Allocation = allocation;
            if (allocation is not null) await LoadLinkAsync(allocation, ct);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (allocation is null)
        {
            allocation = candidate;
            allocation.CreatedAt = now;
            db.Allocations.Add(allocation);
        }
        else
        {
            allocation.Name = candidate.Name;
            allocation.Description = candidate.Description;
            allocation.Mode = candidate.Mode;
            allocation.Amount = candidate.Amount;
            allocation.ReferenceYear = candidate.ReferenceYear;
            allocation.Rounding = candidate.Rounding;
            db.AllocationParticipants.RemoveRange(allocation.Participants);
            allocation.Participants = candidate.Participants;
        }
        allocation.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = id is null ? "Fordelingen er oprettet." : "Fordelingen er gemt.";
        return Redirect($"/sekretariat/oekonomi/{allocation.Id}#resultat");
    }

    /// <summary>Appends the table to the chosen item's case presentation (a new version if the meeting is published).</summary>
    public async Task<IActionResult> OnPostInsertAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var maybe) || maybe is not int id) return NotFound();
        var allocation = await db.Allocations.Include(a => a.Participants).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (allocation is null) return NotFound();
        AllocationResult result;
        try { result = await calculator.ComputeAsync(allocation, ct); }
        catch (AllocationInputException e) { return await ShowProblemAsync(id, e.Message, ct); }

        var (item, problem) = await agenda.AppendAsync(ItemId, "fordelingen", () => AllocationOutput.Markdown(allocation, result), item =>
        {
            allocation.DecidedItemId = item.Id;
            allocation.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }, User.Identity?.Name, "Fordeling", ct);
        if (item is null) return await ShowProblemAsync(id, problem!, ct);
        TempData["Message"] = $"Fordelingen er indsat i punkt {item.Number}, {item.Title}.";
        return Redirect($"/sekretariat/oekonomi/{id}");
    }

    /// <summary>Marks the allocation decided under the chosen item; the public page lists it from then on.</summary>
    public async Task<IActionResult> OnPostDecideAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var maybe) || maybe is not int id) return NotFound();
        var allocation = await db.Allocations.Include(a => a.Participants).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (allocation is null) return NotFound();
        var (item, problem) = await agenda.DecidedItemAsync(ItemId, "fordelingen", ct);
        if (item is null) return await ShowProblemAsync(id, problem!, ct);
        try { await calculator.ComputeAsync(allocation, ct); }
        catch (AllocationInputException e) { return await ShowProblemAsync(id, e.Message, ct); }

        var now = clock.GetUtcNow().UtcDateTime;
        allocation.State = AllocationState.Decided;
        allocation.DecidedAt = now;
        allocation.DecidedItemId = item.Id;
        allocation.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Fordelingen er markeret som besluttet under punkt {item.Number}, {item.Title}.";
        return Redirect($"/sekretariat/oekonomi/{id}");
    }

    private async Task<IActionResult> ShowProblemAsync(int id, string problem, CancellationToken ct)
    {
        await ShowAsync(id, ct);
        Problems.Add(problem);
        return Page();
    }

    private async Task<bool> LoadAllocationAsync(int id, CancellationToken ct)
    {
        Allocation = await db.Allocations.AsNoTracking().Include(a => a.Participants).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (Allocation is null) return false;
        try { Result = await calculator.ComputeAsync(Allocation, ct); }
        catch (AllocationInputException e) { ResultProblem = e.Message; }
        await LoadLinkAsync(Allocation, ct);
        return true;
    }

    private async Task LoadLinkAsync(Allocation a, CancellationToken ct) => LinkedItem = await agenda.LinkTextAsync(a.DecidedItemId, ct);

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Municipalities = await calculator.RegionMunicipalitiesAsync(ct);
        Years = await calculator.PopulationYearsAsync(ct);
        Meetings = await agenda.MeetingChoicesAsync(ct);
    }
}
