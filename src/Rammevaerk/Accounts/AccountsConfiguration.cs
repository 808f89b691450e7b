using Microsoft.EntityFrameworkCore;
using Rammevaerk.Municipalities;
using Rammevaerk.Offers;

namespace Rammevaerk.Accounts;

/// <summary>
/// The EF configuration of users, their sessions, one-time tokens and sign-in rules, called by name from <see
/// cref="Data.AppDb"/>.
/// </summary>
public static class AccountsConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<UserSession>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.EndReason).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.EndedBy).HasMaxLength(256);
            e.Property(x => x.Method).HasMaxLength(UserSession.MethodLength);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.Property(x => x.UserAgent).HasMaxLength(UserSession.UserAgentLength);
            e.HasIndex(x => new { x.UserId, x.EndedAt });
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AccountToken>(e =>
        {
            e.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.UserId, x.Purpose });
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SignInThrottle>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(80);
        });
        b.Entity<RoleSignInRule>(e =>
        {
            e.HasKey(x => x.Role);
            e.Property(x => x.Role).HasMaxLength(50);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
        });
        b.Entity<ProviderSignInRule>(e =>
        {
            e.HasKey(x => x.Provider);
            e.Property(x => x.Provider).HasMaxLength(50);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
        });
        b.Entity<AppUser>(e =>
        {
            e.HasOne<Operator>().WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.SetNull);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.SetNull);
            e.Property(x => x.DisabledBy).HasMaxLength(256);
        });
    }
}
