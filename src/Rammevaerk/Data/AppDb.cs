using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Rammevaerk.Accounts;
using Rammevaerk.Bodies;
using Rammevaerk.AnnualCycle;
using Rammevaerk.Appointments;
using Rammevaerk.Capacity;
using Rammevaerk.CentralAnnouncements;
using Rammevaerk.FollowUps;
using Rammevaerk.Hosting;
using Rammevaerk.NeedsSurveys;
using Rammevaerk.Statistics;
using Rammevaerk.EarlyWarnings;
using Rammevaerk.Economics;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Publication;
using Rammevaerk.Municipalities;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Publishing.Subscriptions;
using Rammevaerk.Reporting;
using Rammevaerk.Search;

namespace Rammevaerk.Data;

/// <summary>
/// The one DbContext. Two thin subclasses (<see cref="SqliteAppDb"/>, <see cref="PostgresAppDb"/>) exist only
/// so that each provider has its own migration set; the application always asks for <see cref="AppDb"/>.
/// </summary>
public abstract class AppDb(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring, shared by every node (Hosting/DataProtectionSetup.cs).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PublicChange> PublicChanges => Set<PublicChange>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<MunicipalityPopulation> MunicipalityPopulations => Set<MunicipalityPopulation>();
    public DbSet<Body> Bodies => Set<Body>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<ItemGuest> ItemGuests => Set<ItemGuest>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<MeetingVersion> MeetingVersions => Set<MeetingVersion>();
    public DbSet<ItemTemplate> ItemTemplates => Set<ItemTemplate>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();
    public DbSet<SearchItem> SearchItems => Set<SearchItem>();
    public DbSet<RenderedPdf> RenderedPdfs => Set<RenderedPdf>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<AllocationParticipant> AllocationParticipants => Set<AllocationParticipant>();
    public DbSet<PriceWageIndexYear> PriceWageIndex => Set<PriceWageIndexYear>();
    public DbSet<SavedCalculation> SavedCalculations => Set<SavedCalculation>();
    public DbSet<Operator> Operators => Set<Operator>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<OfferDepartment> OfferDepartments => Set<OfferDepartment>();
    public DbSet<OfferService> OfferServices => Set<OfferService>();
    public DbSet<OfferBuyer> OfferBuyers => Set<OfferBuyer>();
    public DbSet<OfferRevision> OfferRevisions => Set<OfferRevision>();
    public DbSet<LegalBasis> LegalBases => Set<LegalBasis>();
    public DbSet<TargetGroup> TargetGroups => Set<TargetGroup>();
    public DbSet<ReportingRound> ReportingRounds => Set<ReportingRound>();
    public DbSet<OperatorReport> OperatorReports => Set<OperatorReport>();
    public DbSet<OccupancyRecord> OccupancyRecords => Set<OccupancyRecord>();
    public DbSet<RegionSettings> RegionSettings => Set<RegionSettings>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<CapacityNotice> CapacityNotices => Set<CapacityNotice>();
    public DbSet<CapacityNoticeLine> CapacityNoticeLines => Set<CapacityNoticeLine>();
    public DbSet<CapacityNoticeAttachment> CapacityNoticeAttachments => Set<CapacityNoticeAttachment>();
    public DbSet<RateWarning> RateWarnings => Set<RateWarning>();
    public DbSet<WarningRound> WarningRounds => Set<WarningRound>();
    public DbSet<WarningRoundAnswer> WarningRoundAnswers => Set<WarningRoundAnswer>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<Letter> Letters => Set<Letter>();
    public DbSet<RecurringItem> RecurringItems => Set<RecurringItem>();
    public DbSet<NeedsSurvey> NeedsSurveys => Set<NeedsSurvey>();
    public DbSet<NeedsSurveyAnswer> NeedsSurveyAnswers => Set<NeedsSurveyAnswer>();
    public DbSet<CentralAnnouncement> CentralAnnouncements => Set<CentralAnnouncement>();
    public DbSet<AnnouncementDeadline> AnnouncementDeadlines => Set<AnnouncementDeadline>();
    public DbSet<AnnouncementRepresentative> AnnouncementRepresentatives => Set<AnnouncementRepresentative>();
    public DbSet<AnnouncementFile> AnnouncementFiles => Set<AnnouncementFile>();
    public DbSet<AnnouncementItemLink> AnnouncementItemLinks => Set<AnnouncementItemLink>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<DatasetValue> DatasetValues => Set<DatasetValue>();
    public DbSet<AttachmentScan> AttachmentScans => Set<AttachmentScan>();
    public DbSet<PublicMeeting> PublicMeetings => Set<PublicMeeting>();
    public DbSet<PublishedItem> PublishedItems => Set<PublishedItem>();
    public DbSet<PublishedAttachment> PublishedAttachments => Set<PublishedAttachment>();
    public DbSet<PublicFinding> PublicFindings => Set<PublicFinding>();
    public DbSet<DraftMinutes> DraftMinutes => Set<DraftMinutes>();
    public DbSet<DraftComment> DraftComments => Set<DraftComment>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<PdfRenderJob> PdfRenderJobs => Set<PdfRenderJob>();
    public DbSet<Shared.Forms.FormSubmission> FormSubmissions => Set<Shared.Forms.FormSubmission>();
    public DbSet<Rammevaerk.Meetings.Import.ImportBatch> ImportBatches => Set<Rammevaerk.Meetings.Import.ImportBatch>();
    public DbSet<Rammevaerk.Meetings.Import.ImportFile> ImportFiles => Set<Rammevaerk.Meetings.Import.ImportFile>();
    public DbSet<Rammevaerk.Meetings.Import.ImportQuestion> ImportQuestions => Set<Rammevaerk.Meetings.Import.ImportQuestion>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<RoleSignInRule> RoleSignInRules => Set<RoleSignInRule>();
    public DbSet<ProviderSignInRule> ProviderSignInRules => Set<ProviderSignInRule>();
    public DbSet<Rammevaerk.Cases.Case> Cases => Set<Rammevaerk.Cases.Case>();
    public DbSet<Rammevaerk.Cases.OutsideStep> OutsideSteps => Set<Rammevaerk.Cases.OutsideStep>();

    // The security log is append-only (Notifications/AuditLog.cs); a new item opens its own case (Cases/Case.cs).
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(AppendOnlyAuditLog.Instance, Rammevaerk.Cases.CaseForNewItems.Instance);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC; SQLite hands DateTime back unspecified, so say what it is.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        Rammevaerk.Meetings.Import.ImportModel.Configure(b);
        Rammevaerk.Cases.CaseConfiguration.Configure(b);

        b.Entity<Municipality>(e =>
        {
            e.HasKey(m => m.Code);
            e.Property(m => m.Code).ValueGeneratedNever();
            e.Property(m => m.Name).HasMaxLength(100);
            e.Property(m => m.Region).HasMaxLength(100);
            e.HasMany(m => m.Populations).WithOne().HasForeignKey(p => p.MunicipalityCode);
        });
        b.Entity<MunicipalityPopulation>().HasKey(p => new { p.MunicipalityCode, p.Year });

        b.Entity<Body>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ShortName).HasMaxLength(20);
            e.Property(x => x.Slug).HasMaxLength(100);
            e.HasIndex(x => x.Slug).IsUnique();
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<Person>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasOne(x => x.Municipality).WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<Membership>(e =>
        {
            e.HasOne(x => x.Person).WithMany(p => p.Memberships).HasForeignKey(x => x.PersonId);
            e.HasOne(x => x.Body).WithMany(p => p.Memberships).HasForeignKey(x => x.BodyId);
        });

        b.Entity<Meeting>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Location).HasMaxLength(300);
            e.Property(x => x.ImportKey).HasMaxLength(200);
            e.Property(x => x.ImportReport).HasMaxLength(Limits.Text);
            e.HasIndex(x => x.ImportKey).IsUnique();
            e.HasIndex(x => new { x.BodyId, x.StartsAt });
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Items).WithOne(i => i.Meeting).HasForeignKey(i => i.MeetingId);
            e.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.MeetingId);
            e.Ignore(x => x.PublishedAt);
            e.Ignore(x => x.IsPublished);
        });
        b.Entity<AgendaItem>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            foreach (var text in new[] { nameof(AgendaItem.Intro), nameof(AgendaItem.Background), nameof(AgendaItem.Recommendation), nameof(AgendaItem.CasePresentation), nameof(AgendaItem.Decision), nameof(AgendaItem.ImportNotes) })
            {
                e.Property(text).HasMaxLength(Limits.Text);
            }
            e.HasIndex(x => new { x.MeetingId, x.Number }).IsUnique();
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasMany(x => x.Guests).WithOne().HasForeignKey(g => g.AgendaItemId);
            e.HasMany(x => x.Attachments).WithOne(a => a.AgendaItem).HasForeignKey(a => a.AgendaItemId);
        });
        b.Entity<ItemGuest>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(300);
            e.Property(x => x.TimeSlot).HasMaxLength(100);
        });
        b.Entity<Attachment>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasOne(x => x.Content).WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId);
        });
        b.Entity<AttachmentContent>(e =>
        {
            e.HasKey(x => x.AttachmentId);
        });
        b.Entity<MeetingVersion>(e =>
        {
            e.Property(x => x.Reason).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.MeetingId, x.Version }).IsUnique();
        });
        b.Entity<ItemTemplate>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Background).HasMaxLength(Limits.Text);
            e.Property(x => x.Recommendation).HasMaxLength(Limits.Text);
        });
        b.Entity<SearchEntry>(e =>
        {
            e.Property(x => x.ItemTitle).HasMaxLength(Limits.Title);
            e.HasIndex(x => x.MeetingId);
            // Search loads the entries of the items on a page.
            e.HasIndex(x => x.AgendaItemId);
            e.HasIndex(x => new { x.BodyId, x.Year });
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SearchItem>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.MeetingId);
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<RenderedPdf>(e =>
        {
            e.Property(x => x.CacheKey).HasMaxLength(200);
            e.HasIndex(x => x.CacheKey).IsUnique();
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Allocation>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Allocation.NameLength);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Amount).HasPrecision(18, 4);
            e.HasOne(x => x.DecidedItem).WithMany().HasForeignKey(x => x.DecidedItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.AllocationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AllocationParticipant>(e =>
        {
            e.HasKey(x => new { x.AllocationId, x.MunicipalityCode });
            e.Property(x => x.Weight).HasPrecision(18, 4);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PriceWageIndexYear>(e =>
        {
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
            e.Property(x => x.Percent).HasPrecision(9, 4);
            e.Property(x => x.Source).HasMaxLength(300);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
        });
        b.Entity<SavedCalculation>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Allocation.NameLength);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.InputsJson).HasMaxLength(Limits.Text);
            e.HasOne(x => x.DecidedItem).WithMany().HasForeignKey(x => x.DecidedItemId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<Operator>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Cvr).HasMaxLength(8);
            e.HasIndex(x => new { x.Region, x.Name }).IsUnique();
            e.HasIndex(x => x.MunicipalityCode).IsUnique();
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Offer>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Offer.NameLength);
            e.Property(x => x.Address).HasMaxLength(300);
            e.Property(x => x.PostalCode).HasMaxLength(10);
            e.Property(x => x.City).HasMaxLength(100);
            e.Property(x => x.PortalId).HasMaxLength(50);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasIndex(x => new { x.OperatorId, x.Name });
            e.HasOne(x => x.Operator).WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Departments).WithOne().HasForeignKey(d => d.OfferId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Revisions).WithOne().HasForeignKey(r => r.OfferId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OfferBuyer>(e =>
        {
            e.HasKey(x => new { x.OfferId, x.MunicipalityCode });
            e.HasOne<Offer>().WithMany(o => o.Buyers).HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<OfferDepartment>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Offer.NameLength);
            e.Property(x => x.PortalKey).HasMaxLength(50);
            e.HasMany(x => x.Services).WithOne().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OfferService>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Offer.NameLength);
            e.Property(x => x.Rate).HasPrecision(18, 2);
            e.Property(x => x.ServiceLevelHours).HasPrecision(9, 2);
            e.HasMany(x => x.LegalBases).WithMany().UsingEntity("OfferServiceLegalBasis");
            e.HasMany(x => x.TargetGroups).WithMany().UsingEntity("OfferServiceTargetGroup");
        });
        b.Entity<OfferRevision>(e =>
        {
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.SnapshotJson).HasMaxLength(Limits.Text);
            e.HasIndex(x => new { x.OfferId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.Year, x.OperatorId });
            e.HasIndex(x => x.ChangedAt);
        });
        b.Entity<LegalBasis>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(50);
            e.Property(x => x.Title).HasMaxLength(200);
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<TargetGroup>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.Name).IsUnique();
        });

        b.Entity<ReportingRound>(e =>
        {
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Instructions).HasMaxLength(20_000);
            e.Property(x => x.OpenedBy).HasMaxLength(256);
            e.Property(x => x.RateChangeThresholdPercent).HasPrecision(9, 2);
            e.HasIndex(x => new { x.Region, x.Year }).IsUnique();
            e.HasMany(x => x.Reports).WithOne(r => r.Round).HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OperatorReport>(e =>
        {
            e.Property(x => x.ContentJson).HasMaxLength(5_000_000);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.SecretariatComment).HasMaxLength(4000);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasIndex(x => new { x.RoundId, x.OperatorId }).IsUnique();
            e.HasOne(x => x.Operator).WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<OccupancyRecord>(e =>
        {
            e.Property(x => x.OccupiedDays).HasPrecision(12, 2);
            e.Property(x => x.ReportedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ServiceId, x.Year, x.Half }).IsUnique();
            e.HasOne<OfferService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<RegionSettings>(e =>
        {
            e.HasKey(x => x.Region);
            e.Property(x => x.Region).HasMaxLength(100);
        });

        b.Entity<OutboxMessage>(e =>
        {
            e.Property(x => x.To).HasMaxLength(256);
            e.Property(x => x.ToName).HasMaxLength(200);
            e.Property(x => x.Subject).HasMaxLength(300);
            e.Property(x => x.Body).HasMaxLength(Limits.Text);
            e.Property(x => x.Topic).HasMaxLength(200);
            e.Property(x => x.LastError).HasMaxLength(2000);
            e.Property(x => x.ClaimedBy).HasMaxLength(200);
            e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        });
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
        b.Entity<Notification>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.Link).HasMaxLength(500);
            e.HasIndex(x => new { x.UserId, x.ReadAt });
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(100);
            e.Property(x => x.Path).HasMaxLength(500);
            e.Property(x => x.Detail).HasMaxLength(2000);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.Action, x.At });
        });

        b.Entity<CapacityNotice>(e =>
        {
            e.Property(x => x.NewOfferName).HasMaxLength(Offer.NameLength);
            e.Property(x => x.TargetGroupText).HasMaxLength(500);
            foreach (var text in new[] { nameof(CapacityNotice.Reason), nameof(CapacityNotice.Consequences), nameof(CapacityNotice.Process) })
            {
                e.Property(text).HasMaxLength(20_000);
            }
            e.Property(x => x.OwnUsePercent).HasPrecision(5, 2);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.ResponseNote).HasMaxLength(4000);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasIndex(x => x.State);
            e.HasOne(x => x.Operator).WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Offer).WithMany().HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.AgendaItem).WithMany().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.NoticeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.NoticeId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CapacityNoticeLine>(e =>
        {
            e.Property(x => x.ServiceName).HasMaxLength(Offer.NameLength);
            e.Property(x => x.LegalBasesBefore).HasMaxLength(200);
            e.Property(x => x.LegalBasesAfter).HasMaxLength(200);
            e.Property(x => x.TargetGroups).HasMaxLength(500);
            e.Property(x => x.RateAfter).HasPrecision(18, 2);
            e.Property(x => x.ServiceLevelHoursAfter).HasPrecision(9, 2);
        });
        b.Entity<CapacityNoticeAttachment>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });
        b.Entity<RateWarning>(e =>
        {
            e.Property(x => x.ChangePercent).HasPrecision(9, 2);
            e.Property(x => x.ChangeAmount).HasPrecision(18, 2);
            e.Property(x => x.Reason).HasMaxLength(4000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne(x => x.Operator).WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Offer).WithMany().HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<OfferService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<WarningRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<WarningRound>(e =>
        {
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Instructions).HasMaxLength(20_000);
            e.Property(x => x.OpenedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.Region, x.Year }).IsUnique();
            e.HasOne(x => x.AgendaItem).WithMany().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<WarningRoundAnswer>(e =>
        {
            e.HasKey(x => new { x.RoundId, x.OperatorId });
            e.Property(x => x.AnsweredBy).HasMaxLength(256);
            e.HasOne<Operator>().WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Restrict);
        });

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
        b.Entity<RecurringItem>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Background).HasMaxLength(20_000);
            e.Property(x => x.Recommendation).HasMaxLength(20_000);
            e.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
        });
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
        b.Entity<CentralAnnouncement>(e =>
        {
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.TargetGroup).HasMaxLength(300);
            e.Property(x => x.Request).HasMaxLength(20_000);
            e.Property(x => x.SteeringGroup).HasMaxLength(1000);
            e.HasMany(x => x.Deadlines).WithOne().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Representatives).WithOne().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Files).WithOne().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Items).WithOne().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AnnouncementDeadline>(e => e.Property(x => x.Note).HasMaxLength(1000));
        b.Entity<AnnouncementRepresentative>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Organisation).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(200);
        });
        b.Entity<AnnouncementFile>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });
        b.Entity<AnnouncementItemLink>(e =>
        {
            e.HasKey(x => new { x.AnnouncementId, x.AgendaItemId });
            e.HasOne<AgendaItem>().WithMany().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        });
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
        b.Entity<Dataset>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Limits.Title);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Source).HasMaxLength(500);
            e.Property(x => x.MeasureName).HasMaxLength(100);
            e.Property(x => x.Dimension1).HasMaxLength(100);
            e.Property(x => x.Dimension2).HasMaxLength(100);
            e.Property(x => x.Dimension3).HasMaxLength(100);
            e.HasOne(x => x.DecidedItem).WithMany().HasForeignKey(x => x.DecidedItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Values).WithOne().HasForeignKey(v => v.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DatasetValue>(e =>
        {
            e.Property(x => x.Key1).HasMaxLength(200);
            e.Property(x => x.Key2).HasMaxLength(200);
            e.Property(x => x.Key3).HasMaxLength(200);
            e.Property(x => x.Value).HasPrecision(18, 4);
            e.HasIndex(x => new { x.DatasetId, x.Key1, x.Key2, x.Key3 }).IsUnique();
        });

        b.Entity<AppUser>(e =>
        {
            e.HasOne<Operator>().WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.SetNull);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.SetNull);
        });

        PublicationModel.Configure(b);
        Shared.Forms.FormSubmission.Configure(b);
        AccountsModel.Configure(b);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>Field lengths shared by the model, the forms and the messages.</summary>
public static class Limits
{
    public const int Title = 300;
    public const int Text = 200_000;
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options);
