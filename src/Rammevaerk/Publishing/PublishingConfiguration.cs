using Microsoft.EntityFrameworkCore;
using Rammevaerk.Meetings;
using Rammevaerk.Publishing.Pdf;

namespace Rammevaerk.Publishing;

/// <summary>The EF configuration of the PDF cache, called by name from <see cref="Data.AppDb"/>.</summary>
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
    }
}
