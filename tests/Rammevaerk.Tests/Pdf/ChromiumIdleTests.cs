using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rammevaerk.Publishing.Pdf;

namespace Rammevaerk.Tests.Pdf;

/// <summary>
/// Chromium and Playwright's driver run only while a node prints (PdfOptions.IdleSeconds): closed after a while without
/// a print, started again by the next one, never closed under a print in progress.
/// </summary>
public sealed class ChromiumIdleTests
{
    private static ChromiumPrinter Printer(int idleSeconds) =>
        new(Options.Create(new PdfOptions { IdleSeconds = idleSeconds }), NullLogger<ChromiumPrinter>.Instance);

    private static async Task<byte[]> PrintAsync(ChromiumPrinter printer, string text) =>
        await printer.PrintAsync($"<!doctype html><html lang=\"da\"><body><p>{text}</p></body></html>", PrintSettings.Default);

    /// <summary>The Chromium processes of this test process's Playwright drivers (their command line names the profile).</summary>
    private static int ChromiumBrowsers() =>
        Directory.EnumerateDirectories("/proc").Count(d =>
        {
            try
            {
                var cmd = File.ReadAllText(Path.Combine(d, "cmdline"));
                return cmd.Contains("playwright_chromiumdev_profile") && !cmd.Contains("--type=") && ParentChainHas(int.Parse(Path.GetFileName(d)), Environment.ProcessId);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                return false;
            }
        });

    private static bool ParentChainHas(int pid, int ancestor)
    {
        for (var i = 0; i < 20 && pid > 1; i++)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            pid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            if (pid == ancestor) return true;
        }
        return false;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, $"{what} not within {timeout.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Chromium_closes_after_the_idle_time_and_the_next_print_starts_it_again()
    {
        await using var printer = Printer(idleSeconds: 1);
        var before = ChromiumBrowsers();

        var first = await PrintAsync(printer, "Første");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(first, 0, 4));
        Assert.True(printer.IsRunning);
        Assert.True(ChromiumBrowsers() > before, "no Chromium process of this test was found while printing");

        await WaitUntilAsync(() => !printer.IsRunning, TimeSpan.FromSeconds(20), "Chromium closed by the printer");
        await WaitUntilAsync(() => ChromiumBrowsers() <= before, TimeSpan.FromSeconds(20), "the Chromium process gone");

        var second = await PrintAsync(printer, "Anden");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(second, 0, 4));
        Assert.Contains("Anden", PdfReading.PageText(second, 1));
    }

    [Fact]
    public async Task A_print_in_progress_is_never_closed_under_it()
    {
        await using var printer = Printer(idleSeconds: 1);
        // A print that takes longer than the idle time: the page waits 3 s before it is printed.
        var pdf = await printer.UseAsync(Task.FromResult("<!doctype html><html lang=\"da\"><body><p>Langsom</p></body></html>"), async page =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await printer.CloseIfIdleAsync();
            Assert.True(printer.IsRunning, "Chromium was closed while a print was in progress");
            return await page.PrintAsync(PrintSettings.Default);
        });
        Assert.Contains("Langsom", PdfReading.PageText(pdf, 1));
    }

    [Fact]
    public async Task With_idle_time_0_Chromium_keeps_running()
    {
        await using var printer = Printer(idleSeconds: 0);
        await PrintAsync(printer, "Bliver");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await printer.CloseIfIdleAsync();
        Assert.True(printer.IsRunning);
    }
}
