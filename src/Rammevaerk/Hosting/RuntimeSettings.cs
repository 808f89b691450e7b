using System.Globalization;

namespace Rammevaerk.Hosting;

/// <summary>
/// The garbage collector's settings in force, said at start, and in Production a warning for each one that differs
/// from <c>deploy/production.env.example</c> in a way that costs memory (decision 0013). These are tuning, not
/// correctness, so a node still starts; the warning names the setting and what it costs.
/// </summary>
public static class RuntimeSettings
{
    /// <summary>
    /// Production nodes run with an 8 MB gen0 budget (DOTNET_GCgen0size=0x800000); above this the budget is the
    /// collector's own choice from the processor cache the machine reports, not ours.
    /// </summary>
    public const long Gen0BudgetWarnAbove = 16 * 1024 * 1024;

    public static void Report(ILogger log, bool production) =>
        Report(log, production, GC.GetConfigurationVariables());

    public static void Report(ILogger log, bool production, IReadOnlyDictionary<string, object> gc)
    {
        log.LogInformation("Garbage collector: {Summary}.", Describe(gc));
        if (!production) return;
        foreach (var warning in Warnings(gc)) log.LogWarning("{Warning}", warning);
    }

    public static string Describe(IReadOnlyDictionary<string, object> gc)
    {
        var name = Text(gc, "GCName");
        return string.Join(", ",
            Flag(gc, "ServerGC") ? $"server ({Number(gc, "HeapCount")} heaps)" : "workstation",
            Flag(gc, "ConcurrentGC") ? "background collections" : "no background collections",
            name.Length == 0 ? "the default collector (regions)" : name,
            $"gen0 budget {Megabytes(Number(gc, "GCGen0MaxBudget"))}",
            $"conserve memory {Number(gc, "GCConserveMem")}",
            Number(gc, "GCHeapHardLimit") > 0 ? $"heap limit {Megabytes(Number(gc, "GCHeapHardLimit"))}" : "no heap limit");
    }

    /// <summary>What a Production node should be told about its runtime settings; empty when they are as recommended.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyDictionary<string, object> gc)
    {
        var warnings = new List<string>();
        if (Flag(gc, "ServerGC"))
            warnings.Add("The server garbage collector is on; set DOTNET_gcServer=0 as in deploy/production.env.example (a node takes more memory with it, decision 0013).");
        var budget = Number(gc, "GCGen0MaxBudget");
        if (budget > Gen0BudgetWarnAbove)
            warnings.Add($"The gen0 budget (youngest generation) is {Megabytes(budget)}, derived from the processor cache this machine reports; " +
                         "set DOTNET_GCgen0size=0x800000 as in deploy/production.env.example (with an 80 MB budget a node took 70 MB more under load, decision 0013).");
        if (Number(gc, "GCConserveMem") == 0)
            warnings.Add("Conserve memory is off; set DOTNET_GCConserveMemory=9 as in deploy/production.env.example (decision 0013).");
        return warnings;
    }

    private static bool Flag(IReadOnlyDictionary<string, object> gc, string key) =>
        gc.TryGetValue(key, out var v) && v is bool b && b;

    private static long Number(IReadOnlyDictionary<string, object> gc, string key) =>
        gc.TryGetValue(key, out var v) ? v switch { long l => l, int i => i, _ => 0 } : 0;

    private static string Text(IReadOnlyDictionary<string, object> gc, string key) =>
        gc.TryGetValue(key, out var v) && v is string s ? s : "";

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}
