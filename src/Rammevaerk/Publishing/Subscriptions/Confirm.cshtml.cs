using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Meetings.Publication;

namespace Rammevaerk.Publishing.Subscriptions;

/// <summary>
/// The link in the confirmation e-mail. Opening it shows a button; pressing it confirms. A GET never confirms, so a
/// mail program that opens links to scan them cannot subscribe anyone.
/// </summary>
public sealed class ConfirmModel(SubscriptionService subscriptions) : PageModel
{
    public Subscription? Subscription { get; private set; }
    public bool Done { get; private set; }
    public string UnsubscribeLink { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Subscription = await subscriptions.FindAsync(token, ct);
        if (Subscription is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        Subscription = await subscriptions.ConfirmAsync(token, ct);
        if (Subscription is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Done = true;
        UnsubscribeLink = SubscriptionService.UnsubscribeLink(PublicLinks.Root(Request), token);
        return Page();
    }
}
