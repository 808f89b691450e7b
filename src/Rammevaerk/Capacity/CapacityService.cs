using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;
using Rammevaerk.Reporting;
using Rammevaerk.Shared;

namespace Rammevaerk.Capacity;

/// <summary>A file the user uploaded with the notice form.</summary>
public sealed record NoticeUpload(string FileName, byte[] Bytes);

/// <summary>
/// Capacity change notices (bilag 4): a municipality files and submits them, everyone they concern is told, the
/// secretariat bundles the pending ones into one agenda item and records the forum's response. Each method is one
/// user action and saves once, in one transaction; messages go through the notifier in the same transaction.
/// </summary>
public sealed class CapacityService(
    AppDb db, ReportingService reporting, OfferRegister register, Notifier notifier, MeetingLifecycle lifecycle,
    IConfiguration config, TimeProvider clock, IOptions<AttachmentOptions> attachmentOptions)
{
    public const string AgendaTitle = "Samlet sag vedr. ændringer i kapacitet jf. bilag 4 i styringsaftalen";
    /// <summary>Notice attachments: pdf, docx and xlsx (not slides), at most 10 MB or the attachment limit if lower.</summary>
    public static readonly string[] AllowedExtensions = [".pdf", ".docx", ".xlsx"];
    public long MaxAttachmentBytes => Math.Min(attachmentOptions.Value.MaxBytes, 10L * 1024 * 1024);

    public string Region => Hosting.SiteOptions.Of(config).Region;

    public Task<int?> OperatorOfAsync(ClaimsPrincipal user, CancellationToken ct = default) => reporting.OperatorOfAsync(user, ct);

    /// <summary>The operator's offers in the register that are not closed, as snapshots, in name order.</summary>
    public async Task<List<OfferSnapshot>> OffersOfAsync(int operatorId, CancellationToken ct = default) =>
        (await register.CurrentForOperatorAsync(operatorId, ct)).Where(o => o.Status != OfferStatus.Closed).ToList();

    public IQueryable<CapacityNotice> Notices() => db.CapacityNotices
        .Include(n => n.Operator).Include(n => n.Offer).Include(n => n.Lines).Include(n => n.AgendaItem).ThenInclude(i => i!.Meeting).ThenInclude(m => m.Body)
        .AsSplitQuery();

    public Task<CapacityNotice?> LoadAsync(int id, CancellationToken ct = default) =>
        Notices().Include(n => n.Attachments).SingleOrDefaultAsync(n => n.Id == id, ct);

    // --- Filing ----------------------------------------------------------------------------------------------------

    public sealed record SaveOutcome(CapacityNotice? Notice, List<FieldProblem> Problems, string? Tampering, bool Stale = false)
    {
        public bool Saved => Notice is not null;
    }

    /// <summary>
    /// Checks the form against the operator's register and the rules of bilag 4. Returns the problems, or a
    /// description of the tampering when the form names another operator's offer or service (403, nothing saved).
    /// </summary>
    public async Task<(List<FieldProblem> Problems, string? Tampering, Offer? Offer)> ValidateAsync(int operatorId, NoticeForm form, bool submit, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        Offer? offer = null;
        if (form.OfferId is int offerId)
        {
            offer = await db.Offers.AsNoTracking().Include(o => o.Operator)
                .Include(o => o.Departments).ThenInclude(d => d.Services)
                .SingleOrDefaultAsync(o => o.Id == offerId, ct);
            if (offer is null) problems.Add(new("Form_OfferId", "Tilbud: det valgte tilbud findes ikke i registret."));
            else if (offer.OperatorId != operatorId)
                return (problems, $"Kapacitetsændring forsøgt indgivet på tilbud {offer.Id} ({offer.Name}, {offer.Operator?.Name}) af en bruger fra driftsherre {operatorId}", offer);
        }
        var services = offer?.Departments.SelectMany(d => d.Services).ToDictionary(s => s.Id) ?? [];
        foreach (var line in form.Lines.Where(l => l.ServiceId is not null))
        {
            if (!services.ContainsKey(line.ServiceId!.Value))
                return (problems, $"Kapacitetsændring med ydelse {line.ServiceId}, som ikke hører til tilbud {form.OfferId?.ToString() ?? "(nyt)"} hos driftsherre {operatorId}", offer);
        }

        if (offer is null && form.OfferId is null && string.IsNullOrWhiteSpace(form.NewOfferName))
            problems.Add(new("Form_OfferId", "Tilbud: vælg et af jeres tilbud, eller skriv navnet på et nyt tilbud."));
        if (form.NewOfferName is { Length: > Offer.NameLength })
            problems.Add(new("Form_NewOfferName", $"Nyt tilbuds navn må højst være {Offer.NameLength} tegn."));
        if (form.Kind is not CapacityChangeKind kind || !Enum.IsDefined(kind))
        {
            problems.Add(new("Form_Kind", "Art af ændring: vælg oprettelse, lukning, udvidelse, reduktion eller omlægning."));
            kind = CapacityChangeKind.Opening;
        }
        else if (form.OfferId is null && kind != CapacityChangeKind.Opening)
        {
            problems.Add(new("Form_OfferId", $"Tilbud: en {KindName(kind).ToLowerInvariant()} skal gælde et tilbud i registret. Vælg tilbuddet på listen."));
        }
        if (string.IsNullOrWhiteSpace(form.Reason)) problems.Add(new("Form_Reason", "Begrundelse for ændringen: skriv, hvorfor kapaciteten ændres."));
        foreach (var (text, label, field) in new[] { (form.Reason, "Begrundelse", "Form_Reason"), (form.Consequences, "Konsekvenser", "Form_Consequences"), (form.Process, "Proces og orientering", "Form_Process") })
        {
            if (text is { Length: > 20_000 }) problems.Add(new(field, $"{label} må højst være 20.000 tegn."));
        }
        if (form.TargetGroupText is { Length: > 500 }) problems.Add(new("Form_TargetGroupText", "Målgruppe må højst være 500 tegn."));

        var date = NoticeForm.Date(form.EffectiveDate, "Tidspunkt for ændringen", problems, "Form_EffectiveDate");
        var today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        if (submit && date is null && string.IsNullOrWhiteSpace(form.EffectiveDate))
            problems.Add(new("Form_EffectiveDate", "Tidspunkt for ændringen: angiv datoen, hvor ændringen træder i kraft."));
        if (submit && date is { } d && d < today)
            problems.Add(new("Form_EffectiveDate", $"Tidspunkt for ændringen: {d.ToString("d. MMMM yyyy", Danish.Culture)} ligger i fortiden. Angiv en dato fra i dag og frem."));
        var own = NoticeForm.Dec(form.OwnUsePercent, "Egen anvendelse (%)", problems, "Form_OwnUsePercent");
        if (own is < 0 or > 100) problems.Add(new("Form_OwnUsePercent", "Egen anvendelse (%) skal være mellem 0 og 100."));

        var bases = await db.LegalBases.Select(l => l.Code).ToListAsync(ct);
        var lines = form.Lines.Where(l => !l.IsBlank).ToList();
        if (submit && lines.Count == 0) problems.Add(new("Form_Lines", "Pladser: angiv mindst én ydelse med pladser før og efter."));
        for (var i = 0; i < form.Lines.Count; i++)
        {
            var l = form.Lines[i];
            if (l.IsBlank) continue;
            var f = $"Form_Lines_{i}__";
            var name = string.IsNullOrWhiteSpace(l.ServiceName) ? $"linje {i + 1}" : l.ServiceName.Trim() is { Length: > 60 } longName ? longName[..60] + "…" : l.ServiceName.Trim();
            var where = $"Ydelse \"{name}\"";
            if (string.IsNullOrWhiteSpace(l.ServiceName)) problems.Add(new(f + "ServiceName", $"Linje {i + 1}: skriv ydelsens navn."));
            foreach (var (text, label, field, max) in new[]
                     {
                         (l.ServiceName, "Ydelse", "ServiceName", Offer.NameLength), (l.LegalBasesBefore, "Paragraf før", "LegalBasesBefore", 200),
                         (l.LegalBasesAfter, "Paragraf efter", "LegalBasesAfter", 200), (l.TargetGroups, "Målgrupper", "TargetGroups", 500),
                     })
            {
                if (text?.Trim().Length > max) problems.Add(new(f + field, $"Linje {i + 1}: {label} må højst være {max:N0} tegn (der står {text.Trim().Length:N0})."));
            }
            var before = NoticeForm.Int(l.PlacesBefore, $"{where}: Pladser før", problems, f + "PlacesBefore") ?? 0;
            var after = NoticeForm.Int(l.PlacesAfter, $"{where}: Pladser efter", problems, f + "PlacesAfter") ?? 0;
            if (before < 0) problems.Add(new(f + "PlacesBefore", $"{where}: Pladser før kan ikke være negativ."));
            if (after < 0) problems.Add(new(f + "PlacesAfter", $"{where}: Pladser efter kan ikke være negativ."));
            NoticeForm.Dec(l.RateAfter, $"{where}: Takst efter (kr.)", problems, f + "RateAfter");
            NoticeForm.Dec(l.ServiceLevelHoursAfter, $"{where}: Serviceniveau (timer pr. døgn)", problems, f + "ServiceLevelHoursAfter");
            if (kind is CapacityChangeKind.Closing && after > 0)
                problems.Add(new(f + "PlacesAfter", $"{where}: ved en lukning skal Pladser efter være 0 (der står {after})."));
            if (kind is CapacityChangeKind.Closing or CapacityChangeKind.Reduction && after > before)
                problems.Add(new(f + "PlacesAfter", $"{where}: Pladser efter ({after}) må ikke være flere end Pladser før ({before}) ved en {KindName(kind).ToLowerInvariant()}."));
            if (kind is CapacityChangeKind.Closing or CapacityChangeKind.Reduction && l.ServiceId is int sid && services.TryGetValue(sid, out var service))
            {
                if (after > service.Places)
                    problems.Add(new(f + "PlacesAfter", $"{where}: Pladser efter ({after}) er flere end de {service.Places} pladser, tilbudsregistret har. Det er ikke muligt ved en {KindName(kind).ToLowerInvariant()}."));
                if (before > service.Places)
                    problems.Add(new(f + "PlacesBefore", $"{where}: Pladser før ({before}) er flere end de {service.Places} pladser, tilbudsregistret har."));
            }
            if (kind is CapacityChangeKind.Expansion or CapacityChangeKind.Opening && after < before)
                problems.Add(new(f + "PlacesAfter", $"{where}: Pladser efter ({after}) er færre end før ({before}). Vælg reduktion eller lukning som art af ændring."));
            if (kind is CapacityChangeKind.Conversion)
            {
                if (string.IsNullOrWhiteSpace(l.LegalBasesBefore)) problems.Add(new(f + "LegalBasesBefore", $"{where}: en omlægning skal have Paragraf før."));
                if (string.IsNullOrWhiteSpace(l.LegalBasesAfter)) problems.Add(new(f + "LegalBasesAfter", $"{where}: en omlægning skal have Paragraf efter."));
            }
            foreach (var (text, label, field) in new[] { (l.LegalBasesBefore, "Paragraf før", "LegalBasesBefore"), (l.LegalBasesAfter, "Paragraf efter", "LegalBasesAfter") })
            {
                foreach (var code in NoticeForm.Codes(text).Where(c => !bases.Contains(c, StringComparer.OrdinalIgnoreCase)))
                    problems.Add(new(f + field, $"{where}: {label} '{code}' står ikke på listen over paragraffer (fx SEL § 107, ABL § 105, BL § 43)."));
            }
        }
        return (problems, null, offer);
    }

    /// <summary>
    /// Saves the notice as a draft, or submits it (then everyone it concerns is told). <paramref name="notice"/> is
    /// null for a new one. Nothing is saved when a problem is found.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(CapacityNotice? notice, int operatorId, NoticeForm form, Guid? stamp, bool submit,
        IReadOnlyList<NoticeUpload> uploads, string? user, CancellationToken ct = default)
    {
        var (problems, tampering, offer) = await ValidateAsync(operatorId, form, submit, ct);
        if (tampering is not null) return new SaveOutcome(null, problems, tampering);
        var files = new List<(NoticeUpload File, AttachmentInspector.Result Kind)>();
        foreach (var u in uploads)
        {
            var result = InspectUpload(u);
            if (!result.Ok) problems.Add(new("Uploads", "Bilag: " + result.Error));
            else files.Add((u, result));
        }
        if (problems.Count > 0) return new SaveOutcome(null, problems, null);

        var now = clock.GetUtcNow().UtcDateTime;
        if (notice is null)
        {
            notice = new CapacityNotice { OperatorId = operatorId, CreatedAt = now, CreatedBy = user, State = NoticeState.Draft };
            db.CapacityNotices.Add(notice);
        }
        else
        {
            db.Entry(notice).Property(n => n.ConcurrencyStamp).OriginalValue = stamp ?? Guid.Empty;
        }
        var ignore = new List<FieldProblem>();
        notice.OfferId = offer?.Id;
        notice.NewOfferName = offer is null ? form.NewOfferName?.Trim() : null;
        notice.Kind = form.Kind!.Value;
        notice.TargetGroupText = Blank(form.TargetGroupText);
        notice.Reason = Blank(form.Reason);
        notice.Consequences = Blank(form.Consequences);
        notice.Process = Blank(form.Process);
        notice.EffectiveDate = NoticeForm.Date(form.EffectiveDate, "", ignore, "");
        notice.OwnUsePercent = NoticeForm.Dec(form.OwnUsePercent, "", ignore, "");
        notice.UpdatedAt = now;
        notice.ConcurrencyStamp = Guid.NewGuid();
        notice.Lines.Clear();
        var order = 0;
        foreach (var l in form.Lines.Where(l => !l.IsBlank))
        {
            var rate = NoticeForm.Dec(l.RateAfter, "", ignore, "");
            notice.Lines.Add(new CapacityNoticeLine
            {
                ServiceId = l.ServiceId, ServiceName = Cut(l.ServiceName!.Trim(), Offer.NameLength),
                LegalBasesBefore = Blank(l.LegalBasesBefore), LegalBasesAfter = Blank(l.LegalBasesAfter), TargetGroups = Blank(l.TargetGroups),
                PlacesBefore = NoticeForm.Int(l.PlacesBefore, "", ignore, "") ?? 0, PlacesAfter = NoticeForm.Int(l.PlacesAfter, "", ignore, "") ?? 0,
                RateAfter = rate, RateUnitAfter = rate is null ? null : RateUnit.PerDay,
                ServiceLevelHoursAfter = NoticeForm.Dec(l.ServiceLevelHoursAfter, "", ignore, ""), SortOrder = order++,
            });
        }
        foreach (var (file, kind) in files)
        {
            notice.Attachments.Add(new CapacityNoticeAttachment
            {
                FileName = Cut(Path.GetFileName(file.FileName), 300), ContentType = kind.ContentType, Size = file.Bytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Bytes)), Content = file.Bytes, UploadedAt = now,
            });
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            if (submit)
            {
                notice.State = NoticeState.Submitted;
                notice.SubmittedAt = now;
                notice.SubmittedBy = user;
                await NotifySubmittedAsync(notice, ct);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            return new SaveOutcome(null, [new("", "Orienteringen er ændret af en anden, mens du redigerede. Dine indtastninger står stadig i felterne; kontrollér dem og gem igen.")], null, Stale: true);
        }
        return new SaveOutcome(notice, [], null);
    }

    public AttachmentInspector.Result InspectUpload(NoticeUpload u)
    {
        var ext = Path.GetExtension(u.FileName);
        if (!AllowedExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
            return new AttachmentInspector.Result(false, $"Filen '{Path.GetFileName(u.FileName)}' har typen '{(ext.Length == 0 ? "(ingen)" : ext)}'. Bilag skal være pdf, docx eller xlsx.");
        return AttachmentInspector.Inspect(u.FileName, u.Bytes, MaxAttachmentBytes);
    }

    /// <summary>Removes an attachment from a draft.</summary>
    public async Task RemoveAttachmentAsync(CapacityNotice notice, int attachmentId, CancellationToken ct = default)
    {
        var a = notice.Attachments.SingleOrDefault(x => x.Id == attachmentId);
        if (a is null) return;
        notice.Attachments.Remove(a);
        notice.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The users told when a notice is submitted: the municipality users of every municipality of the region and of
    /// every buying municipality of the offer (from the register's buyers and the last revision's), in or outside the
    /// region, except the filing municipality's own.
    /// </summary>
    public async Task<List<string>> RecipientsAsync(CapacityNotice notice, CancellationToken ct = default)
    {
        var filing = await db.Operators.AsNoTracking().SingleAsync(o => o.Id == notice.OperatorId, ct);
        var regionOperators = await db.Operators.Where(o => o.Region == Region && o.Kind == OperatorKind.Municipality)
            .Select(o => new { o.Id, o.MunicipalityCode }).ToListAsync(ct);
        var codes = regionOperators.Where(o => o.MunicipalityCode is not null).Select(o => o.MunicipalityCode!.Value).ToHashSet();
        if (notice.OfferId is int offerId)
        {
            codes.UnionWith(await db.OfferBuyers.Where(b => b.OfferId == offerId).Select(b => b.MunicipalityCode).ToListAsync(ct));
            var last = await db.OfferRevisions.Where(r => r.OfferId == offerId).OrderByDescending(r => r.Number).Select(r => r.SnapshotJson).FirstOrDefaultAsync(ct);
            if (last is not null) codes.UnionWith(OfferSnapshot.FromJson(last).Buyers.Select(b => b.MunicipalityCode));
        }
        if (filing.MunicipalityCode is int own) codes.Remove(own);
        var operatorIds = await db.Operators.Where(o => o.MunicipalityCode != null && codes.Contains(o.MunicipalityCode.Value) && o.Id != filing.Id)
            .Select(o => o.Id).ToListAsync(ct);
        var municipalityRole = db.Roles.Where(r => r.Name == Roles.Municipality).Select(r => r.Id);
        return await db.Users
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && municipalityRole.Contains(ur.RoleId)))
            .Where(u => u.OperatorId != filing.Id)
            .Where(u => (u.OperatorId != null && operatorIds.Contains(u.OperatorId.Value))
                || (u.OperatorId == null && u.MunicipalityCode != null && codes.Contains(u.MunicipalityCode.Value)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    private async Task NotifySubmittedAsync(CapacityNotice notice, CancellationToken ct)
    {
        var op = await db.Operators.AsNoTracking().SingleAsync(o => o.Id == notice.OperatorId, ct);
        var title = await TitleAsync(notice, ct);
        var when = notice.EffectiveDate is { } d ? $" Ændringen træder i kraft {d.ToString("d. MMMM yyyy", Danish.Culture)}." : "";
        var ids = await RecipientsAsync(notice, ct);
        if (ids.Count > 0)
        {
            await notifier.NotifyUsersAsync(ids, $"Orientering om ændring i kapacitet: {title}",
                $"{op.Name} orienterer om en ændring i kapacitet efter bilag 4 i styringsaftalen: {title}.{when} Socialdirektørforum beslutter, om der skal laves en høring eller en udtalelse.",
                $"/kapacitet/{notice.Id}", Topic(TopicSubmitted, notice.Id), ct);
        }
        await notifier.NotifyRoleAsync(Roles.Secretariat, $"Ny orientering om ændring i kapacitet fra {op.Name}",
            $"{op.Name} har indsendt en orientering om ændring i kapacitet: {title}. Den venter på at komme på Socialdirektørforums dagsorden.",
            $"/sekretariat/kapacitet/{notice.Id}", Topic(TopicSubmitted, notice.Id), ct);
    }

    private async Task<string> TitleAsync(CapacityNotice n, CancellationToken ct)
    {
        var op = n.Operator ?? await db.Operators.AsNoTracking().SingleAsync(o => o.Id == n.OperatorId, ct);
        var offer = n.OfferId is int id ? n.Offer?.Name ?? await db.Offers.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct) : null;
        return Title(n.Kind, offer ?? n.NewOfferName ?? "nyt tilbud", op.Name, n.OfferId is null);
    }

    // --- The secretariat: onto the agenda, the decision back ---------------------------------------------------------

    /// <summary>
    /// Creates one agenda item for the chosen meeting from the selected pending notices, links them to it and sets
    /// them on the agenda. Returns the item, or a Danish problem (nothing saved).
    /// </summary>
    public async Task<(AgendaItem? Item, string? Problem)> PutOnAgendaAsync(IReadOnlyCollection<int> noticeIds, int? meetingId, string? user, CancellationToken ct = default)
    {
        if (noticeIds.Count == 0) return (null, "Vælg de orienteringer, der skal på dagsordenen.");
        var placement = new AgendaPlacement(db);
        var (meeting, meetingProblem) = await placement.ChosenMeetingAsync(meetingId, ct);
        if (meeting is null) return (null, meetingProblem);
        var notices = await Notices().Where(n => noticeIds.Contains(n.Id)).ToListAsync(ct);
        if (notices.Count != noticeIds.Distinct().Count()) return (null, "En af de valgte orienteringer findes ikke.");
        var notPending = notices.Where(n => n.State != NoticeState.Submitted).ToList();
        if (notPending.Count > 0)
            return (null, $"Kun indsendte orienteringer kan sættes på en dagsorden; nr. {string.Join(", ", notPending.Select(n => n.Id))} er {string.Join(", ", notPending.Select(n => StateName(n.State).ToLowerInvariant()).Distinct())}.");
        notices = notices.OrderBy(n => n.Operator!.Name, StringComparer.Create(Danish.Culture, true)).ThenBy(n => n.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new AgendaItem
        {
            Title = AgendaTitle, UpdatedAt = now,
            Background = AgendaText.Background(notices), CasePresentation = AgendaText.CasePresentation(notices),
            Recommendation = AgendaText.Recommendation(notices),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await placement.PlaceAsync(meeting, item, ct);
            foreach (var n in notices)
            {
                n.AgendaItem = item;
                n.State = NoticeState.OnAgenda;
                n.UpdatedAt = now;
                n.ConcurrencyStamp = Guid.NewGuid();
            }
            await lifecycle.SaveChangeAsync(meeting, user, $"Punkt {item.Number} tilføjet: {item.Title}");
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return (null, "En af orienteringerne eller mødet blev ændret samtidig. Prøv igen.");
        }
        return (item, null);
    }

    /// <summary>
    /// Registers the forum's decision on a notice from the deciding item's Beslutning once the meeting has ended (the
    /// publication of the minutes does it by itself; this is for registering it before they are out). The response is
    /// read from the text; only when the text does not say is <paramref name="chosen"/> used. Written once: a decided
    /// notice is not registered again. Tells the filing municipality. Returns a Danish problem, or null.
    /// </summary>
    public async Task<string?> RecordResponseAsync(CapacityNotice notice, ForumResponse? chosen, Guid stamp, string? user, CancellationToken ct = default)
    {
        if (notice.State == NoticeState.Decided) return "Beslutningen er allerede registreret fra referatet.";
        if (notice.AgendaItem is not { } item || notice.State != NoticeState.OnAgenda)
            return "Orienteringen skal være sat på en dagsorden, før beslutningen kan registreres.";
        var meeting = item.Meeting;
        if ((meeting.EndsAt ?? meeting.StartsAt) > clock.GetUtcNow().UtcDateTime)
            return "Mødet er ikke holdt endnu. Beslutningen registreres fra punktets Beslutning efter mødet – aldrig før.";
        if (string.IsNullOrWhiteSpace(item.Decision))
            return $"Punkt {item.Number} har ingen beslutning endnu. Skriv den i punktets Beslutning; den registreres herfra eller, når referatet udgives.";
        if (chosen is ForumResponse c && !Enum.IsDefined(c)) return "Beslutning: vælg høring, udtalelse eller ingen af delene.";
        var response = await ReadResponseAsync(notice, ct) ?? chosen;
        if (response is null)
            return $"Beslutningen i punkt {item.Number} siger ikke, om Socialdirektørforum laver en høring eller en udtalelse om orienteringen. Vælg svaret herunder (eller skriv det i beslutningen).";
        db.Entry(notice).Property(n => n.ConcurrencyStamp).OriginalValue = stamp;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await RegisterFromMinutesAsync(notice, item.Decision, response, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            return "Orienteringen blev ændret af en anden samtidig. Indlæs siden igen og registrér beslutningen på ny.";
        }
        return null;
    }

    /// <summary>The response the deciding item's Beslutning states for this notice, or null when it does not say.</summary>
    public async Task<ForumResponse?> ReadResponseAsync(CapacityNotice notice, CancellationToken ct = default)
    {
        if (notice.AgendaItem?.Decision is not { } decision || notice.Operator is null) return null;
        var others = await db.CapacityNotices.AsNoTracking().Where(n => n.AgendaItemId == notice.AgendaItemId && n.Id != notice.Id)
            .Select(n => n.Operator!.Name).ToListAsync(ct);
        return ForumResponseReader.Read(decision, notice.Operator.Name, others);
    }

    /// <summary>
    /// Registers the forum's decision on a notice from the deciding item's Beslutning, so that it is written once, in
    /// the minutes: the text, and the response read from it (<paramref name="response"/> null when the text does not
    /// say). Tells the filing municipality. Adds to the caller's transaction; does not save.
    /// </summary>
    public async Task RegisterFromMinutesAsync(CapacityNotice notice, string decision, ForumResponse? response, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        notice.DecisionText = decision.Length > Limits.Text ? decision[..Limits.Text] : decision;
        notice.Response = response;
        notice.ResponseRecordedAt = now;
        notice.State = NoticeState.Decided;
        notice.UpdatedAt = now;
        notice.ConcurrencyStamp = Guid.NewGuid();
        var title = await TitleAsync(notice, ct);
        var ids = await FilingUsersAsync(notice.OperatorId, ct);
        if (ids.Count == 0) return;
        await notifier.NotifyUsersAsync(ids, $"Socialdirektørforums beslutning: {title}",
            $"Socialdirektørforum har behandlet jeres orientering om ændring i kapacitet ({title}). " +
            (response is ForumResponse r ? $"Beslutning: {ResponseSentence(r)}" : "Beslutningen står i referatet."),
            $"/kapacitet/{notice.Id}", Topic(TopicDecided, notice.Id), ct);
    }

    /// <summary>"2.422 kr. pr. døgn" for a line's rate after the change, in its unit (per day when the notice gives none).</summary>
    public static string? RateText(CapacityNoticeLine l) => l.RateAfter is decimal r
        ? $"{Danish.Number(r, r == decimal.Truncate(r) ? 0 : 2)} kr. {Offers.OfferNames.Unit(l.RateUnitAfter ?? Offers.RateUnit.PerDay)}"
        : null;

    /// <summary>"8,4 timer pr. døgn" for a line's service level after the change.</summary>
    public static string? ServiceLevelText(CapacityNoticeLine l) =>
        l.ServiceLevelHoursAfter is decimal h ? $"{h.ToString("0.##", Danish.Culture)} timer pr. døgn" : null;

    /// <summary>A notice the filer may still withdraw: submitted or on an agenda, not yet decided.</summary>
    public static bool CanWithdraw(CapacityNotice n) => n.State is NoticeState.Submitted or NoticeState.OnAgenda;

    /// <summary>
    /// "Punkt 6 på dagsordenen for Socialdirektørforum 27. juni 2025 (kladde)" for a notice put on an item, or null.
    /// Said wherever a withdrawn notice is shown, because the item's text still carries its section until the
    /// secretariat edits it.
    /// </summary>
    public static string? ItemLabel(CapacityNotice n) => n.AgendaItem is { Meeting: { } m } item
        ? $"punkt {item.Number} på {(m.State == MeetingState.Draft ? "udkastet til dagsorden" : "dagsordenen")} for {m.Body?.Name ?? "mødet"} {Danish.Date(m.StartsAt)}"
        : null;

    /// <summary>
    /// The filer withdraws a submitted notice before the forum has decided it (trækker tilbage): it leaves the list
    /// waiting for the agenda, and everyone told of it is told again, the secretariat too. A notice already put on an
    /// agenda item stays linked to it, and the secretariat is told that the item still holds its section. Returns a
    /// Danish problem, or null when withdrawn (one transaction).
    /// </summary>
    public async Task<string?> WithdrawAsync(CapacityNotice notice, string? reason, Guid stamp, string? user, CancellationToken ct = default)
    {
        if (notice.State == NoticeState.Withdrawn) return "Orienteringen er allerede trukket tilbage.";
        if (notice.State == NoticeState.Decided) return "Socialdirektørforum har allerede truffet beslutning om orienteringen, så den kan ikke trækkes tilbage. Send i stedet en ny orientering.";
        if (!CanWithdraw(notice)) return "Kun en indsendt orientering kan trækkes tilbage. En kladde bliver ikke sendt, før den indsendes.";
        reason = Blank(reason);
        if (reason is { Length: > 2000 }) return "Begrundelse for tilbagetrækningen må højst være 2.000 tegn.";
        db.Entry(notice).Property(n => n.ConcurrencyStamp).OriginalValue = stamp;
        var now = clock.GetUtcNow().UtcDateTime;
        notice.State = NoticeState.Withdrawn;
        notice.UpdatedAt = now;
        notice.ConcurrencyStamp = Guid.NewGuid();

        var op = notice.Operator ?? await db.Operators.AsNoTracking().SingleAsync(o => o.Id == notice.OperatorId, ct);
        var title = await TitleAsync(notice, ct);
        var why = reason is null ? "" : $" Begrundelse: {reason}";
        var ids = await RecipientsAsync(notice, ct);
        var onItem = ItemLabel(notice);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (ids.Count > 0)
            {
                await notifier.NotifyUsersAsync(ids, $"Orientering trukket tilbage: {title}",
                    $"{op.Name} har trukket sin orientering om ændring i kapacitet tilbage: {title}. Ændringen gennemføres ikke som orienteret, og Socialdirektørforum skal ikke tage stilling til den.{why}",
                    $"/kapacitet/{notice.Id}", Topic(TopicWithdrawn, notice.Id), ct);
            }
            await notifier.NotifyRoleAsync(Roles.Secretariat, $"Orientering trukket tilbage: {title}",
                $"{op.Name} har trukket orienteringen om ændring i kapacitet tilbage: {title}.{why}"
                + (onItem is null ? " Den er fjernet fra listen over orienteringer, der venter på dagsordenen."
                    : $" Den står stadig i {onItem}: ret punktets tekst, så afsnittet om orienteringen udgår."),
                $"/sekretariat/kapacitet/{notice.Id}", Topic(TopicWithdrawn, notice.Id), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            return "Orienteringen blev ændret af en anden samtidig, fx sat på en dagsorden eller behandlet. Indlæs siden igen og prøv på ny.";
        }
        return null;
    }

    // --- Mail topics: one per notice and kind of message, so the secretariat sees which e-mails about it went out ----

    public const string TopicSubmitted = "Ændring i kapacitet";
    public const string TopicDecided = "Beslutning om ændring i kapacitet";
    public const string TopicWithdrawn = "Ændring i kapacitet trukket tilbage";

    /// <summary>"Ændring i kapacitet, nr. 12": the outbox's Anledning of a message about notice 12.</summary>
    public static string Topic(string kind, int noticeId) => $"{kind}, nr. {noticeId}";

    /// <summary>Every topic the e-mails about a notice carry (the outbox has no link column; the topic names the notice).</summary>
    public static string[] Topics(int noticeId) => [Topic(TopicSubmitted, noticeId), Topic(TopicDecided, noticeId), Topic(TopicWithdrawn, noticeId)];

    public sealed record MailStatus(int Sent, int Waiting, int Failed, List<(string To, string Subject, string? Error, bool Failed)> NotSent)
    {
        public int Total => Sent + Waiting + Failed;
    }

    /// <summary>How the e-mails about a notice fared: sent, waiting (perhaps after failed attempts) and given up.</summary>
    public async Task<MailStatus> MailStatusAsync(int noticeId, int maxAttempts, CancellationToken ct = default)
    {
        var topics = Topics(noticeId);
        var rows = await db.Outbox.AsNoTracking().Where(m => m.Topic != null && topics.Contains(m.Topic))
            .Select(m => new { m.To, m.Subject, m.SentAt, m.Attempts, m.LastError }).ToListAsync(ct);
        var max = Math.Max(1, maxAttempts);
        var notSent = rows.Where(m => m.SentAt is null && (m.Attempts >= max || m.LastError is not null))
            .OrderByDescending(m => m.Attempts >= max).ThenBy(m => m.To, StringComparer.Ordinal)
            .Select(m => (m.To, m.Subject, m.LastError, m.Attempts >= max)).ToList();
        return new MailStatus(rows.Count(m => m.SentAt is not null), rows.Count(m => m.SentAt is null && m.Attempts < max), rows.Count(m => m.SentAt is null && m.Attempts >= max), notSent);
    }

    /// <summary>The users who file for the operator: linked to it, or municipality users of its municipality.</summary>
    public async Task<List<string>> FilingUsersAsync(int operatorId, CancellationToken ct = default)
    {
        var code = await db.Operators.Where(o => o.Id == operatorId).Select(o => o.MunicipalityCode).SingleOrDefaultAsync(ct);
        var municipalityRole = db.Roles.Where(r => r.Name == Roles.Municipality).Select(r => r.Id);
        return await db.Users.Where(u => u.OperatorId == operatorId
                || (code != null && u.OperatorId == null && u.MunicipalityCode == code && db.UserRoles.Any(ur => ur.UserId == u.Id && municipalityRole.Contains(ur.RoleId))))
            .Select(u => u.Id).ToListAsync(ct);
    }

    // --- Words ---------------------------------------------------------------------------------------------------------

    public static string KindName(CapacityChangeKind kind) => kind switch
    {
        CapacityChangeKind.Opening => "Oprettelse",
        CapacityChangeKind.Closing => "Lukning",
        CapacityChangeKind.Expansion => "Udvidelse",
        CapacityChangeKind.Reduction => "Reduktion",
        CapacityChangeKind.Conversion => "Omlægning",
        _ => kind.ToString(),
    };

    public static string KindDescription(CapacityChangeKind kind) => kind switch
    {
        CapacityChangeKind.Opening => "Oprettelse af nye pladser eller et nyt tilbud",
        CapacityChangeKind.Closing => "Lukning af pladser",
        CapacityChangeKind.Expansion => "Udvidelse af pladser",
        CapacityChangeKind.Reduction => "Reduktion af pladser",
        CapacityChangeKind.Conversion => "Omlægning af pladser fra én paragraf til en anden",
        _ => kind.ToString(),
    };

    public static string StateName(NoticeState state) => state switch
    {
        NoticeState.Draft => "Kladde",
        NoticeState.Submitted => "Indsendt",
        NoticeState.OnAgenda => "På dagsordenen",
        NoticeState.Decided => "Behandlet",
        NoticeState.Withdrawn => "Trukket tilbage",
        _ => state.ToString(),
    };

    public static string ResponseName(ForumResponse response) => response switch
    {
        ForumResponse.Hearing => "Fælleskommunal høring",
        ForumResponse.Statement => "Udtalelse",
        ForumResponse.Neither => "Hverken høring eller udtalelse",
        _ => response.ToString(),
    };

    public static string ResponseSentence(ForumResponse response) => response switch
    {
        ForumResponse.Hearing => "Socialdirektørforum gennemfører en fælleskommunal høring.",
        ForumResponse.Statement => "Socialdirektørforum afgiver en udtalelse.",
        _ => "Socialdirektørforum laver hverken en høring eller en udtalelse.",
    };

    /// <summary>"Lukning af pladser på Skibet, Billund Kommune" / "Oprettelse af Børne- og ungehjem, Vejen Kommune".</summary>
    public static string Title(CapacityChangeKind kind, string offer, string operatorName, bool newOffer) => kind switch
    {
        CapacityChangeKind.Opening when newOffer => $"Oprettelse af {offer}, {operatorName}",
        CapacityChangeKind.Opening => $"Oprettelse af pladser på {offer}, {operatorName}",
        CapacityChangeKind.Closing => $"Lukning af pladser på {offer}, {operatorName}",
        CapacityChangeKind.Expansion => $"Udvidelse af pladser på {offer}, {operatorName}",
        CapacityChangeKind.Reduction => $"Reduktion af pladser på {offer}, {operatorName}",
        CapacityChangeKind.Conversion => $"Omlægning af pladser på {offer}, {operatorName}",
        _ => $"{offer}, {operatorName}",
    };

    public static string Title(CapacityNotice n) =>
        Title(n.Kind, n.Offer?.Name ?? n.NewOfferName ?? "nyt tilbud", n.Operator?.Name ?? "", n.OfferId is null);

    /// <summary>
    /// Where the change stands against its date: "kommende" before it (shown ahead of the date in every list),
    /// "trådt i kraft" once the register has it or the date has passed on a decided notice; null for withdrawn ones.
    /// </summary>
    public static string? Timing(CapacityNotice n, DateOnly today) => n switch
    {
        { State: NoticeState.Withdrawn or NoticeState.Draft } => null,
        { AppliedAt: not null } => "trådt i kraft",
        { EffectiveDate: { } d } when d > today => "kommende",
        { EffectiveDate: not null, State: NoticeState.Decided } => "trådt i kraft",
        { EffectiveDate: not null } => "datoen er passeret; afventer beslutning",
        _ => null,
    };

    /// <summary>"1. september 2026 (kommende)".</summary>
    public static string EffectiveText(CapacityNotice n, DateOnly today) =>
        n.EffectiveDate is not { } d ? "–" : d.ToString("d. MMMM yyyy", Danish.Culture) + (Timing(n, today) is string t ? $" ({t})" : "");

    /// <summary>The public page of the meeting at the item's anchor.</summary>
    public static string MinutesLink(AgendaItem item) => $"/moeder/{item.MeetingId}#punkt-{item.Number}";

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
