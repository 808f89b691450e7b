using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Economics.Admin;

/// <summary>/sekretariat/oekonomi/takst/{ny|id}: a daily rate under both interest models, p/l-indexed to the years entered.</summary>
public sealed class RateModel(AppDb db, AllocationCalculator calculator, MeetingLifecycle lifecycle, TimeProvider clock)
    : CalculationPageModel<RateForm>(db, calculator, lifecycle, clock)
{
    public override CalculationKind Kind => CalculationKind.RateCalculation;

    protected override RateForm NewForm()
    {
        var year = Danish.TodayOf(Clock).Year;
        return new RateForm
        {
            PriceYear = year, Years = (year + 1).ToString(), CarriedSurplusOrDeficit = 0, OccupancyPercent = 95,
            InterestRates = [new() { Year = year - 1 }, new() { Year = year }, new() { Year = year + 1 }],
        };
    }

    protected override void Pad(RateForm form)
    {
        while (form.InterestRates.Count < 3 || form.InterestRates[^1].Year is not null || form.InterestRates[^1].Percent is not null)
            form.InterestRates.Add(new YearValueForm());
    }
}
