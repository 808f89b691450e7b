using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics.Admin;

/// <summary>/sekretariat/oekonomi/fremskrevet-betaling/{ny|id}: a per-citizen fee indexed year by year by the p/l table.</summary>
public sealed class IndexedFeeModel(AppDb db, AllocationCalculator calculator, MeetingLifecycle lifecycle, TimeProvider clock)
    : CalculationPageModel<IndexedFeeForm>(db, calculator, lifecycle, clock)
{
    public override CalculationKind Kind => CalculationKind.IndexedFee;

    protected override IndexedFeeForm NewForm() => new()
    {
        BaseYear = Danish.TodayOf(Clock).Year,
        ToYear = Danish.TodayOf(Clock).Year + 2,
        ReferenceYear = ScenariosModel.DefaultYear(PopulationYears, Clock),
    };
}
