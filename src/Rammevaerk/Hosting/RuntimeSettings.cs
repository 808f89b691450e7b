using System.Globalization;

namespace Rammevaerk.Hosting;

/// <summary>
/// The runtime's memory settings in force, said at start, and in Production a warning for each one that differs from
/// <c>deploy/production.env.example</c> in a way that costs memory (decision 0013): the server collector, the default
/// collector with regions instead of segments, a gen0 budget above 16 MB, conserve memory off, tiered compilation on.
/// These are tuning, not correctness, so a node still starts; the warning names the setting and what it costs.
/// </summary>
public static class RuntimeSettings
{
    /// <summary>
    /// Production nodes run with an 8 MB gen0 budget (DOTNET_GCgen0size=0x800000); above this the budget costs memory
    /// under load (with 80 MB, derived from a reported 260 MB processor cache, a node took 70 MB more).
    /// </summary>
    public const long Gen0BudgetWarnAbove = 16 * 1024 * 1024;

    public static void Report(ILogger log, bool production) =>
        Report(log, production, GC.GetConfigurationVariables(), Environment.GetEnvironmentVariable);

    public static void Report(ILogger log, bool production, IReadOnlyDictionary<string, object> gc, Func<string, string?> environment)
    {
        log.LogInformation("Runtime memory settings: {Summary}.", Describe(gc, environment));
        if (!production) return;
        foreach (var warning in Warnings(gc, environment)) log.LogWarning("{Warning}", warning);
    }

    public static string Describe(IReadOnlyDictionary<string, object> gc, Func<string, string?> environment)
    {
        var name = Text(gc, "GCName");
        return string.Join(", ",
            Flag(gc, "ServerGC") ? $"server collector ({Number(gc, "HeapCount")} heaps)" : "workstation collector",
            Flag(gc, "ConcurrentGC") ? "background collections" : "no background collections",
            name.Length == 0 ? "the default collector (regions)" : name,
            $"gen0 budget {Megabytes(Number(gc, "GCGen0MaxBudget"))}",
            $"conserve memory {Number(gc, "GCConserveMem")}",
            Number(gc, "GCHeapHardLimit") > 0 ? $"heap limit {Megabytes(Number(gc, "GCHeapHardLimit"))}" : "no heap limit",
            TieredCompilation(environment) ? "tiered compilation on" : "tiered compilation off");
    }

    /// <summary>What a Production node should be told about its runtime settings; empty when they are as recommended.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyDictionary<string, object> gc, Func<string, string?> environment)
    {
        const string See = "as in deploy/production.env.example (decision 0013)";
        var warnings = new List<string>();
        if (Flag(gc, "ServerGC"))
            warnings.Add($"The server garbage collector is on; set DOTNET_gcServer=0 {See}: a node takes more memory with it.");
        if (Text(gc, "GCName").Length == 0)
            warnings.Add($"The default garbage collector (regions) is in use; set DOTNET_GCName=libclrgc.so {See}: 10-25 MB less under load.");
        var budget = Number(gc, "GCGen0MaxBudget");
        if (budget > Gen0BudgetWarnAbove)
        {
            var setting = Setting(environment, "GCgen0size");
            var cause = setting is null
                ? "derived from the processor cache this machine reports"
                : $"set by DOTNET_GCgen0size={setting} (read as hexadecimal bytes)";
            warnings.Add($"The gen0 budget is {Megabytes(budget)}, {cause}; set DOTNET_GCgen0size=0x800000 {See}: with 80 MB a node took 70 MB more under load.");
        }
        if (Number(gc, "GCConserveMem") == 0)
            warnings.Add($"Conserve memory is off; set DOTNET_GCConserveMemory=9 {See}.");
        if (TieredCompilation(environment))
            warnings.Add($"Tiered compilation is on; set DOTNET_TieredCompilation=0 {See}: 30-50 MB less under load.");
        return warnings;
    }

    /// <summary>A runtime setting as the runtime reads it from the environment (DOTNET_ first, then the older COMPlus_).</summary>
    private static string? Setting(Func<string, string?> environment, string name) =>
        environment("DOTNET_" + name) is { Length: > 0 } v ? v : environment("COMPlus_" + name) is { Length: > 0 } c ? c : null;

    /// <summary>On unless the environment turns it off (runtimeconfig.json of this app does not set it).</summary>
    private static bool TieredCompilation(Func<string, string?> environment) =>
        Setting(environment, "TieredCompilation")?.Trim() != "0";

    private static bool Flag(IReadOnlyDictionary<string, object> gc, string key) =>
        gc.TryGetValue(key, out var v) && v is bool b && b;

    private static long Number(IReadOnlyDictionary<string, object> gc, string key) =>
        gc.TryGetValue(key, out var v) ? v switch { long l => l, int i => i, _ => 0 } : 0;

    private static string Text(IReadOnlyDictionary<string, object> gc, string key) =>
        gc.TryGetValue(key, out var v) && v is string s ? s : "";

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}
