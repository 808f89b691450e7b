using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Reporting;
using Rammevaerk.Shared;

namespace Rammevaerk.EarlyWarnings;

/// <summary>
/// /early-warning/{id}: one warning. The operator's users change it (a change of state tells the buyers again);
/// the buyers, other municipalities and the secretariat read it. Posting to another operator's warning is refused
/// with 403 and recorded in the security log.
/// </summary>
public sealed class WarningModel(AppDb db, EarlyWarningService warnings, ReportingService reporting, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty] public WarningInput Input { get; set; } = new();
    public Dictionary<string, string> Errors { get; private set; } = [];
    public RateWarning Warning { get; private set; } = null!;
    public List<EarlyWarningService.OfferChoice> Offers { get; private set; } = [];
    public List<EarlyWarningService.Buyer> Buyers { get; private set; } = [];
    public string? ServiceName { get; private set; }
    public WarningRound? Round { get; private set; }
    public bool CanEdit { get; private set; }
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = WarningInput.From(Warning);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanEdit)
        {
            var own = await reporting.OperatorOfAsync(User, ct);
            await audit.RecordAsync(AuditLog.OtherOperatorsData,
                $"Early warning {Warning.Id} ({Warning.Operator!.Name}, {Warning.Offer!.Name}) forsøgt ændret af en bruger fra driftsherre {own?.ToString() ?? "(ingen)"}", HttpContext);
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        // A date already passed may stay; a new date must lie ahead.
        var earliest = WarningInput.Date(Input.ExpectedFrom) == Warning.ExpectedFrom ? (DateOnly?)null : today;
        var (refused, value, errors) = await WarningChecks.CheckAsync(Input, Warning.OperatorId, Offers, earliest, db, audit, HttpContext);
        if (refused) return StatusCode(StatusCodes.Status403Forbidden);
        if (Input.Stamp is not Guid stamp) errors[""] = "Formularen mangler sin version. Hent siden igen.";
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }
        try
        {
            var notified = await warnings.UpdateAsync(Warning, value, Input.Stamp!.Value, WarningChecks.UserName(User), ct);
            TempData["Message"] = notified > 0
                ? $"Varslet er gemt, og {notified} {(notified == 1 ? "bruger" : "brugere")} i køberkommunerne har fået besked om den nye status."
                : "Varslet er gemt.";
            return Redirect($"/early-warning/{id}");
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            Input.Stamp = Warning.ConcurrencyStamp;
            Errors = new() { [""] = "Varslet blev ændret af en anden, mens du redigerede. Dine indtastninger står stadig i felterne; se dem efter og gem igen." };
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var warning = await db.RateWarnings.Include(w => w.Offer).Include(w => w.Operator).SingleOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null) return false;
        Warning = warning;
        var own = await reporting.OperatorOfAsync(User, ct);
        CanEdit = own == warning.OperatorId;
        if (CanEdit) Offers = await warnings.OfferChoicesAsync(warning.OperatorId, ct);
        Buyers = (await warnings.BuyersAsync([warning.OfferId], ct))[warning.OfferId];
        ServiceName = warning.ServiceId is int sid ? await db.Set<Offers.OfferService>().Where(s => s.Id == sid).Select(s => s.Name).SingleOrDefaultAsync(ct) : null;
        Round = warning.RoundId is int rid ? await db.WarningRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rid, ct) : null;
        return true;
    }
}
