using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Shared;

namespace Rammevaerk.NeedsSurveys.Admin;

/// <summary>
/// /sekretariat/behovsanalyser/ny: defines a survey (saved as a draft, opened from its page);
/// /sekretariat/behovsanalyser/{id}/rediger (the same page): edits it while it is a draft, or open with no answers yet.
/// </summary>
public sealed class NewModel(AppDb db, Notifier notifier, IConfiguration config, TimeProvider clock) : PageModel
{
    public sealed class SurveyInput
    {
        public string? Title { get; set; }
        public string? TargetGroup { get; set; }
        public string? Question { get; set; }
        public string? FromYear { get; set; }
        public string? ToYear { get; set; }
        public DateOnly? Deadline { get; set; }
        public int? PreviousSurveyId { get; set; }
    }

    [BindProperty] public SurveyInput Input { get; set; } = new();
    public List<NeedsSurvey> Previous { get; private set; } = [];

    /// <summary>The survey being edited (route /sekretariat/behovsanalyser/{id}/rediger); null for a new one.</summary>
    [BindProperty(SupportsGet = true, Name = "id")] public int? EditId { get; set; }
    public NeedsSurvey? Editing { get; private set; }

    /// <summary>A survey's definition may change while no municipality has answered: a draft, or open without answers.</summary>
    public static bool CanEdit(NeedsSurvey survey, int answers) =>
        survey.State == SurveyState.Draft || (survey.State == SurveyState.Open && answers == 0);

    public const string NotEditable = "Behovsanalysen kan ikke længere redigeres: kommunerne er begyndt at svare, eller den er lukket.";

    private NeedsSurveyService Service => new(db, notifier, config, clock);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (EditId is int id)
        {
            var result = await LoadEditingAsync(id, ct);
            if (result is not null) return result;
            var years = Editing!.Years.Split(',');
            Input = new SurveyInput
            {
                Title = Editing.Title, TargetGroup = Editing.TargetGroup, Question = Editing.Question, FromYear = years[0], ToYear = years[^1],
                Deadline = Editing.Deadline, PreviousSurveyId = Editing.PreviousSurveyId,
            };
            await LoadAsync(ct);
            return Page();
        }
        var year = Danish.TodayOf(clock).Year + 1;
        Input = new SurveyInput
        {
            FromYear = year.ToString(), ToYear = (year + 2).ToString(), Deadline = Danish.DateOf(clock).AddDays(30),
            Question = "Hvor mange pladser forventer kommunen at købe eksternt til målgruppen i hvert af årene?",
        };
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (EditId is int id && await LoadEditingAsync(id, ct) is { } refused) return refused;
        await LoadAsync(ct);
        var title = Input.Title?.Trim();
        var target = Input.TargetGroup?.Trim();
        var question = Input.Question?.Trim();
        if (string.IsNullOrEmpty(title)) ModelState.AddModelError("Input.Title", "Skriv en titel på behovsanalysen.");
        else if (title.Length > Limits.Title) ModelState.AddModelError("Input.Title", $"Titlen må højst være {Limits.Title} tegn.");
        if (string.IsNullOrEmpty(target)) ModelState.AddModelError("Input.TargetGroup", "Skriv målgruppen.");
        else if (target.Length > 200) ModelState.AddModelError("Input.TargetGroup", "Målgruppen må højst være 200 tegn.");
        if (string.IsNullOrEmpty(question)) ModelState.AddModelError("Input.Question", "Skriv spørgsmålet til kommunerne.");
        else if (question.Length > 4000) ModelState.AddModelError("Input.Question", "Spørgsmålet må højst være 4.000 tegn.");
        var from = Year(Input.FromYear, "Input.FromYear", "Fra år");
        var to = Year(Input.ToYear, "Input.ToYear", "Til år");
        if (from is int f && to is int t)
        {
            if (t < f) ModelState.AddModelError("Input.ToYear", "Til år skal være samme år som fra år eller senere.");
            else if (t - f + 1 > NeedsSurveyService.MaxYears) ModelState.AddModelError("Input.ToYear", $"Der kan højst spørges om {NeedsSurveyService.MaxYears} år.");
        }
        if (Input.Deadline is null) ModelState.AddModelError("Input.Deadline", "Vælg en frist (dd.mm.åååå).");
        else if (Input.Deadline < Danish.DateOf(clock)) ModelState.AddModelError("Input.Deadline", "Fristen kan ikke ligge før i dag.");
        if (Input.PreviousSurveyId is int pid && Previous.All(p => p.Id != pid))
            ModelState.AddModelError("Input.PreviousSurveyId", "Vælg en tidligere behovsanalyse fra listen.");
        if (!ModelState.IsValid) return Page();

        var years = string.Join(',', Enumerable.Range(from!.Value, to!.Value - from.Value + 1));
        if (Editing is { } editing)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            editing.Title = title!;
            editing.TargetGroup = target!;
            editing.Question = question!;
            editing.Years = years;
            editing.Deadline = Input.Deadline!.Value;
            editing.PreviousSurveyId = Input.PreviousSurveyId;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            TempData["Message"] = "Behovsanalysen er gemt.";
            return Redirect($"/sekretariat/behovsanalyser/{editing.Id}");
        }

        var survey = new NeedsSurvey
        {
            Region = Service.Region, Title = title!, TargetGroup = target!, Question = question!,
            Years = years,
            Deadline = Input.Deadline!.Value, PreviousSurveyId = Input.PreviousSurveyId,
            State = SurveyState.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.NeedsSurveys.Add(survey);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = "Behovsanalysen er oprettet som kladde. Åbn den, når kommunerne skal svare.";
        return Redirect($"/sekretariat/behovsanalyser/{survey.Id}");
    }

    private int? Year(string? text, string key, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) { ModelState.AddModelError(key, $"Skriv {label.ToLowerInvariant()} som et årstal, fx 2026."); return null; }
        if (!int.TryParse(text.Trim(), out var y) || y < 2000 || y > 2100) { ModelState.AddModelError(key, $"{label} skal være et årstal mellem 2000 og 2100."); return null; }
        return y;
    }

    /// <summary>Loads the survey to edit; a missing one is 404, one with answers (or closed) goes back to its page with a message.</summary>
    private async Task<IActionResult?> LoadEditingAsync(int id, CancellationToken ct)
    {
        var survey = await Service.FindAsync(id, ct);
        if (survey is null) return NotFound();
        var answers = await db.NeedsSurveyAnswers.CountAsync(a => a.SurveyId == id, ct);
        if (!CanEdit(survey, answers))
        {
            TempData["Message"] = NotEditable;
            return Redirect($"/sekretariat/behovsanalyser/{id}");
        }
        Editing = survey;
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var region = Service.Region;
        var self = EditId;
        Previous = await db.NeedsSurveys.AsNoTracking().Where(s => s.Region == region && s.State != SurveyState.Draft && s.Id != self)
            .OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
    }
}
