using Rammevaerk.Offers;

namespace Rammevaerk.Reporting.Validation;

public enum IssueSeverity
{
    /// <summary>Blocks submit.</summary>
    Error,
    /// <summary>Needs a comment (or, for a rate change, a reason) before submit.</summary>
    Warning,
}

/// <summary>The fields a message can point at; the browser form and the workbook each know where a field is.</summary>
public enum ReportField
{
    Offer,
    Name,
    Address,
    PostalCode,
    City,
    PortalId,
    Status,
    StatusSince,
    ClosingDate,
    Department,
    DepartmentKey,
    ServiceName,
    LegalBases,
    TargetGroups,
    Places,
    Rate,
    RateUnit,
    RateYear,
    ServiceLevel,
    Covered,
    RateChangeReason,
    Comment,
    Buyer,
    Citizens,
    /// <summary>The register's ids (the grey columns of the workbook, hidden fields of the form).</summary>
    OfferId,
    DepartmentId,
    ServiceId,
}

/// <summary>
/// One validation message. Indexes point into the reported list (offer, department within the offer, service within
/// the department, buyer within the offer); <see cref="Location"/> is filled in by whoever knows the layout:
/// "Ark 'Tilbud', celle H7" for a workbook.
/// </summary>
public sealed record ReportIssue(
    IssueSeverity Severity,
    int OfferIndex,
    string OfferName,
    ReportField Field,
    string Message,
    int? DepartmentIndex = null,
    int? ServiceIndex = null,
    int? BuyerIndex = null)
{
    public string? Location { get; init; }

    /// <summary>For a warning: whether the reporter has answered it (a reason for a rate change, else a comment).</summary>
    public bool Answered { get; init; }

    /// <summary>Whether the issue stops the report from being submitted.</summary>
    public bool Blocks => Severity == IssueSeverity.Error || !Answered;

    /// <summary>The Danish name of the field, as the form and the workbook label it.</summary>
    public string FieldName => ReportFieldNames.Danish(Field);
}

/// <summary>The reference data the validation checks against.</summary>
public sealed record ValidationContext(
    IReadOnlyDictionary<string, AgeScope> LegalBases,
    IReadOnlyDictionary<string, AgeScope> TargetGroups,
    IReadOnlyDictionary<int, string> Municipalities,
    int Year,
    decimal RateChangeThresholdPercent,
    /// <summary>Last year's approved figures by offer id, for the rate-change check.</summary>
    IReadOnlyDictionary<int, OfferSnapshot> LastYear);

public static class ReportFieldNames
{
    public static string Danish(ReportField f) => f switch
    {
        ReportField.Offer => "Tilbud",
        ReportField.Name => "Tilbuddets navn",
        ReportField.Address => "Adresse",
        ReportField.PostalCode => "Postnr.",
        ReportField.City => "By",
        ReportField.PortalId => "Tilbudsportalen-id",
        ReportField.Status => "Status",
        ReportField.StatusSince => "Status fra",
        ReportField.ClosingDate => "Lukkedato",
        ReportField.Department => "Afdeling",
        ReportField.DepartmentKey => "Afdelingsnr.",
        ReportField.ServiceName => "Ydelse",
        ReportField.LegalBases => "Paragraf",
        ReportField.TargetGroups => "Målgruppe",
        ReportField.Places => "Pladser",
        ReportField.Rate => "Takst (kr.)",
        ReportField.RateUnit => "Takstenhed",
        ReportField.RateYear => "Takstår",
        ReportField.ServiceLevel => "Serviceniveau (timer pr. borger pr. døgn)",
        ReportField.Covered => "Omfattet af rammeaftalen",
        ReportField.RateChangeReason => "Begrundelse for takstændring",
        ReportField.Comment => "Bemærkning",
        ReportField.Buyer => "Køberkommune",
        ReportField.Citizens => "Antal borgere",
        ReportField.OfferId => "Tilbud-id",
        ReportField.DepartmentId => "Afdeling-id",
        ReportField.ServiceId => "Ydelse-id",
        _ => f.ToString(),
    };
}
