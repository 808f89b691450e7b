using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// The check before a publication and its confirmation, on one page: what blocks and what warns (each with a link to
/// the place), what goes public (agenda or minutes, items, attachments, which closed items stay closed, what changes
/// since the last version), who is told. Publishing posts back the fingerprint of what was shown; if the meeting
/// changed meanwhile, the page shows the new check instead of publishing.
/// </summary>
public sealed class PublishModel(AppDb db, Publisher publisher, AuditLog audit, PdfRenderSignal pdfs) : PageModel
{
    public Preparation Prep { get; private set; } = null!;
    public string BodyName { get; private set; } = "";
    public string? Error { get; private set; }

    [BindProperty]
    public string? Fingerprint { get; set; }

    [BindProperty]
    public bool ConfirmWarnings { get; set; }

    [BindProperty]
    public bool Tell { get; set; }

    public static PublishKind? KindOf(string step) => step switch
    {
        "dagsorden" => PublishKind.Agenda,
        "referat" => PublishKind.Minutes,
        "ny-version" => PublishKind.NewVersion,
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(int id, string trin, CancellationToken ct)
    {
        if (KindOf(trin) is not PublishKind kind) return NotFound();
        var prep = await publisher.PrepareAsync(id, kind, ct);
        if (prep is null) return NotFound();
        await ShowAsync(prep, ct);
        Tell = prep.TellsByDefault;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string trin, CancellationToken ct)
    {
        if (KindOf(trin) is not PublishKind kind) return NotFound();
        var outcome = await publisher.PublishAsync(id, kind, Fingerprint, ConfirmWarnings, Tell, User.Identity?.Name,
            PublicLinks.Root(Request), ct);
        if (outcome is null) return NotFound();
        if (outcome.Error is not null)
        {
            Error = outcome.Error;
            await ShowAsync(outcome.Preparation, ct);
            return Page();
        }
        var prep = outcome.Preparation;
        var version = await db.Meetings.Where(m => m.Id == id).Select(m => m.Version).SingleAsync(ct);
        await audit.RecordAsync("Udgivelse",
            $"{prep.What} for møde {id} ({prep.Candidate.BodyName} {Danish.ShortDate(prep.Candidate.StartsAt)}) udgivet som version {version}: " +
            $"{prep.Items} punkter, {prep.Attachments} bilag; {prep.Warnings.Count()} advarsler bekræftet; {outcome.Told} e-mails.", HttpContext);
        pdfs.Signal();
        TempData["Message"] = $"{prep.What} er udgivet (version {version})." +
                              (outcome.Told > 0 ? $" {outcome.Told} {(outcome.Told == 1 ? "modtager får" : "modtagere får")} besked på e-mail." : "") +
                              " PDF'erne laves i baggrunden.";
        return Redirect($"/sekretariat/moeder/{id}");
    }

    private async Task ShowAsync(Preparation prep, CancellationToken ct)
    {
        Prep = prep;
        Fingerprint = prep.Fingerprint;
        BodyName = await db.Meetings.Where(m => m.Id == prep.MeetingId).Select(m => m.Body.Name).SingleAsync(ct);
    }
}
