using System.Text;
using Rammevaerk.Shared;

namespace Rammevaerk.Capacity;

/// <summary>
/// The sections of the one agenda item that bundles the pending notices (seed 001 item 6): Baggrund, Indstilling and
/// Sagsfremstilling with one sub-section (###) per notice carrying its figures and texts. Markdown, editable afterwards.
/// </summary>
public static class AgendaText
{
    public static string Background(IReadOnlyList<CapacityNotice> notices)
    {
        var from = notices.GroupBy(n => n.Operator!.Name).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ({g.Count()})");
        var count = notices.Count == 1 ? "én orientering" : $"{notices.Count} orienteringer";
        return "Sagerne skal på Socialdirektørforum på baggrund af bilag 4 i styringsaftalen, hvoraf det beskrives, at "
            + "Socialdirektørforum har mulighed for at lave enten en høring eller en udtalelse på baggrund af kapacitetsændringen. "
            + "Lukning af pladser kan føre til en fælleskommunal høring, oprettelse af nye pladser til en udtalelse. "
            + "Uanset beslutningen orienteres alle kommuner i regionen samt eventuelle andre køberkommuner.\n\n"
            + $"Sekretariatet har modtaget {count} om ændringer i kapacitet fra {JoinAnd(from)}, som her er samlet i én sag.";
    }

    /// <summary>
    /// Seed 001 item 6's form, one bullet per filing municipality: "Beslutter at de ikke ønsker at lave en udtalelse
    /// til Vejen Kommune", "… en fælleskommunal høring pba. lukningen i Faaborg-Midtfyn Kommune", "… en fælleskommunal
    /// høring og/eller en udtalelse til Billund Kommune". The secretariat edits it when the recommendation differs.
    /// </summary>
    public static string Recommendation(IReadOnlyList<CapacityNotice> notices)
    {
        var text = new StringBuilder("Det indstilles, at Socialdirektørforum:\n\n");
        foreach (var g in notices.GroupBy(n => n.Operator!.Name))
        {
            var kinds = g.Select(n => n.Kind).Distinct().ToList();
            text.Append("- Beslutter at de ikke ønsker at lave ");
            if (kinds.All(k => k is CapacityChangeKind.Closing or CapacityChangeKind.Reduction))
            {
                var many = g.Count() > 1;
                var what = kinds.Count > 1 ? (many ? "ændringerne" : "ændringen")
                    : kinds[0] == CapacityChangeKind.Closing ? (many ? "lukningerne" : "lukningen") : (many ? "reduktionerne" : "reduktionen");
                text.Append("en fælleskommunal høring pba. ").Append(what).Append(" i ").Append(g.Key);
            }
            else
            {
                text.Append(kinds.All(k => k is CapacityChangeKind.Opening or CapacityChangeKind.Expansion) ? "en udtalelse" : What(CapacityChangeKind.Conversion))
                    .Append(" til ").Append(g.Key);
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd();
    }

    public static string CasePresentation(IReadOnlyList<CapacityNotice> notices)
    {
        var text = new StringBuilder();
        foreach (var n in notices)
        {
            text.Append("### ").Append(CapacityService.Title(n)).Append("\n\n");
            text.Append($"{n.Operator!.Name} orienterer om {Lower(CapacityService.KindDescription(n.Kind))}");
            text.Append(n.OfferId is null ? $" (nyt tilbud: {n.NewOfferName})" : $" på {n.Offer?.Name}");
            text.Append(". [Orienteringen nr. ").Append(n.Id).Append("](/kapacitetsaendringer#notits-").Append(n.Id).Append(")\n\n");
            if (n.TargetGroupText is string tg) text.Append("Målgruppe: ").Append(tg).Append("\n\n");
            if (n.Lines.Count > 0)
            {
                text.Append("| Ydelse | Paragraf før | Paragraf efter | Pladser før | Pladser efter | Takst efter | Serviceniveau |\n");
                text.Append("|---|---|---|---:|---:|---:|---:|\n");
                foreach (var l in n.Lines.OrderBy(l => l.SortOrder))
                {
                    text.Append("| ").Append(Cell(l.ServiceName)).Append(" | ").Append(Cell(l.LegalBasesBefore ?? "–")).Append(" | ")
                        .Append(Cell(l.LegalBasesAfter ?? "–")).Append(" | ").Append(l.PlacesBefore).Append(" | ").Append(l.PlacesAfter).Append(" | ")
                        .Append(CapacityService.RateText(l) ?? "–").Append(" | ")
                        .Append(CapacityService.ServiceLevelText(l) ?? "–").Append(" |\n");
                }
                text.Append('\n');
            }
            if (n.OwnUsePercent is { } own) text.Append($"{n.Operator.Name} anvender selv {own.ToString("0.##", Danish.Culture)} % af pladserne.\n\n");
            Section(text, "Begrundelse for ændringen", n.Reason);
            Section(text, "Ændringens konsekvenser", n.Consequences);
            Section(text, "Proces og orientering", n.Process);
            Section(text, "Tidspunkt for ændringen", n.EffectiveDate is { } d ? $"Ændringen træder i kraft {d.ToString("d. MMMM yyyy", Danish.Culture)}." : null);
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>Closing places can lead to a joint hearing, new places to a statement; a conversion can lead to either.</summary>
    public static string What(CapacityChangeKind kind) => kind switch
    {
        CapacityChangeKind.Closing or CapacityChangeKind.Reduction => "en fælleskommunal høring",
        CapacityChangeKind.Opening or CapacityChangeKind.Expansion => "en udtalelse",
        _ => "en fælleskommunal høring og/eller en udtalelse",
    };

    private static void Section(StringBuilder text, string heading, string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return;
        text.Append("**").Append(heading).Append("**\n\n").Append(body.Trim()).Append("\n\n");
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLower(s[0], Danish.Culture) + s[1..];

    private static string JoinAnd(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list[..^1]) + " og " + list[^1],
        };
    }
}
