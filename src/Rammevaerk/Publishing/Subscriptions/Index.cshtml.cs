using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings.Publication;

namespace Rammevaerk.Publishing.Subscriptions;

/// <summary>
/// /abonnement: anyone may ask to be told by e-mail when a body publishes an agenda or minutes. The answer never
/// says whether the address was subscribed already.
/// </summary>
public sealed class IndexModel(AppDb db, SubscriptionService subscriptions) : PageModel
{
    public sealed record BodyOption(int Id, string Name, string Slug);

    public List<BodyOption> Bodies { get; private set; } = [];
    public bool Sent { get; private set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public List<int> BodyIds { get; set; } = [];

    public async Task OnGetAsync(string? udvalg, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (udvalg is not null && Bodies.FirstOrDefault(b => b.Slug == udvalg) is { } chosen) BodyIds = [chosen.Id];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var (email, error) = SubscriptionService.Normalise(Email);
        if (error is not null) ModelState.AddModelError(nameof(Email), error);
        var known = Bodies.Select(b => b.Id).ToHashSet();
        if (BodyIds.Count == 0) ModelState.AddModelError(nameof(BodyIds), "Vælg mindst ét udvalg.");
        else if (BodyIds.Any(id => !known.Contains(id))) ModelState.AddModelError(nameof(BodyIds), "Et af de valgte udvalg findes ikke. Vælg blandt udvalgene på listen.");
        if (!ModelState.IsValid) return Page();
        await subscriptions.SubscribeAsync(email!, BodyIds.Distinct().ToList(), PublicLinks.Root(Request), ct);
        Email = email;
        Sent = true;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Bodies = await db.Bodies.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new BodyOption(b.Id, b.Name, b.Slug)).ToListAsync(ct);
}
