using Microsoft.EntityFrameworkCore;

namespace Rammevaerk.Hosting;

/// <summary>
/// The EF configuration of the public-change counter and the job leases, called by name from <see cref="Data.AppDb"/>.
/// </summary>
public static class HostingConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<PublicChange>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new PublicChange { Id = 1, Version = 0 });
        });
        b.Entity<JobLease>(e =>
        {
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Holder).HasMaxLength(200);
            e.Property(x => x.LastError).HasMaxLength(2000);
        });
    }
}
