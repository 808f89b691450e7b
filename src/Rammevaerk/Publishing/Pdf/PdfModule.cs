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
        services.Configure<PdfOptions>(config.GetSection("Pdf"));
        services.AddSingleton<ChromiumPrinter>();
        services.AddSingleton<PdfKeyLocks>();
        services.AddSingleton<PdfMetrics>();
        services.AddHostedService<PlaywrightDriverStarter>();
        services.AddScoped<PrintHtml>();
        services.AddScoped<MinutesPdfBuilder>();
        services.AddScoped<PdfService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPdf(this IEndpointRouteBuilder app)
    {
        // Anonymous readers get the public variant from the output cache (evicted with the meeting pages on change).
        app.MapGet("/moeder/{id:int}/pdf", (int id, HttpContext http, PdfService pdfs, CancellationToken ct) =>
                ServeAsync(id, PdfVariant.WithoutAttachments, http, pdfs, ct))
            .CacheOutput(PublishingModule.PublicPolicy);
        app.MapGet("/moeder/{id:int}/pdf/med-bilag", (int id, HttpContext http, PdfService pdfs, CancellationToken ct) =>
                ServeAsync(id, PdfVariant.WithAttachments, http, pdfs, ct))
            .CacheOutput(PublishingModule.PublicPolicy);
        // The HTML Chromium prints (with the final page numbers), for the secretariat.
        app.MapGet("/moeder/{id:int}/pdf/html", ServeHtmlAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Secretariat));
        return app;
    }

    private static async Task<IResult> ServeAsync(int id, PdfVariant variant, HttpContext http, PdfService pdfs, CancellationToken ct)
    {
        ServedPdf? pdf;
        try
        {
            pdf = await pdfs.GetAsync(id, variant, http.User, ct);
        }
        catch (ChromiumUnavailableException e)
        {
            return Unavailable(http, id, e);
        }
        if (pdf is null) return Results.NotFound();

        http.Response.Headers.CacheControl = pdf.Members || pdf.IsDraft ? "private, no-store" : "no-cache";
        http.Response.Headers.ContentDisposition = InlineDisposition(pdf.FileTitle + ".pdf");
        return Results.File(pdf.Bytes, "application/pdf", entityTag: new EntityTagHeaderValue(pdf.ETag), enableRangeProcessing: true);
    }

    private static async Task<IResult> ServeHtmlAsync(int id, bool? bilag, HttpContext http, PdfService pdfs, CancellationToken ct)
    {
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

    private static IResult Unavailable(HttpContext http, int meetingId, ChromiumUnavailableException e)
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PdfModule)).LogError(e, "PDF printing is unavailable");
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.RetryAfter = "300";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="da">
            <head><meta charset="utf-8"><title>PDF kan ikke laves – Rammeværk</title></head>
            <body>
            <main>
            <h1>PDF'en kan ikke laves lige nu</h1>
            <p>Rammeværk laver PDF-dagsordener og -referater med browseren Chromium, og den er ikke installeret på serveren
            (eller kan ikke starte).</p>
            <p>PDF-generering kræver Debian-pakken <code>chromium</code> (og skrifttyperne i <code>fonts-dejavu-core</code>).
            Serverens administrator kan installere dem med <code>apt-get install chromium fonts-dejavu-core</code> eller starte
            systemet med <code>scripts/run.sh</code>, der gør det.</p>
            <p>Mødet kan stadig læses på <a href="/moeder/{{meetingId}}">mødesiden</a>.</p>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, (int)HttpStatusCode.ServiceUnavailable);
    }
}
