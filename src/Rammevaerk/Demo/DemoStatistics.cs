using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Statistics;

namespace Rammevaerk.Demo;

/// <summary>
/// Seed 001 item 12 (Årlig status for den fælles anonyme stofbehandling, Socialdirektørforum 27 June 2025): tables 1
/// and 2 as one published dataset — dimensions Center, Hjemkommune, År; measure Afsluttede forløb — linked to the item.
/// Idempotent (by name).
/// </summary>
public sealed class DemoStatistics(AppDb db, TimeProvider clock)
{
    public const string Name = "Anonym stofmisbrugsbehandling: afsluttede forløb 2017-2024";
    public const string MeetingKey = "socialdirektoerforum/2025-06-27T09:00";

    public static readonly string[] Years = ["2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"];

    /// <summary>
    /// Tabel 1 (completed courses by centre). The seed's text has one cell a line with empty cells dropped. Odense
    /// and Esbjerg have all eight years. Kolding has six values: the forum closed the Kolding centre at its meeting of
    /// 30 June 2023, so they are 2017–2022 — and only that reading makes the "I alt" row (73, 63, 67, 42, 32, 58, 46,
    /// 22) add up. Null = no courses that year.
    /// </summary>
    public static readonly (string Centre, int?[] Courses)[] Table1 =
    [
        ("Odense", [25, 20, 22, 18, 15, 25, 25, 18]),
        ("Kolding", [25, 22, 27, 9, 4, 9, null, null]),
        ("Esbjerg", [23, 21, 18, 15, 13, 24, 21, 4]),
    ];

    /// <summary>The published "I alt" row of table 1.</summary>
    public static readonly int[] PublishedTotals = [73, 63, 67, 42, 32, 58, 46, 22];

    /// <summary>
    /// Tabel 2 (completed courses by home municipality), reconstructed. Only Esbjerg and Odense have a value in all
    /// eight columns; the other rows arrive as a run of numbers with the empty cells dropped, so which year each number
    /// belongs to is not in the text. We placed them so that
    /// (1) every row keeps its numbers in the published order,
    /// (2) each year's column adds up to no more than table 1's total for that year,
    /// (3) Kolding (6 values) is 2017–2022 like the Kolding centre, and Fredericia (4 values, then two cells holding
    ///     only a space) is 2017–2020,
    /// (4) the municipalities that left the cooperation (Haderslev, Sønderborg, Aabenraa; Tønder has no value) are in
    ///     its first years,
    /// (5) Fyn municipalities, which keep using the Odense centre, carry the courses of 2023 and 2024.
    /// Table 2 has no total row and its cells add up to 401, two fewer than table 1's 403: those two courses (one in
    /// 2023, one in 2024) are kept as home municipality "Uoplyst", so both tables' totals hold. Fanø, Langeland,
    /// Tønder and Ærø have no courses and no rows. Where a row's placement is a judgement, the text above is it.
    /// </summary>
    public static readonly (string Municipality, int?[] Courses)[] Table2 =
    [
        ("Assens", [2, 2, 1, 2, 1, 1, null, null]),
        ("Billund", [null, null, 1, null, null, null, null, null]),
        ("Esbjerg", [19, 18, 16, 12, 11, 21, 20, 3]),
        ("Fredericia", [4, 4, 4, 1, null, null, null, null]),
        ("Faaborg-Midtfyn", [3, 1, 1, 2, null, 4, 1, null]),
        ("Haderslev", [1, 2, 2, null, null, null, null, null]),
        ("Kerteminde", [null, 1, 1, null, 1, 1, 1, null]),
        ("Kolding", [17, 10, 13, 4, 5, 4, null, null]),
        ("Middelfart", [null, null, 2, null, 2, 3, 2, 2]),
        ("Nordfyns", [1, 1, 1, 1, null, 3, 2, null]),
        ("Nyborg", [null, null, 1, null, null, 1, null, 2]),
        ("Odense", [14, 16, 17, 14, 10, 18, 18, 14]),
        ("Svendborg", [null, 1, 3, 1, 1, 1, null, null]),
        ("Sønderborg", [1, null, null, null, null, null, null, null]),
        ("Varde", [4, 3, 2, 2, 1, 1, 1, null]),
        ("Vejen", [2, 1, 1, 2, null, null, null, null]),
        ("Vejle", [4, 3, 1, 1, null, null, null, null]),
        ("Aabenraa", [1, null, null, null, null, null, null, null]),
        ("Uoplyst", [null, null, null, null, null, null, 1, 1]),
    ];

    /// <summary>The centre a home municipality's citizens are counted at first (the nearest); the rest go where there is room.</summary>
    private static string PreferredCentre(string municipality) => municipality switch
    {
        "Esbjerg" or "Varde" or "Vejen" or "Billund" => "Esbjerg",
        "Kolding" or "Fredericia" or "Vejle" or "Haderslev" or "Sønderborg" or "Aabenraa" => "Kolding",
        _ => "Odense",
    };

    /// <summary>
    /// The seed gives the two tables' margins only, not centre × home municipality. For each year, each home
    /// municipality's courses are put at its preferred centre while that centre has room (its table 1 count), the rest
    /// at the other centres in table 1's order. Both tables then come out exactly: by centre and year (table 1) and
    /// by home municipality and year (table 2); the split between them is illustrative.
    /// </summary>
    public static List<DatasetValue> Values()
    {
        var values = new List<DatasetValue>();
        for (var y = 0; y < Years.Length; y++)
        {
            var room = Table1.ToDictionary(c => c.Centre, c => c.Courses[y] ?? 0);
            var cells = new Dictionary<(string Centre, string Municipality), int>();
            foreach (var (municipality, courses) in Table2)
            {
                var left = courses[y] ?? 0;
                var order = Table1.Select(c => c.Centre).OrderBy(c => c == PreferredCentre(municipality) ? 0 : 1);
                foreach (var centre in order)
                {
                    var take = Math.Min(left, room[centre]);
                    if (take == 0) continue;
                    cells[(centre, municipality)] = cells.GetValueOrDefault((centre, municipality)) + take;
                    room[centre] -= take;
                    left -= take;
                }
                if (left != 0) throw new InvalidOperationException($"Seed 001 tables 1 and 2 do not agree for {Years[y]}.");
            }
            if (room.Values.Any(r => r != 0)) throw new InvalidOperationException($"Seed 001 tables 1 and 2 do not agree for {Years[y]}.");
            // Centre, then home municipality in table 2's order, then year: the order the table shows them in.
            foreach (var ((centre, municipality), n) in cells)
                values.Add(new DatasetValue { Key1 = centre, Key2 = municipality, Key3 = Years[y], Value = n });
        }
        var centreOrder = Table1.Select(c => c.Centre).ToList();
        var municipalityOrder = Table2.Select(m => m.Municipality).ToList();
        return values.OrderBy(v => centreOrder.IndexOf(v.Key1)).ThenBy(v => municipalityOrder.IndexOf(v.Key2!)).ThenBy(v => v.Key3).ToList();
    }

    public static Dataset Dataset() => new()
    {
        Name = Name,
        Description = "Afsluttede forløb i den fælles anonyme stofmisbrugsbehandling efter servicelovens § 101 a, fordelt på center, borgerens hjemkommune og år. "
            + "Kolding-centret lukkede i 2023; Esbjergs tal for 2024 dækker kun første halvår. Fordelingen af hjemkommuner på centre er illustrativ (årsstatussen opgør dem hver for sig).",
        Source = "Årlig status for den fælles anonyme stofbehandling, Socialdirektørforum 27. juni 2025, punkt 12 (tabel 1 og 2)",
        MeasureName = "Afsluttede forløb",
        Dimension1 = "Center",
        Dimension2 = "Hjemkommune",
        Dimension3 = "År",
        Published = true,
        Values = Values(),
    };

    public async Task LoadAsync(CancellationToken ct)
    {
        if (await db.Datasets.AnyAsync(d => d.Name == Name, ct)) return;
        var item = await db.AgendaItems.Where(i => i.Meeting.ImportKey == MeetingKey && i.Number == 12).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var dataset = Dataset();
        dataset.DecidedItemId = item;
        dataset.CreatedAt = now;
        dataset.UpdatedAt = now;
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync(ct);
    }
}
