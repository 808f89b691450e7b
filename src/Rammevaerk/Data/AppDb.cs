using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Rammevaerk.Accounts;
using Rammevaerk.Cases;
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
using Rammevaerk.Meetings.Import;
using Rammevaerk.Meetings.Publication;
using Rammevaerk.Municipalities;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;
using Rammevaerk.Publishing;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Publishing.Subscriptions;
using Rammevaerk.Reporting;
using Rammevaerk.Search;
using Rammevaerk.Shared.Forms;

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

    // Each process configures its part of the model next to its classes (<Process>/<Process>Configuration.cs).
    // Publication comes after Meetings: it refines the agenda items (the query filter on removed items and the
    // agenda-number index that skips them).
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        MunicipalitiesConfiguration.Configure(b);
        BodiesConfiguration.Configure(b);
        MeetingsConfiguration.Configure(b);
        ImportConfiguration.Configure(b);
        PublicationConfiguration.Configure(b);
        CasesConfiguration.Configure(b);
        PublishingConfiguration.Configure(b);
        SearchConfiguration.Configure(b);
        EconomicsConfiguration.Configure(b);
        OffersConfiguration.Configure(b);
        ReportingConfiguration.Configure(b);
        CapacityConfiguration.Configure(b);
        EarlyWarningsConfiguration.Configure(b);
        FollowUpsConfiguration.Configure(b);
        AnnualCycleConfiguration.Configure(b);
        NeedsSurveysConfiguration.Configure(b);
        CentralAnnouncementsConfiguration.Configure(b);
        AppointmentsConfiguration.Configure(b);
        StatisticsConfiguration.Configure(b);
        NotificationsConfiguration.Configure(b);
        AccountsConfiguration.Configure(b);
        HostingConfiguration.Configure(b);
        FormsConfiguration.Configure(b);
    }

    internal sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
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
