using System.Text;

namespace Rammevaerk.NeedsSurveys;

/// <summary>One municipality's answer to a round: places per year.</summary>
public sealed record MunicipalityAnswer(int Code, string Name, IReadOnlyDictionary<int, int> Places);

/// <summary>A round as the result needs it: its title, the years asked about and the answers given.</summary>
public sealed record SurveyRoundData(string Title, IReadOnlyList<int> Years, IReadOnlyList<MunicipalityAnswer> Answers);

/// <summary>A row of the result table: a label, places per year (null: the round did not ask about that year) and how many municipalities answered.</summary>
public sealed record ResultRow(string Label, IReadOnlyList<int?> Totals, int Municipalities)
{
    /// <summary>"Genvurdering (12)": the label with the number of municipalities answering in brackets.</summary>
    public string Heading => $"{Label} ({Municipalities})";
}

/// <summary>A per-municipality row: the municipality, its places per year in this survey (null: not answered) and, when compared, in the previous one.</summary>
public sealed record DetailRow(int Code, string Name, IReadOnlyList<int?> Places, IReadOnlyList<int?>? PreviousPlaces);

/// <summary>
/// The result of a needs survey, laid out like seed 000's table: rounds as rows, the years as columns, the number of
/// municipalities answering in brackets. Compared with a previous round it shows that round restricted to the
/// municipalities that answered this one (so like is compared with like), this round, and the previous round from
/// everyone who answered it.
/// </summary>
public sealed record SurveyResult(string Title, IReadOnlyList<int> Years, IReadOnlyList<ResultRow> Rows, IReadOnlyList<DetailRow> Detail, int Asked, int Answered)
{
    public const string BracketNote = "Tallene i () angiver antallet af kommuner, som har svaret.";

    /// <summary>Builds the result. <paramref name="municipalities"/> are everyone asked (the region), for the detail and "12 af 22".</summary>
    public static SurveyResult Build(SurveyRoundData current, SurveyRoundData? previous, IReadOnlyList<(int Code, string Name)> municipalities)
    {
        var years = current.Years;
        var rows = new List<ResultRow>();
        var answered = current.Answers.Select(a => a.Code).ToHashSet();
        if (previous is not null)
        {
            var same = previous.Answers.Where(a => answered.Contains(a.Code)).ToList();
            rows.Add(Row($"{previous.Title}, samme kommuner", previous.Years, same, years));
        }
        rows.Add(Row(current.Title, current.Years, current.Answers, years));
        if (previous is not null)
            rows.Add(Row($"{previous.Title}, alle der svarede", previous.Years, previous.Answers, years));

        var byCode = current.Answers.ToDictionary(a => a.Code);
        var previousByCode = previous?.Answers.ToDictionary(a => a.Code);
        var detail = municipalities.OrderBy(m => m.Name, StringComparer.Create(Shared.Danish.Culture, false))
            .Select(m => new DetailRow(m.Code, m.Name,
                [.. years.Select(y => byCode.TryGetValue(m.Code, out var a) && a.Places.TryGetValue(y, out var p) ? p : (int?)null)],
                previousByCode is null ? null
                    : [.. years.Select(y => previousByCode.TryGetValue(m.Code, out var a) && a.Places.TryGetValue(y, out var p) ? p : (int?)null)]))
            .ToList();
        var asked = municipalities.Select(m => m.Code).ToHashSet();
        return new SurveyResult(current.Title, years, rows, detail, asked.Count, answered.Count(asked.Contains));
    }

    private static ResultRow Row(string label, IReadOnlyList<int> asked, IReadOnlyList<MunicipalityAnswer> answers, IReadOnlyList<int> columns) =>
        new(label,
            [.. columns.Select(y => asked.Contains(y) ? answers.Sum(a => a.Places.TryGetValue(y, out var p) ? p : 0) : (int?)null)],
            answers.Count);

    /// <summary>"12 af 22 har svaret".</summary>
    public string AnsweredText => $"{Answered} af {Asked} har svaret";

    /// <summary>The Markdown section inserted into an agenda item: a heading, the pipe table and the bracket note.</summary>
    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("**Behovsanalyse: ").Append(Escape(Title)).Append("**\n\n");
        sb.Append("| Runde | ").Append(string.Join(" | ", Years)).Append(" |\n");
        sb.Append("|---|").Append(string.Join("", Years.Select(_ => "---:|"))).Append('\n');
        foreach (var r in Rows)
            sb.Append("| ").Append(Escape(r.Heading)).Append(" | ").Append(string.Join(" | ", r.Totals.Select(Cell))).Append(" |\n");
        sb.Append('\n').Append(BracketNote).Append('\n');
        return sb.ToString();
    }

    /// <summary>A total as shown: the number, or "–" for a year the round did not ask about.</summary>
    public static string Cell(int? v) => v is int n ? n.ToString(Shared.Danish.Culture) : "–";

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("|", "\\|").Replace("*", "\\*").Replace("_", "\\_").Replace("\n", " ");
}
