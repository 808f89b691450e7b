using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Publishing;

namespace Rammevaerk.NeedsSurveys;

/// <summary>
/// /behovsanalyser/{id}: a published survey's result. Members and the secretariat also see each municipality's
/// answers (signed-in pages are never served from the output cache).
/// </summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class ResultModel(AppDb db, Notifier notifier, IConfiguration config, TimeProvider clock) : PageModel
{
    public NeedsSurvey Survey { get; private set; } = null!;
    public SurveyResult Result { get; private set; } = null!;
    public bool ShowDetail { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var svc = new NeedsSurveyService(db, notifier, config, clock);
        var survey = await svc.FindAsync(id, ct);
        if (survey is null || !survey.Published || survey.State != SurveyState.Closed) return NotFound();
        Survey = survey;
        Result = await svc.ResultAsync(survey, ct);
        ShowDetail = User.IsInRole(Roles.Member) || User.IsInRole(Roles.Secretariat);
        return Page();
    }
}
