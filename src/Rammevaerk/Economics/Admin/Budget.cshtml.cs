using Rammevaerk.Data;
using Rammevaerk.Economics.Calculations;
using Rammevaerk.Meetings;

namespace Rammevaerk.Economics.Admin;

/// <summary>/sekretariat/oekonomi/budget/{ny|id}: a budget table with overhead (seed 001 table 3).</summary>
public sealed class BudgetModel(AppDb db, AllocationCalculator calculator, MeetingLifecycle lifecycle, TimeProvider clock)
    : CalculationPageModel<BudgetTableForm>(db, calculator, lifecycle, clock)
{
    public override CalculationKind Kind => CalculationKind.BudgetTable;

    protected override BudgetTableForm NewForm() => new() { Lines = [new() { Name = "" }, new() { Name = "" }] };

    protected override void Pad(BudgetTableForm form)
    {
        while (form.Lines.Count < 2 || !string.IsNullOrWhiteSpace(form.Lines[^1].Name) || form.Lines[^1].Weight is not null)
            form.Lines.Add(new BudgetLineForm());
    }

    public static string RoundingLabel(decimal unit) => unit switch
    {
        1m => "Til hele kroner",
        10m => "Til hele 10 kr.",
        1000m => "Til hele 1.000 kr.",
        _ => "Til hele 100 kr.",
    };

    public static BudgetRounding[] Methods => [BudgetRounding.Published, BudgetRounding.CellsAddUp];
}
