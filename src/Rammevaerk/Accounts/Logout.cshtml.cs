using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rammevaerk.Accounts;

/// <summary>/konto/log-ud: ends this browser's session on the server (a copied cookie stops working at once).</summary>
public sealed class LogoutModel(SignInFlow flow) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await flow.SignOutAsync(HttpContext, ct);
        TempData["Message"] = "Du er logget ud.";
        return LocalRedirect("/");
    }
}
