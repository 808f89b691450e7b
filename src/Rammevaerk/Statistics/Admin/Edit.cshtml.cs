using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Statistics.Admin;

/// <summary>The dataset form's fields; names bind to "Input.*".</summary>
public sealed class DatasetInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Source { get; set; }
    public string? MeasureName { get; set; }
    public string? Dimension1 { get; set; }
    public string? Dimension2 { get; set; }
    public string? Dimension3 { get; set; }
    public bool Published { get; set; }
}

/// <summary>
/// /sekretariat/statistik/ny and /sekretariat/statistik/{id}: a dataset's description; its values by hand (a grid
/// of the dimension keys) or from an .xlsx/.csv upload (all or nothing, in one transaction); the table and chart as
/// the secretariat turns them; "Indsæt på dagsorden" through <see cref="AgendaInsertion"/>; exports.
/// </summary>
public sealed class EditModel(AppDb db, MeetingLifecycle lifecycle, TimeProvider clock) : PageModel
{
    private readonly AgendaInsertion agenda = new(db, lifecycle, clock);

    [BindProperty] public DatasetInput Input { get; set; } = new();
    [BindProperty] public int? ItemId { get; set; }
    /// <summary>The grid's keys, one a line, per dimension (index 0–2).</summary>
    [BindProperty] public List<string?> Keys { get; set; } = [];
    /// <summary>The grid's cells by "i_j_k" (indexes into the keys), as typed.</summary>
    [BindProperty] public Dictionary<string, string?> Grid { get; set; } = [];
    /// <summary>The keys the grid was drawn with (hidden), one a line, per dimension: they name the cells.</summary>
    [BindProperty] public List<string?> ShownKeys { get; set; } = [];

    public Dataset? Dataset { get; private set; }
    public PivotTable? Table { get; private set; }
    public PivotChoice? Choice { get; private set; }
    public List<PickerMeeting> Meetings { get; private set; } = [];
    public string? LinkedItem { get; private set; }
    public List<string> Problems { get; } = [];
    /// <summary>The grid's keys per dimension, as shown.</summary>
    public List<List<string>> GridKeys { get; private set; } = [];
    /// <summary>Show the keys as they were typed (a key was refused), not as the grid was drawn.</summary>
    public bool KeepTypedKeys { get; private set; }

    public const int MaxKeyLength = 200;

    /// <summary>A Danish problem for each typed key over <see cref="MaxKeyLength"/> characters.</summary>
    private static IEnumerable<string> TooLong(List<List<string>> keys) =>
        keys.SelectMany(k => k).Where(k => k.Length > MaxKeyLength)
            .Select(k => $"En nøgle må højst være {MaxKeyLength} tegn – «{k[..40]}…» er {k.Length:N0} tegn. Forkort den, eller del den op på flere linjer.");

    private static bool TryKey(string key, out int? id)
    {
        id = null;
        if (key == "ny") return true;
        if (int.TryParse(key, out var n) && n > 0) { id = n; return true; }
        return false;
    }

    public async Task<IActionResult> OnGetAsync(string key, int? raekker, int? kolonner, string? filter, CancellationToken ct)
    {
        if (!TryKey(key, out var id)) return NotFound();
        if (id is null) return Page();
        if (!await LoadAsync(id.Value, raekker, kolonner, filter, ct)) return NotFound();
        var d = Dataset!;
        Input = new DatasetInput
        {
            Name = d.Name, Description = d.Description, Source = d.Source, MeasureName = d.MeasureName,
            Dimension1 = d.Dimension1, Dimension2 = d.Dimension2, Dimension3 = d.Dimension3, Published = d.Published,
        };
        ItemId = d.DecidedItemId;
        GridKeys = KeysOf(d);
        FillGrid(d);
        return Page();
    }

    /// <summary>Loads the dataset with its values, the table for the choice and the agenda choices.</summary>
    private async Task<bool> LoadAsync(int id, int? rows, int? columns, string? filter, CancellationToken ct, bool tracked = false)
    {
        var query = db.Datasets.Include(d => d.Values).Where(d => d.Id == id);
        Dataset = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct);
        if (Dataset is null) return false;
        Choice = PivotChoice.For(Dataset, rows, columns, filter);
        Table = Dataset.Values.Count > 0 ? PivotTable.Build(Dataset, Choice) : null;
        Meetings = await agenda.MeetingChoicesAsync(ct);
        LinkedItem = await agenda.LinkTextAsync(Dataset.DecidedItemId, ct);
        return true;
    }

    private static List<List<string>> KeysOf(Dataset d) =>
        Enumerable.Range(1, PivotChoice.DimensionCount(d))
            .Select(i => d.Values.OrderBy(v => v.Id).Select(v => PivotTable.Key(v, i) ?? "").Distinct().ToList()).ToList();

    private void FillGrid(Dataset d)
    {
        Grid = [];
        foreach (var v in d.Values)
        {
            var idx = new[] { v.Key1, v.Key2, v.Key3 }.Take(GridKeys.Count).Select((k, i) => GridKeys[i].IndexOf(k ?? ""));
            Grid[string.Join('_', idx)] = PivotTable.Number(v.Value);
        }
    }

    /// <summary>Saves the description (a new dataset, or edits; the number of dimensions is fixed once there are values).</summary>
    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var id)) return NotFound();
        Dataset? dataset = null;
        if (id is int existing)
        {
            dataset = await db.Datasets.Include(d => d.Values).SingleOrDefaultAsync(d => d.Id == existing, ct);
            if (dataset is null) return NotFound();
        }
        string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var i = Input;
        var name = Clean(i.Name);
        var measure = Clean(i.MeasureName);
        var dims = new[] { Clean(i.Dimension1), Clean(i.Dimension2), Clean(i.Dimension3) };
        if (name is null) ModelState.AddModelError("Input.Name", "Skriv et navn på datasættet.");
        else if (name.Length > Limits.Title) ModelState.AddModelError("Input.Name", $"Navnet må højst være {Limits.Title} tegn.");
        if (measure is null) ModelState.AddModelError("Input.MeasureName", "Skriv navnet på det, der tælles (fx Afsluttede forløb).");
        else if (measure.Length > 100) ModelState.AddModelError("Input.MeasureName", "Navnet på målet må højst være 100 tegn.");
        if (dims[0] is null) ModelState.AddModelError("Input.Dimension1", "Skriv navnet på mindst én dimension (fx Center).");
        if (dims[2] is not null && dims[1] is null) ModelState.AddModelError("Input.Dimension2", "Udfyld dimension 2, før dimension 3.");
        for (var n = 0; n < 3; n++)
            if (dims[n] is { Length: > 100 }) ModelState.AddModelError($"Input.Dimension{n + 1}", "Navnet må højst være 100 tegn.");
        var names = dims.OfType<string>().Append(measure).OfType<string>().ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
            ModelState.AddModelError("Input.Dimension1", "Dimensionerne og målet skal have hver sit navn (de bliver kolonneoverskrifter ved upload).");
        if (i.Description?.Length > 4000) ModelState.AddModelError("Input.Description", "Beskrivelsen må højst være 4.000 tegn.");
        if (i.Source?.Length > 500) ModelState.AddModelError("Input.Source", "Kilden må højst være 500 tegn.");
        var count = dims[2] is not null ? 3 : dims[1] is not null ? 2 : 1;
        if (dataset is { Values.Count: > 0 } && PivotChoice.DimensionCount(dataset) != count)
            ModelState.AddModelError("Input.Dimension1", $"Datasættet har tal med {PivotChoice.DimensionCount(dataset)} dimensioner. Slet tallene, før antallet af dimensioner ændres.");
        if (!ModelState.IsValid)
        {
            if (dataset is not null) { await LoadAsync(dataset.Id, null, null, null, ct); GridKeys = KeysOf(Dataset!); FillGrid(Dataset!); }
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (dataset is null)
        {
            dataset = new Dataset { Name = name!, MeasureName = measure!, Dimension1 = dims[0]!, CreatedAt = now };
            db.Datasets.Add(dataset);
        }
        dataset.Name = name!;
        dataset.Description = Clean(i.Description);
        dataset.Source = Clean(i.Source);
        dataset.MeasureName = measure!;
        dataset.Dimension1 = dims[0]!;
        dataset.Dimension2 = dims[1];
        dataset.Dimension3 = dims[2];
        dataset.Published = i.Published;
        dataset.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Datasættet er gemt.";
        return Redirect($"/sekretariat/statistik/{dataset.Id}");
    }

    /// <summary>Replaces every value with the file's; a bad file changes nothing.</summary>
    public async Task<IActionResult> OnPostUploadAsync(string key, IFormFile? fil, CancellationToken ct)
    {
        if (!TryKey(key, out var maybe) || maybe is not int id) return NotFound();
        if (!await LoadAsync(id, null, null, null, ct)) return NotFound();
        var d = Dataset!;
        DatasetFileResult result;
        if (fil is null || fil.Length == 0) result = new([], ["Vælg en fil (.xlsx eller .csv)."]);
        else if (fil.Length > DatasetFile.MaxBytes) result = new([], [$"Filen er for stor (højst {DatasetFile.MaxBytes / 1024 / 1024} MB)."]);
        else
        {
            using var buffer = new MemoryStream();
            await fil.CopyToAsync(buffer, ct);
            result = DatasetFile.Read(d, fil.FileName, buffer.ToArray());
        }
        if (!result.Ok)
        {
            Problems.AddRange(result.Problems);
            ResetInputs(d);
            return Page();
        }
        await ReplaceValuesAsync(id, result.Values, ct);
        TempData["Message"] = $"{result.Values.Count} tal er hentet fra {Path.GetFileName(fil!.FileName)}.";
        return Redirect($"/sekretariat/statistik/{id}");
    }

    /// <summary>"Vis gitter": re-shows the grid for the keys typed; nothing is saved.</summary>
    public async Task<IActionResult> OnPostGridAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var maybe) || maybe is not int id) return NotFound();
        if (!await LoadAsync(id, null, null, null, ct)) return NotFound();
        var d = Dataset!;
        var typed = TypedKeys(d, Keys);
        var shown = TypedKeys(d, ShownKeys);
        Problems.AddRange(TooLong(typed));
        if (Problems.Count > 0)
        {
            ModelState.Clear();
            Input = InputOf(d);
            GridKeys = shown;
            KeepTypedKeys = true;
            return Page();
        }
        // Keep what was typed in cells whose keys are still there (the cells are named by the shown keys' indexes).
        var kept = new Dictionary<string, string?>();
        foreach (var (k, v) in Grid)
        {
            var labels = Labels(k, shown);
            if (labels is null) continue;
            var moved = labels.Select((l, i) => typed[i].IndexOf(l)).ToArray();
            if (moved.All(m => m >= 0)) kept[string.Join('_', moved)] = v;
        }
        ModelState.Clear();
        Input = InputOf(d);
        GridKeys = typed;
        Grid = kept;
        return Page();
    }

    /// <summary>"Gem tal": the grid's non-empty cells become the dataset's values (all replaced at once).</summary>
    public async Task<IActionResult> OnPostSaveGridAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var maybe) || maybe is not int id) return NotFound();
        if (!await LoadAsync(id, null, null, null, ct)) return NotFound();
        var d = Dataset!;
        var keys = TypedKeys(d, ShownKeys);
        var values = new List<DatasetValue>();
        foreach (var combo in Combinations(keys))
        {
            var name = string.Join('_', combo);
            if (!Grid.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text)) continue;
            var labels = combo.Select((k, i) => keys[i][k]).ToList();
            if (DatasetFile.ParseDanish(text) is not decimal v)
            {
                Problems.Add($"Cellen {string.Join(" / ", labels)}: «{text.Trim()}» er ikke et tal.");
                continue;
            }
            values.Add(new DatasetValue { Key1 = labels[0], Key2 = labels.ElementAtOrDefault(1), Key3 = labels.ElementAtOrDefault(2), Value = v });
        }
        var typed = TypedKeys(d, Keys);
        Problems.AddRange(TooLong(keys).Concat(TooLong(typed)).Distinct());
        if (Problems.Count > 0)
        {
            ModelState.Clear();
            Input = InputOf(d);
            GridKeys = keys.Any(k => k.Any(x => x.Length > MaxKeyLength)) ? [] : keys;
            KeepTypedKeys = true;
            return Page();
        }
        await ReplaceValuesAsync(id, values, ct);
        TempData["Message"] = $"{values.Count} tal er gemt.";
        return Redirect($"/sekretariat/statistik/{id}");
    }

    /// <summary>Appends the table, as turned, to the chosen item's case presentation and links the dataset to it.</summary>
    public async Task<IActionResult> OnPostInsertAsync(string key, int? raekker, int? kolonner, string? filter, CancellationToken ct)
    {
        if (!TryKey(key, out var maybe) || maybe is not int id) return NotFound();
        var dataset = await db.Datasets.Include(d => d.Values).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null) return NotFound();
        if (dataset.Values.Count == 0) return await ShowProblemAsync(id, "Datasættet har ingen tal endnu.", ct);
        var table = PivotTable.Build(dataset, PivotChoice.For(dataset, raekker, kolonner, filter));
        var (item, problem) = await agenda.AppendAsync(ItemId, "tabellen", () => DatasetFile.Markdown(table, dataset.Source), item =>
        {
            dataset.DecidedItemId = item.Id;
            dataset.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }, User.Identity?.Name, "Statistiktabel", ct);
        if (item is null) return await ShowProblemAsync(id, problem!, ct);
        TempData["Message"] = $"Tabellen er indsat i punkt {item.Number}, {item.Title}.";
        return Redirect($"/sekretariat/statistik/{id}");
    }

    private async Task<IActionResult> ShowProblemAsync(int id, string problem, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, null, null, null, ct)) return NotFound();
        Problems.Add(problem);
        ResetInputs(Dataset!);
        return Page();
    }

    private void ResetInputs(Dataset d)
    {
        ModelState.Clear();
        Input = InputOf(d);
        GridKeys = KeysOf(d);
        FillGrid(d);
    }

    private static DatasetInput InputOf(Dataset d) => new()
    {
        Name = d.Name, Description = d.Description, Source = d.Source, MeasureName = d.MeasureName,
        Dimension1 = d.Dimension1, Dimension2 = d.Dimension2, Dimension3 = d.Dimension3, Published = d.Published,
    };

    /// <summary>The keys typed per dimension: one a line, trimmed, empty lines and repeats dropped.</summary>
    private static List<List<string>> TypedKeys(Dataset d, List<string?> keys) =>
        Enumerable.Range(0, PivotChoice.DimensionCount(d))
            .Select(i => (keys.ElementAtOrDefault(i) ?? "").Replace("\r", "").Split('\n').Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList())
            .ToList();

    /// <summary>"0_3_1" → the keys at those indexes, or null when it does not fit.</summary>
    private static List<string>? Labels(string name, List<List<string>> keys)
    {
        var parts = name.Split('_');
        if (parts.Length != keys.Count) return null;
        var labels = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], out var n) || n < 0 || n >= keys[i].Count) return null;
            labels.Add(keys[i][n]);
        }
        return labels;
    }

    public static IEnumerable<int[]> Combinations(List<List<string>> keys)
    {
        IEnumerable<int[]> result = [[]];
        foreach (var dim in keys)
            result = result.SelectMany(prefix => Enumerable.Range(0, dim.Count).Select(i => (int[])[.. prefix, i])).ToList();
        return result;
    }

    /// <summary>Deletes the old values and adds the new ones in one transaction.</summary>
    private async Task ReplaceValuesAsync(int id, List<DatasetValue> values, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.DatasetValues.Where(v => v.DatasetId == id).ExecuteDeleteAsync(ct);
        foreach (var v in values) v.DatasetId = id;
        db.DatasetValues.AddRange(values);
        var dataset = await db.Datasets.SingleAsync(d => d.Id == id, ct);
        dataset.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
