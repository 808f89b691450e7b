using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Cases.Admin;

/// <summary>/sekretariat/sager: cases that travelled (more than one step), or any case found by one of its items.</summary>
public sealed class IndexModel(AppDb db) : PageModel
{
    public const int Shown = 100;

    public sealed record Row(int Id, string Title, int Items, int Outside, DateTime? Latest, List<string> Bodies);

    public string? Q { get; private set; }
    public List<Row> Cases { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        ViewData["SecretariatNav"] = true;
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var cases = db.Cases.AsNoTracking();
        if (Q is null)
        {
            // Without a search: the cases that went to more than one place, which is what this list is for.
            cases = cases.Where(c => c.Items.Count > 1 || c.OutsideSteps.Any());
        }
        else
        {
            // A case is found by its own title or by the title or any text of any of its items.
            var like = $"%{Q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            cases = cases.Where(c => EF.Functions.Like(c.Title, like, "\\")
                || c.Items.Any(i => EF.Functions.Like(i.Title, like, "\\") || EF.Functions.Like(i.Recommendation ?? "", like, "\\") || EF.Functions.Like(i.Decision ?? "", like, "\\"))
                || c.OutsideSteps.Any(s => EF.Functions.Like(s.Body, like, "\\") || EF.Functions.Like(s.Asked, like, "\\")));
        }
        var rows = await cases.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(Shown)
            .Select(c => new
            {
                c.Id, c.Title, Items = c.Items.Count, Outside = c.OutsideSteps.Count,
                Latest = c.Items.Max(i => (DateTime?)i.Meeting.StartsAt),
                Bodies = c.Items.OrderBy(i => i.Meeting.StartsAt).Select(i => i.Meeting.Body.Name).ToList(),
                OutsideBodies = c.OutsideSteps.OrderBy(s => s.Date).Select(s => s.Body).ToList(),
            })
            .ToListAsync(ct);
        Cases = rows.Select(r => new Row(r.Id, r.Title, r.Items, r.Outside, r.Latest, r.Bodies.Concat(r.OutsideBodies).Distinct().ToList())).ToList();
    }
}
