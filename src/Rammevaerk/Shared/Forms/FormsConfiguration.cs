using Microsoft.EntityFrameworkCore;

namespace Rammevaerk.Shared.Forms;

/// <summary>The EF configuration of the one-time form tokens, called by name from <see cref="Data.AppDb"/>.</summary>
public static class FormsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<FormSubmission>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(FormSubmission.KeyLength);
            e.Property(x => x.Handler).HasMaxLength(FormSubmission.HandlerLength);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.ResultUrl).HasMaxLength(FormSubmission.UrlLength);
            e.HasIndex(x => x.SubmittedAt);
        });
    }
}
