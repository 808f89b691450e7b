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
            var text = $"Rammeværk will not start ({app.Environment.EnvironmentName}); fix these settings:\n"
                       + string.Join("\n", e.Failures.Select(f => "  - " + f));
            app.Logger.LogCritical("{Problems}", text);
            Console.Error.WriteLine(text);
            Environment.Exit(ExitCode);
        }
    }
}
