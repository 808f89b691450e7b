using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Notifications;
using Rammevaerk.Publishing;

namespace Rammevaerk.NeedsSurveys;

/// <summary>
/// /behovsanalyser/{id}/excel: a published survey's result table as xlsx, like the other public tables. Members and
/// the secretariat also get each municipality's answers on a second sheet, as on the page.
/// </summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class ExportModel(AppDb db, Notifier notifier, AuditLog audit, IConfiguration config, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var svc = new NeedsSurveyService(db, notifier, config, clock);
        var survey = await svc.FindAsync(id, ct);
        if (survey is null || !survey.Published || survey.State != SurveyState.Closed) return NotFound();
        var result = await svc.ResultAsync(survey, ct);
        var withDetail = User.IsInRole(Roles.Member) || User.IsInRole(Roles.Secretariat);
        // The per-municipality answers are not public: their export is a security event.
        if (withDetail) await audit.RecordAsync(SecurityEvents.NonPublicExport, $"Behovsanalyse {survey.Id} med kommunernes svar (xlsx)", HttpContext);
        return File(NeedsSurveyService.Workbook(survey, result, withDetail),
            AllocationExporter.XlsxType, Spreadsheet.FileName("Behovsanalyse", survey.Title, "xlsx"));
    }
}
