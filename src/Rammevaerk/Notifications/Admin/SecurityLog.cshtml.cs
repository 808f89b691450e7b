using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Notifications.Admin;

/// <summary>/sekretariat/sikkerhedslog?side=2: the security log (<see cref="AuditLog"/>), newest first, 50 a page.</summary>
public sealed class SecurityLogModel(AppDb db) : PageModel
{
    public const int PageSize = 50;

    public List<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync(string? side, CancellationToken ct)
    {
        Total = await db.AuditLog.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(side, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? Math.Min(p, PageCount) : 1;
        Entries = await db.AuditLog.AsNoTracking()
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
    }
}
