using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics.Calculations;
using Rammevaerk.Meetings;
using Rammevaerk.Publishing;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics;

/// <summary>/oekonomi: the calculations the forum decided, each with its table and a link to its item.</summary>
[OutputCache(PolicyName = PublishingModule.PublicPolicy)]
public sealed class IndexModel(AppDb db, AllocationCalculator calculator) : PageModel
{
    public sealed record ItemLink(int MeetingId, int Number, string Title, string Meeting);
    public sealed record Entry(Allocation Allocation, AllocationResult? Result, string? Problem, ItemLink? Item);

    public sealed record CalculationEntry(SavedCalculation Calculation, CalculationReport? Report, string? Problem, ItemLink? Item);

    public List<Entry> Entries { get; private set; } = [];
    public List<CalculationEntry> Calculations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var decided = await db.Allocations.AsNoTracking().Include(a => a.Participants)
            .Where(a => a.State == AllocationState.Decided).ToListAsync(ct);
        var itemIds = decided.Where(a => a.DecidedItemId != null).Select(a => a.DecidedItemId!.Value).ToList();
        var items = await db.AgendaItems.AsNoTracking()
            .Where(i => itemIds.Contains(i.Id) && i.Meeting.State != MeetingState.Draft)
            .Select(i => new { i.Id, i.MeetingId, i.Number, i.Title, Body = i.Meeting.Body.Name, i.Meeting.StartsAt })
            .ToListAsync(ct);
        var links = items.ToDictionary(i => i.Id, i => new ItemLink(i.MeetingId, i.Number, i.Title, $"{i.Body} {Danish.Date(i.StartsAt)}"));

        foreach (var a in decided.OrderByDescending(a => a.DecidedAt).ThenBy(a => a.Name))
        {
            AllocationResult? result = null;
            string? problem = null;
            try { result = await calculator.ComputeAsync(a, ct); }
            catch (AllocationInputException e) { problem = e.Message; }
            var link = a.DecidedItemId is int id && links.TryGetValue(id, out var l) ? l : null;
            Entries.Add(new Entry(a, result, problem, link));
        }

        var engine = new CalculationEngine(db, calculator);
        var calculations = await db.SavedCalculations.AsNoTracking().Where(c => c.State == AllocationState.Decided).ToListAsync(ct);
        var calcLinks = await AgendaInsertion.PublicLinksAsync(db, calculations.Where(c => c.DecidedItemId != null).Select(c => c.DecidedItemId!.Value), ct);
        foreach (var c in calculations.OrderByDescending(c => c.DecidedAt).ThenBy(c => c.Name))
        {
            CalculationReport? report = null;
            string? problem = null;
            try { report = await engine.ReportAsync(c, ct); }
            catch (CalculationInputException e) { problem = e.Message; }
            var link = c.DecidedItemId is int id && calcLinks.TryGetValue(id, out var l) ? new ItemLink(l.MeetingId, l.Number, l.Title, l.Meeting) : null;
            Calculations.Add(new CalculationEntry(c, report, problem, link));
        }
    }
}
