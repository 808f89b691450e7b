namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// Absolute links for e-mails, which leave the site and must name it in full: <c>Rammevaerk:PublicBaseUrl</c>, else
/// <c>Rammevaerk:PublicUrl</c>, else the scheme, host and path base of the request that sends them (the secretariat
/// publishing from its browser reaches the site the same way readers do).
/// </summary>
public static class PublicLinks
{
    public static string Root(IConfiguration config, HttpRequest? request)
    {
        foreach (var key in new[] { "Rammevaerk:PublicBaseUrl", "Rammevaerk:PublicUrl" })
        {
            if (config[key] is { Length: > 0 } value && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
                && uri.Scheme is "http" or "https")
                return uri.ToString().TrimEnd('/');
        }
        return request is null ? "" : RequestRoot(request);
    }

    /// <summary>The site as the request reached it (scheme, host and path base; forwarded headers already applied).</summary>
    public static string RequestRoot(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');

    public static string MeetingPage(string root, int meetingId) => $"{root}/moeder/{meetingId}";

    public static string Pdf(string root, int meetingId, bool withAttachments = false) =>
        $"{root}/moeder/{meetingId}/pdf{(withAttachments ? "/med-bilag" : "")}";
}
