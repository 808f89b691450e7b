using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rammevaerk.Data;

namespace Rammevaerk.Notifications;

/// <summary>
/// The security log (/sekretariat/sikkerhedslog): one append-only list of the security events — sign-ins and
/// failed ones, lock-outs, sign-outs, sessions ended by someone else, refusals, changes to users, invitations,
/// password resets, exports of non-public data (and publications and deletions, by the processes that make them).
/// </summary>
/// <remarks>
/// <see cref="RecordAsync(string, string?, HttpContext)"/> writes at once in its own DbContext and its own SaveChanges:
/// it records refusals and failures, whose action is not saved, and must not save (or be rolled back with) whatever
/// the request's context holds. On SQLite a second connection cannot write while the request holds a write
/// transaction, so record before beginning one or after rolling it back. <see cref="Add"/> instead adds the entry to
/// the caller's context, so that a change and its entry are committed together or not at all. Every entry is also
/// logged as a warning.
/// </remarks>
public sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditLog> log)
{
    /// <summary>Someone asked for or posted another operator's (municipality's) data.</summary>
    public const string OtherOperatorsData = SecurityEvents.RefusedOtherOperator;

    public const int UserNameLength = 256;
    public const int ActionLength = 100;
    public const int PathLength = 500;
    public const int DetailLength = 2000;

    /// <summary>Writes an entry at once for the signed-in user (or none) of the request.</summary>
    public Task RecordAsync(string action, string? detail, HttpContext ctx) => RecordAsync(action, detail, ctx, userName: null);

    /// <summary>
    /// Writes an entry at once. <paramref name="userName"/> names who acted when the request is not (yet) signed in,
    /// e.g. the address typed into the sign-in form; otherwise the signed-in user is recorded.
    /// </summary>
    public async Task RecordAsync(string action, string? detail, HttpContext ctx, string? userName)
    {
        var entry = Entry(action, detail, ctx, userName);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            db.AuditLog.Add(entry);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // The warning written by Entry still carries the event; the request must not turn into a 500.
            log.LogError(e, "Could not write the security log entry {Action} for {User}.", action, entry.UserName);
        }
    }

    /// <summary>Adds an entry to <paramref name="db"/>; the caller saves it in the same transaction as the change it records.</summary>
    public void Add(AppDb db, string action, string? detail, HttpContext ctx, string? userName = null) =>
        db.AuditLog.Add(Entry(action, detail, ctx, userName));

    private AuditEntry Entry(string action, string? detail, HttpContext ctx, string? userName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var user = userName ?? (ctx.User.Identity?.IsAuthenticated == true ? ctx.User.Identity.Name : null);
        var path = $"{ctx.Request.Method} {ctx.Request.Path}{RedactedQuery(ctx.Request.QueryString)}";
        var ip = ctx.Connection.RemoteIpAddress?.ToString();
        log.LogWarning("Security event: {Action} by {User} from {Ip} at {Path}: {Detail}", action, user ?? "(anonymous)", ip, path, detail);
        return new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserName = Cut(user, UserNameLength),
            Action = Cut(action, ActionLength)!,
            Path = Cut(path, PathLength),
            Detail = Cut(detail, DetailLength),
            IpAddress = Cut(ip, 64),
        };
    }

    private static readonly string[] Secrets = ["token=", "invitation=", "code=", "state="];

    /// <summary>Links in e-mails and provider responses carry one-time secrets; the log keeps the query without them.</summary>
    private static string RedactedQuery(QueryString query)
    {
        if (!query.HasValue) return "";
        var parts = query.Value!.TrimStart('?').Split('&')
            .Select(p => Secrets.Any(s => p.StartsWith(s, StringComparison.OrdinalIgnoreCase)) ? p[..(p.IndexOf('=') + 1)] + "…" : p);
        return "?" + string.Join('&', parts);
    }

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..(max - 1)] + "…";
}

/// <summary>The security events, as the security log names them (Danish, for its readers).</summary>
public static class SecurityEvents
{
    public const string SignIn = "Log ind";
    public const string SignInFailed = "Log ind mislykkedes";
    public const string LockedOut = "Log ind spærret";
    public const string Unlocked = "Spærring ophævet";
    public const string SignOut = "Log ud";
    public const string SessionEndedByOther = "Session afsluttet af en anden";
    public const string SessionsEnded = "Sessioner afsluttet";
    public const string RefusedRole = "Adgang nægtet: rolle";
    public const string RefusedOtherOperator = "Adgang nægtet: anden driftsherres data";
    public const string UserInvited = "Bruger inviteret";
    public const string InvitationUsed = "Invitation brugt";
    public const string UserChanged = "Bruger ændret";
    public const string RoleChanged = "Rolle ændret";
    public const string UserDisabled = "Bruger deaktiveret";
    public const string UserEnabled = "Bruger genaktiveret";
    public const string PasswordResetSent = "Link til ny adgangskode sendt";
    public const string PasswordReset = "Adgangskode nulstillet";
    public const string PasswordChanged = "Adgangskode skiftet";
    public const string TwoFactorChanged = "To-trinsbekræftelse ændret";
    public const string ExternalLoginRemoved = "Ekstern log ind fjernet";
    public const string SignInSettingsChanged = "Log ind-indstillinger ændret";
    public const string NonPublicExport = "Eksport af ikke-offentlige data";

    /// <summary>Every event above, for the log's filter.</summary>
    public static readonly string[] All =
    [
        SignIn, SignInFailed, LockedOut, Unlocked, SignOut, SessionEndedByOther, SessionsEnded, RefusedRole, RefusedOtherOperator,
        UserInvited, InvitationUsed, UserChanged, RoleChanged, UserDisabled, UserEnabled, PasswordResetSent, PasswordReset,
        PasswordChanged, TwoFactorChanged, ExternalLoginRemoved, SignInSettingsChanged, NonPublicExport,
    ];
}

/// <summary>
/// Refuses to save a change to or a deletion of a security log entry through EF's change tracker: entries are
/// written once and never edited in the app. Retention removes old entries with a set-based delete instead.
/// </summary>
public sealed class AppendOnlyAuditLog : SaveChangesInterceptor
{
    public static readonly AppendOnlyAuditLog Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("Security log entries are append-only: they cannot be changed or deleted.");
        }
    }
}
