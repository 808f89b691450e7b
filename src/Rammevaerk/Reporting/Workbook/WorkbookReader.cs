using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rammevaerk.Offers;
using Rammevaerk.Reporting.Validation;
using Rammevaerk.Shared;
using L = Rammevaerk.Reporting.Workbook.WorkbookLayout;

namespace Rammevaerk.Reporting.Workbook;

/// <summary>Reads an uploaded workbook back into offers (see <see cref="ReportWorkbook.Read"/>).</summary>
internal sealed partial class WorkbookReader
{
    private readonly WorkbookExpectation expect;
    private readonly List<ReportIssue> problems = [];
    private readonly Dictionary<string, string> legalBases;
    private readonly Dictionary<string, string> targetGroups;
    private readonly Dictionary<string, int> municipalitiesByName;
    private bool date1904;

    private WorkbookReader(WorkbookExpectation expect)
    {
        this.expect = expect;
        legalBases = Canonical(expect.Lists.LegalBases);
        targetGroups = Canonical(expect.Lists.TargetGroups);
        municipalitiesByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, name) in expect.Lists.Municipalities)
        {
            municipalitiesByName.TryAdd(Squash(name), code);
            municipalitiesByName.TryAdd(Squash(name + " Kommune"), code);
        }
    }

    public static WorkbookReadResult Read(Stream input, WorkbookExpectation expect)
    {
        var reader = new WorkbookReader(expect);
        try
        {
            return reader.Run(input);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the file did to the zip or XML readers: one Danish sentence, never a stack trace.
            reader.problems.Clear();
            reader.FileProblem("Regnearket er beskadiget eller ikke gemt som en almindelig Excel-projektmappe og kan ikke læses. " +
                               "Åbn det i Excel, gem det som 'Excel-projektmappe (*.xlsx)', og upload det igen.");
            return reader.Refused();
        }
    }

    private WorkbookReadResult Refused() => new([], problems, new WorkbookRowMap());

    private void FileProblem(string message, string? location = null) =>
        problems.Add(new ReportIssue(IssueSeverity.Error, -1, "", ReportField.Offer, message) { Location = location ?? "Filen" });

    private WorkbookReadResult Run(Stream input)
    {
        var limits = expect.Limits;
        using var buffer = UploadInspector.ReadCapped(input, limits.MaxUploadBytes);
        if (buffer is null)
        {
            FileProblem($"Filen er for stor. Et indberetningsregneark må højst fylde {Megabytes(limits.MaxUploadBytes)}. " +
                        "Slet billeder, ekstra ark og andet, der ikke hører til indberetningen, og upload igen.");
            return Refused();
        }
        if (UploadInspector.Check(buffer.GetBuffer(), (int)buffer.Length, limits) is { } refusal)
        {
            FileProblem(refusal);
            return Refused();
        }

        SpreadsheetDocument doc;
        try
        {
            doc = SpreadsheetDocument.Open(buffer, false, new DocumentFormat.OpenXml.Packaging.OpenSettings
            {
                MaxCharactersInPart = limits.MaxUncompressedBytes,
                AutoSave = false,
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            FileProblem("Filen kan ikke åbnes som Excel-regneark. " + UploadInspector.NotXlsxAdvice);
            return Refused();
        }
        using (doc)
        {
            return ReadDocument(doc);
        }
    }

    private static string Megabytes(long bytes) => (bytes / (1024m * 1024m)).ToString("0.#", Danish.Culture) + " MB";

    private WorkbookReadResult ReadDocument(SpreadsheetDocument doc)
    {
        if (doc.WorkbookPart is not { } wbPart)
        {
            FileProblem("Filen er ikke et Excel-regneark. " + UploadInspector.NotXlsxAdvice);
            return Refused();
        }
        // The sheets: exactly the template's four.
        var (sheets, is1904) = SheetCells.Sheets(wbPart);
        date1904 = is1904;
        var extra = sheets.Where(s => !L.SheetNames.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).Select(s => $"'{s.Name}'").ToList();
        var missing = L.SheetNames.Where(n => !sheets.Any(s => string.Equals(s.Name, n, StringComparison.OrdinalIgnoreCase))).Select(n => $"'{n}'").ToList();
        if (extra.Count > 0)
        {
            FileProblem($"Regnearket har {(extra.Count == 1 ? "et ark" : "ark")}, som skabelonen ikke har: {WorkbookText.Join(extra)}. " +
                        "Slet det eller flyt indholdet til et andet regneark, og upload igen. Arkene skal være Vejledning, Tilbud, Køberkommuner og Lister.");
        }
        if (missing.Count > 0)
        {
            FileProblem($"Regnearket mangler {(missing.Count == 1 ? "arket" : "arkene")} {WorkbookText.Join(missing)}. " +
                        "Ark må ikke slettes eller omdøbes – hent et nyt regneark på indberetningssiden, hvis det er sket.");
        }
        if (problems.Count > 0) return Refused();

        WorksheetPart? Part(string name)
        {
            var id = sheets.First(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).Id;
            return id is not null && wbPart.TryGetPartById(id, out var part) && part is WorksheetPart ws ? ws : null;
        }
        var guide = Part(L.GuideSheet);
        var offerPart = Part(L.OfferSheet);
        var buyerPart = Part(L.BuyerSheet);
        if (guide is null || offerPart is null || buyerPart is null)
        {
            FileProblem("Et af arkene Vejledning, Tilbud eller Køberkommuner er ikke et almindeligt regneark (fx et diagramark). Hent et nyt regneark på indberetningssiden.");
            return Refused();
        }

        var shared = SheetCells.SharedStrings(wbPart);
        if (!CheckMetadata(guide, shared)) return Refused();

        var offerRows = ReadDataRows(offerPart, shared, L.OfferSheet, L.OfferColumns, expect.Limits.MaxOfferRows);
        if (offerRows is null) return Refused();
        var buyerRows = ReadDataRows(buyerPart, shared, L.BuyerSheet, L.BuyerColumns, expect.Limits.MaxBuyerRows);
        if (buyerRows is null) return Refused();

        var (offers, map) = Build(offerRows, buyerRows);
        var ordered = problems.OrderBy(ProblemOrder).ToList();
        return ordered.Count > 0 ? new WorkbookReadResult([], ordered, map) : new WorkbookReadResult(offers, ordered, map);
    }

    private static (int Sheet, int Row, int Column) ProblemOrder(ReportIssue p)
    {
        if (p.Location is null) return (0, 0, 0);
        var sheet = p.Location.Contains($"'{L.BuyerSheet}'") ? 2 : p.Location.Contains($"'{L.OfferSheet}'") ? 1 : 0;
        var at = p.Location.LastIndexOf(' ');
        var cell = L.ParseReference(p.Location[(at + 1)..]);
        return (sheet, cell?.Row ?? 0, cell?.Column ?? 0);
    }

    // ---- The template's metadata on "Vejledning" ----

    private bool CheckMetadata(WorksheetPart guide, List<string> shared)
    {
        var values = new Dictionary<string, RawCell>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in SheetCells.Rows(guide, shared))
        {
            if (row.Number > 500) break;
            if (row[1] is { Kind: CellKind.Text } label && row[2] is { } value) values.TryAdd(label.Text.Trim(), value);
        }
        string Location(string label) => values.TryGetValue(label, out var c) ? L.Cell(L.GuideSheet, c.Reference) : $"Ark '{L.GuideSheet}'";
        if (!values.TryGetValue(L.VersionLabel, out var version))
        {
            FileProblem($"Regnearket er ikke indberetningsskabelonen: arket 'Vejledning' mangler skabelonoplysningerne (skabelonversion, runde og driftsherre). " +
                        "Hent regnearket på indberetningssiden, og skriv tallene ind i det.", $"Ark '{L.GuideSheet}'");
            return false;
        }
        if (!string.Equals(version.Text.Trim(), WorkbookHeader.TemplateVersion, StringComparison.OrdinalIgnoreCase))
        {
            FileProblem($"Regnearket er lavet med skabelonversion '{version.Text.Trim()}', men indberetningen bruger version '{WorkbookHeader.TemplateVersion}'. " +
                        "Hent et nyt regneark på indberetningssiden, og skriv tallene ind i det.", Location(L.VersionLabel));
            return false;
        }
        int? Number(string label) =>
            values.TryGetValue(label, out var c) && decimal.TryParse(c.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue
                ? (int)d : null;
        var round = Number(L.RoundLabel);
        var operatorId = Number(L.OperatorIdLabel);
        var year = Number(L.YearLabel);
        var operatorName = values.TryGetValue(L.OperatorNameLabel, out var n) ? n.Text.Trim() : null;
        if (round != expect.RoundId)
        {
            FileProblem(round is null
                ? "Regnearkets oplysning om indberetningsrunden er slettet eller ændret. Hent et nyt regneark på indberetningssiden."
                : $"Regnearket hører til en anden indberetningsrunde (runde {round}) end denne (runde {expect.RoundId}). Hent regnearket til denne runde på indberetningssiden.",
                Location(L.RoundLabel));
        }
        if (operatorId != expect.OperatorId)
        {
            var theirs = string.IsNullOrEmpty(operatorName) ? "en anden driftsherre" : operatorName;
            var ours = expect.OperatorName ?? "denne driftsherre";
            FileProblem(operatorId is null
                ? "Regnearkets oplysning om driftsherren er slettet eller ændret. Hent et nyt regneark på indberetningssiden."
                : $"Regnearket er til {theirs} (driftsherre-id {operatorId}), ikke til {ours} (id {expect.OperatorId}). Hent jeres eget regneark på indberetningssiden.",
                Location(L.OperatorIdLabel));
        }
        if (year != expect.Year)
        {
            FileProblem(year is null
                ? "Regnearkets oplysning om indberetningsåret er slettet eller ændret. Hent et nyt regneark på indberetningssiden."
                : $"Regnearket er til indberetningen for {year}, men denne indberetning er for {expect.Year}. Hent regnearket for {expect.Year} på indberetningssiden.",
                Location(L.YearLabel));
        }
        metadataOperatorName = operatorName;
        return problems.Count == 0;
    }

    private string? metadataOperatorName;

    // ---- Data sheets ----

    /// <summary>The filled rows below the header, or null (with a problem) when the header is wrong or there are too many.</summary>
    private List<RawRow>? ReadDataRows(WorksheetPart part, List<string> shared, string sheet, WorkbookColumn[] columns, int maxRows)
    {
        var rows = new List<RawRow>();
        var sawHeader = false;
        foreach (var row in SheetCells.Rows(part, shared))
        {
            if (row.Number == 1)
            {
                sawHeader = true;
                foreach (var column in columns)
                {
                    var text = row[column.Index]?.Text.Trim() ?? "";
                    if (!string.Equals(text, column.Header, StringComparison.OrdinalIgnoreCase))
                    {
                        FileProblem($"Kolonneoverskriften i celle {column.Letter}1 på arket '{sheet}' skal være '{column.Header}'" +
                                    (text.Length == 0 ? ", men cellen er tom." : $" – der står '{Clip(text)}'.") +
                                    " Kolonner må ikke flyttes, indsættes eller slettes; hent et nyt regneark på indberetningssiden, hvis det er sket.",
                            L.Cell(sheet, column.Letter + "1"));
                        return null;
                    }
                }
                continue;
            }
            // Rows with nothing to read (or only the read-only last year's rate) are not counted.
            if (row.Number < 1 || !columns.Any(c => c != L.LastYearRate && row[c.Index] is not null)) continue;
            if (!sawHeader) break;
            if (rows.Count >= maxRows)
            {
                FileProblem($"Arket '{sheet}' har mere end {maxRows.ToString("N0", Danish.Culture)} udfyldte rækker, og regnearket bliver derfor ikke læst. " +
                            $"Der må højst være {maxRows.ToString("N0", Danish.Culture)} – er der kopieret noget forkert ind? Slet de overskydende rækker, og upload igen.",
                    $"Ark '{sheet}', række {row.Number}");
                return null;
            }
            rows.Add(row);
        }
        if (!sawHeader)
        {
            FileProblem($"Arket '{sheet}' mangler kolonneoverskrifterne i række 1. Hent et nyt regneark på indberetningssiden.", $"Ark '{sheet}'");
            return null;
        }
        return rows;
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "…";

    // ---- Rows to offers ----

    private sealed class OfferGroup
    {
        public int? Id;
        public readonly List<ParsedRow> Rows = [];
        public readonly List<DepartmentGroup> Departments = [];
        public readonly Dictionary<ReportField, (object Value, ParsedRow Row)> Fields = [];
        public string Name => Fields.TryGetValue(ReportField.Name, out var v) ? (string)v.Value : "";
        public string Label => Name.Length > 0 ? Name : Id is int id ? $"Tilbud-id {id}" : "Nyt tilbud";
    }

    private sealed class DepartmentGroup
    {
        public int? Id;
        public string? Key;
        public string Name = "";
        public int FirstRow;
        public ParsedRow? First;
        public readonly List<(ParsedRow Row, ServiceSnapshot Service)> Services = [];
    }

    private sealed class ParsedRow(RawRow raw)
    {
        public RawRow Raw { get; } = raw;
        public int Number => Raw.Number;
        public readonly List<(WorkbookColumn Column, string What)> Errors = [];
        public OfferGroup? Offer;
        public DepartmentGroup? Department;
        public int? ServiceIndex;
    }

    private (List<OfferSnapshot>, WorkbookRowMap) Build(List<RawRow> offerRows, List<RawRow> buyerRows)
    {
        var groups = new List<OfferGroup>();
        var parsed = new List<ParsedRow>();
        foreach (var raw in offerRows)
        {
            var row = new ParsedRow(raw);
            parsed.Add(row);
            ParseOfferRow(row, groups);
        }

        // Offer-level values that must be there once the rows are merged.
        foreach (var g in groups)
        {
            var first = g.Rows[0];
            // (Unless a row already has an error on the cell, such as a formula without a value.)
            if (!g.Fields.ContainsKey(ReportField.Name) && !g.Rows.Any(r => r.Errors.Any(e => e.Column == L.Name))) first.Errors.Add((L.Name, "er tom. Skriv tilbuddets navn."));
            if (!g.Fields.ContainsKey(ReportField.Status) && !g.Rows.Any(r => r.Errors.Any(e => e.Column == L.Status)))
            {
                first.Errors.Add((L.Status, $"er tom. Vælg {WorkbookText.Join(Enum.GetValues<OfferStatus>().Select(s => OfferNames.Status(s)).ToList(), "eller")}."));
            }
        }

        CheckOwnership(groups);

        var buyers = groups.Select(_ => new List<(BuyerSnapshot Buyer, int Row)>()).ToList();
        foreach (var raw in buyerRows) ParseBuyerRow(raw, groups, buyers);

        // Cell problems, with the offer, department and service they belong to.
        foreach (var row in parsed)
        {
            foreach (var (column, what) in row.Errors)
            {
                var offerIndex = row.Offer is null ? -1 : groups.IndexOf(row.Offer);
                var deptIndex = row.Offer is not null && row.Department is not null ? row.Offer.Departments.IndexOf(row.Department) : (int?)null;
                var label = row.Offer?.Label ?? "Ny række";
                var reference = column.Letter + row.Number.ToString(CultureInfo.InvariantCulture);
                problems.Add(new ReportIssue(IssueSeverity.Error, offerIndex, row.Offer?.Name ?? "", column.Field ?? ReportField.Offer,
                    $"{label}, række {row.Number}: {column.Header} (celle {reference}) {what}",
                    deptIndex is >= 0 ? deptIndex : null, deptIndex is >= 0 ? row.ServiceIndex : null)
                { Location = L.Cell(L.OfferSheet, reference) });
            }
        }

        var map = new WorkbookRowMap();
        var offers = new List<OfferSnapshot>();
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            T? Get<T>(ReportField f) => g.Fields.TryGetValue(f, out var v) ? (T)v.Value : default;
            offers.Add(new OfferSnapshot
            {
                OfferId = g.Id,
                Name = g.Name,
                OperatorId = expect.OperatorId,
                OperatorName = expect.OperatorName ?? metadataOperatorName ?? "",
                Address = Get<string>(ReportField.Address),
                PostalCode = Get<string>(ReportField.PostalCode),
                City = Get<string>(ReportField.City),
                PortalId = Get<string>(ReportField.PortalId),
                Status = g.Fields.TryGetValue(ReportField.Status, out var s) ? (OfferStatus)s.Value : OfferStatus.Active,
                StatusSince = g.Fields.TryGetValue(ReportField.StatusSince, out var since) ? (DateOnly)since.Value : null,
                ClosingDate = g.Fields.TryGetValue(ReportField.ClosingDate, out var closing) ? (DateOnly)closing.Value : null,
                Year = expect.Year,
                Departments = g.Departments.Select(d => new DepartmentSnapshot
                {
                    DepartmentId = d.Id,
                    PortalKey = d.Key,
                    Name = d.Name,
                    Services = d.Services.Select(x => x.Service).ToList(),
                }).ToList(),
                Buyers = buyers[i].Select(b => b.Buyer).ToList(),
            });
            map.OfferRows.Add(g.Rows.Select(r => r.Number).ToList());
            map.DepartmentRows.Add(g.Departments.Select(d => d.FirstRow).ToList());
            map.ServiceRows.Add(g.Departments.Select(d => d.Services.Select(x => x.Row.Number).ToList()).ToList());
            map.BuyerRows.Add(buyers[i].Select(b => b.Row).ToList());
        }
        return (offers, map);
    }

    /// <summary>
    /// The grey id columns decide nothing: an offer id that is not one of the operator's own offers, a department id
    /// not of that offer and a service id not of that department are errors on their cells (<see cref="OwnedOffers"/>).
    /// </summary>
    private void CheckOwnership(List<OfferGroup> groups)
    {
        var owned = expect.Owned ?? OwnedOffers.None(expect.OperatorName ?? metadataOperatorName ?? "");
        const string Advice = "Id-kolonnerne må ikke ændres – hent et nyt regneark på indberetningssiden, hvis det er sket.";
        foreach (var g in groups)
        {
            if (g.Id is not int offerId) continue;
            if (!owned.HasOffer(offerId))
            {
                g.Rows[0].Errors.Add((L.OfferId, $"er {offerId}, men det er ikke et af {owned.Possessive} tilbud. {Advice} Et nyt tilbud skal have en tom Tilbud-id."));
                continue;
            }
            foreach (var d in g.Departments)
            {
                if (d.Id is int departmentId && !owned.HasDepartment(offerId, departmentId))
                {
                    (d.First ?? g.Rows[0]).Errors.Add((L.DepartmentId, $"(den skjulte kolonne) er {departmentId}, men tilbuddet har ingen afdeling med det id. {Advice}"));
                    continue;
                }
                foreach (var (row, service) in d.Services)
                {
                    if (service.ServiceId is not int serviceId) continue;
                    if (d.Id is not int dept)
                    {
                        row.Errors.Add((L.ServiceId, $"er {serviceId}, men rækkens afdeling er ny (uden Afdeling-id), og en eksisterende ydelse kan ikke flyttes til den. " +
                                                     "Lad Ydelse-id stå tom for en ny ydelse."));
                    }
                    else if (!owned.HasService(offerId, dept, serviceId))
                    {
                        row.Errors.Add((L.ServiceId, $"er {serviceId}, men afdelingen '{Clip(d.Name)}' i tilbuddet har ingen ydelse med det id. {Advice} En ny ydelse skal have en tom Ydelse-id."));
                    }
                }
            }
        }
    }

    private void ParseOfferRow(ParsedRow row, List<OfferGroup> groups)
    {
        var raw = row.Raw;
        var offerId = Integer(row, L.OfferId);
        var name = Text(row, L.Name);

        // Which offer: the same Tilbud-id, else (a new row) the same name.
        OfferGroup? group = null;
        if (offerId is int id)
        {
            group = groups.FirstOrDefault(g => g.Id == id);
        }
        else if (raw[L.OfferId.Index] is null && name is not null)
        {
            group = groups.FirstOrDefault(g => g.Id is null && Same(g.Name, name)) ?? groups.FirstOrDefault(g => Same(g.Name, name));
        }
        else if (raw[L.OfferId.Index] is null)
        {
            row.Errors.Add((L.Name, "er tom. En ny række uden Tilbud-id skal have tilbuddets navn – også når tilbuddet står på rækken ovenover."));
            return;
        }
        else
        {
            return; // The Tilbud-id cell holds something that is not an id; its error is recorded.
        }
        if (group is null)
        {
            group = new OfferGroup { Id = offerId };
            groups.Add(group);
        }
        group.Rows.Add(row);
        row.Offer = group;
        if (offerId is null)
        {
            foreach (var idColumn in new[] { L.ServiceId, L.DepartmentId })
            {
                if (raw[idColumn.Index] is not null)
                {
                    row.Errors.Add((idColumn, $"er udfyldt, men Tilbud-id (celle {L.OfferId.Letter}{row.Number}) er tom. Id-kolonnerne må ikke ændres; lad dem stå tomme på rækker med nye tilbud."));
                }
            }
        }

        // Offer-level fields: the first filled value counts; a different value on another row is an error.
        Merge(group, row, L.Name, name);
        Merge(group, row, L.Address, Text(row, L.Address));
        Merge(group, row, L.PostalCode, PostalCode(row));
        Merge(group, row, L.City, Text(row, L.City));
        Merge(group, row, L.PortalId, Text(row, L.PortalId));
        Merge(group, row, L.Status, Choice(row, L.Status, OfferNames.StatusWords));
        Merge(group, row, L.StatusSince, Date(row, L.StatusSince));
        Merge(group, row, L.ClosingDate, Date(row, L.ClosingDate));

        // Department: by its hidden id, else its Tilbudsportalen key, else its name.
        var deptId = Integer(row, L.DepartmentId);
        var deptKey = Text(row, L.DepartmentKey);
        var deptName = Text(row, L.Department);
        var hasService = L.ServiceLevelColumns.Any(c => raw[c.Index] is not null);
        if (deptId is null && deptKey is null && deptName is null && !hasService) return;
        var department =
            (deptId is int did ? group.Departments.FirstOrDefault(d => d.Id == did) : null)
            ?? (deptKey is not null ? group.Departments.FirstOrDefault(d => (deptId is null || d.Id is null) && Same(d.Key, deptKey)) : null)
            ?? group.Departments.FirstOrDefault(d => (deptId is null || d.Id is null) && (deptKey is null || d.Key is null) && Same(d.Name, deptName ?? ""));
        if (department is null)
        {
            department = new DepartmentGroup { Id = deptId, Key = deptKey, Name = deptName ?? "", FirstRow = row.Number, First = row };
            group.Departments.Add(department);
        }
        else
        {
            if (deptName is not null && department.Name.Length > 0 && !Same(department.Name, deptName))
            {
                row.Errors.Add((L.Department, $"er '{Clip(deptName)}', men afdelingen hedder '{Clip(department.Name)}' i række {department.FirstRow}. Skriv det samme navn på alle afdelingens rækker."));
            }
            if (department.Name.Length == 0 && deptName is not null) department.Name = deptName;
            department.Key ??= deptKey;
            department.Id ??= deptId;
        }
        row.Department = department;
        if (!hasService) return;

        var serviceId = Integer(row, L.ServiceId);
        if (serviceId is int sid)
        {
            var twin = group.Departments.SelectMany(d => d.Services).FirstOrDefault(x => x.Service.ServiceId == sid);
            if (twin.Row is not null)
            {
                row.Errors.Add((L.ServiceId, $"er {sid}, ligesom i række {twin.Row.Number}. Hver ydelse må kun stå på én række; en ny ydelse skal have en tom Ydelse-id."));
            }
        }
        var covered = Covered(row);
        var service = new ServiceSnapshot
        {
            ServiceId = serviceId,
            Name = Text(row, L.ServiceName) ?? "",
            LegalBases = List(row, L.LegalBases, legalBases),
            TargetGroups = List(row, L.TargetGroups, targetGroups),
            Places = Integer(row, L.Places),
            Rate = Decimal(row, L.Rate),
            RateUnit = Choice(row, L.RateUnit, OfferNames.UnitWords),
            RateYear = Integer(row, L.RateYear),
            ServiceLevelHours = Decimal(row, L.ServiceLevel),
            CoveredByAgreement = covered ?? true,
            RateChangeReason = Text(row, L.RateChangeReason),
            Comment = Text(row, L.Comment),
        };
        row.ServiceIndex = department.Services.Count;
        department.Services.Add((row, service));
    }

    private static void Merge(OfferGroup group, ParsedRow row, WorkbookColumn column, object? value)
    {
        if (value is null) return;
        var field = column.Field!.Value;
        if (!group.Fields.TryGetValue(field, out var existing))
        {
            group.Fields[field] = (value, row);
            return;
        }
        var same = value is string s ? Same(s, (string)existing.Value) : value.Equals(existing.Value);
        if (!same)
        {
            row.Errors.Add((column, $"er {Show(value)}, men række {existing.Row.Number} har {Show(existing.Value)}. Tilbuddets felter skal være ens på alle tilbuddets rækker."));
        }
    }

    private static string Show(object value) => value switch
    {
        string s => $"'{Clip(s)}'",
        OfferStatus st => $"'{OfferNames.Status(st)}'",
        DateOnly d => d.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, Danish.Culture) ?? "",
    };

    private void ParseBuyerRow(RawRow raw, List<OfferGroup> groups, List<List<(BuyerSnapshot Buyer, int Row)>> buyers)
    {
        var row = new ParsedRow(raw);
        var offerId = Integer(row, L.BuyerOfferId);
        var offerName = Text(row, L.BuyerOfferName);
        OfferGroup? group = null;
        if (offerId is int id)
        {
            group = groups.FirstOrDefault(g => g.Id == id);
            if (group is null) row.Errors.Add((L.BuyerOfferId, $"er {id}, men der er intet tilbud med det id på arket 'Tilbud'."));
        }
        else if (raw[L.BuyerOfferId.Index] is null)
        {
            if (offerName is null)
            {
                row.Errors.Add((L.BuyerOfferName, "er tom. Skriv tilbuddets navn (eller Tilbud-id), så køberkommunen kan knyttes til tilbuddet."));
            }
            else
            {
                group = groups.FirstOrDefault(g => g.Id is null && Same(g.Name, offerName)) ?? groups.FirstOrDefault(g => Same(g.Name, offerName));
                if (group is null) row.Errors.Add((L.BuyerOfferName, $"er '{Clip(offerName)}', men der er intet tilbud med det navn på arket 'Tilbud'."));
            }
        }

        int? code = null;
        if (raw[L.BuyerMunicipality.Index] is not { } cell) row.Errors.Add((L.BuyerMunicipality, "er tom. Vælg kommunen på listen."));
        else if (!RefuseUncalculated(row, L.BuyerMunicipality, cell)) code = Municipality(row, cell);
        var citizens = Integer(row, L.BuyerCitizens);
        if (citizens is null && raw[L.BuyerCitizens.Index] is null) row.Errors.Add((L.BuyerCitizens, "er tom. Skriv antallet af borgere fra kommunen i tilbuddet."));

        int? buyerIndex = null;
        var offerIndex = group is null ? -1 : groups.IndexOf(group);
        if (group is not null && code is int mc && citizens is int n)
        {
            buyerIndex = buyers[offerIndex].Count;
            buyers[offerIndex].Add((new BuyerSnapshot { MunicipalityCode = mc, MunicipalityName = expect.Lists.Municipalities[mc], Citizens = n }, raw.Number));
        }
        var label = group?.Label ?? offerName ?? "Køberkommune";
        foreach (var (column, what) in row.Errors)
        {
            var reference = column.Letter + raw.Number.ToString(CultureInfo.InvariantCulture);
            problems.Add(new ReportIssue(IssueSeverity.Error, offerIndex, group?.Name ?? "", column.Field ?? ReportField.Buyer,
                $"{label}, arket '{L.BuyerSheet}' række {raw.Number}: {column.Header} (celle {reference}) {what}", BuyerIndex: buyerIndex)
            { Location = L.Cell(L.BuyerSheet, reference) });
        }
    }

    private int? Municipality(ParsedRow row, RawCell cell)
    {
        if (cell.Formula is not null && cell.Kind == CellKind.Number)
        {
            row.Errors.Add((L.BuyerMunicipality, $"indeholder en formel (={Clip(cell.Formula)}). Skriv kommunens navn eller kode i stedet for formlen."));
            return null;
        }
        if (cell.Kind is CellKind.Number or CellKind.Text && int.TryParse(cell.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var c))
        {
            if (expect.Lists.Municipalities.ContainsKey(c)) return c;
            row.Errors.Add((L.BuyerMunicipality, $"er {c}, men det er ikke en kommunekode. Vælg kommunen på listen."));
            return null;
        }
        if (cell.Kind == CellKind.Text && municipalitiesByName.TryGetValue(Squash(cell.Text), out var byName)) return byName;
        row.Errors.Add((L.BuyerMunicipality, $"er '{Clip(cell.Text.Trim())}', som ikke er en kendt kommune. Vælg kommunen på listen (eller skriv kommunekoden)."));
        return null;
    }

    // ---- Cell values ----

    private static string? Text(ParsedRow row, WorkbookColumn column)
    {
        if (row.Raw[column.Index] is not { } cell) return null;
        switch (cell.Kind)
        {
            case CellKind.Error:
                row.Errors.Add((column, $"indeholder fejlen {cell.Text}. Skriv teksten direkte i cellen."));
                return null;
            case CellKind.Empty:
                RefuseUncalculated(row, column, cell);
                return null;
            case CellKind.Boolean:
                return cell.Text == "1" ? L.Yes : L.No;
            case CellKind.Number:
                return decimal.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : cell.Text;
            default:
                var text = cell.Text.Trim();
                return text.Length == 0 ? null : text;
        }
    }

    private static string? PostalCode(ParsedRow row)
    {
        var text = Text(row, L.PostalCode);
        // A postal code typed as a number loses its leading zero (0800 Høje Taastrup): give it back.
        return text is { Length: < 4 } && text.All(char.IsAsciiDigit) && row.Raw[L.PostalCode.Index]?.Kind == CellKind.Number ? text.PadLeft(4, '0') : text;
    }

    private const string NoValueAdvice = "Regnearket er gemt af et program, der ikke har regnet formlen ud. Skriv værdien direkte i cellen – eller åbn filen i Excel, og gem den igen.";

    /// <summary>A formula whose value was never calculated (openpyxl and other tools write them so): an error, never read as empty.</summary>
    private static bool RefuseUncalculated(ParsedRow row, WorkbookColumn column, RawCell cell)
    {
        if (cell.Formula is null || cell.Kind != CellKind.Empty) return false;
        row.Errors.Add((column, $"indeholder en formel (={Clip(cell.Formula)}) uden en beregnet værdi. {NoValueAdvice}"));
        return true;
    }

    private static bool RefuseFormula(ParsedRow row, WorkbookColumn column, RawCell cell, string what)
    {
        if (RefuseUncalculated(row, column, cell)) return true;
        if (cell.Formula is null) return false;
        row.Errors.Add((column, $"indeholder en formel (={Clip(cell.Formula)}). Skriv selve {what} i cellen i stedet for formlen."));
        return true;
    }

    private static string Shown(RawCell cell) => cell.Kind switch
    {
        CellKind.Number when decimal.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d.ToString("0.##########", Danish.Culture),
        CellKind.Boolean => cell.Text == "1" ? "SAND" : "FALSK",
        _ => Clip(cell.Text.Trim()),
    };

    private static int? Integer(ParsedRow row, WorkbookColumn column)
    {
        if (row.Raw[column.Index] is not { } cell || RefuseFormula(row, column, cell, "tallet")) return null;
        decimal? value = cell.Kind switch
        {
            CellKind.Number => decimal.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            CellKind.Text => DanishNumber(cell.Text),
            _ => null,
        };
        if (value is decimal v && v == decimal.Truncate(v) && v is >= int.MinValue and <= int.MaxValue) return (int)v;
        row.Errors.Add((column, cell.Kind == CellKind.Error
            ? $"indeholder fejlen {cell.Text}. Skriv et helt tal."
            : $"skal være et helt tal – der står '{Shown(cell)}'."));
        return null;
    }

    private static decimal? Decimal(ParsedRow row, WorkbookColumn column)
    {
        if (row.Raw[column.Index] is not { } cell || RefuseFormula(row, column, cell, "tallet")) return null;
        decimal? value = cell.Kind switch
        {
            CellKind.Number => decimal.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            CellKind.Text => DanishNumber(cell.Text),
            _ => null,
        };
        if (value is decimal v) return v;
        row.Errors.Add((column, cell.Kind == CellKind.Error
            ? $"indeholder fejlen {cell.Text}. Skriv et tal."
            : $"skal være et tal (fx 2.422,50) – der står '{Shown(cell)}'."));
        return null;
    }

    /// <summary>A number typed as text the Danish way: "2.422,50", "8,4", "2422", "2.422 kr.".</summary>
    private static decimal? DanishNumber(string text) => DanishInput.Number(text);

    private static readonly string[] DateFormats = ["dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    private DateOnly? Date(ParsedRow row, WorkbookColumn column)
    {
        if (row.Raw[column.Index] is not { } cell || RefuseFormula(row, column, cell, "datoen")) return null;
        switch (cell.Kind)
        {
            case CellKind.Number when double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466:
                var date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
                return date1904 ? date.AddDays(1462) : date;
            case CellKind.IsoDate when DateTime.TryParse(cell.Text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso):
                return DateOnly.FromDateTime(iso);
            case CellKind.Text when DateOnly.TryParseExact(cell.Text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var typed):
                return typed;
        }
        row.Errors.Add((column, cell.Kind == CellKind.Error
            ? $"indeholder fejlen {cell.Text}. Skriv en dato, fx 01-03-2026."
            : $"skal være en dato, fx 01-03-2026 – der står '{Shown(cell)}'."));
        return null;
    }

    private static T? Choice<T>(ParsedRow row, WorkbookColumn column, IReadOnlyDictionary<string, T> words) where T : struct
    {
        if (row.Raw[column.Index] is not { } cell || RefuseUncalculated(row, column, cell)) return null;
        if (cell.Kind == CellKind.Text && words.TryGetValue(Squash(cell.Text, keepSpaces: true), out var value)) return value;
        var allowed = typeof(T) == typeof(OfferStatus)
            ? Enum.GetValues<OfferStatus>().Select(s => OfferNames.Status(s))
            : Enum.GetValues<RateUnit>().Select(u => OfferNames.Unit(u));
        row.Errors.Add((column, $"skal være {WorkbookText.Join(allowed.Select(a => $"'{a}'").ToList(), "eller")} – der står '{Shown(cell)}'. Vælg på listen."));
        return null;
    }

    private static bool? Covered(ParsedRow row)
    {
        if (row.Raw[L.Covered.Index] is not { } cell)
        {
            row.Errors.Add((L.Covered, "er tom. Vælg Ja eller Nej."));
            return null;
        }
        if (RefuseUncalculated(row, L.Covered, cell)) return null;
        if (cell.Kind == CellKind.Boolean && cell.Formula is null) return cell.Text == "1";
        if (cell.Kind == CellKind.Text)
        {
            switch (cell.Text.Trim().ToLowerInvariant())
            {
                case "ja" or "j" or "yes" or "x": return true;
                case "nej" or "n" or "no": return false;
            }
        }
        row.Errors.Add((L.Covered, $"skal være Ja eller Nej – der står '{Shown(cell)}'. Vælg på listen."));
        return null;
    }

    private static List<string> List(ParsedRow row, WorkbookColumn column, Dictionary<string, string> canonical)
    {
        var text = Text(row, column);
        if (text is null) return [];
        return text.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => canonical.GetValueOrDefault(Squash(t)) ?? t)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static Dictionary<string, string> Canonical(IEnumerable<string> values)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in values) result.TryAdd(Squash(v), v);
        return result;
    }

    /// <summary>For comparing what people type: case-insensitive (by the caller) and without spaces ("SEL §107" = "SEL § 107").</summary>
    private static string Squash(string text, bool keepSpaces = false)
    {
        var t = text.Trim().Replace('\u00A0', ' ');
        return keepSpaces ? string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries)) : string.Concat(t.Where(c => !char.IsWhiteSpace(c)));
    }

    private static bool Same(string? a, string? b) =>
        string.Equals(a is null ? null : Squash(a, keepSpaces: true), b is null ? null : Squash(b, keepSpaces: true), StringComparison.OrdinalIgnoreCase);
}
