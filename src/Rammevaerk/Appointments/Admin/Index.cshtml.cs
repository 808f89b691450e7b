using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.CentralAnnouncements;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Appointments.Admin;

/// <summary>/sekretariat/udpegninger: who represents the region where, with history, and a form for a new appointment.</summary>
public sealed class IndexModel(AppDb db, IConfiguration config, TimeProvider clock) : PageModel
{
    public List<ForumGroup> Forums { get; private set; } = [];
    public Dictionary<int, LinkedItem> Items { get; private set; } = [];
    public List<SelectListItem> Persons { get; private set; } = [];
    public List<PickerMeeting> Meetings { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public AppointmentInput NewAppointment { get; set; } = new();

    public async Task OnGetAsync()
    {
        await LoadAsync();
        NewAppointment = new AppointmentInput { Role = nameof(AppointmentRole.Member), From = AdminForms.DateValue(Today) };
    }

    public async Task<IActionResult> OnPostCreateAsync([Bind(Prefix = nameof(NewAppointment))] AppointmentInput input)
    {
        NewAppointment = input;
        await using var tx = await db.Database.BeginTransactionAsync();
        await input.ValidateAsync(db, ModelState, nameof(NewAppointment));
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var a = input.Create(AdminForms.Region(config), clock.GetUtcNow().UtcDateTime);
        db.Appointments.Add(a);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"{a.PersonName} er udpeget som {AppointmentText.Role(a.Role).ToLowerInvariant()} i {a.Forum} {AppointmentText.Period(a)}.";
        return Redirect("/sekretariat/udpegninger");
    }

    private async Task LoadAsync()
    {
        Today = AdminForms.Today(clock);
        Forums = await AppointmentQueries.ByForumAsync(db, AdminForms.Region(config), Today);
        Items = await AppointmentQueries.DecidedItemsAsync(db, Forums.SelectMany(f => f.Current.Concat(f.Upcoming).Concat(f.Past)), publicOnly: false);
        Persons = await AppointmentQueries.PersonsAsync(db);
        Meetings = await new AgendaPlacement(db).ItemChoicesAsync(null);
    }
}
