using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Meetings;
using Rammevaerk.Notifications;

namespace Rammevaerk.NeedsSurveys.Admin;

/// <summary>
/// /sekretariat/behovsanalyser/{id}: one survey — open (notifies the region's municipalities), who has answered,
/// remind the rest, close, publish; the result with per-municipality detail; insert the table into an agenda item
/// (<see cref="AgendaInsertion"/>) and export it to Excel.
/// </summary>
public sealed class SurveyModel(AppDb db, Notifier notifier, IConfiguration config, TimeProvider clock, MeetingLifecycle lifecycle) : PageModel
{
    [BindProperty] public int? ItemId { get; set; }

    public NeedsSurvey Survey { get; private set; } = null!;
    public NeedsSurvey? Previous { get; private set; }
    public SurveyResult Result { get; private set; } = null!;
    public List<PickerMeeting> Meetings { get; private set; } = [];
    public string? Problem { get; private set; }

    private NeedsSurveyService Service => new(db, notifier, config, clock);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostOpenAsync(int id, CancellationToken ct) => ActAsync(id, SurveyState.Draft, async (s, svc) =>
        $"Behovsanalysen er åbnet, og {await svc.OpenAsync(s, User.Identity?.Name, ct)} kommuner har fået besked.", "Kun en kladde kan åbnes.", ct);

    public Task<IActionResult> OnPostRemindAsync(int id, CancellationToken ct) => ActAsync(id, SurveyState.Open, async (s, svc) =>
        await svc.RemindAsync(s, ct) is var n && n == 0 ? "Alle kommuner har svaret; ingen er mindet." : $"{n} kommuner, der ikke har svaret, har fået en påmindelse.",
        "Kun en åben behovsanalyse kan sende påmindelser.", ct);

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) => ActAsync(id, SurveyState.Open, async (s, svc) =>
    {
        await svc.CloseAsync(s, ct);
        return "Behovsanalysen er lukket. Kommunerne kan ikke længere ændre deres svar.";
    }, "Kun en åben behovsanalyse kan lukkes.", ct);

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) => ActAsync(id, SurveyState.Closed, async (s, svc) =>
    {
        await svc.PublishAsync(s, true, ct);
        return "Resultatet er offentliggjort på behovsanalyser.";
    }, "Luk behovsanalysen, før resultatet offentliggøres.", ct);

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken ct) => ActAsync(id, SurveyState.Closed, async (s, svc) =>
    {
        await svc.PublishAsync(s, false, ct);
        return "Resultatet er ikke længere offentligt.";
    }, "Kun en lukket behovsanalyse kan offentliggøres.", ct);

    /// <summary>Appends the result table as Markdown to the chosen item (a new version when the meeting is published).</summary>
    public async Task<IActionResult> OnPostInsertAsync(int id, CancellationToken ct)
    {
        var svc = Service;
        var survey = await svc.FindAsync(id, ct);
        if (survey is null) return NotFound();
        var result = await svc.ResultAsync(survey, ct);
        var (item, problem) = await new AgendaInsertion(db, lifecycle, clock)
            .AppendAsync(ItemId, "tabellen", result.Markdown, _ => { }, User.Identity?.Name, $"Behovsanalyse \"{survey.Title}\"", ct);
        if (item is null) return await ShowProblemAsync(id, problem!, ct);
        TempData["Message"] = $"Resultattabellen er indsat i punkt {item.Number}, {item.Title}.";
        return Redirect($"/sekretariat/behovsanalyser/{id}");
    }

    private async Task<IActionResult> ActAsync(int id, SurveyState required, Func<NeedsSurvey, NeedsSurveyService, Task<string>> act, string wrongState, CancellationToken ct)
    {
        var svc = Service;
        var survey = await svc.FindAsync(id, ct);
        if (survey is null) return NotFound();
        if (survey.State != required) return await ShowProblemAsync(id, wrongState, ct);
        TempData["Message"] = await act(survey, svc);
        return Redirect($"/sekretariat/behovsanalyser/{id}");
    }

    private async Task<IActionResult> ShowProblemAsync(int id, string problem, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Problem = problem;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var svc = Service;
        var survey = await svc.FindAsync(id, ct);
        if (survey is null) return false;
        Survey = survey;
        Previous = survey.PreviousSurveyId is int pid ? await svc.FindAsync(pid, ct) : null;
        Result = await svc.ResultAsync(survey, ct);
        Meetings = await new AgendaInsertion(db, lifecycle, clock).MeetingChoicesAsync(ct);
        return true;
    }
}
