using Rammevaerk.Offers;

namespace Rammevaerk.Capacity;

/// <summary>What the notice form partial needs: the form, the chosen offer, the problems and where to post.</summary>
public sealed record NoticeFormView(
    NoticeForm Form,
    OfferSnapshot? Offer,
    IReadOnlyList<FieldProblem> Problems,
    string Action,
    Guid? Stamp,
    IReadOnlyList<CapacityNoticeAttachment> Attachments,
    IReadOnlyList<string> LegalBases,
    IReadOnlyList<string> TargetGroups,
    long MaxAttachmentBytes)
{
    public string? ErrorFor(string field) =>
        Problems.Where(p => p.Field == field).Select(p => p.Message).DefaultIfEmpty(null).Aggregate((a, b) => a is null ? b : b is null ? a : a + " " + b);

    /// <summary>The form's lines: those given, plus two empty lines for new places.</summary>
    public List<NoticeForm.LineForm> LinesWithBlanks()
    {
        var lines = Form.Lines.Where(l => !l.IsBlank).ToList();
        lines.Add(new NoticeForm.LineForm());
        lines.Add(new NoticeForm.LineForm());
        return lines;
    }
}
