using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Notifications;

/// <summary>
/// In-app notifications and e-mail: <see cref="Notifier"/> (adds notifications and outbox e-mails to the caller's
/// transaction), <see cref="OutboxSender"/> (delivers the outbox over SMTP when <c>Mail:Smtp:Host</c> is set),
/// <see cref="AuditLog"/> (the security log). Pages: /notifikationer, /sekretariat/udbakke, /sekretariat/sikkerhedslog.
/// </summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<MailSettings>(config.GetSection("Mail"));
        services.AddScoped<Notifier>();
        services.AddScoped<AuditLog>();
        services.AddScoped<UnreadNotifications>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}

/// <summary>The layout's unread count: one indexed COUNT for a signed-in user, nothing for anonymous readers.</summary>
public sealed class UnreadNotifications(AppDb db)
{
    public async Task<int> CountAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return 0;
        return await db.Notifications.CountAsync(n => n.UserId == id && n.ReadAt == null, ct);
    }
}
