using System.Globalization;
using System.Text.RegularExpressions;
using Rammevaerk.Shared;

namespace Rammevaerk.EarlyWarnings;

/// <summary>
/// The early-warning form as posted: numbers and dates as text, parsed with Danish rules here so that a typing
/// mistake gets a Danish message naming the field instead of vanishing in model binding.
/// </summary>
public sealed class WarningInput
{
    public string? OfferId { get; set; }
    public string? ServiceId { get; set; }
    public string? ChangePercent { get; set; }
    public string? ChangeAmount { get; set; }
    public string? Reason { get; set; }
    public string? ExpectedFrom { get; set; }
    public string? State { get; set; }
    public Guid? Stamp { get; set; }

    public const int ReasonLength = 4000;

    /// <summary>The parsed form, valid when <see cref="Errors"/> is empty.</summary>
    public sealed record Parsed(int? OfferId, int? ServiceId, decimal? ChangePercent, decimal? ChangeAmount, string Reason, DateOnly? ExpectedFrom, WarningState? State);

    /// <summary>
    /// Parses and checks the fields. Errors are keyed by the field's name ("ChangePercent") and written in Danish,
    /// naming the field. Whether the offer and service belong to the user is checked by the caller (403).
    /// <paramref name="earliest"/> is the earliest accepted expected date (today for a new warning), or null.
    /// </summary>
    public (Parsed Value, Dictionary<string, string> Errors) Parse(DateOnly? earliest)
    {
        var errors = new Dictionary<string, string>();
        int? offer = Id(OfferId);
        if (offer is null) errors[nameof(OfferId)] = "Tilbud: vælg det tilbud, varslet gælder.";
        int? service = string.IsNullOrWhiteSpace(ServiceId) ? null : Id(ServiceId) ?? -1;

        var percent = Number(ChangePercent, "Ændring i procent", "fx 4,5", errors, nameof(ChangePercent));
        var amount = Number(ChangeAmount, "Ændring i kroner", "fx 150 eller 1.250,50", errors, nameof(ChangeAmount));
        if (string.IsNullOrWhiteSpace(ChangePercent) && string.IsNullOrWhiteSpace(ChangeAmount))
        {
            errors[nameof(ChangePercent)] = "Forventet ændring: angiv ændringen i procent eller i kroner (mindst én af dem).";
        }
        if (percent is decimal p && !errors.ContainsKey(nameof(ChangePercent)))
        {
            if (p == 0) errors[nameof(ChangePercent)] = "Ændring i procent må ikke være 0. Lad feltet stå tomt, hvis ændringen kun angives i kroner.";
            else if (p is < -100 or > 1000) errors[nameof(ChangePercent)] = "Ændring i procent skal ligge mellem -100 og 1.000.";
        }
        if (amount is decimal a && !errors.ContainsKey(nameof(ChangeAmount)))
        {
            if (a == 0) errors[nameof(ChangeAmount)] = "Ændring i kroner må ikke være 0. Lad feltet stå tomt, hvis ændringen kun angives i procent.";
            else if (Math.Abs(a) > 10_000_000m) errors[nameof(ChangeAmount)] = "Ændring i kroner er urimeligt stor. Angiv ændringen pr. takstenhed (fx pr. døgn).";
        }

        var reason = (Reason ?? "").Trim();
        if (reason.Length == 0) errors[nameof(Reason)] = "Begrundelse: skriv, hvorfor taksten forventes at ændre sig ud over pris- og lønfremskrivningen.";
        else if (reason.Length > ReasonLength) errors[nameof(Reason)] = Danish.TooLong("Begrundelse", ReasonLength, reason.Length);

        DateOnly? from = null;
        if (string.IsNullOrWhiteSpace(ExpectedFrom)) errors[nameof(ExpectedFrom)] = "Forventet fra: angiv datoen, ændringen forventes at gælde fra.";
        else if (Date(ExpectedFrom) is { } d)
        {
            from = d;
            if (earliest is { } e && d < e) errors[nameof(ExpectedFrom)] = $"Forventet fra ligger i fortiden ({d.ToString("d. MMMM yyyy", Danish.Culture)}). Et varsel gælder en kommende ændring.";
        }
        else errors[nameof(ExpectedFrom)] = $"Forventet fra skal være en dato (fx 1.1.2027) – der står '{ExpectedFrom.Trim()}'.";

        WarningState? state = Enum.TryParse<WarningState>(State, out var s) && Enum.IsDefined(s) && !int.TryParse(State, out _) ? s : null;
        if (state is null) errors[nameof(State)] = "Status: vælg Forventet, Politisk besluttet eller Trukket tilbage.";

        return (new Parsed(offer, service, percent, amount, reason, from, state), errors);
    }

    public static WarningInput From(RateWarning w) => new()
    {
        OfferId = w.OfferId.ToString(CultureInfo.InvariantCulture),
        ServiceId = w.ServiceId?.ToString(CultureInfo.InvariantCulture),
        ChangePercent = w.ChangePercent is decimal p ? p.ToString("0.##", Danish.Culture) : null,
        ChangeAmount = w.ChangeAmount is decimal a ? a.ToString("#,##0.##", Danish.Culture) : null,
        Reason = w.Reason,
        ExpectedFrom = w.ExpectedFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        State = w.State.ToString(),
        Stamp = w.ConcurrencyStamp,
    };

    private static int? Id(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>A Danish number: "4,5", "1.250,50", "-2"; "%" and "kr." are allowed around it. "2.5" is refused.</summary>
    public static decimal? Number(string? text, string label, string example, Dictionary<string, string> errors, string key)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DanishInput.Number(text) is decimal value) return value;
        errors[key] = $"{label} skal være et tal ({example}) – der står '{text.Trim()}'.";
        return null;
    }

    public static DateOnly? Date(string? text) => DanishInput.Date(text);
}
