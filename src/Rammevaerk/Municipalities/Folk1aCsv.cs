using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rammevaerk.Municipalities;

/// <summary>One municipality's population on 1 January of a year, read from a file.</summary>
/// <param name="Row">The file's row (1-based), for messages.</param>
public sealed record PopulationFigure(int Code, string Name, int Year, int Population, int Row = 0);

/// <summary>What a FOLK1A file gave: the figures, a Danish message per bad row, and the rows that are not municipalities.</summary>
public sealed record Folk1aResult(List<PopulationFigure> Figures, List<string> Errors, List<string> Skipped)
{
    public List<int> Years => Figures.Select(f => f.Year).Distinct().Order().ToList();

    /// <summary>
    /// The figures that stand alone for their municipality and year. Two rows for the same municipality and year are
    /// an error (in <see cref="Errors"/>), so neither is a figure to show as new or changed.
    /// </summary>
    public List<PopulationFigure> Unambiguous =>
        Figures.GroupBy(f => (f.Code, f.Year)).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
}

/// <summary>
/// Reads Danmarks Statistik's FOLK1A table as downloaded from Statistikbanken ("Gem som CSV", semicolon separated,
/// Windows-1252 or UTF-8): title lines, then a header row whose cells name the periods ("2025K1", or "2025"), then
/// one row per area ("Kolding" or "621 Kolding", possibly after columns for sex, age and marital status set to
/// "I alt") with a number per period. The API's long form (OMRÅDE;TID;INDHOLD) is read too. Population on 1 January
/// is the first quarter's figure. Country, regions and landsdele are skipped; any other row that cannot be read gets
/// its own Danish message naming the row.
/// </summary>
public static partial class Folk1aCsv
{
    public const int MaxBytes = 1024 * 1024;

    [GeneratedRegex(@"^(\d{4})(K([1-4]))?$")]
    private static partial Regex Period();

    [GeneratedRegex(@"^(\d{3})\s+(.+)$")]
    private static partial Regex CodeAndName();

    private static readonly string[] Totals = ["i alt", "alder i alt", "total", "køn i alt"];

    public static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            // Statistikbanken's CSV is Windows-1252 by default; Latin-1 reads æ, ø, å the same.
            return Encoding.Latin1.GetString(bytes);
        }
    }

    public static Folk1aResult Parse(string text, IReadOnlyCollection<(int Code, string Name)> municipalities)
    {
        var figures = new List<PopulationFigure>();
        var errors = new List<string>();
        var skipped = new List<string>();
        var byName = municipalities.GroupBy(m => Normalize(m.Name)).ToDictionary(g => g.Key, g => g.First());
        var byCode = municipalities.ToDictionary(m => m.Code);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var separator = lines.Take(10).Any(l => l.Contains(';')) ? ';' : lines.Take(10).Any(l => l.Contains('\t')) ? '\t' : ',';

        // The header: the first row with at least one period cell.
        var headerRow = -1;
        List<(int Column, int Year, int Quarter)> periods = [];
        var longForm = false;
        for (var r = 0; r < lines.Length && headerRow < 0; r++)
        {
            var cells = Split(lines[r], separator);
            if (cells.Count >= 3 && cells.Any(c => c.Equals("TID", StringComparison.OrdinalIgnoreCase)) && cells.Any(c => c.Equals("INDHOLD", StringComparison.OrdinalIgnoreCase)))
            {
                headerRow = r;
                longForm = true;
                break;
            }
            var found = cells.Select((c, i) => (c, i)).Select(x => (x.i, m: Period().Match(x.c))).Where(x => x.m.Success)
                .Select(x => (x.i, int.Parse(x.m.Groups[1].Value, CultureInfo.InvariantCulture), x.m.Groups[3].Success ? int.Parse(x.m.Groups[3].Value, CultureInfo.InvariantCulture) : 1))
                .ToList();
            if (found.Count > 0)
            {
                headerRow = r;
                periods = found;
            }
        }
        if (headerRow < 0)
        {
            errors.Add("Filen ligner ikke FOLK1A fra Statistikbanken: ingen række nævner en periode som »2025K1« eller »2025«. Hent tabellen som CSV (semikolonsepareret) med område og tid.");
            return new Folk1aResult(figures, errors, skipped);
        }

        if (longForm)
        {
            var header = Split(lines[headerRow], separator);
            var area = header.FindIndex(c => c.StartsWith("OMR", StringComparison.OrdinalIgnoreCase));
            var time = header.FindIndex(c => c.Equals("TID", StringComparison.OrdinalIgnoreCase));
            var value = header.FindIndex(c => c.Equals("INDHOLD", StringComparison.OrdinalIgnoreCase));
            if (area < 0) errors.Add($"Række {headerRow + 1}: kolonnen OMRÅDE mangler.");
            for (var r = headerRow + 1; r < lines.Length && area >= 0; r++)
            {
                var cells = Split(lines[r], separator);
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                var m = Period().Match(cells.ElementAtOrDefault(time) ?? "");
                if (!m.Success) { errors.Add($"Række {r + 1}: »{cells.ElementAtOrDefault(time)}« er ikke en periode som 2025K1."); continue; }
                // A later quarter is no population on 1 January, but a bad row is named all the same.
                var first = !m.Groups[3].Success || m.Groups[3].Value == "1";
                Read(r, cells.ElementAtOrDefault(area) ?? "", [(cells.ElementAtOrDefault(value) ?? "", int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), first ? null : m.Value)]);
            }
        }
        else
        {
            // Per year, the first quarter: population on 1 January. A year given only for later quarters is not used.
            var columns = periods.Where(p => p.Quarter == 1).GroupBy(p => p.Year).Select(g => g.First()).ToList();
            foreach (var year in periods.Select(p => p.Year).Distinct().Where(y => columns.All(c => c.Year != y)))
                errors.Add($"Række {headerRow + 1}: {year} findes kun for senere kvartaler. Befolkningen pr. 1. januar er 1. kvartal ({year}K1).");
            var firstPeriod = periods.Min(p => p.Column);
            var headerCells = Split(lines[headerRow], separator);
            for (var r = headerRow + 1; r < lines.Length; r++)
            {
                var cells = Split(lines[r], separator);
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                // The area is the first non-empty cell before the numbers that is not a total of another variable.
                var label = cells.Take(firstPeriod).FirstOrDefault(c => c.Length > 0 && !Totals.Contains(c.Trim().ToLowerInvariant()));
                if (label is null)
                {
                    // Statistikbanken leaves the area out on rows that repeat the one above; FOLK1A with one value each never does.
                    errors.Add($"Række {r + 1}: rækken nævner intet område.");
                    continue;
                }
                // Every period's cell is checked; only the first quarter's become figures.
                Read(r, label, periods.Select(p => (cells.ElementAtOrDefault(p.Column) ?? "", p.Year, columns.Contains(p) ? null : (string?)headerCells[p.Column])).ToList());
            }
        }

        var duplicates = figures.GroupBy(f => (f.Code, f.Year)).Where(g => g.Count() > 1).ToList();
        foreach (var d in duplicates)
            errors.Add($"Række {string.Join(" og ", d.Select(f => f.Row).Distinct())}: {d.First().Name} har mere end ét tal for {d.Key.Year}; filen skal have én række pr. kommune.");
        return new Folk1aResult(figures, errors, skipped);

        // Later is the period of a value that is checked but is no figure (a later quarter), null for a figure.
        void Read(int row, string label, List<(string Cell, int Year, string? Later)> values)
        {
            var name = label.Trim();
            (int Code, string Name)? municipality = null;
            var cm = CodeAndName().Match(name);
            if (cm.Success && byCode.TryGetValue(int.Parse(cm.Groups[1].Value, CultureInfo.InvariantCulture), out var byC)) municipality = byC;
            else if (byName.TryGetValue(Normalize(cm.Success ? cm.Groups[2].Value : name), out var byN)) municipality = byN;
            if (municipality is not { } mu)
            {
                if (IsAggregate(name)) { skipped.Add(name); return; }
                if (Footnote(name)) return;
                errors.Add($"Række {row + 1}: »{name}« er ikke en dansk kommune.");
                return;
            }
            foreach (var (cell, year, later) in values)
            {
                var period = later ?? year.ToString(CultureInfo.InvariantCulture);
                var raw = cell.Trim().Replace(".", "").Replace(" ", "").Replace("\u00A0", "");
                if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var population))
                {
                    errors.Add($"Række {row + 1}, {mu.Name}: »{cell.Trim()}« for {period} er ikke et antal indbyggere.");
                    continue;
                }
                if (population is < 1 or > 2_000_000)
                {
                    errors.Add($"Række {row + 1}, {mu.Name}: {Shared.Danish.Number(population)} indbyggere i {period} kan ikke passe.");
                    continue;
                }
                if (later is null) figures.Add(new PopulationFigure(mu.Code, mu.Name, year, population, row + 1));
            }
        }
    }

    private static bool IsAggregate(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        return n is "hele landet" or "i alt" or "danmark" || n.StartsWith("region ", StringComparison.Ordinal) || n.StartsWith("landsdel ", StringComparison.Ordinal)
            || Regex.IsMatch(n, @"^\d{3,4}\s+(region|landsdel)\b") || n.StartsWith("000 ", StringComparison.Ordinal);
    }

    /// <summary>Statistikbanken's trailing notes ("Kilde: …", "Enhed: Antal") and the title line.</summary>
    private static bool Footnote(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        return n.StartsWith("kilde", StringComparison.Ordinal) || n.StartsWith("enhed", StringComparison.Ordinal) || n.StartsWith("folk1a", StringComparison.Ordinal)
            || n.StartsWith("befolkningen", StringComparison.Ordinal) || n.StartsWith("note", StringComparison.Ordinal) || n.StartsWith("(", StringComparison.Ordinal);
    }

    private static string Normalize(string name) =>
        name.Trim().ToLowerInvariant().Replace(" kommune", "").Replace("-", " ").Replace("  ", " ");

    private static List<string> Split(string line, char separator) =>
        Shared.CsvLine.Split(line, separator).Select(c => c.Trim()).ToList();
}
