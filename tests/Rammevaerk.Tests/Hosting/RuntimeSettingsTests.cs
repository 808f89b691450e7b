using Microsoft.Extensions.Logging;
using Rammevaerk.Hosting;

namespace Rammevaerk.Tests.Hosting;

/// <summary>The runtime's memory settings said at start, and the Production warnings where they cost memory (decision 0013).</summary>
public sealed class RuntimeSettingsTests
{
    private static Dictionary<string, object> Recommended() => new()
    {
        ["ServerGC"] = false, ["ConcurrentGC"] = true, ["HeapCount"] = 1L, ["GCGen0MaxBudget"] = 8L * 1024 * 1024,
        ["GCConserveMem"] = 9L, ["GCName"] = "libclrgc.so", ["GCHeapHardLimit"] = 0L,
    };

    /// <summary>The environment of deploy/production.env.example, with changes.</summary>
    private static Func<string, string?> Environment(params (string Name, string? Value)[] changes)
    {
        var env = new Dictionary<string, string?>
        {
            ["DOTNET_gcServer"] = "0", ["DOTNET_TieredCompilation"] = "0", ["DOTNET_GCName"] = "libclrgc.so",
            ["DOTNET_GCConserveMemory"] = "9", ["DOTNET_GCgen0size"] = "0x800000",
        };
        foreach (var (name, value) in changes) env[name] = value;
        return name => env.GetValueOrDefault(name);
    }

    [Fact]
    public void The_settings_of_production_env_example_give_no_warning_and_are_described()
    {
        Assert.Empty(RuntimeSettings.Warnings(Recommended(), Environment()));
        Assert.Equal("workstation collector, background collections, libclrgc.so, gen0 budget 8 MB, conserve memory 9, no heap limit, tiered compilation off",
            RuntimeSettings.Describe(Recommended(), Environment()));
    }

    [Fact]
    public void A_budget_from_a_large_reported_cache_is_warned_about_with_the_setting_to_use()
    {
        var gc = Recommended();
        gc["GCGen0MaxBudget"] = 80L * 1024 * 1024; // what a machine reporting a 260 MB L3 cache got
        var warning = Assert.Single(RuntimeSettings.Warnings(gc, Environment(("DOTNET_GCgen0size", null))));
        Assert.Contains("80 MB, derived from the processor cache", warning);
        Assert.Contains("DOTNET_GCgen0size=0x800000", warning);

        gc["GCGen0MaxBudget"] = 16L * 1024 * 1024; // at the line: still ours
        Assert.Empty(RuntimeSettings.Warnings(gc, Environment()));
    }

    [Fact]
    public void A_budget_the_operator_set_too_high_is_named_as_the_operators_setting()
    {
        var gc = Recommended();
        gc["GCGen0MaxBudget"] = 256L * 1024 * 1024;
        var warning = Assert.Single(RuntimeSettings.Warnings(gc, Environment(("DOTNET_GCgen0size", "0x10000000"))));
        Assert.Contains("256 MB, set by DOTNET_GCgen0size=0x10000000 (read as hexadecimal bytes)", warning);
        Assert.DoesNotContain("processor cache", warning);
        // A decimal 8388608 is read as hexadecimal: 0x8388608 bytes, 131 MB.
        gc["GCGen0MaxBudget"] = 0x8388608L;
        Assert.Contains("set by DOTNET_GCgen0size=8388608 (read as hexadecimal bytes)", Assert.Single(RuntimeSettings.Warnings(gc, Environment(("DOTNET_GCgen0size", "8388608")))));
    }

    [Fact]
    public void Each_costly_setting_is_warned_about_by_name()
    {
        var gc = Recommended();
        gc["ServerGC"] = true;
        gc["HeapCount"] = 2L;
        gc["GCConserveMem"] = 0L;
        gc["GCName"] = "";
        var warnings = RuntimeSettings.Warnings(gc, Environment(("DOTNET_TieredCompilation", null)));
        Assert.Equal(4, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("DOTNET_gcServer=0"));
        Assert.Contains(warnings, w => w.Contains("DOTNET_GCName=libclrgc.so"));
        Assert.Contains(warnings, w => w.Contains("DOTNET_GCConserveMemory=9"));
        Assert.Contains(warnings, w => w.Contains("DOTNET_TieredCompilation=0"));
        Assert.Equal("server collector (2 heaps), background collections, the default collector (regions), gen0 budget 8 MB, conserve memory 0, no heap limit, tiered compilation on",
            RuntimeSettings.Describe(gc, Environment(("DOTNET_TieredCompilation", "1"))));
        // The older prefix counts too.
        Assert.Contains("tiered compilation off", RuntimeSettings.Describe(gc, Environment(("DOTNET_TieredCompilation", null), ("COMPlus_TieredCompilation", "0"))));
    }

    [Fact]
    public void Warnings_are_logged_in_Production_only_and_the_description_always()
    {
        var gc = Recommended();
        gc["GCConserveMem"] = 0L;
        var production = new ListLogger();
        RuntimeSettings.Report(production, production: true, gc, Environment());
        Assert.Equal([LogLevel.Information, LogLevel.Warning], production.Entries.Select(e => e.Level));

        var development = new ListLogger();
        RuntimeSettings.Report(development, production: false, gc, Environment());
        Assert.Equal([LogLevel.Information], development.Entries.Select(e => e.Level));
        Assert.Contains("conserve memory 0", development.Entries[0].Message);
    }

    [Fact]
    public void This_process_collector_is_described_from_the_runtime()
    {
        // The runtime's own dictionary has the keys read here: a runtime that renamed them would describe a 0 MB budget.
        var gc = GC.GetConfigurationVariables();
        Assert.True(gc.ContainsKey("GCGen0MaxBudget") && gc.ContainsKey("GCConserveMem") && gc.ContainsKey("ServerGC") && gc.ContainsKey("GCName"));
        Assert.DoesNotContain("budget 0 MB", RuntimeSettings.Describe(gc, System.Environment.GetEnvironmentVariable));
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
