using System.Net;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;

namespace Rammevaerk.Hosting;

/// <summary>
/// Section <c>Rammevaerk</c>: the one place for the secretariat's region, the public address and the shared folder,
/// validated when the app starts (<see cref="SiteOptionsValidator"/>). Everything that needs one of these reads it
/// from here (injected <see cref="IOptions{SiteOptions}"/>, or <see cref="Of"/> where only configuration is at hand).
/// </summary>
public sealed class SiteOptions
{
    public const string Section = "Rammevaerk";
    public const string DefaultRegion = "Region Syddanmark";

    /// <summary>The secretariat's region (its municipalities are the operators and the members).</summary>
    public string Region { get; set; } = DefaultRegion;

    /// <summary>
    /// Absolute base of every absolute link the app makes (e-mails, feeds, OParl), e.g. <c>https://rammevaerk.example.dk</c>.
    /// Unset: e-mails carry the app path and feeds and OParl use the request's own address.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The earlier name of <see cref="PublicBaseUrl"/> (OParl and feeds); still read, must agree with it.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Where <c>seeds/</c> and <c>data/municipalities.csv</c> are; unset: found by walking up to <c>shared/</c>.</summary>
    public string? SharedPath { get; set; }

    /// <summary>This node's name in the logs and on its claims; default the machine name.</summary>
    public string? NodeName { get; set; }

    /// <summary>
    /// Proxies (addresses or networks in CIDR form, comma-separated) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed. Default: the loopback addresses (nginx on the same machine).
    /// </summary>
    public string Proxies { get; set; } = "127.0.0.1/8, ::1";

    /// <summary>
    /// How long browsers and proxies may keep public content (pages, feeds, PDFs, attachments of open items) before
    /// asking again with its validator (<c>Cache-Control: public, max-age</c>; 0: <c>public, no-cache</c>). See
    /// <see cref="CacheRule"/>.
    /// </summary>
    public int PublicMaxAgeSeconds { get; set; } = 60;

    /// <summary>
    /// How many requests (reads, and posted forms once they have arrived) a node works on at once; more wait their
    /// turn (<see cref="RequestGate"/>). Bounds a node's memory under a crowd. 0: no limit.
    /// </summary>
    public int MaxRequestsInProgress { get; set; } = 24;

    /// <summary>How long a request waits for its turn before it gets 503 with Retry-After.</summary>
    public int MaxRequestWaitSeconds { get; set; } = 30;

    /// <summary>How long a stopping node waits for requests in flight to finish.</summary>
    public int ShutdownSeconds { get; set; } = 30;

    /// <summary>The public base URL to use (<see cref="PublicBaseUrl"/>, else <see cref="PublicUrl"/>) without a trailing slash.</summary>
    public string? BaseUrl =>
        (PublicBaseUrl is { Length: > 0 } b ? b : PublicUrl is { Length: > 0 } p ? p : null)?.Trim().TrimEnd('/');

    public string Node => NodeName is { Length: > 0 } n ? n : Environment.MachineName;

    /// <summary>The bound section, for static helpers that only have configuration (pages reading the region).</summary>
    public static SiteOptions Of(IConfiguration config) =>
        config.GetSection(Section).Get<SiteOptions>() ?? new SiteOptions();

    /// <summary>The proxies as networks (a single address is a /32 or /128); throws <see cref="FormatException"/> on a bad entry.</summary>
    public IReadOnlyList<IPNetwork> ProxyNetworks()
    {
        var list = new List<IPNetwork>();
        foreach (var part in Proxies.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPNetwork.TryParse(part, out var network)) list.Add(network);
            else if (IPAddress.TryParse(part, out var address)) list.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else throw new FormatException($"'{part}' is neither an IP address nor a network (CIDR).");
        }
        return list;
    }
}

/// <summary>
/// Refuses to start with missing or contradictory settings, naming each one. Production needs what a real service
/// needs: PostgreSQL or an explicit single node, a public HTTPS address, and a certificate for the data-protection keys.
/// </summary>
public sealed class SiteOptionsValidator(IConfiguration config, IHostEnvironment env) : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions o)
    {
        var problems = Problems(o, config, env).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IEnumerable<string> Problems(SiteOptions o, IConfiguration config, IHostEnvironment env)
    {
        if (string.IsNullOrWhiteSpace(o.Region)) yield return "Rammevaerk:Region is empty; name the secretariat's region (e.g. 'Region Syddanmark').";
        if (o.PublicBaseUrl is { Length: > 0 } && o.PublicUrl is { Length: > 0 }
            && !string.Equals(o.PublicBaseUrl.Trim().TrimEnd('/'), o.PublicUrl.Trim().TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Rammevaerk:PublicBaseUrl ('{o.PublicBaseUrl}') and Rammevaerk:PublicUrl ('{o.PublicUrl}') disagree; set only PublicBaseUrl.";
        }
        if (o.BaseUrl is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                yield return $"Rammevaerk:PublicBaseUrl '{url}' is not an absolute http(s) address without query (e.g. https://rammevaerk.example.dk).";
            }
            else if (IsProduction(env) && uri.Scheme != Uri.UriSchemeHttps)
            {
                yield return $"Rammevaerk:PublicBaseUrl '{url}' must use https in {env.EnvironmentName} (the cookies are Secure).";
            }
        }
        else if (IsProduction(env))
        {
            yield return $"Rammevaerk:PublicBaseUrl is required in {env.EnvironmentName}: the absolute address readers use (e.g. https://rammevaerk.example.dk), for e-mail links, feeds and OParl.";
        }
        if (o.SharedPath is { Length: > 0 } shared && !Directory.Exists(shared))
        {
            yield return $"Rammevaerk:SharedPath '{shared}' does not exist.";
        }
        string? proxyProblem = null;
        try
        {
            o.ProxyNetworks();
        }
        catch (FormatException e)
        {
            proxyProblem = $"Rammevaerk:Proxies: {e.Message}";
        }
        if (proxyProblem is not null) yield return proxyProblem;
        if (o.ShutdownSeconds is < 1 or > 600) yield return $"Rammevaerk:ShutdownSeconds must be between 1 and 600 (is {o.ShutdownSeconds}).";
        if (o.MaxRequestsInProgress is < 0 or > 10000) yield return $"Rammevaerk:MaxRequestsInProgress must be between 0 (no limit) and 10000 (is {o.MaxRequestsInProgress}).";
        if (o.MaxRequestWaitSeconds is < 1 or > 600) yield return $"Rammevaerk:MaxRequestWaitSeconds must be between 1 and 600 (is {o.MaxRequestWaitSeconds}).";

        string? databaseProblem = null;
        var provider = DatabaseProvider.Sqlite;
        try
        {
            provider = DatabaseSetup.Resolve(config).Provider;
        }
        catch (InvalidOperationException e)
        {
            databaseProblem = e.Message;
        }
        if (databaseProblem is not null) yield return databaseProblem;
        var cs = config.GetConnectionString("Default") ?? "";
        if (provider == DatabaseProvider.Sqlite && cs.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            yield return "Database:Provider is Sqlite but ConnectionStrings:Default names a PostgreSQL host.";
        }
        if (provider == DatabaseProvider.Postgres && cs.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            yield return "Database:Provider is Postgres but ConnectionStrings:Default is a SQLite file (Data Source=…).";
        }
        if (IsProduction(env) && provider == DatabaseProvider.Sqlite && !config.GetValue("Database:SingleNode", false))
        {
            yield return $"{env.EnvironmentName} on SQLite serves one node only: use PostgreSQL, or say Database:SingleNode=true.";
        }
        foreach (var p in DataProtectionSetup.Problems(config, env)) yield return p;
    }

    /// <summary>A real service: not Development, not the tests' Testing environment.</summary>
    public static bool IsProduction(IHostEnvironment env) => !env.IsDevelopment() && !env.IsEnvironment("Testing");
}
