using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.NeedsSurveys.Admin;

/// <summary>/sekretariat/behovsanalyser: the region's needs surveys, newest first, with how many have answered.</summary>
public sealed class IndexModel(AppDb db, Notifier notifier, IConfiguration config, TimeProvider clock) : PageModel
{
    public sealed record Line(NeedsSurvey Survey, int Answered);

    public List<Line> Surveys { get; private set; } = [];
    public int Asked { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var service = new NeedsSurveyService(db, notifier, config, clock);
        var surveys = await db.NeedsSurveys.AsNoTracking().Where(s => s.Region == service.Region).OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).ToListAsync(ct);
        var counts = await service.AnsweredCountsAsync(surveys.Select(s => s.Id), ct);
        Surveys = [.. surveys.Select(s => new Line(s, counts.GetValueOrDefault(s.Id)))];
        Asked = (await service.MunicipalitiesAsync(ct)).Count;
    }
}
