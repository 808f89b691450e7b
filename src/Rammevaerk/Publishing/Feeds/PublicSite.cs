namespace Rammevaerk.Publishing.Feeds;

/// <summary>
/// Absolute URLs of the public site, for feeds and the OParl API, which must name pages by full URL.
/// <c>Rammevaerk:PublicBaseUrl</c> (e.g. https://moeder.socialsekretariat.dk; <see cref="Hosting.SiteOptions"/>) wins
/// when set, so that a server behind a proxy names itself correctly; otherwise the request's scheme, host and path
/// base are used (the scheme and client as the trusted proxy forwarded them).
/// </summary>
public static class PublicSite
{
    /// <summary>The site root without a trailing slash, e.g. "https://example.dk".</summary>
    public static string Root(HttpContext http) => http.RequestServices.GetRequiredService<Hosting.SiteAddress>().Root;

    /// <summary>The host name used as the authority of tag URIs (RFC 4151).</summary>
    public static string Authority(HttpContext http) => new Uri(Root(http)).Host;

    public static string MeetingPage(string root, int meetingId) => $"{root}/moeder/{meetingId}";

    public static string BodyPage(string root, string slug) => $"{root}/udvalg/{Uri.EscapeDataString(slug)}";

    public static string Attachment(string root, int attachmentId, string fileName) =>
        $"{root}/bilag/{attachmentId}/{Uri.EscapeDataString(fileName)}";
}
