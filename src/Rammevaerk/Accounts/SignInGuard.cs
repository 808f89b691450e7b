using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;

namespace Rammevaerk.Accounts;

/// <summary>
/// The growing delays after failed attempts: free attempts first, then one minute, doubling with each further
/// failure up to a ceiling. A quiet day forgets the failures. Pure, so the schedule is unit-tested.
/// </summary>
public static class LockoutSchedule
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    /// <summary>The lock after the <paramref name="failures"/>-th failure in a row, or null while attempts are free.</summary>
    public static TimeSpan? Delay(int failures, int freeAttempts, int maxMinutes)
    {
        if (failures < freeAttempts) return null;
        var doublings = Math.Min(failures - freeAttempts, 20);
        return TimeSpan.FromMinutes(Math.Min(maxMinutes, 1 << doublings));
    }
}

/// <summary>
/// Failed sign-ins per typed address (and second-factor codes per user) in the database, so every node slows the
/// same attacker. An address with no account is counted exactly like one with an account: the answers, and the
/// lock, never tell which addresses have accounts. Nobody can lock a user out for good: the delays are bounded,
/// the user can ask for an unlock link by e-mail (<see cref="AccountTokenPurpose.Unlock"/>), and the secretariat
/// can lift the lock.
/// </summary>
public sealed class SignInGuard(AppDb db, TimeProvider clock, IOptions<AccountSettings> options)
{
    public static string AddressKey(string email) => "e:" + Hash(Normalize(email));

    public static string CodeKey(string userId) => "c:" + Hash(userId);

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>The end of the current lock, or null when attempts may be made.</summary>
    public async Task<DateTime?> LockedUntilAsync(string key, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = await db.SignInThrottles.AsNoTracking().Where(t => t.Key == key).Select(t => t.LockedUntil).SingleOrDefaultAsync(ct);
        return until > now ? until : null;
    }

    /// <summary>Counts a failure; returns the lock it starts, if any. Saved at once, outside any transaction of the caller's.</summary>
    public async Task<DateTime?> RecordFailureAsync(string key, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var s = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            var row = await db.SignInThrottles.SingleOrDefaultAsync(t => t.Key == key, ct);
            if (row is null)
            {
                row = new SignInThrottle { Key = key };
                db.SignInThrottles.Add(row);
            }
            row.Failures = now - row.LastFailureAt > LockoutSchedule.ForgetAfter ? 1 : row.Failures + 1;
            row.LastFailureAt = now;
            var delay = LockoutSchedule.Delay(row.Failures, s.FreeAttempts, s.MaxLockMinutes);
            row.LockedUntil = delay is TimeSpan d ? now + d : null;
            try
            {
                await db.SaveChangesAsync(ct);
                db.Entry(row).State = EntityState.Detached;
                return row.LockedUntil;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another node counted the first failure of this key at the same moment: count on top of theirs.
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Forgets the failures of a key (after a successful sign-in, an unlock link, or the secretariat's unlock).</summary>
    public Task ResetAsync(string key, CancellationToken ct = default) =>
        db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(ct);

    /// <summary>Whole minutes until <paramref name="until"/>, at least one, for the messages.</summary>
    public int MinutesLeft(DateTime until) => Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow().UtcDateTime).TotalMinutes));

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
