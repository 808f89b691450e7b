using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Accounts.Admin;

/// <summary>
/// The secretariat's list of accounts: create an account with a role and an initial password, lift a lock-out,
/// and set a new password. There is no role removal and no locking, so the secretariat cannot shut itself out.
/// Every handler runs in one transaction around the UserManager calls (which share the scoped AppDb).
/// </summary>
public sealed class UsersModel(
    AppDb db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, IConfiguration config, TimeProvider clock,
    ILogger<UsersModel> log) : PageModel
{
    public sealed class UserInput
    {
        public const int EmailLength = 256;
        public const int DisplayNameLength = 200;

        [Required(ErrorMessage = "Skriv brugerens e-mailadresse.")]
        [StringLength(EmailLength, ErrorMessage = "E-mailadressen må højst være {1} tegn.")]
        [EmailAddress(ErrorMessage = "E-mailadressen er ikke gyldig, fx navn@kommune.dk.")]
        public string? Email { get; set; }

        [StringLength(DisplayNameLength, ErrorMessage = "Navnet må højst være {1} tegn.")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Vælg brugerens rolle.")]
        public string? Role { get; set; }

        /// <summary>Municipality code; used for the role Kommune only.</summary>
        public string? Municipality { get; set; }

        /// <summary>Person id; used for the role Medlem only.</summary>
        public string? Person { get; set; }

        [Required(ErrorMessage = "Skriv en adgangskode til brugeren.")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    public sealed record UserRow(
        string Id, string? Email, string? DisplayName, List<string> Roles, string? Municipality, int? PersonId, string? PersonName,
        DateTime? LockedUntil);

    public List<UserRow> Users { get; private set; } = [];
    public List<SelectListItem> Municipalities { get; private set; } = [];
    public List<SelectListItem> Persons { get; private set; } = [];
    public string? CurrentUserId { get; private set; }

    /// <summary>The create form; it posts as "NewUser.*". The password is never sent back.</summary>
    public UserInput NewUser { get; set; } = new();

    /// <summary>The user whose new password was refused, so the error shows in their row.</summary>
    public string? ResetUserId { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync([Bind(Prefix = nameof(NewUser))] UserInput input)
    {
        NewUser = input;
        const string prefix = nameof(NewUser);
        string Key(string field) => $"{prefix}.{field}";

        await using var tx = await db.Database.BeginTransactionAsync();
        var email = input.Email?.Trim();
        var role = Roles.All.FirstOrDefault(r => r == input.Role);
        if (input.Role is not null && role is null) ModelState.AddModelError(Key(nameof(input.Role)), "Vælg en af de viste roller.");

        int? municipalityCode = null;
        if (role == Roles.Municipality)
        {
            var region = AdminForms.Region(config);
            municipalityCode = AdminForms.ParseId(input.Municipality);
            if (string.IsNullOrWhiteSpace(input.Municipality))
            {
                ModelState.AddModelError(Key(nameof(input.Municipality)), "Vælg den kommune, brugeren indberetter for.");
            }
            else if (municipalityCode is null || !await db.Municipalities.AnyAsync(m => m.Code == municipalityCode && m.Region == region))
            {
                ModelState.AddModelError(Key(nameof(input.Municipality)), $"Vælg en kommune i {region} fra listen.");
            }
        }

        int? personId = null;
        if (role == Roles.Member)
        {
            personId = AdminForms.ParseId(input.Person);
            if (string.IsNullOrWhiteSpace(input.Person))
            {
                ModelState.AddModelError(Key(nameof(input.Person)), "Vælg den person, brugeren er. Et medlem læser lukkede punkter i de udvalg, personen sidder i.");
            }
            else if (personId is null || !await db.Persons.AnyAsync(p => p.Id == personId))
            {
                ModelState.AddModelError(Key(nameof(input.Person)), "Den valgte person findes ikke. Opret personen under Udvalg og personer først.");
            }
        }

        if (!string.IsNullOrEmpty(email) && ModelState.GetFieldValidationState(Key(nameof(input.Email))) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError(Key(nameof(input.Email)), $"Der findes allerede en bruger med e-mailadressen '{email}'.");
        }

        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = AdminForms.Clean(input.DisplayName),
            MunicipalityCode = municipalityCode, PersonId = personId, LockoutEnabled = users.Options.Lockout.AllowedForNewUsers,
        };
        // Check the password up front too, so that all problems show at once.
        if (input.Password is { Length: > 0 } password)
        {
            foreach (var validator in users.PasswordValidators)
            {
                AddErrors(await validator.ValidateAsync(users, user, password), prefix);
            }
        }
        if (!ModelState.IsValid) return await PageAsync();

        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            AddErrors(created, prefix);
            return await PageAsync(rolledBack: true);
        }
        if (!await roles.RoleExistsAsync(role!))
        {
            var roleCreated = await roles.CreateAsync(new IdentityRole(role!));
            if (!roleCreated.Succeeded)
            {
                AddErrors(roleCreated, prefix);
                return await PageAsync(rolledBack: true);
            }
        }
        var added = await users.AddToRoleAsync(user, role!);
        if (!added.Succeeded)
        {
            AddErrors(added, prefix);
            return await PageAsync(rolledBack: true);
        }
        await tx.CommitAsync();
        log.LogInformation("{Admin} created the account {Email} with role {Role}", User.Identity?.Name, email, role);
        TempData["Message"] = $"Brugeren {email} er oprettet som {Roles.DanishName(role!).ToLower(Danish.Culture)}. Giv brugeren adgangskoden på en sikker måde, og bed dem skifte den under Skift adgangskode (/konto/adgangskode).";
        return Redirect("/sekretariat/brugere");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Done("Brugeren findes ikke længere.");
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded) result = await users.ResetAccessFailedCountAsync(user);
        if (!result.Succeeded)
        {
            AddErrors(result, "");
            return await PageAsync(rolledBack: true);
        }
        await tx.CommitAsync();
        log.LogInformation("{Admin} lifted the lock-out of {Email}", User.Identity?.Name, user.Email);
        return Done($"{user.Email} er låst op og kan logge ind igen.");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string userId, string? newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Done("Brugeren findes ikke længere.");
        if (user.Id == users.GetUserId(User))
        {
            return Done("Din egen adgangskode skifter du under Skift adgangskode, hvor du også skriver den nuværende.");
        }
        if (string.IsNullOrEmpty(newPassword))
        {
            ModelState.AddModelError("NewPassword", "Skriv den nye adgangskode.");
            ResetUserId = user.Id;
            return await PageAsync();
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("NewPassword", e.Description);
            ResetUserId = user.Id;
            return await PageAsync(rolledBack: true);
        }
        await tx.CommitAsync();
        log.LogInformation("{Admin} set a new password for {Email}", User.Identity?.Name, user.Email);
        return Done($"Adgangskoden til {user.Email} er skiftet. Giv brugeren den på en sikker måde, og bed dem skifte den under Skift adgangskode.");
    }

    /// <summary>Identity's errors (already Danish) at the field they concern: password, e-mail, or the form.</summary>
    private void AddErrors(IdentityResult result, string prefix)
    {
        foreach (var e in result.Errors)
        {
            var field = e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(UserInput.Password)
                : e.Code is "DuplicateEmail" or "InvalidEmail" or "DuplicateUserName" or "InvalidUserName" ? nameof(UserInput.Email)
                : null;
            var key = field is null ? prefix : prefix.Length == 0 ? field : $"{prefix}.{field}";
            ModelState.AddModelError(key, e.Description);
        }
    }

    private IActionResult Done(string message)
    {
        TempData["Message"] = message;
        return Redirect("/sekretariat/brugere");
    }

    private async Task<IActionResult> PageAsync(bool rolledBack = false)
    {
        // After a rollback the context may still track what was never saved.
        if (rolledBack) db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        CurrentUserId = users.GetUserId(User);
        var now = clock.GetUtcNow();
        var accounts = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.MunicipalityCode, u.PersonId, PersonName = u.Person == null ? null : u.Person.Name, u.LockoutEnd })
            .ToListAsync();
        var roleNames = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync();
        var municipalityNames = await db.Municipalities.ToDictionaryAsync(m => m.Code, m => m.Name);
        Users = accounts
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserRow(
                u.Id, u.Email, u.DisplayName,
                roleNames.Where(r => r.UserId == u.Id && r.Name != null).Select(r => r.Name!).Order().ToList(),
                u.MunicipalityCode is int c ? municipalityNames.GetValueOrDefault(c, c.ToString(Danish.Culture)) : null,
                u.PersonId, u.PersonName,
                u.LockoutEnd is { } end && end > now ? end.UtcDateTime : null))
            .ToList();
        Municipalities = await AdminForms.MunicipalitiesAsync(db, config);
        Persons = (await db.Persons.Select(p => new { p.Id, p.Name, p.JobTitle }).ToListAsync())
            .OrderBy(p => p.Name, StringComparer.Create(Danish.Culture, ignoreCase: true))
            .Select(p => new SelectListItem(p.JobTitle is null ? p.Name : $"{p.Name} ({p.JobTitle})", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }
}
