using System.Globalization;
using Rammevaerk.Offers;

namespace Rammevaerk.Reporting.Validation;

/// <summary>
/// Checks an operator's reported offers. Errors block submit; warnings need an answer (a reason for a rate change,
/// otherwise a comment on the service). Messages are written for a municipal clerk: they name the offer, the service
/// and the field, and say what to do. Pure: the reference lists and last year's figures come in the context.
/// </summary>
public static class ReportValidator
{
    public const int MaxPlaces = 10_000;
    public const decimal MaxRate = 10_000_000m;
    public const decimal MaxServiceLevel = 24m;
    /// <summary>Places that move more than this against last year ask for a comment.</summary>
    public const decimal PlacesChangeWarningPercent = 25m;

    private static readonly CultureInfo Da = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Legal bases of residential services, whose service level (hours per citizen per day) must be given.</summary>
    private static readonly HashSet<string> Residential = new(StringComparer.OrdinalIgnoreCase) { "SEL § 107", "SEL § 108", "SEL § 85", "ABL § 105", "BL § 43" };

    /// <summary>The longest text each field may hold (the register's columns; reasons and comments a page's worth).</summary>
    public static readonly IReadOnlyDictionary<ReportField, int> MaxLength = new Dictionary<ReportField, int>
    {
        [ReportField.Name] = Offer.NameLength, [ReportField.Address] = 300, [ReportField.City] = 100, [ReportField.PortalId] = 50,
        [ReportField.PostalCode] = 10, [ReportField.Department] = Offer.NameLength, [ReportField.DepartmentKey] = 50,
        [ReportField.ServiceName] = Offer.NameLength, [ReportField.RateChangeReason] = 2000, [ReportField.Comment] = 2000,
    };

    /// <summary>"Lunden", or its first 60 characters and "…" when a name is absurdly long; <paramref name="fallback"/> when empty.</summary>
    public static string Label(string? name, string fallback)
    {
        var t = name?.Trim();
        return string.IsNullOrEmpty(t) ? fallback : t.Length <= 60 ? t : t[..60] + "…";
    }

    /// <summary>
    /// Texts longer than their field holds (<see cref="MaxLength"/>). They block even a draft, which could not be
    /// stored; the form shows the text back with the limit.
    /// </summary>
    public static List<ReportIssue> TooLong(IReadOnlyList<OfferSnapshot> offers)
    {
        var issues = new List<ReportIssue>();
        for (var o = 0; o < offers.Count; o++)
        {
            var offer = offers[o];
            var label = Label(offer.Name, $"Tilbud nr. {o + 1}");
            void Check(ReportField field, string? text, string what, int? d = null, int? s = null)
            {
                var length = text?.Trim().Length ?? 0;
                if (length > MaxLength[field])
                {
                    issues.Add(new ReportIssue(IssueSeverity.Error, o, label, field,
                        $"{what}: {ReportFieldNames.Danish(field)} må højst være {MaxLength[field].ToString("N0", Da)} tegn (der står {length.ToString("N0", Da)}).", d, s));
                }
            }
            Check(ReportField.Name, offer.Name, label);
            Check(ReportField.Address, offer.Address, label);
            Check(ReportField.PostalCode, offer.PostalCode, label);
            Check(ReportField.City, offer.City, label);
            Check(ReportField.PortalId, offer.PortalId, label);
            for (var d = 0; d < offer.Departments.Count; d++)
            {
                var department = offer.Departments[d];
                var where = $"{label}, {Label(department.Name, $"afdeling nr. {d + 1}")}";
                Check(ReportField.Department, department.Name, where, d);
                Check(ReportField.DepartmentKey, department.PortalKey, where, d);
                for (var s = 0; s < department.Services.Count; s++)
                {
                    var service = department.Services[s];
                    var what = $"{label}, {Label(service.Name, $"ydelse nr. {s + 1}")}";
                    Check(ReportField.ServiceName, service.Name, what, d, s);
                    Check(ReportField.RateChangeReason, service.RateChangeReason, what, d, s);
                    Check(ReportField.Comment, service.Comment, what, d, s);
                }
            }
        }
        return issues;
    }

    public static List<ReportIssue> Validate(IReadOnlyList<OfferSnapshot> offers, ValidationContext context)
    {
        var issues = TooLong(offers);
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var portalIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var offerIds = new Dictionary<int, int>();
        for (var o = 0; o < offers.Count; o++)
        {
            var offer = offers[o];
            var label = Label(offer.Name, $"Tilbud nr. {o + 1}");
            void Add(IssueSeverity severity, ReportField field, string message, int? d = null, int? s = null, int? b = null, bool answered = false) =>
                issues.Add(new ReportIssue(severity, o, label, field, message, d, s, b) { Answered = answered });

            // --- The offer ------------------------------------------------------------------------------------
            if (string.IsNullOrWhiteSpace(offer.Name))
            {
                Add(IssueSeverity.Error, ReportField.Name, $"{label}: Tilbuddets navn mangler.");
            }
            else if (offer.Name.Trim().Length <= Offer.NameLength && names.TryGetValue(offer.Name.Trim(), out var first))
            {
                Add(IssueSeverity.Error, ReportField.Name, $"{label}: Tilbuddet er indberettet to gange (også som tilbud nr. {first + 1}). Slå de to sammen, eller giv dem hver sit navn.");
            }
            else
            {
                names[offer.Name.Trim()] = o;
            }
            if (offer.OfferId is { } id)
            {
                if (offerIds.TryGetValue(id, out var firstId))
                {
                    Add(IssueSeverity.Error, ReportField.Offer, $"{label}: Samme tilbud (id {id}) står to gange i indberetningen (også som tilbud nr. {firstId + 1}).");
                }
                else offerIds[id] = o;
            }
            if (!string.IsNullOrWhiteSpace(offer.PortalId))
            {
                if (portalIds.TryGetValue(offer.PortalId.Trim(), out var firstPortal))
                {
                    Add(IssueSeverity.Error, ReportField.PortalId, $"{label}: Tilbudsportalen-id {offer.PortalId.Trim()} bruges også af tilbud nr. {firstPortal + 1} ({offers[firstPortal].Name}). Et tilbud må kun indberettes én gang.");
                }
                else portalIds[offer.PortalId.Trim()] = o;
            }
            if (!string.IsNullOrWhiteSpace(offer.PostalCode) && offer.PostalCode.Trim().Length <= MaxLength[ReportField.PostalCode] && !(offer.PostalCode.Trim().Length == 4 && offer.PostalCode.Trim().All(char.IsAsciiDigit)))
            {
                Add(IssueSeverity.Error, ReportField.PostalCode, $"{label}: Postnummeret skal være fire cifre – der står '{offer.PostalCode.Trim()}'.");
            }
            if (offer.Status != OfferStatus.Active && offer.ClosingDate is null)
            {
                Add(IssueSeverity.Error, ReportField.ClosingDate, $"{label}: Et tilbud, der er {OfferNames.Status(offer.Status).ToLowerInvariant()}, skal have en lukkedato.");
            }
            if (offer.Status == OfferStatus.Active && offer.ClosingDate is not null)
            {
                Add(IssueSeverity.Error, ReportField.ClosingDate, $"{label}: Et aktivt tilbud kan ikke have en lukkedato. Sæt status til 'Under lukning', eller fjern datoen.");
            }
            if (offer.StatusSince is { } since && offer.ClosingDate is { } closing && closing < since)
            {
                Add(IssueSeverity.Error, ReportField.ClosingDate, $"{label}: Lukkedatoen ({closing.ToString("d. MMMM yyyy", Da)}) ligger før 'Status fra' ({since.ToString("d. MMMM yyyy", Da)}).");
            }
            if (offer.Status != OfferStatus.Closed && !offer.Services.Any())
            {
                Add(IssueSeverity.Error, ReportField.Department, $"{label}: Tilbuddet har ingen ydelser. Angiv mindst én afdeling med én ydelse, eller sæt status til 'Lukket'.");
            }

            // --- Departments and services ------------------------------------------------------------------------
            var departmentKeys = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var lastYear = offer.OfferId is { } oid ? context.LastYear.GetValueOrDefault(oid) : null;
            var lastServices = lastYear?.Services.Where(s => s.ServiceId is not null).ToDictionary(s => s.ServiceId!.Value) ?? [];
            for (var d = 0; d < offer.Departments.Count; d++)
            {
                var department = offer.Departments[d];
                if (string.IsNullOrWhiteSpace(department.Name))
                {
                    Add(IssueSeverity.Error, ReportField.Department, $"{label}: Afdeling nr. {d + 1} mangler et navn.", d);
                }
                if (!string.IsNullOrWhiteSpace(department.PortalKey))
                {
                    if (departmentKeys.TryGetValue(department.PortalKey.Trim(), out var firstDept))
                    {
                        Add(IssueSeverity.Error, ReportField.DepartmentKey, $"{label}: Afdelingsnr. {department.PortalKey.Trim()} står både ved '{offer.Departments[firstDept].Name}' og '{department.Name}'.", d);
                    }
                    else departmentKeys[department.PortalKey.Trim()] = d;
                }
                for (var s = 0; s < department.Services.Count; s++)
                {
                    var service = department.Services[s];
                    var what = $"{label}, {Label(service.Name, $"ydelse nr. {s + 1}")}";
                    void AddS(IssueSeverity severity, ReportField field, string message, bool answered = false) => Add(severity, field, $"{what}: {message}", d, s, null, answered);

                    if (string.IsNullOrWhiteSpace(service.Name)) AddS(IssueSeverity.Error, ReportField.ServiceName, "Ydelsens navn mangler.");
                    CheckLists(service, context, AddS);
                    CheckFigures(offer, service, context, AddS);
                    if (service.ServiceId is { } sid && lastServices.TryGetValue(sid, out var before))
                    {
                        CheckAgainstLastYear(offer, service, before, context, AddS);
                    }
                }
            }

            // --- Buyers ------------------------------------------------------------------------------------------
            var seenBuyers = new HashSet<int>();
            for (var b = 0; b < offer.Buyers.Count; b++)
            {
                var buyer = offer.Buyers[b];
                if (!context.Municipalities.TryGetValue(buyer.MunicipalityCode, out var municipality))
                {
                    var shown = buyer.MunicipalityName ?? buyer.MunicipalityCode.ToString(Da);
                    Add(IssueSeverity.Error, ReportField.Buyer, $"{label}: Køberkommunen '{shown}' kendes ikke. Skriv kommunens navn, fx 'Vejle'.", b: b);
                    continue;
                }
                if (!seenBuyers.Add(buyer.MunicipalityCode))
                {
                    Add(IssueSeverity.Error, ReportField.Buyer, $"{label}: {municipality} står flere gange som køberkommune. Læg antallet af borgere sammen i én linje.", b: b);
                }
                if (buyer.Citizens < 1 || buyer.Citizens > MaxPlaces)
                {
                    Add(IssueSeverity.Error, ReportField.Citizens, $"{label}: Antal borgere fra {municipality} skal være mellem 1 og {MaxPlaces.ToString("N0", Da)}.", b: b);
                }
            }
        }
        return issues;
    }

    private static void CheckLists(ServiceSnapshot service, ValidationContext context, Action<IssueSeverity, ReportField, string, bool> add)
    {
        if (service.LegalBases.Count == 0)
        {
            add(IssueSeverity.Error, ReportField.LegalBases, "Paragraf mangler. Vælg mindst én paragraf fra listen (fx SEL § 107).", false);
        }
        if (service.TargetGroups.Count == 0)
        {
            add(IssueSeverity.Error, ReportField.TargetGroups, "Målgruppe mangler. Vælg mindst én målgruppe fra listen.", false);
        }
        var bases = new List<(string Code, AgeScope Scope)>();
        foreach (var code in service.LegalBases)
        {
            if (context.LegalBases.TryGetValue(code.Trim(), out var scope)) bases.Add((code.Trim(), scope));
            else add(IssueSeverity.Error, ReportField.LegalBases, $"Paragraffen '{code}' findes ikke på listen. Brug fx 'SEL § 107' eller 'ABL § 105'.", false);
        }
        var groups = new List<(string Name, AgeScope Scope)>();
        foreach (var name in service.TargetGroups)
        {
            if (context.TargetGroups.TryGetValue(name.Trim(), out var scope)) groups.Add((name.Trim(), scope));
            else add(IssueSeverity.Error, ReportField.TargetGroups, $"Målgruppen '{name}' findes ikke på listen.", false);
        }
        foreach (var (code, bScope) in bases)
        {
            foreach (var (name, gScope) in groups)
            {
                if (!ReferenceLists.Fits(bScope, gScope))
                {
                    add(IssueSeverity.Error, ReportField.TargetGroups,
                        $"{code} er for {ReferenceLists.DanishName(bScope)} og passer ikke til målgruppen '{name}' ({ReferenceLists.DanishName(gScope)}). Ret paragraffen eller målgruppen.", false);
                }
            }
        }
    }

    private static void CheckFigures(OfferSnapshot offer, ServiceSnapshot service, ValidationContext context, Action<IssueSeverity, ReportField, string, bool> add)
    {
        var active = offer.Status == OfferStatus.Active;
        if (service.Places is null)
        {
            add(IssueSeverity.Error, ReportField.Places, "Antal pladser mangler.", false);
        }
        else if (service.Places < 0 || service.Places > MaxPlaces)
        {
            add(IssueSeverity.Error, ReportField.Places, $"Antal pladser skal være mellem 0 og {MaxPlaces.ToString("N0", Da)} – der står {service.Places.Value.ToString("N0", Da)}.", false);
        }
        else if (service.Places == 0 && active)
        {
            add(IssueSeverity.Error, ReportField.Places, "Et aktivt tilbud kan ikke have 0 pladser. Angiv antal pladser, eller sæt tilbuddets status til 'Under lukning' eller 'Lukket'.", false);
        }

        if (service.Rate is null)
        {
            if (active && service.CoveredByAgreement)
            {
                add(IssueSeverity.Error, ReportField.Rate, "Takst mangler. Ydelser omfattet af rammeaftalen skal have en takst.", false);
            }
        }
        else
        {
            if (service.Rate <= 0 || service.Rate > MaxRate)
            {
                add(IssueSeverity.Error, ReportField.Rate, $"Taksten skal være over 0 og højst {MaxRate.ToString("N0", Da)} kr. – der står {service.Rate.Value.ToString("N2", Da)}.", false);
            }
            if (service.RateUnit is null)
            {
                add(IssueSeverity.Error, ReportField.RateUnit, "Takstenhed mangler. Vælg pr. døgn, pr. måned, pr. år eller pr. time.", false);
            }
            if (service.RateYear is null)
            {
                add(IssueSeverity.Error, ReportField.RateYear, $"Takstår mangler. Taksten skal være for {context.Year}.", false);
            }
            else if (service.RateYear != context.Year)
            {
                add(IssueSeverity.Error, ReportField.RateYear, $"Taksten er for {service.RateYear}, men indberetningen gælder {context.Year}. Angiv {context.Year}-taksten, og ret takståret.", false);
            }
        }

        if (service.ServiceLevelHours is { } hours && (hours < 0 || hours > MaxServiceLevel))
        {
            add(IssueSeverity.Error, ReportField.ServiceLevel, $"Serviceniveauet skal være mellem 0 og 24 timer pr. borger pr. døgn – der står {hours.ToString("0.##", Da)}.", false);
        }
        else if (service.ServiceLevelHours is null && active && service.LegalBases.Any(Residential.Contains))
        {
            add(IssueSeverity.Warning, ReportField.ServiceLevel,
                "Serviceniveau (timer pr. borger pr. døgn) mangler for et botilbud. Angiv det, eller skriv i Bemærkning hvorfor det ikke kan opgøres.",
                !string.IsNullOrWhiteSpace(service.Comment));
        }
    }

    private static void CheckAgainstLastYear(OfferSnapshot offer, ServiceSnapshot service, ServiceSnapshot before, ValidationContext context, Action<IssueSeverity, ReportField, string, bool> add)
    {
        if (service.Rate is { } now && before.Rate is { } then && then > 0 && service.RateUnit == before.RateUnit && now > 0)
        {
            var change = (now - then) / then * 100m;
            if (Math.Abs(change) > context.RateChangeThresholdPercent)
            {
                add(IssueSeverity.Warning, ReportField.RateChangeReason,
                    $"Taksten er ændret {Signed(change)} i forhold til sidste år ({then.ToString("N2", Da)} → {now.ToString("N2", Da)} kr. {OfferNames.Unit(service.RateUnit)}). " +
                    $"Ændringer over {context.RateChangeThresholdPercent.ToString("0.##", Da)} % skal begrundes i 'Begrundelse for takstændring'.",
                    !string.IsNullOrWhiteSpace(service.RateChangeReason));
            }
        }
        if (service.Places is { } places && before.Places is { } earlier && earlier > 0 && offer.Status == OfferStatus.Active)
        {
            var change = (places - earlier) / (decimal)earlier * 100m;
            if (Math.Abs(change) > PlacesChangeWarningPercent)
            {
                add(IssueSeverity.Warning, ReportField.Comment,
                    $"Antal pladser er ændret fra {earlier} til {places} ({Signed(change)}). Skriv i Bemærkning, hvad ændringen skyldes – ændringer i kapacitet skal også meldes efter rammeaftalens bilag 4.",
                    !string.IsNullOrWhiteSpace(service.Comment));
            }
        }
    }

    private static string Signed(decimal percent) =>
        (percent > 0 ? "+" : percent < 0 ? "−" : "") + Math.Abs(percent).ToString("0.0", Da) + " %";
}
