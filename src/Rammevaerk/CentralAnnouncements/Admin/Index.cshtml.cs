using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.Data;

namespace Rammevaerk.CentralAnnouncements.Admin;

/// <summary>/sekretariat/centrale-udmeldinger: every announcement by its current deadline, and a form for a new one.</summary>
public sealed class IndexModel(AppDb db, IConfiguration config, TimeProvider clock) : PageModel
{
    public List<CentralAnnouncement> Announcements { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>The create form; it posts as "NewAnnouncement.*".</summary>
    public AnnouncementInput NewAnnouncement { get; set; } = new() { Status = nameof(AnnouncementStatus.Announced) };

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync([Bind(Prefix = nameof(NewAnnouncement))] AnnouncementInput input)
    {
        NewAnnouncement = input;
        input.Validate(ModelState, nameof(NewAnnouncement), withDeadline: true);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var a = new CentralAnnouncement { Region = AdminForms.Region(config), Title = "", TargetGroup = "", CreatedAt = now, UpdatedAt = now };
        input.ApplyTo(a);
        if (input.ParsedDeadline is { } deadline)
        {
            a.Deadlines.Add(new AnnouncementDeadline { Deadline = deadline, SetOn = a.AnnouncedOn ?? AdminForms.Today(clock), Note = "Oprindelig frist" });
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        db.CentralAnnouncements.Add(a);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"Den centrale udmelding '{a.Title}' er oprettet.";
        return Redirect($"/sekretariat/centrale-udmeldinger/{a.Id}");
    }

    private async Task LoadAsync()
    {
        Today = AdminForms.Today(clock);
        var region = AdminForms.Region(config);
        Announcements = AnnouncementText.ByNextDeadline(await db.CentralAnnouncements.AsNoTracking()
            .Where(a => a.Region == region).Include(a => a.Deadlines).Include(a => a.Items).ToListAsync());
    }
}
