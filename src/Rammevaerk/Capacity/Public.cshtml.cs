using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Publishing;

namespace Rammevaerk.Capacity;

/// <summary>
/// /kapacitetsaendringer: every submitted capacity notice with its state and the forum's response, linked to the
/// agenda item that decided it. They go to every municipality and onto the public agenda anyway; drafts never show.
/// </summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class PublicModel(AppDb db, CapacityService service) : PageModel
{
    public List<CapacityNotice> Notices { get; private set; } = [];
    public Dictionary<int, PublicItemLink> Links { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notices = await service.Notices().AsNoTracking()
            .Where(n => n.State != NoticeState.Draft && n.Operator!.Region == service.Region)
            .OrderByDescending(n => n.SubmittedAt).ThenByDescending(n => n.Id).ToListAsync(ct);
        Links = await AgendaInsertion.PublicLinksAsync(db, Notices.Where(n => n.AgendaItemId is not null).Select(n => n.AgendaItemId!.Value), ct);
    }
}
