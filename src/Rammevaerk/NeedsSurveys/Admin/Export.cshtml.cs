using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Notifications;

namespace Rammevaerk.NeedsSurveys.Admin;

/// <summary>/sekretariat/behovsanalyser/{id}/excel: the result table and the answers of every municipality.</summary>
public sealed class ExportModel(AppDb db, Notifier notifier, IConfiguration config, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var svc = new NeedsSurveyService(db, notifier, config, clock);
        var survey = await svc.FindAsync(id, ct);
        if (survey is null) return NotFound();
        var result = await svc.ResultAsync(survey, ct);
        return File(NeedsSurveyService.Workbook(survey, result, withDetail: true),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Spreadsheet.FileName("Behovsanalyse", survey.Title, "xlsx"));
    }
}
