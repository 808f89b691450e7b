using Microsoft.Extensions.Options;

namespace Rammevaerk.Hosting;

/// <summary>Refuses to start, before anything touches the database, when the settings are missing or contradict each other.</summary>
public static class StartupCheck
{
    public const int ExitCode = 78; // EX_CONFIG: systemd does not restart it in a loop (RestartPreventExitStatus)

    public static void RefuseBadSettings(WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            Refuse(app.Environment.EnvironmentName, e.Failures, app.Logger);
        }
    }

    /// <summary>
    /// The section bound for the set-up, before the app is built: a value that is not of its type (a word where a number
    /// belongs) stops the start with the same list and exit code instead of a stack trace and an abort, which systemd
    /// would restart in a loop.
    /// </summary>
    public static SiteOptions BindOrRefuse(IConfiguration config, IHostEnvironment env)
    {
        try
        {
            return SiteOptions.Of(config);
        }
        catch (InvalidOperationException e)
        {
            Refuse(env.EnvironmentName, [e.Message], logger: null);
            throw; // not reached
        }
    }

    private static void Refuse(string environment, IEnumerable<string> problems, ILogger? logger)
    {
        var text = $"Rammeværk will not start ({environment}); fix these settings:\n" + string.Join("\n", problems.Select(f => "  - " + f));
        logger?.LogCritical("{Problems}", text);
        Console.Error.WriteLine(text);
        Environment.Exit(ExitCode);
    }
}
