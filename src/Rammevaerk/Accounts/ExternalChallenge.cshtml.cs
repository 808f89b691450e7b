using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>
/// /konto/ekstern/{provider}?returnUrl=…&amp;invitation=…: sends the browser to the provider (code flow with PKCE). A
/// link, not a form, because the site's CSP allows forms to post only to itself. When the provider cannot be
/// reached (its metadata does not load) the user gets a Danish message here instead of an error page.
/// </summary>
[EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class ExternalChallengeModel(SignInRules rules, AccountTokens tokens, AuditLog audit, ILogger<ExternalChallengeModel> log) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string Problem { get; private set; } = "";
    public string? Invitation { get; private set; }

    public async Task<IActionResult> OnGetAsync(string provider, string? returnUrl, string? invitation, CancellationToken ct)
    {
        if (rules.Providers().FirstOrDefault(p => p.Name == provider) is not { } p) return NotFound();
        DisplayName = p.DisplayName;
        if (invitation is not null)
        {
            if (await tokens.FindValidAsync(invitation, AccountTokenPurpose.Invitation, ct) is null)
            {
                Problem = "Invitationen er brugt, udløbet eller ikke gyldig. Bed sekretariatet om en ny invitation.";
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
            }
            Invitation = invitation;
        }
        var properties = new AuthenticationProperties { RedirectUri = "/konto/ekstern/retur" };
        properties.Items[ExternalProviders.ProviderItem] = provider;
        properties.Items[ExternalProviders.ReturnItem] = SignInFlow.SafeReturn(returnUrl);
        if (invitation is not null) properties.Items[ExternalProviders.InvitationItem] = invitation;
        try
        {
            await HttpContext.ChallengeAsync(ExternalProviders.Scheme(provider), properties);
            return new EmptyResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "The sign-in provider {Provider} could not be reached.", provider);
            await audit.RecordAsync(SecurityEvents.SignInFailed, $"Udbyderen {provider} svarer ikke: {e.Message}", HttpContext);
            Problem = $"{DisplayName} svarer ikke lige nu, så du kan ikke logge ind den vej. Prøv igen om lidt, eller log ind med e-mail og adgangskode, hvis din bruger har en.";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }
}
