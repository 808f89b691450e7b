using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Import;

/// <summary>EF configuration of the import's tables and of the import's columns on meetings and items.</summary>
public static class ImportConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Meeting>(e =>
        {
            e.Property(x => x.ImportPreamble).HasMaxLength(Limits.Text);
            e.Property(x => x.ImportSource).HasMaxLength(1000);
        });
        b.Entity<ImportBatch>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasMany(x => x.Files).WithOne(f => f.Batch).HasForeignKey(f => f.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImportFile>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.ClaimedBy).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.BodyName).HasMaxLength(200);
            e.HasIndex(x => new { x.State, x.ClaimedUntil });
            e.HasIndex(x => new { x.BatchId, x.Order });
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Bodies.Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.SetNull);
            e.Ignore(x => x.IsFinished);
        });
        b.Entity<ImportQuestion>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.Answer).HasMaxLength(2000);
            e.Property(x => x.ResolvedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.MeetingId, x.ResolvedAt });
            e.HasOne(x => x.Meeting).WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
