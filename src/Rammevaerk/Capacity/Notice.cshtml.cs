using Microsoft.AspNetCore.Mvc;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;

namespace Rammevaerk.Capacity;

/// <summary>
/// /kapacitet/{id}: one notice. The filing operator edits and submits its draft here; every municipality user and
/// the secretariat read submitted notices, with the agenda item and the forum's response.
/// </summary>
[RequestSizeLimit(60L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 60L * 1024 * 1024)]
public sealed class NoticeModel(AppDb db, CapacityService service, NoticeAccess access, AuditLog audit) : NoticePageBase(db, service, audit)
{
    public CapacityNotice Notice { get; private set; } = null!;
    public bool Own { get; private set; }
    public bool Editable { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var (outcome, loaded) = await access.LoadAsync(User, id, edit: false, HttpContext, ct);
        if (outcome == NoticeAccess.Outcome.NotFound) return NotFound();
        if (outcome == NoticeAccess.Outcome.Refused) return StatusCode(StatusCodes.Status403Forbidden);
        Set(loaded!);
        if (Editable)
        {
            Form = NoticeForm.Of(Notice);
            FormView = await ViewAsync(await OfferAsync(Notice.OperatorId, Notice.OfferId, ct), [], $"/kapacitet/{id}", Notice.ConcurrencyStamp, Notice.Attachments, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, bool submit, Guid stamp, CancellationToken ct)
    {
        var (outcome, loaded) = await access.LoadAsync(User, id, edit: true, HttpContext, ct);
        if (outcome == NoticeAccess.Outcome.NotFound) return NotFound();
        if (outcome == NoticeAccess.Outcome.Refused) return StatusCode(StatusCodes.Status403Forbidden);
        Set(loaded!);
        if (!Editable)
        {
            TempData["Message"] = "Orienteringen er indsendt og kan ikke længere ændres. Kontakt sekretariatet, hvis noget skal rettes.";
            return Redirect($"/kapacitet/{id}");
        }
        var uploads = await ReadUploadsAsync(ct);
        var result = await Service.SaveAsync(Notice, Notice.OperatorId, Form, stamp, submit, uploads, User.Identity?.Name, ct);
        if (result.Tampering is not null) return await RefuseAsync(result.Tampering);
        if (!result.Saved)
        {
            var current = result.Stale ? (await Service.LoadAsync(id, ct))?.ConcurrencyStamp ?? stamp : stamp;
            FormView = await ViewAsync(await OfferAsync(Notice.OperatorId, Form.OfferId ?? Notice.OfferId, ct), result.Problems, $"/kapacitet/{id}", current, Notice.Attachments, ct);
            return Page();
        }
        TempData["Message"] = submit
            ? "Orienteringen er indsendt. Kommunerne i regionen og tilbuddets køberkommuner har fået besked."
            : "Kladden er gemt.";
        return Redirect($"/kapacitet/{id}");
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int removeAttachment, CancellationToken ct)
    {
        var (outcome, loaded) = await access.LoadAsync(User, id, edit: true, HttpContext, ct);
        if (outcome == NoticeAccess.Outcome.NotFound) return NotFound();
        if (outcome == NoticeAccess.Outcome.Refused) return StatusCode(StatusCodes.Status403Forbidden);
        Set(loaded!);
        if (Editable) await Service.RemoveAttachmentAsync(Notice, removeAttachment, ct);
        TempData["Message"] = "Bilaget er fjernet.";
        return Redirect($"/kapacitet/{id}");
    }

    /// <summary>The filer withdraws a submitted notice that is not yet decided; everyone told of it is told again.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(int id, Guid stamp, string? withdrawReason, CancellationToken ct)
    {
        var (outcome, loaded) = await access.LoadAsync(User, id, edit: true, HttpContext, ct);
        if (outcome == NoticeAccess.Outcome.NotFound) return NotFound();
        if (outcome == NoticeAccess.Outcome.Refused) return StatusCode(StatusCodes.Status403Forbidden);
        Set(loaded!);
        var onItem = CapacityService.ItemLabel(Notice);
        var problem = await Service.WithdrawAsync(Notice, withdrawReason, stamp, User.Identity?.Name, ct);
        if (problem is not null)
        {
            WithdrawProblem = problem;
            WithdrawReason = withdrawReason;
            Db.ChangeTracker.Clear();
            var fresh = await Service.LoadAsync(id, ct);
            if (fresh is not null) Notice = fresh;
            return Page();
        }
        TempData["Message"] = "Orienteringen er trukket tilbage. Kommunerne i regionen, tilbuddets køberkommuner og sekretariatet har fået besked."
            + (onItem is null ? "" : $" Den stod på {onItem}; sekretariatet retter punktet.");
        return Redirect($"/kapacitet/{id}");
    }

    public string? WithdrawProblem { get; private set; }
    public string? WithdrawReason { get; private set; }

    private void Set(NoticeAccess.Loaded loaded)
    {
        Notice = loaded.Notice;
        Own = loaded.Own;
        Editable = loaded.Editable;
    }
}
