// Public API (stable):
//   public enum BudgetRounding { Published, CellsAddUp }
//   public sealed record BudgetCentre(string Name, decimal Weight)
//   public sealed record BudgetCell(decimal Unrounded, decimal Rounded)
//   public sealed record BudgetRow(string Label, IReadOnlyList<BudgetCell> Centres, BudgetCell Total)
//   public sealed record BudgetTableResult(decimal TotalBudget, decimal OverheadPercent, decimal RoundTo,
//       BudgetRounding Method, IReadOnlyList<BudgetCentre> Centres, BudgetRow OperatingBudget, BudgetRow Overhead,
//       BudgetRow ExpenditureBudget, string Convention)   { IReadOnlyList<BudgetRow> Rows; }
//   public static class BudgetTable
//       BudgetTableResult Compute(decimal totalBudget, IReadOnlyList<string> centres, decimal overheadPercent, decimal roundTo = 100)
//       BudgetTableResult Compute(decimal totalBudget, IReadOnlyList<BudgetCentre> centres, decimal overheadPercent, decimal roundTo = 100)
//       BudgetTableResult ComputeAddingUp(decimal totalBudget, IReadOnlyList<string> centres, decimal overheadPercent, decimal roundTo = 100)
//       BudgetTableResult ComputeAddingUp(decimal totalBudget, IReadOnlyList<BudgetCentre> centres, decimal overheadPercent, decimal roundTo = 100)
//
// The budget table of seed 001 item 12 (table 3): rows Driftsramme (OperatingBudget), Overhead (x %) and
// Udgiftsbudget (ExpenditureBudget); one column per centre plus Total ("Samlet"). totalBudget is the
// udgiftsbudget, which INCLUDES the overhead: overhead = overheadPercent % of the udgiftsbudget and
// driftsramme = udgiftsbudget − overhead. A list of names splits the budget equally; BudgetCentre weights split
// it in proportion. Unrounded values: centre udgiftsbudget = total × weight / Σweights, overhead = that × p/100.
//
// Compute (Method = Published) reproduces the published table: in every column the udgiftsbudget and the
// overhead are each rounded to roundTo (halves up) and driftsramme = rounded udgiftsbudget − rounded overhead;
// the Total column is rounded from the unrounded totals, NOT summed from the rounded centre cells. For
// 869.500 kr., 2 centres, 4,9 %: 413.500 | 413.500 | 826.900; 21.300 | 21.300 | 42.600; 434.800 | 434.800 | 869.500.
// ComputeAddingUp (Method = CellsAddUp) has the same Total column, but each row's total is split over the
// centres by the largest-remainder method in whole roundTo units, so the centre cells add up to the total
// (ties: larger weight, then the earlier centre): 413.500 | 413.400 | 826.900; 21.300 | 21.300 | 42.600;
// 434.800 | 434.700 | 869.500. Convention is a Danish text stating the convention with the actual numbers.
namespace Rammevaerk.Economics.Calculations;

/// <summary>How the rounded cells of a budget table are made.</summary>
public enum BudgetRounding
{
    /// <summary>Each cell rounded on its own (as in the published table 3); totals from unrounded figures.</summary>
    Published,

    /// <summary>Totals as in Published; centre cells by largest remainder so that they add up to the totals.</summary>
    CellsAddUp,
}

/// <summary>A centre (column) of the budget table and its weight in the split of the budget.</summary>
public sealed record BudgetCentre(string Name, decimal Weight);

/// <summary>A cell: the unrounded value and the value shown.</summary>
public sealed record BudgetCell(decimal Unrounded, decimal Rounded);

/// <summary>A row: its Danish label, one cell per centre (in centre order) and the Total ("Samlet") cell.</summary>
public sealed record BudgetRow(string Label, IReadOnlyList<BudgetCell> Centres, BudgetCell Total);

/// <summary>A computed budget table with its Danish convention text.</summary>
public sealed record BudgetTableResult(
    decimal TotalBudget,
    decimal OverheadPercent,
    decimal RoundTo,
    BudgetRounding Method,
    IReadOnlyList<BudgetCentre> Centres,
    BudgetRow OperatingBudget,
    BudgetRow Overhead,
    BudgetRow ExpenditureBudget,
    string Convention)
{
    /// <summary>The rows in the published order: Driftsramme, Overhead, Udgiftsbudget.</summary>
    public IReadOnlyList<BudgetRow> Rows => [OperatingBudget, Overhead, ExpenditureBudget];
}

/// <summary>Budget table with overhead (seed 001, table 3).</summary>
public static class BudgetTable
{
    public static BudgetTableResult Compute(decimal totalBudget, IReadOnlyList<string> centres, decimal overheadPercent, decimal roundTo = 100) =>
        Compute(totalBudget, Equal(centres), overheadPercent, roundTo);

    public static BudgetTableResult Compute(decimal totalBudget, IReadOnlyList<BudgetCentre> centres, decimal overheadPercent, decimal roundTo = 100) =>
        Build(totalBudget, centres, overheadPercent, roundTo, BudgetRounding.Published);

    public static BudgetTableResult ComputeAddingUp(decimal totalBudget, IReadOnlyList<string> centres, decimal overheadPercent, decimal roundTo = 100) =>
        ComputeAddingUp(totalBudget, Equal(centres), overheadPercent, roundTo);

    public static BudgetTableResult ComputeAddingUp(decimal totalBudget, IReadOnlyList<BudgetCentre> centres, decimal overheadPercent, decimal roundTo = 100) =>
        Build(totalBudget, centres, overheadPercent, roundTo, BudgetRounding.CellsAddUp);

    private static IReadOnlyList<BudgetCentre> Equal(IReadOnlyList<string> centres) =>
        centres is null ? [] : centres.Select(name => new BudgetCentre(name, 1m)).ToList();

    private static BudgetTableResult Build(decimal total, IReadOnlyList<BudgetCentre> centres, decimal p, decimal unit, BudgetRounding method)
    {
        var weightSum = Validate(total, centres, p, unit);
        var n = centres.Count;

        // Unrounded figures.
        var expenditure = centres.Select(c => total * c.Weight / weightSum).ToArray();
        var overhead = expenditure.Select(u => u * p / 100m).ToArray();
        var operating = expenditure.Select((u, i) => u - overhead[i]).ToArray();
        var totalOverhead = total * p / 100m;
        var totalOperating = total - totalOverhead;

        // Total column: rounded from the unrounded totals; driftsramme as the difference of the rounded cells.
        var totalExpR = Dk.RoundTo(total, unit);
        var totalOhR = Dk.RoundTo(totalOverhead, unit);
        var totalOpR = totalExpR - totalOhR;

        decimal[] expR, ohR;
        if (method == BudgetRounding.Published)
        {
            expR = expenditure.Select(u => Dk.RoundTo(u, unit)).ToArray();
            ohR = overhead.Select(o => Dk.RoundTo(o, unit)).ToArray();
        }
        else
        {
            var weights = centres.Select(c => c.Weight).ToList();
            var order = Enumerable.Range(0, n).ToList();
            expR = LargestRemainder.Split(totalExpR / unit, weights, order).Select(u => u * unit).ToArray();
            ohR = LargestRemainder.Split(totalOhR / unit, weights, order).Select(u => u * unit).ToArray();
        }
        var opR = expR.Select((u, i) => u - ohR[i]).ToArray();

        var pText = Dk.Number(p);
        BudgetRow Row(string label, decimal[] unrounded, decimal[] rounded, decimal tu, decimal tr) =>
            new(label, unrounded.Select((u, i) => new BudgetCell(u, rounded[i])).ToList(), new BudgetCell(tu, tr));

        var opRow = Row("Driftsramme", operating, opR, totalOperating, totalOpR);
        var ohRow = Row($"Overhead ({pText} %)", overhead, ohR, totalOverhead, totalOhR);
        var expRow = Row("Udgiftsbudget (afrundet)", expenditure, expR, total, totalExpR);

        var convention = method == BudgetRounding.Published
            ? PublishedText(centres, p, unit, opRow, ohRow, expRow)
            : AddingUpText(centres, p, unit, opRow, ohRow, expRow);
        return new BudgetTableResult(total, p, unit, method, centres, opRow, ohRow, expRow, convention);
    }

    private static string Common(IReadOnlyList<BudgetCentre> centres, decimal p, decimal unit, BudgetRow op, BudgetRow oh, BudgetRow exp)
    {
        var equal = centres.All(c => c.Weight == centres[0].Weight);
        var split = centres.Count == 1 ? "ligger i ét center" : equal ? "fordeles ligeligt på centrene" : "fordeles på centrene efter deres vægt";
        var directOp = Dk.RoundTo(op.Total.Unrounded, unit);
        return $"Overhead er {Dk.Pct(p)} af udgiftsbudgettet og indgår i det, så driftsramme = udgiftsbudget − overhead. " +
               $"Udgiftsbudgettet på {Dk.Kr(exp.Total.Unrounded)} {split}. Beløbene afrundes til nærmeste {Dk.Kr(unit)} (halvdelen rundes op). " +
               $"Kolonnen Samlet regnes af de uafrundede totaler: overhead {Dk.Kr(exp.Total.Unrounded)} × {Dk.Pct(p)} = {Dk.Kr(oh.Total.Unrounded)} → {Dk.Kr(oh.Total.Rounded)}, " +
               $"driftsramme {Dk.Kr(exp.Total.Rounded)} − {Dk.Kr(oh.Total.Rounded)} = {Dk.Kr(op.Total.Rounded)} " +
               (directOp == op.Total.Rounded
                   ? $"(det samme som den uafrundede driftsramme {Dk.Kr(op.Total.Unrounded)} afrundet). "
                   : $"(den uafrundede driftsramme {Dk.Kr(op.Total.Unrounded)} afrundet for sig ville give {Dk.Kr(directOp)}). ");
    }

    private static string PublishedText(IReadOnlyList<BudgetCentre> centres, decimal p, decimal unit, BudgetRow op, BudgetRow oh, BudgetRow exp)
    {
        var text = "Konvention som i den offentliggjorte tabel: " + Common(centres, p, unit, op, oh, exp) +
                   "I hver centerkolonne afrundes udgiftsbudget og overhead hver for sig, og driftsrammen er det afrundede udgiftsbudget " +
                   "minus det afrundede overhead, så hver kolonne går op lodret. ";
        var perCentre = centres.Select((c, i) =>
            $"{c.Name}: udgiftsbudget {Dk.Kr(exp.Centres[i].Unrounded)} → {Dk.Kr(exp.Centres[i].Rounded)}, " +
            $"overhead {Dk.Kr(oh.Centres[i].Unrounded)} → {Dk.Kr(oh.Centres[i].Rounded)}, " +
            $"driftsramme {Dk.Kr(exp.Centres[i].Rounded)} − {Dk.Kr(oh.Centres[i].Rounded)} = {Dk.Kr(op.Centres[i].Rounded)}");
        text += string.Join("; ", perCentre) + " "; // each part ends in "kr."

        var breaks = new List<string>();
        foreach (var row in new[] { op, oh, exp })
        {
            var sum = row.Centres.Sum(c => c.Rounded);
            if (sum != row.Total.Rounded)
            {
                breaks.Add($"{FirstWord(row.Label)} {string.Join(" + ", row.Centres.Select(c => Dk.Number(c.Rounded)))} = {Dk.Kr(sum)} " +
                           $"mod {Dk.Kr(row.Total.Rounded)} i Samlet");
            }
        }
        text += breaks.Count == 0
            ? "Her giver centrenes afrundede beløb præcis totalerne."
            : "Da Samlet ikke er summen af de afrundede centerbeløb, går rækkerne ikke op vandret: " + string.Join("; ", breaks) +
              ". Forskellen skyldes alene afrunding af hvert center for sig; de uafrundede beløb går op.";
        return text;
    }

    private static string AddingUpText(IReadOnlyList<BudgetCentre> centres, decimal p, decimal unit, BudgetRow op, BudgetRow oh, BudgetRow exp) =>
        "Alternativ, hvor cellerne går op: " + Common(centres, p, unit, op, oh, exp) +
        $"Udgiftsbudget og overhead i Samlet fordeles hver for sig på centrene med største-rest-metoden i hele {Dk.Kr(unit)}, " +
        "så centrene summer præcis til totalen (ved lige store rester først det største center, derefter det første i rækkefølgen), " +
        "og driftsrammen er udgiftsbudget minus overhead i hvert center. Dermed går tabellen op både lodret og vandret, " +
        "men centre med samme vægt kan få forskellige beløb.";

    private static string FirstWord(string label) => label.Split(' ')[0].ToLowerInvariant();

    private static decimal Validate(decimal total, IReadOnlyList<BudgetCentre> centres, decimal p, decimal unit)
    {
        if (total < 0)
            throw new EconomicsInputException("Totalen må ikke være negativ.");
        if (centres is null || centres.Count == 0)
            throw new EconomicsInputException("Angiv mindst ét center.");
        if (p < 0 || p > 100)
            throw new EconomicsInputException($"Overheadprocenten skal være mellem 0 og 100 (den er {Dk.Number(p)}).");
        if (unit <= 0)
            throw new EconomicsInputException($"Der skal afrundes til et positivt beløb (det er {Dk.Kr(unit)}).");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < centres.Count; i++)
        {
            var c = centres[i];
            if (string.IsNullOrWhiteSpace(c.Name))
                throw new EconomicsInputException($"Center nr. {i + 1} mangler et navn.");
            if (!names.Add(c.Name.Trim()))
                throw new EconomicsInputException($"Centret {c.Name} står der mere end én gang.");
            if (c.Weight < 0)
                throw new EconomicsInputException($"Vægten for {c.Name} må ikke være negativ (den er {Dk.Number(c.Weight)}).");
        }
        var sum = centres.Sum(c => c.Weight);
        if (sum == 0)
            throw new EconomicsInputException("Vægtene giver tilsammen 0, så budgettet kan ikke fordeles.");
        return sum;
    }
}
