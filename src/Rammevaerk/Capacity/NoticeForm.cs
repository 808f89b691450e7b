using System.Globalization;
using Rammevaerk.Offers;
using Rammevaerk.Shared;

namespace Rammevaerk.Capacity;

/// <summary>
/// The notice form as posted: numbers and dates as text, parsed with Danish rules here so that a typing mistake
/// gets a message naming the field (as the report form does).
/// </summary>
public sealed class NoticeForm
{
    public int? OfferId { get; set; }
    public string? NewOfferName { get; set; }
    public CapacityChangeKind? Kind { get; set; }
    public string? TargetGroupText { get; set; }
    public string? Reason { get; set; }
    public string? Consequences { get; set; }
    public string? Process { get; set; }
    public string? EffectiveDate { get; set; }
    public string? OwnUsePercent { get; set; }
    public List<LineForm> Lines { get; set; } = [];

    public sealed class LineForm
    {
        public int? ServiceId { get; set; }
        public string? ServiceName { get; set; }
        public string? LegalBasesBefore { get; set; }
        public string? LegalBasesAfter { get; set; }
        public string? TargetGroups { get; set; }
        public string? PlacesBefore { get; set; }
        public string? PlacesAfter { get; set; }
        public string? RateAfter { get; set; }
        public string? ServiceLevelHoursAfter { get; set; }

        /// <summary>Nothing typed in the line (then it is left out); a line with anything in it is checked and shown again.</summary>
        public bool IsBlank => ServiceId is null
            && new[] { ServiceName, LegalBasesBefore, LegalBasesAfter, TargetGroups, PlacesBefore, PlacesAfter, RateAfter, ServiceLevelHoursAfter }.All(string.IsNullOrWhiteSpace);
    }

    /// <summary>The form filled from a stored notice.</summary>
    public static NoticeForm Of(CapacityNotice n) => new()
    {
        OfferId = n.OfferId, NewOfferName = n.NewOfferName, Kind = n.Kind, TargetGroupText = n.TargetGroupText,
        Reason = n.Reason, Consequences = n.Consequences, Process = n.Process,
        EffectiveDate = n.EffectiveDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        OwnUsePercent = n.OwnUsePercent is { } p ? p.ToString("0.##", Danish.Culture) : null,
        Lines = n.Lines.OrderBy(l => l.SortOrder).Select(l => new LineForm
        {
            ServiceId = l.ServiceId, ServiceName = l.ServiceName, LegalBasesBefore = l.LegalBasesBefore, LegalBasesAfter = l.LegalBasesAfter,
            TargetGroups = l.TargetGroups, PlacesBefore = l.PlacesBefore.ToString(CultureInfo.InvariantCulture),
            PlacesAfter = l.PlacesAfter.ToString(CultureInfo.InvariantCulture),
            RateAfter = l.RateAfter is { } r ? r.ToString("#,##0.##", Danish.Culture) : null,
            ServiceLevelHoursAfter = l.ServiceLevelHoursAfter is { } h ? h.ToString("0.##", Danish.Culture) : null,
        }).ToList(),
    };

    /// <summary>Lines pre-filled from the register's services of an offer: places before and after as they stand.</summary>
    public static List<LineForm> LinesFrom(OfferSnapshot offer) => offer.Services.Select(s => new LineForm
    {
        ServiceId = s.ServiceId, ServiceName = s.Name,
        LegalBasesBefore = string.Join(", ", s.LegalBases), LegalBasesAfter = string.Join(", ", s.LegalBases),
        TargetGroups = string.Join(", ", s.TargetGroups),
        PlacesBefore = (s.Places ?? 0).ToString(CultureInfo.InvariantCulture), PlacesAfter = (s.Places ?? 0).ToString(CultureInfo.InvariantCulture),
    }).ToList();

    public static int? Int(string? text, string label, List<FieldProblem> problems, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DanishInput.Whole(text) is int value) return value;
        problems.Add(new(field, $"{label} skal være et helt tal – der står '{text.Trim()}'."));
        return null;
    }

    public static decimal? Dec(string? text, string label, List<FieldProblem> problems, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DanishInput.Number(text) is decimal value) return value;
        problems.Add(new(field, $"{label} skal være et tal (fx 2.422 eller 8,4) – der står '{text.Trim()}'."));
        return null;
    }

    public static DateOnly? Date(string? text, string label, List<FieldProblem> problems, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DanishInput.Date(text) is DateOnly d) return d;
        problems.Add(new(field, $"{label} skal være en dato (fx 1.9.2025) – der står '{text.Trim()}'."));
        return null;
    }

    /// <summary>"ABL § 105, SEL § 85" or "ABL § 105 / SEL § 85" → the codes.</summary>
    public static List<string> Codes(string? text) => string.IsNullOrWhiteSpace(text) ? []
        : text.Split([',', ';', '/', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

/// <summary>A message for one field of the form: its HTML id and the Danish text.</summary>
public sealed record FieldProblem(string Field, string Message);
