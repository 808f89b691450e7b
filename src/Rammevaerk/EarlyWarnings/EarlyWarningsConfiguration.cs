using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Offers;

namespace Rammevaerk.EarlyWarnings;

/// <summary>
/// The EF configuration of rate warnings and warning rounds, called by name from <see cref="Data.AppDb"/>.
/// </summary>
public static class EarlyWarningsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<RateWarning>(e =>
        {
            e.Property(x => x.ChangePercent).HasPrecision(9, 2);
            e.Property(x => x.ChangeAmount).HasPrecision(18, 2);
            e.Property(x => x.Reason).HasMaxLength(4000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne(x => x.Operator).WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Offer).WithMany().HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<OfferService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<WarningRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<WarningRound>(e =>
        {
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Instructions).HasMaxLength(20_000);
            e.Property(x => x.OpenedBy).HasMaxLength(256);
            e.Property(x => x.Decision).HasMaxLength(Limits.Text);
            e.HasIndex(x => new { x.Region, x.Year }).IsUnique();
            e.HasOne(x => x.AgendaItem).WithMany().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<WarningRoundAnswer>(e =>
        {
            e.HasKey(x => new { x.RoundId, x.OperatorId });
            e.Property(x => x.AnsweredBy).HasMaxLength(256);
            e.HasOne<Operator>().WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
