using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Rammevaerk.Meetings;

namespace Rammevaerk.Cases;

/// <summary>
/// A case (sag): what travels between bodies. Every agenda item belongs to one; an item sent on to another body's
/// meeting joins the same case, and steps at bodies outside Rammeværk (K22, KKR Syddanmark, a ministry) are recorded
/// on it. Public, because the public item page shows its path (Sagsforløb).
/// </summary>
public sealed class Case
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<AgendaItem> Items { get; set; } = [];
    public List<OutsideStep> OutsideSteps { get; set; } = [];
}

/// <summary>The case at a body outside Rammeværk: when, where, what was asked, the outcome once known, a link.</summary>
public sealed class OutsideStep
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case Case { get; set; } = null!;
    /// <summary>The date of that body's meeting (or of the letter).</summary>
    public DateOnly Date { get; set; }
    public required string Body { get; set; }
    public required string Asked { get; set; }
    public string? Outcome { get; set; }
    /// <summary>That body's public minutes (http or https only).</summary>
    public string? Link { get; set; }
    /// <summary>The item it was sent on from, when it was (shown as "sendt videre fra").</summary>
    public int? SentFromItemId { get; set; }
    /// <summary>Like a closed item: the public sees only body and date.</summary>
    public bool IsClosed { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>
/// Every item belongs to a case: an item added without one (a new item, a template, an import, a generated item)
/// opens its own case titled like the item, in the same SaveChanges, so no writer of items has to remember it.
/// </summary>
public sealed class CaseForNewItems : SaveChangesInterceptor
{
    public static readonly CaseForNewItems Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Open(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Open(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // The interceptor is a singleton outside the container; the app's clock comes from the context's services.
    private static TimeProvider ClockOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()
            ?.ApplicationServiceProvider?.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    private static void Open(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<AgendaItem>().Where(e => e.State == EntityState.Added).ToList())
        {
            var item = entry.Entity;
            if (item.Case is not null || item.CaseId != 0) continue;
            var at = item.UpdatedAt == default ? ClockOf(context).GetUtcNow().UtcDateTime : item.UpdatedAt;
            item.Case = new Case { Title = item.Title.Length > CasesConfiguration.TitleLength ? item.Title[..CasesConfiguration.TitleLength] : item.Title, CreatedAt = at, UpdatedAt = at };
        }
    }
}
