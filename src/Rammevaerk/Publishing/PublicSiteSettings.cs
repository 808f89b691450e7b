namespace Rammevaerk.Publishing;

/// <summary>
/// What a Danish public authority's site must carry (issue 12, item 8): a link to its accessibility statement
/// (tilgængelighedserklæring, webtilgængelighedsloven § 3), made and published with the Agency for Digital
/// Government's tool, whose address differs per authority, so it is a setting; and the privacy notice
/// (/privatlivspolitik).
/// </summary>
public static class PublicSiteSettings
{
    public const string AccessibilityStatementSetting = "Rammevaerk:AccessibilityStatementUrl";

    /// <summary>The configured absolute http(s) address of the accessibility statement, or null.</summary>
    public static string? AccessibilityStatementUrl(IConfiguration config) =>
        config[AccessibilityStatementSetting] is { Length: > 0 } value && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            && uri.Scheme is "https" or "http"
            ? uri.ToString()
            : null;

    public static string? AccessibilityStatementUrl(HttpContext http) =>
        AccessibilityStatementUrl(http.RequestServices.GetRequiredService<IConfiguration>());

    /// <summary>Logs a warning at start-up when a production site has no accessibility statement to link to.</summary>
    public sealed class StartupCheck(IConfiguration config, IHostEnvironment env, ILogger<StartupCheck> log) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            if (AccessibilityStatementUrl(config) is null && !env.IsDevelopment() && !env.IsEnvironment("Testing"))
            {
                log.LogWarning("{Setting} is not set: the footer has no link to the accessibility statement, which a Danish public authority's site must have (webtilgængelighedsloven § 3). Make it with the Agency for Digital Government's tool (was.digst.dk) and set its address.",
                    AccessibilityStatementSetting);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
