using Microsoft.EntityFrameworkCore;

namespace Rammevaerk.Municipalities;

/// <summary>
/// The EF configuration of municipalities and their population by year, called by name from <see cref="Data.AppDb"/>.
/// </summary>
public static class MunicipalitiesConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Municipality>(e =>
        {
            e.HasKey(m => m.Code);
            e.Property(m => m.Code).ValueGeneratedNever();
            e.Property(m => m.Name).HasMaxLength(100);
            e.Property(m => m.Region).HasMaxLength(100);
            e.HasMany(m => m.Populations).WithOne().HasForeignKey(p => p.MunicipalityCode);
        });
        b.Entity<MunicipalityPopulation>().HasKey(p => new { p.MunicipalityCode, p.Year });
    }
}
