using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Municipalities;

namespace Rammevaerk.Offers;

/// <summary>
/// The EF configuration of operators, offers, their departments, services, buyers and revisions, legal bases and target
/// groups, called by name from <see cref="Data.AppDb"/>.
/// </summary>
public static class OffersConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Operator>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Cvr).HasMaxLength(8);
            e.HasIndex(x => new { x.Region, x.Name }).IsUnique();
            e.HasIndex(x => x.MunicipalityCode).IsUnique();
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Offer>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Offer.NameLength);
            e.Property(x => x.Address).HasMaxLength(300);
            e.Property(x => x.PostalCode).HasMaxLength(10);
            e.Property(x => x.City).HasMaxLength(100);
            e.Property(x => x.PortalId).HasMaxLength(50);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasIndex(x => new { x.OperatorId, x.Name });
            e.HasOne(x => x.Operator).WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Departments).WithOne().HasForeignKey(d => d.OfferId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Revisions).WithOne().HasForeignKey(r => r.OfferId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OfferBuyer>(e =>
        {
            e.HasKey(x => new { x.OfferId, x.MunicipalityCode });
            e.HasOne<Offer>().WithMany(o => o.Buyers).HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<OfferDepartment>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Offer.NameLength);
            e.Property(x => x.PortalKey).HasMaxLength(50);
            e.HasMany(x => x.Services).WithOne().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OfferService>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Offer.NameLength);
            e.Property(x => x.Rate).HasPrecision(18, 2);
            e.Property(x => x.ServiceLevelHours).HasPrecision(9, 2);
            e.HasMany(x => x.LegalBases).WithMany().UsingEntity("OfferServiceLegalBasis");
            e.HasMany(x => x.TargetGroups).WithMany().UsingEntity("OfferServiceTargetGroup");
        });
        b.Entity<OfferRevision>(e =>
        {
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.SnapshotJson).HasMaxLength(Limits.Text);
            e.HasIndex(x => new { x.OfferId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.Year, x.OperatorId });
            e.HasIndex(x => x.ChangedAt);
        });
        b.Entity<LegalBasis>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(50);
            e.Property(x => x.Title).HasMaxLength(200);
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<TargetGroup>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.Name).IsUnique();
        });
    }
}
