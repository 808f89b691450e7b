using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.Data;
using Rammevaerk.Publishing;

namespace Rammevaerk.CentralAnnouncements;

/// <summary>/centrale-udmeldinger: the region's central announcements by current deadline (all are public).</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class IndexModel(AppDb db, IConfiguration config, TimeProvider clock) : PageModel
{
    public List<CentralAnnouncement> Announcements { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = AdminForms.Today(clock);
        var region = AdminForms.Region(config);
        Announcements = AnnouncementText.ByNextDeadline(await db.CentralAnnouncements.AsNoTracking()
            .Where(a => a.Region == region).Include(a => a.Deadlines).ToListAsync(ct));
    }
}

/// <summary>/centrale-udmeldinger/{id}: one announcement with deadlines, representatives, reports and the items that concern it.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class DetailModel(AppDb db, IConfiguration config, TimeProvider clock) : PageModel
{
    public sealed record FileRow(int Id, string FileName, long Size);

    public CentralAnnouncement Announcement { get; private set; } = null!;
    public List<FileRow> Files { get; private set; } = [];
    public List<LinkedItem> Items { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var region = AdminForms.Region(config);
        var a = await db.CentralAnnouncements.AsNoTracking().Where(x => x.Id == id && x.Region == region)
            .Include(x => x.Deadlines).Include(x => x.Representatives).Include(x => x.Items)
            .AsSplitQuery().SingleOrDefaultAsync(ct);
        if (a is null) return NotFound();
        Announcement = a;
        Today = AdminForms.Today(clock);
        Files = await db.Set<AnnouncementFile>().AsNoTracking().Where(f => f.AnnouncementId == id)
            .OrderBy(f => f.UploadedAt).Select(f => new FileRow(f.Id, f.FileName, f.Size)).ToListAsync(ct);
        Items = await AnnouncementText.ItemsAsync(db, a.Items.Select(l => l.AgendaItemId).ToList(), publicOnly: true, ct);
        return Page();
    }
}

/// <summary>/centrale-udmeldinger/fil/{id}/{name}: a report file, sent as an attachment.</summary>
public sealed class DownloadModel(AppDb db, IConfiguration config) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var region = AdminForms.Region(config);
        var file = await db.Set<AnnouncementFile>().AsNoTracking()
            .Where(f => f.Id == id && db.CentralAnnouncements.Any(a => a.Id == f.AnnouncementId && a.Region == region))
            .SingleOrDefaultAsync(ct);
        if (file is null) return NotFound();
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(file.Content, file.ContentType, Shared.FileNames.Clean(file.FileName));
    }
}
