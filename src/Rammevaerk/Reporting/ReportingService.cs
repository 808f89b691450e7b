using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Offers;
using Rammevaerk.Reporting.Validation;
using Rammevaerk.Shared;

namespace Rammevaerk.Reporting;

/// <summary>A user's mistake in a reporting action, in Danish, shown as it is.</summary>
public sealed class ReportingInputException(string message) : Exception(message);

/// <summary>
/// The annual reporting round: open it, pre-fill each operator's report from the register, save drafts, submit
/// with validation, approve into the register or send back, remind the late. Each method is one user action and
/// saves once; messages to users go through the notification outbox in the same transaction.
/// </summary>
public sealed class ReportingService(AppDb db, OfferRegister register, Notifications.Notifier notifier, IConfiguration config, UserManager<AppUser> users, TimeProvider clock)
{
    public string Region => Hosting.SiteOptions.Of(config).Region;

    /// <summary>The operator a signed-in user reports for: their own operator, or their municipality's.</summary>
    public async Task<int?> OperatorOfAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.Municipality)) return null;
        var id = users.GetUserId(user);
        var u = await db.Users.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.OperatorId, x.MunicipalityCode }).SingleOrDefaultAsync(ct);
        if (u is null) return null;
        if (u.OperatorId is { } op) return op;
        if (u.MunicipalityCode is { } code) return await db.Operators.Where(o => o.MunicipalityCode == code).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        return null;
    }

    /// <summary>
    /// Tells everyone who reports for the operator, by the rule of <see cref="OperatorOfAsync"/>: users linked to the
    /// operator, and municipality users linked only to the operator's municipality. Adds to the context; the caller saves.
    /// </summary>
    private async Task NotifyReportersAsync(int operatorId, string subject, string text, string link, string topic, CancellationToken ct)
    {
        var code = await db.Operators.Where(o => o.Id == operatorId).Select(o => o.MunicipalityCode).SingleOrDefaultAsync(ct);
        var ids = await db.Users.Where(u => u.OperatorId == operatorId).Select(u => u.Id).ToListAsync(ct);
        if (code is { } c)
        {
            var municipalityRole = db.Roles.Where(r => r.Name == Roles.Municipality).Select(r => r.Id);
            ids.AddRange(await db.Users
                .Where(u => u.OperatorId == null && u.MunicipalityCode == c && db.UserRoles.Any(ur => ur.UserId == u.Id && municipalityRole.Contains(ur.RoleId)))
                .Select(u => u.Id).ToListAsync(ct));
        }
        if (ids.Count > 0) await notifier.NotifyUsersAsync(ids, subject, text, link, topic, ct);
    }

    /// <summary>The operators that report in this region's rounds: its municipalities and the region.</summary>
    public IQueryable<Operator> ReportingOperators() =>
        db.Operators.Where(o => o.Region == Region && o.Kind != OperatorKind.Private);

    public async Task<ReportingRound> OpenRoundAsync(int year, DateOnly deadline, string? instructions, decimal threshold, string user, CancellationToken ct = default)
    {
        var thisYear = Danish.TodayOf(clock).Year;
        if (year < 2000 || year > thisYear + 2) throw new ReportingInputException($"Året skal ligge mellem 2000 og {thisYear + 2}.");
        if (threshold is <= 0 or > 100) throw new ReportingInputException("Grænsen for takstændringer skal være mellem 0 og 100 %.");
        if (deadline < Danish.DateOf(clock)) throw new ReportingInputException("Fristen ligger i fortiden. Vælg en dato fra i dag og frem.");
        if (await db.ReportingRounds.AnyAsync(r => r.Region == Region && r.Year == year, ct))
        {
            throw new ReportingInputException($"Der findes allerede en indberetningsrunde for {year}.");
        }
        var round = new ReportingRound
        {
            Region = Region, Year = year, Deadline = deadline, Instructions = string.IsNullOrWhiteSpace(instructions) ? null : instructions.Trim(),
            RateChangeThresholdPercent = threshold, State = RoundState.Open, OpenedAt = clock.GetUtcNow().UtcDateTime, OpenedBy = user,
        };
        foreach (var op in await ReportingOperators().OrderBy(o => o.Name).ToListAsync(ct))
        {
            round.Reports.Add(new OperatorReport { OperatorId = op.Id, State = ReportState.NotStarted, ContentJson = "[]" });
        }
        // The reports need their ids for the links in the messages: two saves, one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ReportingRounds.Add(round);
        await db.SaveChangesAsync(ct);
        foreach (var report in round.Reports)
        {
            await NotifyReportersAsync(report.OperatorId,
                $"Årlig indberetning {year} er åben",
                $"Sekretariatet har åbnet den årlige indberetning af tilbud for {year}. Fristen er {deadline.ToString("d. MMMM yyyy", Danish.Culture)}.",
                $"/indberetning/rapport/{report.Id}", $"Indberetning {year} åbnet", ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return round;
    }

    /// <summary>
    /// The offers of a report: what was saved, or, before the operator has saved anything, the register's current
    /// offers pre-filled for the round's year (rates kept, to be confirmed or corrected).
    /// </summary>
    public async Task<List<OfferSnapshot>> ContentAsync(OperatorReport report, ReportingRound round, CancellationToken ct = default)
    {
        if (report.State != ReportState.NotStarted) return Parse(report.ContentJson);
        var current = await register.CurrentForOperatorAsync(report.OperatorId, ct);
        return current.Where(o => o.Status != OfferStatus.Closed).Select(o => PreFill(o, round.Year)).ToList();
    }

    public static OfferSnapshot PreFill(OfferSnapshot o, int year) => o with
    {
        Year = year,
        Departments = o.Departments.Select(d => d with
        {
            Services = d.Services.Select(s => s with { RateYear = s.Rate is null ? s.RateYear : year, RateChangeReason = null, Comment = null }).ToList(),
        }).ToList(),
    };

    public static List<OfferSnapshot> Parse(string json) =>
        string.IsNullOrWhiteSpace(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<OfferSnapshot>>(json, OfferSnapshot.Json) ?? [];

    public static string Serialize(IReadOnlyList<OfferSnapshot> offers) => System.Text.Json.JsonSerializer.Serialize(offers, OfferSnapshot.Json);

    public async Task<ValidationContext> ContextAsync(ReportingRound round, CancellationToken ct = default)
    {
        var bases = await db.LegalBases.Where(l => l.Active).ToDictionaryAsync(l => l.Code, l => l.Scope, StringComparer.OrdinalIgnoreCase, ct);
        var groups = await db.TargetGroups.Where(t => t.Active).ToDictionaryAsync(t => t.Name, t => t.Scope, StringComparer.OrdinalIgnoreCase, ct);
        var municipalities = await db.Municipalities.ToDictionaryAsync(m => m.Code, m => m.Name, ct);
        var lastYear = (await register.ForYearAsync(round.Region, round.Year - 1, ct))
            .Where(o => o.OfferId is not null).ToDictionary(o => o.OfferId!.Value);
        return new ValidationContext(bases, groups, municipalities, round.Year, round.RateChangeThresholdPercent, lastYear);
    }

    public sealed record SaveResult(bool Saved, bool Submitted, List<ReportIssue> Issues);

    /// <summary>The operator's own offers, departments and services in the register: the ids its report may carry.</summary>
    public async Task<OwnedOffers> OwnedAsync(int operatorId, CancellationToken ct = default)
    {
        var name = await db.Operators.Where(o => o.Id == operatorId).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? "";
        var offers = db.Offers.Where(o => o.OperatorId == operatorId);
        var offerIds = await offers.Select(o => o.Id).ToListAsync(ct);
        var departments = await db.OfferDepartments.Where(d => offers.Any(o => o.Id == d.OfferId)).Select(d => new { d.OfferId, d.Id }).ToListAsync(ct);
        var services = await db.OfferServices.Where(s => db.OfferDepartments.Any(d => d.Id == s.DepartmentId && offers.Any(o => o.Id == d.OfferId)))
            .Select(s => new { s.DepartmentId, s.Id }).ToListAsync(ct);
        var offerOf = departments.ToDictionary(d => d.Id, d => d.OfferId);
        return new OwnedOffers(name,
        [
            .. offerIds.Select(o => (o, (int?)null, (int?)null)),
            .. departments.Select(d => (d.OfferId, (int?)d.Id, (int?)null)),
            .. services.Select(x => (offerOf[x.DepartmentId], (int?)x.DepartmentId, (int?)x.Id)),
        ]);
    }

    /// <summary>
    /// Saves the operator's offers as a draft, or submits them. A draft is kept whatever the validation says (the
    /// issues are shown); a submit with an error or an unanswered warning saves nothing and returns the issues.
    /// </summary>
    public async Task<SaveResult> SaveAsync(OperatorReport report, ReportingRound round, List<OfferSnapshot> offers, ReportSource source, bool submit, string user, CancellationToken ct = default)
    {
        EnsureEditable(report, round);
        // The operator reports its own offers only: an id from elsewhere (a tampered form or workbook) saves nothing,
        // not even a draft, and is never turned into a new offer.
        var owned = await OwnedAsync(report.OperatorId, ct);
        var context = await ContextAsync(round, ct);
        if (owned.Check(offers, context.Municipalities.Keys.ToList()) is { Count: > 0 } foreign) return new SaveResult(false, false, foreign);
        // Text longer than its field cannot be stored, not even in a draft.
        if (ReportValidator.TooLong(offers) is { Count: > 0 } tooLong) return new SaveResult(false, false, tooLong);
        offers = offers.Select(o => o with { OperatorId = report.OperatorId, OperatorName = owned.OperatorName, Year = round.Year }).ToList();
        var issues = ReportValidator.Validate(offers, context);
        if (submit && issues.Any(i => i.Blocks)) return new SaveResult(false, false, issues);

        var now = clock.GetUtcNow().UtcDateTime;
        report.ContentJson = Serialize(offers);
        report.LastSource = source;
        report.UpdatedAt = now;
        report.UpdatedBy = user;
        report.ConcurrencyStamp = Guid.NewGuid();
        if (submit)
        {
            report.State = ReportState.Submitted;
            report.SubmittedAt = now;
            report.SubmittedBy = user;
        }
        else if (report.State is ReportState.NotStarted)
        {
            report.State = ReportState.Draft;
        }
        await db.SaveChangesAsync(ct);
        return new SaveResult(true, submit, issues);
    }

    private static void EnsureEditable(OperatorReport report, ReportingRound round)
    {
        if (round.State == RoundState.Closed) throw new ReportingInputException($"Indberetningsrunden for {round.Year} er lukket.");
        if (report.State == ReportState.Submitted) throw new ReportingInputException("Indberetningen er indsendt og venter på sekretariatet. Den kan ikke ændres, før sekretariatet har sendt den retur.");
        if (report.State == ReportState.Approved) throw new ReportingInputException("Indberetningen er godkendt og kan ikke ændres.");
    }

    /// <summary>Approves a submitted report: every offer in it is written to the register for the round's year.</summary>
    /// <summary>The longest comment the secretariat can send with an approval or a return.</summary>
    public const int MaxCommentLength = 4000;

    private static void CheckComment(string? comment)
    {
        if (comment?.Trim().Length > MaxCommentLength)
        {
            throw new ReportingInputException(Danish.TooLong("Kommentaren", MaxCommentLength, comment.Trim().Length) + " Forkort den, og prøv igen.");
        }
    }

    public async Task ApproveAsync(OperatorReport report, ReportingRound round, string? comment, string user, CancellationToken ct = default)
    {
        if (report.State != ReportState.Submitted) throw new ReportingInputException("Kun en indsendt indberetning kan godkendes.");
        CheckComment(comment);
        var offers = Parse(report.ContentJson);
        // The register may have changed since the report was sent (an offer moved to another operator): check again.
        var issues = (await OwnedAsync(report.OperatorId, ct)).Check(offers);
        issues.AddRange(ReportValidator.Validate(offers, await ContextAsync(round, ct)));
        if (issues.FirstOrDefault(i => i.Severity == IssueSeverity.Error) is { } error)
        {
            throw new ReportingInputException($"Indberetningen kan ikke godkendes, fordi den ikke længere består valideringen: {error.Message} Send den retur til kommunen.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var offer in offers)
        {
            await register.ApplyAsync(offer, round.Year, $"Indberetning {round.Year} godkendt", user, now, ct);
        }
        report.State = ReportState.Approved;
        report.DecidedAt = now;
        report.DecidedBy = user;
        report.SecretariatComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        report.ConcurrencyStamp = Guid.NewGuid();
        await NotifyReportersAsync(report.OperatorId, $"Indberetning {round.Year} er godkendt",
            $"Sekretariatet har godkendt jeres indberetning for {round.Year}." + (report.SecretariatComment is { } c ? $" Bemærkning: {c}" : ""),
            $"/indberetning/rapport/{report.Id}", $"Indberetning {round.Year} godkendt", ct);
        await register.SaveAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task ReturnAsync(OperatorReport report, ReportingRound round, string? comment, string user, CancellationToken ct = default)
    {
        if (report.State != ReportState.Submitted) throw new ReportingInputException("Kun en indsendt indberetning kan sendes retur.");
        if (string.IsNullOrWhiteSpace(comment)) throw new ReportingInputException("Skriv en kommentar til kommunen om, hvad der skal rettes.");
        CheckComment(comment);
        report.State = ReportState.Returned;
        report.DecidedAt = clock.GetUtcNow().UtcDateTime;
        report.DecidedBy = user;
        report.SecretariatComment = comment.Trim();
        report.ConcurrencyStamp = Guid.NewGuid();
        await NotifyReportersAsync(report.OperatorId, $"Indberetning {round.Year} er sendt retur",
            $"Sekretariatet har sendt jeres indberetning for {round.Year} retur med denne kommentar: {report.SecretariatComment}",
            $"/indberetning/rapport/{report.Id}", $"Indberetning {round.Year} sendt retur", ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Reminds every operator that has not submitted; returns how many were reminded.</summary>
    public async Task<int> RemindAsync(ReportingRound round, string user, CancellationToken ct = default)
    {
        if (round.State == RoundState.Closed) throw new ReportingInputException($"Indberetningsrunden for {round.Year} er lukket.");
        var late = await db.OperatorReports.Where(r => r.RoundId == round.Id && (r.State == ReportState.NotStarted || r.State == ReportState.Draft || r.State == ReportState.Returned)).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var report in late)
        {
            report.LastRemindedAt = now;
            report.Reminders++;
            await NotifyReportersAsync(report.OperatorId, $"Påmindelse: årlig indberetning {round.Year}",
                $"Vi mangler jeres indberetning af tilbud for {round.Year}. Fristen er {round.Deadline.ToString("d. MMMM yyyy", Danish.Culture)}.",
                $"/indberetning/rapport/{report.Id}", $"Påmindelse om indberetning {round.Year}", ct);
        }
        await db.SaveChangesAsync(ct);
        return late.Count;
    }

    public async Task CloseRoundAsync(ReportingRound round, CancellationToken ct = default)
    {
        round.State = RoundState.Closed;
        round.ClosedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    public static string StateName(ReportState s) => s switch
    {
        ReportState.NotStarted => "Ikke påbegyndt",
        ReportState.Draft => "Kladde",
        ReportState.Submitted => "Indsendt",
        ReportState.Returned => "Sendt retur",
        ReportState.Approved => "Godkendt",
        _ => s.ToString(),
    };

    /// <summary>Submitted or approved: the operator has reported.</summary>
    public static bool HasReported(ReportState s) => s is ReportState.Submitted or ReportState.Approved;
}
