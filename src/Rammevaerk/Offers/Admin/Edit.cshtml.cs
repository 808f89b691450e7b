using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Municipalities;
using Rammevaerk.Reporting.Validation;
using Rammevaerk.Shared;

namespace Rammevaerk.Offers.Admin;

/// <summary>
/// /sekretariat/tilbud/ny and /sekretariat/tilbud/{id}: create or edit an offer with its departments, services and
/// buyers. Checked by the same <see cref="ReportValidator"/> as the reports plus the register's own checks; saved with
/// a reason as a new revision in one transaction; a second editor's save is refused (the offer's concurrency stamp).
/// Rows are added and removed by plain submit buttons, so the form works without JavaScript.
/// </summary>
public sealed class EditModel(AppDb db, OfferRegister register, IConfiguration config, TimeProvider clock, ILogger<EditModel> log) : PageModel
{
    public const decimal RateChangeThresholdPercent = 10m;
    public const int ReasonLength = 500;

    [BindProperty]
    public OfferInput Input { get; set; } = new();

    /// <summary>The offer being edited as it is saved now (null for a new one).</summary>
    public Offer? Existing { get; private set; }
    public List<LegalBasis> LegalBases { get; private set; } = [];
    public List<TargetGroup> TargetGroups { get; private set; } = [];
    public List<(string Value, string Label)> OperatorChoices { get; private set; } = [];
    public List<Municipality> Municipalities { get; private set; } = [];
    /// <summary>Warnings the editor has answered; shown so the answers can be checked before the next save.</summary>
    public List<ReportIssue> AnsweredWarnings { get; private set; } = [];
    /// <summary>Set when the save was refused because someone else saved the offer in between.</summary>
    public string? Conflict { get; private set; }
    /// <summary>Messages for the summary that belong to no field (the summary also lists every field's message).</summary>
    public List<string> Problems { get; } = [];

    public string Action => Existing is null ? "/sekretariat/tilbud/ny" : $"/sekretariat/tilbud/{Existing.Id}";
    private string Region => OffersModule.Region(config);

    private static bool TryKey(string key, out int? id)
    {
        id = null;
        if (key == "ny") return true;
        if (int.TryParse(key, out var n) && n > 0) { id = n; return true; }
        return false;
    }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var id)) return NotFound();
        if (id is int existing && !await LoadExistingAsync(existing, ct)) return NotFound();
        await LoadListsAsync(ct);
        if (Existing is { } o)
        {
            Input = FromOffer(o);
        }
        else
        {
            var years = await register.YearsAsync(Region, ct);
            var year = years.Count > 0 ? years[0] : Danish.TodayOf(clock).Year;
            Input = new OfferInput
            {
                Year = year, Status = OfferStatus.Active,
                Departments = [new DepartmentInput { Services = [new ServiceInput { RateYear = year, RateUnit = RateUnit.PerDay }] }],
            };
        }
        return Page();
    }

    // --- Rows: added and removed by submit buttons; nothing is saved -------------------------------------------------

    public Task<IActionResult> OnPostAddDepartmentAsync(string key, CancellationToken ct) => RedisplayAsync(key, () =>
        Input.Departments.Add(new DepartmentInput { Services = [new ServiceInput { RateYear = Input.Year, RateUnit = RateUnit.PerDay }] }), ct);

    public Task<IActionResult> OnPostRemoveDepartmentAsync(string key, int d, CancellationToken ct) => RedisplayAsync(key, () =>
    {
        if (d >= 0 && d < Input.Departments.Count) Input.Departments.RemoveAt(d);
    }, ct);

    public Task<IActionResult> OnPostAddServiceAsync(string key, int d, CancellationToken ct) => RedisplayAsync(key, () =>
    {
        if (d >= 0 && d < Input.Departments.Count) Input.Departments[d].Services.Add(new ServiceInput { RateYear = Input.Year, RateUnit = RateUnit.PerDay });
    }, ct);

    public Task<IActionResult> OnPostRemoveServiceAsync(string key, int d, int s, CancellationToken ct) => RedisplayAsync(key, () =>
    {
        if (d >= 0 && d < Input.Departments.Count && s >= 0 && s < Input.Departments[d].Services.Count) Input.Departments[d].Services.RemoveAt(s);
    }, ct);

    public Task<IActionResult> OnPostAddBuyerAsync(string key, CancellationToken ct) => RedisplayAsync(key, () => Input.Buyers.Add(new BuyerInput()), ct);

    private async Task<IActionResult> RedisplayAsync(string key, Action change, CancellationToken ct)
    {
        if (!TryKey(key, out var id)) return NotFound();
        if (id is int existing && !await LoadExistingAsync(existing, ct)) return NotFound();
        await LoadListsAsync(ct);
        ModelState.Clear();
        change();
        return Page();
    }

    // --- Save ------------------------------------------------------------------------------------------------------

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (!TryKey(key, out var id)) return NotFound();
        if (id is int existingId && !await LoadExistingAsync(existingId, ct)) return NotFound();
        await LoadListsAsync(ct);
        var name = Input.Name?.Trim() ?? "";
        var label = name.Length > 0 ? name : "Tilbuddet";

        // Form-level checks: what the report validation does not know about.
        var reason = Input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) ModelState.AddModelError("Input.Reason", $"{label}: Skriv en begrundelse for ændringen – den gemmes i tilbuddets historik.");
        else if (reason.Length > ReasonLength) ModelState.AddModelError("Input.Reason", $"{label}: Begrundelsen må højst være {ReasonLength} tegn.");
        if (Input.Year is not int year || year < 2000 || year > 2100)
        {
            if (!ModelState.ContainsKey("Input.Year") || ModelState["Input.Year"]!.Errors.Count == 0)
                ModelState.AddModelError("Input.Year", $"{label}: Angiv hvilket år tallene gælder for (fx {Danish.TodayOf(clock).Year}).");
            year = Danish.TodayOf(clock).Year;
        }
        var (operatorId, newOperator) = await ResolveOperatorAsync(label, ct);
        await CheckRegisterAsync(name, label, operatorId, ct);

        // Binding errors (text in a number field) name the service they belong to.
        foreach (var (k, entry) in ModelState.ToList())
        {
            if (entry is null) continue;
            foreach (var error in entry.Errors.Where(e => e.Exception is null && !e.ErrorMessage.StartsWith(label, StringComparison.Ordinal)).ToList())
            {
                if (ServiceLabel(k) is { } where)
                {
                    entry.Errors.Remove(error);
                    entry.Errors.Add($"{label}, {where}: {error.ErrorMessage}");
                }
            }
        }

        // The same rules as the annual report.
        var (snapshot, map) = ToSnapshot(operatorId ?? 0, year);
        var context = await ContextAsync(year, ct);
        var issues = ReportValidator.Validate([snapshot], context);
        // A field the binder could not read ("otte" in Pladser) already has its message; the validation saw it empty.
        var unreadable = ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToHashSet();
        foreach (var issue in issues.Where(i => i.Blocks && !unreadable.Contains(FieldKey(i, map))))
        {
            var message = issue.Severity == IssueSeverity.Warning
                ? $"Advarsel – {issue.Message} Svar i feltet '{(issue.Field == ReportField.RateChangeReason ? "Begrundelse for takstændring" : "Bemærkning")}' ved ydelsen."
                : issue.Message;
            ModelState.AddModelError(FieldKey(issue, map), message);
        }
        AnsweredWarnings = issues.Where(i => i.Severity == IssueSeverity.Warning && !i.Blocks).ToList();

        var expected = Input.Overwrite && Input.SeenStamp is Guid seen ? seen : Input.Stamp;
        if (Existing is { } current && current.ConcurrencyStamp != expected)
        {
            RefuseConcurrent(current);
        }
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var user = User.Identity?.Name;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (newOperator is not null)
            {
                db.Operators.Add(newOperator);
                await db.SaveChangesAsync(ct);
                operatorId = newOperator.Id;
            }
            snapshot = snapshot with { OfferId = Existing?.Id, OperatorId = operatorId!.Value };
            var offer = await register.ApplyAsync(snapshot, year, reason!, user, now, ct);
            if (Existing is not null)
            {
                // The database refuses the update too if someone saved between our check and this save.
                db.Entry(offer).Property(o => o.ConcurrencyStamp).OriginalValue = expected!.Value;
            }
            await register.SaveAsync(ct);
            await KeepAnswersAsync(offer, snapshot, ct);
            await tx.CommitAsync(ct);
            log.LogInformation("Offer {OfferId} saved as revision {Revision} by {User}", offer.Id, offer.Revision, user);
            TempData["Message"] = Existing is null
                ? $"Tilbuddet '{offer.Name}' er oprettet."
                : $"Tilbuddet '{offer.Name}' er gemt som revision {offer.Revision}.";
            return Redirect($"/sekretariat/tilbud/{offer.Id}");
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (!await LoadExistingAsync(Existing!.Id, ct)) return NotFound();
            RefuseConcurrent(Existing!);
            return Page();
        }
    }

    private void RefuseConcurrent(Offer current)
    {
        var who = string.IsNullOrEmpty(current.UpdatedBy) ? "en anden" : current.UpdatedBy;
        Conflict = $"Tilbuddet er blevet ændret af {who} {Danish.DateAndTime(current.UpdatedAt)}, mens du redigerede. " +
            "Dine ændringer er ikke gemt, men de står stadig i formularen. Se den nye udgave i historikken, og gem derefter igen, hvis dine ændringer skal erstatte den.";
        ModelState.AddModelError("", Conflict);
        // The editor may overwrite what they have now been told about, and nothing newer.
        Input.SeenStamp = current.ConcurrencyStamp;
        Input.Overwrite = false;
        ModelState.Remove("Input.SeenStamp");
        ModelState.Remove("Input.Overwrite");
    }

    /// <summary>The answers to warnings (reason for a rate change, comment) are kept in the revision's snapshot.</summary>
    private async Task KeepAnswersAsync(Offer offer, OfferSnapshot input, CancellationToken ct)
    {
        if (!input.Services.Any(s => !string.IsNullOrWhiteSpace(s.RateChangeReason) || !string.IsNullOrWhiteSpace(s.Comment))) return;
        var revision = db.OfferRevisions.Local.SingleOrDefault(r => r.OfferId == offer.Id && r.Number == offer.Revision);
        if (revision is null) return;
        var saved = OfferSnapshot.FromJson(revision.SnapshotJson);
        saved = saved with
        {
            Departments = saved.Departments.Select((d, di) => d with
            {
                Services = d.Services.Select((s, si) =>
                {
                    var given = di < input.Departments.Count && si < input.Departments[di].Services.Count ? input.Departments[di].Services[si] : null;
                    return given is null ? s : s with { RateChangeReason = Blank(given.RateChangeReason), Comment = Blank(given.Comment) };
                }).ToList(),
            }).ToList(),
        };
        revision.SnapshotJson = saved.ToJson();
        await db.SaveChangesAsync(ct);
    }

    // --- Checks ----------------------------------------------------------------------------------------------------

    /// <summary>The chosen operator's id, or a new operator to create with the offer (a municipality, the region, a private one).</summary>
    private async Task<(int? Id, Operator? New)> ResolveOperatorAsync(string label, CancellationToken ct)
    {
        var choice = Input.Operator ?? "";
        const string key = "Input.Operator";
        if (choice.StartsWith("op:", StringComparison.Ordinal) && int.TryParse(choice[3..], out var opId)
            && await db.Operators.AnyAsync(o => o.Id == opId && o.Region == Region, ct))
        {
            return (opId, null);
        }
        if (choice.StartsWith("kommune:", StringComparison.Ordinal) && int.TryParse(choice[8..], out var code)
            && Municipalities.FirstOrDefault(m => m.Code == code && m.Region == Region) is { } municipality)
        {
            if (await db.Operators.Where(o => o.MunicipalityCode == code).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct) is int known) return (known, null);
            return (null, new Operator { Kind = OperatorKind.Municipality, Name = $"{municipality.Name} Kommune", MunicipalityCode = code, Region = Region });
        }
        if (choice == "region")
        {
            if (await db.Operators.Where(o => o.Region == Region && o.Kind == OperatorKind.Region).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct) is int known) return (known, null);
            return (null, new Operator { Kind = OperatorKind.Region, Name = Region, Region = Region });
        }
        if (choice == "ny")
        {
            var name = Input.NewOperatorName?.Trim();
            var cvr = Input.NewOperatorCvr?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                ModelState.AddModelError("Input.NewOperatorName", $"{label}: Skriv navnet på den nye private driftsherre.");
            }
            else if (name.Length > 200)
            {
                ModelState.AddModelError("Input.NewOperatorName", $"{label}: Driftsherrens navn må højst være 200 tegn.");
            }
            else
            {
                var names = await db.Operators.Where(o => o.Region == Region).Select(o => o.Name).ToListAsync(ct);
                if (names.Contains(name, StringComparer.OrdinalIgnoreCase))
                    ModelState.AddModelError("Input.NewOperatorName", $"{label}: Driftsherren '{name}' findes allerede. Vælg den på listen.");
            }
            if (!string.IsNullOrEmpty(cvr) && !(cvr.Length == 8 && cvr.All(char.IsAsciiDigit)))
                ModelState.AddModelError("Input.NewOperatorCvr", $"{label}: CVR-nummeret skal være otte cifre – der står '{cvr}'.");
            return (null, new Operator { Kind = OperatorKind.Private, Name = name ?? "", Region = Region, Cvr = string.IsNullOrEmpty(cvr) ? null : cvr });
        }
        ModelState.AddModelError(key, $"{label}: Vælg tilbuddets driftsherre.");
        return (null, null);
    }

    /// <summary>The register's own rules: one offer per name and operator, one offer per Tilbudsportalen id.</summary>
    private async Task CheckRegisterAsync(string name, string label, int? operatorId, CancellationToken ct)
    {
        var thisId = Existing?.Id ?? 0;
        if (name.Length > 0 && operatorId is int op)
        {
            var sameOperator = await db.Offers.Where(o => o.OperatorId == op && o.Id != thisId).Select(o => o.Name).ToListAsync(ct);
            if (sameOperator.Contains(name, StringComparer.OrdinalIgnoreCase))
                ModelState.AddModelError("Input.Name", $"{label}: Driftsherren har allerede et tilbud med navnet '{name}'. Ret det tilbud i stedet, eller giv dette et andet navn.");
        }
        if (Input.PortalId?.Trim() is { Length: > 0 } portal)
        {
            var other = await db.Offers.Where(o => o.PortalId == portal && o.Id != thisId).Select(o => o.Name).FirstOrDefaultAsync(ct);
            if (other is not null)
                ModelState.AddModelError("Input.PortalId", $"{label}: Tilbudsportalen-id {portal} bruges allerede af tilbuddet '{other}'.");
        }
        foreach (var (b, i) in Input.Buyers.Select((b, i) => (b, i)))
        {
            if (b.MunicipalityCode is null && b.Citizens is not null)
                ModelState.AddModelError($"Input.Buyers[{i}].MunicipalityCode", $"{label}: Vælg køberkommunen for linjen med {b.Citizens} borgere.");
        }
        var known = LegalBases.Where(l => l.Active).Select(l => l.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var knownGroups = TargetGroups.Where(t => t.Active).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var before = Existing is null ? [] : Existing.Departments.SelectMany(d => d.Services).ToDictionary(s => s.Id);
        for (var d = 0; d < Input.Departments.Count; d++)
        {
            for (var s = 0; s < Input.Departments[d].Services.Count; s++)
            {
                var service = Input.Departments[d].Services[s];
                var had = service.Id is int sid && before.TryGetValue(sid, out var old) ? old : null;
                // A deactivated paragraph or target group may stay where it was, but not be chosen anew.
                foreach (var code in service.LegalBases.Where(c => !known.Contains(c) && had?.LegalBases.Any(l => string.Equals(l.Code, c, StringComparison.OrdinalIgnoreCase)) != true))
                    ModelState.AddModelError($"Input.Departments[{d}].Services[{s}].LegalBases", $"{label}, {ServiceName(d, s)}: Paragraffen '{code}' er deaktiveret og kan ikke vælges.");
                foreach (var group in service.TargetGroups.Where(g => !knownGroups.Contains(g) && had?.TargetGroups.Any(t => string.Equals(t.Name, g, StringComparison.OrdinalIgnoreCase)) != true))
                    ModelState.AddModelError($"Input.Departments[{d}].Services[{s}].TargetGroups", $"{label}, {ServiceName(d, s)}: Målgruppen '{group}' er deaktiveret og kan ikke vælges.");
            }
        }
    }

    private string ServiceName(int d, int s) =>
        d < Input.Departments.Count && s < Input.Departments[d].Services.Count && Input.Departments[d].Services[s].Name?.Trim() is { Length: > 0 } n
            ? n : $"ydelse nr. {s + 1}";

    /// <summary>"Lunden, Botilbud" for a field key inside a service, "afdeling nr. 2" inside a department.</summary>
    private string? ServiceLabel(string key)
    {
        var m = System.Text.RegularExpressions.Regex.Match(key, @"^Input\.Departments\[(\d+)\](?:\.Services\[(\d+)\])?");
        if (!m.Success) return null;
        var d = int.Parse(m.Groups[1].Value);
        if (m.Groups[2].Success) return ServiceName(d, int.Parse(m.Groups[2].Value));
        return d < Input.Departments.Count && Input.Departments[d].Name?.Trim() is { Length: > 0 } n ? $"afdeling '{n}'" : $"afdeling nr. {d + 1}";
    }

    private async Task<ValidationContext> ContextAsync(int year, CancellationToken ct)
    {
        var lastYear = (await register.ForYearAsync(Region, year - 1, ct)).Where(s => s.OfferId is not null)
            .GroupBy(s => s.OfferId!.Value).ToDictionary(g => g.Key, g => g.First());
        return new ValidationContext(
            LegalBases.GroupBy(l => l.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Scope, StringComparer.OrdinalIgnoreCase),
            TargetGroups.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Scope, StringComparer.OrdinalIgnoreCase),
            Municipalities.ToDictionary(m => m.Code, m => m.Name),
            year, RateChangeThresholdPercent, lastYear);
    }

    /// <summary>
    /// The form as a snapshot, leaving out empty rows; <paramref name="map"/> says which form row each snapshot row
    /// came from, so a message lands at its field.
    /// </summary>
    private (OfferSnapshot Snapshot, List<(int D, List<int> S)> Map) ToSnapshot(int operatorId, int year)
    {
        var map = new List<(int D, List<int> S)>();
        var departments = new List<DepartmentSnapshot>();
        for (var d = 0; d < Input.Departments.Count; d++)
        {
            var di = Input.Departments[d];
            var services = new List<ServiceSnapshot>();
            var serviceMap = new List<int>();
            for (var s = 0; s < di.Services.Count; s++)
            {
                var si = di.Services[s];
                if (si.IsBlank) continue;
                serviceMap.Add(s);
                services.Add(new ServiceSnapshot
                {
                    ServiceId = si.Id, Name = si.Name?.Trim() ?? "",
                    LegalBases = si.LegalBases.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                    TargetGroups = si.TargetGroups.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                    Places = si.Places, Rate = si.Rate, RateUnit = si.Rate is null ? null : si.RateUnit, RateYear = si.Rate is null ? null : si.RateYear,
                    ServiceLevelHours = si.ServiceLevelHours, CoveredByAgreement = si.Covered,
                    RateChangeReason = Blank(si.RateChangeReason), Comment = Blank(si.Comment),
                });
            }
            if (services.Count == 0 && string.IsNullOrWhiteSpace(di.Name) && string.IsNullOrWhiteSpace(di.PortalKey)) continue;
            map.Add((d, serviceMap));
            departments.Add(new DepartmentSnapshot { DepartmentId = di.Id, Name = di.Name?.Trim() ?? "", PortalKey = Blank(di.PortalKey), Services = services });
        }
        var snapshot = new OfferSnapshot
        {
            OfferId = Existing?.Id, Name = Input.Name?.Trim() ?? "", OperatorId = operatorId,
            Address = Blank(Input.Address), PostalCode = Blank(Input.PostalCode), City = Blank(Input.City), PortalId = Blank(Input.PortalId),
            Status = Input.Status, StatusSince = Input.StatusSince, ClosingDate = Input.ClosingDate, Year = year,
            Departments = departments,
            Buyers = Input.Buyers.Where(b => b.MunicipalityCode is not null)
                .Select(b => new BuyerSnapshot { MunicipalityCode = b.MunicipalityCode!.Value, Citizens = b.Citizens ?? 0 }).ToList(),
        };
        return (snapshot, map);
    }

    /// <summary>The form field a validation message belongs to.</summary>
    private string FieldKey(ReportIssue issue, List<(int D, List<int> S)> map)
    {
        string? Dept() => issue.DepartmentIndex is int d && d < map.Count ? $"Input.Departments[{map[d].D}]" : null;
        string? Serv() => issue.DepartmentIndex is int d && d < map.Count && issue.ServiceIndex is int s && s < map[d].S.Count
            ? $"Input.Departments[{map[d].D}].Services[{map[d].S[s]}]" : null;
        var buyer = issue.BuyerIndex is int b ? BuyerRow(b) : null;
        return issue.Field switch
        {
            ReportField.Name => "Input.Name",
            ReportField.Address => "Input.Address",
            ReportField.PostalCode => "Input.PostalCode",
            ReportField.City => "Input.City",
            ReportField.PortalId => "Input.PortalId",
            ReportField.Status => "Input.Status",
            ReportField.StatusSince => "Input.StatusSince",
            ReportField.ClosingDate => "Input.ClosingDate",
            ReportField.Department => Dept() is { } dk ? dk + ".Name" : "Input.Departments",
            ReportField.DepartmentKey => Dept() is { } dk2 ? dk2 + ".PortalKey" : "Input.Departments",
            ReportField.ServiceName => Serv() + ".Name",
            ReportField.LegalBases => Serv() + ".LegalBases",
            ReportField.TargetGroups => Serv() + ".TargetGroups",
            ReportField.Places => Serv() + ".Places",
            ReportField.Rate => Serv() + ".Rate",
            ReportField.RateUnit => Serv() + ".RateUnit",
            ReportField.RateYear => Serv() + ".RateYear",
            ReportField.ServiceLevel => Serv() is { } sk ? sk + ".Comment" : "",
            ReportField.Covered => Serv() + ".Covered",
            ReportField.RateChangeReason => Serv() + ".RateChangeReason",
            ReportField.Comment => Serv() + ".Comment",
            ReportField.Buyer => buyer is int br ? $"Input.Buyers[{br}].MunicipalityCode" : "Input.Buyers",
            ReportField.Citizens => buyer is int cr ? $"Input.Buyers[{cr}].Citizens" : "Input.Buyers",
            _ => "",
        };
    }

    /// <summary>The form row of the n-th buyer kept in the snapshot (rows without a municipality are left out).</summary>
    private int? BuyerRow(int n)
    {
        var kept = Input.Buyers.Select((b, i) => (b, i)).Where(x => x.b.MunicipalityCode is not null).Select(x => x.i).ToList();
        return n < kept.Count ? kept[n] : null;
    }

    // --- Loading ---------------------------------------------------------------------------------------------------

    private async Task<bool> LoadExistingAsync(int id, CancellationToken ct)
    {
        Existing = await register.LoadOffers().SingleOrDefaultAsync(o => o.Id == id && o.Operator!.Region == Region, ct);
        return Existing is not null;
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        LegalBases = await db.LegalBases.AsNoTracking().OrderBy(l => l.SortOrder).ThenBy(l => l.Code).ToListAsync(ct);
        TargetGroups = await db.TargetGroups.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Name).ToListAsync(ct);
        Municipalities = (await db.Municipalities.AsNoTracking().ToListAsync(ct)).OrderBy(m => m.Name, StringComparer.Create(Danish.Culture, true)).ToList();
        var operators = (await db.Operators.AsNoTracking().Where(o => o.Region == Region).ToListAsync(ct))
            .OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.Create(Danish.Culture, true)).ToList();
        var choices = new List<(string, string)>();
        foreach (var m in Municipalities.Where(m => m.Region == Region))
        {
            var op = operators.FirstOrDefault(o => o.MunicipalityCode == m.Code);
            choices.Add(op is null ? ($"kommune:{m.Code}", $"{m.Name} Kommune") : ($"op:{op.Id}", op.Name));
        }
        var region = operators.FirstOrDefault(o => o.Kind == OperatorKind.Region);
        choices.Add(region is null ? ("region", Region) : ($"op:{region.Id}", region.Name));
        choices.AddRange(operators.Where(o => o.Kind == OperatorKind.Private).Select(o => ($"op:{o.Id}", $"{o.Name} (privat)")));
        OperatorChoices = choices;
    }

    private static OfferInput FromOffer(Offer o) => new()
    {
        Stamp = o.ConcurrencyStamp, Name = o.Name, Operator = $"op:{o.OperatorId}", Address = o.Address, PostalCode = o.PostalCode,
        City = o.City, PortalId = o.PortalId, Status = o.Status, StatusSince = o.StatusSince, ClosingDate = o.ClosingDate, Year = o.Year,
        Departments = o.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Id).Select(d => new DepartmentInput
        {
            Id = d.Id, Name = d.Name, PortalKey = d.PortalKey,
            Services = d.Services.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => new ServiceInput
            {
                Id = s.Id, Name = s.Name, LegalBases = s.LegalBases.Select(l => l.Code).ToList(), TargetGroups = s.TargetGroups.Select(t => t.Name).ToList(),
                Places = s.Places, Rate = s.Rate, RateUnit = s.RateUnit, RateYear = s.RateYear, ServiceLevelHours = s.ServiceLevelHours,
                Covered = s.CoveredByAgreement,
            }).ToList(),
        }).ToList(),
        Buyers = o.Buyers.OrderBy(b => b.MunicipalityCode).Select(b => new BuyerInput { MunicipalityCode = b.MunicipalityCode, Citizens = b.Citizens }).ToList(),
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
