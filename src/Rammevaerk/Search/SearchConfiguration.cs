using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Search;

/// <summary>The EF configuration of the search index, called by name from <see cref="Data.AppDb"/>.</summary>
public static class SearchConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<SearchEntry>(e =>
        {
            e.Property(x => x.ItemTitle).HasMaxLength(Limits.Title);
            e.HasIndex(x => x.MeetingId);
            // Search loads the entries of the items on a page.
            e.HasIndex(x => x.AgendaItemId);
            e.HasIndex(x => new { x.BodyId, x.Year });
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SearchItem>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.MeetingId);
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
