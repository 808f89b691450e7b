using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Rammevaerk.Publishing.Pdf;

public sealed class PdfOptions
{
    public const string ChromiumVariable = "RAMMEVAERK_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>The Chromium executable (config "Pdf:Chromium", else $RAMMEVAERK_CHROMIUM, else Debian's /usr/bin/chromium).</summary>
    public string? Chromium { get; set; }

    /// <summary>How many PDFs are printed at the same time (each is a Chromium tab).</summary>
    public int MaxConcurrentRenders { get; set; } = 2;

    /// <summary>Longest a single print may take.</summary>
    public int RenderTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// Start Playwright's driver process (a Node.js program, not the browser) in the background when the app starts,
    /// so that the first PDF after a start waits only for Chromium. Chromium itself always starts on first use.
    /// Default: on, except in the Testing environment.
    /// </summary>
    public bool? StartDriverAtStartup { get; set; }

    /// <summary>
    /// Chromium and Playwright's driver are closed after this many seconds without a print, and started again by the
    /// next one (1-6 s more for that PDF; the check runs every half of this, at most every 30 s, so with 60 they close
    /// 60-90 s after the last print). A node prints rarely (after a publication, and a PDF for members not made
    /// before), and Chromium with its tabs and the driver take about 440 MB of the machine; 0 keeps them running.
    /// </summary>
    public int IdleSeconds { get; set; } = 60;

    /// <summary>If set, the HTML of every printed PDF is also written to this folder (for bench/pdf.sh).</summary>
    public string? SaveHtmlTo { get; set; }

    /// <summary>
    /// Folder of the rendered PDFs as files named by their SHA-256 (created on demand; a file whose version is
    /// replaced is deleted). Default: <c>pdf</c> beside the SQLite database file, else <c>data/pdf</c>.
    /// </summary>
    public string? FilesPath { get; set; }

    /// <summary>
    /// Make the public PDFs in the background as soon as an agenda, minutes or a new version is published
    /// (<see cref="PdfPrerenderer"/>), so that the first reader gets a made one. Default: on, except in the Testing
    /// environment (tests run the jobs themselves).
    /// </summary>
    public bool? RenderAtPublication { get; set; }

    /// <summary>
    /// A public request for the PDF with attachments never makes it (merging every attachment is the expensive part, and
    /// anyone may ask): until the background job has made it, the reader gets a Danish "being prepared" page with the
    /// PDF without attachments. Default: as <see cref="RenderAtPublication"/> (on, except in the Testing environment).
    /// </summary>
    public bool? ServeMadeOnly { get; set; }

    /// <summary>
    /// Whether this instance prints. True (the default): it prints the PDFs its readers ask for and makes the background
    /// jobs, as a single node does. False (the nodes of a cluster with a PDF worker, deploy/pdf-worker.env.example): it
    /// never starts Chromium or loads the print code; a PDF not made yet is asked of the worker through a job in the
    /// database (<see cref="PdfRenderJob"/>), and the reader gets a Danish "being prepared" page until it is stored.
    /// </summary>
    public bool PrintOnThisNode { get; set; } = true;

    /// <summary>How often the background PDF worker looks for jobs another instance left (it is woken at once for its own).</summary>
    public int RenderPollSeconds { get; set; } = 30;

    public string ChromiumPath =>
        Chromium is { Length: > 0 } configured ? configured
        : Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultChromium;
}

/// <summary>The PDF settings' numbers, checked at start (<see cref="Hosting.StartupCheck"/>): a node refuses to start with one out of range.</summary>
public sealed class PdfOptionsValidator : IValidateOptions<PdfOptions>
{
    public ValidateOptionsResult Validate(string? name, PdfOptions o)
    {
        var problems = new List<string>();
        if (o.IdleSeconds < 0) problems.Add($"Pdf:IdleSeconds is {o.IdleSeconds}; give the seconds without a print after which Chromium is closed, or 0 to keep it running.");
        if (o.MaxConcurrentRenders < 1) problems.Add($"Pdf:MaxConcurrentRenders is {o.MaxConcurrentRenders}; at least 1 PDF must be printed at a time.");
        if (o.RenderTimeoutSeconds < 1) problems.Add($"Pdf:RenderTimeoutSeconds is {o.RenderTimeoutSeconds}; give the longest a print may take in seconds (at least 1).");
        if (o.RenderPollSeconds < 1) problems.Add($"Pdf:RenderPollSeconds is {o.RenderPollSeconds}; give how often the PDF worker looks for jobs in seconds (at least 1).");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Chromium is not installed (or does not start): PDFs cannot be made. The message is for the log.</summary>
public sealed class ChromiumUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Page geometry and footer of one print.</summary>
public sealed record PrintSettings(string FooterTemplate)
{
    /// <summary>The same margins as print.css's @page rule, so a bare `chromium --print-to-pdf` lays out alike.</summary>
    public static readonly Margin Margins = new() { Top = "20mm", Right = "20mm", Bottom = "22mm", Left = "25mm" };

    /// <summary>"Side 3 af 12", right-aligned in the bottom margin.</summary>
    public static readonly PrintSettings Default = Footer("<span class=\"totalPages\"></span>");

    /// <summary>The footer with a fixed total: the minutes with attachments appended after them are longer than the print.</summary>
    public static PrintSettings WithTotal(int totalPages) => Footer(totalPages.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static PrintSettings Footer(string total) => new(
        "<div style=\"width:100%;font-family:'DejaVu Sans',sans-serif;font-size:8pt;text-align:right;margin:0 20mm 0 25mm;color:#333\">" +
        "Side <span class=\"pageNumber\"></span> af " + total + "</div>");
}

/// <summary>Starts Playwright's driver in the background when the app starts (<see cref="PdfOptions.StartDriverAtStartup"/>).</summary>
public sealed class PlaywrightDriverStarter(ChromiumPrinter printer, IOptions<PdfOptions> options, IHostEnvironment env, ILogger<PlaywrightDriverStarter> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.PrintOnThisNode)
        {
            log.LogInformation("This node does not print (Pdf:PrintOnThisNode is false): PDFs not made yet are asked of the PDF worker through jobs in the database.");
            return Task.CompletedTask;
        }
        if (options.Value.StartDriverAtStartup ?? !env.IsEnvironment("Testing")) printer.StartDriver();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A loaded tab: scripts run in it, and it prints to PDF.</summary>
public sealed class PrintPage(IPage page)
{
    public Task<T> EvaluateAsync<T>(string script, object? arg = null) => page.EvaluateAsync<T>(script, arg);

    public Task<byte[]> PrintAsync(PrintSettings settings) => page.PdfAsync(new PagePdfOptions
    {
        Format = "A4",
        PrintBackground = true,
        DisplayHeaderFooter = true,
        HeaderTemplate = "<span></span>",
        FooterTemplate = settings.FooterTemplate,
        Margin = PrintSettings.Margins,
        Outline = true,
        Tagged = true,
    });
}

/// <summary>
/// The one headless Chromium of the app, driven by Playwright: started on the first print, shared by all prints
/// (each in a tab of its own in one offline browser context), started again if it died, closed when the app stops.
/// </summary>
public sealed class ChromiumPrinter(IOptions<PdfOptions> options, ILogger<ChromiumPrinter> log) : IAsyncDisposable
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync",
    ];

    private readonly SemaphoreSlim startLock = new(1, 1);
    private readonly SemaphoreSlim renders = new(Math.Max(1, options.Value.MaxConcurrentRenders));
    private readonly Lock driverLock = new();
    private Task<IPlaywright>? driver;
    private IBrowser? browser;
    private IBrowserContext? context;
    private bool disposed;

    // Closing after idle (PdfOptions.IdleSeconds): prints in progress, and when the last one ended.
    private readonly Lock idleLock = new();
    private int active;
    private long lastUsed = Environment.TickCount64;
    private Timer? idleTimer;

    /// <summary>Whether Chromium or Playwright's driver is running (or starting) for this node.</summary>
    internal bool IsRunning
    {
        get
        {
            lock (driverLock) return browser is not null || driver is not null;
        }
    }

    public string ExecutablePath => options.Value.ChromiumPath;

    /// <summary>Whether the Chromium executable exists (it may still fail to start).</summary>
    public bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Prints <paramref name="html"/> once.</summary>
    public Task<byte[]> PrintAsync(string html, PrintSettings settings, CancellationToken ct = default) =>
        UseAsync(Task.FromResult(html), page => page.PrintAsync(settings), ct);

    /// <summary>
    /// Loads the HTML into a fresh tab of the shared, offline browser context and lets <paramref name="work"/>
    /// measure, change and print it (as often as it needs); the tab is closed afterwards. The tab is opened (and on
    /// first use Chromium started) while the HTML is still being made. A browser that died on the way is started
    /// again and the work repeated once.
    /// </summary>
    public async Task<T> UseAsync<T>(Task<string> html, Func<PrintPage, Task<T>> work, CancellationToken ct = default)
    {
        lock (idleLock) active++;
        try
        {
            return await UseWhileActiveAsync(html, work, ct);
        }
        finally
        {
            lock (idleLock)
            {
                active--;
                lastUsed = Environment.TickCount64;
            }
        }
    }

    private async Task<T> UseWhileActiveAsync<T>(Task<string> html, Func<PrintPage, Task<T>> work, CancellationToken ct)
    {
        await renders.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var opening = OpenPageAsync(ct);
                string content;
                try
                {
                    content = await html;
                }
                catch
                {
                    await CloseWhenOpenedAsync(opening);
                    throw;
                }
                var (current, page) = await opening;
                try
                {
                    var timeout = options.Value.RenderTimeoutSeconds * 1000f;
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    await page.SetContentAsync(content, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = timeout });
                    log.LogDebug("Content ({Length} characters) loaded in {Ms} ms", content.Length, clock.ElapsedMilliseconds);
                    return await work(new PrintPage(page));
                }
                catch (PlaywrightException e) when (attempt == 1 && !current.IsConnected)
                {
                    log.LogWarning(e, "Chromium died while printing; starting it again");
                }
                finally
                {
                    await CloseQuietlyAsync(page);
                }
            }
        }
        finally
        {
            renders.Release();
        }
    }

    private async Task<(IBrowser Browser, IPage Page)> OpenPageAsync(CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (current, shared) = await GetContextAsync(ct);
        var contextMs = clock.ElapsedMilliseconds;
        var page = await shared.NewPageAsync();
        log.LogDebug("Tab opened: browser and context {Context} ms, tab {Tab} ms", contextMs, clock.ElapsedMilliseconds - contextMs);
        page.SetDefaultTimeout(options.Value.RenderTimeoutSeconds * 1000f);
        return (current, page);
    }

    private static async Task CloseWhenOpenedAsync(Task<(IBrowser Browser, IPage Page)> opening)
    {
        try
        {
            await CloseQuietlyAsync((await opening).Page);
        }
        catch (Exception e) when (e is ChromiumUnavailableException or PlaywrightException or OperationCanceledException)
        {
            // Nothing was opened.
        }
    }

    private async Task<(IBrowser, IBrowserContext)> GetContextAsync(CancellationToken ct)
    {
        var current = await GetBrowserAsync(ct);
        await startLock.WaitAsync(ct);
        try
        {
            // One context for all prints: offline (nothing is fetched), Danish, Copenhagen time.
            if (context is null || context.Browser != current)
            {
                context = await current.NewContextAsync(new BrowserNewContextOptions
                {
                    Offline = true, Locale = "da-DK", TimezoneId = "Europe/Copenhagen", JavaScriptEnabled = true,
                });
            }
            return (current, context);
        }
        finally
        {
            startLock.Release();
        }
    }

    private async Task<IBrowser> GetBrowserAsync(CancellationToken ct)
    {
        if (browser is { IsConnected: true } running) return running;
        await startLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (browser is { IsConnected: true } ready) return ready;
            if (browser is not null)
            {
                log.LogWarning("Chromium is no longer connected; starting a new one");
                await CloseQuietlyAsync(browser);
                browser = null;
                context = null;
            }
            var executable = ExecutablePath;
            if (!File.Exists(executable))
                throw new ChromiumUnavailableException($"Chromium was not found at {executable} (install Debian's chromium package, or set Pdf:Chromium / {PdfOptions.ChromiumVariable}).");
            var started = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var playwright = await DriverAsync();
                log.LogDebug("Playwright driver ready in {Ms} ms", started.ElapsedMilliseconds);
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = executable,
                    Headless = true,
                    Args = Args,
                    Timeout = 60_000,
                });
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or System.ComponentModel.Win32Exception or IOException)
            {
                throw new ChromiumUnavailableException($"Chromium at {executable} did not start: {e.Message}", e);
            }
            log.LogInformation("Chromium {Version} started for PDF printing in {Ms} ms ({Path})", browser.Version, started.ElapsedMilliseconds, executable);
            WatchIdle();
            return browser;
        }
        finally
        {
            startLock.Release();
        }
    }

    /// <summary>
    /// Starts Playwright's driver process (not Chromium) in the background, so that the first PDF does not wait for
    /// it; see <see cref="PdfOptions.StartDriverAtStartup"/>.
    /// </summary>
    public void StartDriver()
    {
        if (!IsInstalled) return;
        lock (idleLock) lastUsed = Environment.TickCount64;
        WatchIdle();
        _ = DriverAsync().ContinueWith(t => log.LogWarning(t.Exception, "Playwright's driver did not start"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Playwright's driver, started once; a start that failed is tried again next time.</summary>
    private Task<IPlaywright> DriverAsync()
    {
        lock (driverLock)
        {
            if (driver is null || driver.IsFaulted || driver.IsCanceled) driver = Playwright.CreateAsync();
            return driver;
        }
    }

    /// <summary>Looks now and then whether Chromium and the driver have been idle long enough to close them.</summary>
    private void WatchIdle()
    {
        var idle = options.Value.IdleSeconds;
        if (idle <= 0) return;
        lock (idleLock)
        {
            if (idleTimer is not null || disposed) return;
            var every = TimeSpan.FromSeconds(Math.Clamp(idle / 2.0, 0.5, 30));
            idleTimer = new Timer(_ => _ = CloseIfIdleAsync(), null, every, every);
        }
    }

    /// <summary>
    /// Closes Chromium and Playwright's driver when no print is in progress and none ended in the last
    /// <see cref="PdfOptions.IdleSeconds"/>. A print that starts afterwards starts new ones; one that started before
    /// counts as in progress, so nothing it uses is closed under it.
    /// </summary>
    internal async Task CloseIfIdleAsync()
    {
        IBrowser? closingBrowser;
        Task<IPlaywright>? closingDriver;
        lock (idleLock)
        {
            if (disposed || active > 0 || options.Value.IdleSeconds <= 0 || Environment.TickCount64 - lastUsed < options.Value.IdleSeconds * 1000L) return;
            // No print is in progress, so nothing is starting or using the browser: only UseAsync does.
            lock (driverLock)
            {
                (closingBrowser, closingDriver) = (browser, driver);
                if (closingBrowser is null && closingDriver is null) return;
                browser = null;
                context = null;
                driver = null;
            }
        }
        try
        {
            if (closingBrowser is not null) await CloseQuietlyAsync(closingBrowser);
            if (closingDriver is not null) (await closingDriver).Dispose();
            log.LogInformation("Chromium and Playwright's driver closed: no print for at least {Seconds} s; the next print starts them again.", options.Value.IdleSeconds);
        }
        catch (Exception e)
        {
            // Runs on a timer: whatever went wrong (a driver that never started) is logged, and the next print starts anew.
            log.LogWarning(e, "Closing the idle Chromium did not finish cleanly");
        }
    }

    private static async Task CloseQuietlyAsync(IBrowser b)
    {
        try
        {
            await b.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already gone.
        }
    }

    private static async Task CloseQuietlyAsync(IPage p)
    {
        try
        {
            await p.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // The browser went away with it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await startLock.WaitAsync();
        try
        {
            lock (idleLock) disposed = true;
            if (idleTimer is not null) await idleTimer.DisposeAsync();
            if (browser is not null) await CloseQuietlyAsync(browser);
            browser = null;
            context = null;
            Task<IPlaywright>? started;
            lock (driverLock) (started, driver) = (driver, null);
            if (started is not null)
            {
                try
                {
                    (await started).Dispose();
                }
                catch (Exception e) when (e is PlaywrightException or IOException or System.ComponentModel.Win32Exception)
                {
                    // It never started.
                }
            }
        }
        finally
        {
            startLock.Release();
        }
    }
}
