using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Shared;

namespace Rammevaerk.Reporting.Occupancy;

/// <summary>
/// /indberetning/belaegning?halvaar=2025-1&amp;tilbud=12: an operator user (a municipality's or the region's) reports
/// the occupied days of its own operator's services for a half-year, in one transaction. Only when the
/// region has occupancy reporting switched on. Another operator's offer or service, asked for by URL or slipped
/// into the form, is refused with 403 and written to the security log.
/// </summary>
public sealed partial class ReportModel(AppDb db, ReportingService reporting, AuditLog audit, TimeProvider clock) : PageModel
{
    /// <summary>Occupied days per service id, as typed ("1.234,5"); empty = not reported.</summary>
    [BindProperty]
    public Dictionary<int, string?> Days { get; set; } = [];

    [BindProperty]
    public string? Halvaar { get; set; }

    public global::Rammevaerk.Offers.Operator? Operator { get; private set; }
    public bool IsOn { get; private set; }
    public HalfYear Period { get; private set; }
    public List<HalfYear> Periods { get; private set; } = [];
    public List<OccupancyLine> Lines { get; private set; } = [];
    public int? OfferId { get; private set; }
    public List<string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? halvaar, int? tilbud, CancellationToken ct)
    {
        if (await LoadAsync(halvaar, tilbud, ct) is { } refused) return refused;
        Days = Lines.ToDictionary(l => l.ServiceId, l => l.OccupiedDays is decimal d ? Format(d) : null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? tilbud, CancellationToken ct)
    {
        var typed = Days;
        if (await LoadAsync(Halvaar, tilbud, ct) is { } refused) return refused;
        if (Operator is null) return Page();

        // First-line check: every posted service must be one of the user's own operator's.
        var own = Lines.ToDictionary(l => l.ServiceId);
        var foreign = typed.Keys.Where(id => !own.ContainsKey(id)).ToList();
        if (foreign.Count > 0)
        {
            var owners = await (
                from s in db.OfferServices
                join d in db.OfferDepartments on s.DepartmentId equals d.Id
                join o in db.Offers on d.OfferId equals o.Id
                where foreign.Contains(s.Id)
                select new { s.Id, o.OperatorId }).ToListAsync(ct);
            var detail = $"Driftsherre {Operator.Id} ({Operator.Name}) forsøgte at indberette belægning for ydelse(r) "
                + string.Join(", ", foreign.Select(id => owners.FirstOrDefault(o => o.Id == id) is { } x ? $"{id} (driftsherre {x.OperatorId})" : $"{id} (findes ikke)"))
                + (OfferId is int of ? $" via tilbud {of}" : "") + ".";
            await audit.RecordAsync(AuditLog.OtherOperatorsData, detail, HttpContext);
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Days = typed;
        if (!Periods.Contains(Period))
        {
            ModelState.AddModelError(nameof(Halvaar), "Vælg et af de halvår, der står på listen.");
            return Page();
        }
        if (!IsOn)
        {
            Problems.Add($"Belægningsindberetning er slået fra i {Operator.Region}. Der er ikke gemt noget.");
            return Page();
        }

        var values = new Dictionary<int, decimal?>();
        foreach (var line in Lines)
        {
            if (!typed.TryGetValue(line.ServiceId, out var text)) continue;
            var key = $"Days[{line.ServiceId}]";
            if (string.IsNullOrWhiteSpace(text)) { values[line.ServiceId] = null; continue; }
            if (!TryParseDays(text, out var days))
            {
                ModelState.AddModelError(key, $"Belægningsdage for {line.What} skal være et tal, fx 1234 eller 1.234,5.");
                continue;
            }
            if (OccupancyCalculator.Check(days, line.CurrentPlaces, Period, line.What) is { } problem)
            {
                ModelState.AddModelError(key, problem);
                continue;
            }
            values[line.ServiceId] = days;
        }
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var ids = values.Keys.ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.OccupancyRecords
            .Where(r => r.Year == Period.Year && r.Half == Period.Half && ids.Contains(r.ServiceId))
            .ToDictionaryAsync(r => r.ServiceId, ct);
        int saved = 0, removed = 0;
        foreach (var (id, days) in values)
        {
            existing.TryGetValue(id, out var record);
            if (days is null)
            {
                if (record is not null) { db.OccupancyRecords.Remove(record); removed++; }
                continue;
            }
            if (record is null)
            {
                record = new OccupancyRecord { ServiceId = id, Year = Period.Year, Half = Period.Half };
                db.OccupancyRecords.Add(record);
            }
            else if (record.OccupiedDays == days && record.Places == own[id].CurrentPlaces)
            {
                continue;
            }
            record.OccupiedDays = days.Value;
            record.Places = own[id].CurrentPlaces;
            record.ReportedAt = now;
            record.ReportedBy = User.Identity?.Name;
            saved++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        TempData["Message"] = (saved, removed) switch
        {
            (0, 0) => $"Der var ingen ændringer i belægningen for {Period.Half}. halvår {Period.Year}.",
            _ => $"Belægningen for {Period.Half}. halvår {Period.Year} er gemt: {saved} {(saved == 1 ? "ydelse" : "ydelser")} opdateret"
                + (removed > 0 ? $", {removed} fjernet" : "") + ".",
        };
        return Redirect($"/indberetning/belaegning?halvaar={Period.Key}" + (OfferId is int o2 ? $"&tilbud={o2}" : ""));
    }

    /// <summary>
    /// Loads the user's operator, the region's switch, the half-year and the lines. Returns 403 (and a security
    /// log entry) for another operator's offer, 404 for an offer that does not exist.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(string? halvaar, int? tilbud, CancellationToken ct)
    {
        Periods = Admin.IndexModel.Recent(Danish.TodayOf(clock), 6);
        Period = HalfYear.TryParse(halvaar, out var chosen) ? chosen : Periods[0];

        // The user's operator: their own, or their municipality's (as every operator page finds it).
        var operatorId = await reporting.OperatorOfAsync(User, ct);
        Operator = operatorId is int id ? await db.Operators.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) : null;
        if (Operator is null) return null;

        if (tilbud is int offerId)
        {
            var owner = await db.Offers.Where(o => o.Id == offerId).Select(o => (int?)o.OperatorId).SingleOrDefaultAsync(ct);
            if (owner is null) return NotFound();
            if (owner != Operator.Id)
            {
                await audit.RecordAsync(AuditLog.OtherOperatorsData,
                    $"Driftsherre {Operator.Id} ({Operator.Name}) bad om belægningen for tilbud {offerId}, som hører til driftsherre {owner}.", HttpContext);
                return StatusCode(StatusCodes.Status403Forbidden);
            }
            OfferId = offerId;
        }

        IsOn = await OccupancyQueries.IsOnAsync(db, Operator.Region, ct);
        Lines = await OccupancyQueries.LinesAsync(db, Period, region: null, operatorId: Operator.Id, offerId: OfferId, ct);
        return null;
    }

    /// <summary>Danish numbers: "1234", "1234,5", "1.234,5" (dots only as thousands separators in groups of three).</summary>
    public static bool TryParseDays(string text, out decimal days)
    {
        var parsed = DanishInput.Number(text);
        days = parsed ?? 0;
        return parsed is not null;
    }

    public static string Format(decimal days) => days.ToString(days == decimal.Truncate(days) ? "0" : "0.##", Danish.Culture);
}
