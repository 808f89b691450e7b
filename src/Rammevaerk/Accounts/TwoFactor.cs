using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using QRCoder;
using Rammevaerk.Data;

namespace Rammevaerk.Accounts;

/// <summary>
/// TOTP with an authenticator app (RFC 6238: 6 digits, 30 seconds, one step of clock drift either way), each code
/// accepted once, and ten recovery codes stored hashed (<see cref="AppUserStore"/>). While being set up, the new key
/// travels in the form protected by Data Protection (20 minutes), so no half-made key is ever stored.
/// </summary>
public sealed class TwoFactor(AppDb db, UserManager<AppUser> users, IUserStore<AppUser> store, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "Rammeværk";

    private readonly ITimeLimitedDataProtector setupKeys = protection.CreateProtector("Rammevaerk.Accounts.TotpSetup.v1").ToTimeLimitedDataProtector();

    public sealed record Setup(string ProtectedKey, string DisplayKey, string QrDataUri);

    /// <summary>A fresh key for setting up an app: the QR code, the key to type, and the key for the form.</summary>
    public Setup NewSetup(AppUser user)
    {
        var key = users.GenerateNewAuthenticatorKey();
        return SetupOf(user, key);
    }

    /// <summary>The same key again (after a wrong code), or null when the form's key is not ours or too old.</summary>
    public Setup? Resume(AppUser user, string? protectedKey)
    {
        var key = Unprotect(protectedKey);
        return key is null ? null : SetupOf(user, key);
    }

    /// <summary>
    /// Turns the app on with the form's key when the typed code matches it; returns the recovery codes to show once,
    /// or null when the code (or the form) is wrong. The caller saves nothing: Identity's manager saves the user.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(AppUser user, string? protectedKey, string? code, CancellationToken ct = default)
    {
        if (Unprotect(protectedKey) is not { } key || Match(key, code) is not long step) return null;
        await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, ct);
        user.LastTotpStep = step;
        var enabled = await users.SetTwoFactorEnabledAsync(user, true);
        if (!enabled.Succeeded) return null;
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
    }

    /// <summary>Turns the app off and forgets its key and the recovery codes.</summary>
    public async Task<IdentityResult> DisableAsync(AppUser user)
    {
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        user.LastTotpStep = null;
        return await users.SetTwoFactorEnabledAsync(user, false);
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];

    /// <summary>
    /// True when the code matches the user's key now and its time step is later than the last one used; the step is
    /// claimed with a conditional UPDATE, so the same code cannot sign in twice, even on two nodes at once.
    /// </summary>
    public async Task<bool> VerifyCodeAsync(AppUser user, string? code, CancellationToken ct = default)
    {
        if (!user.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key) return false;
        if (Match(key, code) is not long step) return false;
        var claimed = await db.Users.Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < step))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, step), ct);
        return claimed == 1;
    }

    /// <summary>The time step a code matches, within one step either way of now, or null.</summary>
    public long? Match(string key, string? code)
    {
        var digits = new string((code ?? "").Where(char.IsDigit).ToArray());
        if (digits.Length != 6) return null;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    private Setup SetupOf(AppUser user, string key)
    {
        var uri = $"otpauth://totp/{Uri.EscapeDataString($"{Issuer}:{user.Email}")}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return new Setup(setupKeys.Protect(key, TimeSpan.FromMinutes(20)), DisplayKey(key), "data:image/png;base64," + Convert.ToBase64String(png));
    }

    private string? Unprotect(string? protectedKey)
    {
        if (string.IsNullOrEmpty(protectedKey)) return null;
        try
        {
            return setupKeys.Unprotect(protectedKey);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>"abcd efgh …": the key in groups of four, as authenticator apps accept it typed.</summary>
    public static string DisplayKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}
