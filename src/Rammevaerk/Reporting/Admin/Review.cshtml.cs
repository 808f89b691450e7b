using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Offers;
using Rammevaerk.Reporting.Validation;

namespace Rammevaerk.Reporting.Admin;

/// <summary>
/// /sekretariat/indberetning/rapport/{id}: one operator's report as submitted, checked again, beside last year's
/// figures; approve it into the register or send it back with a comment.
/// </summary>
public sealed class ReviewModel(ReportAccess access, ReportingService reporting) : PageModel
{
    public ReportingRound Round { get; private set; } = null!;
    public OperatorReport Report { get; private set; } = null!;
    public Offers.Operator Operator { get; private set; } = null!;
    public List<OfferSnapshot> Offers { get; private set; } = [];
    public List<ReportIssue> Issues { get; private set; } = [];
    public IReadOnlyDictionary<int, OfferSnapshot> LastYear { get; private set; } = new Dictionary<int, OfferSnapshot>();
    public string? Error { get; private set; }
    public Dictionary<int, string> Municipalities { get; private set; } = [];
    [BindProperty] public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) => DecideAsync(id, approve: true, ct);

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct) => DecideAsync(id, approve: false, ct);

    private async Task<IActionResult> DecideAsync(int id, bool approve, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } notFound) return notFound;
        try
        {
            if (approve) await reporting.ApproveAsync(Report, Round, Comment, User.Identity?.Name ?? "", ct);
            else await reporting.ReturnAsync(Report, Round, Comment, User.Identity?.Name ?? "", ct);
            TempData["Message"] = approve
                ? $"{Operator.Name}s indberetning for {Round.Year} er godkendt, og tilbudsregistret er opdateret."
                : $"{Operator.Name}s indberetning for {Round.Year} er sendt retur med din kommentar.";
            return Redirect($"/sekretariat/indberetning/{Round.Year}");
        }
        catch (ReportingInputException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var (outcome, loaded) = await access.LoadAsync(User, id, HttpContext, ct);
        if (outcome != ReportAccess.Outcome.Found) return NotFound();
        (Round, Report, Operator) = (loaded!.Round, loaded.Report, loaded.Operator);
        Offers = await reporting.ContentAsync(Report, Round, ct);
        var context = await reporting.ContextAsync(Round, ct);
        LastYear = context.LastYear;
        Municipalities = context.Municipalities.ToDictionary();
        Issues = Report.State == ReportState.NotStarted ? [] : ReportValidator.Validate(Offers, context);
        return null;
    }

    public ServiceSnapshot? LastYearService(int? offerId, int? serviceId) =>
        offerId is { } o && serviceId is { } s && LastYear.TryGetValue(o, out var offer) ? offer.Services.FirstOrDefault(x => x.ServiceId == s) : null;

    public static string Change(decimal? before, decimal? now)
    {
        if (before is not { } b || now is not { } n || b == 0) return "";
        var p = (n - b) / b * 100m;
        return (p > 0 ? "+" : p < 0 ? "−" : "") + Math.Abs(p).ToString("0.0", Shared.Danish.Culture) + " %";
    }
}
