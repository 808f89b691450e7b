using Microsoft.EntityFrameworkCore;

namespace Rammevaerk.Bodies;

/// <summary>
/// The EF configuration of bodies, persons and memberships, called by name from <see cref="Data.AppDb"/>.
/// </summary>
public static class BodiesConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Body>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ShortName).HasMaxLength(20);
            e.Property(x => x.Slug).HasMaxLength(100);
            e.HasIndex(x => x.Slug).IsUnique();
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<Person>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasOne(x => x.Municipality).WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<Membership>(e =>
        {
            e.HasOne(x => x.Person).WithMany(p => p.Memberships).HasForeignKey(x => x.PersonId);
            e.HasOne(x => x.Body).WithMany(p => p.Memberships).HasForeignKey(x => x.BodyId);
        });
    }
}
