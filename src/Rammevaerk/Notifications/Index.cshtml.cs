using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Notifications;

/// <summary>/notifikationer?side=2: the signed-in user's own notifications, newest first; mark one or all read.</summary>
public sealed class IndexModel(AppDb db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Line(int Id, string Text, string? Link, DateTime CreatedAt, DateTime? ReadAt);

    public List<Line> Notifications { get; private set; } = [];
    public int Unread { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The user's own notifications: every query here starts from this scope.</summary>
    private IQueryable<Notification> Mine => db.Notifications.Where(n => n.UserId == UserId);

    public async Task OnGetAsync(string? side, CancellationToken ct)
    {
        var total = await Mine.CountAsync(ct);
        Unread = await Mine.CountAsync(n => n.ReadAt == null, ct);
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(side, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? Math.Min(p, PageCount) : 1;
        Notifications = await Mine.AsNoTracking()
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(n => new Line(n.Id, n.Text, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
    }

    /// <summary>"Markér som læst": only the user's own; another user's id is simply not found.</summary>
    public async Task<IActionResult> OnPostReadAsync(int id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await Mine.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), ct);
        if (found == 0) return NotFound();
        await db.SaveChangesAsync(ct); // nothing is tracked: this records the form's one-time token with the update
        await tx.CommitAsync(ct);
        return Redirect("/notifikationer");
    }

    /// <summary>"Markér alle som læst".</summary>
    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var count = await Mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        await db.SaveChangesAsync(ct); // nothing is tracked: this records the form's one-time token with the update
        await tx.CommitAsync(ct);
        TempData["Message"] = count switch
        {
            0 => "Der var ingen ulæste notifikationer.",
            1 => "1 notifikation er markeret som læst.",
            _ => $"{count} notifikationer er markeret som læst.",
        };
        return Redirect("/notifikationer");
    }
}
