namespace Rammevaerk.NeedsSurveys;

public enum SurveyState
{
    Draft,
    Open,
    Closed,
}

/// <summary>
/// A needs survey (behovsanalyse): each municipality of the region estimates, per year asked about, the places it
/// expects to buy externally for a target group. A survey may follow a previous round to compare with.
/// </summary>
public sealed class NeedsSurvey
{
    public int Id { get; set; }
    public required string Region { get; set; }
    public required string Title { get; set; }
    public required string TargetGroup { get; set; }
    public required string Question { get; set; }
    /// <summary>The years asked about, ascending, comma-separated ("2024,2025,2026").</summary>
    public required string Years { get; set; }
    public DateOnly Deadline { get; set; }
    public int? PreviousSurveyId { get; set; }
    public NeedsSurvey? PreviousSurvey { get; set; }
    public SurveyState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Results of a closed survey may be shown publicly.</summary>
    public bool Published { get; set; }
    public List<NeedsSurveyAnswer> Answers { get; set; } = [];
}

/// <summary>One municipality's estimate for one year.</summary>
public sealed class NeedsSurveyAnswer
{
    public int SurveyId { get; set; }
    public int MunicipalityCode { get; set; }
    public int Year { get; set; }
    public int Places { get; set; }
    public DateTime AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
}
