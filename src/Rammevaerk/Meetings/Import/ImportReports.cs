using System.Text.Json;
using Rammevaerk.Economics;
using Rammevaerk.Shared;

namespace Rammevaerk.Meetings.Import;

/// <summary>An item as the report lists it: found with text, or only named in the list.</summary>
public sealed record ReportItem(int Number, string Title, bool HasText, string? Group);

/// <summary>The report of one imported file, stored as JSON on <see cref="ImportFile.ReportJson"/>.</summary>
public sealed record FileReport(
    string Layout,
    string? BodyName,
    string Title,
    string When,
    string? Place,
    IReadOnlyList<ReportItem> Items,
    IReadOnlyList<ImportNote> Notes,
    IReadOnlyList<ImportQuestionDraft> Questions,
    IReadOnlyList<DroppedText> Dropped,
    IReadOnlyList<ItemDifference> Differences);

/// <summary>Danish names and the per-file report and bulk xlsx of the import.</summary>
public static class ImportReports
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static FileReport For(ParsedMinutes parsed, ImportPlan plan, IReadOnlyList<DroppedText> preDropped, IReadOnlyList<ImportQuestionDraft> applied) =>
        new(LayoutName(parsed.Layout), plan.BodyName, parsed.Title, When(parsed), parsed.Place,
            parsed.Items.Select(i => new ReportItem(i.Number, i.Title, !i.NoSourceText, i.Group)).ToList(),
            parsed.Notes,
            applied.Count > 0 ? applied : parsed.Questions,
            preDropped.Concat(parsed.Lines.Dropped).ToList(),
            plan.Differences);

    public static string Serialize(FileReport report) => JsonSerializer.Serialize(report, Json);

    public static FileReport? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<FileReport>(json, Json);

    public static string When(ParsedMinutes parsed) => parsed.StartsLocal is not { } s
        ? "Dato ukendt" + (parsed.YearHint is int y ? $" ({y})" : "")
        : parsed.TimeUnknown
            ? s.ToString("d. MMMM yyyy", Danish.Culture) + ", klokkeslæt ukendt"
            : s.ToString("d. MMMM yyyy 'kl.' HH':'mm", Danish.Culture);

    public static string LayoutName(MinutesLayout layout) => layout switch
    {
        MinutesLayout.PdfText => "PDF-tekst (\"Punkt N: …\")",
        MinutesLayout.WebPage => "mødeside (UDVALG, PUNKTER)",
        MinutesLayout.LabelFree => "mødeside uden overskrifter",
        MinutesLayout.Transcript => "udskrift af PDF fra et andet system",
        MinutesLayout.Numbered => "nummererede punkter",
        _ => layout.ToString(),
    };

    public static string OutcomeName(ImportFile f) => f.State switch
    {
        ImportFileState.Queued => "I kø",
        ImportFileState.Working => "Importeres",
        ImportFileState.AwaitingChoice => "Venter på dit valg",
        ImportFileState.NeedsBody => "Mangler udvalg",
        _ => f.Outcome switch
        {
            ImportOutcome.Accepted => "Importeret",
            ImportOutcome.AcceptedWithQuestions => "Importeret med spørgsmål",
            ImportOutcome.Refused => "Afvist",
            ImportOutcome.Unchanged => "Uændret",
            ImportOutcome.Duplicate => "Dublet",
            ImportOutcome.Kept => "Beholdt",
            _ => "Færdig",
        },
    };

    public static string QuestionKindName(QuestionKind kind) => kind switch
    {
        QuestionKind.Date => "Mødedato",
        QuestionKind.Time => "Klokkeslæt",
        QuestionKind.Place => "Mødested",
        QuestionKind.Body => "Udvalg",
        QuestionKind.Title => "Titel",
        QuestionKind.Number => "Nummer",
        QuestionKind.Table => "Tabel",
        QuestionKind.Cpr => "CPR-nummer",
        _ => "Tekst",
    };

    /// <summary>The bulk report as a workbook: one row per file, and the dropped furniture on a sheet of its own.</summary>
    public static byte[] Xlsx(ImportBatch batch, IReadOnlyList<ImportFile> files)
    {
        var rows = new List<DocumentFormat.OpenXml.Spreadsheet.Row>
        {
            Spreadsheet.Row(T("Fil"), T("Status"), T("Begrundelse"), T("Udvalg"), T("Møde-id"), T("Punkter fundet"), T("Punkter i kildens liste"),
                T("Kildelinjer"), T("Linjer på mødet"), T("Linjer udeladt som sidefyld"), T("Spørgsmål")),
        };
        var dropped = new List<DocumentFormat.OpenXml.Spreadsheet.Row> { Spreadsheet.Row(T("Fil"), T("Linje"), T("Slags"), T("Tekst")) };
        var questions = new List<DocumentFormat.OpenXml.Spreadsheet.Row> { Spreadsheet.Row(T("Fil"), T("Punkt"), T("Slags"), T("Spørgsmål")) };
        foreach (var f in files)
        {
            rows.Add(Spreadsheet.Row(T(f.Name), T(OutcomeName(f)), T(f.Reason ?? ""), T(f.BodyName ?? ""), f.MeetingId is int m ? N(m) : T(""),
                N(f.ItemsFound), N(f.ItemsListed), N(f.LinesTotal), N(f.LinesOnMeeting), N(f.LinesDropped), N(f.Questions)));
            if (Read(f.ReportJson) is { } report)
            {
                foreach (var d in report.Dropped)
                    dropped.Add(Spreadsheet.Row(T(f.Name), d.Line > 0 ? N(d.Line) : T(""), T(d.Kind), T(d.Text)));
                foreach (var q in report.Questions)
                    questions.Add(Spreadsheet.Row(T(f.Name), q.ItemNumber is int n ? N(n) : T(""), T(QuestionKindName(q.Kind)), T(q.Text)));
            }
        }
        return Spreadsheet.Workbook([("Filer", rows), ("Spørgsmål", questions), ("Udeladt sidefyld", dropped)]);
    }

    private static DocumentFormat.OpenXml.Spreadsheet.Cell T(string s) => Spreadsheet.Text(s);

    private static DocumentFormat.OpenXml.Spreadsheet.Cell N(decimal v) => Spreadsheet.Number(v);
}
