using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.NeedsSurveys.Answer;

/// <summary>/behovsanalyse: the surveys a municipality user answers for their own municipality (open ones first).</summary>
public sealed class IndexModel(AppDb db, Notifier notifier, IConfiguration config, TimeProvider clock) : PageModel
{
    public sealed record Line(NeedsSurvey Survey, bool Answered);

    public string? MunicipalityName { get; private set; }
    public List<Line> Surveys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var code = await MunicipalityUser.CodeAsync(db, User, ct);
        if (code is null) return;
        MunicipalityName = await db.Municipalities.Where(m => m.Code == code).Select(m => m.Name).SingleOrDefaultAsync(ct);
        var region = new NeedsSurveyService(db, notifier, config, clock).Region;
        var surveys = await db.NeedsSurveys.AsNoTracking().Where(s => s.Region == region && s.State != SurveyState.Draft)
            .OrderByDescending(s => s.OpenedAt).ToListAsync(ct);
        var answered = await db.NeedsSurveyAnswers.Where(a => a.MunicipalityCode == code).Select(a => a.SurveyId).Distinct().ToListAsync(ct);
        Surveys = [.. surveys.OrderBy(s => s.State == SurveyState.Open ? 0 : 1).Select(s => new Line(s, answered.Contains(s.Id)))];
    }
}

/// <summary>The municipality a signed-in municipality user answers for (<see cref="AppUser.MunicipalityCode"/>).</summary>
public static class MunicipalityUser
{
    public static async Task<int?> CodeAsync(AppDb db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var name = user.Identity?.Name;
        if (name is null) return null;
        return await db.Users.Where(u => u.UserName == name).Select(u => u.MunicipalityCode).SingleOrDefaultAsync(ct);
    }
}
