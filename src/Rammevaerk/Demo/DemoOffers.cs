using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Offers;

namespace Rammevaerk.Demo;

/// <summary>
/// The offer register of the demo: the offers the seeds name with their figures (Lunden in Varde, Tinghøj in
/// Kolding, Bofællesskabet på Lunden in Faaborg-Midtfyn, Skibet and Bofællesskab 3 på Sydtoften in Billund) and
/// invented offers for every operator of the region, each with figures for 2025 and 2026. Figures the seeds do not
/// give are illustrative. Idempotent: runs only while the register is empty.
/// </summary>
public sealed class DemoOffers(AppDb db, OfferRegister register)
{
    public static readonly DateTime Reported2025 = new(2025, 5, 20, 10, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Reported2026 = new(2026, 4, 15, 10, 0, 0, DateTimeKind.Utc);
    private const string Reporter = "demo";

    private static readonly Dictionary<string, (string PostalCode, string City)> Towns = new()
    {
        ["Middelfart"] = ("5500", "Middelfart"), ["Assens"] = ("5610", "Assens"), ["Faaborg-Midtfyn"] = ("5750", "Ringe"),
        ["Kerteminde"] = ("5300", "Kerteminde"), ["Nyborg"] = ("5800", "Nyborg"), ["Odense"] = ("5000", "Odense C"),
        ["Svendborg"] = ("5700", "Svendborg"), ["Nordfyns"] = ("5400", "Bogense"), ["Langeland"] = ("5900", "Rudkøbing"),
        ["Ærø"] = ("5970", "Ærøskøbing"), ["Haderslev"] = ("6100", "Haderslev"), ["Billund"] = ("7190", "Billund"),
        ["Sønderborg"] = ("6400", "Sønderborg"), ["Tønder"] = ("6270", "Tønder"), ["Esbjerg"] = ("6700", "Esbjerg"),
        ["Fanø"] = ("6720", "Fanø"), ["Varde"] = ("6800", "Varde"), ["Vejen"] = ("6600", "Vejen"),
        ["Aabenraa"] = ("6200", "Aabenraa"), ["Fredericia"] = ("7000", "Fredericia"), ["Kolding"] = ("6000", "Kolding"),
        ["Vejle"] = ("7100", "Vejle"),
    };

    private static readonly string[] PlaceNames =
    [
        "Engen", "Solsikken", "Kastanjegården", "Birkely", "Egebo", "Fjordhuset", "Lindely", "Skovbrynet", "Kildebo", "Granly",
        "Møllehuset", "Bakkehuset", "Rosenhaven", "Havebo", "Nørrevang", "Toftegården", "Lærkereden", "Bøgely", "Vestergården",
        "Søhuset", "Enghaven", "Pilehuset", "Holmegården", "Ahornhuset", "Elmely", "Fyrrebo", "Hybenhaven", "Mosegården",
    ];

    /// <summary>An invented kind of offer: its name prefix, department, service, paragraphs, target group and ranges.</summary>
    private sealed record Kind(string Prefix, string Department, string Service, string[] Bases, string Group,
        int MinPlaces, int MaxPlaces, int MinRate, int MaxRate, RateUnit Unit, decimal? MinHours, decimal? MaxHours);

    private static readonly Kind[] Kinds =
    [
        new("Botilbuddet", "Botilbud", "Længerevarende botilbud", ["SEL § 108"], "Udviklingshæmning", 12, 30, 2800, 4600, RateUnit.PerDay, 6m, 10m),
        new("Bofællesskabet", "Bofællesskab", "Bolig med socialpædagogisk støtte", ["ABL § 105", "SEL § 85"], "Autismespektrumforstyrrelse", 6, 14, 1500, 2400, RateUnit.PerDay, 3m, 6m),
        new("Botilbud", "Midlertidigt botilbud", "Midlertidigt botilbud", ["SEL § 107"], "Sindslidelse", 8, 16, 2300, 3600, RateUnit.PerDay, 7m, 10m),
        new("Aktivitetshuset", "Dagtilbud", "Aktivitets- og samværstilbud", ["SEL § 104"], "Udviklingshæmning", 15, 40, 600, 1100, RateUnit.PerDay, null, null),
        new("Værkstedet", "Beskæftigelse", "Beskyttet beskæftigelse", ["SEL § 103"], "Udviklingshæmning", 20, 45, 450, 850, RateUnit.PerDay, null, null),
        new("Børne- og ungehjemmet", "Døgnafdeling", "Døgnophold", ["BL § 43"], "Børn og unge med sociale vanskeligheder", 6, 14, 5800, 8900, RateUnit.PerDay, 12m, 18m),
    ];

    public async Task LoadAsync(string region, CancellationToken ct = default)
    {
        await ReferenceLists.EnsureAsync(db, ct);
        await EnsureOperatorsAsync(db, region, ct);
        if (await db.Offers.AnyAsync(ct)) return;
        var operators = await db.Operators.Where(o => o.Region == region).ToListAsync(ct);
        if (operators.Count == 0) return;
        var municipalities = await db.Municipalities.Where(m => m.Region == region).ToDictionaryAsync(m => m.Name, m => m.Code, ct);
        Operator Of(string municipality) => operators.Single(o => o.MunicipalityCode == municipalities[municipality]);

        var offers = new List<(OfferSnapshot Y2025, Func<OfferSnapshot, OfferSnapshot> To2026)>();
        offers.AddRange(SeedOffers(Of, municipalities));
        foreach (var op in operators.OrderBy(o => o.Id)) offers.AddRange(Invented(op, municipalities));

        // 2025 figures first (one save), then 2026 from the saved offers, so services keep their ids across years.
        var saved = new List<(Offer Offer, Func<OfferSnapshot, OfferSnapshot> To2026)>();
        foreach (var (y2025, to2026) in offers)
        {
            saved.Add((await register.ApplyAsync(y2025, 2025, "Indberetning 2025 (Excel, ikke valideret)", Reporter, Reported2025, ct), to2026));
        }
        await register.SaveAsync(ct);
        var names = operators.ToDictionary(o => o.Id, o => o.Name);
        foreach (var (offer, to2026) in saved)
        {
            var now = OfferSnapshot.Of(offer) with { OperatorName = names[offer.OperatorId] };
            await register.ApplyAsync(to2026(now) with { Year = 2026 }, 2026, "Indberetning 2026 godkendt", Reporter, Reported2026, ct);
        }
        await register.SaveAsync(ct);
    }

    /// <summary>Every municipality of the region and the region itself operate offers and report them.</summary>
    public static async Task EnsureOperatorsAsync(AppDb db, string region, CancellationToken ct = default)
    {
        var existing = await db.Operators.Where(o => o.Region == region).ToListAsync(ct);
        foreach (var m in await db.Municipalities.Where(m => m.Region == region).OrderBy(m => m.Name).ToListAsync(ct))
        {
            if (existing.Any(o => o.MunicipalityCode == m.Code)) continue;
            db.Operators.Add(new Operator { Kind = OperatorKind.Municipality, Name = $"{m.Name} Kommune", MunicipalityCode = m.Code, Region = region });
        }
        if (!existing.Any(o => o.Kind == OperatorKind.Region) && await db.Municipalities.AnyAsync(m => m.Region == region, ct))
        {
            db.Operators.Add(new Operator { Kind = OperatorKind.Region, Name = region, Region = region });
        }
        await db.SaveChangesAsync(ct);
    }

    private static ServiceSnapshot S(string name, string[] bases, string[] groups, int places, decimal? rate, RateUnit? unit, decimal? hours = null, bool covered = true) =>
        new() { Name = name, LegalBases = [.. bases], TargetGroups = [.. groups], Places = places, Rate = rate, RateUnit = rate is null ? null : unit, RateYear = rate is null ? null : 2025, ServiceLevelHours = hours, CoveredByAgreement = covered };

    private static DepartmentSnapshot D(string key, string name, params ServiceSnapshot[] services) => new() { PortalKey = key, Name = name, Services = [.. services] };

    private static OfferSnapshot O(Operator op, string name, string? address, (string PostalCode, string City) town, string portalId, DateOnly since, params DepartmentSnapshot[] departments) => new()
    {
        Name = name, OperatorId = op.Id, OperatorName = op.Name, Address = address, PostalCode = town.PostalCode, City = town.City,
        PortalId = portalId, Status = OfferStatus.Active, StatusSince = since, Year = 2025, Departments = [.. departments],
    };

    /// <summary>Next year's figures: rates indexed, the rate year moved on; optionally a change to one service.</summary>
    private static OfferSnapshot Index(OfferSnapshot s, decimal percent, Func<ServiceSnapshot, ServiceSnapshot>? change = null) => s with
    {
        Departments = s.Departments.Select(d => d with
        {
            Services = d.Services.Select(x =>
            {
                var next = x with
                {
                    Rate = x.Rate is { } r ? Math.Round(r * (1 + percent / 100m), 0) : null,
                    RateYear = x.Rate is null ? null : 2026,
                    RateChangeReason = null,
                    Comment = null,
                };
                return change is null ? next : change(next);
            }).ToList(),
        }).ToList(),
    };

    private static IEnumerable<(OfferSnapshot, Func<OfferSnapshot, OfferSnapshot>)> SeedOffers(Func<string, Operator> of, Dictionary<string, int> codes)
    {
        List<BuyerSnapshot> Buyers(params (string Name, int Citizens)[] b) =>
            b.Where(x => codes.ContainsKey(x.Name)).Select(x => new BuyerSnapshot { MunicipalityCode = codes[x.Name], MunicipalityName = x.Name, Citizens = x.Citizens }).ToList();

        // Seed 000 item 2: Bo- og Rehabiliteringscenter Lunden, Varde (SUL § 140, SEL §§ 107, 108, 104, ABL § 105/SEL § 85).
        var varde = of("Varde");
        var lunden = O(varde, "Bo- og Rehabiliteringscenter Lunden", null, Towns["Varde"], "1573-0101", new DateOnly(2008, 1, 1),
            D("1573-01", "Rehabiliteringen",
                S("Rehabilitering på specialiseret niveau", ["SUL § 140"], ["Erhvervet hjerneskade"], 12, 4850m, RateUnit.PerDay),
                S("Midlertidigt ophold med rehabilitering", ["SEL § 107"], ["Erhvervet hjerneskade"], 10, 3950m, RateUnit.PerDay, 9.5m)),
            D("1573-02", "Lundbo",
                S("Længerevarende botilbud", ["SEL § 108"], ["Erhvervet hjerneskade"], 20, 3420m, RateUnit.PerDay, 8m),
                S("Bolig med socialpædagogisk støtte", ["ABL § 105", "SEL § 85"], ["Erhvervet hjerneskade"], 6, 2150m, RateUnit.PerDay, 4.5m)),
            D("1573-03", "Samværs- og aktivitetstilbud",
                S("Aktivitets- og samværstilbud", ["SEL § 104"], ["Erhvervet hjerneskade"], 15, 780m, RateUnit.PerDay)),
            D("1573-04", "Vederlagsfri fysioterapi",
                S("Vederlagsfri fysioterapi i eget hjem", ["SUL § 140"], ["Erhvervet hjerneskade"], 30, 650m, RateUnit.PerHour, covered: false))) with
        { Buyers = Buyers(("Varde", 14), ("Esbjerg", 11), ("Vejen", 5), ("Billund", 3), ("Kolding", 4), ("Fanø", 1)) };
        yield return (lunden, s => Index(s, 2.4m));

        // Seed 000 item 11: Tinghøj, Kolding — 8 respite places and 8 placement places from 1 January 2024.
        var kolding = of("Kolding");
        var tinghoej = O(kolding, "Tinghøj", null, Towns["Kolding"], "1621-0207", new DateOnly(2024, 1, 1),
            D("1621-0207-1", "Hus 1 – aflastning",
                S("Aflastning (døgn)", ["BL § 43"], ["Børn og unge med funktionsnedsættelse"], 8, 6900m, RateUnit.PerDay, 14m)),
            D("1621-0207-2", "Hus 2 – anbringelse",
                S("Døgnophold (anbringelse)", ["BL § 43"], ["Børn og unge med funktionsnedsættelse"], 8, 7400m, RateUnit.PerDay, 16m))) with
        { Buyers = Buyers(("Kolding", 9), ("Vejle", 3), ("Fredericia", 2), ("Haderslev", 2)) };
        yield return (tinghoej, s => Index(s, 2.6m));

        // Seed 001 item 6: Bofællesskabet på Lunden, Faaborg-Midtfyn — 8 § 107 places (closed by the end of 2025, 85 %
        // used by the municipality itself) and 16 respite places.
        var fmk = of("Faaborg-Midtfyn");
        var bofLunden = O(fmk, "Bofællesskabet på Lunden", null, Towns["Faaborg-Midtfyn"], "1430-0311", new DateOnly(2012, 8, 1),
            D("1430-0311-1", "Midlertidige botilbudspladser",
                S("Midlertidigt botilbud for unge", ["SEL § 107"], ["Udviklingshæmning"], 8, 2980m, RateUnit.PerDay, 7.5m)),
            D("1430-0311-2", "Aflastning",
                S("Aflastningspladser for børn, unge og voksne", ["SEL § 84"], ["Udviklingshæmning"], 16, 3150m, RateUnit.PerDay, 8m))) with
        { Buyers = Buyers(("Faaborg-Midtfyn", 17), ("Svendborg", 2), ("Assens", 1)) };
        yield return (bofLunden, s => Index(s, 2.5m) with
        {
            Departments = Index(s, 2.5m).Departments.Where(d => d.Name != "Midlertidige botilbudspladser").ToList(),
        });

        // Seed 001 item 6: Billund converts 4 of Skibet's § 84 places to § 107 (2.422 kr. per day, 8,4 hours) from
        // 1 September 2025, and closes Bofællesskab 3 på Sydtoften's 5 § 105/85 places.
        var billund = of("Billund");
        var skibet = O(billund, "Skibet", null, Towns["Billund"], "1530-0105", new DateOnly(2016, 3, 1),
            D("1530-0105-1", "Akut- og aflastningstilbud",
                S("Akut- og aflastningspladser", ["SEL § 84"], ["Sindslidelse"], 10, 2180m, RateUnit.PerDay, 7m))) with
        { Buyers = Buyers(("Billund", 9), ("Vejle", 1)) };
        static OfferSnapshot SkibetIn2026(OfferSnapshot s)
        {
            var next = Index(s, 2.3m, x => x with { Places = 6 });
            var converted = new ServiceSnapshot
            {
                Name = "Midlertidige pladser (socialpsykiatri)", LegalBases = ["SEL § 107"], TargetGroups = ["Sindslidelse"],
                Places = 4, Rate = 2422m, RateUnit = RateUnit.PerDay, RateYear = 2026, ServiceLevelHours = 8.4m,
            };
            return next with { Departments = [.. next.Departments, D("1530-0105-2", "Midlertidigt botilbud", converted)] };
        }
        yield return (skibet, SkibetIn2026);

        var sydtoften = O(billund, "Bofællesskab 3 på Sydtoften", null, Towns["Billund"], "1530-0212", new DateOnly(2010, 5, 1),
            D("1530-0212-1", "Bofællesskab 3",
                S("Bolig for unge med udviklingshæmning", ["ABL § 105", "SEL § 85"], ["Udviklingshæmning"], 5, 1690m, RateUnit.PerDay, 5m))) with
        { Buyers = Buyers(("Billund", 5)) };
        yield return (sydtoften, s => Index(s, 2.3m, x => x with { Places = 0 }) with
        {
            Status = OfferStatus.Closed, StatusSince = new DateOnly(2025, 9, 1), ClosingDate = new DateOnly(2025, 9, 1),
        });
    }

    private static IEnumerable<(OfferSnapshot, Func<OfferSnapshot, OfferSnapshot>)> Invented(Operator op, Dictionary<string, int> codes)
    {
        var random = new Random(op.MunicipalityCode ?? 1083);
        var municipality = op.Kind == OperatorKind.Municipality ? op.Name.Replace(" Kommune", "") : "Vejle";
        var town = Towns.GetValueOrDefault(municipality, ("7100", "Vejle"));
        var neighbours = codes.Keys.Where(k => k != municipality).OrderBy(_ => random.Next()).Take(4).ToList();
        var count = op.Kind == OperatorKind.Region ? 4 : random.Next(2, 5);
        var kinds = op.Kind == OperatorKind.Region
            ? new[] { Kinds[0], Kinds[2], Kinds[5], Kinds[1] }
            : Kinds.OrderBy(_ => random.Next()).Take(count).ToArray();
        var streets = new[] { "Skovvej", "Engvej", "Møllegade", "Kirkevej", "Stationsvej", "Parkvej", "Strandvejen", "Bakkevej" };
        for (var i = 0; i < kinds.Length; i++)
        {
            var kind = kinds[i];
            var place = PlaceNames[((op.MunicipalityCode ?? 999) * 7 + i * 11) % PlaceNames.Length];
            var places = random.Next(kind.MinPlaces, kind.MaxPlaces + 1);
            var rate = Math.Round((decimal)random.Next(kind.MinRate, kind.MaxRate + 1), 0);
            decimal? hours = kind.MinHours is { } lo && kind.MaxHours is { } hi ? Math.Round(lo + (hi - lo) * (decimal)random.NextDouble(), 1) : null;
            var group = op.Kind == OperatorKind.Region && i == 1 ? "Dobbeltdiagnose" : kind.Group;
            var offer = new OfferSnapshot
            {
                Name = $"{kind.Prefix} {place}",
                OperatorId = op.Id,
                OperatorName = op.Name,
                Address = $"{streets[random.Next(streets.Length)]} {random.Next(1, 120)}",
                PostalCode = town.Item1,
                City = town.Item2,
                PortalId = $"{op.MunicipalityCode ?? 1083}-{i + 1:00}{random.Next(10, 99)}",
                Status = OfferStatus.Active,
                StatusSince = new DateOnly(random.Next(1998, 2022), random.Next(1, 13), 1),
                Year = 2025,
                Departments = [D($"{op.MunicipalityCode ?? 1083}-{i + 1:00}-1", kind.Department, S(kind.Service, kind.Bases, [group], places, rate, kind.Unit, hours))],
                Buyers = [.. new[] { municipality }.Concat(neighbours.Take(random.Next(0, 4))).Distinct()
                    .Where(codes.ContainsKey)
                    .Select((n, j) => new BuyerSnapshot { MunicipalityCode = codes[n], MunicipalityName = n, Citizens = j == 0 ? Math.Max(1, places / 2) : random.Next(1, 4) })],
            };
            // Most rates follow price and wage indexing; every few offers move more, with a reason, as real reports do.
            var bigMove = random.Next(0, 8) == 0;
            var percent = bigMove ? 11m + random.Next(0, 5) : 2m + random.Next(0, 16) / 10m;
            var placeChange = random.Next(0, 6) == 0 ? random.Next(-2, 3) : 0;
            yield return (offer, s => Index(s, percent, x => x with
            {
                Places = Math.Max(1, (x.Places ?? 0) + placeChange),
                RateChangeReason = bigMove ? "Øget normering efter tilsynsbesøg og nye krav til nattevagt." : null,
            }));
        }
    }
}
