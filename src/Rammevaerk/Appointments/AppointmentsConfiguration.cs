using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies;

namespace Rammevaerk.Appointments;

/// <summary>The EF configuration of appointments, called by name from <see cref="Data.AppDb"/>.</summary>
public static class AppointmentsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Appointment>(e =>
        {
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Forum).HasMaxLength(300);
            e.Property(x => x.PersonName).HasMaxLength(200);
            e.Property(x => x.Organisation).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.DecidedItem).WithMany().HasForeignKey(x => x.DecidedItemId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
