using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;

namespace Rammevaerk.Accounts;

/// <summary>
/// Daily: removes security log entries older than the retention setting, sessions and links long dead, and
/// failure counts a day old. Set-based deletes, safe to run on every node at once.
/// </summary>
public sealed class AccountsHousekeeping(IServiceScopeFactory scopes, IOptions<AccountSettings> options, TimeProvider clock, ILogger<AccountsHousekeeping> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let start-up (migrations, demo data) finish first.
        try { await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken); } catch (OperationCanceledException) { return; }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await RunAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), options.Value, clock.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Account housekeeping failed; it runs again tomorrow.");
            }
            try { await Task.Delay(TimeSpan.FromDays(1), clock, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round; returns how many security log entries were removed.</summary>
    public static async Task<int> RunAsync(AppDb db, AccountSettings settings, DateTime now, CancellationToken ct = default)
    {
        var removed = 0;
        if (settings.SecurityLogRetentionDays > 0)
        {
            var before = now.AddDays(-settings.SecurityLogRetentionDays);
            removed = await db.AuditLog.Where(e => e.At < before).ExecuteDeleteAsync(ct);
        }
        var longAgo = now.AddDays(-30);
        await db.UserSessions.Where(s => s.ExpiresAt < longAgo).ExecuteDeleteAsync(ct);
        await db.AccountTokens.Where(t => t.ExpiresAt < longAgo).ExecuteDeleteAsync(ct);
        var forgotten = now - LockoutSchedule.ForgetAfter;
        await db.SignInThrottles.Where(t => t.LastFailureAt < forgotten && (t.LockedUntil == null || t.LockedUntil < now)).ExecuteDeleteAsync(ct);
        return removed;
    }
}
