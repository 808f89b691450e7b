using Microsoft.Net.Http.Headers;
using Rammevaerk.Publishing;

namespace Rammevaerk.OParl;

/// <summary>
/// The read-only OParl 1.1 API at <c>/oparl/v1.1/</c> (entry point <c>/oparl/v1.1/system</c>): public data only,
/// JSON with <c>Access-Control-Allow-Origin: *</c>, anonymous answers from the output cache (evicted with the
/// public pages after every change). A missing, draft or closed object, a malformed id and an unknown path answer a
/// JSON 404; malformed list parameters a JSON 400.
/// </summary>
public static class OParlModule
{
    public static IServiceCollection AddOParl(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<OParlOptions>(config.GetSection("OParl"));
        services.AddScoped<OParlReader>();
        services.AddScoped<OParlPapers>();
        return services;
    }

    public static IEndpointRouteBuilder MapOParl(this IEndpointRouteBuilder app)
    {
        const string system = OParlUrls.BasePath + "/system";
        app.MapGet("/oparl", () => Results.Redirect(system));
        // The file itself, shown in the browser (OParl's accessUrl must not be sent as an attachment; the
        // downloadUrl, /bilag/…, is). Bytes are not kept in the output cache.
        app.MapGet(OParlUrls.BasePath + "/file/{id:int}/access", FileAccessAsync);
        app.MapGet("/oparl/{**rest}", () => NotFound()).AddEndpointFilter(AllowAnyOrigin);

        var api = app.MapGroup(OParlUrls.BasePath)
            .CacheOutput(PublishingModule.PublicPolicy)
            .WithMetadata(new ReadsQueryAttribute(ListQuery.Keys))
            .AddEndpointFilter(AllowAnyOrigin);

        api.MapGet("/", () => Results.Redirect(system));
        api.MapGet("/system", async (HttpContext http, OParlReader r, CancellationToken ct) =>
            Json(await r.SystemAsync(OParlUrls.For(http), ct)));
        api.MapGet("/body", (HttpContext http, OParlReader r, CancellationToken ct) =>
            ListAsync(http, r, (u, q) => r.BodiesAsync(u, q, ct)));
        api.MapGet("/body/{id:int}", async (int id, HttpContext http, OParlReader r, CancellationToken ct) =>
            id == OParlUrls.BodyId ? Json(await r.BodyAsync(OParlUrls.For(http), ct)) : NotFound());

        MapBodyList(api, "organization", (r, u, q, ct) => r.OrganizationsAsync(u, q, ct));
        MapBodyList(api, "person", (r, u, q, ct) => r.PersonsAsync(u, q, ct));
        MapBodyList(api, "membership", (r, u, q, ct) => r.MembershipsAsync(u, q, ct));
        MapBodyList(api, "meeting", (r, u, q, ct) => r.MeetingsAsync(u, q, null, ct));
        MapBodyList(api, "agendaitem", (r, u, q, ct) => r.AgendaItemsAsync(u, q, ct));
        MapBodyList(api, "file", (r, u, q, ct) => r.FilesAsync(u, q, ct));
        MapBodyList(api, "location", (r, u, q, ct) => r.LocationsAsync(u, q, ct));
        // Cases (Cases/) are Papers with their Consultations; Rammeværk has no legislative terms: that list is empty.
        api.MapGet("/body/{id:int}/paper", async (int id, HttpContext http, OParlReader r, OParlPapers p, CancellationToken ct) =>
            id == OParlUrls.BodyId ? await ListAsync(http, r, (u, q) => p.PapersAsync(u, q, ct)) : NotFound());
        api.MapGet("/body/{id:int}/consultation", async (int id, HttpContext http, OParlReader r, OParlPapers p, CancellationToken ct) =>
            id == OParlUrls.BodyId ? await ListAsync(http, r, (u, q) => p.ConsultationsAsync(u, q, ct)) : NotFound());
        MapBodyList(api, "legislativeterm", (_, u, q, _) => Task.FromResult(q.Build([], 0, u.BodyList("legislativeterm"))));

        api.MapGet("/organization/{id:int}", async (int id, HttpContext http, OParlReader r, CancellationToken ct) =>
            OrNotFound(await r.OrganizationAsync(OParlUrls.For(http), id, ct)));
        api.MapGet("/organization/{id:int}/meeting", async (int id, HttpContext http, OParlReader r, CancellationToken ct) =>
            await r.OrganizationExistsAsync(id, ct) ? await ListAsync(http, r, (u, q) => r.MeetingsAsync(u, q, id, ct)) : NotFound());
        api.MapGet("/person/{id:int}", async (int id, HttpContext http, OParlReader r, CancellationToken ct) =>
            OrNotFound(await r.PersonAsync(OParlUrls.For(http), id, ct)));
        api.MapGet("/membership/{id:int}", async (int id, HttpContext http, OParlReader r, CancellationToken ct) =>
            OrNotFound(await r.MembershipAsync(OParlUrls.For(http), id, ct)));
        api.MapGet("/meeting/{id:int}", async (int id, HttpContext http, OParlReader r, CancellationToken ct) =>
            OrNotFound(await r.MeetingAsync(OParlUrls.For(http), id, ct)));
        api.MapGet("/agendaitem/{id:int}", async (int id, HttpContext http, OParlReader r, CancellationToken ct) =>
            OrNotFound(await r.AgendaItemAsync(OParlUrls.For(http), id, ct)));
        api.MapGet("/paper/{id:int}", async (int id, HttpContext http, OParlPapers p, CancellationToken ct) =>
            OrNotFound(await p.PaperAsync(OParlUrls.For(http), id, ct)));
        api.MapGet("/consultation/{id:int}", async (int id, HttpContext http, OParlPapers p, CancellationToken ct) =>
            OrNotFound(await p.ConsultationAsync(OParlUrls.For(http), id, ct)));
        api.MapGet("/consultation/udenfor/{id:int}", async (int id, HttpContext http, OParlPapers p, CancellationToken ct) =>
            OrNotFound(await p.OutsideConsultationAsync(OParlUrls.For(http), id, ct)));
        api.MapGet("/file/{id:int}", async (int id, HttpContext http, OParlReader r, CancellationToken ct) =>
            OrNotFound(await r.FileAsync(OParlUrls.For(http), id, ct)));
        api.MapGet("/location/{key}", async (string key, HttpContext http, OParlReader r, CancellationToken ct) =>
            MeetingPlaces.IsKey(key) ? OrNotFound(await r.LocationAsync(OParlUrls.For(http), key, ct)) : NotFound());
        api.MapGet("/{**rest}", () => NotFound());
        return app;
    }

    private static void MapBodyList(RouteGroupBuilder api, string list, Func<OParlReader, OParlUrls, ListQuery, CancellationToken, Task<OParlList>> load) =>
        api.MapGet($"/body/{{id:int}}/{list}", async (int id, HttpContext http, OParlReader r, CancellationToken ct) =>
            id == OParlUrls.BodyId ? await ListAsync(http, r, (u, q) => load(r, u, q, ct)) : NotFound());

    private static async Task<IResult> ListAsync(HttpContext http, OParlReader reader, Func<OParlUrls, ListQuery, Task<OParlList>> load)
    {
        var query = ListQuery.Parse(http.Request.Query, reader.PageSize, out var error);
        return query is null ? Error(StatusCodes.Status400BadRequest, error!) : Json(await load(OParlUrls.For(http), query));
    }

    private static async Task<IResult> FileAccessAsync(int id, HttpContext http, OParlReader reader, CancellationToken ct)
    {
        var file = await reader.FileContentAsync(id, ct);
        if (file is not { } f) return NotFound();
        var headers = http.Response.Headers;
        headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline") { FileNameStar = f.FileName }.ToString();
        // Shown in the browser, so never allowed to run anything (only PDF and Office files are accepted anyway).
        headers[HeaderNames.ContentSecurityPolicy] = "sandbox";
        return Results.File(f.Bytes, f.ContentType, enableRangeProcessing: true);
    }

    private static async ValueTask<object?> AllowAnyOrigin(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // OParl 2.6: every JSON answer carries this header, so that web applications elsewhere may read the data.
        context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
        return await next(context);
    }

    private static IResult Json(object value) => Results.Json(value, OParlObject.Json);

    private static IResult OrNotFound(object? value) => value is null ? NotFound() : Json(value);

    private static IResult NotFound() =>
        Error(StatusCodes.Status404NotFound, "Objektet findes ikke, eller det er ikke offentligt.");

    private static IResult Error(int status, string message) =>
        Results.Json(new OParlError(message, status), OParlObject.Json, statusCode: status);
}
