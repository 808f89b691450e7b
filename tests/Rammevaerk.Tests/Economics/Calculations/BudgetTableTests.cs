using Rammevaerk.Economics.Calculations;

namespace Rammevaerk.Tests.Economics.Calculations;

// (c) Seed 001 item 12, "Tabel 3. Udgiftsbudget" (2025 prices):
//                              Esbjerg   Odense   Samlet
//   Driftsramme                413.500   413.500  826.900
//   Overhead (4,9%)             21.300    21.300   42.600
//   Udgiftsbudget (afrundet)   434.800   434.800  869.500
public class BudgetTableTests
{
    [Fact]
    public void Published_table_3_is_reproduced_cell_for_cell()
    {
        var table = BudgetTable.Compute(869_500m, ["Esbjerg", "Odense"], 4.9m);

        Assert.Equal(BudgetRounding.Published, table.Method);
        Assert.Equal(["Esbjerg", "Odense"], table.Centres.Select(c => c.Name));
        Assert.Equal(["Driftsramme", "Overhead (4,9 %)", "Udgiftsbudget (afrundet)"], table.Rows.Select(r => r.Label));
        AssertRounded(table.OperatingBudget, 413_500m, 413_500m, 826_900m);
        AssertRounded(table.Overhead, 21_300m, 21_300m, 42_600m);
        AssertRounded(table.ExpenditureBudget, 434_800m, 434_800m, 869_500m);
    }

    [Fact]
    public void Published_table_3_comes_from_these_unrounded_figures()
    {
        var table = BudgetTable.Compute(869_500m, ["Esbjerg", "Odense"], 4.9m);

        AssertUnrounded(table.ExpenditureBudget, 434_750m, 434_750m, 869_500m);
        AssertUnrounded(table.Overhead, 21_302.75m, 21_302.75m, 42_605.5m);
        AssertUnrounded(table.OperatingBudget, 413_447.25m, 413_447.25m, 826_894.5m);
        // Every column adds up vertically in the rounded figures …
        for (var i = 0; i < 2; i++)
            Assert.Equal(table.ExpenditureBudget.Centres[i].Rounded, table.OperatingBudget.Centres[i].Rounded + table.Overhead.Centres[i].Rounded);
        Assert.Equal(table.ExpenditureBudget.Total.Rounded, table.OperatingBudget.Total.Rounded + table.Overhead.Total.Rounded);
        // … but two rows do not add up across, which is what the published table shows.
        Assert.Equal(827_000m, table.OperatingBudget.Centres.Sum(c => c.Rounded));
        Assert.Equal(869_600m, table.ExpenditureBudget.Centres.Sum(c => c.Rounded));
        Assert.Equal(42_600m, table.Overhead.Centres.Sum(c => c.Rounded));
    }

    [Fact]
    public void Convention_text_states_the_rule_and_explains_827000_against_826900()
    {
        var table = BudgetTable.Compute(869_500m, ["Esbjerg", "Odense"], 4.9m);

        Assert.Contains("Overhead er 4,9 % af udgiftsbudgettet og indgår i det", table.Convention);
        Assert.Contains("869.500 kr. × 4,9 % = 42.605,5 kr. → 42.600 kr.", table.Convention);
        Assert.Contains("869.500 kr. − 42.600 kr. = 826.900 kr.", table.Convention);
        Assert.Contains("826.894,5 kr.", table.Convention);
        Assert.Contains("udgiftsbudget 434.750 kr. → 434.800 kr.", table.Convention);
        Assert.Contains("overhead 21.302,75 kr. → 21.300 kr.", table.Convention);
        Assert.Contains("driftsramme 434.800 kr. − 21.300 kr. = 413.500 kr.", table.Convention);
        Assert.Contains("driftsramme 413.500 + 413.500 = 827.000 kr. mod 826.900 kr. i Samlet", table.Convention);
        Assert.Contains("udgiftsbudget 434.800 + 434.800 = 869.600 kr. mod 869.500 kr. i Samlet", table.Convention);
        Assert.DoesNotContain("..", table.Convention);
    }

    [Fact]
    public void Alternative_with_cells_that_add_up_keeps_the_totals()
    {
        var table = BudgetTable.ComputeAddingUp(869_500m, ["Esbjerg", "Odense"], 4.9m);

        Assert.Equal(BudgetRounding.CellsAddUp, table.Method);
        AssertRounded(table.OperatingBudget, 413_500m, 413_400m, 826_900m);
        AssertRounded(table.Overhead, 21_300m, 21_300m, 42_600m);
        AssertRounded(table.ExpenditureBudget, 434_800m, 434_700m, 869_500m);
        foreach (var row in table.Rows)
            Assert.Equal(row.Total.Rounded, row.Centres.Sum(c => c.Rounded));
        Assert.StartsWith("Alternativ, hvor cellerne går op:", table.Convention);
    }

    [Fact]
    public void Weights_split_the_budget_in_proportion()
    {
        var table = BudgetTable.Compute(1_000_000m, [new BudgetCentre("A", 3), new BudgetCentre("B", 1)], 5m, 1000m);

        AssertUnrounded(table.ExpenditureBudget, 750_000m, 250_000m, 1_000_000m);
        AssertRounded(table.Overhead, 38_000m, 13_000m, 50_000m);       // 37.500 → 38.000, 12.500 → 13.000
        AssertRounded(table.OperatingBudget, 712_000m, 237_000m, 950_000m);
        Assert.Contains("fordeles på centrene efter deres vægt", table.Convention);

        var addingUp = BudgetTable.ComputeAddingUp(1_000_000m, [new BudgetCentre("A", 3), new BudgetCentre("B", 1)], 5m, 1000m);
        AssertRounded(addingUp.Overhead, 38_000m, 12_000m, 50_000m);    // tie ,5 / ,5 → the larger weight
        AssertRounded(addingUp.OperatingBudget, 712_000m, 238_000m, 950_000m);
    }

    private static void AssertRounded(BudgetRow row, decimal first, decimal second, decimal total)
    {
        Assert.Equal([first, second], row.Centres.Select(c => c.Rounded));
        Assert.Equal(total, row.Total.Rounded);
    }

    private static void AssertUnrounded(BudgetRow row, decimal first, decimal second, decimal total)
    {
        Assert.Equal([first, second], row.Centres.Select(c => c.Unrounded));
        Assert.Equal(total, row.Total.Unrounded);
    }
}
