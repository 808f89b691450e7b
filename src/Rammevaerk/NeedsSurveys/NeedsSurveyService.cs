using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Notifications;
using Rammevaerk.Shared;

namespace Rammevaerk.NeedsSurveys;

/// <summary>
/// The needs surveys of the region (config <c>Rammevaerk:Region</c>): define, open (every municipality of the region
/// is notified), answer, remind, close, publish, and the result. Notifications are added to the context and saved
/// with the action in one SaveChanges.
/// </summary>
public sealed class NeedsSurveyService(AppDb db, Notifier notifier, IConfiguration config, TimeProvider clock)
{
    public const int MaxYears = 10;

    public string Region => Hosting.SiteOptions.Of(config).Region;

    public static IReadOnlyList<int> YearsOf(NeedsSurvey s) =>
        [.. s.Years.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)];

    public static string YearsText(IReadOnlyList<int> years) =>
        years.Count == 0 ? "" : years.Count == 1 ? years[0].ToString() : $"{years[0]}–{years[^1]}";

    public static string StateName(NeedsSurvey s) => s.State switch
    {
        SurveyState.Draft => "Kladde",
        SurveyState.Open => "Åben",
        _ => s.Published ? "Lukket og offentliggjort" : "Lukket",
    };

    /// <summary>Whether a municipality may still answer: open and the deadline (Danish date) not passed.</summary>
    public static bool AcceptsAnswers(NeedsSurvey s, TimeProvider clock) => s.State == SurveyState.Open && Danish.DateOf(clock) <= s.Deadline;

    public Task<List<(int Code, string Name)>> MunicipalitiesAsync(CancellationToken ct) =>
        db.Municipalities.AsNoTracking().Where(m => m.Region == Region).OrderBy(m => m.Name)
            .Select(m => new ValueTuple<int, string>(m.Code, m.Name)).ToListAsync(ct);

    public Task<NeedsSurvey?> FindAsync(int id, CancellationToken ct) =>
        db.NeedsSurveys.SingleOrDefaultAsync(s => s.Id == id && s.Region == Region, ct);

    /// <summary>Opens a draft and notifies every municipality of the region. Returns how many municipalities were asked.</summary>
    public async Task<int> OpenAsync(NeedsSurvey survey, string? user, CancellationToken ct)
    {
        if (survey.State != SurveyState.Draft) throw new InvalidOperationException("Only a draft survey can be opened.");
        survey.State = SurveyState.Open;
        survey.OpenedAt = clock.GetUtcNow().UtcDateTime;
        var municipalities = await MunicipalitiesAsync(ct);
        foreach (var m in municipalities)
            await notifier.NotifyMunicipalityAsync(m.Code, $"Behovsanalyse: {survey.Title}",
                $"Sekretariatet beder {m.Name} Kommune svare på behovsanalysen \"{survey.Title}\" ({survey.TargetGroup}, {YearsText(YearsOf(survey))}) senest {survey.Deadline.ToString("d. MMMM yyyy", Danish.Culture)}.",
                $"/behovsanalyse/{survey.Id}", $"Behovsanalyse {survey.Title}", ct);
        await db.SaveChangesAsync(ct);
        return municipalities.Count;
    }

    /// <summary>Reminds the municipalities of the region that have not answered. Returns their number.</summary>
    public async Task<int> RemindAsync(NeedsSurvey survey, CancellationToken ct)
    {
        if (survey.State != SurveyState.Open) throw new InvalidOperationException("Only an open survey can be reminded.");
        var answered = await db.NeedsSurveyAnswers.Where(a => a.SurveyId == survey.Id).Select(a => a.MunicipalityCode).Distinct().ToListAsync(ct);
        var missing = (await MunicipalitiesAsync(ct)).Where(m => !answered.Contains(m.Code)).ToList();
        foreach (var m in missing)
            await notifier.NotifyMunicipalityAsync(m.Code, $"Påmindelse: behovsanalyse {survey.Title}",
                $"Påmindelse: {m.Name} Kommune har endnu ikke svaret på behovsanalysen \"{survey.Title}\". Fristen er {survey.Deadline.ToString("d. MMMM yyyy", Danish.Culture)}.",
                $"/behovsanalyse/{survey.Id}", $"Påmindelse om behovsanalyse {survey.Title}", ct);
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }

    public async Task CloseAsync(NeedsSurvey survey, CancellationToken ct)
    {
        if (survey.State != SurveyState.Open) throw new InvalidOperationException("Only an open survey can be closed.");
        survey.State = SurveyState.Closed;
        survey.ClosedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    public async Task PublishAsync(NeedsSurvey survey, bool published, CancellationToken ct)
    {
        if (survey.State != SurveyState.Closed) throw new InvalidOperationException("Only a closed survey can be published.");
        survey.Published = published;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Replaces a municipality's answer (one row per year) in one SaveChanges.</summary>
    public async Task SaveAnswerAsync(NeedsSurvey survey, int municipalityCode, IReadOnlyDictionary<int, int> places, string? user, CancellationToken ct)
    {
        var old = await db.NeedsSurveyAnswers.Where(a => a.SurveyId == survey.Id && a.MunicipalityCode == municipalityCode).ToListAsync(ct);
        db.NeedsSurveyAnswers.RemoveRange(old);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (year, n) in places)
            db.NeedsSurveyAnswers.Add(new NeedsSurveyAnswer { SurveyId = survey.Id, MunicipalityCode = municipalityCode, Year = year, Places = n, AnsweredAt = now, AnsweredBy = user });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The codes of the municipalities that have answered each survey.</summary>
    public async Task<Dictionary<int, int>> AnsweredCountsAsync(IEnumerable<int> surveyIds, CancellationToken ct)
    {
        var ids = surveyIds.ToList();
        var rows = await db.NeedsSurveyAnswers.Where(a => ids.Contains(a.SurveyId))
            .Select(a => new { a.SurveyId, a.MunicipalityCode }).Distinct().ToListAsync(ct);
        return rows.GroupBy(r => r.SurveyId).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The result of a survey compared with its previous round, if any.</summary>
    public async Task<SurveyResult> ResultAsync(NeedsSurvey survey, CancellationToken ct)
    {
        var municipalities = await MunicipalitiesAsync(ct);
        var names = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Name, ct);
        var current = await RoundAsync(survey, names, ct);
        SurveyRoundData? previous = null;
        if (survey.PreviousSurveyId is int pid && await db.NeedsSurveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == pid, ct) is { } p)
            previous = await RoundAsync(p, names, ct);
        return SurveyResult.Build(current, previous, municipalities);
    }

    private async Task<SurveyRoundData> RoundAsync(NeedsSurvey s, Dictionary<int, string> names, CancellationToken ct)
    {
        var answers = await db.NeedsSurveyAnswers.AsNoTracking().Where(a => a.SurveyId == s.Id).ToListAsync(ct);
        return new SurveyRoundData(s.Title, YearsOf(s),
            [.. answers.GroupBy(a => a.MunicipalityCode).Select(g => new MunicipalityAnswer(g.Key, names.GetValueOrDefault(g.Key, g.Key.ToString()), g.ToDictionary(a => a.Year, a => a.Places)))]);
    }

    /// <summary>The result as .xlsx: the table (with the bracket note) and, unless public, a sheet per municipality.</summary>
    public static byte[] Workbook(NeedsSurvey survey, SurveyResult result, bool withDetail)
    {
        var table = new List<DocumentFormat.OpenXml.Spreadsheet.Row>
        {
            Spreadsheet.Row(Spreadsheet.Text($"Behovsanalyse: {survey.Title}")),
            Spreadsheet.Row(Spreadsheet.Text($"Målgruppe: {survey.TargetGroup}")),
            Spreadsheet.Row(Spreadsheet.Text(result.AnsweredText)),
            Spreadsheet.Row(),
            Spreadsheet.Row([Spreadsheet.Text("Runde"), .. result.Years.Select(y => Spreadsheet.Text(y.ToString()))]),
        };
        foreach (var r in result.Rows)
            table.Add(Spreadsheet.Row([Spreadsheet.Text(r.Heading), .. r.Totals.Select(v => v is int n ? Spreadsheet.Number(n) : Spreadsheet.Text("–"))]));
        table.Add(Spreadsheet.Row());
        table.Add(Spreadsheet.Row(Spreadsheet.Text(SurveyResult.BracketNote)));
        var sheets = new List<(string, IEnumerable<DocumentFormat.OpenXml.Spreadsheet.Row>)> { ("Resultat", table) };
        if (withDetail)
        {
            var detail = new List<DocumentFormat.OpenXml.Spreadsheet.Row>
            {
                Spreadsheet.Row([Spreadsheet.Text("Kommune"), Spreadsheet.Text("Kommunekode"), .. result.Years.Select(y => Spreadsheet.Text(y.ToString()))]),
            };
            foreach (var d in result.Detail)
                detail.Add(Spreadsheet.Row([Spreadsheet.Text(d.Name), Spreadsheet.Number(d.Code), .. d.Places.Select(v => v is int n ? Spreadsheet.Number(n) : Spreadsheet.Text("ikke svaret"))]));
            sheets.Add(("Kommuner", detail));
        }
        return Spreadsheet.Workbook(sheets);
    }
}
