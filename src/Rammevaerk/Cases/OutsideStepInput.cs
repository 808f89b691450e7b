namespace Rammevaerk.Cases;

/// <summary>The form for a step at a body outside Rammeværk; <see cref="Validate"/> gives a Danish message per field.</summary>
public sealed class OutsideStepInput
{
    /// <summary>Suggested in the form; any other body may be written.</summary>
    public static readonly string[] KnownBodies = ["K22", "KKR Syddanmark", "KL", "Social- og Boligministeriet", "Social- og Boligstyrelsen", "Danske Regioner"];

    public string? Date { get; set; }
    public string? Body { get; set; }
    public string? Asked { get; set; }
    public string? Outcome { get; set; }
    public string? Link { get; set; }
    public int? SentFromItemId { get; set; }
    public bool IsClosed { get; set; }

    public static DateOnly? ParseDate(string? text) => Shared.DanishInput.Date(text);

    /// <summary>
    /// Field name → Danish message; empty when the input is good. A step is shown on the public item pages and in OParl
    /// as soon as it is saved, so a CPR number is refused in every field, and the link must be one the public can open.
    /// </summary>
    public Dictionary<string, string> Validate(bool outcomeOnly = false, DateOnly? today = null)
    {
        var errors = new Dictionary<string, string>();
        if (!outcomeOnly)
        {
            if (string.IsNullOrWhiteSpace(Date)) errors[nameof(Date)] = "Dato: skriv datoen for behandlingen.";
            else if (ParseDate(Date) is not { } d) errors[nameof(Date)] = $"Dato: »{Date}« er ikke en dato. Skriv fx 20-08-2025.";
            else if (d.Year is < 1990 or > 2100) errors[nameof(Date)] = "Dato: året skal ligge mellem 1990 og 2100.";
            if (string.IsNullOrWhiteSpace(Body)) errors[nameof(Body)] = "Myndighed: skriv hvem sagen er sendt til, fx KKR Syddanmark.";
            else if (Body.Trim().Length > CasesConfiguration.BodyLength) errors[nameof(Body)] = $"Myndighed: højst {CasesConfiguration.BodyLength} tegn.";
            if (string.IsNullOrWhiteSpace(Asked)) errors[nameof(Asked)] = "Hvad blev der bedt om: skriv hvad sagen blev sendt til behandling for.";
            else if (Asked.Trim().Length > CasesConfiguration.TextLength) errors[nameof(Asked)] = "Hvad blev der bedt om: højst 4.000 tegn.";
        }
        if (Outcome is { } o && o.Trim().Length > CasesConfiguration.TextLength) errors[nameof(Outcome)] = "Udfald: højst 4.000 tegn.";
        if (!string.IsNullOrWhiteSpace(Link))
        {
            if (Link.Trim().Length > CasesConfiguration.LinkLength) errors[nameof(Link)] = $"Link: højst {Shared.Danish.Number(CasesConfiguration.LinkLength)} tegn.";
            else if (!Uri.TryCreate(Link.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors[nameof(Link)] = "Link: skriv en hel adresse, der begynder med https:// (fx til myndighedens referat).";
            else if (Meetings.Publication.NonPublicLinks.Why(Link.Trim()) is { } why)
                errors[nameof(Link)] = $"Link: adressen er {why}, som offentligheden ikke kan åbne. Skriv adressen på myndighedens offentlige referat.";
        }
        foreach (var (field, label, text) in new[] { (nameof(Body), "Myndighed", Body), (nameof(Asked), "Hvad blev der bedt om", Asked), (nameof(Outcome), "Udfald", Outcome), (nameof(Link), "Link", Link) })
        {
            if ((!outcomeOnly || field is nameof(Outcome) or nameof(Link)) && !errors.ContainsKey(field) && Shared.CprNumbers.Contains(text, today))
                errors[field] = $"{label}: indeholder et CPR-nummer. CPR-numre må aldrig offentliggøres; fjern det.";
        }
        return errors;
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
