using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;

namespace Rammevaerk.Accounts;

/// <summary>
/// Server-side sessions: started at sign-in, checked on every request (<see cref="ValidateAsync"/>), ended by
/// sign-out, by the user for another browser, or for all of a user's browsers when their password, role, second
/// factor or state changes. The rows live in the database, so every node sees an ended session at once.
/// </summary>
public sealed class SessionStore(AppDb db, TimeProvider clock, IOptions<AccountSettings> options)
{
    /// <summary>The claim that carries the session's id in the auth cookie.</summary>
    public const string SessionClaim = "rv:sid";

    /// <summary>How often a busy session writes its last activity; the idle timeout is this precise.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public static Guid? IdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SessionClaim), out var id) ? id : null;

    /// <summary>Starts a session (saved at once) for a user who passed every factor.</summary>
    public async Task<UserSession> StartAsync(AppUser user, string method, HttpContext http, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            // 128 random bits (ASVS 5.0 V7.2.3), though the id only ever travels inside the protected cookie.
            Id = new Guid(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), UserId = user.Id, CreatedAt = now, LastSeenAt = now, ExpiresAt = now + options.Value.Absolute,
            Method = Cut(method, UserSession.MethodLength)!,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Cut(http.Request.Headers.UserAgent.ToString(), UserSession.UserAgentLength),
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>
    /// Ends every live session of the user (but <paramref name="except"/>), in the caller's transaction if one is open.
    /// Returns how many ended.
    /// </summary>
    public Task<int> EndAllAsync(string userId, SessionEnd reason, string? endedBy, Guid? except = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.UserSessions
            .Where(s => s.UserId == userId && s.EndedAt == null && (except == null || s.Id != except))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason).SetProperty(s => s.EndedBy, endedBy), ct);
    }

    /// <summary>Ends one of the user's sessions; false when it is not theirs or already ended.</summary>
    public async Task<bool> EndAsync(Guid sessionId, string userId, SessionEnd reason, string? endedBy, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.UserSessions
            .Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason).SetProperty(s => s.EndedBy, endedBy), ct) == 1;
    }

    /// <summary>The user's live sessions, newest first.</summary>
    public async Task<List<UserSession>> LiveAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var idleSince = now - options.Value.Idle;
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(ct);
    }

    /// <summary>
    /// The cookie handler's check on every request: the session exists, belongs to the cookie's user, has not ended,
    /// has not been idle too long and has not outlived its absolute lifetime. Otherwise the cookie is rejected and
    /// removed, and the request goes on as anonymous.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var principal = context.Principal;
        var id = principal is null ? null : IdOf(principal);
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var services = http.RequestServices;
        var db = services.GetRequiredService<AppDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var settings = services.GetRequiredService<IOptions<AccountSettings>>().Value;

        var session = id is Guid sid
            ? await db.UserSessions.AsNoTracking().Where(s => s.Id == sid)
                .Select(s => new { s.UserId, s.EndedAt, s.LastSeenAt, s.ExpiresAt }).SingleOrDefaultAsync(http.RequestAborted)
            : null;
        SessionEnd? lapsed = session is null ? null
            : now >= session.ExpiresAt ? SessionEnd.Expired
            : now - session.LastSeenAt >= settings.Idle ? SessionEnd.Idle
            : null;
        if (session is null || session.UserId != userId || session.EndedAt is not null || lapsed is not null)
        {
            if (lapsed is SessionEnd reason && session!.EndedAt is null)
            {
                await db.UserSessions.Where(s => s.Id == id && s.EndedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), http.RequestAborted);
            }
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        if (now - session.LastSeenAt >= TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), http.RequestAborted);
        }
    }

    public static string Describe(SessionEnd reason) => reason switch
    {
        SessionEnd.SignedOut => "Logget ud",
        SessionEnd.Idle => "Inaktiv for længe",
        SessionEnd.Expired => "Udløbet",
        SessionEnd.PasswordChanged => "Adgangskoden blev skiftet",
        SessionEnd.PasswordReset => "Adgangskoden blev nulstillet",
        SessionEnd.RoleChanged => "Rollen blev ændret",
        SessionEnd.Disabled => "Brugeren blev deaktiveret",
        SessionEnd.SignedOutEverywhere => "Logget ud overalt",
        SessionEnd.EndedByUser => "Afsluttet af brugeren",
        SessionEnd.EndedBySecretariat => "Afsluttet af sekretariatet",
        SessionEnd.TwoFactorChanged => "To-trinsbekræftelsen blev ændret",
        _ => reason.ToString(),
    };

    /// <summary>"Chrome på Windows" from a user agent, for the list of sessions.</summary>
    public static string Browser(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "Ukendt browser";
        var ua = userAgent;
        var browser = ua.Contains("Edg/") ? "Edge" : ua.Contains("Firefox/") ? "Firefox" : ua.Contains("Chrome/") || ua.Contains("Chromium/") ? "Chrome"
            : ua.Contains("Safari/") ? "Safari" : "Ukendt browser";
        var system = ua.Contains("Windows") ? "Windows" : ua.Contains("iPhone") || ua.Contains("iPad") ? "iOS" : ua.Contains("Android") ? "Android"
            : ua.Contains("Mac OS") ? "macOS" : ua.Contains("Linux") ? "Linux" : null;
        return system is null ? browser : $"{browser} på {system}";
    }

    private static string? Cut(string? s, int max) => string.IsNullOrEmpty(s) ? null : s.Length <= max ? s : s[..max];
}
