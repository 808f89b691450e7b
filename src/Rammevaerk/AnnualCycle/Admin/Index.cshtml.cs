using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.AnnualCycle.Admin;

/// <summary>/sekretariat/aarshjul?aar=2027: the year in twelve months, each with its recurring items and its meetings.</summary>
public sealed class IndexModel(AppDb db, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }
    public List<RecurringItem> Items { get; private set; } = [];
    public List<Meeting> Meetings { get; private set; } = [];

    public async Task OnGetAsync(int? aar)
    {
        Year = aar is >= 2000 and <= 2100 ? aar.Value : Danish.ToLocal(clock.GetUtcNow().UtcDateTime).Year;
        Items = await db.RecurringItems.AsNoTracking().Include(r => r.Body)
            .OrderBy(r => r.Month).ThenBy(r => r.SortOrder).ThenBy(r => r.Title).ToListAsync();
        var from = Danish.ToUtc(new DateTime(Year, 1, 1));
        var to = Danish.ToUtc(new DateTime(Year + 1, 1, 1));
        Meetings = await db.Meetings.AsNoTracking().Include(m => m.Body)
            .Where(m => m.StartsAt >= from && m.StartsAt < to).OrderBy(m => m.StartsAt).ToListAsync();
    }
}
