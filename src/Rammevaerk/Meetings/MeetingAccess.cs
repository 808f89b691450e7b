using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings;

/// <summary>
/// Who may read what. The public reads published meetings and the titles of closed items; members read closed
/// items of the bodies they sit in; the secretariat reads everything, drafts included.
/// </summary>
public sealed class MeetingAccess(AppDb db, UserManager<AppUser> users, TimeProvider clock)
{
    public static bool IsSecretariat(ClaimsPrincipal user) => user.IsInRole(Roles.Secretariat);

    public static IQueryable<Meeting> VisibleTo(IQueryable<Meeting> meetings, ClaimsPrincipal user) =>
        IsSecretariat(user) ? meetings : meetings.Where(m => m.State != MeetingState.Draft);

    public async Task<bool> MayReadClosedAsync(ClaimsPrincipal user, int bodyId, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (IsSecretariat(user)) return true;
        if (!user.IsInRole(Roles.Member)) return false;
        var userId = users.GetUserId(user);
        var personId = await db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).SingleOrDefaultAsync(ct);
        if (personId is null) return false;
        var today = Danish.DateOf(clock);
        return await db.Memberships.AnyAsync(
            m => m.PersonId == personId && m.BodyId == bodyId && m.From <= today && (m.To == null || m.To >= today), ct);
    }
}
