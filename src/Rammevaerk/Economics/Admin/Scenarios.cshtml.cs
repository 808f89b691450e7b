using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics.Admin;

/// <summary>/sekretariat/oekonomi/scenarier/{ny|id}: a deficit at a host financed three ways, per municipality (seed 000 item 3).</summary>
public sealed class ScenariosModel(AppDb db, AllocationCalculator calculator, MeetingLifecycle lifecycle, TimeProvider clock)
    : CalculationPageModel<ScenarioForm>(db, calculator, lifecycle, clock)
{
    public override CalculationKind Kind => CalculationKind.DeficitScenarios;

    protected override ScenarioForm NewForm() => new()
    {
        HostCode = Municipalities.FirstOrDefault(m => m.Name == "Middelfart")?.Code,
        ReferenceYear = DefaultYear(PopulationYears, Clock),
    };

    /// <summary>The newest population year not after this year.</summary>
    public static int? DefaultYear(List<int> years, TimeProvider clock) => years.Where(y => y <= Danish.TodayOf(clock).Year).Cast<int?>().FirstOrDefault() ?? years.Cast<int?>().FirstOrDefault();
}
