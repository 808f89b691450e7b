using Microsoft.EntityFrameworkCore;
using Rammevaerk.Offers;

namespace Rammevaerk.Reporting;

/// <summary>
/// The EF configuration of reporting rounds, operators' reports, occupancy and region settings, called by name from
/// <see cref="Data.AppDb"/>.
/// </summary>
public static class ReportingConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ReportingRound>(e =>
        {
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Instructions).HasMaxLength(20_000);
            e.Property(x => x.OpenedBy).HasMaxLength(256);
            e.Property(x => x.RateChangeThresholdPercent).HasPrecision(9, 2);
            e.HasIndex(x => new { x.Region, x.Year }).IsUnique();
            e.HasMany(x => x.Reports).WithOne(r => r.Round).HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OperatorReport>(e =>
        {
            e.Property(x => x.ContentJson).HasMaxLength(5_000_000);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.SecretariatComment).HasMaxLength(4000);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasIndex(x => new { x.RoundId, x.OperatorId }).IsUnique();
            e.HasOne(x => x.Operator).WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<OccupancyRecord>(e =>
        {
            e.Property(x => x.OccupiedDays).HasPrecision(12, 2);
            e.Property(x => x.ReportedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ServiceId, x.Year, x.Half }).IsUnique();
            e.HasOne<OfferService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<RegionSettings>(e =>
        {
            e.HasKey(x => x.Region);
            e.Property(x => x.Region).HasMaxLength(100);
        });
    }
}
