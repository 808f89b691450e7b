using Microsoft.EntityFrameworkCore;
using Rammevaerk.Meetings;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Publishing.Subscriptions;

namespace Rammevaerk.Publishing;

/// <summary>
/// The EF configuration of the PDF cache and render queue and of the subscriptions, called by name from <see
/// cref="Data.AppDb"/>.
/// </summary>
public static class PublishingConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<RenderedPdf>(e =>
        {
            e.Property(x => x.CacheKey).HasMaxLength(200);
            e.HasIndex(x => x.CacheKey).IsUnique();
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PdfRenderJob>(e =>
        {
            e.Property(x => x.ClaimedBy).HasMaxLength(200);
            e.Property(x => x.LastError).HasMaxLength(2000);
            e.HasIndex(x => x.DoneAt);
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Subscription>(e =>
        {
            e.Property(x => x.Email).HasMaxLength(256);
            e.Property(x => x.Token).HasMaxLength(64);
            e.HasIndex(x => x.Token).IsUnique();
            e.HasIndex(x => new { x.Email, x.BodyId }).IsUnique();
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
