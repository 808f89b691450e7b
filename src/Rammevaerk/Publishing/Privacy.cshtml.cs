using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Rammevaerk.Meetings.Publication;
using Rammevaerk.OParl;
using Rammevaerk.Publishing.Subscriptions;

namespace Rammevaerk.Publishing;

/// <summary>
/// The privacy notice (privatlivspolitik): what Rammeværk keeps about subscribers, account holders and the people named
/// in minutes, why, for how long, which cookies it sets (only necessary ones, so no consent banner), and the reader's
/// rights. The contact is the OParl contact (the secretariat) when configured.
/// </summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class PrivacyModel(IOptions<OParlOptions> oparl, IConfiguration config) : PageModel
{
    public string? ContactName => oparl.Value.ContactName;
    public string? ContactEmail => oparl.Value.ContactEmail;
    public string Region => config["Rammevaerk:Region"] is { Length: > 0 } r ? r : "Region Syddanmark";
    public int ConfirmDays => SubscriptionService.ConfirmWithin.Days;
    public string? AccessibilityStatement => PublicSiteSettings.AccessibilityStatementUrl(config);

    public void OnGet()
    {
    }
}
