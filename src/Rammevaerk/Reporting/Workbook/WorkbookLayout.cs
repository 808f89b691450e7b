using Rammevaerk.Reporting.Validation;

namespace Rammevaerk.Reporting.Workbook;

internal enum ColumnKind
{
    Text,
    Integer,
    Decimal,
    Date,
    Choice,
    List,
}

/// <summary>One column of a data sheet: its letter, header, the report field it holds (if any) and its kind.</summary>
internal sealed record WorkbookColumn(int Index, string Header, ReportField? Field, ColumnKind Kind, double Width, bool Grey = false, bool Hidden = false)
{
    public string Letter { get; } = WorkbookLayout.ColumnLetter(Index);
}

/// <summary>The fixed layout of the annual-report workbook: sheet names, columns and the template metadata labels.</summary>
internal static class WorkbookLayout
{
    public const string GuideSheet = "Vejledning";
    public const string OfferSheet = "Tilbud";
    public const string BuyerSheet = "Køberkommuner";
    public const string ListSheet = "Lister";
    public static readonly string[] SheetNames = [GuideSheet, OfferSheet, BuyerSheet, ListSheet];

    public const string MetadataHeading = "Skabelonoplysninger (må ikke ændres)";
    public const string VersionLabel = "Skabelonversion";
    public const string RoundLabel = "Indberetningsrunde (id)";
    public const string OperatorIdLabel = "Driftsherre (id)";
    public const string OperatorNameLabel = "Driftsherre";
    public const string YearLabel = "Indberetningsår";
    public const string RegionLabel = "Region";

    public const string Yes = "Ja";
    public const string No = "Nej";
    public const string OfferIdHeader = "Tilbud-id";
    public const string DepartmentIdHeader = "Afdeling-id";
    public const string ServiceIdHeader = "Ydelse-id";
    public const string LastYearRateHeader = "Sidste års takst";

    // The sheet "Tilbud": one row per service; offer-level columns repeated on every row of the offer.
    public static readonly WorkbookColumn OfferId = new(1, OfferIdHeader, ReportField.OfferId, ColumnKind.Integer, 10, Grey: true);
    public static readonly WorkbookColumn Name = new(2, ReportFieldNames.Danish(ReportField.Name), ReportField.Name, ColumnKind.Text, 34);
    public static readonly WorkbookColumn Address = new(3, ReportFieldNames.Danish(ReportField.Address), ReportField.Address, ColumnKind.Text, 28);
    public static readonly WorkbookColumn PostalCode = new(4, ReportFieldNames.Danish(ReportField.PostalCode), ReportField.PostalCode, ColumnKind.Text, 9);
    public static readonly WorkbookColumn City = new(5, ReportFieldNames.Danish(ReportField.City), ReportField.City, ColumnKind.Text, 16);
    public static readonly WorkbookColumn PortalId = new(6, ReportFieldNames.Danish(ReportField.PortalId), ReportField.PortalId, ColumnKind.Text, 14);
    public static readonly WorkbookColumn Status = new(7, ReportFieldNames.Danish(ReportField.Status), ReportField.Status, ColumnKind.Choice, 15);
    public static readonly WorkbookColumn StatusSince = new(8, ReportFieldNames.Danish(ReportField.StatusSince), ReportField.StatusSince, ColumnKind.Date, 12);
    public static readonly WorkbookColumn ClosingDate = new(9, ReportFieldNames.Danish(ReportField.ClosingDate), ReportField.ClosingDate, ColumnKind.Date, 12);
    public static readonly WorkbookColumn DepartmentKey = new(10, ReportFieldNames.Danish(ReportField.DepartmentKey), ReportField.DepartmentKey, ColumnKind.Text, 13);
    public static readonly WorkbookColumn Department = new(11, ReportFieldNames.Danish(ReportField.Department), ReportField.Department, ColumnKind.Text, 26);
    public static readonly WorkbookColumn ServiceId = new(12, ServiceIdHeader, ReportField.ServiceId, ColumnKind.Integer, 10, Grey: true);
    public static readonly WorkbookColumn ServiceName = new(13, ReportFieldNames.Danish(ReportField.ServiceName), ReportField.ServiceName, ColumnKind.Text, 30);
    public static readonly WorkbookColumn LegalBases = new(14, ReportFieldNames.Danish(ReportField.LegalBases), ReportField.LegalBases, ColumnKind.List, 20);
    public static readonly WorkbookColumn TargetGroups = new(15, ReportFieldNames.Danish(ReportField.TargetGroups), ReportField.TargetGroups, ColumnKind.List, 30);
    public static readonly WorkbookColumn Places = new(16, ReportFieldNames.Danish(ReportField.Places), ReportField.Places, ColumnKind.Integer, 9);
    public static readonly WorkbookColumn Rate = new(17, ReportFieldNames.Danish(ReportField.Rate), ReportField.Rate, ColumnKind.Decimal, 13);
    public static readonly WorkbookColumn RateUnit = new(18, ReportFieldNames.Danish(ReportField.RateUnit), ReportField.RateUnit, ColumnKind.Choice, 12);
    public static readonly WorkbookColumn RateYear = new(19, ReportFieldNames.Danish(ReportField.RateYear), ReportField.RateYear, ColumnKind.Integer, 9);
    public static readonly WorkbookColumn ServiceLevel = new(20, ReportFieldNames.Danish(ReportField.ServiceLevel), ReportField.ServiceLevel, ColumnKind.Decimal, 18);
    public static readonly WorkbookColumn Covered = new(21, ReportFieldNames.Danish(ReportField.Covered), ReportField.Covered, ColumnKind.Choice, 14);
    public static readonly WorkbookColumn LastYearRate = new(22, LastYearRateHeader, null, ColumnKind.Decimal, 13, Grey: true);
    public static readonly WorkbookColumn RateChangeReason = new(23, ReportFieldNames.Danish(ReportField.RateChangeReason), ReportField.RateChangeReason, ColumnKind.Text, 36);
    public static readonly WorkbookColumn Comment = new(24, ReportFieldNames.Danish(ReportField.Comment), ReportField.Comment, ColumnKind.Text, 36);
    public static readonly WorkbookColumn DepartmentId = new(25, DepartmentIdHeader, ReportField.DepartmentId, ColumnKind.Integer, 10, Grey: true, Hidden: true);

    public static readonly WorkbookColumn[] OfferColumns =
    [
        OfferId, Name, Address, PostalCode, City, PortalId, Status, StatusSince, ClosingDate, DepartmentKey, Department,
        ServiceId, ServiceName, LegalBases, TargetGroups, Places, Rate, RateUnit, RateYear, ServiceLevel, Covered,
        LastYearRate, RateChangeReason, Comment, DepartmentId,
    ];

    /// <summary>Columns that belong to the offer (repeated on each of its rows).</summary>
    public static readonly WorkbookColumn[] OfferLevel = [OfferId, Name, Address, PostalCode, City, PortalId, Status, StatusSince, ClosingDate];
    /// <summary>Columns that describe the service of a row; a row with all of them empty has no service.</summary>
    public static readonly WorkbookColumn[] ServiceLevelColumns =
        [ServiceId, ServiceName, LegalBases, TargetGroups, Places, Rate, RateUnit, RateYear, ServiceLevel, RateChangeReason, Comment];

    // The sheet "Køberkommuner": one row per buying municipality of an offer.
    public static readonly WorkbookColumn BuyerOfferId = new(1, OfferIdHeader, null, ColumnKind.Integer, 10, Grey: true);
    public static readonly WorkbookColumn BuyerOfferName = new(2, ReportFieldNames.Danish(ReportField.Name), null, ColumnKind.Text, 34);
    public static readonly WorkbookColumn BuyerMunicipality = new(3, ReportFieldNames.Danish(ReportField.Buyer), ReportField.Buyer, ColumnKind.Text, 24);
    public static readonly WorkbookColumn BuyerCitizens = new(4, ReportFieldNames.Danish(ReportField.Citizens), ReportField.Citizens, ColumnKind.Integer, 14);
    public static readonly WorkbookColumn[] BuyerColumns = [BuyerOfferId, BuyerOfferName, BuyerMunicipality, BuyerCitizens];

    /// <summary>The column on the sheet "Tilbud" that holds a report field.</summary>
    public static WorkbookColumn? OfferColumnOf(ReportField field) => OfferColumns.FirstOrDefault(c => c.Field == field);

    /// <summary>1 → "A", 26 → "Z", 27 → "AA".</summary>
    public static string ColumnLetter(int index)
    {
        var s = "";
        while (index > 0)
        {
            var m = (index - 1) % 26;
            s = (char)('A' + m) + s;
            index = (index - m - 1) / 26;
        }
        return s;
    }

    /// <summary>"P7" → (16, 7); null when the reference is not a cell reference.</summary>
    public static (int Column, int Row)? ParseReference(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var i = 0;
        var column = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > 16384) return null;
            i++;
        }
        if (i == 0 || i == reference.Length) return null;
        var row = 0;
        for (; i < reference.Length; i++)
        {
            if (!char.IsAsciiDigit(reference[i])) return null;
            row = row * 10 + (reference[i] - '0');
            if (row > 1_048_576) return null;
        }
        return row == 0 ? null : (column, row);
    }

    public static string Cell(string sheet, string reference) => $"Ark '{sheet}', celle {reference}";
}
