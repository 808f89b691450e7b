using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Offers;
using Rammevaerk.Reporting.Validation;
using Rammevaerk.Reporting.Workbook;

namespace Rammevaerk.Reporting.Operators;

/// <summary>
/// /indberetning/rapport/{id}: an operator's report in a round. The municipality user confirms or corrects the
/// pre-filled offers in the browser, or downloads the pre-filled workbook and uploads it again; saves a draft or
/// submits. The secretariat can read the page; it approves on its own page.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 11 * 1024 * 1024, ValueCountLimit = 20_000)]
[RequestSizeLimit(11 * 1024 * 1024)]
public sealed class ReportModel(AppDb db, ReportAccess access, ReportingService reporting) : PageModel
{
    [BindProperty] public ReportForm Form { get; set; } = new();
    [BindProperty] public Guid Stamp { get; set; }

    public ReportingRound Round { get; private set; } = null!;
    public OperatorReport Report { get; private set; } = null!;
    public Offers.Operator Operator { get; private set; } = null!;
    public IReadOnlyList<ReportIssue> Issues { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageIsError { get; private set; }
    public bool Editable { get; private set; }
    public bool ReadOnlyForSecretariat { get; private set; }
    public IReadOnlyDictionary<int, OfferSnapshot> LastYear { get; private set; } = new Dictionary<int, OfferSnapshot>();
    public List<LegalBasis> LegalBases { get; private set; } = [];
    public List<TargetGroup> TargetGroups { get; private set; } = [];
    public List<(int Code, string Name)> Municipalities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = ReportForm.From(await reporting.ContentAsync(Report, Round, ct));
        Stamp = Report.ConcurrencyStamp;
        if (Report.State != ReportState.NotStarted)
        {
            var (offers, _) = Form.ToSnapshots();
            Issues = ReportValidator.Validate(offers, await reporting.ContextAsync(Round, ct));
        }
        return Page();
    }

    /// <summary>The report as a pre-filled workbook to fill in offline.</summary>
    public async Task<IActionResult> OnGetExcelAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var offers = await reporting.ContentAsync(Report, Round, ct);
        var header = new WorkbookHeader(Round.Id, Round.Year, Operator.Id, Operator.Name, Round.Region, Round.Deadline, Round.Instructions) { LastYear = LastYear };
        var stream = new MemoryStream();
        ReportWorkbook.Write(stream, header, offers, await access.ListsAsync(ct));
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"Indberetning {Round.Year} - {Operator.Name}.xlsx");
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct) => SaveAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) => SaveAsync(id, submit: true, ct);

    public Task<IActionResult> OnPostAddOfferAsync(int id, CancellationToken ct) => ChangeFormAsync(id, f => f.Offers.Add(new ReportForm.OfferInput
    {
        Departments = [new ReportForm.DepartmentInput { Services = [new ReportForm.ServiceInput { RateYear = Round.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) }] }],
    }), ct);

    public Task<IActionResult> OnPostAddDepartmentAsync(int id, int o, CancellationToken ct) => ChangeFormAsync(id, f =>
    {
        if (o >= 0 && o < f.Offers.Count) f.Offers[o].Departments.Add(new ReportForm.DepartmentInput { Services = [new ReportForm.ServiceInput { RateYear = Round.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) }] });
    }, ct);

    public Task<IActionResult> OnPostAddServiceAsync(int id, int o, int d, CancellationToken ct) => ChangeFormAsync(id, f =>
    {
        if (o >= 0 && o < f.Offers.Count && d >= 0 && d < f.Offers[o].Departments.Count)
        {
            f.Offers[o].Departments[d].Services.Add(new ReportForm.ServiceInput { RateYear = Round.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
    }, ct);

    public Task<IActionResult> OnPostAddBuyerAsync(int id, int o, CancellationToken ct) => ChangeFormAsync(id, f =>
    {
        if (o >= 0 && o < f.Offers.Count) f.Offers[o].Buyers.Add(new ReportForm.BuyerInput());
    }, ct);

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? workbook, bool submit, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = ReportForm.From(await reporting.ContentAsync(Report, Round, ct));
        if (!Editable) return Fail("Indberetningen kan ikke ændres nu.");
        if (workbook is null || workbook.Length == 0) return Fail("Vælg det udfyldte Excel-ark (.xlsx), før du uploader.");
        if (workbook.Length > WorkbookLimits.Default.MaxUploadBytes)
        {
            return Fail($"Filen er {Shared.Danish.FileSize(workbook.Length)}. Et indberetningsark må højst fylde {Shared.Danish.FileSize(WorkbookLimits.Default.MaxUploadBytes)}.");
        }
        WorkbookReadResult read;
        await using (var stream = workbook.OpenReadStream())
        {
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            read = ReportWorkbook.Read(buffer, new WorkbookExpectation(Round.Id, Operator.Id, Round.Year, await access.ListsAsync(ct))
            {
                OperatorName = Operator.Name, Owned = await reporting.OwnedAsync(Operator.Id, ct),
            });
        }
        if (read.HasErrors)
        {
            Issues = read.Problems;
            return Fail($"Excel-arket '{workbook.FileName}' blev ikke indlæst – ret {Count(read.Problems.Count)} nedenfor i filen og upload den igen. Intet er gemt.");
        }
        var result = await TrySaveAsync(read.Offers, ReportSource.Workbook, submit, ct);
        if (result is null) return Page();
        Issues = read.Locate(result.Issues);
        Form = ReportForm.From(read.Offers);
        if (!result.Saved)
        {
            return Fail($"Excel-arket '{workbook.FileName}' kan ikke {(submit ? "indsendes" : "gemmes")} – {Blocking(result.Issues)} nedenfor i filen og upload den igen. Intet er gemt.");
        }
        return Done(result.Submitted
            ? $"Excel-arket er indlæst, og indberetningen for {Round.Year} er indsendt til sekretariatet."
            : $"Excel-arket er indlæst og gemt som kladde ({read.Offers.Count} tilbud).");
    }

    private async Task<IActionResult> SaveAsync(int id, bool submit, CancellationToken ct)
    {
        var posted = Form;
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = posted;
        if (!Editable) return Fail("Indberetningen kan ikke ændres nu.");
        var (offers, problems) = Form.ToSnapshots();
        if (problems.Count > 0)
        {
            Issues = problems;
            return Fail($"Indberetningen er ikke gemt – ret {Count(problems.Count)} nedenfor.");
        }
        var result = await TrySaveAsync(offers, ReportSource.Browser, submit, ct);
        if (result is null) return Page();
        Issues = result.Issues;
        if (!result.Saved)
        {
            return Fail(submit
                ? $"Indberetningen er ikke indsendt – {Blocking(result.Issues)} nedenfor.{(result.Issues.Any(i => i.Field is ReportField.OfferId or ReportField.DepartmentId or ReportField.ServiceId) ? "" : " Du kan gemme som kladde imens.")}"
                : $"Indberetningen er ikke gemt – {Blocking(result.Issues)} nedenfor.");
        }
        return Done(result.Submitted
            ? $"Indberetningen for {Round.Year} er indsendt til sekretariatet."
            : "Kladden er gemt." + (result.Issues.Count > 0 ? $" Der er {Count(result.Issues.Count)}, som skal rettes, før I kan indsende." : ""));
    }

    private async Task<ReportingService.SaveResult?> TrySaveAsync(List<OfferSnapshot> offers, ReportSource source, bool submit, CancellationToken ct)
    {
        if (Stamp != Report.ConcurrencyStamp)
        {
            Fail("Indberetningen er ændret af en anden, mens du arbejdede. Dine ændringer er ikke gemt – de står stadig nedenfor. Åbn siden igen for at se den gemte udgave.");
            return null;
        }
        try
        {
            var result = await reporting.SaveAsync(Report, Round, offers, source, submit, User.Identity?.Name ?? "", ct);
            Stamp = Report.ConcurrencyStamp;
            Editable = IsEditable();
            return result;
        }
        catch (ReportingInputException e)
        {
            Fail(e.Message);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            Fail("Indberetningen er ændret af en anden, mens du arbejdede. Dine ændringer er ikke gemt – de står stadig nedenfor.");
            return null;
        }
    }

    private async Task<IActionResult> ChangeFormAsync(int id, Action<ReportForm> change, CancellationToken ct)
    {
        var posted = Form;
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = posted;
        if (Editable) change(Form);
        ModelState.Clear();
        return Page();
    }

    private static string Count(int n) => n == 1 ? "1 fejl" : $"{n} fejl";

    /// <summary>"2 fejl og 1 advarsel": what blocks a submit, errors and unanswered warnings told apart.</summary>
    private static string Blocking(IEnumerable<ReportIssue> issues)
    {
        var list = issues.Where(i => i.Blocks).ToList();
        var errors = list.Count(i => i.Severity == IssueSeverity.Error);
        var warnings = list.Count - errors;
        var parts = new List<string>();
        if (errors > 0) parts.Add("ret " + Count(errors));
        if (warnings > 0) parts.Add(warnings == 1 ? "besvar 1 advarsel" : $"besvar {warnings} advarsler");
        return string.Join(" og ", parts);
    }

    private IActionResult Fail(string message)
    {
        Message = message;
        MessageIsError = true;
        ModelState.Clear();
        return Page();
    }

    private IActionResult Done(string message)
    {
        Message = message;
        MessageIsError = false;
        ModelState.Clear();
        return Page();
    }

    private bool IsEditable() => !ReadOnlyForSecretariat && Round.State == RoundState.Open &&
        Report.State is ReportState.NotStarted or ReportState.Draft or ReportState.Returned;

    /// <summary>Loads the report and the lists; returns a result when the user may not see it.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var (outcome, loaded) = await access.LoadAsync(User, id, HttpContext, ct);
        if (outcome == ReportAccess.Outcome.NotFound) return NotFound();
        if (outcome == ReportAccess.Outcome.Refused) return StatusCode(StatusCodes.Status403Forbidden);
        (Round, Report, Operator) = (loaded!.Round, loaded.Report, loaded.Operator);
        ReadOnlyForSecretariat = ReportAccess.IsSecretariat(User);
        Editable = IsEditable();
        LastYear = (await reporting.ContextAsync(Round, ct)).LastYear;
        LegalBases = await db.LegalBases.AsNoTracking().Where(l => l.Active).OrderBy(l => l.SortOrder).ToListAsync(ct);
        TargetGroups = await db.TargetGroups.AsNoTracking().Where(t => t.Active).OrderBy(t => t.SortOrder).ToListAsync(ct);
        Municipalities = (await db.Municipalities.AsNoTracking().Where(m => m.Region == Round.Region).OrderBy(m => m.Name).Select(m => new { m.Code, m.Name }).ToListAsync(ct))
            .Select(m => (m.Code, m.Name)).ToList();
        return null;
    }

    /// <summary>Last year's rate of a service, for the hint beside the rate field.</summary>
    public ServiceSnapshot? LastYearService(int? offerId, int? serviceId) =>
        offerId is { } o && serviceId is { } s && LastYear.TryGetValue(o, out var offer) ? offer.Services.FirstOrDefault(x => x.ServiceId == s) : null;
}
