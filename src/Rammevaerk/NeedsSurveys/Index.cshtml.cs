using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Publishing;

namespace Rammevaerk.NeedsSurveys;

/// <summary>/behovsanalyser: the published needs surveys with their result tables (no per-municipality detail).</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class IndexModel(AppDb db, Notifier notifier, IConfiguration config, TimeProvider clock) : PageModel
{
    public List<(NeedsSurvey Survey, SurveyResult Result)> Surveys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var svc = new NeedsSurveyService(db, notifier, config, clock);
        var surveys = await db.NeedsSurveys.AsNoTracking().Where(s => s.Region == svc.Region && s.Published && s.State == SurveyState.Closed)
            .OrderByDescending(s => s.ClosedAt).ToListAsync(ct);
        foreach (var s in surveys) Surveys.Add((s, await svc.ResultAsync(s, ct)));
    }
}
