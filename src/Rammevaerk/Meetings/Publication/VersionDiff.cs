using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// What a publication changes on the public site, in Danish lines: the header, items added, removed, moved, retitled,
/// opened or closed, sections and attachments changed, decisions added. Pure; items are matched by id.
/// </summary>
public static class VersionDiff
{
    public static IReadOnlyList<string> Describe(MeetingView? before, MeetingView after)
    {
        var lines = new List<string>();
        if (before is null) return lines;
        if (before.Title != after.Title) lines.Add($"Mødets titel: «{before.Title}» → «{after.Title}»");
        if (before.Location != after.Location) lines.Add($"Mødested: «{before.Location ?? "ikke oplyst"}» → «{after.Location ?? "ikke oplyst"}»");
        if (before.StartsAt != after.StartsAt || before.EndsAt != after.EndsAt)
            lines.Add($"Tidspunkt: {Span(before)} → {Span(after)}");
        if ((before.Preamble ?? "") != (after.Preamble ?? ""))
            lines.Add(string.IsNullOrWhiteSpace(before.Preamble) ? "Teksten før punkterne tilføjes." : string.IsNullOrWhiteSpace(after.Preamble) ? "Teksten før punkterne fjernes." : "Teksten før punkterne ændres.");

        var old = before.Items.ToDictionary(i => i.Id);
        var now = after.Items.ToDictionary(i => i.Id);
        foreach (var item in before.Items.Where(i => !now.ContainsKey(i.Id)))
            lines.Add($"Punkt {item.Number} ({item.Title}) fjernes.");
        foreach (var item in after.Items.OrderBy(i => i.Number))
        {
            if (!old.TryGetValue(item.Id, out var was))
            {
                lines.Add($"Punkt {item.Number} ({item.Title}) tilføjes{(item.IsClosed ? " som lukket punkt" : "")}.");
                continue;
            }
            var label = $"Punkt {item.Number} ({item.Title})";
            if (was.Number != item.Number) lines.Add($"{label}: flyttes fra nummer {was.Number} til {item.Number}.");
            if (was.Title != item.Title) lines.Add($"Punkt {item.Number}: titlen ændres fra «{was.Title}».");
            if (was.IsClosed != item.IsClosed) lines.Add($"{label}: bliver {(item.IsClosed ? "lukket (kun titlen er offentlig)" : "åbent (indholdet bliver offentligt)")}.");
            // Of a closed item only the title is public: a change to its content is named as staying closed,
            // as the confirmation names the closed items, never as something that goes public.
            var closed = item.IsClosed ? " (lukket punkt: kun titlen er offentlig)" : "";
            var sections = new List<string>();
            if (was.Intro != item.Intro) sections.Add("indledning");
            if (was.Background != item.Background) sections.Add("Baggrund");
            if (was.Recommendation != item.Recommendation) sections.Add("Indstilling");
            if (was.CasePresentation != item.CasePresentation) sections.Add("Sagsfremstilling");
            if (!was.Guests.SequenceEqual(item.Guests)) sections.Add("gæster");
            if (sections.Count > 0) lines.Add($"{label}: {Join(sections)} ændres{closed}.");
            if (was.Decision != item.Decision)
            {
                lines.Add(string.IsNullOrWhiteSpace(was.Decision) ? $"{label}: beslutningen {(item.IsClosed ? "skrives" : "offentliggøres")}{closed}."
                    : string.IsNullOrWhiteSpace(item.Decision) ? $"{label}: beslutningen fjernes{closed}."
                    : $"{label}: beslutningen ændres{closed}.");
            }
            var oldFiles = was.Attachments.Select(a => a.Id).ToHashSet();
            var newFiles = item.Attachments.Select(a => a.Id).ToHashSet();
            foreach (var a in item.Attachments.Where(a => !oldFiles.Contains(a.Id))) lines.Add($"{label}: bilag «{a.FileName}» tilføjes{closed}.");
            foreach (var a in was.Attachments.Where(a => !newFiles.Contains(a.Id))) lines.Add($"{label}: bilag «{a.FileName}» fjernes{closed}.");
        }
        return lines;
    }

    private static string Span(MeetingView m) =>
        m.EndsAt is { } end ? $"{Danish.DateAndTime(m.StartsAt)}–{Danish.Time(end)}" : Danish.DateAndTime(m.StartsAt);

    private static string Join(List<string> parts) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " og " + parts[^1];
}
