using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Rammevaerk.Hosting;

/// <summary>
/// The one answer to "what is this site's address" for everything that leaves it with a full URL: e-mails (account
/// links, notifications, publication, draft minutes, subscriptions), feeds and OParl ids. <c>Rammevaerk:PublicBaseUrl</c>
/// (<see cref="SiteOptions.BaseUrl"/>) wins, so a server behind a proxy names itself correctly. Unset (Development
/// only; Production refuses to start without it): the site as the current request reached it (scheme, host, path
/// base; forwarded headers already applied), and with no request (demo data at start-up, a daily job) the address
/// the server listens on, so that no e-mail ever carries a bare path a mail client cannot open.
/// </summary>
public sealed class SiteAddress(IOptions<SiteOptions> site, IHttpContextAccessor http, IServer server, IConfiguration config)
{
    /// <summary>The site root without a trailing slash, e.g. "https://rammevaerk.example.dk".</summary>
    public string Root =>
        site.Value.BaseUrl ?? (http.HttpContext?.Request is { } request ? RequestRoot(request) : Listening());

    /// <summary>The absolute URL of an app-relative path ("/konto/ny-adgangskode?token=…").</summary>
    public string Absolute(string path) => Root + path;

    /// <summary>The site as the request reached it.</summary>
    public static string RequestRoot(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');

    /// <summary>
    /// The first address the server listens on (before it starts, the configured <c>urls</c>; ASP.NET Core's own
    /// default when none is), with a wildcard host ("+", "*", 0.0.0.0, [::]) named localhost.
    /// </summary>
    private string Listening()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? config["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://localhost:5000";
        return ListeningRoot(address);
    }

    internal static string ListeningRoot(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return address.TrimEnd('/');
        var rest = address[(schemeEnd + 3)..];
        var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        if (hostEnd <= 0) hostEnd = rest.Length;
        var host = rest[..hostEnd];
        if (host is "+" or "*" or "0.0.0.0" or "[::]") host = "localhost";
        return (address[..(schemeEnd + 3)] + host + rest[hostEnd..]).TrimEnd('/');
    }
}
