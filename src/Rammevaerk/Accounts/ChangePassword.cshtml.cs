using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rammevaerk.Accounts;

/// <summary>
/// Any signed-in user changes their own password, typing the current one first. Their other sessions end (a copied
/// cookie stops working); this browser stays signed in.
/// </summary>
public sealed class ChangePasswordModel(UserManager<AppUser> users, SessionStore sessions, Notifications.AuditLog audit, ILogger<ChangePasswordModel> log) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv din nuværende adgangskode.")]
        [DataType(DataType.Password)]
        public string? CurrentPassword { get; set; }

        [Required(ErrorMessage = "Skriv den nye adgangskode.")]
        [DataType(DataType.Password)]
        public string? NewPassword { get; set; }

        [Required(ErrorMessage = "Skriv den nye adgangskode igen.")]
        [DataType(DataType.Password)]
        public string? RepeatPassword { get; set; }
    }

    /// <summary>Posts as "Input.*"; passwords are never sent back to the browser.</summary>
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.NewPassword is not null && Input.RepeatPassword is not null && Input.NewPassword != Input.RepeatPassword)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.RepeatPassword)}", "De to nye adgangskoder er ikke ens.");
        }
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        // Check the new password up front too, so that all problems show at once.
        if (Input.NewPassword is { Length: > 0 } newPassword)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, newPassword);
                foreach (var e in check.Errors) ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.NewPassword)}", e.Description);
            }
        }
        if (!ModelState.IsValid) return Page();

        // One UpdateAsync: the password hash and the security stamp are saved together or not at all.
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                var field = e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(InputModel.CurrentPassword) : nameof(InputModel.NewPassword);
                ModelState.AddModelError($"{nameof(Input)}.{field}", e.Description);
            }
            return Page();
        }
        var ended = await sessions.EndAllAsync(user.Id, SessionEnd.PasswordChanged, null, except: SessionStore.IdOf(User));
        await audit.RecordAsync(Notifications.SecurityEvents.PasswordChanged, ended > 0 ? $"{ended} andre sessioner afsluttet" : null, HttpContext);
        log.LogInformation("User {Email} changed their password", user.Email);
        TempData["Message"] = ended > 0 ? $"Din adgangskode er skiftet, og du er logget ud {ended} andre steder." : "Din adgangskode er skiftet.";
        return Redirect("/");
    }
}
