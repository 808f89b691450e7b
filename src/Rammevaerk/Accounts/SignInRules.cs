using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;

namespace Rammevaerk.Accounts;

/// <summary>
/// The configured providers (from the settings) and the secretariat's choices about them and about passwords per
/// role (from the database, edited on /sekretariat/log-ind-indstillinger).
/// </summary>
public sealed class SignInRules(AppDb db, IOptions<AccountSettings> options)
{
    /// <summary>The providers in the settings, by display name.</summary>
    public IReadOnlyList<LoginModel.Provider> Providers() =>
        options.Value.Providers
            .Select(p => new LoginModel.Provider(p.Key.ToLowerInvariant(), p.Value.DisplayName ?? p.Key))
            .OrderBy(p => p.DisplayName, StringComparer.Create(Shared.Danish.Culture, true))
            .ToList();

    public ProviderSettings? Settings(string provider) => options.Value.Providers.GetValueOrDefault(provider);

    /// <summary>The secretariat's rule for a provider; the defaults (no roles from the provider, no extra code) when never set.</summary>
    public async Task<ProviderSignInRule> ProviderAsync(string provider, CancellationToken ct = default) =>
        await db.ProviderSignInRules.AsNoTracking().SingleOrDefaultAsync(r => r.Provider == provider, ct)
            ?? new ProviderSignInRule { Provider = provider };

    /// <summary>Per role: may its users sign in with a password (true unless the secretariat turned it off).</summary>
    public async Task<Dictionary<string, bool>> PasswordsByRoleAsync(CancellationToken ct = default)
    {
        var rules = await db.RoleSignInRules.AsNoTracking().ToDictionaryAsync(r => r.Role, r => r.PasswordAllowed, ct);
        return Roles.All.ToDictionary(r => r, r => rules.GetValueOrDefault(r, true));
    }
}
