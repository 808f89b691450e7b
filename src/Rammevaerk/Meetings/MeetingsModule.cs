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
        // Publication (issue 12): the check, the public copy, who is told.
        services.AddScoped<Publication.AttachmentScans>();
        services.AddScoped<Publication.PublicCopy>();
        services.AddScoped<Publication.MinutesDecisions>();
        services.AddScoped<Publication.Publisher>();
        services.AddScoped<Publication.DraftMinutesService>();
        services.AddScoped<Publishing.Subscriptions.SubscriptionService>();
        services.AddHostedService<Publication.PublicCopyAtStartup>();
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
    /// Attachment download. The public (and members, for closed items) get the files of a meeting's public copy
    /// (<see cref="Publication.PublishedAttachment"/>): never one only in the working copy, never a withheld one. A closed
    /// item's attachments need a member's login (anonymous readers are sent to log in, others get 403). Members also get
    /// the files of the draft minutes sent to them; the secretariat gets every file, removed ones too (old versions).
    /// </summary>
    private static async Task<IResult> DownloadAttachmentAsync(int id, HttpContext http, AppDb db, MeetingAccess access, CancellationToken ct)
    {
        var a = await db.Attachments.IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new { x.FileName, x.ContentType, x.Sha256, x.AddedAt, x.IsMissing, x.AgendaItem.IsClosed, x.AgendaItem.MeetingId, x.AgendaItem.Meeting.BodyId })
            .SingleOrDefaultAsync(ct);
        if (a is null || a.IsMissing) return Results.NotFound();
        var closed = a.IsClosed;
        if (!MeetingAccess.IsSecretariat(http.User))
        {
            var published = await db.PublishedAttachments.AsNoTracking().Where(p => p.Id == id && !p.IsMissing)
                .Select(p => (bool?)p.IsClosed).SingleOrDefaultAsync(ct);
            if (published is bool publishedClosed)
            {
                closed = publishedClosed;
                if (closed && !await access.MayReadClosedAsync(http.User, a.BodyId, ct))
                {
                    return http.User.Identity?.IsAuthenticated == true ? Results.Forbid() : Results.Challenge();
                }
            }
            else if (!await InDraftMinutesAsync(db, access, http, a.MeetingId, a.BodyId, id, ct))
            {
                return Results.NotFound();
            }
            else
            {
                closed = true; // never shared with caches
            }
        }
        var bytes = await db.AttachmentContents.Where(c => c.AttachmentId == id).Select(c => c.Bytes).SingleOrDefaultAsync(ct);
        if (bytes is null) return Results.NotFound();
        // Attachments of closed items, of draft minutes and the secretariat's downloads are never shared with caches;
        // the rest follows Hosting/CacheRule.cs (public, validated by the file's own hash).
        if (closed || MeetingAccess.IsSecretariat(http.User)) Hosting.CacheRule.KeepPrivate(http);
        return Results.File(bytes, a.ContentType ?? "application/octet-stream", Shared.FileNames.Clean(a.FileName),
            lastModified: DateTime.SpecifyKind(a.AddedAt, DateTimeKind.Utc),
            entityTag: a.Sha256 is { Length: > 0 } sha ? new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + sha + "\"") : null,
            enableRangeProcessing: true);
    }

    /// <summary>True when the reader is a member of the body and the attachment is in the latest draft minutes sent to them.</summary>
    private static async Task<bool> InDraftMinutesAsync(AppDb db, MeetingAccess access, HttpContext http, int meetingId, int bodyId, int attachmentId, CancellationToken ct)
    {
        if (http.User.Identity?.IsAuthenticated != true || !await access.MayReadClosedAsync(http.User, bodyId, ct)) return false;
        var json = await db.DraftMinutes.AsNoTracking().Where(d => d.MeetingId == meetingId).OrderByDescending(d => d.Round)
            .Select(d => d.SnapshotJson).FirstOrDefaultAsync(ct);
        var draft = json is null ? null : MeetingLifecycle.ReadSnapshot(json);
        return draft?.Items.Any(i => i.Attachments.Any(x => x.Id == attachmentId)) == true;
    }
}
