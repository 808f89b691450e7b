using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Capacity;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Capacity;

/// <summary>
/// Capacity change notices through the HTTP pipeline: filing with validation, who is told, refusals with the security
/// log, one agenda item per bundle, the decision back, the register change on the effective date and the public list.
/// </summary>
/// <remarks>
/// Every test makes an operator of its own (a municipality of the region with one user and one offer of 8 places whose
/// buyers are Varde and København), so the tests do not depend on each other or on the demo notices.
/// </remarks>
public abstract class CapacityTests(AppFactory app)
{
    private const string Region = "Region Syddanmark";
    private const string Password = "kapacitet-test-adgang-2026";
    private const string ServiceName = "Midlertidigt botilbud";
    private const int Copenhagen = 101;
    private const int Frederiksberg = 147;

    private sealed record Filer(int OperatorId, string Name, string Email, int OfferId, int ServiceId);

    private static string Future => DateOnly.FromDateTime(Danish.TodayOf(TimeProvider.System)).AddDays(60).ToString("yyyy-MM-dd");

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    private static async Task<AppUser> UserAsync(IServiceProvider sp, string email, int? operatorId = null, int? municipalityCode = null)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is not null) return user;
        user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, OperatorId = operatorId, MunicipalityCode = municipalityCode };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Municipality)).Succeeded);
        return user;
    }

    /// <summary>A new municipality operator of the region with a user and an offer (8 § 107 places), bought by Varde and København.</summary>
    private Task<Filer> NewFilerAsync() => InScopeAsync(async sp =>
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var db = sp.GetRequiredService<AppDb>();
        var op = new Operator { Kind = OperatorKind.Municipality, Name = $"Kapacitetskommune {tag}", Region = Region };
        db.Operators.Add(op);
        await db.SaveChangesAsync();
        var email = $"kapacitet-{tag}@test.rammevaerk.dk";
        await UserAsync(sp, email, operatorId: op.Id);
        var register = sp.GetRequiredService<OfferRegister>();
        var offer = await register.ApplyAsync(new OfferSnapshot
        {
            Name = $"Botilbuddet {tag}", OperatorId = op.Id, OperatorName = op.Name, Status = OfferStatus.Active, Year = 2026,
            Departments = [new DepartmentSnapshot { Name = "Botilbud", Services = [new ServiceSnapshot
            {
                Name = ServiceName, LegalBases = ["SEL § 107"], TargetGroups = ["Sindslidelse"], Places = 8, Rate = 2500m, RateUnit = RateUnit.PerDay, RateYear = 2026,
            }] }],
            Buyers = [new BuyerSnapshot { MunicipalityCode = TestAccounts.MunicipalityCode, Citizens = 2 }, new BuyerSnapshot { MunicipalityCode = Copenhagen, Citizens = 1 }],
        }, 2026, "Test", "test", DateTime.UtcNow);
        await register.SaveAsync();
        return new Filer(op.Id, op.Name, email, offer.Id, offer.Departments[0].Services[0].Id);
    });

    private static Dictionary<string, string> Form(Filer f, CapacityChangeKind kind, int before, int after, bool submit = true, string? reason = "Vigende belægning.",
        string? date = null, string? basesBefore = "SEL § 107", string? basesAfter = "SEL § 107") => new()
    {
        ["Form.OfferId"] = f.OfferId.ToString(),
        ["Form.Kind"] = kind.ToString(),
        ["Form.Reason"] = reason ?? "",
        ["Form.Consequences"] = "Ingen for køberkommunerne.",
        ["Form.Process"] = "Besluttet af byrådet.",
        ["Form.EffectiveDate"] = date ?? Future,
        ["Form.OwnUsePercent"] = "85",
        ["Form.Lines[0].ServiceId"] = f.ServiceId.ToString(),
        ["Form.Lines[0].ServiceName"] = ServiceName,
        ["Form.Lines[0].LegalBasesBefore"] = basesBefore ?? "",
        ["Form.Lines[0].LegalBasesAfter"] = basesAfter ?? "",
        ["Form.Lines[0].PlacesBefore"] = before.ToString(),
        ["Form.Lines[0].PlacesAfter"] = after.ToString(),
        ["submit"] = submit ? "true" : "false",
    };

    private static Task<HttpResponseMessage> FileAsync(HttpClient client, Filer f, Dictionary<string, string> form) =>
        client.PostFormAsync($"/kapacitet/ny?tilbud={f.OfferId}", form, "/kapacitet/ny");

    private async Task<int> FileOkAsync(HttpClient client, Filer f, Dictionary<string, string> form)
    {
        using var response = await FileAsync(client, f, form);
        if (response.StatusCode != HttpStatusCode.Redirect)
            Assert.Fail($"Filing answered {(int)response.StatusCode}: {(await response.ReadDocumentAsync()).QuerySelector("#fejl")?.TextContent}");
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private Task<int> NoticeCountAsync(Filer f) => app.QueryAsync(db => db.CapacityNotices.CountAsync(n => n.OperatorId == f.OperatorId));

    private Task<List<Notification>> NotificationsAsync(string email, string link) =>
        app.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.Link == link && db.Users.Any(u => u.Id == n.UserId && u.Email == email)).ToListAsync());

    [Fact]
    public async Task A_draft_is_saved_then_submitted_and_the_region_and_every_buyer_are_told_in_app_and_by_mail()
    {
        var f = await NewFilerAsync();
        await InScopeAsync(async sp => { await UserAsync(sp, "koebenhavn-kapacitet@test.rammevaerk.dk", municipalityCode: Copenhagen); await UserAsync(sp, "frederiksberg-kapacitet@test.rammevaerk.dk", municipalityCode: Frederiksberg); return 0; });
        var client = await app.SignInAsync(f.Email, Password);
        var page = await client.GetDocumentAsync($"/kapacitet/ny?tilbud={f.OfferId}&art=Reduction");
        Assert.Equal("8", page.QuerySelector("#Form_Lines_0__PlacesBefore")!.GetAttribute("value"));
        Assert.Equal(ServiceName, page.QuerySelector("input[name='Form.Lines[0].ServiceName']")!.GetAttribute("value"));

        var id = await FileOkAsync(client, f, Form(f, CapacityChangeKind.Reduction, 8, 5, submit: false));
        var draft = await app.QueryAsync(db => db.CapacityNotices.Include(n => n.Lines).AsNoTracking().SingleAsync(n => n.Id == id));
        Assert.Equal(NoticeState.Draft, draft.State);
        Assert.Equal(85m, draft.OwnUsePercent);
        Assert.Equal((8, 5), (draft.Lines.Single().PlacesBefore, draft.Lines.Single().PlacesAfter));
        Assert.Empty(await NotificationsAsync(TestAccounts.MunicipalityEmail, $"/kapacitet/{id}"));

        var edit = await client.GetDocumentAsync($"/kapacitet/{id}");
        var stamp = edit.QuerySelector("input[name='Stamp']")!.GetAttribute("value")!;
        var form = Form(f, CapacityChangeKind.Reduction, 8, 4);
        form["Stamp"] = stamp;
        using (var response = await client.PostFormAsync($"/kapacitet/{id}", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var submitted = await app.QueryAsync(db => db.CapacityNotices.Include(n => n.Lines).AsNoTracking().SingleAsync(n => n.Id == id));
        Assert.Equal(NoticeState.Submitted, submitted.State);
        Assert.Equal(4, submitted.Lines.Single().PlacesAfter);

        var link = $"/kapacitet/{id}";
        Assert.Single(await NotificationsAsync(TestAccounts.MunicipalityEmail, link));           // region, and a buyer: told once
        Assert.Single(await NotificationsAsync(TestAccounts.SecondMunicipalityEmail, link));     // region
        Assert.Single(await NotificationsAsync("koebenhavn-kapacitet@test.rammevaerk.dk", link)); // buyer outside the region
        Assert.Empty(await NotificationsAsync("frederiksberg-kapacitet@test.rammevaerk.dk", link)); // neither
        Assert.Empty(await NotificationsAsync(f.Email, link));                                    // the filer itself
        var mails = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(m => m.Body.Contains(link) && m.Subject.Contains("ændring i kapacitet")).Select(m => m.To).ToListAsync());
        Assert.Contains(TestAccounts.MunicipalityEmail, mails);
        Assert.Contains("koebenhavn-kapacitet@test.rammevaerk.dk", mails);
        Assert.DoesNotContain("frederiksberg-kapacitet@test.rammevaerk.dk", mails);
        Assert.Equal(mails.Count, mails.Distinct().Count());
        Assert.NotEmpty(await app.QueryAsync(db => db.Notifications.Where(n => n.Link == $"/sekretariat/kapacitet/{id}").ToListAsync()));

        // Submitted: no longer editable by the filer either.
        var view = await client.GetDocumentAsync(link);
        Assert.Null(view.QuerySelector("form.capacity-form"));
        Assert.Contains("Indsendt", view.Text());
    }

    public static TheoryData<string, CapacityChangeKind, int, int, string?, string?, string?, string> BadInput => new()
    {
        { "missing reason", CapacityChangeKind.Reduction, 8, 6, "", null, null, "Begrundelse for ændringen: skriv, hvorfor kapaciteten ændres." },
        { "date in the past", CapacityChangeKind.Reduction, 8, 6, "Færre borgere.", "2020-01-01", null, "Tidspunkt for ændringen: 1. januar 2020 ligger i fortiden." },
        { "closing keeps places", CapacityChangeKind.Closing, 8, 2, "Lukning.", null, null, "ved en lukning skal Pladser efter være 0 (der står 2)." },
        { "reduction grows", CapacityChangeKind.Reduction, 8, 9, "Reduktion.", null, null, "Pladser efter (9) må ikke være flere end Pladser før (8) ved en reduktion." },
        { "more than the register", CapacityChangeKind.Reduction, 12, 10, "Reduktion.", null, null, "Pladser efter (10) er flere end de 8 pladser, tilbudsregistret har." },
        { "conversion without bases", CapacityChangeKind.Conversion, 4, 4, "Omlægning.", null, "", "en omlægning skal have Paragraf efter." },
        { "unknown paragraph", CapacityChangeKind.Conversion, 4, 4, "Omlægning.", null, "SEL § 999", "Paragraf efter 'SEL § 999' står ikke på listen over paragraffer" },
        { "places as words", CapacityChangeKind.Reduction, 8, -1, "Reduktion.", null, null, "Pladser efter kan ikke være negativ." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_Danish_message_naming_the_field_and_nothing_is_saved(string what, CapacityChangeKind kind, int before, int after, string? reason, string? date, string? basesAfter, string message)
    {
        var f = await NewFilerAsync();
        var client = await app.SignInAsync(f.Email, Password);
        using var response = await FileAsync(client, f, Form(f, kind, before, after, reason: reason, date: date, basesAfter: basesAfter ?? "SEL § 107"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.QuerySelector("#fejl")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("intet er gemt", page.Text());
        Assert.Equal(0, await NoticeCountAsync(f));
        Assert.True(what.Length > 0);
    }

    [Fact]
    public async Task An_attachment_is_type_checked_from_its_bytes()
    {
        var f = await NewFilerAsync();
        var client = await app.SignInAsync(f.Email, Password);
        var page = await client.GetDocumentAsync($"/kapacitet/ny?tilbud={f.OfferId}");
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in Form(f, CapacityChangeKind.Reduction, 8, 6)) content.Add(new StringContent(v), k);
        content.Add(new StringContent(page.AntiforgeryToken()), Browserless.AntiforgeryField);
        content.Add(new ByteArrayContent("not a pdf at all"u8.ToArray()), "Uploads", "orientering.pdf");
        using var bad = await client.PostAsync("/kapacitet/ny", content);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Filen 'orientering.pdf' hedder .pdf, men indholdet er ikke en PDF-fil.", (await bad.ReadDocumentAsync()).Text());
        Assert.Equal(0, await NoticeCountAsync(f));

        var good = new MultipartFormDataContent();
        foreach (var (k, v) in Form(f, CapacityChangeKind.Reduction, 8, 6)) good.Add(new StringContent(v), k);
        good.Add(new StringContent(page.AntiforgeryToken()), Browserless.AntiforgeryField);
        good.Add(new ByteArrayContent("%PDF-1.4\n%%EOF"u8.ToArray()), "Uploads", "orientering.pdf");
        using var ok = await client.PostAsync("/kapacitet/ny", good);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var id = int.Parse(ok.Headers.Location!.ToString().Split('/').Last());
        var attachment = await app.QueryAsync(db => db.CapacityNoticeAttachments.AsNoTracking().SingleAsync(a => a.NoticeId == id));
        Assert.Equal("application/pdf", attachment.ContentType);
        using var download = await client.GetAsync($"/kapacitet/{id}/bilag/{attachment.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task Filing_on_another_municipalitys_offer_is_refused_with_403_logged_and_nothing_saved()
    {
        var victim = await NewFilerAsync();
        var attacker = await NewFilerAsync();
        var client = await app.SignInAsync(attacker.Email, Password);
        // The attacker's own form, with the other operator's offer and service put in.
        var form = Form(victim, CapacityChangeKind.Closing, 8, 0);
        using var response = await client.PostFormAsync($"/kapacitet/ny?tilbud={attacker.OfferId}", form, "/kapacitet/ny");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await NoticeCountAsync(victim));
        Assert.Equal(0, await app.QueryAsync(db => db.CapacityNotices.CountAsync(n => n.OperatorId == attacker.OperatorId)));
        var logged = await app.QueryAsync(db => db.AuditLog.AsNoTracking().Where(e => e.UserName == attacker.Email && e.Detail!.Contains($"tilbud {victim.OfferId}")).ToListAsync());
        Assert.Equal(AuditLog.OtherOperatorsData, Assert.Single(logged).Action);

        // Own offer, another operator's service.
        var mixed = Form(attacker, CapacityChangeKind.Reduction, 8, 6);
        mixed["Form.Lines[0].ServiceId"] = victim.ServiceId.ToString();
        using var second = await client.PostFormAsync($"/kapacitet/ny?tilbud={attacker.OfferId}", mixed, "/kapacitet/ny");
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.CapacityNotices.CountAsync(n => n.OperatorId == attacker.OperatorId)));
    }

    [Fact]
    public async Task Another_municipality_reads_a_submitted_notice_but_cannot_edit_it_or_read_a_draft()
    {
        var f = await NewFilerAsync();
        var filer = await app.SignInAsync(f.Email, Password);
        var submitted = await FileOkAsync(filer, f, Form(f, CapacityChangeKind.Reduction, 8, 6));
        var draft = await FileOkAsync(filer, f, Form(f, CapacityChangeKind.Reduction, 8, 7, submit: false));

        var varde = await app.SignInAsMunicipalityAsync();
        var page = await varde.GetDocumentAsync($"/kapacitet/{submitted}");
        Assert.Contains("Reduktion af pladser", page.Text());
        Assert.Null(page.QuerySelector("form.capacity-form"));

        var before = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().SingleAsync(n => n.Id == draft));
        var form = Form(f, CapacityChangeKind.Closing, 8, 0);
        form["Stamp"] = before.ConcurrencyStamp.ToString();
        using (var response = await varde.PostFormAsync($"/kapacitet/{submitted}", form))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using (var readDraft = await varde.GetAsync($"/kapacitet/{draft}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, readDraft.StatusCode);
        }
        var after = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().SingleAsync(n => n.Id == submitted));
        Assert.Equal(CapacityChangeKind.Reduction, after.Kind);
        var entries = await app.QueryAsync(db => db.AuditLog.AsNoTracking().Where(e => e.UserName == TestAccounts.MunicipalityEmail && (e.Detail!.Contains($"Kapacitetsændring {submitted} ") || e.Detail!.Contains($"Kapacitetsændring {draft} "))).ToListAsync());
        Assert.Equal(2, entries.Count);
    }

    private Task<int> NewMeetingAsync(MeetingState state = MeetingState.Draft, params string[] trailing) => NewMeetingAsync(state, held: false, trailing);

    /// <summary>A meeting in 30 days, or (<paramref name="held"/>) one held yesterday, whose decisions may be registered.</summary>
    private async Task<int> NewMeetingAsync(MeetingState state, bool held, params string[] trailing) => await app.QueryAsync(async db =>
    {
        var body = await db.Bodies.SingleAsync(b => b.Slug == "socialdirektoerforum");
        var starts = held ? DateTime.UtcNow.AddDays(-1) : DateTime.UtcNow.AddDays(30);
        var meeting = new Meeting
        {
            BodyId = body.Id, Title = "Møde i Socialdirektørforum (kapacitetstest)", StartsAt = starts, EndsAt = starts.AddHours(3),
            State = state, CreatedAt = DateTime.UtcNow, Version = state == MeetingState.Draft ? 0 : 1, AgendaPublishedAt = state == MeetingState.Draft ? null : DateTime.UtcNow,
            Items = [new AgendaItem { Number = 1, Title = "Godkendelse af referat", UpdatedAt = DateTime.UtcNow },
                .. trailing.Select((t, i) => new AgendaItem { Number = 2 + i, Title = t, UpdatedAt = DateTime.UtcNow })],
        };
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    });

    private async Task<int> PutOnAgendaAsync(HttpClient secretariat, int meetingId, params int[] ids)
    {
        var fields = new List<KeyValuePair<string, string>>(ids.Select(i => new KeyValuePair<string, string>("Selected", i.ToString())))
        {
            new("MeetingId", meetingId.ToString()),
        };
        var page = await secretariat.GetDocumentAsync("/sekretariat/kapacitet");
        fields.Add(new(Browserless.AntiforgeryField, page.AntiforgeryToken()));
        using var response = await secretariat.PostAsync("/sekretariat/kapacitet?handler=Agenda", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public async Task The_secretariat_bundles_pending_notices_into_one_agenda_item_with_a_section_each_then_records_the_decision()
    {
        var a = await NewFilerAsync();
        var b = await NewFilerAsync();
        var first = await FileOkAsync(await app.SignInAsync(a.Email, Password), a, Form(a, CapacityChangeKind.Closing, 8, 0));
        var second = await FileOkAsync(await app.SignInAsync(b.Email, Password), b, Form(b, CapacityChangeKind.Conversion, 4, 4, basesBefore: "SEL § 107", basesAfter: "SEL § 108"));
        var meetingId = await NewMeetingAsync(MeetingState.Draft, held: true);
        var secretariat = await app.SignInAsSecretariatAsync();
        using (var agenda = await secretariat.MeetingActionAsync(meetingId, "PublishAgenda")) Assert.Equal(HttpStatusCode.Redirect, agenda.StatusCode);

        var list = await secretariat.GetDocumentAsync("/sekretariat/kapacitet");
        Assert.NotNull(list.QuerySelector($"#valgt-{first}"));
        var itemId = await PutOnAgendaAsync(secretariat, meetingId, first, second);

        var item = await app.QueryAsync(db => db.AgendaItems.AsNoTracking().SingleAsync(i => i.Id == itemId));
        Assert.Equal(meetingId, item.MeetingId);
        Assert.Equal(2, item.Number);
        Assert.StartsWith("Samlet sag vedr. ændringer i kapacitet", item.Title);
        var sections = item.CasePresentation!.Split('\n').Where(l => l.StartsWith("### ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sections.Count);
        Assert.Contains(sections, s => s.Contains($"Lukning af pladser på Botilbuddet") && s.Contains(a.Name));
        Assert.Contains(sections, s => s.Contains("Omlægning af pladser") && s.Contains(b.Name));
        Assert.Contains("| 8 | 0 |", item.CasePresentation);
        Assert.Contains("Vigende belægning.", item.CasePresentation);
        Assert.Contains("2 orienteringer", item.Background);
        Assert.Contains("Det indstilles, at Socialdirektørforum", item.Recommendation);
        Assert.Contains($"- Beslutter at de ikke ønsker at lave en fælleskommunal høring pba. lukningen i {a.Name}", item.Recommendation);
        Assert.Contains($"- Beslutter at de ikke ønsker at lave en fælleskommunal høring og/eller en udtalelse til {b.Name}", item.Recommendation);
        // A published agenda changed: the working copy waits for the secretariat to publish a new version.
        var changed = await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => new { m.Version, m.UnpublishedChangesAt }).SingleAsync());
        Assert.Equal(1, changed.Version);
        Assert.NotNull(changed.UnpublishedChangesAt);
        // Editable as any item.
        var editor = await secretariat.GetDocumentAsync($"/sekretariat/punkter/{itemId}");
        Assert.Contains("Samlet sag vedr. ændringer i kapacitet", editor.Text());

        var notices = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().Where(n => n.Id == first || n.Id == second).ToListAsync());
        Assert.All(notices, n => { Assert.Equal(itemId, n.AgendaItemId); Assert.Equal(NoticeState.OnAgenda, n.State); });
        var noticePage = await (await app.SignInAsMunicipalityAsync()).GetDocumentAsync($"/kapacitet/{first}");
        Assert.NotNull(noticePage.QuerySelector($"a[href='/moeder/{meetingId}#punkt-2']"));

        // Not twice.
        var again = await secretariat.GetDocumentAsync("/sekretariat/kapacitet");
        Assert.Null(again.QuerySelector($"#valgt-{first}"));

        // The decision back: written once, in the item's Beslutning, and registered from there (the meeting was held).
        const string decision = "Socialdirektørforum ønskede ikke at komme med udtalelser eller høringer til de nævnte sager.";
        await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(x => x.SetProperty(i => i.Decision, decision)));
        var admin = await secretariat.GetDocumentAsync($"/sekretariat/kapacitet/{first}");
        Assert.Contains("Beslutningen siger: Hverken høring eller udtalelse.", admin.Text());
        using (var response = await secretariat.PostFormAsync($"/sekretariat/kapacitet/{first}", new Dictionary<string, string>
        {
            ["Stamp"] = admin.QuerySelector("input[name='Stamp']")!.GetAttribute("value")!,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var decided = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().SingleAsync(n => n.Id == first));
        Assert.Equal((NoticeState.Decided, ForumResponse.Neither, decision), (decided.State, decided.Response, decided.DecisionText));
        var registered = await secretariat.GetDocumentAsync($"/sekretariat/kapacitet/{first}");
        Assert.DoesNotContain("Registrér beslutningen fra punktet", registered.Text()); // written once
        Assert.Contains("Registreret", registered.QuerySelector("#beslutning")!.ParentElement!.TextContent);
        Assert.Single(await NotificationsAsync(a.Email, $"/kapacitet/{first}"));
        var shown = await (await app.SignInAsync(a.Email, Password)).GetDocumentAsync($"/kapacitet/{first}");
        Assert.Contains("Hverken høring eller udtalelse", shown.Text());
        Assert.NotNull(shown.QuerySelector($"a[href='/moeder/{meetingId}#punkt-2']"));

        // The public list links the item that decided it, once the item is on the published agenda.
        using (var republished = await secretariat.MeetingActionAsync(meetingId, "PublishNewVersion")) Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);
        var anonymous = app.CreateAnonymousClient();
        var publicList = await anonymous.GetDocumentAsync("/kapacitetsaendringer");
        var article = publicList.QuerySelector($"#notits-{first}")!;
        Assert.Contains("Hverken høring eller udtalelse", article.TextContent);
        Assert.NotNull(article.QuerySelector($"a[href='/moeder/{meetingId}#punkt-2']"));
    }

    [Fact]
    public async Task The_bundle_goes_before_Orienteringer_and_Eventuelt_which_move_down()
    {
        var f = await NewFilerAsync();
        var id = await FileOkAsync(await app.SignInAsync(f.Email, Password), f, Form(f, CapacityChangeKind.Reduction, 8, 6));
        var meetingId = await NewMeetingAsync(MeetingState.Draft, "Orienteringer", "Eventuelt");
        var itemId = await PutOnAgendaAsync(await app.SignInAsSecretariatAsync(), meetingId, id);
        var order = await app.QueryAsync(db => db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meetingId).OrderBy(i => i.Number).Select(i => new { i.Id, i.Number, i.Title }).ToListAsync());
        Assert.Equal(["Godkendelse af referat", CapacityService.AgendaTitle, "Orienteringer", "Eventuelt"], order.Select(i => i.Title));
        Assert.Equal([1, 2, 3, 4], order.Select(i => i.Number));
        Assert.Equal(itemId, order[1].Id);
    }

    [Fact]
    public async Task A_meeting_whose_minutes_are_published_is_refused()
    {
        var a = await NewFilerAsync();
        var id = await FileOkAsync(await app.SignInAsync(a.Email, Password), a, Form(a, CapacityChangeKind.Reduction, 8, 6));
        var meetingId = await NewMeetingAsync(MeetingState.MinutesPublished);
        var secretariat = await app.SignInAsSecretariatAsync();
        var page = await secretariat.GetDocumentAsync("/sekretariat/kapacitet");
        var fields = new List<KeyValuePair<string, string>> { new("Selected", id.ToString()), new("MeetingId", meetingId.ToString()), new(Browserless.AntiforgeryField, page.AntiforgeryToken()) };
        using var response = await secretariat.PostAsync("/sekretariat/kapacitet?handler=Agenda", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Referatet for mødet er udgivet", (await response.ReadDocumentAsync()).Text());
        Assert.Equal(NoticeState.Submitted, await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == id).Select(n => n.State).SingleAsync()));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task The_effective_date_changes_the_register_exactly_once()
    {
        var f = await NewFilerAsync();
        var client = await app.SignInAsync(f.Email, Password);
        var effective = DateOnly.FromDateTime(Danish.TodayOf(TimeProvider.System)).AddDays(60);
        var id = await FileOkAsync(client, f, Form(f, CapacityChangeKind.Reduction, 8, 5));
        var meetingId = await NewMeetingAsync(MeetingState.Draft, held: true);
        var secretariat = await app.SignInAsSecretariatAsync();
        var itemId = await PutOnAgendaAsync(secretariat, meetingId, id);
        await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(x => x.SetProperty(i => i.Decision, "Socialdirektørforum gennemfører en fælleskommunal høring.")));
        var admin = await secretariat.GetDocumentAsync($"/sekretariat/kapacitet/{id}");
        using (await secretariat.PostFormAsync($"/sekretariat/kapacitet/{id}", new Dictionary<string, string>
        {
            ["Stamp"] = admin.QuerySelector("input[name='Stamp']")!.GetAttribute("value")!,
        })) { }
        Assert.Equal(ForumResponse.Hearing, await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == id).Select(n => n.Response).SingleAsync()));

        var applier = app.Services.GetRequiredService<CapacityApplier>();
        var dayBefore = new FixedClock(new DateTimeOffset(effective.AddDays(-1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        Assert.Equal(0, await applier.ApplyDueAsync(dayBefore));
        Assert.Equal(8, await PlacesAsync(f));

        var onTheDay = new FixedClock(new DateTimeOffset(effective.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        Assert.True(await applier.ApplyDueAsync(onTheDay) >= 1);
        Assert.Equal(5, await PlacesAsync(f));
        var revisions = await app.QueryAsync(db => db.OfferRevisions.AsNoTracking().Where(r => r.OfferId == f.OfferId).OrderBy(r => r.Number).ToListAsync());
        Assert.Equal($"Kapacitetsændring (notits nr. {id}) trådt i kraft", revisions.Last().Reason);
        Assert.NotNull(await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == id).Select(n => n.AppliedAt).SingleAsync()));

        Assert.Equal(0, await applier.ApplyDueAsync(onTheDay));
        Assert.Equal(revisions.Count, await app.QueryAsync(db => db.OfferRevisions.CountAsync(r => r.OfferId == f.OfferId)));
        Assert.Equal(5, await PlacesAsync(f));
    }

    private Task<int> PlacesAsync(Filer f) => app.QueryAsync(db => db.Set<OfferService>().Where(s => s.Id == f.ServiceId).Select(s => s.Places).SingleAsync());

    [Fact]
    public void A_conversion_of_some_places_splits_them_off_and_a_closing_to_nothing_closes_the_offer()
    {
        var offer = new OfferSnapshot
        {
            OfferId = 1, Name = "Skibet", Year = 2025, Departments = [new DepartmentSnapshot { Name = "Akut", Services = [new ServiceSnapshot { ServiceId = 7, Name = "Akut- og aflastningspladser", LegalBases = ["SEL § 84"], Places = 10 }] }],
        };
        var conversion = new CapacityNotice
        {
            Kind = CapacityChangeKind.Conversion, EffectiveDate = new DateOnly(2025, 9, 1),
            Lines = [new CapacityNoticeLine { ServiceId = 7, ServiceName = "Akut- og aflastningspladser", LegalBasesBefore = "SEL § 84", LegalBasesAfter = "SEL § 107", PlacesBefore = 4, PlacesAfter = 4, RateAfter = 2422m, ServiceLevelHoursAfter = 8.4m }],
        };
        var after = CapacityEffect.Apply(offer, conversion, 2025);
        Assert.Equal(6, after.Services.Single(s => s.ServiceId == 7).Places);
        var split = after.Services.Single(s => s.ServiceId is null);
        Assert.Equal((4, "SEL § 107", 2422m, 8.4m), (split.Places!.Value, split.LegalBases.Single(), split.Rate!.Value, split.ServiceLevelHours!.Value));

        var closing = new CapacityNotice
        {
            Kind = CapacityChangeKind.Closing, EffectiveDate = new DateOnly(2025, 9, 1),
            Lines = [new CapacityNoticeLine { ServiceId = 7, ServiceName = "x", PlacesBefore = 10, PlacesAfter = 0 }],
        };
        var closed = CapacityEffect.Apply(offer, closing, 2025);
        Assert.Equal(OfferStatus.Closed, closed.Status);
        Assert.Equal(new DateOnly(2025, 9, 1), closed.ClosingDate);
    }

    [Fact]
    public async Task The_public_list_shows_submitted_notices_and_never_drafts()
    {
        var f = await NewFilerAsync();
        var client = await app.SignInAsync(f.Email, Password);
        var submitted = await FileOkAsync(client, f, Form(f, CapacityChangeKind.Reduction, 8, 6));
        var draft = await FileOkAsync(client, f, Form(f, CapacityChangeKind.Reduction, 8, 7, submit: false));
        var page = await app.CreateAnonymousClient().GetDocumentAsync($"/kapacitetsaendringer?t={Guid.NewGuid():N}");
        Assert.NotNull(page.QuerySelector($"#notits-{submitted}"));
        Assert.Null(page.QuerySelector($"#notits-{draft}"));
        Assert.Contains("Indsendt", page.QuerySelector($"#notits-{submitted}")!.TextContent);
        // Shown ahead of its date, marked as coming.
        Assert.Contains($"{DateOnly.FromDateTime(Danish.TodayOf(TimeProvider.System)).AddDays(60).ToString("d. MMMM yyyy", Danish.Culture)} (kommende)", page.QuerySelector($"#notits-{submitted}")!.TextContent);
        var offers = await app.CreateAnonymousClient().GetDocumentAsync("/tilbud");
        Assert.NotNull(offers.QuerySelector("a[href='/kapacitetsaendringer']"));
    }

    private static async Task<HttpResponseMessage> WithdrawAsync(HttpClient client, int id, string? reason = null, string? stamp = null)
    {
        var page = await client.GetDocumentAsync($"/kapacitet/{id}");
        var fields = new Dictionary<string, string>
        {
            ["stamp"] = stamp ?? page.QuerySelector("form[action*='handler=Withdraw'] input[name='stamp']")?.GetAttribute("value") ?? Guid.Empty.ToString(),
            ["withdrawReason"] = reason ?? "",
            [Browserless.AntiforgeryField] = page.AntiforgeryToken(),
        };
        return await client.PostAsync($"/kapacitet/{id}?handler=Withdraw", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_submitted_notice_is_withdrawn_by_its_filer_everyone_is_told_and_it_leaves_the_pending_list()
    {
        var f = await NewFilerAsync();
        await InScopeAsync(async sp => { await UserAsync(sp, "koebenhavn-kapacitet@test.rammevaerk.dk", municipalityCode: Copenhagen); return 0; });
        var filer = await app.SignInAsync(f.Email, Password);
        var id = await FileOkAsync(filer, f, Form(f, CapacityChangeKind.Closing, 8, 0));
        var secretariat = await app.SignInAsSecretariatAsync();
        Assert.NotNull((await secretariat.GetDocumentAsync("/sekretariat/kapacitet")).QuerySelector($"#valgt-{id}"));

        // Another municipality reads the notice but sees no withdraw form, and a forged withdrawal is refused and logged.
        var varde = await app.SignInAsMunicipalityAsync();
        Assert.Null((await varde.GetDocumentAsync($"/kapacitet/{id}")).QuerySelector("form[action*='handler=Withdraw']"));
        var stamp = await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == id).Select(n => n.ConcurrencyStamp).SingleAsync());
        using (var forged = await WithdrawAsync(varde, id, stamp: stamp.ToString()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }
        Assert.Equal(NoticeState.Submitted, await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == id).Select(n => n.State).SingleAsync()));
        Assert.Single(await app.QueryAsync(db => db.AuditLog.AsNoTracking()
            .Where(e => e.UserName == TestAccounts.MunicipalityEmail && e.Detail!.StartsWith($"Kapacitetsændring {id} ") && e.Detail.Contains("forsøgt ændret")).ToListAsync()));

        // The filer withdraws, with a reason.
        var page = await filer.GetDocumentAsync($"/kapacitet/{id}");
        Assert.Contains("Træk orienteringen tilbage", page.QuerySelector("#traek-tilbage")!.TextContent);
        using (var response = await WithdrawAsync(filer, id, "Kommunalbestyrelsen har besluttet at bevare pladserne."))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var notice = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().SingleAsync(n => n.Id == id));
        Assert.Equal(NoticeState.Withdrawn, notice.State);
        Assert.Null(notice.AgendaItemId);

        var link = $"/kapacitet/{id}";
        var told = await NotificationsAsync("koebenhavn-kapacitet@test.rammevaerk.dk", link);
        Assert.Equal(2, told.Count);                                                   // submitted, then withdrawn
        Assert.Contains(told, n => n.Text.Contains("trukket sin orientering om ændring i kapacitet tilbage") && n.Text.Contains("bevare pladserne"));
        Assert.Equal(2, (await NotificationsAsync(TestAccounts.MunicipalityEmail, link)).Count);
        Assert.Contains(await app.QueryAsync(db => db.Notifications.Where(n => n.Link == $"/sekretariat/kapacitet/{id}").Select(n => n.Text).ToListAsync()),
            t => t.Contains("trukket orienteringen om ændring i kapacitet tilbage") && t.Contains("fjernet fra listen"));
        var mails = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(m => m.Topic == CapacityService.Topic(CapacityService.TopicWithdrawn, id)).Select(m => m.To).ToListAsync());
        Assert.Contains("koebenhavn-kapacitet@test.rammevaerk.dk", mails);
        Assert.Contains(TestAccounts.SecretariatEmail, mails);

        // Shown everywhere: the notice, the filer's list, the secretariat's lists (not pending), the public list.
        var shown = await filer.GetDocumentAsync(link);
        Assert.Contains("Trukket tilbage", shown.QuerySelector(".state")!.TextContent);
        Assert.Contains("Ingen – orienteringen er trukket tilbage", shown.Text());
        Assert.Null(shown.QuerySelector("form[action*='handler=Withdraw']"));
        var list = await secretariat.GetDocumentAsync("/sekretariat/kapacitet");
        Assert.Null(list.QuerySelector($"#valgt-{id}"));
        var withdrawnRow = list.QuerySelectorAll("tr").Single(tr => tr.QuerySelector($"a[href='/sekretariat/kapacitet/{id}']") is not null);
        Assert.Contains("Trukket tilbage", withdrawnRow.TextContent);
        var publicList = await app.CreateAnonymousClient().GetDocumentAsync($"/kapacitetsaendringer?t={Guid.NewGuid():N}");
        Assert.Contains("Trukket tilbage", publicList.QuerySelector($"#notits-{id}")!.TextContent);
        Assert.Contains("Ingen – orienteringen er trukket tilbage", publicList.QuerySelector($"#notits-{id}")!.TextContent);
        Assert.DoesNotContain("(kommende)", publicList.QuerySelector($"#notits-{id}")!.TextContent);

        // Not onto an agenda, not twice.
        var meetingId = await NewMeetingAsync();
        var fields = new List<KeyValuePair<string, string>> { new("Selected", id.ToString()), new("MeetingId", meetingId.ToString()), new(Browserless.AntiforgeryField, list.AntiforgeryToken()) };
        using (var agenda = await secretariat.PostAsync("/sekretariat/kapacitet?handler=Agenda", new FormUrlEncodedContent(fields)))
        {
            Assert.Equal(HttpStatusCode.OK, agenda.StatusCode);
            Assert.Contains("trukket tilbage", (await agenda.ReadDocumentAsync()).QuerySelector("[role='alert']")!.TextContent);
        }
        using (var again = await WithdrawAsync(filer, id, stamp: notice.ConcurrencyStamp.ToString()))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("allerede trukket tilbage", (await again.ReadDocumentAsync()).QuerySelector("#fejl")!.TextContent);
        }
        Assert.Equal(2, (await NotificationsAsync("koebenhavn-kapacitet@test.rammevaerk.dk", link)).Count);
    }

    [Fact]
    public async Task A_notice_withdrawn_from_a_draft_agenda_item_says_so_to_the_filer_the_secretariat_and_on_the_item()
    {
        var f = await NewFilerAsync();
        var filer = await app.SignInAsync(f.Email, Password);
        var id = await FileOkAsync(filer, f, Form(f, CapacityChangeKind.Reduction, 8, 5));
        var meetingId = await NewMeetingAsync();
        var secretariat = await app.SignInAsSecretariatAsync();
        var itemId = await PutOnAgendaAsync(secretariat, meetingId, id);

        var before = await filer.GetDocumentAsync($"/kapacitet/{id}");
        Assert.Contains("Orienteringen står allerede på punkt 2 på udkastet til dagsorden for Socialdirektørforum", before.QuerySelector("#traek-tilbage")!.ParentElement!.TextContent);
        using (var response = await WithdrawAsync(filer, id))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var message = (await filer.GetDocumentAsync($"/kapacitet/{id}")).QuerySelector("[role='status']")?.TextContent ?? "";
        Assert.Contains("Den stod på punkt 2 på udkastet til dagsorden", message);

        var notice = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().SingleAsync(n => n.Id == id));
        Assert.Equal((NoticeState.Withdrawn, (int?)itemId), (notice.State, notice.AgendaItemId));
        Assert.Contains(await app.QueryAsync(db => db.Notifications.Where(n => n.Link == $"/sekretariat/kapacitet/{id}").Select(n => n.Text).ToListAsync()),
            t => t.Contains("Den står stadig i punkt 2 på udkastet til dagsorden") && t.Contains("ret punktets tekst"));

        // The secretariat's notice page: no decision form, a clear note with the item's link.
        var admin = await secretariat.GetDocumentAsync($"/sekretariat/kapacitet/{id}");
        Assert.Null(admin.QuerySelector("input[name='Decision']"));
        Assert.Contains("har trukket orienteringen tilbage", admin.Text());
        Assert.NotNull(admin.QuerySelector($"[role='note'] a[href='/sekretariat/punkter/{itemId}']"));
        using (var decide = await secretariat.PostFormAsync($"/sekretariat/kapacitet/{id}", new Dictionary<string, string> { ["Decision"] = "Neither", ["Stamp"] = notice.ConcurrencyStamp.ToString() }))
        {
            Assert.Equal(HttpStatusCode.OK, decide.StatusCode);
        }
        Assert.Null(await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == id).Select(n => n.Response).SingleAsync()));

        // The item editor flags it; the list says where it stood.
        var editor = await secretariat.GetDocumentAsync($"/sekretariat/punkter/{itemId}");
        Assert.Contains($"Orientering nr. {id} er trukket tilbage", editor.QuerySelector(".notice-warn")!.TextContent);
        var row = (await secretariat.GetDocumentAsync("/sekretariat/kapacitet")).QuerySelectorAll("tr").Single(tr => tr.QuerySelector($"a[href='/sekretariat/kapacitet/{id}']") is not null);
        Assert.Contains("stod på punkt 2", row.TextContent);
    }

    [Fact]
    public async Task A_decided_notice_cannot_be_withdrawn()
    {
        var f = await NewFilerAsync();
        var filer = await app.SignInAsync(f.Email, Password);
        var id = await FileOkAsync(filer, f, Form(f, CapacityChangeKind.Reduction, 8, 6));
        var secretariat = await app.SignInAsSecretariatAsync();
        var itemId = await PutOnAgendaAsync(secretariat, await NewMeetingAsync(MeetingState.Draft, held: true), id);
        await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(x => x.SetProperty(i => i.Decision, "Socialdirektørforum afgiver en udtalelse.")));
        var admin = await secretariat.GetDocumentAsync($"/sekretariat/kapacitet/{id}");
        using (await secretariat.PostFormAsync($"/sekretariat/kapacitet/{id}", new Dictionary<string, string>
        {
            ["Stamp"] = admin.QuerySelector("input[name='Stamp']")!.GetAttribute("value")!,
        })) { }
        var decided = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().SingleAsync(n => n.Id == id));
        Assert.Equal(NoticeState.Decided, decided.State);
        Assert.Null((await filer.GetDocumentAsync($"/kapacitet/{id}")).QuerySelector("form[action*='handler=Withdraw']"));
        using var response = await WithdrawAsync(filer, id, stamp: decided.ConcurrencyStamp.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("kan ikke trækkes tilbage", (await response.ReadDocumentAsync()).QuerySelector("#fejl")!.TextContent);
        Assert.Equal(NoticeState.Decided, await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == id).Select(n => n.State).SingleAsync()));
    }

    [Fact]
    public async Task A_notices_mail_that_fails_is_retried_and_the_secretariat_sees_it_on_the_notice_and_in_the_outbox()
    {
        var f = await NewFilerAsync();
        var id = await FileOkAsync(await app.SignInAsync(f.Email, Password), f, Form(f, CapacityChangeKind.Reduction, 8, 6));
        var topic = CapacityService.Topic(CapacityService.TopicSubmitted, id);
        var queued = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(m => m.Topic == topic).ToListAsync());
        Assert.Contains(queued, m => m.To == TestAccounts.MunicipalityEmail);
        Assert.All(queued, m => Assert.Null(m.SentAt));

        await using var mailApp = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            b.UseSetting("Mail:Smtp:Port", Rammevaerk.Tests.Notifications.SmtpSink.ClosedPort().ToString());
            b.UseSetting("Mail:Smtp:Security", "None");
            b.UseSetting("Mail:Smtp:From", "sekretariat@test.rammevaerk.dk");
            b.UseSetting("Mail:Smtp:TimeoutSeconds", "10");
            b.UseSetting("Mail:MaxAttempts", "2");
            b.UseSetting("Mail:DeliverInBackground", "false");
        });
        var sender = mailApp.Services.GetRequiredService<OutboxSender>();
        // The sender takes the oldest due messages in batches; other tests' messages may come first.
        async Task DeliverUntilAsync(int attempts)
        {
            for (var round = 0; round < 100 && await app.QueryAsync(db => db.Outbox.AnyAsync(m => m.Topic == topic && m.Attempts < attempts)); round++)
                await sender.DeliverDueAsync(CancellationToken.None);
        }
        await DeliverUntilAsync(1);
        var first = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(m => m.Topic == topic).ToListAsync());
        Assert.All(first, m => { Assert.Null(m.SentAt); Assert.Equal(1, m.Attempts); Assert.NotNull(m.NextAttemptAt); Assert.NotNull(m.LastError); });

        var client = AppFactory.CreateClientOf(mailApp);
        using (var signIn = await AppFactory.SubmitSignInAsync(client, TestAccounts.SecretariatEmail, TestAccounts.SecretariatPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
        var page = await client.GetDocumentAsync($"/sekretariat/kapacitet/{id}");
        Assert.Contains($"0 sendt · {first.Count} venter · 0 fejlet", page.QuerySelector("#mails")!.TextContent);
        Assert.Contains("Venter på nyt forsøg", page.Text());
        Assert.NotNull(page.QuerySelector("#mails a[href='/sekretariat/udbakke']"));

        // The retry is due and fails for the last time: given up, shown as failed, and Send igen queues it again.
        await app.QueryAsync(db => db.Outbox.Where(m => m.Topic == topic).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1))));
        await DeliverUntilAsync(2);
        page = await client.GetDocumentAsync($"/sekretariat/kapacitet/{id}");
        Assert.Contains($"0 sendt · 0 venter · {first.Count} fejlet", page.QuerySelector("#mails")!.TextContent);
        Assert.Contains(TestAccounts.MunicipalityEmail, page.Text());
        var outbox = await client.GetDocumentAsync("/sekretariat/udbakke");
        var mail = first.First(m => m.To == TestAccounts.MunicipalityEmail);
        var row = outbox.QuerySelector($"table.outbox tr[data-id='{mail.Id}']")!;
        Assert.Equal("Fejlet", row.QuerySelector(".outbox-state strong")!.TextContent.Trim());
        Assert.Contains(topic, row.TextContent);
        using (var retry = await client.PostFormAsync("/sekretariat/udbakke", new Dictionary<string, string> { ["id"] = mail.Id.ToString() }, "/sekretariat/udbakke?handler=Retry"))
        {
            Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        }
        Assert.Equal(0, await app.QueryAsync(db => db.Outbox.Where(m => m.Id == mail.Id).Select(m => m.Attempts).SingleAsync()));
        // The in-app notifications never depended on the mail.
        Assert.Single(await NotificationsAsync(TestAccounts.MunicipalityEmail, $"/kapacitet/{id}"));
    }

    [Fact]
    public void The_Indstilling_has_one_bullet_per_municipality_in_seed_001s_form()
    {
        static CapacityNotice N(string op, CapacityChangeKind kind, int id) => new() { Id = id, Kind = kind, Operator = new Operator { Name = op, Kind = OperatorKind.Municipality, Region = Region }, NewOfferName = "x" };
        var text = AgendaText.Recommendation([
            N("Billund Kommune", CapacityChangeKind.Conversion, 3), N("Billund Kommune", CapacityChangeKind.Closing, 4),
            N("Faaborg-Midtfyn Kommune", CapacityChangeKind.Closing, 2), N("Vejen Kommune", CapacityChangeKind.Opening, 1)]);
        Assert.Equal(
            "Det indstilles, at Socialdirektørforum:\n\n"
            + "- Beslutter at de ikke ønsker at lave en fælleskommunal høring og/eller en udtalelse til Billund Kommune\n"
            + "- Beslutter at de ikke ønsker at lave en fælleskommunal høring pba. lukningen i Faaborg-Midtfyn Kommune\n"
            + "- Beslutter at de ikke ønsker at lave en udtalelse til Vejen Kommune", text);
    }

    [Fact]
    public void Upcoming_changes_are_marked_ahead_of_their_date_and_in_force_after()
    {
        var today = new DateOnly(2026, 3, 1);
        CapacityNotice N(NoticeState s, int days, bool applied = false) => new() { State = s, EffectiveDate = today.AddDays(days), AppliedAt = applied ? DateTime.UtcNow : null };
        Assert.Equal("1. april 2026 (kommende)", CapacityService.EffectiveText(N(NoticeState.Submitted, 31), today));
        Assert.Equal("kommende", CapacityService.Timing(N(NoticeState.Decided, 1), today));
        Assert.Equal("trådt i kraft", CapacityService.Timing(N(NoticeState.Decided, 0), today));
        Assert.Equal("trådt i kraft", CapacityService.Timing(N(NoticeState.Decided, -5, applied: true), today));
        Assert.Null(CapacityService.Timing(N(NoticeState.Withdrawn, 31), today));
        Assert.Equal("1. april 2026", CapacityService.EffectiveText(N(NoticeState.Withdrawn, 31), today));
    }

    [Fact]
    public async Task The_demo_holds_seed_001s_notices_on_item_6_decided_with_neither_hearing_nor_statement()
    {
        var notices = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().Include(n => n.Lines).Include(n => n.Operator).Include(n => n.Offer)
            .Include(n => n.AgendaItem).ThenInclude(i => i!.Meeting).Where(n => n.CreatedBy == "demo").ToListAsync());
        Assert.Equal(4, notices.Count);
        Assert.All(notices, n =>
        {
            Assert.Equal(NoticeState.Decided, n.State);
            Assert.Equal(ForumResponse.Neither, n.Response);
            Assert.NotNull(n.AppliedAt);
            Assert.Equal(6, n.AgendaItem!.Number);
            Assert.Equal("socialdirektoerforum/2025-06-27T09:00", n.AgendaItem.Meeting.ImportKey);
        });
        var vejen = notices.Single(n => n.Operator!.Name == "Vejen Kommune");
        Assert.Equal((CapacityChangeKind.Opening, "BL § 43"), (vejen.Kind, vejen.Lines.Single().LegalBasesAfter));
        Assert.StartsWith("Vejen Kommune har i dag ikke egne pladser til denne målgruppe", vejen.Reason);
        var lunden = notices.Single(n => n.Offer?.Name == "Bofællesskabet på Lunden");
        Assert.Equal((CapacityChangeKind.Closing, 85m, 8, 0, new DateOnly(2025, 12, 31)), (lunden.Kind, lunden.OwnUsePercent!.Value, lunden.Lines.Single().PlacesBefore, lunden.Lines.Single().PlacesAfter, lunden.EffectiveDate!.Value));
        Assert.Contains("Kommunalbestyrelsen i august 2025", lunden.Process);
        var skibet = notices.Single(n => n.Offer?.Name == "Skibet").Lines.Single();
        Assert.Equal(("SEL § 84", "SEL § 107", 4, 4, 2422m, 8.4m), (skibet.LegalBasesBefore, skibet.LegalBasesAfter, skibet.PlacesBefore, skibet.PlacesAfter, skibet.RateAfter!.Value, skibet.ServiceLevelHoursAfter!.Value));
        var sydtoften = notices.Single(n => n.Offer?.Name == "Bofællesskab 3 på Sydtoften");
        Assert.Equal((5, 0, new DateOnly(2025, 9, 1)), (sydtoften.Lines.Single().PlacesBefore, sydtoften.Lines.Single().PlacesAfter, sydtoften.EffectiveDate!.Value));
        var page = await app.CreateAnonymousClient().GetDocumentAsync("/kapacitetsaendringer");
        Assert.Contains("Lukning af pladser på Bofællesskabet på Lunden, Faaborg-Midtfyn Kommune", page.Text());
    }
}

public sealed class CapacityTestsOnSqlite(SqliteAppFactory app) : CapacityTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CapacityTestsOnPostgres(PostgresAppFactory app) : CapacityTests(app), IClassFixture<PostgresAppFactory>;
