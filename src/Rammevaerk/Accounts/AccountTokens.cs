using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Accounts;

/// <summary>
/// Single-use, expiring links (invitation, password reset, unlock). The token is 256 random bits sent only in the
/// e-mail; the database keeps its SHA-256. Using a link is one conditional UPDATE, so of two requests racing with
/// the same link (on one node or two) exactly one wins.
/// </summary>
public sealed class AccountTokens(AppDb db, TimeProvider clock)
{
    /// <summary>Wrong passwords typed through one unlock link before it dies.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>
    /// Adds a new token for the user (the caller saves) and retires the user's earlier unused ones of the same
    /// purpose, so only the newest link works. Returns the token for the e-mail.
    /// </summary>
    public async Task<string> IssueAsync(string userId, AccountTokenPurpose purpose, TimeSpan validFor, string? createdBy, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, now), ct);
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        db.AccountTokens.Add(new AccountToken
        {
            Purpose = purpose, UserId = userId, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + validFor, CreatedBy = createdBy,
        });
        return token;
    }

    /// <summary>The token's row if it exists for this purpose, is unused, has not expired and has attempts left.</summary>
    public async Task<AccountToken?> FindValidAsync(string? token, AccountTokenPurpose purpose, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = Hash(token.Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.AccountTokens.AsNoTracking()
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now
                && t.FailedAttempts < MaxFailedAttempts, ct);
    }

    /// <summary>Marks the token used; false when another request used it first (or it expired meanwhile).</summary>
    public async Task<bool> UseAsync(AccountToken token, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.AccountTokens.Where(t => t.Id == token.Id && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), ct) == 1;
    }

    public Task CountFailureAsync(AccountToken token, CancellationToken ct = default) =>
        db.AccountTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.FailedAttempts, t => t.FailedAttempts + 1), ct);

    /// <summary>The user's open invitation, for the secretariat's list.</summary>
    public Task<DateTime?> OpenInvitationExpiresAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == AccountTokenPurpose.Invitation && t.UsedAt == null && t.ExpiresAt > now)
            .Select(t => (DateTime?)t.ExpiresAt).MaxAsync(ct);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
