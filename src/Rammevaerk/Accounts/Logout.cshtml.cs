using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Accounts;

/// <summary>/konto/log-ud: ends this browser's session on the server (a copied cookie stops working at once).</summary>
public sealed class LogoutModel(SignInFlow flow) : PageModel
{
    public IActionResult OnGet() => Page();

    [RepeatableSubmit("Signing out creates nothing and must end the session whenever antiforgery passes, also from a page rendered before the form had its one-time token.")]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await flow.SignOutAsync(HttpContext, ct);
        TempData["Message"] = "Du er logget ud.";
        return LocalRedirect("/");
    }
}
