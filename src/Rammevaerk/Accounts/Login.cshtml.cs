using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Rammevaerk.Notifications;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Accounts;

/// <summary>
/// /konto/log-ind: the providers' buttons and the password form. An unknown address and a wrong password get the
/// same message after the same work (a password hash is checked either way), and both count towards the address's
/// lock (<see cref="SignInGuard"/>); a correct password goes on through <see cref="SignInFlow"/>.
/// </summary>
[EnableRateLimiting(AccountsModule.SignInLimit)]
public sealed class LoginModel(
    UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, SignInFlow flow, SignInGuard guard, AccountRateLimits limits,
    AuditLog audit, IOptions<AccountSettings> options) : PageModel
{
    public const string WrongCredentials = "E-mail eller adgangskode er forkert.";

    /// <summary>A hash of a random password, checked when the address has no account (or no password) to spend the same time.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv din e-mailadresse.")]
        [EmailAddress(ErrorMessage = "E-mailadressen er ikke gyldig.")]
        [MaxText(256, "E-mailadressen")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Skriv din adgangskode.")]
        [DataType(DataType.Password)]
        [Display(Name = "Adgangskode")]
        public string Password { get; set; } = "";
    }

    public sealed record Provider(string Name, string DisplayName);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public List<Provider> Providers { get; private set; } = [];
    public string? Error { get; private set; }
    public string? ProviderProblem { get; private set; }
    public string? Message { get; private set; }
    /// <summary>Set when the typed address is locked: the page offers an unlock link for it.</summary>
    public string? LockedAddress { get; private set; }

    public void OnGet(string? udbyder, string? email)
    {
        LoadProviders();
        if (udbyder is not null)
        {
            var name = Providers.FirstOrDefault(p => p.Name == udbyder)?.DisplayName ?? "udbyderen";
            ProviderProblem = $"Log ind med {name} lykkedes ikke: svaret fra udbyderen kunne ikke godkendes, eller log ind blev afbrudt. Prøv igen, eller log ind med e-mail og adgangskode, hvis din bruger har en.";
        }
        if (TempData["AccountMessage"] is string m) Message = m;
        if (email is { Length: <= 256 }) Input.Email = email;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        LoadProviders();
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();
        if (!limits.TryAcquire(email)) return StatusCode(StatusCodes.Status429TooManyRequests);

        var key = SignInGuard.AddressKey(email);
        if (await guard.LockedUntilAsync(key, ct) is DateTime lockedUntil)
        {
            // The same work as a real attempt, so a locked address cannot be told from an open one by time either.
            hasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, Input.Password);
            await audit.RecordAsync(SecurityEvents.LockedOut, "Forsøg under spærring", HttpContext, email);
            return Locked(email, lockedUntil);
        }

        var user = await users.FindByEmailAsync(email);
        bool correct;
        if (user?.PasswordHash is { } hash)
        {
            var result = hasher.VerifyHashedPassword(user, hash, Input.Password);
            correct = result != PasswordVerificationResult.Failed;
            if (result == PasswordVerificationResult.SuccessRehashNeeded) await users.UpdateAsync(user);
        }
        else
        {
            hasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, Input.Password);
            correct = false;
        }

        if (!correct)
        {
            var locked = await guard.RecordFailureAsync(key, ct);
            await audit.RecordAsync(SecurityEvents.SignInFailed, "Forkert adgangskode eller ukendt adresse", HttpContext, email);
            if (locked is DateTime until)
            {
                await audit.RecordAsync(SecurityEvents.LockedOut, $"Spærret i {Shared.Danish.Minutes(guard.MinutesLeft(until))} efter for mange forkerte forsøg", HttpContext, email);
                return Locked(email, until);
            }
            Error = WrongCredentials;
            return Page();
        }

        if (await flow.RefusalAsync(user!, byPassword: true, ct) is { } refusal)
        {
            await audit.RecordAsync(SecurityEvents.SignInFailed, refusal, HttpContext, email);
            Error = refusal;
            return Page();
        }
        await guard.ResetAsync(key, ct);
        return await flow.ContinueAsync(user!, FirstFactor.Password, ReturnUrl, HttpContext, ct);
    }

    private PageResult Locked(string email, DateTime until)
    {
        Error = $"Log ind med denne e-mailadresse er midlertidigt spærret efter for mange forkerte forsøg. Prøv igen om {Shared.Danish.Minutes(guard.MinutesLeft(until))}.";
        LockedAddress = email;
        return Page();
    }

    private void LoadProviders() =>
        Providers = options.Value.Providers
            .Select(p => new Provider(p.Key.ToLowerInvariant(), p.Value.DisplayName ?? p.Key))
            .OrderBy(p => p.DisplayName, StringComparer.Create(Shared.Danish.Culture, true))
            .ToList();
}
