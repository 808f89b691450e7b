using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings;

/// <summary>
/// The EF configuration of meetings, agenda items, guests, attachments, versions and item templates, called by name
/// from <see cref="Data.AppDb"/>.
/// </summary>
public static class MeetingsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Meeting>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Location).HasMaxLength(300);
            e.Property(x => x.ImportKey).HasMaxLength(200);
            e.Property(x => x.ImportReport).HasMaxLength(Limits.Text);
            e.HasIndex(x => x.ImportKey).IsUnique();
            e.HasIndex(x => new { x.BodyId, x.StartsAt });
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Items).WithOne(i => i.Meeting).HasForeignKey(i => i.MeetingId);
            e.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.MeetingId);
            e.Ignore(x => x.PublishedAt);
            e.Ignore(x => x.IsPublished);
        });
        b.Entity<AgendaItem>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            foreach (var text in new[] { nameof(AgendaItem.Intro), nameof(AgendaItem.Background), nameof(AgendaItem.Recommendation), nameof(AgendaItem.CasePresentation), nameof(AgendaItem.Decision), nameof(AgendaItem.ImportNotes) })
            {
                e.Property(text).HasMaxLength(Limits.Text);
            }
            e.HasIndex(x => new { x.MeetingId, x.Number }).IsUnique();
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasMany(x => x.Guests).WithOne().HasForeignKey(g => g.AgendaItemId);
            e.HasMany(x => x.Attachments).WithOne(a => a.AgendaItem).HasForeignKey(a => a.AgendaItemId);
        });
        b.Entity<ItemGuest>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(300);
            e.Property(x => x.TimeSlot).HasMaxLength(100);
        });
        b.Entity<Attachment>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasOne(x => x.Content).WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId);
        });
        b.Entity<AttachmentContent>(e =>
        {
            e.HasKey(x => x.AttachmentId);
        });
        b.Entity<MeetingVersion>(e =>
        {
            e.Property(x => x.Reason).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.MeetingId, x.Version }).IsUnique();
        });
        b.Entity<ItemTemplate>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Background).HasMaxLength(Limits.Text);
            e.Property(x => x.Recommendation).HasMaxLength(Limits.Text);
        });
    }
}
