using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Offers;

namespace Rammevaerk.Capacity;

/// <summary>
/// The EF configuration of capacity notices, their lines and attachments, called by name from <see cref="Data.AppDb"/>.
/// </summary>
public static class CapacityConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<CapacityNotice>(e =>
        {
            e.Property(x => x.NewOfferName).HasMaxLength(Offer.NameLength);
            e.Property(x => x.TargetGroupText).HasMaxLength(500);
            foreach (var text in new[] { nameof(CapacityNotice.Reason), nameof(CapacityNotice.Consequences), nameof(CapacityNotice.Process) })
            {
                e.Property(text).HasMaxLength(20_000);
            }
            e.Property(x => x.OwnUsePercent).HasPrecision(5, 2);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.ResponseNote).HasMaxLength(4000);
            e.Property(x => x.DecisionText).HasMaxLength(Limits.Text);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasIndex(x => x.State);
            e.HasOne(x => x.Operator).WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Offer).WithMany().HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.AgendaItem).WithMany().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.NoticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.NoticeId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CapacityNoticeLine>(e =>
        {
            e.Property(x => x.ServiceName).HasMaxLength(Offer.NameLength);
            e.Property(x => x.LegalBasesBefore).HasMaxLength(200);
            e.Property(x => x.LegalBasesAfter).HasMaxLength(200);
            e.Property(x => x.TargetGroups).HasMaxLength(500);
            e.Property(x => x.RateAfter).HasPrecision(18, 2);
            e.Property(x => x.ServiceLevelHoursAfter).HasPrecision(9, 2);
        });
        b.Entity<CapacityNoticeAttachment>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });
    }
}
