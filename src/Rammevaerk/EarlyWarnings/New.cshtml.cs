using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Reporting;
using Rammevaerk.Shared;

namespace Rammevaerk.EarlyWarnings;

/// <summary>/early-warning/ny: a municipality user files a warning on one of its operator's offers.</summary>
public sealed class NewModel(AppDb db, EarlyWarningService warnings, ReportingService reporting, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty] public WarningInput Input { get; set; } = new();
    public Dictionary<string, string> Errors { get; private set; } = [];
    public List<EarlyWarningService.OfferChoice> Offers { get; private set; } = [];
    public string? OperatorName { get; private set; }
    public EarlyWarnings.WarningRound? Round { get; private set; }

    public async Task OnGetAsync(int? tilbud, CancellationToken ct)
    {
        if (await LoadAsync(ct) is null) return;
        Input = new WarningInput { State = nameof(WarningState.Expected), OfferId = Offers.Any(o => o.Id == tilbud) ? tilbud!.ToString() : null };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not int operatorId) return StatusCode(StatusCodes.Status403Forbidden);
        var today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        var (refused, value, errors) = await WarningChecks.CheckAsync(Input, operatorId, Offers, today, db, audit, HttpContext);
        if (refused) return StatusCode(StatusCodes.Status403Forbidden);
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }
        var (warning, notified) = await warnings.FileAsync(operatorId, value, WarningChecks.UserName(User), ct);
        TempData["Message"] = notified == 0
            ? "Varslet er meldt. Tilbuddet har ingen køberkommuner med brugere i Rammeværk, så ingen har fået besked."
            : $"Varslet er meldt, og {notified} {(notified == 1 ? "bruger" : "brugere")} i køberkommunerne har fået besked.";
        return Redirect($"/early-warning/{warning.Id}");
    }

    private async Task<int?> LoadAsync(CancellationToken ct)
    {
        var operatorId = await reporting.OperatorOfAsync(User, ct);
        if (operatorId is not int id) return null;
        OperatorName = await db.Operators.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct);
        Offers = await warnings.OfferChoicesAsync(id, ct);
        Round = await warnings.OpenRoundAsync(ct);
        return id;
    }
}
