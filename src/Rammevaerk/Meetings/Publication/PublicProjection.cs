namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// What of a meeting may be public, as pure functions over <see cref="MeetingView"/>: an agenda never carries the
/// decisions (they are the minutes' text, written between the agenda and the minutes), and a place withheld by the
/// check over what is public is replaced by a notice.
/// </summary>
public static class PublicProjection
{
    public const string WithheldText =
        "*Teksten er midlertidigt fjernet fra den offentlige side, fordi den indeholdt oplysninger, der ikke må offentliggøres. Sekretariatet retter den.*";

    public const string WithheldTitle = "(Titlen er midlertidigt fjernet)";

    public const string WithheldAttachmentName = "Bilag (midlertidigt fjernet)";

    /// <summary>The view as the publication step shows it: without decisions unless it is the minutes.</summary>
    public static MeetingView ForStep(MeetingView view) =>
        view.IsMinutes ? view : view with { Items = view.Items.Select(i => i.Decision is null ? i : i with { Decision = null }).ToList() };

    /// <summary>The view with the given places replaced by notices (titles, sections, guests, attachments).</summary>
    public static MeetingView Withhold(MeetingView view, IReadOnlyCollection<CheckPlace> places)
    {
        if (places.Count == 0) return view;
        var keys = places.Select(p => p.Key).ToHashSet();
        bool Has(CheckField field, int? item = null, int? attachment = null) => keys.Contains(new CheckPlace(field, item, AttachmentId: attachment).Key);

        var items = view.Items.Select(i =>
        {
            var item = i with
            {
                Title = Has(CheckField.ItemTitle, i.Id) ? WithheldTitle : i.Title,
                Intro = Has(CheckField.Intro, i.Id) ? WithheldText : i.Intro,
                Background = Has(CheckField.Background, i.Id) ? WithheldText : i.Background,
                Recommendation = Has(CheckField.Recommendation, i.Id) ? WithheldText : i.Recommendation,
                CasePresentation = Has(CheckField.CasePresentation, i.Id) ? WithheldText : i.CasePresentation,
                Decision = Has(CheckField.Decision, i.Id) ? WithheldText : i.Decision,
                Guests = Has(CheckField.Guests, i.Id) ? [] : i.Guests,
                Attachments = i.Attachments.Select(a =>
                    Has(CheckField.AttachmentName, i.Id, a.Id) ? a with { FileName = WithheldAttachmentName, Withheld = true }
                    : Has(CheckField.AttachmentText, i.Id, a.Id) ? a with { Withheld = true }
                    : a).ToList(),
            };
            return item;
        }).ToList();
        return view with
        {
            Title = Has(CheckField.MeetingTitle) ? WithheldTitle : view.Title,
            Location = Has(CheckField.MeetingLocation) ? null : view.Location,
            Preamble = Has(CheckField.Preamble) ? WithheldText : view.Preamble,
            Items = items,
        };
    }
}
