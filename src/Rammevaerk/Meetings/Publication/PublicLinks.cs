namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// Absolute links for e-mails, which leave the site and must name it in full, on the site's address
/// (<see cref="Hosting.SiteAddress"/>, the same as every other e-mail).
/// </summary>
public static class PublicLinks
{
    public static string Root(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<Hosting.SiteAddress>().Root;

    public static string MeetingPage(string root, int meetingId) => $"{root}/moeder/{meetingId}";

    public static string Pdf(string root, int meetingId, bool withAttachments = false) =>
        $"{root}/moeder/{meetingId}/pdf{(withAttachments ? "/med-bilag" : "")}";
}
