using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.FollowUps;

/// <summary>The EF configuration of follow-ups and letters, called by name from <see cref="Data.AppDb"/>.</summary>
public static class FollowUpsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<FollowUp>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Description).HasMaxLength(20_000);
            e.Property(x => x.DoneNote).HasMaxLength(4000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.BodyId, x.State });
            e.HasOne(x => x.SourceItem).WithMany().HasForeignKey(x => x.SourceItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.PlacedOnItem).WithMany().HasForeignKey(x => x.PlacedOnItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.OwnerBody).WithMany().HasForeignKey(x => x.OwnerBodyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.OwnerPerson).WithMany().HasForeignKey(x => x.OwnerPersonId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Letter>(e =>
        {
            e.Property(x => x.Recipient).HasMaxLength(300);
            e.Property(x => x.Subject).HasMaxLength(Limits.Title);
            e.Property(x => x.AnswerText).HasMaxLength(20_000);
            e.Property(x => x.AnswerFileName).HasMaxLength(300);
            e.Property(x => x.AnswerContentType).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasOne(x => x.FollowUp).WithMany().HasForeignKey(x => x.FollowUpId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.SourceItem).WithMany().HasForeignKey(x => x.SourceItemId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
