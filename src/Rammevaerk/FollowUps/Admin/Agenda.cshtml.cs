using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.FollowUps.Admin;

/// <summary>
/// The actions of the offer on a draft agenda (rendered on the meeting page by _AgendaOffers): put chosen follow-ups
/// and letters on it as items or as one status item, or chosen recurring items of the annual cycle.
/// </summary>
public sealed class AgendaModel(AppDb db, AgendaOffers offers) : PageModel
{
    public IActionResult OnGet(int id) => Redirect($"/sekretariat/moeder/{id}");

    public async Task<IActionResult> OnPostSeparateAsync(int id, int[] followUpIds, int[] letterIds)
    {
        var meeting = await LoadAsync(id);
        if (meeting is null) return NotFound();
        if (meeting.IsPublished) return Back(id, "Dagsordenen er udgivet; opfølgninger tilbydes kun kladder.");
        if (await NotOfferedAsync(meeting, followUpIds, letterIds, []) is { } refused) return refused;
        var numbers = await offers.PlaceSeparatelyAsync(meeting, followUpIds, letterIds, User.Identity?.Name);
        return Back(id, numbers.Count == 0 ? "Vælg mindst én opfølgning eller ét brev." : $"{numbers.Count} {(numbers.Count == 1 ? "punkt" : "punkter")} er tilføjet: punkt {string.Join(", ", numbers)}.");
    }

    public async Task<IActionResult> OnPostStatusAsync(int id, int[] followUpIds, int[] letterIds, string? statusTitle)
    {
        var meeting = await LoadAsync(id);
        if (meeting is null) return NotFound();
        if (meeting.IsPublished) return Back(id, "Dagsordenen er udgivet; opfølgninger tilbydes kun kladder.");
        if (await NotOfferedAsync(meeting, followUpIds, letterIds, []) is { } refused) return refused;
        var title = statusTitle == AgendaOffers.LettersStatusTitle ? AgendaOffers.LettersStatusTitle : AgendaOffers.DecisionsStatusTitle;
        var number = await offers.PlaceAsStatusItemAsync(meeting, followUpIds, letterIds, title, User.Identity?.Name);
        return Back(id, number is null ? "Vælg mindst én opfølgning eller ét brev." : $"Statuspunktet \"{title}\" er tilføjet som punkt {number}.");
    }

    public async Task<IActionResult> OnPostRecurringAsync(int id, int[] recurringIds)
    {
        var meeting = await LoadAsync(id);
        if (meeting is null) return NotFound();
        if (meeting.IsPublished) return Back(id, "Dagsordenen er udgivet; årshjulets punkter tilbydes kun kladder.");
        if (await NotOfferedAsync(meeting, [], [], recurringIds) is { } refused) return refused;
        var numbers = await offers.PlaceRecurringAsync(meeting, recurringIds, User.Identity?.Name);
        return Back(id, numbers.Count == 0 ? "Vælg mindst ét punkt fra årshjulet." : $"{numbers.Count} {(numbers.Count == 1 ? "punkt" : "punkter")} fra årshjulet er tilføjet: punkt {string.Join(", ", numbers)}.");
    }

    /// <summary>
    /// A chosen follow-up, letter or recurring item that the meeting is not offered (placed meanwhile, of another
    /// body, or an id that does not exist) refuses the whole choice: nothing is added.
    /// </summary>
    private async Task<IActionResult?> NotOfferedAsync(Meeting meeting, int[] followUpIds, int[] letterIds, int[] recurringIds)
    {
        var offer = await offers.ForMeetingAsync(meeting);
        var fine = followUpIds.All(i => offer.FollowUps.Any(f => f.Id == i)) && letterIds.All(i => offer.Letters.Any(l => l.Id == i))
                   && recurringIds.All(i => offer.Recurring.Any(r => r.Id == i));
        return fine ? null : this.RedirectWithError($"/sekretariat/moeder/{meeting.Id}",
            "En af de valgte opfølgninger, breve eller punkter fra årshjulet tilbydes ikke (længere) til dette møde – den kan være sat på en dagsorden i mellemtiden. " +
            "Intet er tilføjet. Vælg igen på listen nedenfor.");
    }

    private Task<Meeting?> LoadAsync(int id) =>
        db.Meetings.Include(m => m.Body).Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == id);

    private RedirectResult Back(int id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/sekretariat/moeder/{id}");
    }
}
