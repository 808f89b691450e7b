using System.Net;
using System.Text;
using Microsoft.Net.Http.Headers;
using Rammevaerk.Accounts;

namespace Rammevaerk.Publishing.Pdf;

/// <summary>
/// The PDF agenda and minutes: <c>/moeder/{id}/pdf</c> (uden bilag) and <c>/moeder/{id}/pdf/med-bilag</c>, with the
/// meeting page's access rules (drafts only for the secretariat, closed items' content only for members, in a
/// variant of its own). Printed by the system's Chromium; without it the answer is a Danish 503 page.
/// </summary>
public static class PdfModule
{
    public static IServiceCollection AddPdf(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<PdfOptions>().Bind(config.GetSection("Pdf"));
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PdfOptions>, PdfOptionsValidator>();
        services.AddSingleton<ChromiumPrinter>();
        services.AddSingleton<PdfKeyLocks>();
        services.AddSingleton<PdfMetrics>();
        services.AddSingleton<PdfFileStore>();
        services.AddSingleton<PublicPdfMap>();
        services.AddHostedService<PlaywrightDriverStarter>();
        services.AddScoped<PrintHtml>();
        services.AddScoped<MinutesPdfBuilder>();
        services.AddScoped<PdfService>();
        services.AddSingleton<PdfRenderSignal>();
        services.AddSingleton<PdfPrerenderer>();
        services.AddHostedService(sp => sp.GetRequiredService<PdfPrerenderer>());
        return services;
    }

    public static IEndpointRouteBuilder MapPdf(this IEndpointRouteBuilder app)
    {
        // Every reader's PDF is checked here against the database (and made if need be); anonymous readers of a
        // public PDF already made are served before routing by UsePdfFiles.
        app.MapGet("/moeder/{id:int}/pdf", (int id, HttpContext http, PdfService pdfs, PublicPdfMap map, CancellationToken ct) =>
            ServeAsync(id, PdfVariant.WithoutAttachments, http, pdfs, map, ct));
        app.MapGet("/moeder/{id:int}/pdf/med-bilag", (int id, HttpContext http, PdfService pdfs, PublicPdfMap map, CancellationToken ct) =>
            ServeAsync(id, PdfVariant.WithAttachments, http, pdfs, map, ct));
        // The HTML Chromium prints (with the final page numbers), for the secretariat (Accounts/AccessTable.cs).
        app.MapGet("/moeder/{id:int}/pdf/html", ServeHtmlAsync);
        return app;
    }

    /// <summary>The login cookie (see Accounts): a request carrying it is never served from the public fast path.</summary>
    private const string AuthCookie = "rammevaerk.auth";

    /// <summary>
    /// The public PDFs as static files: an anonymous GET or HEAD of <c>/moeder/{id}/pdf[/med-bilag]</c> whose public
    /// file is in <see cref="PublicPdfMap"/> is answered here, before routing, authentication and the database, like a
    /// static file (range requests, strong ETag, 304). Anything else goes on to the endpoints, which check access.
    /// </summary>
    public static IApplicationBuilder UsePdfFiles(this IApplicationBuilder app)
    {
        var map = app.ApplicationServices.GetRequiredService<PublicPdfMap>();
        return app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (map.Count > 0 && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && TryParsePdfPath(request.Path, out var id, out var variant) && !request.Cookies.ContainsKey(AuthCookie)
                && await map.TryGetAsync(id, variant, http.RequestAborted) is { } pdf)
            {
                if (File.Exists(pdf.File.Path))
                {
                    http.Response.Headers.ContentDisposition = pdf.ContentDisposition;
                    await pdf.Result().ExecuteAsync(http);
                    return;
                }
                map.Forget(id, variant); // deleted on disk: the endpoint writes it again from the table
            }
            await next(http);
        });
    }

    /// <summary><c>/moeder/{id}/pdf</c> or <c>/moeder/{id}/pdf/med-bilag</c> (as the routes match them, case-insensitively).</summary>
    internal static bool TryParsePdfPath(PathString path, out int id, out PdfVariant variant)
    {
        id = 0;
        variant = PdfVariant.WithoutAttachments;
        var s = path.Value.AsSpan();
        const string prefix = "/moeder/";
        if (!s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        s = s[prefix.Length..];
        var slash = s.IndexOf('/');
        if (slash <= 0 || !int.TryParse(s[..slash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id)) return false;
        var rest = s[slash..];
        if (rest.Equals("/pdf", StringComparison.OrdinalIgnoreCase)) return true;
        if (!rest.Equals("/pdf/med-bilag", StringComparison.OrdinalIgnoreCase)) return false;
        variant = PdfVariant.WithAttachments;
        return true;
    }

    private static async Task<IResult> ServeAsync(int id, PdfVariant variant, HttpContext http, PdfService pdfs, PublicPdfMap map, CancellationToken ct)
    {
        ServedPdf? pdf;
        // Read before the database: a change committed after this makes the map refuse what is found now.
        var generation = await map.GenerationAsync(ct);
        if (!PrintsHere(http))
        {
            // This node does not print: the PDF is served if made, else asked of the PDF worker.
            var asked = await pdfs.MadeOrAskedAsync(id, variant, http.User, ct);
            if (asked is null) return Results.NotFound();
            if (asked.Ask is { } ask) return ask.Failed ? NotMade(http, id) : Preparing(http, id, variant, byWorker: true, ask);
            pdf = asked.Pdf!;
        }
        else
        {
            if (variant == PdfVariant.WithAttachments && ServeMadeOnly(http) && await pdfs.PreparingWithAttachmentsAsync(id, http.User, ct))
            {
                http.RequestServices.GetRequiredService<PdfRenderSignal>().Signal();
                return Preparing(http, id, variant, byWorker: false);
            }
            try
            {
                pdf = await pdfs.GetAsync(id, variant, http.User, ct);
            }
            catch (ChromiumUnavailableException e)
            {
                return Unavailable(http, id, e);
            }
            if (pdf is null) return Results.NotFound();
        }

        // Only the public variant of a published meeting may be shared: with caches, and with anonymous readers
        // through the map. The members' variant (closed items' content) and drafts never are.
        var shared = !pdf.Members && !pdf.IsDraft;
        var disposition = InlineDisposition(pdf.FileTitle + ".pdf");
        if (!shared) Hosting.CacheRule.KeepPrivate(http); // Cache-Control itself: Hosting/CacheRule.cs
        http.Response.Headers.ContentDisposition = disposition;
        if (pdf.File is null)
        {
            return Results.File(pdf.Bytes!, "application/pdf", entityTag: new EntityTagHeaderValue(pdf.ETag), enableRangeProcessing: true);
        }
        if (shared) await RememberPublicAsync(map, id, variant, pdf, generation, ct);
        return PublicPdfMap.FileResult(pdf.File);
    }

    /// <summary>
    /// Puts a public PDF file in <see cref="PublicPdfMap"/> for the fast path (unless the public pages were evicted
    /// since <paramref name="generation"/>). Only for the public variant of a published meeting.
    /// </summary>
    internal static async Task RememberPublicAsync(PublicPdfMap map, int id, PdfVariant variant, ServedPdf pdf, long generation, CancellationToken ct)
    {
        if (pdf.File is null || pdf.Members || pdf.IsDraft) return;
        var bytes = pdf.File.Length <= PublicPdfMap.MaxBytesInMemory ? await File.ReadAllBytesAsync(pdf.File.Path, ct) : null;
        map.Add(id, variant, new PublicPdf(pdf.File, InlineDisposition(pdf.FileTitle + ".pdf"), bytes), generation);
    }

    private static async Task<IResult> ServeHtmlAsync(int id, bool? bilag, HttpContext http, PdfService pdfs, CancellationToken ct)
    {
        if (!PrintsHere(http)) return PrintedElsewhere(http, id);
        string? html;
        try
        {
            html = await pdfs.GetHtmlAsync(id, bilag == true ? PdfVariant.WithAttachments : PdfVariant.WithoutAttachments, http.User, ct);
        }
        catch (ChromiumUnavailableException e)
        {
            return Unavailable(http, id, e);
        }
        if (html is null) return Results.NotFound();
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>
    /// <c>inline; filename="Referat Socialdirektoerforum 2025-06-27.pdf"; filename*=UTF-8''Referat%20Socialdirekt%C3%B8rforum…</c>:
    /// HTTP headers are ASCII, so the Danish name travels in filename* (RFC 6266), which browsers use.
    /// </summary>
    public static string InlineDisposition(string fileName)
    {
        var ascii = new StringBuilder(fileName.Length + 8);
        foreach (var c in fileName)
        {
            ascii.Append(c switch
            {
                'æ' => "ae", 'ø' => "oe", 'å' => "aa", 'Æ' => "Ae", 'Ø' => "Oe", 'Å' => "Aa",
                '"' or '\\' => "_",
                _ when c < 0x20 || c > 0x7E => "_",
                _ => c.ToString(),
            });
        }
        return $"inline; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }

    private static bool PrintsHere(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PdfOptions>>().Value.PrintOnThisNode;

    private static bool ServeMadeOnly(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PdfOptions>>().Value;
        var env = http.RequestServices.GetRequiredService<IHostEnvironment>();
        return options.ServeMadeOnly ?? options.RenderAtPublication ?? !env.IsEnvironment("Testing");
    }

    /// <summary>
    /// 202 with Retry-After and a Danish page: the PDF is being made. Public readers of the PDF with attachments (made by
    /// the background job after a publication) are sent to the one without; where a PDF worker prints
    /// (<paramref name="byWorker"/>), any PDF not made yet is a matter of seconds, and the page links to itself.
    /// </summary>
    private static IResult Preparing(HttpContext http, int meetingId, PdfVariant variant, bool byWorker, PdfAsk? ask = null)
    {
        Hosting.CacheRule.KeepPrivate(http);
        if (!byWorker)
        {
            http.Response.Headers.RetryAfter = "30";
            return DanishPage("PDF med bilag forberedes", $"""
                <p>Mødet er netop udgivet eller ændret, og PDF-filen med alle bilag bliver lavet nu. Prøv igen om et halvt minut.</p>
                <p>Imens kan du læse <a href="/moeder/{meetingId}/pdf">PDF-filen uden bilag</a> eller <a href="/moeder/{meetingId}">mødet på siden</a>, hvor hvert bilag kan hentes for sig.</p>
                """, StatusCodes.Status202Accepted);
        }
        // Where the worker prints: what the job's state says about when to ask again.
        var self = $"/moeder/{meetingId}/pdf" + (variant == PdfVariant.WithAttachments ? "/med-bilag" : "");
        int retryAfter;
        string state, when;
        if (ask?.RetryAt is { } retryAt)
        {
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            retryAfter = Math.Max(5, (int)Math.Ceiling((retryAt - now).TotalSeconds));
            var at = Shared.Danish.ToLocal(retryAt).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            state = $"Et forsøg på at lave PDF-filen mislykkedes. Den bliver prøvet igen kl. {at}.";
            when = $"efter kl. {at}";
        }
        else if (ask?.Stalled == true)
        {
            retryAfter = 60;
            state = "PDF-filen er bestilt, men den tager længere tid end normalt: tjenesten, der laver PDF-filerne, er ikke i gang lige nu. Den bliver lavet, så snart tjenesten kører igen.";
            when = "senere";
        }
        else
        {
            retryAfter = 5;
            state = "PDF-filen er ikke lavet endnu. Den bliver lavet nu og er normalt klar efter få sekunder" +
                    (variant == PdfVariant.WithAttachments ? " (med mange bilag op til et halvt minut)." : ".");
            when = "om lidt";
        }
        http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // 202: the request is taken and the PDF is being made (RFC 9110 15.3.3); Retry-After says when to ask again.
        return DanishPage(variant == PdfVariant.WithAttachments ? "PDF med bilag forberedes" : "PDF forberedes", $"""
            <p>{state}</p>
            <p><a href="{self}">Hent PDF-filen igen</a> {when}.</p>
            <p>Imens kan du læse <a href="/moeder/{meetingId}">mødet på siden</a>.</p>
            """, StatusCodes.Status202Accepted);
    }

    /// <summary>500 and a Danish page: the PDF worker tried this PDF and gave up (the error is in the log and on the job).</summary>
    private static IResult NotMade(HttpContext http, int meetingId)
    {
        Hosting.CacheRule.KeepPrivate(http);
        return DanishPage("PDF'en kunne ikke laves", $"""
            <p>PDF-filen kunne ikke laves efter flere forsøg. Fejlen er skrevet i systemets log.</p>
            <p>Mødet kan stadig læses på <a href="/moeder/{meetingId}">mødesiden</a>, hvor hvert bilag kan hentes for sig.</p>
            """, StatusCodes.Status500InternalServerError);
    }

    /// <summary>501 and a Danish page: the printed HTML is made where the PDFs are printed, not on this node.</summary>
    private static IResult PrintedElsewhere(HttpContext http, int meetingId)
    {
        Hosting.CacheRule.KeepPrivate(http);
        return DanishPage("HTML'en til PDF laves af PDF-tjenesten", $"""
            <p>På denne installation laver en særskilt PDF-tjeneste alle PDF-filer, og den trykte HTML med sidetal findes kun dér.
            Åbn <a href="/moeder/{meetingId}/pdf">PDF-filen</a> for at se resultatet.</p>
            """, StatusCodes.Status501NotImplemented);
    }

    /// <summary>
    /// A Danish page with <paramref name="status"/>. Never 503 for a PDF being made or one that could not be made:
    /// nginx (deploy/nginx/rammevaerk.conf) takes 503 for a node that refuses work, tries the other node and counts it
    /// against the node, so a few readers of a PDF not made yet would take both nodes out of the balancer.
    /// </summary>
    private static IResult DanishPage(string title, string body, int status) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="da">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} – Rammeværk</title><link rel="stylesheet" href="/css/site.css"></head>
        <body>
        <a class="skip-link" href="#indhold">Spring til indholdet</a>
        <header class="site-header"><div class="wrap header-row"><a class="brand" href="/"><span class="brand-name">Rammeværk</span>
        <span class="brand-sub">Fælleskommunalt Socialsekretariat · Syddanmark</span></a></div></header>
        <main id="indhold" class="wrap" tabindex="-1">
        <h1>{title}</h1>
        {body}
        </main>
        </body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>
    /// 500 and a Danish page: this node should print but Chromium is missing or does not start. Not 503: only the
    /// request gate refuses with 503, which nginx counts against a node (see <see cref="DanishPage"/>).
    /// </summary>
    private static IResult Unavailable(HttpContext http, int meetingId, ChromiumUnavailableException e)
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PdfModule)).LogError(e, "PDF printing is unavailable");
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.RetryAfter = "300";
        return DanishPage("PDF'en kan ikke laves lige nu", $"""
            <p>Rammeværk laver PDF-dagsordener og -referater med browseren Chromium, og den er ikke installeret på serveren
            (eller kan ikke starte).</p>
            <p>PDF-generering kræver Debian-pakken <code>chromium</code> (og skrifttyperne i <code>fonts-dejavu-core</code>).
            Serverens administrator kan installere dem med <code>apt-get install chromium fonts-dejavu-core</code> eller starte
            systemet med <code>scripts/run.sh</code>, der gør det.</p>
            <p>Mødet kan stadig læses på <a href="/moeder/{meetingId}">mødesiden</a>.</p>
            """, StatusCodes.Status500InternalServerError);
    }
}
