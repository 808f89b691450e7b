using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Offers;

namespace Rammevaerk.Accounts;

/// <summary>
/// Identity's EF store with two secrets kept better than plain text (ASVS 5.0 V6.5): recovery codes are stored as
/// salted PBKDF2 hashes (Identity's password hasher), and the authenticator key is encrypted with ASP.NET Core
/// Data Protection.
/// </summary>
public sealed class AppUserStore(AppDb context, IPasswordHasher<AppUser> hasher, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AppDb>(context, describer)
{
    private const string InternalProvider = "[AspNetUserStore]";
    private const string RecoveryCodes = "RecoveryCodes";

    private readonly IDataProtector keys = protection.CreateProtector("Rammevaerk.Accounts.AuthenticatorKey.v1");

    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, keys.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        if (string.IsNullOrEmpty(stored)) return null;
        try
        {
            return keys.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            // The data-protection key ring lost the key: the user sets the app up again rather than being let in.
            return null;
        }
    }

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(c => hasher.HashPassword(user, NormalizeCode(c))), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var stored = (await GetTokenAsync(user, InternalProvider, RecoveryCodes, cancellationToken) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var typed = NormalizeCode(code);
        var match = stored.FindIndex(h => hasher.VerifyHashedPassword(user, h, typed) != PasswordVerificationResult.Failed);
        if (match < 0) return false;
        stored.RemoveAt(match);
        await base.ReplaceCodesAsync(user, stored, cancellationToken);
        return true;
    }

    /// <summary>Codes are shown as "ABCDE-FGHIJ"; typed in any case, with or without the dash and spaces.</summary>
    public static string NormalizeCode(string code) =>
        new(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}

/// <summary>
/// The claims of a signed-in user: Identity's (id, e-mail, roles) and, for operator users, whether their operator is
/// a municipality or the region, which the access table (<see cref="AccessTable"/>) tells apart.
/// </summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, AppDb db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (identity.HasClaim(ClaimTypes.Role, Roles.Municipality))
        {
            var kind = user.OperatorId is int id
                ? await db.Operators.Where(o => o.Id == id).Select(o => (OperatorKind?)o.Kind).SingleOrDefaultAsync()
                : user.MunicipalityCode is not null ? OperatorKind.Municipality : null;
            if (kind is OperatorKind k) identity.AddClaim(new Claim(Audiences.OperatorKindClaim, k.ToString()));
        }
        return identity;
    }
}
