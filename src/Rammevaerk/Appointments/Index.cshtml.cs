using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.CentralAnnouncements;
using Rammevaerk.Data;
using Rammevaerk.Publishing;

namespace Rammevaerk.Appointments;

/// <summary>/udpegninger: the region's current representatives by forum, with each forum's history.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class IndexModel(AppDb db, IConfiguration config, TimeProvider clock) : PageModel
{
    public List<ForumGroup> Forums { get; private set; } = [];
    public Dictionary<int, LinkedItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = AdminForms.Today(clock);
        Forums = await AppointmentQueries.ByForumAsync(db, AdminForms.Region(config), today, ct);
        Items = await AppointmentQueries.DecidedItemsAsync(db, Forums.SelectMany(f => f.Current.Concat(f.Upcoming).Concat(f.Past)), publicOnly: true, ct);
    }
}
