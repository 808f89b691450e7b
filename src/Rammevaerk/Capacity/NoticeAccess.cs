using System.Security.Claims;
using Rammevaerk.Accounts;
using Rammevaerk.Notifications;

namespace Rammevaerk.Capacity;

/// <summary>
/// Who reads and who edits a notice: the filing operator's users edit their drafts; every municipality user and the
/// secretariat read submitted notices. Anything else is refused and recorded in the security log.
/// </summary>
public sealed class NoticeAccess(CapacityService service, AuditLog audit)
{
    public enum Outcome { Found, NotFound, Refused }

    public sealed record Loaded(CapacityNotice Notice, int? OperatorId, bool Own, bool Editable);

    /// <param name="edit">True for a change (a POST): only the filing operator's users may, and only while a draft.</param>
    public async Task<(Outcome Outcome, Loaded? Loaded)> LoadAsync(ClaimsPrincipal user, int id, bool edit, HttpContext http, CancellationToken ct = default)
    {
        var notice = await service.LoadAsync(id, ct);
        if (notice is null) return (Outcome.NotFound, null);
        var operatorId = user.IsInRole(Roles.Municipality) ? await service.OperatorOfAsync(user, ct) : null;
        var own = operatorId is not null && operatorId == notice.OperatorId;
        var secretariat = user.IsInRole(Roles.Secretariat);
        var editable = own && notice.State == NoticeState.Draft;
        var readable = own || secretariat || (user.IsInRole(Roles.Municipality) && notice.State != NoticeState.Draft);
        if (!readable || (edit && !own))
        {
            await audit.RecordAsync(AuditLog.OtherOperatorsData,
                $"Kapacitetsændring {notice.Id} ({notice.Operator?.Name}, {CapacityService.StateName(notice.State).ToLowerInvariant()}) forsøgt {(edit ? "ændret" : "åbnet")} af en bruger fra driftsherre {operatorId?.ToString() ?? "(ingen)"}", http);
            return (Outcome.Refused, null);
        }
        return (Outcome.Found, new Loaded(notice, operatorId, own, editable));
    }
}
