using System.Runtime.CompilerServices;

namespace Rammevaerk.Tests.Infrastructure;

/// <summary>Process-wide settings for the test run, applied when the test assembly loads.</summary>
internal static class TestEnvironment
{
    /// <summary>
    /// Every test app watches its configuration and static files. With inotify each watcher takes one of the user's 128
    /// inotify instances, which many test apps alive at once (and other test runs on the machine) exhaust; polling
    /// watchers take none.
    /// </summary>
    [ModuleInitializer]
    internal static void UsePollingFileWatchers() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
