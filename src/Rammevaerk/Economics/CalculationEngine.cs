using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics.Calculations;
using Rammevaerk.Municipalities;
using static Rammevaerk.Economics.ReportOutput;

namespace Rammevaerk.Economics;

/// <summary>A calculation's input cannot be used: a Danish message and the form field it belongs to ("Input.X").</summary>
public sealed class CalculationInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Computes a saved (or about to be saved) calculation with the pure classes in <see cref="Calculations"/> and makes
/// the <see cref="CalculationReport"/> that the page, the agenda item and the exports show. Municipalities,
/// populations and the p/l index come from the database; every figure from the pure code.
/// </summary>
public sealed class CalculationEngine(AppDb db, AllocationCalculator calculator)
{
    public Task<CalculationReport> ReportAsync(SavedCalculation c, CancellationToken ct = default) =>
        ReportAsync(c.Kind, CalculationJson.Read(c.Kind, c.InputsJson), c.Name, c.Description, ct);

    public async Task<CalculationReport> ReportAsync(CalculationKind kind, object form, string name, string? description, CancellationToken ct = default)
    {
        CalculationReport report;
        try
        {
            report = form switch
            {
                BudgetTableForm f => Budget(f, name),
                RateForm f => await RateAsync(f, name, ct),
                ScenarioForm f => await ScenariosAsync(f, name, ct),
                GuaranteeForm f => await GuaranteeAsync(f, name, ct),
                IndexedFeeForm f => await IndexedFeeAsync(f, name, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(form)),
            };
        }
        catch (OverflowException)
        {
            throw new CalculationInputException("", "Tallene er for store til at regne med. Kontrollér beløbene.");
        }
        return report with
        {
            Inputs =
            [
                new("Navn", name), new("Beskrivelse", description ?? ""), new("Beregning", CalculationJson.KindName(kind)),
                .. report.Inputs,
            ],
        };
    }

    /// <summary>The p/l index table by year.</summary>
    public async Task<Dictionary<int, decimal>> IndexAsync(CancellationToken ct) =>
        await db.PriceWageIndex.AsNoTracking().ToDictionaryAsync(y => y.Year, y => y.Percent, ct);

    private static T Required<T>(T? value, string field, string message) where T : struct =>
        value ?? throw new CalculationInputException(field, message);

    /// <summary>Runs a pure calculation; its Danish message is attributed to <paramref name="field"/>.</summary>
    private static T Run<T>(string field, Func<T> calc)
    {
        try { return calc(); }
        catch (EconomicsInputException e) { throw new CalculationInputException(field, e.Message); }
    }

    // ---------------------------------------------------------------- budget table

    private static CalculationReport Budget(BudgetTableForm f, string name)
    {
        var total = Required(f.TotalBudget, "Input.TotalBudget", "Skriv udgiftsbudgettet i alt.");
        if (total < 0) throw new CalculationInputException("Input.TotalBudget", "Udgiftsbudgettet må ikke være negativt.");
        var p = Required(f.OverheadPercent, "Input.OverheadPercent", "Skriv overheadprocenten.");
        if (p < 0 || p > 100)
            throw new CalculationInputException("Input.OverheadPercent", $"Overheadprocenten skal være mellem 0 og 100 (den er {Num(p, 4)}).");
        if (f.RoundTo is not (1m or 10m or 100m or 1000m))
            throw new CalculationInputException("Input.RoundTo", "Vælg afrunding til 1, 10, 100 eller 1.000 kr.");
        var lines = f.Lines.Where(l => !string.IsNullOrWhiteSpace(l.Name) || l.Weight is not null).ToList();
        if (lines.Count == 0) throw new CalculationInputException("Input.Lines", "Angiv mindst én linje (center) med navn og driftsramme.");
        var centres = new List<BudgetCentre>();
        foreach (var (l, i) in lines.Select((l, i) => (l, i)))
        {
            if (string.IsNullOrWhiteSpace(l.Name)) throw new CalculationInputException("Input.Lines", $"Linje {i + 1} mangler et navn.");
            if (l.Weight is null) throw new CalculationInputException("Input.Lines", $"Skriv driftsrammen for {l.Name.Trim()}.");
            if (l.Weight < 0) throw new CalculationInputException("Input.Lines", $"Driftsrammen for {l.Name.Trim()} må ikke være negativ.");
            centres.Add(new BudgetCentre(l.Name.Trim(), l.Weight.Value));
        }
        var chosen = Run("Input.Lines", () => f.Method == BudgetRounding.CellsAddUp
            ? BudgetTable.ComputeAddingUp(total, centres, p, f.RoundTo)
            : BudgetTable.Compute(total, centres, p, f.RoundTo));
        var other = f.Method == BudgetRounding.CellsAddUp
            ? BudgetTable.Compute(total, centres, p, f.RoundTo)
            : BudgetTable.ComputeAddingUp(total, centres, p, f.RoundTo);

        string[] headers = ["", .. centres.Select(c => c.Name), "Samlet"];
        ReportTable Table(BudgetTableResult r, string caption, string sheet, bool rounded) => new(caption, sheet, headers,
            r.Rows.Select(row => (IReadOnlyList<ReportCell>)
                [new ReportCell(row.Label), .. row.Centres.Append(row.Total).Select(c => rounded ? KrCell(c.Rounded) : KrCell(c.Unrounded, 2))]).ToList(),
            [], rounded ? r.Convention : "Beløbene før afrunding; de går op både lodret og vandret.");

        var tables = new List<ReportTable>
        {
            Table(chosen, $"{name} ({(chosen.Method == BudgetRounding.Published ? "som den offentliggjorte tabel" : "cellerne går op")})", "Budgettabel", true),
            Table(chosen, "Uafrundede beløb", "Uafrundet", false),
            Table(other, other.Method == BudgetRounding.Published
                ? "Til sammenligning: hver celle afrundet for sig (som den offentliggjorte tabel)"
                : "Til sammenligning: centrene fordelt med største rest, så cellerne går op", "Alternativ", true),
        };

        var notes = new List<string>();
        decimal SumOf(BudgetRow row) => row.Centres.Sum(c => c.Rounded);
        var published = new (string Label, decimal? Value, BudgetRow Row)[]
        {
            ("Driftsramme", f.PublishedOperating, chosen.OperatingBudget),
            ("Overhead", f.PublishedOverhead, chosen.Overhead),
            ("Udgiftsbudget", f.PublishedTotal, chosen.ExpenditureBudget),
        };
        if (published.Any(x => x.Value is not null))
        {
            tables.Add(new ReportTable("Sammenligning med de offentliggjorte totaler", "Sammenligning",
                ["Række", "Offentliggjort", "Beregnet (Samlet)", "Sum af afrundede centre", "Offentliggjort − beregnet"],
                published.Where(x => x.Value is not null).Select(x => (IReadOnlyList<ReportCell>)
                    [new ReportCell(x.Label), KrCell(x.Value!.Value), KrCell(x.Row.Total.Rounded), KrCell(SumOf(x.Row)), DiffCell(x.Value.Value - x.Row.Total.Rounded)]).ToList(),
                []));
            var given = published.Where(x => x.Value is not null).ToList();
            var matches = given.Where(x => x.Value == x.Row.Total.Rounded).ToList();
            var text = matches.Count == given.Count
                ? $"De offentliggjorte totaler ({string.Join(" / ", given.Select(x => Kr(x.Value!.Value)))}) kommer præcis ud af beregningen, fordi kolonnen Samlet regnes af de uafrundede totaler og ikke som summen af de afrundede centerbeløb. "
                : $"Beregningen giver ikke alle de offentliggjorte totaler: {string.Join("; ", given.Where(x => x.Value != x.Row.Total.Rounded).Select(x => $"{x.Label.ToLowerInvariant()} offentliggjort {Kr(x.Value!.Value)}, beregnet {Kr(x.Row.Total.Rounded)}"))}. ";
            var breaks = given.Where(x => SumOf(x.Row) != x.Row.Total.Rounded).ToList();
            text += breaks.Count == 0
                ? "Centrenes afrundede beløb summer også til totalerne."
                : "Summen af de afrundede centerbeløb giver " + string.Join("; ", breaks.Select(x => $"{Kr(SumOf(x.Row))} for {x.Label.ToLowerInvariant()} (mod {Kr(x.Row.Total.Rounded)})")) +
                  " – forskellen skyldes alene, at hvert center er afrundet for sig; de uafrundede beløb går op.";
            notes.Add(text);
        }

        return new CalculationReport($"{CalculationJson.KindName(CalculationKind.BudgetTable)}: {name}", tables, notes,
        [
            new("Udgiftsbudget i alt (kr.)", "", total), new("Overhead (%)", "", p), new("Afrundes til (kr.)", "", f.RoundTo),
            new("Konvention", chosen.Method == BudgetRounding.Published ? "Som den offentliggjorte tabel (hver celle for sig)" : "Cellerne går op (største rest)"),
            .. centres.Select(c => new ReportInput($"Driftsramme (vægt): {c.Name}", "", c.Weight)),
            .. published.Where(x => x.Value is not null).Select(x => new ReportInput($"Offentliggjort {x.Label.ToLowerInvariant()} i alt (kr.)", "", x.Value)),
        ]);
    }

    // ---------------------------------------------------------------- rate calculation

    public static List<int> ParseYears(string? text)
    {
        var years = new List<int>();
        foreach (var part in (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var y) || y < 1900 || y > 2200)
                throw new CalculationInputException("Input.Years", $"Beregningsåret \"{part}\" er ikke et år mellem 1900 og 2200.");
            years.Add(y);
        }
        return years;
    }

    private async Task<CalculationReport> RateAsync(RateForm f, string name, CancellationToken ct)
    {
        var priceYear = Required(f.PriceYear, "Input.PriceYear", "Skriv prisåret (det år, de direkte omkostninger er opgjort i).");
        var direct = Required(f.DirectCosts, "Input.DirectCosts", "Skriv de direkte omkostninger.");
        var p = Required(f.OverheadPercent, "Input.OverheadPercent", "Skriv overheadprocenten.");
        var places = Required(f.Places, "Input.Places", "Skriv antal pladser.");
        var occupancy = Required(f.OccupancyPercent, "Input.OccupancyPercent", "Skriv den forventede belægning i procent.");
        var days = Required(f.Days, "Input.Days", "Skriv antal dage.");
        // Field-by-field checks first, so the message lands at the right field.
        var probe = new RateInput(direct, p, f.CapitalBookValue ?? 0, 0, f.Depreciation ?? 0, f.CarriedSurplusOrDeficit ?? 0, places, occupancy, days);
        foreach (var (field, check) in new (string, RateInput)[]
        {
            ("Input.DirectCosts", probe with { OverheadPercent = 0, CapitalBookValue = 0, Depreciation = 0, CarriedSurplusOrDeficit = 0, Places = 1, OccupancyPercent = 100, Days = 1 }),
            ("Input.OverheadPercent", probe with { DirectCosts = 0, CapitalBookValue = 0, Depreciation = 0, CarriedSurplusOrDeficit = 0, Places = 1, OccupancyPercent = 100, Days = 1 }),
            ("Input.CapitalBookValue", probe with { DirectCosts = 0, OverheadPercent = 0, Depreciation = 0, CarriedSurplusOrDeficit = 0, Places = 1, OccupancyPercent = 100, Days = 1 }),
            ("Input.Depreciation", probe with { DirectCosts = 0, OverheadPercent = 0, CapitalBookValue = 0, CarriedSurplusOrDeficit = 0, Places = 1, OccupancyPercent = 100, Days = 1 }),
            ("Input.Places", probe with { DirectCosts = 0, OverheadPercent = 0, CapitalBookValue = 0, Depreciation = 0, CarriedSurplusOrDeficit = 0, OccupancyPercent = 100, Days = 1 }),
            ("Input.OccupancyPercent", probe with { DirectCosts = 0, OverheadPercent = 0, CapitalBookValue = 0, Depreciation = 0, CarriedSurplusOrDeficit = 0, Places = 1, Days = 1 }),
            ("Input.Days", probe with { DirectCosts = 0, OverheadPercent = 0, CapitalBookValue = 0, Depreciation = 0, CarriedSurplusOrDeficit = 0, Places = 1, OccupancyPercent = 100 }),
        })
        {
            Run(field, () => RateCalculator.Compute(check));
        }

        var rates = new Dictionary<int, decimal>();
        foreach (var r in f.InterestRates.Where(r => r.Year is not null || r.Percent is not null))
        {
            if (r.Year is not int y) throw new CalculationInputException("Input.InterestRates", $"En rente på {Num(r.Percent!.Value, 4)} % mangler sit år.");
            if (r.Percent is not decimal pct) throw new CalculationInputException("Input.InterestRates", $"Skriv renten for {y}.");
            if (!rates.TryAdd(y, pct)) throw new CalculationInputException("Input.InterestRates", $"Renten for {y} står der mere end én gang.");
        }
        var years = ParseYears(f.Years);
        if (years.Count == 0) throw new CalculationInputException("Input.Years", "Angiv mindst ét beregningsår.");
        var index = await IndexAsync(ct);

        RateComparisonResult result;
        try { result = RateComparison.Compute(probe, priceYear, rates, years, index); }
        catch (EconomicsInputException e)
        {
            var field = e.Message.StartsWith("Rente") ? "Input.InterestRates"
                : e.Message.Contains("p/l-indeks") || e.Message.StartsWith("P/L") ? "Input.PriceYear"
                : e.Message.StartsWith("Beregningsår") || e.Message.StartsWith("Angiv") || e.Message.StartsWith("Der kan højst") ? "Input.Years"
                : e.Message.StartsWith("Prisår") ? "Input.PriceYear"
                : "Input.CarriedSurplusOrDeficit";
            throw new CalculationInputException(field, e.Message);
        }

        var tables = new List<ReportTable>
        {
            new("Døgntakst efter de to rentemodeller", "Takster",
                ["År", "Direkte omkostninger (årets priser)", "Rente, gældende model", "Rente, rul over 3 år", "Døgntakst, gældende model", "Døgntakst, rul over 3 år", "Forskel pr. døgn (rul − gældende)"],
                result.Years.Select(y => (IReadOnlyList<ReportCell>)
                [
                    new ReportCell(y.Year.ToString()), KrCell(y.DirectCosts.Result), PctCell(y.Interest.Current, 4), PctCell(y.Interest.Rolled, 4),
                    KrCell(y.Current.DailyRateWholeKroner), KrCell(y.Rolled.DailyRateWholeKroner), DiffCell(y.Difference, 2),
                ]).ToList(),
                [],
                "Døgntaksterne er afrundet til hele kroner (halvdelen op); forskellen er regnet af de uafrundede takster. " +
                $"De direkte omkostninger er opgjort i {priceYear}-priser og fremskrevet med p/l-indekset til hvert beregningsår."),
        };
        foreach (var y in result.Years)
        {
            var rows = new List<IReadOnlyList<ReportCell>>();
            foreach (var l in y.DirectCosts.Lines) rows.Add([l.Label, l.Formula, KrCell(l.Value, 2)]);
            rows.Add(["Rente, gældende model", InterestModel.Current(rates, y.Year).Derivation, PctCell(y.Interest.Current, 4)]);
            rows.Add(["Rente, rul over 3 år", InterestModel.RollingThreeYears(rates, y.Year).Derivation, PctCell(y.Interest.Rolled, 4)]);
            foreach (var d in y.Current.Derivations)
            {
                var formula = d.Label == "Direkte omkostninger" && y.Year != priceYear
                    ? $"{Kr(direct)} i {priceYear}-priser fremskrevet til {y.Year}-priser (se p/l-linjerne ovenfor)"
                    : d.Formula;
                rows.Add([d.Label + (IsInterestDependent(d.Label) ? " (gældende model)" : ""), formula, Value(d)]);
            }
            foreach (var d in y.Rolled.Derivations.Where(d => IsInterestDependent(d.Label)))
                rows.Add([d.Label + " (rul over 3 år)", d.Formula, Value(d)]);
            tables.Add(new ReportTable($"Sådan er {y.Year} regnet", $"Udregning {y.Year}", ["Post", "Udregning", "Beløb"], rows, []));
        }

        return new CalculationReport($"{CalculationJson.KindName(CalculationKind.RateCalculation)}: {name}", tables, [],
        [
            new("Prisår", "", priceYear), new("Direkte omkostninger (kr., prisåret)", "", direct), new("Overhead (%)", "", p),
            new("Kapitalens bogførte værdi (kr.)", "", probe.CapitalBookValue), new("Afskrivninger (kr.)", "", probe.Depreciation),
            new("Overført overskud (+) / underskud (−) (kr.)", "", probe.CarriedSurplusOrDeficit), new("Pladser", "", places),
            new("Forventet belægning (%)", "", occupancy), new("Dage", "", days),
            .. rates.OrderBy(r => r.Key).Select(r => new ReportInput($"Rente {r.Key} (%)", "", r.Value)),
            new("Beregningsår", string.Join(", ", result.Years.Select(y => y.Year))),
            .. index.Where(i => i.Key > priceYear && i.Key <= result.Years[^1].Year).OrderBy(i => i.Key).Select(i => new ReportInput($"P/L-indeks {i.Key} (%)", "", i.Value)),
        ]);

        static bool IsInterestDependent(string label) => label is "Forrentning af kapital" or "Omkostningsgrundlag" or "Døgntakst" or "Døgntakst, hele kroner";
        static ReportCell Value(Derivation d) => d.Label == "Belagte dage" ? NumCell(d.Value, 2) : KrCell(d.Value, 2);
    }

    // ---------------------------------------------------------------- population helpers

    private async Task<(List<Municipality> Region, Dictionary<int, decimal> Population)> RegionPopulationAsync(int? year, CancellationToken ct)
    {
        var y = Required(year, "Input.ReferenceYear", "Vælg befolkningsåret.");
        var region = await calculator.RegionMunicipalitiesAsync(ct);
        var codes = region.Select(m => m.Code).ToList();
        var population = await db.MunicipalityPopulations.AsNoTracking().Where(p => p.Year == y && codes.Contains(p.MunicipalityCode))
            .ToDictionaryAsync(p => p.MunicipalityCode, p => (decimal)p.Population, ct);
        return (region, population);
    }

    private static List<Participant> Keys(IEnumerable<Municipality> chosen, int year, Dictionary<int, decimal> population) =>
        Run("Input.ReferenceYear", () => ParticipantKeys.FromPopulation(chosen.Select(m => (m.Code, m.Name)).ToList(), year, population).ToList());

    private static string RegionNote(Rounding rounding) => rounding == Rounding.Hundreds ? "afrundet til hele 100 kr." : "afrundet til hele kroner";

    // ---------------------------------------------------------------- deficit scenarios

    private async Task<CalculationReport> ScenariosAsync(ScenarioForm f, string name, CancellationToken ct)
    {
        var deficit = Required(f.Deficit, "Input.Deficit", "Skriv underskuddets størrelse.");
        if (deficit < 0) throw new CalculationInputException("Input.Deficit", $"Underskuddet må ikke være negativt (det er {Kr(deficit)}).");
        var (region, population) = await RegionPopulationAsync(f.ReferenceYear, ct);
        var year = f.ReferenceYear!.Value;
        var hostCode = Required(f.HostCode, "Input.HostCode", "Vælg driftsherrekommunen.");
        var host = region.FirstOrDefault(m => m.Code == hostCode) ?? throw new CalculationInputException("Input.HostCode", "Vælg driftsherrekommunen blandt regionens kommuner.");
        var keyed = Keys(region, year, population);
        var municipalities = keyed.Select(k => new ScenarioMunicipality(k.Code, k.Name, k.Key)).ToList();
        if (f.Use.Any(u => u.Value is not null && !region.Any(m => m.Code == u.Key)))
            throw new CalculationInputException("Input.Use", "En af de købende kommuner er ikke en af regionens kommuner. Hent siden igen, og skriv forbruget ud for kommunerne på listen.");
        var buyers = f.Use.Where(u => u.Value is not null).Select(u => new ScenarioBuyer(u.Key, u.Value!.Value)).ToList();
        var expected = Required(f.ExpectedUse, "Input.ExpectedUse", "Skriv den forventede belægning.");
        DeficitScenarioResult r;
        try { r = DeficitScenarios.Compute(deficit, host.Code, municipalities, buyers, expected, f.Unit, f.Rounding); }
        catch (EconomicsInputException e)
        {
            var field = e.Message.StartsWith("Den forventede") ? "Input.ExpectedUse" : e.Message.StartsWith("Underskud") || e.Message.StartsWith("Totalen") ? "Input.Deficit" : "Input.Use";
            throw new CalculationInputException(field, e.Message);
        }

        var unit = DeficitScenarios.UnitText(f.Unit);
        var others = municipalities.Count - 1;
        string[] headers =
        [
            "Kommune", $"Befolkning 1.1.{year}", $"Køb ({unit})",
            $"(a) De {others} andre efter befolkning", "(b) Køberne efter forbrug", "(c) Gennem taksten",
            "Forskel (b) − (a)", "Forskel (c) − (a)",
        ];
        var rows = r.Rows.Select(x => (IReadOnlyList<ReportCell>)
        [
            new ReportCell(x.IsHost ? $"{x.Name} (driftsherre)" : x.Name), NumCell(x.Population, 0), x.Use == 0 && !buyers.Any(b => b.Code == x.Code) ? new ReportCell("–") : NumCell(x.Use),
            KrCell(x.ByPopulation), KrCell(x.ByUse), KrCell(x.ThroughRate), DiffCell(x.UseMinusPopulation), DiffCell(x.RateMinusPopulation),
        ]).ToList();
        IReadOnlyList<ReportCell> footer =
        [
            new ReportCell("I alt"), NumCell(r.Rows.Sum(x => x.Population), 0), NumCell(r.BoughtUse),
            KrCell(r.Rows.Sum(x => x.ByPopulation)), KrCell(r.Rows.Sum(x => x.ByUse)), KrCell(r.Rows.Sum(x => x.ThroughRate)), DiffCell(0), DiffCell(0),
        ];
        var table = new ReportTable($"{name}: underskud på {Kr(deficit)} hos {host.Name} – hvad hver model koster hver kommune", "Modeller", headers, rows, [footer],
            $"Hver kolonne giver tilsammen præcis {Kr(deficit)}: beløbene er {RegionNote(f.Rounding)} efter største-rest-metoden, så intet beløb afviger en hel enhed eller mere fra sin nøjagtige andel. " +
            $"(a) Underskuddet deles af de {others} andre kommuner efter befolkningen 1. januar {year}; driftsherren betaler intet. " +
            "(b) Kun de købende kommuner betaler, efter deres forbrug (driftsherren med, hvis den selv køber). " +
            $"(c) Underskuddet lægges på taksten som et tillæg pr. {DeficitScenarios.UnitText(f.Unit, false)}; køberne betaler efter forbrug, og den del af den forventede belægning, der ikke er solgt, bliver hos driftsherren.");
        var derivation = new ReportTable("Sådan er tallene regnet", "Udregning", ["Post", "Udregning", "Værdi"],
            r.Derivations.Select(d => (IReadOnlyList<ReportCell>)[d.Label, d.Formula,
                d.Label.Contains("befolkning") ? NumCell(d.Value, 0) : d.Label.Contains("forbrug") ? NumCell(d.Value) : KrCell(d.Value, 2)]).ToList(), []);
        return new CalculationReport($"{CalculationJson.KindName(CalculationKind.DeficitScenarios)}: {name}", [table, derivation], [],
        [
            new("Underskud (kr.)", "", deficit), new("Driftsherre", host.Name), new("Befolkningsår", "", year),
            new("Afrunding", AllocationCalculator.RoundingText(f.Rounding)), new("Forbrug opgjort i", unit),
            new($"Forventet belægning ({unit})", "", expected),
            .. r.Rows.Where(x => buyers.Any(b => b.Code == x.Code)).Select(x => new ReportInput($"Køb: {x.Name} ({unit})", "", x.Use)),
        ]);
    }

    // ---------------------------------------------------------------- guarantee over several years

    private async Task<CalculationReport> GuaranteeAsync(GuaranteeForm f, string name, CancellationToken ct)
    {
        var amount = Required(f.YearlyAmount, "Input.YearlyAmount", "Skriv det årlige beløb.");
        var first = Required(f.FirstYear, "Input.FirstYear", "Skriv det første år.");
        var count = Required(f.Years, "Input.Years", "Skriv antal år.");
        var (region, population) = await RegionPopulationAsync(f.ReferenceYear, ct);
        var year = f.ReferenceYear!.Value;
        var host = f.HostCode is int h
            ? region.FirstOrDefault(m => m.Code == h) ?? throw new CalculationInputException("Input.HostCode", "Den valgte driftsherre er ikke en af regionens kommuner. Vælg på listen.")
            : null;
        var participants = Keys(region.Where(m => m.Code != host?.Code), year, population);
        GuaranteeScheduleResult r;
        try { r = MultiYear.GuaranteeSchedule(amount, first, count, participants, f.Rounding); }
        catch (EconomicsInputException e)
        {
            var field = e.Message.StartsWith("Antal år") ? "Input.Years" : e.Message.StartsWith("Første år") ? "Input.FirstYear" : "Input.YearlyAmount";
            throw new CalculationInputException(field, e.Message);
        }
        var years = r.PerYear.Select(y => y.Year).ToList();
        var table = new ReportTable(
            $"{name}: {Kr(amount)} om året i {count} år, delt af {(host is null ? $"de {participants.Count} kommuner" : $"de {participants.Count} kommuner uden {host.Name}")} efter befolkningen 1. januar {year}",
            "Garanti",
            ["Kommune", $"Befolkning 1.1.{year}", "Andel", .. years.Select(y => y.ToString()), "I alt"],
            r.Totals.Select(t => (IReadOnlyList<ReportCell>)
                [new ReportCell(t.Name), NumCell(t.Key, 0), PctCell(t.Percent), .. t.AmountsByYear.Select(a => KrCell(a)), KrCell(t.Total)]).ToList(),
            [[new ReportCell("I alt"), NumCell(r.Totals.Sum(t => t.Key), 0), new ReportCell("100,00 %", 100m), .. years.Select(_ => KrCell(amount)), KrCell(r.GrandTotal)]],
            r.Note);
        return new CalculationReport($"{CalculationJson.KindName(CalculationKind.Guarantee)}: {name}", [table], [],
        [
            new("Årligt beløb (kr.)", "", amount), new("Første år", "", first), new("Antal år", "", count),
            new("Befolkningsår", "", year), new("Driftsherre (betaler ikke)", host?.Name ?? "Ingen"),
            new("Afrunding", AllocationCalculator.RoundingText(f.Rounding)), new("Antal deltagere", "", participants.Count),
        ]);
    }

    // ---------------------------------------------------------------- per-citizen fee indexed by p/l

    private async Task<CalculationReport> IndexedFeeAsync(IndexedFeeForm f, string name, CancellationToken ct)
    {
        var fee = Required(f.BasePerCitizen, "Input.BasePerCitizen", "Skriv beløbet pr. indbygger i basisåret.");
        var baseYear = Required(f.BaseYear, "Input.BaseYear", "Skriv basisåret.");
        var toYear = Required(f.ToYear, "Input.ToYear", "Skriv slutåret.");
        var (region, population) = await RegionPopulationAsync(f.ReferenceYear, ct);
        var year = f.ReferenceYear!.Value;
        var index = await IndexAsync(ct);
        IndexedFeeResult r;
        try { r = MultiYear.IndexedFee(fee, baseYear, index, toYear); }
        catch (EconomicsInputException e)
        {
            var field = e.Message.StartsWith("Beløbet") ? "Input.BasePerCitizen" : e.Message.StartsWith("Basisåret") ? "Input.BaseYear" : "Input.ToYear";
            throw new CalculationInputException(field, e.Message);
        }
        var participants = Keys(region, year, population);
        var perYear = r.Years.Select(y => (y, Allocation: Run("Input.BasePerCitizen", () => Allocator.PerCitizen(y.PerCitizen, participants, f.Rounding)))).ToList();

        var feeTable = new ReportTable($"{name}: betaling pr. indbygger fremskrevet med p/l-indekset", "Pr. indbygger",
            ["År", "P/L-indeks", "Faktor", "Kr. pr. indbygger", "Udregning", $"Samlet betaling ({participants.Count} kommuner)"],
            perYear.Select(x => (IReadOnlyList<ReportCell>)
            [
                new ReportCell(x.y.Year.ToString()), x.y.IndexPercent is decimal ip ? PctCell(ip, 2) : new ReportCell("–"),
                NumCell(x.y.CumulativeFactor, 6), KrCell(x.y.PerCitizen, 4), new ReportCell(x.y.Derivation), KrCell(x.Allocation.Total),
            ]).ToList(), [],
            "Beløbet pr. indbygger afrundes ikke; hvert års samlede betaling er beløbet × befolkningen, " + RegionNote(f.Rounding) + " (halvdelen op), og fordeles efter største-rest-metoden.");
        var years = perYear.Select(x => x.y.Year).ToList();
        var amounts = new ReportTable($"Betaling pr. kommune (befolkningen 1. januar {year})", "Pr. kommune",
            ["Kommune", $"Befolkning 1.1.{year}", .. years.Select(y => y.ToString())],
            participants.Select((p, i) => (IReadOnlyList<ReportCell>)
                [new ReportCell(p.Name), NumCell(p.Key, 0), .. perYear.Select(x => KrCell(x.Allocation.Shares[i].Amount))]).ToList(),
            [[new ReportCell("I alt"), NumCell(participants.Sum(p => p.Key), 0), .. perYear.Select(x => KrCell(x.Allocation.Total))]],
            perYear[^1].Allocation.RoundingNote);
        return new CalculationReport($"{CalculationJson.KindName(CalculationKind.IndexedFee)}: {name}", [feeTable, amounts], [],
        [
            new("Beløb pr. indbygger i basisåret (kr.)", "", fee), new("Basisår", "", baseYear), new("Slutår", "", toYear),
            new("Befolkningsår", "", year), new("Afrunding", AllocationCalculator.RoundingText(f.Rounding)),
            .. r.Years.Where(y => y.IndexPercent is not null).Select(y => new ReportInput($"P/L-indeks {y.Year} (%)", "", y.IndexPercent)),
        ]);
    }
}
