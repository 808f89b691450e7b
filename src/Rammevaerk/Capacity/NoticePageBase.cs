using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;

namespace Rammevaerk.Capacity;

/// <summary>What the filing pages (new notice, one notice) share: the form, uploads, the lists and the save.</summary>
public abstract class NoticePageBase(AppDb db, CapacityService service, AuditLog audit) : PageModel
{
    [BindProperty]
    public NoticeForm Form { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Uploads { get; set; } = [];

    public NoticeFormView? FormView { get; protected set; }

    protected AppDb Db => db;
    protected CapacityService Service => service;

    protected async Task<NoticeFormView> ViewAsync(OfferSnapshot? offer, IReadOnlyList<FieldProblem> problems, string action, Guid? stamp,
        IReadOnlyList<CapacityNoticeAttachment> attachments, CancellationToken ct) =>
        new(Form, offer, problems, action, stamp, attachments,
            await db.LegalBases.Where(l => l.Active).OrderBy(l => l.SortOrder).Select(l => l.Code).ToListAsync(ct),
            await db.TargetGroups.Where(t => t.Active).OrderBy(t => t.SortOrder).Select(t => t.Name).ToListAsync(ct),
            service.MaxAttachmentBytes);

    protected async Task<OfferSnapshot?> OfferAsync(int operatorId, int? offerId, CancellationToken ct) =>
        offerId is int id ? (await service.OffersOfAsync(operatorId, ct)).FirstOrDefault(o => o.OfferId == id) : null;

    /// <summary>The uploaded files read into memory (each capped just above the limit, so the size check can name it).</summary>
    protected async Task<List<NoticeUpload>> ReadUploadsAsync(CancellationToken ct)
    {
        var files = new List<NoticeUpload>();
        foreach (var file in Uploads.Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            using var ms = new MemoryStream();
            await using var s = file.OpenReadStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await s.ReadAsync(buffer, ct)) > 0)
            {
                ms.Write(buffer, 0, read);
                if (ms.Length > service.MaxAttachmentBytes) break;
            }
            files.Add(new NoticeUpload(file.FileName, ms.ToArray()));
        }
        return files;
    }

    /// <summary>Form tampering: recorded in the security log, answered 403.</summary>
    protected async Task<IActionResult> RefuseAsync(string detail)
    {
        await audit.RecordAsync(AuditLog.OtherOperatorsData, detail, HttpContext);
        return StatusCode(StatusCodes.Status403Forbidden);
    }
}
