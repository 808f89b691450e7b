using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.EarlyWarnings;
using Rammevaerk.Meetings;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.EarlyWarnings;

/// <summary>
/// Early warnings through the real HTTP pipeline: a municipality user files a warning on its own offer and the
/// buyers are told; bad input, tampering and stale edits save nothing; the secretariat opens the yearly round,
/// sees who has answered, reminds the rest, exports the summary and puts it on a meeting's agenda.
/// </summary>
/// <remarks>
/// Every test makes an operator of its own (one user, one offer bought by Varde and Billund, whose test users are the
/// buyers). Only one round can be open at a time, so the round tests close theirs; tests of a class run one by one.
/// </remarks>
public abstract class EarlyWarningTests(AppFactory app)
{
    private const string Region = "Region Syddanmark";
    private const string Password = "early-warning-test-adgang-2026";

    private sealed record Seller(int Id, string Name, string Email, int OfferId, string OfferName, int ServiceId, int OtherServiceId);

    private static DateOnly Today => DateOnly.FromDateTime(Danish.TodayOf(TimeProvider.System));
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly Dictionary<AppFactory, int> NextYears = [];

    private int NewYear()
    {
        lock (NextYears)
        {
            var year = NextYears.GetValueOrDefault(app, 2001);
            NextYears[app] = year + 1;
            return year;
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A new operator with one user and one offer (two services) bought by Varde (3 citizens) and Billund (2).</summary>
    private Task<Seller> NewSellerAsync() => InScopeAsync(async sp =>
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var db = sp.GetRequiredService<AppDb>();
        var op = new Operator { Kind = OperatorKind.Municipality, Name = $"Varselkommune {tag}", Region = Region };
        db.Operators.Add(op);
        await db.SaveChangesAsync();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var email = $"varsler-{tag}@test.rammevaerk.dk";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Varsler {tag}", OperatorId = op.Id };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Municipality)).Succeeded);
        var register = sp.GetRequiredService<OfferRegister>();
        var offerName = $"Botilbuddet Varsel {tag}";
        var offer = await register.ApplyAsync(new OfferSnapshot
        {
            Name = offerName, OperatorId = op.Id, OperatorName = op.Name, Status = OfferStatus.Active, Year = 2026,
            Departments =
            [
                new DepartmentSnapshot
                {
                    Name = "Botilbud",
                    Services =
                    [
                        new ServiceSnapshot { Name = "Længerevarende botilbud", LegalBases = ["SEL § 108"], TargetGroups = ["Udviklingshæmning"], Places = 10, Rate = 3000m, RateUnit = RateUnit.PerDay, RateYear = 2026 },
                        new ServiceSnapshot { Name = "Aflastning", LegalBases = ["SEL § 107"], TargetGroups = ["Udviklingshæmning"], Places = 2, Rate = 2800m, RateUnit = RateUnit.PerDay, RateYear = 2026 },
                    ],
                },
            ],
            Buyers =
            [
                new BuyerSnapshot { MunicipalityCode = TestAccounts.MunicipalityCode, Citizens = 3 },
                new BuyerSnapshot { MunicipalityCode = TestAccounts.SecondMunicipalityCode, Citizens = 2 },
            ],
        }, 2026, "Test", "test", DateTime.UtcNow);
        await register.SaveAsync();
        var services = offer.Departments[0].Services.OrderBy(s => s.SortOrder).ToList();
        return new Seller(op.Id, op.Name, email, offer.Id, offerName, services[0].Id, services[1].Id);
    });

    private static Dictionary<string, string> Form(Seller s, string? percent = "4,5", string? amount = "135", string? reason = "Ny vågen nattevagt efter tilsynets påbud.",
        string? from = null, string? state = "Expected", int? serviceId = null, int? offerId = null) => new()
    {
        ["Input.OfferId"] = (offerId ?? s.OfferId).ToString(CultureInfo.InvariantCulture),
        ["Input.ServiceId"] = (serviceId ?? s.ServiceId).ToString(CultureInfo.InvariantCulture),
        ["Input.ChangePercent"] = percent ?? "",
        ["Input.ChangeAmount"] = amount ?? "",
        ["Input.Reason"] = reason ?? "",
        ["Input.ExpectedFrom"] = from ?? Iso(Today.AddMonths(3)),
        ["Input.State"] = state ?? "",
    };

    private async Task<int> FileAsync(HttpClient client, Seller s, Dictionary<string, string>? form = null)
    {
        using var response = await client.PostFormAsync("/early-warning/ny", form ?? Form(s));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches(@"^/early-warning/\d+$", location);
        return int.Parse(location.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private Task<string> UserIdAsync(string email) => app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<int> WarningCountAsync() => app.QueryAsync(db => db.RateWarnings.CountAsync());

    [Fact]
    public async Task Filing_a_warning_saves_it_and_notifies_each_buyer_in_app_and_by_email_with_a_link()
    {
        var s = await NewSellerAsync();
        var client = await app.SignInAsync(s.Email, Password);
        var form = await client.GetDocumentAsync("/early-warning/ny");
        Assert.Contains(s.OfferName, form.QuerySelector("#f-OfferId")!.TextContent);

        var id = await FileAsync(client, s, Form(s, percent: "4,5", amount: "1.250,50", from: Iso(new DateOnly(Today.Year + 1, 1, 1)), state: "PoliticallyDecided"));

        var w = await app.QueryAsync(db => db.RateWarnings.AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal(s.Id, w.OperatorId);
        Assert.Equal(s.OfferId, w.OfferId);
        Assert.Equal(s.ServiceId, w.ServiceId);
        Assert.Equal(4.5m, w.ChangePercent);
        Assert.Equal(1250.50m, w.ChangeAmount);
        Assert.Equal(new DateOnly(Today.Year + 1, 1, 1), w.ExpectedFrom);
        Assert.Equal(WarningState.PoliticallyDecided, w.State);
        Assert.Equal(s.Email, w.CreatedBy);

        // Both buying municipalities' users, and no one else, are told: in-app and by e-mail, with the link.
        var link = $"/early-warning/{id}";
        var notified = await app.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.Link == link).Select(n => n.UserId).ToListAsync());
        Assert.Equal(2, notified.Count);
        Assert.Equal(
            new[] { await UserIdAsync(TestAccounts.MunicipalityEmail), await UserIdAsync(TestAccounts.SecondMunicipalityEmail) }.Order(),
            notified.Order());
        var mails = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(m => m.Body.Contains(link)).ToListAsync());
        Assert.Equal(2, mails.Count);
        Assert.Equal([TestAccounts.SecondMunicipalityEmail, TestAccounts.MunicipalityEmail], mails.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Contains(s.OfferName, m.Subject));
        Assert.All(mails, m => Assert.Contains("+4,5 %", m.Body));

        // The page says so and shows the warning with its buyers; a buyer reads it and cannot edit it.
        var page = await client.GetDocumentAsync(link);
        Assert.Contains("2 brugere i køberkommunerne har fået besked", page.Text());
        Assert.Contains("Billund (2 borgere), Varde (3 borgere)", page.Text());
        var buyer = await app.SignInAsync(TestAccounts.MunicipalityEmail, TestAccounts.MunicipalityPassword);
        var read = await buyer.GetDocumentAsync(link);
        Assert.Contains("Politisk besluttet", read.Text());
        Assert.Null(read.QuerySelector("form.warning-form"));
        var list = await buyer.GetDocumentAsync("/early-warning");
        Assert.NotNull(list.QuerySelector($"a[href='{link}']"));
    }

    public static TheoryData<string, string, string, string> BadFields => new()
    {
        // field, value, the error element, what the message says
        { "Input.ChangePercent", "fire", "f-ChangePercent-error", "Ændring i procent skal være et tal" },
        { "Input.ChangePercent", "4.5", "f-ChangePercent-error", "Ændring i procent skal være et tal" },
        { "Input.ChangeAmount", "mange", "f-ChangeAmount-error", "Ændring i kroner skal være et tal" },
        { "Input.Reason", "  ", "f-Reason-error", "Begrundelse: skriv" },
        { "Input.ExpectedFrom", "", "f-ExpectedFrom-error", "Forventet fra: angiv datoen" },
        { "Input.ExpectedFrom", "31.2.2027", "f-ExpectedFrom-error", "Forventet fra skal være en dato" },
        { "Input.ExpectedFrom", "past", "f-ExpectedFrom-error", "Forventet fra ligger i fortiden" },
        { "Input.State", "", "f-State-error", "Status: vælg" },
        { "Input.State", "Decided", "f-State-error", "Status: vælg" },
        { "Input.OfferId", "", "f-OfferId-error", "Tilbud: vælg det tilbud" },
        { "Input.ServiceId", "other-offer", "f-ServiceId-error", "hører ikke til det valgte tilbud" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_gets_a_Danish_message_naming_it_and_nothing_is_saved(string field, string value, string errorId, string message)
    {
        var s = await NewSellerAsync();
        var client = await app.SignInAsync(s.Email, Password);
        var form = Form(s);
        if (value == "past") value = Iso(Today.AddDays(-1));
        if (value == "other-offer")
        {
            // A service of the operator's second offer: its own, but not of the chosen offer.
            var other = await NewOfferForAsync(s);
            value = other.ToString(CultureInfo.InvariantCulture);
        }
        form[field] = value;
        var warnings = await WarningCountAsync();
        var notifications = await app.QueryAsync(db => db.Notifications.CountAsync());

        using var response = await client.PostFormAsync("/early-warning/ny", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.GetElementById(errorId)?.TextContent ?? "");
        Assert.Contains(message, page.QuerySelector("#fejl")!.TextContent);
        Assert.StartsWith("Fejl:", page.Title);
        Assert.Equal(warnings, await WarningCountAsync());
        Assert.Equal(notifications, await app.QueryAsync(db => db.Notifications.CountAsync()));
    }

    [Fact]
    public async Task A_change_is_required_in_per_cent_or_kroner_and_either_alone_is_enough()
    {
        var s = await NewSellerAsync();
        var client = await app.SignInAsync(s.Email, Password);
        var warnings = await WarningCountAsync();
        using (var response = await client.PostFormAsync("/early-warning/ny", Form(s, percent: "", amount: "")))
        {
            var page = await response.ReadDocumentAsync();
            Assert.Contains("angiv ændringen i procent eller i kroner", page.GetElementById("f-ChangePercent-error")!.TextContent);
        }
        Assert.Equal(warnings, await WarningCountAsync());
        var onlyPercent = await FileAsync(client, s, Form(s, percent: "-2", amount: ""));
        var onlyAmount = await FileAsync(client, s, Form(s, percent: null, amount: "150 kr."));
        Assert.Equal((-2m, (decimal?)null), await app.QueryAsync(db => db.RateWarnings.Where(w => w.Id == onlyPercent).Select(w => new ValueTuple<decimal, decimal?>(w.ChangePercent!.Value, w.ChangeAmount)).SingleAsync()));
        Assert.Equal(150m, await app.QueryAsync(db => db.RateWarnings.Where(w => w.Id == onlyAmount).Select(w => w.ChangeAmount).SingleAsync()));
    }

    private Task<int> NewOfferForAsync(Seller s) => InScopeAsync(async sp =>
    {
        var register = sp.GetRequiredService<OfferRegister>();
        var offer = await register.ApplyAsync(new OfferSnapshot
        {
            Name = s.OfferName + " II", OperatorId = s.Id, OperatorName = s.Name, Status = OfferStatus.Active, Year = 2026,
            Departments = [new DepartmentSnapshot { Name = "Dag", Services = [new ServiceSnapshot { Name = "Aktivitetstilbud", LegalBases = ["SEL § 104"], TargetGroups = ["Udviklingshæmning"], Places = 5 }] }],
        }, 2026, "Test", "test", DateTime.UtcNow);
        await register.SaveAsync();
        return offer.Departments[0].Services[0].Id;
    });

    [Fact]
    public async Task Filing_on_another_operators_offer_or_service_is_refused_with_403_logged_and_nothing_saved()
    {
        var s = await NewSellerAsync();
        var other = await NewSellerAsync();
        var client = await app.SignInAsync(s.Email, Password);
        var warnings = await WarningCountAsync();
        var audits = await app.QueryAsync(db => db.AuditLog.CountAsync(e => e.Path!.Contains("/early-warning/ny")));

        using (var response = await client.PostFormAsync("/early-warning/ny", Form(s, offerId: other.OfferId, serviceId: other.ServiceId)))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using (var response = await client.PostFormAsync("/early-warning/ny", Form(s, serviceId: other.ServiceId)))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        Assert.Equal(warnings, await WarningCountAsync());
        var entries = await app.QueryAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Path!.Contains("/early-warning/ny")).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(audits + 2, entries.Count);
        Assert.All(entries.TakeLast(2), e => Assert.Equal(AuditLog.OtherOperatorsData, e.Action));
        Assert.All(entries.TakeLast(2), e => Assert.Equal(s.Email, e.UserName));
        Assert.Contains(other.OfferName, entries[^2].Detail);
    }

    [Fact]
    public async Task Editing_another_operators_warning_is_refused_with_403_and_logged_and_a_stale_form_is_refused()
    {
        var s = await NewSellerAsync();
        var client = await app.SignInAsync(s.Email, Password);
        var id = await FileAsync(client, s);
        var url = $"/early-warning/{id}";
        var before = await app.QueryAsync(db => db.RateWarnings.AsNoTracking().SingleAsync(w => w.Id == id));

        // Billund buys the offer and can read the warning, but not change it.
        var billund = await app.SignInAsync(TestAccounts.SecondMunicipalityEmail, TestAccounts.SecondMunicipalityPassword);
        var read = await billund.GetDocumentAsync(url);
        var token = read.AntiforgeryToken();
        var tampered = Form(s, reason: "Ændret af en anden kommune", state: "Withdrawn");
        tampered["Input.Stamp"] = before.ConcurrencyStamp.ToString();
        tampered[Browserless.AntiforgeryField] = token;
        using (var response = await billund.PostAsync(url, new FormUrlEncodedContent(tampered)))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var after = await app.QueryAsync(db => db.RateWarnings.AsNoTracking().SingleAsync(w => w.Id == id));
        Assert.Equal(before.Reason, after.Reason);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        var entry = await app.QueryAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Path!.Contains(url)).OrderBy(e => e.Id).LastAsync());
        Assert.Equal(AuditLog.OtherOperatorsData, entry.Action);
        Assert.Equal(TestAccounts.SecondMunicipalityEmail, entry.UserName);

        // The owner edits with the stamp it read; a second edit with the old stamp is refused and saves nothing.
        var edit = Form(s, reason: "Ny begrundelse", state: "Expected");
        edit["Input.Stamp"] = before.ConcurrencyStamp.ToString();
        using (var response = await client.PostFormAsync(url, edit))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stale = Form(s, reason: "Forældet udgave", state: "Expected");
        stale["Input.Stamp"] = before.ConcurrencyStamp.ToString();
        using (var response = await client.PostFormAsync(url, stale))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("ændret af en anden", (await response.ReadDocumentAsync()).QuerySelector("#fejl")!.TextContent);
        }
        Assert.Equal("Ny begrundelse", await app.QueryAsync(db => db.RateWarnings.Where(w => w.Id == id).Select(w => w.Reason).SingleAsync()));
    }

    [Fact]
    public async Task A_change_of_state_notifies_the_buyers_again_and_other_edits_do_not()
    {
        var s = await NewSellerAsync();
        var client = await app.SignInAsync(s.Email, Password);
        var id = await FileAsync(client, s);
        var url = $"/early-warning/{id}";
        Task<int> Count() => app.QueryAsync(db => db.Notifications.CountAsync(n => n.Link == url));
        Assert.Equal(2, await Count());

        async Task EditAsync(Dictionary<string, string> form)
        {
            var page = await client.GetDocumentAsync(url);
            form["Input.Stamp"] = page.QuerySelector("input[name='Input.Stamp']")!.GetAttribute("value")!;
            form[Browserless.AntiforgeryField] = page.AntiforgeryToken();
            using var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await EditAsync(Form(s, reason: "Uddybet begrundelse", state: "Expected"));
        Assert.Equal(2, await Count());
        await EditAsync(Form(s, reason: "Uddybet begrundelse", state: "Withdrawn"));
        Assert.Equal(4, await Count());
        var text = await app.QueryAsync(db => db.Notifications.Where(n => n.Link == url).OrderBy(n => n.Id).Select(n => n.Text).LastAsync());
        Assert.Contains("trukket tilbage", text);
    }

    [Fact]
    public async Task The_yearly_round_is_opened_answered_reminded_summed_up_exported_and_put_on_the_agenda()
    {
        var quiet = await NewSellerAsync();
        var warner = await NewSellerAsync();
        var late = await NewSellerAsync();
        var secretariat = await app.SignInAsSecretariatAsync();
        var year = NewYear();
        var deadline = Today.AddDays(40);

        // Opening: every reporting operator's users are told.
        using (var open = await secretariat.PostFormAsync("/sekretariat/early-warning", new Dictionary<string, string>
        {
            ["Input.Year"] = year.ToString(CultureInfo.InvariantCulture), ["Input.Deadline"] = Iso(deadline), ["Input.Instructions"] = "Meld jeres varsler.",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
            Assert.Equal($"/sekretariat/early-warning/{year}", open.Headers.Location!.ToString());
        }
        var roundId = await app.QueryAsync(db => db.WarningRounds.Where(r => r.Year == year).Select(r => r.Id).SingleAsync());
        try
        {
            var subject = $"Early warning {year}: meld forventede takstændringer";
            foreach (var email in new[] { quiet.Email, warner.Email, late.Email, TestAccounts.MunicipalityEmail, TestAccounts.SecondMunicipalityEmail })
            {
                var uid = await UserIdAsync(email);
                Assert.Equal(1, await app.QueryAsync(db => db.Notifications.CountAsync(n => n.UserId == uid && n.Link == "/early-warning" && n.Text.Contains($"runde for {year}"))));
                Assert.Equal(1, await app.QueryAsync(db => db.Outbox.CountAsync(m => m.To == email && m.Subject == subject)));
            }

            // One operator says it has nothing to warn in one click, another files a warning.
            var quietClient = await app.SignInAsync(quiet.Email, Password);
            var quietPage = await quietClient.GetDocumentAsync("/early-warning");
            Assert.Contains($"Early warning-runden for {year} er åben", quietPage.Text());
            using (var nothing = await quietClient.PostFormAsync("/early-warning", new Dictionary<string, string>(), "/early-warning?handler=Nothing"))
                Assert.Equal(HttpStatusCode.Redirect, nothing.StatusCode);
            Assert.Contains("ingen varsler i år", (await quietClient.GetDocumentAsync("/early-warning")).Text());
            var warnerClient = await app.SignInAsync(warner.Email, Password);
            var warningId = await FileAsync(warnerClient, warner);
            Assert.Equal(roundId, await app.QueryAsync(db => db.RateWarnings.Where(w => w.Id == warningId).Select(w => w.RoundId).SingleAsync()));
            // Having filed, "nothing to warn" is refused.
            using (var contradict = await warnerClient.PostFormAsync("/early-warning", new Dictionary<string, string>(), "/early-warning?handler=Nothing"))
            {
                Assert.Equal(HttpStatusCode.OK, contradict.StatusCode);
                Assert.Contains("allerede meldt et varsel", (await contradict.ReadDocumentAsync()).Text());
            }

            // Completeness: the two have answered, the third has not.
            var roundUrl = $"/sekretariat/early-warning/{year}";
            var roundPage = await secretariat.GetDocumentAsync(roundUrl);
            string AnswerOf(IDocument page, string op) =>
                page.QuerySelectorAll("table.completeness tbody tr").Single(tr => tr.Children[0].TextContent.Trim() == op).Children[1].TextContent.Trim();
            Assert.Equal("Ingen varsler", AnswerOf(roundPage, quiet.Name));
            Assert.Equal("1 varsel", AnswerOf(roundPage, warner.Name));
            Assert.Equal("Ikke svaret", AnswerOf(roundPage, late.Name));
            var operators = await app.QueryAsync(db => db.Operators.CountAsync(o => o.Region == Region && o.Kind != OperatorKind.Private));
            Assert.Contains($"2 af {operators} driftsherrer har svaret", roundPage.Text());

            // The reminder goes only to those who have not answered.
            using (var remind = await secretariat.PostFormAsync(roundUrl, new Dictionary<string, string>(), roundUrl + "?handler=Remind"))
                Assert.Equal(HttpStatusCode.Redirect, remind.StatusCode);
            Task<int> Reminders(string email) => app.QueryAsync(db => db.Outbox.CountAsync(m => m.To == email && m.Subject == $"Påmindelse: early warning {year}"));
            Assert.Equal(0, await Reminders(quiet.Email));
            Assert.Equal(0, await Reminders(warner.Email));
            Assert.Equal(1, await Reminders(late.Email));
            Assert.Equal(1, await Reminders(TestAccounts.MunicipalityEmail));
            Assert.Contains("Påmindelse sendt til", (await secretariat.GetDocumentAsync(roundUrl)).Text());

            // The summary table: offer, operator, change, date, state and the buyers affected.
            roundPage = await secretariat.GetDocumentAsync(roundUrl);
            var row = roundPage.QuerySelectorAll("table.summary-table tbody tr").Single();
            var cells = row.Children.Select(c => c.TextContent.Trim()).ToList();
            Assert.StartsWith(warner.OfferName, cells[0]);
            Assert.Equal(warner.Name, cells[1]);
            Assert.Equal("+4,5 % (+135 kr.)", cells[2]);
            Assert.Equal("Forventet", cells[4]);
            Assert.Equal("2", cells[5]);
            Assert.Equal("Billund, Varde", cells[6]);

            // The Excel export holds the same rows.
            using (var xlsx = await secretariat.GetAsync($"{roundUrl}/opsamling.xlsx"))
            {
                Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
                Assert.Equal(OfferWorkbooks.XlsxType, xlsx.Content.Headers.ContentType!.MediaType);
                using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
                using var doc = SpreadsheetDocument.Open(stream, false);
                var sheet = doc.WorkbookPart!.WorksheetParts.First().Worksheet;
                var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
                Assert.Equal("Tilbud", rows[0][0]);
                Assert.Equal(3, rows.Count); // header, the warning, total
                Assert.Equal(warner.OfferName, rows[1][0]);
                Assert.Equal(0.045m, decimal.Parse(rows[1][3], CultureInfo.InvariantCulture));
                Assert.Equal(135m, decimal.Parse(rows[1][4], CultureInfo.InvariantCulture));
                Assert.Contains("Billund, Varde", rows[1]);
            }

            // Onto the agenda: a new item on a draft meeting with the background, the table and the recommendation.
            var meeting = await app.QueryAsync(db => db.Meetings.Where(m => m.State == MeetingState.Draft).OrderBy(m => m.Id).Select(m => new { m.Id, Count = m.Items.Count, Max = m.Items.Max(i => (int?)i.Number) ?? 0 }).FirstAsync());
            using (var create = await secretariat.PostFormAsync(roundUrl, new Dictionary<string, string> { ["MeetingId"] = meeting.Id.ToString(CultureInfo.InvariantCulture) }, roundUrl + "?handler=Agenda"))
            {
                Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
                Assert.Matches(@"^/sekretariat/punkter/\d+$", create.Headers.Location!.ToString());
            }
            var round = await app.QueryAsync(db => db.WarningRounds.AsNoTracking().SingleAsync(r => r.Id == roundId));
            var item = await app.QueryAsync(db => db.AgendaItems.AsNoTracking().SingleAsync(i => i.Id == round.AgendaItemId));
            Assert.Equal(meeting.Id, item.MeetingId);
            // Before the trailing standard items (Orienteringer, Eventuelt), which moved down one.
            var lastTitles = await app.QueryAsync(db => db.ItemTemplates.Where(t => t.Position == TemplatePosition.Last).Select(t => t.Title).ToListAsync());
            var order = await app.QueryAsync(db => db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id).OrderBy(i => i.Number).Select(i => new { i.Id, i.Number, i.Title }).ToListAsync());
            Assert.Equal(Enumerable.Range(1, order.Count), order.Select(i => i.Number));
            Assert.All(order.SkipWhile(i => i.Id != item.Id).Skip(1), i => Assert.Contains(i.Title, lastTitles));
            Assert.True(order.Count == meeting.Count + 1);
            Assert.Equal($"Early warning – forventede takstændringer {year}", item.Title);
            Assert.Contains("pris- og lønfremskrivningen", item.Background);
            Assert.Equal("Det indstilles, at Socialdirektørforum tager orienteringen til efterretning.", item.Recommendation);
            Assert.Contains("| Tilbud | Driftsherre | Forventet ændring | Fra | Status | Berørte køberkommuner |", item.CasePresentation);
            Assert.Contains($"| {warner.OfferName} (Længerevarende botilbud) | {warner.Name} | +4,5 % (+135 kr.) |", item.CasePresentation);
            Assert.Contains("| 2: Billund, Varde |", item.CasePresentation);
            // The item is an ordinary item: its editing page opens, and the round links it.
            Assert.Contains(item.Title, (await secretariat.GetDocumentAsync($"/sekretariat/punkter/{item.Id}")).Text());
            Assert.NotNull((await secretariat.GetDocumentAsync(roundUrl)).QuerySelector($"a[href='/sekretariat/punkter/{item.Id}']"));
            // A second item is refused.
            var items = await app.QueryAsync(db => db.AgendaItems.CountAsync(i => i.MeetingId == meeting.Id));
            using (var twice = await secretariat.PostFormAsync(roundUrl, new Dictionary<string, string> { ["MeetingId"] = meeting.Id.ToString(CultureInfo.InvariantCulture) }, roundUrl + "?handler=Agenda"))
                Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
            Assert.Equal(items, await app.QueryAsync(db => db.AgendaItems.CountAsync(i => i.MeetingId == meeting.Id)));
        }
        finally
        {
            await app.QueryAsync(async db =>
            {
                await db.WarningRounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(u => u.SetProperty(r => r.State, WarningRoundState.Closed));
                return 0;
            });
        }
    }

    [Fact]
    public async Task Opening_a_round_with_a_bad_year_or_a_past_deadline_or_a_second_open_round_saves_nothing()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var rounds = await app.QueryAsync(db => db.WarningRounds.CountAsync());
        foreach (var (y, deadline, expected) in new[]
        {
            ("2026", Iso(Today.AddDays(10)), "Der findes allerede en early warning-runde for 2026."),
            (NewYear().ToString(CultureInfo.InvariantCulture), Iso(Today.AddDays(-1)), "Fristen ligger i fortiden."),
            ("tyve", Iso(Today.AddDays(10)), ""),
        })
        {
            using var response = await secretariat.PostFormAsync("/sekretariat/early-warning", new Dictionary<string, string> { ["Input.Year"] = y, ["Input.Deadline"] = deadline });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadDocumentAsync();
            if (expected.Length > 0) Assert.Contains(expected, page.Text());
            else Assert.NotEmpty(page.GetElementById("Input_Year-error")!.TextContent.Trim());
        }
        Assert.Equal(rounds, await app.QueryAsync(db => db.WarningRounds.CountAsync()));
    }

    [Fact]
    public async Task Municipality_users_cannot_reach_the_secretariats_round_pages()
    {
        var varde = await app.SignInAsync(TestAccounts.MunicipalityEmail, TestAccounts.MunicipalityPassword);
        using var response = await varde.GetAsync("/sekretariat/early-warning/2026");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        using var export = await varde.GetAsync("/sekretariat/early-warning/2026/opsamling.xlsx");
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
    }

    [Fact]
    public async Task The_demo_has_the_open_Lunden_warning_with_its_buyers_and_the_closed_2026_round()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var page = await secretariat.GetDocumentAsync("/sekretariat/early-warning/2026");
        Assert.Contains("Lukket", page.Text());
        var row = page.QuerySelectorAll("table.summary-table tbody tr").Single();
        Assert.StartsWith("Bo- og Rehabiliteringscenter Lunden", row.Children[0].TextContent.Trim());
        Assert.Equal("Varde Kommune", row.Children[1].TextContent.Trim());
        Assert.Equal("5", row.Children[5].TextContent.Trim());
        Assert.Equal("Billund, Esbjerg, Fanø, Kolding, Vejen", row.Children[6].TextContent.Trim());
        string AnswerOf(string op) =>
            page.QuerySelectorAll("table.completeness tbody tr").Single(tr => tr.Children[0].TextContent.Trim() == op).Children[1].TextContent.Trim();
        Assert.Equal("1 varsel", AnswerOf("Varde Kommune"));
        Assert.Equal("Ingen varsler", AnswerOf("Odense Kommune"));
        Assert.Equal("Ikke svaret", AnswerOf("Langeland Kommune"));
        Assert.Equal("Ikke svaret", AnswerOf("Ærø Kommune"));
    }
}

public sealed class EarlyWarningTestsOnSqlite(SqliteAppFactory app) : EarlyWarningTests(app), IClassFixture<SqliteAppFactory>;

public sealed class EarlyWarningTestsOnPostgres(PostgresAppFactory app) : EarlyWarningTests(app), IClassFixture<PostgresAppFactory>;
