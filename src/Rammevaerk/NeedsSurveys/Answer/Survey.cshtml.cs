using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.NeedsSurveys.Answer;

/// <summary>
/// /behovsanalyse/{id}: a municipality answers (and may change its answer until the deadline or close) with places
/// per year, whole numbers ≥ 0. The form carries the municipality; a post for another municipality than the user's
/// own is refused with 403 and written to the security log, and nothing is saved.
/// </summary>
public sealed class SurveyModel(AppDb db, Notifier notifier, IConfiguration config, TimeProvider clock, AuditLog audit) : PageModel
{
    [BindProperty] public int? MunicipalityCode { get; set; }
    /// <summary>Places per year as typed, in the order of the survey's years.</summary>
    [BindProperty] public List<string?> Places { get; set; } = [];

    public NeedsSurvey Survey { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string? MunicipalityName { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public bool Open { get; private set; }

    public string? Err(int index) => ModelState.TryGetValue($"Places[{index}]", out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var (code, result) = await LoadAsync(id, ct);
        if (result is not null) return result;
        var answers = await db.NeedsSurveyAnswers.AsNoTracking().Where(a => a.SurveyId == id && a.MunicipalityCode == code).ToListAsync(ct);
        Places = [.. Years.Select(y => answers.FirstOrDefault(a => a.Year == y)?.Places.ToString())];
        AnsweredAt = answers.Count == 0 ? null : answers.Max(a => a.AnsweredAt);
        MunicipalityCode = code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var posted = Places;
        var postedCode = MunicipalityCode;
        var (code, result) = await LoadAsync(id, ct);
        if (result is not null) return result;
        if (postedCode != code)
        {
            await audit.RecordAsync(AuditLog.OtherOperatorsData,
                $"Svar på behovsanalyse {id} forsøgt afgivet for kommune {postedCode?.ToString() ?? "(ingen)"} af en bruger fra kommune {code}", HttpContext);
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Places = posted;
        MunicipalityCode = code;
        if (!Open)
        {
            ModelState.AddModelError("", "Behovsanalysen er lukket for svar. Jeres svar er ikke gemt.");
            return Page();
        }
        var places = new Dictionary<int, int>();
        for (var i = 0; i < Years.Count; i++)
        {
            var text = i < posted.Count ? posted[i]?.Trim() : null;
            var year = Years[i];
            if (string.IsNullOrEmpty(text)) ModelState.AddModelError($"Places[{i}]", $"Skriv antal pladser i {year} (0, hvis I ikke forventer at købe pladser).");
            else if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, Shared.Danish.Culture, out var n))
                ModelState.AddModelError($"Places[{i}]", $"Antal pladser i {year} skal være et helt tal, fx 3.");
            else if (n < 0) ModelState.AddModelError($"Places[{i}]", $"Antal pladser i {year} kan ikke være negativt.");
            else if (n > 10_000) ModelState.AddModelError($"Places[{i}]", $"Antal pladser i {year} må højst være 10.000.");
            else places[year] = n;
        }
        if (!ModelState.IsValid) return Page();
        var svc = new NeedsSurveyService(db, notifier, config, clock);
        await svc.SaveAnswerAsync(Survey, code, places, User.Identity?.Name, ct);
        TempData["Message"] = $"Jeres svar på {Survey.Title} er gemt.";
        return Redirect($"/behovsanalyse/{id}");
    }

    /// <summary>Loads the survey and the user's municipality; a result when the page cannot be shown.</summary>
    private async Task<(int Code, IActionResult? Result)> LoadAsync(int id, CancellationToken ct)
    {
        var code = await MunicipalityUser.CodeAsync(db, User, ct);
        if (code is not int c) return (0, StatusCode(StatusCodes.Status403Forbidden));
        var svc = new NeedsSurveyService(db, notifier, config, clock);
        var survey = await svc.FindAsync(id, ct);
        if (survey is null || survey.State == SurveyState.Draft) return (c, NotFound());
        Survey = survey;
        Years = NeedsSurveyService.YearsOf(survey);
        Open = NeedsSurveyService.AcceptsAnswers(survey, clock);
        MunicipalityName = await db.Municipalities.Where(m => m.Code == c).Select(m => m.Name).SingleOrDefaultAsync(ct);
        return (c, null);
    }
}
