using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rammevaerk.Accounts;

public sealed class LoginModel(SignInManager<AppUser> signIn, ILogger<LoginModel> log) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv din e-mailadresse.")]
        [EmailAddress(ErrorMessage = "E-mailadressen er ikke gyldig.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Skriv din adgangskode.")]
        [DataType(DataType.Password)]
        [Display(Name = "Adgangskode")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("User {Email} signed in", Input.Email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.IsLockedOut)
        {
            log.LogWarning("User {Email} is locked out", Input.Email);
            ModelState.AddModelError("", "Kontoen er midlertidigt spærret efter for mange forkerte forsøg. Prøv igen om 15 minutter.");
            return Page();
        }
        ModelState.AddModelError("", "E-mail eller adgangskode er forkert.");
        return Page();
    }
}
