using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.Publishing.Pdf;

public enum PdfVariant
{
    /// <summary>The agenda or minutes alone ("uden bilag").</summary>
    WithoutAttachments,

    /// <summary>With the PDF attachments appended after the minutes ("med bilag").</summary>
    WithAttachments,
}

/// <summary>One line of the table of contents: an item or an appended attachment, and its page.</summary>
/// <param name="Target">The anchor the line links to (e.g. "punkt-3").</param>
public sealed record TocEntry(string Text, string Target, int? Page);

/// <summary>An attachment the "med bilag" PDF lists but could not append, with the Danish reason.</summary>
public sealed record AppendixNote(int ItemNumber, string FileName, string Reason)
{
    public string Text => $"Bilaget kunne ikke vedlægges: {FileName} {Reason} (punkt {ItemNumber}).";
}

/// <summary>What <c>PrintDocument.cshtml</c> renders: the meeting (already reduced for the reader) in seed 000's form.</summary>
public sealed record PrintDocument(
    MeetingView Meeting,
    PdfVariant Variant,
    IReadOnlyList<TocEntry> Toc,
    IReadOnlyList<AppendixNote> Notes,
    string Css)
{
    public const string NotesAnchor = "bilag-der-ikke-kunne-vedlaegges";
    public const string NotesHeading = "Bilag, der ikke kunne vedlægges";

    /// <summary>"REFERAT" or "DAGSORDEN".</summary>
    public string Kind => Meeting.IsMinutes ? "REFERAT" : "DAGSORDEN";

    /// <summary>"d. 22-03-2024"</summary>
    public string TitleDate => "d. " + Danish.ToLocal(Meeting.StartsAt).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Fredag d. 22. marts 2024 kl. 09:00-12:00" (the end only when it is known and on the same day; the date alone when the time is not known).</summary>
    public string MeetingDate
    {
        get
        {
            var text = Danish.MeetingStart(Meeting.StartsAt, Meeting.TimeUnknown);
            if (!Meeting.TimeUnknown && Meeting.EndsAt is { } end && Danish.ToLocal(end).Date == Danish.ToLocal(Meeting.StartsAt).Date && end > Meeting.StartsAt)
                text += "-" + Danish.Time(end);
            return char.ToUpper(text[0], Danish.Culture) + text[1..];
        }
    }

    /// <summary>The document title, also the file name without ".pdf": "Referat Socialdirektørforum 2025-06-27".</summary>
    public static string FileTitle(MeetingView meeting) => PdfService.FileTitle(meeting.State, meeting.BodyName, meeting.StartsAt);

    public bool HasClosedContent => Meeting.Items.Any(i => i.IsClosed && !i.ContentHidden);
}

/// <summary>Text helpers for the print template: words with a hyphen or slash are kept on one line.</summary>
public static partial class PrintText
{
    /// <summary>Plain text, HTML-encoded, with hyphenated words made unbreakable.</summary>
    public static IHtmlContent Words(string? text) =>
        new HtmlString(KeepCompounds(WebUtility.HtmlEncode(text ?? "")));

    /// <summary>Markdown rendered exactly as on the web page (<see cref="Markdown.Render"/>), compounds kept whole.</summary>
    public static IHtmlContent Markdown(string? markdown)
    {
        var html = Shared.Markdown.Render(markdown);
        var sb = new StringBuilder(html.Length + 64);
        // Only text between tags is touched, never attribute values.
        foreach (var part in Tags().Split(html))
            sb.Append(part.StartsWith('<') ? part : KeepCompounds(part));
        return new HtmlString(sb.ToString());
    }

    /// <summary>
    /// Chromium may break a line after the hyphen of "Faaborg-Midtfyn" or the slash of "skole/ungdomsuddannelse";
    /// the PDF's text could then not tell such a word from "Bo- og" (a hyphen followed by a space). Words like these
    /// are wrapped in a no-wrap span; very long ones (links) may still break.
    /// </summary>
    private static string KeepCompounds(string encodedText) =>
        Compound().Replace(encodedText, m => m.Length <= 40 ? $"<span class=\"nw\">{m.Value}</span>" : m.Value);

    [GeneratedRegex(@"(<[^>]*>)")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[^\s<>]*[\p{L}\p{N}][-/\u2010][\p{L}\p{N}][^\s<>]*")]
    private static partial Regex Compound();
}
