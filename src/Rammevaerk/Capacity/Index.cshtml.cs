using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;

namespace Rammevaerk.Capacity;

/// <summary>/kapacitet: the user's own notices (drafts too) and every submitted notice of the region.</summary>
public sealed class IndexModel(AppDb db, CapacityService service) : PageModel
{
    public string? OperatorName { get; private set; }
    public List<CapacityNotice> Own { get; private set; } = [];
    public List<CapacityNotice> Region { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Secretariat) && !User.IsInRole(Roles.Municipality)) return Redirect("/sekretariat/kapacitet");
        var operatorId = await service.OperatorOfAsync(User, ct);
        if (operatorId is int id)
        {
            OperatorName = await db.Operators.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct);
            Own = await service.Notices().AsNoTracking().Where(n => n.OperatorId == id).OrderByDescending(n => n.UpdatedAt).ToListAsync(ct);
        }
        Region = await service.Notices().AsNoTracking()
            .Where(n => n.State != NoticeState.Draft && n.OperatorId != operatorId && n.Operator!.Region == service.Region)
            .OrderByDescending(n => n.SubmittedAt).ToListAsync(ct);
        return Page();
    }
}
