using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Reporting.Operators;

/// <summary>/indberetning: the signed-in municipality user's reports, the open round first.</summary>
public sealed class IndexModel(AppDb db, ReportingService reporting) : PageModel
{
    public sealed record Line(int ReportId, int Year, DateOnly Deadline, RoundState RoundState, ReportState State, DateTime? SubmittedAt, string? Comment);

    public string? OperatorName { get; private set; }
    public List<Line> Reports { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ReportAccess.IsSecretariat(User)) return Redirect("/sekretariat/indberetning");
        var operatorId = await reporting.OperatorOfAsync(User, ct);
        if (operatorId is null) return Page();
        OperatorName = await db.Operators.Where(o => o.Id == operatorId).Select(o => o.Name).SingleOrDefaultAsync(ct);
        Reports = await db.OperatorReports.AsNoTracking().Where(r => r.OperatorId == operatorId)
            .OrderByDescending(r => r.Round!.Year)
            .Select(r => new Line(r.Id, r.Round!.Year, r.Round.Deadline, r.Round.State, r.State, r.SubmittedAt, r.SecretariatComment))
            .ToListAsync(ct);
        return Page();
    }
}
