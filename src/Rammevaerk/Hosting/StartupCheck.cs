using Microsoft.Extensions.Options;

namespace Rammevaerk.Hosting;

/// <summary>Refuses to start, before anything touches the database, when the settings are missing or contradict each other.</summary>
public static class StartupCheck
{
    public const int ExitCode = 78; // EX_CONFIG: systemd does not restart it in a loop (RestartPreventExitStatus)

    public static void RefuseBadSettings(WebApplication app)
    {
        var problems = new List<string>();
        Check<SiteOptions>(app.Services, problems);
        Check<Publishing.Pdf.PdfOptions>(app.Services, problems);
        if (problems.Count > 0) Refuse(app.Environment.EnvironmentName, problems, app.Logger);
    }

    /// <summary>Binds and validates one section's options: a value out of range, or one that is not of its type.</summary>
    private static void Check<T>(IServiceProvider services, List<string> problems) where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message); // "Failed to convert configuration value 'abc' at 'Pdf:IdleSeconds' to type 'System.Int32'."
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
