using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Municipalities;

namespace Rammevaerk.NeedsSurveys;

/// <summary>
/// The EF configuration of needs surveys and their answers, called by name from <see cref="Data.AppDb"/>.
/// </summary>
public static class NeedsSurveysConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<NeedsSurvey>(e =>
        {
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.TargetGroup).HasMaxLength(200);
            e.Property(x => x.Question).HasMaxLength(4000);
            e.Property(x => x.Years).HasMaxLength(100);
            e.HasOne(x => x.PreviousSurvey).WithMany().HasForeignKey(x => x.PreviousSurveyId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(a => a.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<NeedsSurveyAnswer>(e =>
        {
            e.HasKey(x => new { x.SurveyId, x.MunicipalityCode, x.Year });
            e.Property(x => x.AnsweredBy).HasMaxLength(256);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
