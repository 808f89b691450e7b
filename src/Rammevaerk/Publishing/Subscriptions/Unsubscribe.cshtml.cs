using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rammevaerk.Publishing.Subscriptions;

/// <summary>
/// Unsubscribing with one click: the button on this page, or the mail program's own button (List-Unsubscribe-Post,
/// RFC 8058), which posts here without a form token. The token in the link is the only key, and unsubscribing can
/// only remove that one subscription, so no antiforgery token is asked for. The address is deleted.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(SubscriptionService subscriptions) : PageModel
{
    public Subscription? Subscription { get; private set; }
    public string? Unsubscribed { get; private set; }
    public bool Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Subscription = await subscriptions.FindAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        Posted = true;
        Unsubscribed = await subscriptions.UnsubscribeAsync(token, ct);
        return Page();
    }
}
