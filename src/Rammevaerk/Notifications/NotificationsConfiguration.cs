using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;

namespace Rammevaerk.Notifications;

/// <summary>
/// The EF configuration of the outbox, notifications and the security log, called by name from <see
/// cref="Data.AppDb"/>.
/// </summary>
public static class NotificationsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<OutboxMessage>(e =>
        {
            e.Property(x => x.To).HasMaxLength(256);
            e.Property(x => x.ToName).HasMaxLength(200);
            e.Property(x => x.Subject).HasMaxLength(300);
            e.Property(x => x.Body).HasMaxLength(Limits.Text);
            e.Property(x => x.Topic).HasMaxLength(200);
            e.Property(x => x.LastError).HasMaxLength(2000);
            e.Property(x => x.ClaimedBy).HasMaxLength(200);
            e.Property(x => x.ListUnsubscribeUrl).HasMaxLength(500);
            e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        });
        b.Entity<Notification>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.Link).HasMaxLength(500);
            e.HasIndex(x => new { x.UserId, x.ReadAt });
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(100);
            e.Property(x => x.Path).HasMaxLength(500);
            e.Property(x => x.Detail).HasMaxLength(2000);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.Action, x.At });
        });
    }
}
