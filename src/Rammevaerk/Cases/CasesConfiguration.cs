using Microsoft.EntityFrameworkCore;
using Rammevaerk.Meetings;

namespace Rammevaerk.Cases;

/// <summary>
/// The EF configuration of cases and their steps outside Rammeværk, called by name from <see cref="Data.AppDb"/>.
/// </summary>
public static class CasesConfiguration
{
    public const int TitleLength = 300;
    public const int BodyLength = 200;
    public const int LinkLength = 1000;
    public const int TextLength = 4000;

    public static void Configure(ModelBuilder b)
    {
        b.Entity<Case>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(TitleLength);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasMany(x => x.Items).WithOne(i => i.Case).HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.OutsideSteps).WithOne(s => s.Case).HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OutsideStep>(e =>
        {
            e.Property(x => x.Body).HasMaxLength(BodyLength);
            e.Property(x => x.Asked).HasMaxLength(TextLength);
            e.Property(x => x.Outcome).HasMaxLength(TextLength);
            e.Property(x => x.Link).HasMaxLength(LinkLength);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne<AgendaItem>().WithMany().HasForeignKey(x => x.SentFromItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => x.CaseId);
        });
    }
}
