using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Statistics;

/// <summary>The EF configuration of datasets and their values, called by name from <see cref="Data.AppDb"/>.</summary>
public static class StatisticsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Dataset>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Limits.Title);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Source).HasMaxLength(500);
            e.Property(x => x.MeasureName).HasMaxLength(100);
            e.Property(x => x.Dimension1).HasMaxLength(100);
            e.Property(x => x.Dimension2).HasMaxLength(100);
            e.Property(x => x.Dimension3).HasMaxLength(100);
            e.HasOne(x => x.DecidedItem).WithMany().HasForeignKey(x => x.DecidedItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Values).WithOne().HasForeignKey(v => v.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DatasetValue>(e =>
        {
            e.Property(x => x.Key1).HasMaxLength(200);
            e.Property(x => x.Key2).HasMaxLength(200);
            e.Property(x => x.Key3).HasMaxLength(200);
            e.Property(x => x.Value).HasPrecision(18, 4);
            e.HasIndex(x => new { x.DatasetId, x.Key1, x.Key2, x.Key3 }).IsUnique();
        });
    }
}
