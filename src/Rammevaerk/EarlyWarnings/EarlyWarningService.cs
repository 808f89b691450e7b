using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Economics;
using Rammevaerk.Meetings;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;
using Rammevaerk.Reporting;
using Rammevaerk.Shared;

namespace Rammevaerk.EarlyWarnings;

/// <summary>A user's mistake in an early-warning action, in Danish, shown as it is.</summary>
public sealed class EarlyWarningInputException(string message) : Exception(message);

/// <summary>
/// Early warnings of rate changes beyond price and wage indexing (seed 001 item 9): a selling municipality files a
/// warning on one of its offers and its buyers are told at once; the secretariat runs the yearly round (May/June),
/// sees who has answered, reminds the rest, and puts the summary on the forum's agenda. Each method is one user
/// action; notifications are added through <see cref="Notifier"/> and saved in the action's transaction.
/// </summary>
public sealed class EarlyWarningService(AppDb db, ReportingService reporting, Notifier notifier, MeetingLifecycle lifecycle, TimeProvider clock)
{
    public string Region => reporting.Region;

    public const string AgendaTitlePrefix = "Early warning – forventede takstændringer";

    public static string StateName(WarningState s) => s switch
    {
        WarningState.Expected => "Forventet",
        WarningState.PoliticallyDecided => "Politisk besluttet",
        WarningState.Withdrawn => "Trukket tilbage",
        _ => s.ToString(),
    };

    /// <summary>"+4,5 %", "+150 kr.", "+4,5 % (+150 kr.)".</summary>
    public static string ChangeText(decimal? percent, decimal? amount)
    {
        static string Signed(decimal v, int decimals) => (v > 0 ? "+" : "") + Danish.Number(v, decimals);
        var parts = new List<string>();
        if (percent is decimal p) parts.Add(Signed(p, p == decimal.Truncate(p) ? 0 : p * 10 == decimal.Truncate(p * 10) ? 1 : 2) + " %");
        if (amount is decimal a) parts.Add(Signed(a, a == decimal.Truncate(a) ? 0 : 2) + " kr.");
        return parts.Count == 2 ? $"{parts[0]} ({parts[1]})" : parts.Count == 1 ? parts[0] : "–";
    }

    public static string DateText(DateOnly d) => d.ToString("d. MMMM yyyy", Danish.Culture);

    // --- Offers, services and buyers ------------------------------------------------------------------------------

    public sealed record ServiceChoice(int Id, string Name, string LegalBases, decimal? Rate, RateUnit? Unit);
    public sealed record OfferChoice(int Id, string Name, List<ServiceChoice> Services);

    /// <summary>The operator's offers in the register (closed ones left out) with their services, in name order.</summary>
    public async Task<List<OfferChoice>> OfferChoicesAsync(int operatorId, CancellationToken ct = default)
    {
        var offers = await db.Offers.AsNoTracking().AsSplitQuery()
            .Where(o => o.OperatorId == operatorId && o.Status != OfferStatus.Closed)
            .Include(o => o.Departments).ThenInclude(d => d.Services).ThenInclude(s => s.LegalBases)
            .ToListAsync(ct);
        return offers.OrderBy(o => o.Name, StringComparer.Create(Danish.Culture, true))
            .Select(o => new OfferChoice(o.Id, o.Name, o.Departments.OrderBy(d => d.SortOrder)
                .SelectMany(d => d.Services.OrderBy(s => s.SortOrder).Select(s => new ServiceChoice(s.Id,
                    o.Departments.Count > 1 ? $"{d.Name}: {s.Name}" : s.Name,
                    string.Join(", ", s.LegalBases.OrderBy(l => l.SortOrder).Select(l => l.Code)), s.Rate, s.RateUnit)))
                .ToList()))
            .ToList();
    }

    public sealed record Buyer(int Code, string Name, int Citizens);

    /// <summary>
    /// The buying municipalities of offers (<see cref="OfferBuyer"/> rows, as last reported), by offer id, in name
    /// order. The operator's own municipality is left out: it files the warning and needs no warning itself.
    /// </summary>
    public async Task<Dictionary<int, List<Buyer>>> BuyersAsync(IEnumerable<int> offerIds, CancellationToken ct = default)
    {
        var ids = offerIds.Distinct().ToList();
        var rows = await (from b in db.Set<OfferBuyer>()
                          join o in db.Offers on b.OfferId equals o.Id
                          join m in db.Municipalities on b.MunicipalityCode equals m.Code
                          where ids.Contains(b.OfferId) && o.Operator!.MunicipalityCode != b.MunicipalityCode
                          select new { b.OfferId, b.MunicipalityCode, m.Name, b.Citizens }).ToListAsync(ct);
        var comparer = StringComparer.Create(Danish.Culture, true);
        return ids.ToDictionary(id => id, id => rows.Where(r => r.OfferId == id)
            .Select(r => new Buyer(r.MunicipalityCode, r.Name, r.Citizens)).OrderBy(b => b.Name, comparer).ToList());
    }

    /// <summary>
    /// The users who read for the buying municipalities: municipality users of the municipality, and users linked
    /// to the municipality's operator.
    /// </summary>
    private async Task<List<string>> BuyerUserIdsAsync(IReadOnlyCollection<int> codes, CancellationToken ct)
    {
        if (codes.Count == 0) return [];
        var operatorIds = db.Operators.Where(o => o.MunicipalityCode != null && codes.Contains(o.MunicipalityCode.Value)).Select(o => o.Id);
        var municipalityRole = db.Roles.Where(r => r.Name == Roles.Municipality).Select(r => r.Id);
        return await db.Users
            .Where(u => (u.MunicipalityCode != null && codes.Contains(u.MunicipalityCode.Value)) || (u.OperatorId != null && operatorIds.Contains(u.OperatorId.Value)))
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && municipalityRole.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>Everyone who reports for the operator, by the rule of <see cref="ReportingService.OperatorOfAsync"/>.</summary>
    private async Task<List<string>> ReporterIdsAsync(int operatorId, CancellationToken ct)
    {
        var code = await db.Operators.Where(o => o.Id == operatorId).Select(o => o.MunicipalityCode).SingleOrDefaultAsync(ct);
        var municipalityRole = db.Roles.Where(r => r.Name == Roles.Municipality).Select(r => r.Id);
        return await db.Users
            .Where(u => u.OperatorId == operatorId || (code != null && u.OperatorId == null && u.MunicipalityCode == code))
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && municipalityRole.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    // --- Filing and changing a warning ----------------------------------------------------------------------------

    /// <summary>The region's open round, if any.</summary>
    public Task<WarningRound?> OpenRoundAsync(CancellationToken ct = default) =>
        db.WarningRounds.Where(r => r.Region == Region && r.State == WarningRoundState.Open).OrderByDescending(r => r.Year).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Files a new warning for the operator and notifies the offer's buyers, in one transaction. While a round is
    /// open the warning belongs to it and counts as the operator's answer. The caller has checked that the offer
    /// (and service) is the operator's. Returns the warning and how many users were notified.
    /// </summary>
    public async Task<(RateWarning Warning, int Notified)> FileAsync(int operatorId, WarningInput.Parsed input, string user, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var round = await OpenRoundAsync(ct);
        var warning = new RateWarning
        {
            OperatorId = operatorId, OfferId = input.OfferId!.Value, ServiceId = input.ServiceId,
            ChangePercent = input.ChangePercent, ChangeAmount = input.ChangeAmount, Reason = input.Reason,
            ExpectedFrom = input.ExpectedFrom!.Value, State = input.State!.Value, RoundId = round?.Id,
            CreatedAt = now, CreatedBy = user, UpdatedAt = now, UpdatedBy = user,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.RateWarnings.Add(warning);
        if (round is not null)
        {
            var answer = await db.WarningRoundAnswers.SingleOrDefaultAsync(a => a.RoundId == round.Id && a.OperatorId == operatorId, ct);
            if (answer is null) db.WarningRoundAnswers.Add(new WarningRoundAnswer { RoundId = round.Id, OperatorId = operatorId, NothingToWarn = false, AnsweredAt = now, AnsweredBy = user });
            else if (answer.NothingToWarn) { answer.NothingToWarn = false; answer.AnsweredAt = now; answer.AnsweredBy = user; }
        }
        await db.SaveChangesAsync(ct); // the warning's id, for the link
        var notified = await NotifyBuyersAsync(warning, filed: true, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (warning, notified);
    }

    /// <summary>
    /// Saves the operator's changes to a warning (the stamp it was read with guards against a lost update); a change
    /// of state notifies the buyers. Throws <see cref="DbUpdateConcurrencyException"/> when someone saved in between.
    /// </summary>
    public async Task<int> UpdateAsync(RateWarning warning, WarningInput.Parsed input, Guid stamp, string user, CancellationToken ct = default)
    {
        var stateChanged = warning.State != input.State;
        db.Entry(warning).Property(w => w.ConcurrencyStamp).OriginalValue = stamp;
        warning.OfferId = input.OfferId!.Value;
        warning.ServiceId = input.ServiceId;
        warning.ChangePercent = input.ChangePercent;
        warning.ChangeAmount = input.ChangeAmount;
        warning.Reason = input.Reason;
        warning.ExpectedFrom = input.ExpectedFrom!.Value;
        warning.State = input.State!.Value;
        warning.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        warning.UpdatedBy = user;
        warning.ConcurrencyStamp = Guid.NewGuid();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var notified = stateChanged ? await NotifyBuyersAsync(warning, filed: false, ct) : 0;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return notified;
    }

    private async Task<int> NotifyBuyersAsync(RateWarning w, bool filed, CancellationToken ct)
    {
        var offer = await db.Offers.Where(o => o.Id == w.OfferId).Select(o => new { o.Name, Operator = o.Operator!.Name }).SingleAsync(ct);
        var buyers = (await BuyersAsync([w.OfferId], ct))[w.OfferId];
        var ids = await BuyerUserIdsAsync(buyers.Select(b => b.Code).ToList(), ct);
        if (ids.Count == 0) return 0;
        var service = w.ServiceId is int sid ? await db.Set<OfferService>().Where(s => s.Id == sid).Select(s => s.Name).SingleOrDefaultAsync(ct) : null;
        var what = service is null ? offer.Name : $"{offer.Name} ({service})";
        var subject = filed ? $"Early warning: forventet takstændring på {offer.Name}" : $"Early warning på {offer.Name}: {StateName(w.State).ToLowerInvariant()}";
        var text = filed
            ? $"{offer.Operator} varsler en takstændring ud over pris- og lønfremskrivningen på {what}: {ChangeText(w.ChangePercent, w.ChangeAmount)} fra {DateText(w.ExpectedFrom)} ({StateName(w.State).ToLowerInvariant()}). I får besked, fordi I har borgere i tilbuddet."
            : $"{offer.Operator} har ændret status for varslet om takstændring på {what} ({ChangeText(w.ChangePercent, w.ChangeAmount)} fra {DateText(w.ExpectedFrom)}) til: {StateName(w.State).ToLowerInvariant()}.";
        return await notifier.NotifyUsersAsync(ids, subject, text, $"/early-warning/{w.Id}", $"Early warning: {offer.Name}", ct);
    }

    // --- The yearly round -----------------------------------------------------------------------------------------

    public async Task<WarningRound> OpenRoundAsync(int year, DateOnly deadline, string? instructions, string user, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        if (year < 2000 || year > today.Year + 2) throw new EarlyWarningInputException($"Året skal ligge mellem 2000 og {today.Year + 2}.");
        if (deadline < today) throw new EarlyWarningInputException("Fristen ligger i fortiden. Vælg en dato fra i dag og frem.");
        if (instructions?.Trim().Length > 20_000) throw new EarlyWarningInputException("Vejledningen må højst være 20.000 tegn.");
        if (await db.WarningRounds.AnyAsync(r => r.Region == Region && r.Year == year, ct))
            throw new EarlyWarningInputException($"Der findes allerede en early warning-runde for {year}.");
        if (await db.WarningRounds.AnyAsync(r => r.Region == Region && r.State == WarningRoundState.Open, ct))
            throw new EarlyWarningInputException("Der er allerede en åben early warning-runde. Luk den, før en ny åbnes.");
        var round = new WarningRound
        {
            Region = Region, Year = year, Deadline = deadline, Instructions = string.IsNullOrWhiteSpace(instructions) ? null : instructions.Trim(),
            State = WarningRoundState.Open, OpenedAt = clock.GetUtcNow().UtcDateTime, OpenedBy = user,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.WarningRounds.Add(round);
        foreach (var op in await reporting.ReportingOperators().Select(o => o.Id).ToListAsync(ct))
        {
            var ids = await ReporterIdsAsync(op, ct);
            if (ids.Count == 0) continue;
            await notifier.NotifyUsersAsync(ids, $"Early warning {year}: meld forventede takstændringer",
                $"Sekretariatet har åbnet den årlige early warning-runde for {year}. Meld forventede takstændringer ud over pris- og lønfremskrivningen på jeres tilbud – eller svar med ét klik, at I ingen varsler har. Fristen er {DateText(deadline)}.",
                "/early-warning", $"Early warning {year} åbnet", ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return round;
    }

    /// <summary>The operator says it has nothing to warn in the open round (one click).</summary>
    public async Task AnswerNothingAsync(WarningRound round, int operatorId, string user, CancellationToken ct = default)
    {
        if (round.State != WarningRoundState.Open) throw new EarlyWarningInputException($"Early warning-runden for {round.Year} er lukket.");
        if (await db.RateWarnings.AnyAsync(w => w.RoundId == round.Id && w.OperatorId == operatorId && w.State != WarningState.Withdrawn, ct))
            throw new EarlyWarningInputException("I har allerede meldt et varsel i årets runde. Træk varslet tilbage, hvis I alligevel ikke forventer en takstændring.");
        var answer = await db.WarningRoundAnswers.SingleOrDefaultAsync(a => a.RoundId == round.Id && a.OperatorId == operatorId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (answer is null) db.WarningRoundAnswers.Add(new WarningRoundAnswer { RoundId = round.Id, OperatorId = operatorId, NothingToWarn = true, AnsweredAt = now, AnsweredBy = user });
        else { answer.NothingToWarn = true; answer.AnsweredAt = now; answer.AnsweredBy = user; }
        await db.SaveChangesAsync(ct);
    }

    public sealed record Completeness(int OperatorId, string Operator, bool Answered, bool NothingToWarn, int Warnings, DateTime? AnsweredAt);

    /// <summary>Every reporting operator of the region and its answer to the round, the missing ones first.</summary>
    public async Task<List<Completeness>> CompletenessAsync(WarningRound round, CancellationToken ct = default)
    {
        var operators = await reporting.ReportingOperators().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var answers = await db.WarningRoundAnswers.AsNoTracking().Where(a => a.RoundId == round.Id).ToDictionaryAsync(a => a.OperatorId, ct);
        var counts = await db.RateWarnings.Where(w => w.RoundId == round.Id).GroupBy(w => w.OperatorId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var comparer = StringComparer.Create(Danish.Culture, true);
        return operators.Select(o =>
            {
                var a = answers.GetValueOrDefault(o.Id);
                var n = counts.GetValueOrDefault(o.Id);
                return new Completeness(o.Id, o.Name, a is not null || n > 0, a?.NothingToWarn == true && n == 0, n, a?.AnsweredAt);
            })
            .OrderBy(c => c.Answered).ThenBy(c => c.Operator, comparer).ToList();
    }

    /// <summary>Reminds the operators that have not answered the round. Returns how many operators were reminded.</summary>
    public async Task<int> RemindAsync(WarningRound round, CancellationToken ct = default)
    {
        if (round.State != WarningRoundState.Open) throw new EarlyWarningInputException($"Early warning-runden for {round.Year} er lukket.");
        var missing = (await CompletenessAsync(round, ct)).Where(c => !c.Answered).ToList();
        var reminded = 0;
        foreach (var c in missing)
        {
            var ids = await ReporterIdsAsync(c.OperatorId, ct);
            if (ids.Count == 0) continue;
            await notifier.NotifyUsersAsync(ids, $"Påmindelse: early warning {round.Year}",
                $"{c.Operator} har endnu ikke svaret i early warning-runden for {round.Year}. Meld forventede takstændringer, eller svar med ét klik, at I ingen varsler har. Fristen er {DateText(round.Deadline)}.",
                "/early-warning", $"Påmindelse om early warning {round.Year}", ct);
            reminded++;
        }
        await db.SaveChangesAsync(ct);
        return reminded;
    }

    public async Task CloseRoundAsync(WarningRound round, CancellationToken ct = default)
    {
        round.State = WarningRoundState.Closed;
        await db.SaveChangesAsync(ct);
    }

    public sealed record SummaryRow(int WarningId, string Offer, int OfferId, string? Service, string Operator, decimal? ChangePercent, decimal? ChangeAmount,
        DateOnly ExpectedFrom, WarningState State, string Reason, List<Buyer> Buyers)
    {
        public string Change => ChangeText(ChangePercent, ChangeAmount);
        public string BuyerNames => Buyers.Count == 0 ? "–" : string.Join(", ", Buyers.Select(b => b.Name));
    }

    /// <summary>The round's warnings with their buyers, by operator and offer; withdrawn ones last.</summary>
    public async Task<List<SummaryRow>> SummaryAsync(WarningRound round, CancellationToken ct = default)
    {
        var rows = await db.RateWarnings.AsNoTracking().Where(w => w.RoundId == round.Id)
            .Select(w => new
            {
                w.Id, w.OfferId, Offer = w.Offer!.Name, Operator = w.Operator!.Name, w.ServiceId, w.ChangePercent, w.ChangeAmount, w.ExpectedFrom, w.State, w.Reason,
                Service = db.Set<OfferService>().Where(s => s.Id == w.ServiceId).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var buyers = await BuyersAsync(rows.Select(r => r.OfferId), ct);
        var comparer = StringComparer.Create(Danish.Culture, true);
        return rows.Select(r => new SummaryRow(r.Id, r.Offer, r.OfferId, r.Service, r.Operator, r.ChangePercent, r.ChangeAmount, r.ExpectedFrom, r.State, r.Reason, buyers[r.OfferId]))
            .OrderBy(r => r.State == WarningState.Withdrawn).ThenBy(r => r.Operator, comparer).ThenBy(r => r.Offer, comparer).ThenBy(r => r.ExpectedFrom).ToList();
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("*", "\\*").Replace("\r", " ").Replace("\n", " ");

    /// <summary>The summary as a Markdown table, for the agenda item's case presentation.</summary>
    public static string SummaryMarkdown(int year, IReadOnlyList<SummaryRow> rows, int answered, int operators)
    {
        var sb = new StringBuilder();
        sb.Append($"Sekretariatet har i early warning-runden for {year} spurgt kommunerne og regionen om forventede takstændringer ud over pris- og lønfremskrivningen. ");
        sb.Append($"{answered} af {operators} driftsherrer har svaret.");
        var active = rows.Where(r => r.State != WarningState.Withdrawn).ToList();
        if (active.Count == 0)
        {
            sb.Append(" Der er ikke meldt forventede takstændringer.\n");
            return sb.ToString();
        }
        sb.Append($" Der er meldt {active.Count} {(active.Count == 1 ? "forventet takstændring" : "forventede takstændringer")}:\n\n");
        sb.Append("| Tilbud | Driftsherre | Forventet ændring | Fra | Status | Berørte køberkommuner |\n");
        sb.Append("|:--|:--|--:|:--|:--|:--|\n");
        foreach (var r in active)
        {
            var offer = r.Service is null ? r.Offer : $"{r.Offer} ({r.Service})";
            sb.Append("| ").Append(Cell(offer)).Append(" | ").Append(Cell(r.Operator)).Append(" | ").Append(Cell(r.Change))
              .Append(" | ").Append(r.ExpectedFrom.ToString("dd.MM.yyyy", Danish.Culture)).Append(" | ").Append(StateName(r.State))
              .Append(" | ").Append(r.Buyers.Count).Append(r.Buyers.Count > 0 ? ": " + Cell(r.BuyerNames) : "").Append(" |\n");
        }
        return sb.ToString();
    }

    public const string Background =
        "Socialdirektørforum besluttede den 27. juni 2025 (punkt 9) at følge Økonomisk arbejdsgruppes anbefalinger om early warning: " +
        "En sælgerkommune orienterer de aktuelle køberkommuner hurtigst muligt om takstændringer ud over pris- og lønfremskrivningen, " +
        "og socialdirektørerne orienterer hinanden om ændringer, der forventes at komme. Orienteringerne er behæftet med usikkerhed, " +
        "da størrelsen på en justeret takst ofte endnu ikke er kendt, og der kan afventes en politisk beslutning i sælgerkommunen.\n\n" +
        "Kommunerne indberetter til sekretariatet i maj/juni jf. årshjulet, og sekretariatet laver en opsamling til Socialdirektørforum.";

    public const string Recommendation = "Det indstilles, at Socialdirektørforum tager orienteringen til efterretning.";

    /// <summary>
    /// Adds the item "Early warning – forventede takstændringer {year}" to the meeting with the background, the
    /// recommendation and the summary table (appended through <see cref="AgendaInsertion"/>), and links the round
    /// to it, in one transaction. Returns the item.
    /// </summary>
    public async Task<AgendaItem> CreateAgendaItemAsync(WarningRound round, int? meetingId, string? user, CancellationToken ct = default)
    {
        if (round.AgendaItemId is int existing && await db.AgendaItems.AnyAsync(i => i.Id == existing, ct))
            throw new EarlyWarningInputException("Opsamlingen er allerede sat på en dagsorden. Redigér punktet i stedet.");
        var placement = new AgendaPlacement(db);
        var (meeting, problem) = await placement.ChosenMeetingAsync(meetingId, ct);
        if (meeting is null) throw new EarlyWarningInputException(problem!);

        var rows = await SummaryAsync(round, ct);
        var completeness = await CompletenessAsync(round, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new AgendaItem
        {
            Title = $"{AgendaTitlePrefix} {round.Year}",
            Background = Background, Recommendation = Recommendation, UpdatedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await placement.PlaceAsync(meeting, item, ct);
        await db.SaveChangesAsync(ct); // the item's id; the version is recorded once, below
        var (inserted, insertProblem) = await new AgendaInsertion(db, lifecycle, clock).AppendAsync(item.Id, "opsamlingen",
            () => SummaryMarkdown(round.Year, rows, completeness.Count(c => c.Answered), completeness.Count),
            i => round.AgendaItemId = i.Id, user, $"Early warning {round.Year}", ct);
        if (inserted is null) throw new EarlyWarningInputException(insertProblem ?? "Punktet kunne ikke oprettes.");
        await tx.CommitAsync(ct);
        return inserted;
    }
}
