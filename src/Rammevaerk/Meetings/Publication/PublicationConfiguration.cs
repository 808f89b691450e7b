using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Publication;

/// <summary>The publication workflow's part of the model, called by name from <see cref="AppDb"/>.</summary>
public static class PublicationConfiguration
{
    public const int CommentLength = 4000;

    // The query filters: a removed item or attachment is gone from the working copy. Declared once, for the model built
    // here and for the compiled models (Data/CompiledModels/QueryFilters.cs), which cannot generate filters.
    public static readonly Expression<Func<AgendaItem, bool>> NotRemovedItem = i => i.RemovedAt == null;
    public static readonly Expression<Func<Attachment, bool>> NotRemovedAttachment = a => a.RemovedAt == null;

    public static void Configure(ModelBuilder b)
    {
        // A published item or attachment removed from the working copy stays as a row (its version still shows it, and
        // its file is still the archive's); the working copy never sees it again.
        b.Entity<AgendaItem>(e =>
        {
            if (!EF.IsDesignTime) e.HasQueryFilter(NotRemovedItem);
            e.HasIndex(x => new { x.MeetingId, x.Number }).IsUnique().HasFilter("\"RemovedAt\" IS NULL");
        });
        if (!EF.IsDesignTime) b.Entity<Attachment>().HasQueryFilter(NotRemovedAttachment);
        b.Entity<Meeting>(e =>
        {
            e.Property(x => x.WithdrawnBy).HasMaxLength(256);
            e.Property(x => x.WithdrawnReason).HasMaxLength(1000);
            e.HasOne(x => x.Public).WithOne().HasForeignKey<PublicMeeting>(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MeetingVersion>(e =>
        {
            e.Property(x => x.Confirmation).HasMaxLength(2000);
            e.Property(x => x.ConfirmedWarnings).HasMaxLength(Limits.Text);
        });
        b.Entity<AttachmentScan>(e =>
        {
            e.HasKey(x => x.AttachmentId);
            e.HasOne<Attachment>().WithOne(a => a.Scan).HasForeignKey<AttachmentScan>(x => x.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PublicMeeting>(e =>
        {
            e.HasKey(x => x.MeetingId);
        });
        b.Entity<PublishedItem>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Decision).HasMaxLength(Limits.Text);
            e.HasIndex(x => x.MeetingId);
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PublishedAttachment>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.HasIndex(x => x.MeetingId);
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PublicFinding>(e =>
        {
            e.Property(x => x.ItemTitle).HasMaxLength(Limits.Title);
            e.Property(x => x.AttachmentName).HasMaxLength(300);
            e.Property(x => x.Message).HasMaxLength(2000);
            e.Property(x => x.Excerpt).HasMaxLength(2000);
            e.HasIndex(x => x.MeetingId);
            e.HasOne(x => x.Meeting).WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(x => x.Place);
            e.Ignore(x => x.Detail);
        });
        b.Entity<DraftMinutes>(e =>
        {
            e.Property(x => x.SentBy).HasMaxLength(256);
            e.Property(x => x.Message).HasMaxLength(CommentLength);
            e.HasIndex(x => new { x.MeetingId, x.Round }).IsUnique();
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Comments).WithOne().HasForeignKey(c => c.DraftMinutesId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DraftComment>(e =>
        {
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.AuthorName).HasMaxLength(256);
            e.Property(x => x.Text).HasMaxLength(CommentLength);
            e.HasIndex(x => x.MeetingId);
        });

    }
}
