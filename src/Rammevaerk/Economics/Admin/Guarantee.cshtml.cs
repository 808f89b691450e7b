using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics.Admin;

/// <summary>/sekretariat/oekonomi/garanti/{ny|id}: a yearly amount shared by the others by population over several years.</summary>
public sealed class GuaranteeModel(AppDb db, AllocationCalculator calculator, MeetingLifecycle lifecycle, TimeProvider clock)
    : CalculationPageModel<GuaranteeForm>(db, calculator, lifecycle, clock)
{
    public override CalculationKind Kind => CalculationKind.Guarantee;

    protected override GuaranteeForm NewForm() => new()
    {
        FirstYear = Danish.TodayOf(Clock).Year + 1,
        HostCode = Municipalities.FirstOrDefault(m => m.Name == "Middelfart")?.Code,
        ReferenceYear = ScenariosModel.DefaultYear(PopulationYears, Clock),
    };
}
