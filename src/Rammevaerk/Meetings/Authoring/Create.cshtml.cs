using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>Create a meeting (body, title, place, start, end), optionally with the standard items.</summary>
public sealed class CreateModel(AppDb db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    [BindProperty]
    public bool AddStandardItems { get; set; } = true;

    public List<SelectListItem> Bodies { get; private set; } = [];

    public async Task OnGetAsync(int? body)
    {
        await LoadBodiesAsync();
        Input.BodyId = body;
        var nextWeek = Danish.TodayOf(clock).AddDays(14);
        Input.StartsLocal = nextWeek.AddHours(9);
        Input.EndsLocal = nextWeek.AddHours(12);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var body = Input.BodyId is int id ? await db.Bodies.SingleOrDefaultAsync(b => b.Id == id) : null;
        Input.Validate(ModelState, body is not null);
        if (!ModelState.IsValid)
        {
            await LoadBodiesAsync();
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var meeting = new Meeting
        {
            BodyId = body!.Id,
            Title = Input.Title!.Trim(),
            Location = string.IsNullOrWhiteSpace(Input.Location) ? null : Input.Location.Trim(),
            StartsAt = Danish.ToUtc(Input.StartsLocal!.Value),
            EndsAt = Danish.ToUtc(Input.EndsLocal!.Value),
            CreatedAt = now,
        };
        if (AddStandardItems)
        {
            var templates = await db.ItemTemplates.OrderBy(t => t.Position).ThenBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync();
            var number = 1;
            foreach (var t in templates)
            {
                meeting.Items.Add(new AgendaItem
                {
                    Number = number++, Title = t.Title, Background = t.Background, Recommendation = t.Recommendation, UpdatedAt = now,
                });
            }
        }
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Mødet er oprettet som kladde{(meeting.Items.Count > 0 ? $" med {meeting.Items.Count} standardpunkter" : "")}.";
        return Redirect($"/sekretariat/moeder/{meeting.Id}");
    }

    private async Task LoadBodiesAsync() =>
        Bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToListAsync();
}
