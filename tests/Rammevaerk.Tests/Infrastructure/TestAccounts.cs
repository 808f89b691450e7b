using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Bodies;
using Rammevaerk.Data;

namespace Rammevaerk.Tests.Infrastructure;

/// <summary>
/// One account per kind of user, created in every test app after the demo data has loaded
/// (the demo accounts exist in Development only).
/// </summary>
public static class TestAccounts
{
    /// <summary>Role Sekretariat.</summary>
    public const string SecretariatEmail = "sekretariat@test.rammevaerk.dk";
    public const string SecretariatPassword = "sekretariat-test-adgang-2026";

    /// <summary>Role Medlem, linked to Mogens Bak Hansen: member of Socialdirektørforum and Forretningsudvalget.</summary>
    public const string MemberEmail = "medlem@test.rammevaerk.dk";
    public const string MemberPassword = "medlem-test-adgang-2026";
    public const string MemberPersonName = "Mogens Bak Hansen";

    /// <summary>Role Medlem, linked to a person who sits in no body.</summary>
    public const string OutsiderMemberEmail = "udenfor@test.rammevaerk.dk";
    public const string OutsiderMemberPassword = "udenfor-test-adgang-2026";
    public const string OutsiderPersonName = "Testperson uden udvalg";

    /// <summary>Role Kommune, reporting for Varde (573).</summary>
    public const string MunicipalityEmail = "varde@test.rammevaerk.dk";
    public const string MunicipalityPassword = "kommune-test-adgang-2026";
    public const int MunicipalityCode = 573;

    /// <summary>Role Kommune, reporting for Billund (530): a second operator for reporting and access tests.</summary>
    public const string SecondMunicipalityEmail = "billund@test.rammevaerk.dk";
    public const string SecondMunicipalityPassword = "billund-test-adgang-2026";
    public const int SecondMunicipalityCode = 530;

    /// <summary>Role Kommune, tied to the region's own operator (Region Syddanmark): the 23rd operator.</summary>
    public const string RegionOperatorEmail = "region@test.rammevaerk.dk";
    public const string RegionOperatorPassword = "region-test-adgang-2026";

    public static async Task CreateAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDb>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), role);
        }

        var member = await db.Persons.SingleOrDefaultAsync(p => p.Name == MemberPersonName)
            ?? throw new InvalidOperationException($"The demo data has no person '{MemberPersonName}'.");
        var outsider = await db.Persons.SingleOrDefaultAsync(p => p.Name == OutsiderPersonName);
        if (outsider is null)
        {
            outsider = new Person { Name = OutsiderPersonName };
            db.Persons.Add(outsider);
            await db.SaveChangesAsync();
        }

        await CreateUserAsync(users, SecretariatEmail, SecretariatPassword, Roles.Secretariat, "Sekretariatet (test)");
        await CreateUserAsync(users, MemberEmail, MemberPassword, Roles.Member, "Mogens Bak Hansen (test)", personId: member.Id);
        await CreateUserAsync(users, OutsiderMemberEmail, OutsiderMemberPassword, Roles.Member, "Uden udvalg (test)", personId: outsider.Id);
        await CreateUserAsync(users, MunicipalityEmail, MunicipalityPassword, Roles.Municipality, "Varde Kommune (test)", municipalityCode: MunicipalityCode);
        await CreateUserAsync(users, SecondMunicipalityEmail, SecondMunicipalityPassword, Roles.Municipality, "Billund Kommune (test)", municipalityCode: SecondMunicipalityCode);
        var region = await db.Operators.Where(o => o.Kind == Rammevaerk.Offers.OperatorKind.Region).Select(o => o.Id).SingleAsync();
        await CreateUserAsync(users, RegionOperatorEmail, RegionOperatorPassword, Roles.Municipality, "Region Syddanmark (test)", operatorId: region);
    }

    private static async Task CreateUserAsync(
        UserManager<AppUser> users, string email, string password, string role, string name, int? personId = null, int? municipalityCode = null,
        int? operatorId = null)
    {
        if (await users.FindByEmailAsync(email) is not null) return;
        // Marked as demo accounts: like the Development demo accounts they sign in with the password alone (in the
        // Testing environment only), so every test starts signed in at once; two-factor tests make their own users.
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, IsDemoAccount = true,
            PersonId = personId, MunicipalityCode = municipalityCode, OperatorId = operatorId,
        };
        Check(await users.CreateAsync(user, password), email);
        Check(await users.AddToRoleAsync(user, role), email);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create test account {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
