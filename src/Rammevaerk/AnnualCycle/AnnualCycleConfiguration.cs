using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.AnnualCycle;

/// <summary>
/// The EF configuration of the annual cycle's recurring items, called by name from <see cref="Data.AppDb"/>.
/// </summary>
public static class AnnualCycleConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<RecurringItem>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Background).HasMaxLength(20_000);
            e.Property(x => x.Recommendation).HasMaxLength(20_000);
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
