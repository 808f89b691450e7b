using Rammevaerk.Data;

namespace Rammevaerk.Notifications;

/// <summary>
/// The security log (/sekretariat/sikkerhedslog): refused attempts to read or change data the user may not
/// (another operator's figures by URL or form tampering, …).
/// </summary>
/// <remarks>
/// An entry is written at once in its own DbContext and its own SaveChanges: it records refusals, whose action
/// is not saved, and must not save (or be rolled back with) whatever the request's context holds. On SQLite a
/// second connection cannot write while the request holds a write transaction, so record before beginning one or
/// after rolling it back. Every entry is also logged as a warning.
/// </remarks>
public sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditLog> log)
{
    /// <summary>Someone asked for or posted another operator's (municipality's) data.</summary>
    public const string OtherOperatorsData = "Adgang nægtet: anden driftsherres data";

    public async Task RecordAsync(string action, string? detail, HttpContext ctx)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var user = ctx.User.Identity?.IsAuthenticated == true ? ctx.User.Identity.Name : null;
        var path = $"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}";
        log.LogWarning("Security event: {Action} by {User} at {Path}: {Detail}", action, user ?? "(anonymous)", path, detail);
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserName = Cut(user, 256),
            Action = Cut(action, 100)!,
            Path = Cut(path, 500),
            Detail = Cut(detail, 2000),
        };
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            db.AuditLog.Add(entry);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // The warning above still carries the event; the refused request must not turn into a 500.
            log.LogError(e, "Could not write the security log entry {Action} for {User}.", action, user);
        }
    }

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..(max - 1)] + "…";
}
