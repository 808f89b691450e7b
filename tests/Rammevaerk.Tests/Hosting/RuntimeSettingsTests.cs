using Microsoft.Extensions.Logging;
using Rammevaerk.Hosting;

namespace Rammevaerk.Tests.Hosting;

/// <summary>The collector's settings said at start, and the Production warnings where they cost memory (decision 0013).</summary>
public sealed class RuntimeSettingsTests
{
    private static Dictionary<string, object> Recommended() => new()
    {
        ["ServerGC"] = false, ["ConcurrentGC"] = true, ["HeapCount"] = 1L, ["GCGen0MaxBudget"] = 8L * 1024 * 1024,
        ["GCConserveMem"] = 9L, ["GCName"] = "libclrgc.so", ["GCHeapHardLimit"] = 0L,
    };

    [Fact]
    public void The_settings_of_production_env_example_give_no_warning_and_are_described()
    {
        var gc = Recommended();
        Assert.Empty(RuntimeSettings.Warnings(gc));
        Assert.Equal("workstation, background collections, libclrgc.so, gen0 budget 8 MB, conserve memory 9, no heap limit",
            RuntimeSettings.Describe(gc));
    }

    [Fact]
    public void A_budget_from_a_large_reported_cache_is_warned_about_with_the_setting_to_use()
    {
        var gc = Recommended();
        gc["GCGen0MaxBudget"] = 80L * 1024 * 1024; // what a machine reporting a 260 MB L3 cache got
        var warning = Assert.Single(RuntimeSettings.Warnings(gc));
        Assert.Contains("80 MB", warning);
        Assert.Contains("DOTNET_GCgen0size=0x800000", warning);

        gc["GCGen0MaxBudget"] = 16L * 1024 * 1024; // at the line: still ours
        Assert.Empty(RuntimeSettings.Warnings(gc));
    }

    [Fact]
    public void Server_collector_and_conserve_memory_off_are_each_warned_about()
    {
        var gc = Recommended();
        gc["ServerGC"] = true;
        gc["HeapCount"] = 2L;
        gc["GCConserveMem"] = 0L;
        gc["GCName"] = "";
        var warnings = RuntimeSettings.Warnings(gc);
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("DOTNET_gcServer=0"));
        Assert.Contains(warnings, w => w.Contains("DOTNET_GCConserveMemory=9"));
        Assert.StartsWith("server (2 heaps), background collections, the default collector (regions)", RuntimeSettings.Describe(gc));
    }

    [Fact]
    public void Warnings_are_logged_in_Production_only_and_the_description_always()
    {
        var gc = Recommended();
        gc["GCConserveMem"] = 0L;
        var production = new ListLogger();
        RuntimeSettings.Report(production, production: true, gc);
        Assert.Equal([LogLevel.Information, LogLevel.Warning], production.Entries.Select(e => e.Level));

        var development = new ListLogger();
        RuntimeSettings.Report(development, production: false, gc);
        Assert.Equal([LogLevel.Information], development.Entries.Select(e => e.Level));
        Assert.Contains("conserve memory 0", development.Entries[0].Message);
    }

    [Fact]
    public void This_process_collector_is_described_from_the_runtime()
    {
        // The runtime's own dictionary has the keys read here: a runtime that renamed them would describe a 0 MB budget.
        var gc = GC.GetConfigurationVariables();
        Assert.True(gc.ContainsKey("GCGen0MaxBudget") && gc.ContainsKey("GCConserveMem") && gc.ContainsKey("ServerGC"));
        Assert.DoesNotContain("budget 0 MB", RuntimeSettings.Describe(gc));
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
