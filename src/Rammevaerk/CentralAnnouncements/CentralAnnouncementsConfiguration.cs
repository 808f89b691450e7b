using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.CentralAnnouncements;

/// <summary>
/// The EF configuration of central announcements, their deadlines, representatives, files and items, called by name
/// from <see cref="Data.AppDb"/>.
/// </summary>
public static class CentralAnnouncementsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<CentralAnnouncement>(e =>
        {
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.TargetGroup).HasMaxLength(300);
            e.Property(x => x.Request).HasMaxLength(20_000);
            e.Property(x => x.SteeringGroup).HasMaxLength(1000);
            e.HasMany(x => x.Deadlines).WithOne().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Representatives).WithOne().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Files).WithOne().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Items).WithOne().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AnnouncementDeadline>(e => e.Property(x => x.Note).HasMaxLength(1000));
        b.Entity<AnnouncementRepresentative>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Organisation).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(200);
        });
        b.Entity<AnnouncementFile>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });
        b.Entity<AnnouncementItemLink>(e =>
        {
            e.HasKey(x => new { x.AnnouncementId, x.AgendaItemId });
            e.HasOne<AgendaItem>().WithMany().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
