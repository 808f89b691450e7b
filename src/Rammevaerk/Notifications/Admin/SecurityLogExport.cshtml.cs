using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Offers;
using Rammevaerk.Shared;

namespace Rammevaerk.Notifications.Admin;

/// <summary>
/// /sekretariat/sikkerhedslog.xlsx?…: the security log with the page's filter, as xlsx (up to 100.000 entries,
/// newest first). The export itself is recorded in the log as an export of non-public data.
/// </summary>
public sealed class SecurityLogExportModel(AppDb db, TimeProvider clock) : PageModel
{
    public const int MaxRows = 100_000;

    public async Task<IActionResult> OnGetAsync(string? fra, string? til, string? haendelse, string? bruger, string? soeg, CancellationToken ct)
    {
        var filter = SecurityLogFilter.Parse(fra, til, haendelse, bruger, soeg);
        var entries = await filter.Apply(db.AuditLog.AsNoTracking()).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(MaxRows).ToListAsync(ct);
        var columns = new List<(string, double, OfferWorkbooks.ColumnKind)>
        {
            ("Tidspunkt", 20, OfferWorkbooks.ColumnKind.Text), ("Bruger", 32, OfferWorkbooks.ColumnKind.Text), ("Hændelse", 30, OfferWorkbooks.ColumnKind.Text),
            ("Detaljer", 70, OfferWorkbooks.ColumnKind.Text), ("Adresse", 40, OfferWorkbooks.ColumnKind.Text), ("IP-adresse", 18, OfferWorkbooks.ColumnKind.Text),
        };
        var rows = entries.Select(e => new object?[]
        {
            Danish.ToLocal(e.At).ToString("yyyy-MM-dd HH:mm:ss", Danish.Culture), e.UserName ?? "(ikke logget ind)", e.Action, e.Detail ?? "", e.Path ?? "", e.IpAddress ?? "",
        }).ToList();
        var about = new List<(string, object?)>
        {
            ("Sikkerhedslog fra Rammeværk", null),
            ("Udtrukket", Danish.DateAndTime(clock.GetUtcNow().UtcDateTime)),
            ("Udtrukket af", User.Identity?.Name),
            ("Fra dato", filter.From is DateOnly f ? Bodies.Admin.AdminForms.ShortDate(f) : "(alle)"),
            ("Til dato", filter.To is DateOnly t ? Bodies.Admin.AdminForms.ShortDate(t) : "(alle)"),
            ("Hændelse", filter.Action ?? "(alle)"), ("Bruger", filter.User ?? "(alle)"), ("Søgning", filter.Text ?? "(ingen)"),
            ("Hændelser", entries.Count),
        };
        var bytes = OfferWorkbooks.TableWorkbook("Sikkerhedslog", columns, rows, new object?[columns.Count], about);
        return File(bytes, OfferWorkbooks.XlsxType, $"sikkerhedslog-{Danish.ToLocal(clock.GetUtcNow().UtcDateTime):yyyy-MM-dd}.xlsx");
    }
}
