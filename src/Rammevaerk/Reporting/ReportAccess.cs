using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Reporting.Workbook;

namespace Rammevaerk.Reporting;

/// <summary>Loads a report for the signed-in user, and the lists a report form and workbook need.</summary>
public sealed class ReportAccess(AppDb db, ReportingService reporting, Notifications.AuditLog audit)
{
    public sealed record Loaded(ReportingRound Round, OperatorReport Report, Offers.Operator Operator);

    public enum Outcome { Found, NotFound, Refused }

    /// <summary>
    /// A report for the signed-in user: the secretariat reads every report; a municipality user only their own
    /// operator's. Another operator's report is refused, and the attempt is recorded in the security log.
    /// </summary>
    public async Task<(Outcome Outcome, Loaded? Report)> LoadAsync(ClaimsPrincipal user, int reportId, HttpContext http, CancellationToken ct = default)
    {
        var report = await db.OperatorReports.Include(r => r.Round).Include(r => r.Operator).SingleOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null) return (Outcome.NotFound, null);
        if (!IsSecretariat(user))
        {
            var own = await reporting.OperatorOfAsync(user, ct);
            if (own != report.OperatorId)
            {
                await audit.RecordAsync(Notifications.AuditLog.OtherOperatorsData,
                    $"Indberetning {report.Id} ({report.Operator!.Name}, {report.Round!.Year}) forsøgt åbnet af en bruger fra driftsherre {own?.ToString() ?? "(ingen)"}", http);
                return (Outcome.Refused, null);
            }
        }
        return (Outcome.Found, new Loaded(report.Round!, report, report.Operator!));
    }

    public async Task<WorkbookLists> ListsAsync(CancellationToken ct = default) => new(
        await db.LegalBases.Where(l => l.Active).OrderBy(l => l.SortOrder).Select(l => l.Code).ToListAsync(ct),
        await db.TargetGroups.Where(t => t.Active).OrderBy(t => t.SortOrder).Select(t => t.Name).ToListAsync(ct),
        await db.Municipalities.OrderBy(m => m.Name).ToDictionaryAsync(m => m.Code, m => m.Name, ct));

    public static bool IsSecretariat(ClaimsPrincipal user) => user.IsInRole(Roles.Secretariat);
}
