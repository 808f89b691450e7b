using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Rammevaerk.Data;
using Rammevaerk.Meetings.Import;

namespace Rammevaerk.Meetings;

public sealed class AttachmentOptions
{
    /// <summary>Largest attachment accepted, in bytes (default 25 MB).</summary>
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;
}

/// <summary>
/// Meetings and minutes: authoring (pages under Authoring/), the life cycle, attachments and the import of
/// archived minutes (Import/).
/// </summary>
public static class MeetingsModule
{
    public static IServiceCollection AddMeetings(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<AttachmentOptions>(config.GetSection("Attachments"));
        // How much work one PDF may cause (text, pages, merging); read by static code, so set once here.
        Shared.PdfLimits.Use(config.GetSection(Shared.PdfLimits.Section).Get<Shared.PdfLimits>() ?? new Shared.PdfLimits());
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<MeetingLifecycle>();
        services.AddScoped<MeetingAccess>();
        services.AddScoped<MinutesImporter>();
        services.AddScoped<ImportRunner>();
        services.Configure<ImportOptions>(config.GetSection("Import"));
        services.AddSingleton<ImportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportWorker>());
        return services;
    }

    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/bilag/{id:int}/{name?}", DownloadAttachmentAsync);
        return app;
    }

    /// <summary>
    /// Attachment download. Drafts are invisible to all but the secretariat; a closed item's attachments need a
    /// member's login (anonymous readers are sent to log in, others get 403).
    /// </summary>
    private static async Task<IResult> DownloadAttachmentAsync(int id, HttpContext http, AppDb db, MeetingAccess access, CancellationToken ct)
    {
        var a = await db.Attachments.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new { x.FileName, x.ContentType, x.Sha256, x.AddedAt, x.IsMissing, x.AgendaItem.IsClosed, x.AgendaItem.Meeting.State, x.AgendaItem.Meeting.BodyId })
            .SingleOrDefaultAsync(ct);
        if (a is null || a.IsMissing) return Results.NotFound();
        if (a.State == MeetingState.Draft && !MeetingAccess.IsSecretariat(http.User)) return Results.NotFound();
        if (a.IsClosed && !await access.MayReadClosedAsync(http.User, a.BodyId, ct))
        {
            return http.User.Identity?.IsAuthenticated == true ? Results.Forbid() : Results.Challenge();
        }
        var bytes = await db.AttachmentContents.Where(c => c.AttachmentId == id).Select(c => c.Bytes).SingleOrDefaultAsync(ct);
        if (bytes is null) return Results.NotFound();
        // Attachments of closed items and of drafts are never shared, whoever asks; the rest follows Hosting/CacheRule.cs.
        if (a.IsClosed || a.State == MeetingState.Draft) Hosting.CacheRule.KeepPrivate(http);
        return Results.File(bytes, a.ContentType ?? "application/octet-stream", Shared.FileNames.Clean(a.FileName),
            lastModified: DateTime.SpecifyKind(a.AddedAt, DateTimeKind.Utc),
            entityTag: a.Sha256 is { Length: > 0 } sha ? new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + sha + "\"") : null,
            enableRangeProcessing: true);
    }
}
