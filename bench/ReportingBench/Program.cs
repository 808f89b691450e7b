// Annual-report workbook benchmark: 23 pre-filled workbooks (the 22 municipalities of Region Syddanmark and the
// region itself) with 500 offers in all, 1–3 services each, made with a fixed random seed and written by
// ReportWorkbook.Write. Then, alternating, several runs of
//   (a) the reference: open each workbook with OpenXml and read every cell of every sheet (SAX, one row at a time),
//   (b) our import: ReportWorkbook.Read of all 23 (upload checks, metadata, grouping, Danish messages),
//       ReportValidator.Validate of every report (the whole round) and Locate of the issues found.
// Prints the medians and the ratio ours/reference. See bench/README.md.
//
// dotnet run -c Release --project bench/ReportingBench -- --shared DIR [--runs 15] [--warmup 3] [--offers 500] [--seed 20261123]
using System.Diagnostics;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rammevaerk.Municipalities;
using Rammevaerk.Offers;
using Rammevaerk.Reporting.Validation;
using Rammevaerk.Reporting.Workbook;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

var options = ParseArgs(args);
var shared = options.GetValueOrDefault("shared") ?? throw new ArgumentException("--shared DIR is required");
var runs = int.Parse(options.GetValueOrDefault("runs") ?? "15", CultureInfo.InvariantCulture);
var warmup = int.Parse(options.GetValueOrDefault("warmup") ?? "3", CultureInfo.InvariantCulture);
var offerCount = int.Parse(options.GetValueOrDefault("offers") ?? "500", CultureInfo.InvariantCulture);
var seed = int.Parse(options.GetValueOrDefault("seed") ?? "20261123", CultureInfo.InvariantCulture);
const int Year = 2026;
const string Region = "Region Syddanmark";

var all = MunicipalityCsv.Parse(File.ReadAllText(Path.Combine(shared, "data", "municipalities.csv")));
var municipalities = all.ToDictionary(m => m.Code, m => m.Name);
var regional = all.Where(m => m.Region == Region).OrderBy(m => m.Name, StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), false)).ToList();
var lists = WorkbookLists.Standard(municipalities);

// --- The round: 23 operators, 500 offers, last year's figures ------------------------------------------------
var random = new Random(seed);
var operators = regional.Select((m, i) => (Id: i + 1, Name: $"{m.Name} Kommune", Code: (int?)m.Code)).ToList();
operators.Add((operators.Count + 1, Region, null));
var weights = operators.Select(o => o.Code is int c ? Math.Sqrt(all.Single(m => m.Code == c).Populations.Last().Population) : 200.0).ToArray();
var perOperator = Distribute(offerCount, weights, random);
var generator = new OfferGenerator(random, regional.ToDictionary(m => m.Code, m => m.Name), Year);
var reports = new List<(WorkbookHeader Header, List<OfferSnapshot> Offers, byte[] Bytes)>();
var lastYear = new Dictionary<int, OfferSnapshot>();
for (var i = 0; i < operators.Count; i++)
{
    var op = operators[i];
    generator.StartOperator();
    var offers = Enumerable.Range(0, perOperator[i]).Select(_ => generator.Next(op.Id, op.Name)).ToList();
    foreach (var o in offers) lastYear[o.OfferId!.Value] = generator.LastYear(o);
    var header = new WorkbookHeader(42, Year, op.Id, op.Name, Region, new DateOnly(Year + 1, 3, 1),
        "Husk at opdatere takster og pladser, og begrund takstændringer over 10 %.") { LastYear = lastYear };
    var bytes = ReportWorkbook.Write(header, offers, lists);
    reports.Add((header, offers, bytes));
}
var services = reports.Sum(r => r.Offers.Sum(o => o.Services.Count()));
Console.WriteLine($"{reports.Count} workbooks, {reports.Sum(r => r.Offers.Count)} offers, {services} services (rows on 'Tilbud'), " +
                  $"{reports.Sum(r => r.Offers.Sum(o => o.Buyers.Count))} buyer rows; {reports.Sum(r => r.Bytes.Length) / 1024.0:F0} KB in all " +
                  $"(smallest {reports.Min(r => r.Bytes.Length) / 1024.0:F1} KB, largest {reports.Max(r => r.Bytes.Length) / 1024.0:F1} KB).");

var context = new ValidationContext(
    ReferenceLists.LegalBases.ToDictionary(l => l.Code, l => l.Scope, StringComparer.OrdinalIgnoreCase),
    ReferenceLists.TargetGroups.ToDictionary(t => t.Name, t => t.Scope, StringComparer.OrdinalIgnoreCase),
    municipalities, Year, 10m, lastYear);

// --- Correctness first: ours gives back what was written ------------------------------------------------------
var check = Import();
var mismatches = reports.Select((r, i) => r.Offers.Select(o => o.ToJson()).SequenceEqual(check.Results[i].Offers.Select(o => o.ToJson())) ? 0 : 1).Sum();
var problems = check.Results.Sum(r => r.Problems.Count);
Console.WriteLine($"Round trip: {reports.Count - mismatches} of {reports.Count} workbooks read back equal to what was written; {problems} read problems; " +
                  $"validation: {check.Issues.Count(i => i.Severity == IssueSeverity.Error)} errors, {check.Issues.Count(i => i.Severity == IssueSeverity.Warning)} warnings " +
                  $"(located, e.g. \"{check.Located.FirstOrDefault()?.Location}\").");
Console.WriteLine($"Reference reads {Reference()} cells.");
if (options.GetValueOrDefault("issues") is { } show)
{
    foreach (var group in check.Located.GroupBy(i => (i.Severity, i.Field)).OrderByDescending(g => g.Count()).Take(int.Parse(show, CultureInfo.InvariantCulture)))
    {
        Console.WriteLine($"  {group.Count(),4} × {group.Key.Severity} {group.Key.Field}: {group.First().Message} [{group.First().Location}]");
    }
}
if (mismatches > 0 || problems > 0) return 1;
if (runs < 1) return 0;

// --- Timing -----------------------------------------------------------------------------------------------------
var reference = new List<double>();
var ours = new List<double>();
var readOnly = new List<double>();
var referenceCpu = new List<double>();
var oursCpu = new List<double>();
var process = Process.GetCurrentProcess();
double Cpu() { process.Refresh(); return process.TotalProcessorTime.TotalMilliseconds; }
for (var run = -warmup; run < runs; run++)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var cpu = Cpu();
    var watch = Stopwatch.StartNew();
    Reference();
    var r = watch.Elapsed.TotalMilliseconds;
    var rCpu = Cpu() - cpu;
    GC.Collect();
    GC.WaitForPendingFinalizers();
    cpu = Cpu();
    watch.Restart();
    var imported = Import();
    var o = watch.Elapsed.TotalMilliseconds;
    var oCpu = Cpu() - cpu;
    if (run >= 0)
    {
        reference.Add(r);
        ours.Add(o);
        readOnly.Add(imported.ReadMs);
        referenceCpu.Add(rCpu);
        oursCpu.Add(oCpu);
    }
}

Console.WriteLine();
Console.WriteLine($"{runs} runs after {warmup} warm-up runs, each over all {reports.Count} workbooks (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}):");
Console.WriteLine();
Console.WriteLine("| what | median | min | max | per workbook (median) |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Row("(a) reference: OpenXml, every cell of every sheet", reference);
Row("(b) ours: ReportWorkbook.Read ×23 + Validate + Locate", ours);
Row("    of which ReportWorkbook.Read ×23", readOnly);
Console.WriteLine($"| (a) reference, CPU time of the process | {Median(referenceCpu):F1} ms | {referenceCpu.Min():F1} ms | {referenceCpu.Max():F1} ms | {Median(referenceCpu) / reports.Count:F2} ms |");
Console.WriteLine($"| (b) ours, CPU time of the process | {Median(oursCpu):F1} ms | {oursCpu.Min():F1} ms | {oursCpu.Max():F1} ms | {Median(oursCpu) / reports.Count:F2} ms |");
Console.WriteLine();
Console.WriteLine($"Ratio ours/reference (medians): {Median(ours) / Median(reference):F2} (read alone: {Median(readOnly) / Median(reference):F2}); " +
                  $"median of the {runs} runs' own ratios: {Median(ours.Zip(reference, (o, r) => o / r).ToList()):F2}; " +
                  $"CPU time: {Median(oursCpu) / Median(referenceCpu):F2}.");
return 0;

void Row(string name, List<double> ms) =>
    Console.WriteLine($"| {name} | {Median(ms):F1} ms | {ms.Min():F1} ms | {ms.Max():F1} ms | {Median(ms) / reports.Count:F2} ms |");

(List<WorkbookReadResult> Results, List<ReportIssue> Issues, IReadOnlyList<ReportIssue> Located, double ReadMs) Import()
{
    var watch = Stopwatch.StartNew();
    var results = new List<WorkbookReadResult>(reports.Count);
    foreach (var (header, _, bytes) in reports)
    {
        var result = ReportWorkbook.Read(new MemoryStream(bytes, writable: false),
            new WorkbookExpectation(header.RoundId, header.OperatorId, header.Year, lists) { OperatorName = header.OperatorName });
        results.Add(result);
    }
    var readMs = watch.Elapsed.TotalMilliseconds;
    // The validator checks one operator's report (as the app does on upload and submit), over the whole round.
    var issues = new List<ReportIssue>();
    var located = new List<ReportIssue>();
    foreach (var result in results)
    {
        var found = ReportValidator.Validate(result.Offers, context);
        issues.AddRange(found);
        located.AddRange(result.Locate(found));
    }
    return (results, issues, located, readMs);
}

long Reference()
{
    long cells = 0;
    foreach (var (_, _, bytes) in reports)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
        var sharedStrings = new List<string>();
        if (doc.WorkbookPart!.SharedStringTablePart is { } sst)
        {
            using var reader = OpenXmlReader.Create(sst);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement) sharedStrings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }
        foreach (var part in doc.WorkbookPart.WorksheetParts)
        {
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                var row = (Row)reader.LoadCurrentElement()!;
                foreach (var cell in row.Elements<Cell>())
                {
                    var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText
                        : cell.DataType?.Value == CellValues.SharedString ? sharedStrings[int.Parse(cell.CellValue!.Text)]
                        : cell.CellValue?.Text;
                    if (text is not null) cells++;
                }
            }
        }
    }
    return cells;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static int[] Distribute(int total, double[] weights, Random random)
{
    var sum = weights.Sum();
    var counts = weights.Select(w => Math.Max(1, (int)Math.Floor(total * w / sum))).ToArray();
    while (counts.Sum() < total) counts[random.Next(counts.Length)]++;
    while (counts.Sum() > total) { var i = random.Next(counts.Length); if (counts[i] > 1) counts[i]--; }
    return counts;
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var result = new Dictionary<string, string>();
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument {args[i]}");
        result[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
    }
    return result;
}

/// <summary>Offers as a Danish municipality's register holds them: named houses, departments, services under fitting paragraphs.</summary>
internal sealed class OfferGenerator(Random random, IReadOnlyDictionary<int, string> buyers, int year)
{
    private static readonly string[] Kinds = ["Botilbuddet", "Bostedet", "Center", "Bo- og aktivitetscenter", "Aktivitetscentret", "Værestedet", "Døgntilbuddet", "Bofællesskabet", "Behandlingscenter", "Socialpsykiatrien"];
    private static readonly string[] Names =
    [
        "Lunden", "Egebakken", "Bøgely", "Solgården", "Kærholm", "Rønnebærhuset", "Skovbrynet", "Fjordglimt", "Æblehaven", "Møllegården",
        "Hybenhaven", "Strandvænget", "Engblommen", "Tjørnehøj", "Søhuset", "Lærkereden", "Kastanjehuset", "Åbrinken", "Nørrevang", "Østergården",
        "Vibeengen", "Granhøj", "Pilehuset", "Mågevej", "Hyldebo", "Bakkegården", "Ådalen", "Birkely", "Fuglsang", "Løvspring",
    ];
    private static readonly string[] Streets = ["Ågade", "Søndergade", "Kirkevej", "Møllevej", "Skovvej", "Østergade", "Vestergade", "Strandvejen", "Æblevej", "Bøgealle", "Højskolevej", "Nørregade"];
    private static readonly (string Code, string City)[] Towns =
    [
        ("5000", "Odense C"), ("6700", "Esbjerg"), ("7100", "Vejle"), ("6000", "Kolding"), ("7190", "Billund"), ("6800", "Varde"),
        ("6600", "Vejen"), ("5700", "Svendborg"), ("6400", "Sønderborg"), ("6100", "Haderslev"), ("6200", "Aabenraa"), ("5600", "Faaborg"),
        ("7000", "Fredericia"), ("5500", "Middelfart"), ("5800", "Nyborg"), ("6270", "Tønder"), ("5970", "Ærøskøbing"), ("6720", "Fanø"),
    ];
    private static readonly string[] Departments = ["Hovedhuset", "Afdeling Syd", "Afdeling Nord", "Udslusning", "Skærmet enhed", "Dagafdelingen", "Bøgehuset", "Ungeafdelingen"];
    private static readonly (string Code, string Service)[] Paragraphs =
    [
        ("SEL § 107", "Midlertidigt botilbud"), ("SEL § 108", "Længerevarende botilbud"), ("SEL § 85", "Socialpædagogisk støtte"),
        ("SEL § 104", "Aktivitets- og samværstilbud"), ("SEL § 103", "Beskyttet beskæftigelse"), ("ABL § 105", "Almen bolig med støtte"),
        ("SEL § 84", "Aflastning"), ("SEL § 101", "Stofmisbrugsbehandling"), ("SEL § 110", "Forsorgshjem"), ("BL § 43", "Døgninstitution"),
    ];
    private static readonly string[] Residential = ["SEL § 107", "SEL § 108", "SEL § 85", "ABL § 105", "BL § 43"];

    private int nextOffer = 1000, nextDepartment = 5000, nextService = 9000;
    private readonly HashSet<string> used = [];
    private readonly HashSet<int> portalIds = [];

    /// <summary>Names are unique within one operator's report (another municipality may well have a "Bostedet Lunden").</summary>
    public void StartOperator() => used.Clear();

    public OfferSnapshot Next(int operatorId, string operatorName)
    {
        string name;
        do name = $"{Kinds[random.Next(Kinds.Length)]} {Names[random.Next(Names.Length)]}"; while (!used.Add(name) && used.Count < Kinds.Length * Names.Length);
        var town = Towns[random.Next(Towns.Length)];
        int portalId;
        do portalId = random.Next(10000, 99999); while (!portalIds.Add(portalId));
        var serviceCount = 1 + random.Next(3);
        var departmentCount = serviceCount == 1 ? 1 : 1 + random.Next(2);
        var departments = Enumerable.Range(0, departmentCount).Select(d => new DepartmentSnapshot
        {
            DepartmentId = nextDepartment++,
            PortalKey = random.Next(3) == 0 ? null : $"{random.Next(100000, 999999)}-{d + 1}",
            Name = departmentCount == 1 ? name.Split(' ')[^1] : Departments[(d + random.Next(Departments.Length)) % Departments.Length] + (d == 0 ? "" : $" {d + 1}"),
            Services = [],
        }).ToList();
        for (var s = 0; s < serviceCount; s++) departments[s % departmentCount].Services.Add(Service());
        var status = random.Next(20) switch { 0 => OfferStatus.Closing, _ => OfferStatus.Active };
        var since = new DateOnly(2005 + random.Next(20), 1 + random.Next(12), 1);
        return new OfferSnapshot
        {
            OfferId = nextOffer++,
            Name = name,
            OperatorId = operatorId,
            OperatorName = operatorName,
            Address = $"{Streets[random.Next(Streets.Length)]} {1 + random.Next(120)}",
            PostalCode = town.Code,
            City = town.City,
            PortalId = portalId.ToString(CultureInfo.InvariantCulture),
            Status = status,
            StatusSince = since,
            ClosingDate = status == OfferStatus.Closing ? new DateOnly(year, 12, 31) : null,
            Year = year,
            Departments = departments,
            Buyers = buyers.Keys.OrderBy(c => c).OrderBy(_ => random.Next()).Take(random.Next(5)).OrderBy(c => c)
                .Select(c => new BuyerSnapshot { MunicipalityCode = c, MunicipalityName = buyers[c], Citizens = 1 + random.Next(6) }).ToList(),
        };
    }

    private ServiceSnapshot Service()
    {
        var (code, service) = Paragraphs[random.Next(Paragraphs.Length)];
        var scope = ReferenceLists.LegalBases.Single(l => l.Code == code).Scope;
        var groups = ReferenceLists.TargetGroups.Where(t => ReferenceLists.Fits(scope, t.Scope)).Select(t => t.Name).OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToList();
        var perHour = code == "SEL § 85";
        return new ServiceSnapshot
        {
            ServiceId = nextService++,
            Name = service,
            LegalBases = [code],
            TargetGroups = groups,
            Places = 2 + random.Next(38),
            Rate = perHour ? Math.Round(450m + random.Next(40000) / 100m, 2) : Math.Round(800m + random.Next(520000) / 100m, 2),
            RateUnit = perHour ? RateUnit.PerHour : RateUnit.PerDay,
            RateYear = year,
            ServiceLevelHours = Residential.Contains(code) ? Math.Round(0.5m + random.Next(230) / 10m, 1) : null,
            CoveredByAgreement = random.Next(10) > 0,
            RateChangeReason = null,
            Comment = random.Next(8) == 0 ? "Normeringen er øget efter tilsynets anbefaling." : null,
        };
    }

    /// <summary>Last year's approved figures: rates 1–6 % lower (a few much lower, which asks for a reason), places alike.</summary>
    public OfferSnapshot LastYear(OfferSnapshot offer) => offer with
    {
        Year = year - 1,
        Departments = offer.Departments.Select(d => d with
        {
            Services = d.Services.Select(s => s with
            {
                Rate = s.Rate is decimal r ? Math.Round(r / (random.Next(25) == 0 ? 1.2m : 1m + random.Next(1, 6) / 100m), 2) : null,
                RateYear = year - 1,
            }).ToList(),
        }).ToList(),
    };
}
