using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Municipalities;

namespace Rammevaerk.Economics;

/// <summary>
/// The EF configuration of allocations, the price and wage index and saved calculations, called by name from <see
/// cref="Data.AppDb"/>.
/// </summary>
public static class EconomicsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Allocation>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Allocation.NameLength);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Amount).HasPrecision(18, 4);
            e.HasOne(x => x.DecidedItem).WithMany().HasForeignKey(x => x.DecidedItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.AllocationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AllocationParticipant>(e =>
        {
            e.HasKey(x => new { x.AllocationId, x.MunicipalityCode });
            e.Property(x => x.Weight).HasPrecision(18, 4);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PriceWageIndexYear>(e =>
        {
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
            e.Property(x => x.Percent).HasPrecision(9, 4);
            e.Property(x => x.Source).HasMaxLength(300);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
        });
        b.Entity<SavedCalculation>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Allocation.NameLength);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.InputsJson).HasMaxLength(Limits.Text);
            e.HasOne(x => x.DecidedItem).WithMany().HasForeignKey(x => x.DecidedItemId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
