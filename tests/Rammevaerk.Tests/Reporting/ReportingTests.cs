using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;
using Rammevaerk.Reporting;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Reporting;

/// <summary>
/// The annual reporting round through the real HTTP pipeline: the secretariat opens a round, a municipality user
/// corrects and submits its pre-filled report, the secretariat approves it into the register or sends it back, and
/// reminds the late ones; access, antiforgery and concurrency.
/// </summary>
/// <remarks>
/// Every test makes what it needs: an operator of its own with one reporting user and one offer in the register for
/// the year before, and a round of a year no other test of the class uses (2001 onwards; the demo data has 2026 and
/// 2027). So the tests do not depend on each other or on the demo reports.
/// </remarks>
public abstract class ReportingTests(AppFactory app)
{
    private const string Region = "Region Syddanmark";
    private const string Password = "indberetning-test-adgang-2026";
    private const string OfferName = "Botilbuddet Testly";
    private const string ServiceName = "Længerevarende botilbud";
    /// <summary>The form names of the one service of the one offer.</summary>
    private const string Service = "Form.Offers[0].Departments[0].Services[0]";
    private const string ServiceId = "Form_Offers_0__Departments_0__Services_0__";

    private static DateOnly Today => DateOnly.FromDateTime(Danish.TodayOf(TimeProvider.System));

    /// <summary>An operator of the test's own: its user reports for it (<see cref="AppUser.OperatorId"/>).</summary>
    private sealed record Reporter(int Id, string Name, string Email, int OfferId, int ServiceId);

    private sealed record Round(int Id, int Year);

    private static readonly Dictionary<AppFactory, int> NextYears = [];

    /// <summary>A year no other test of this app has opened a round for.</summary>
    private int NewYear()
    {
        lock (NextYears)
        {
            var year = NextYears.GetValueOrDefault(app, 2001);
            NextYears[app] = year + 1;
            Assert.True(year < 2026, "Out of test years");
            return year;
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A new operator with one user and one offer (8 places at 2.000 kr. per day) in the register for <paramref name="registerYear"/>.</summary>
    private Task<Reporter> NewReporterAsync(int registerYear) => InScopeAsync(async sp =>
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var db = sp.GetRequiredService<AppDb>();
        var op = new Operator { Kind = OperatorKind.Municipality, Name = $"Testkommune {tag}", Region = Region };
        db.Operators.Add(op);
        await db.SaveChangesAsync();

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var email = $"indberetter-{tag}@test.rammevaerk.dk";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Indberetter {tag}", OperatorId = op.Id };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Municipality)).Succeeded);

        var register = sp.GetRequiredService<OfferRegister>();
        var offer = await register.ApplyAsync(new OfferSnapshot
        {
            Name = OfferName, OperatorId = op.Id, OperatorName = op.Name, Address = "Testvej 1", PostalCode = "6800", City = "Varde",
            PortalId = "T" + tag, Status = OfferStatus.Active, StatusSince = new DateOnly(2015, 1, 1), Year = registerYear,
            Departments =
            [
                new DepartmentSnapshot
                {
                    Name = "Botilbud",
                    Services =
                    [
                        new ServiceSnapshot
                        {
                            Name = ServiceName, LegalBases = ["SEL § 108"], TargetGroups = ["Udviklingshæmning"], Places = 8,
                            Rate = 2000m, RateUnit = RateUnit.PerDay, RateYear = registerYear, ServiceLevelHours = 8m,
                        },
                    ],
                },
            ],
            Buyers = [new BuyerSnapshot { MunicipalityCode = TestAccounts.MunicipalityCode, Citizens = 3 }],
        }, registerYear, "Test", "test", DateTime.UtcNow);
        await register.SaveAsync();
        return new Reporter(op.Id, op.Name, email, offer.Id, offer.Departments[0].Services[0].Id);
    });

    private Task<Round> OpenRoundAsync(int year) => InScopeAsync(async sp =>
    {
        var round = await sp.GetRequiredService<ReportingService>().OpenRoundAsync(year, Today.AddDays(30), "Bekræft jeres tilbud.", 10m, "test");
        return new Round(round.Id, round.Year);
    });

    private Task<int> ReportIdAsync(Round round, Reporter op) =>
        app.QueryAsync(db => db.OperatorReports.Where(r => r.RoundId == round.Id && r.OperatorId == op.Id).Select(r => r.Id).SingleAsync());

    private Task<OperatorReport> ReportAsync(int id) => app.QueryAsync(db => db.OperatorReports.AsNoTracking().SingleAsync(r => r.Id == id));

    private static ServiceSnapshot ReportedService(OperatorReport report) => ReportingService.Parse(report.ContentJson).Single().Services.Single();

    /// <summary>An operator, a round for the year after its register figures, its report and its user signed in.</summary>
    private async Task<(Reporter Op, Round Round, int ReportId, HttpClient Client)> ArrangeAsync()
    {
        var year = NewYear();
        var op = await NewReporterAsync(year - 1);
        var round = await OpenRoundAsync(year);
        return (op, round, await ReportIdAsync(round, op), await app.SignInAsync(op.Email, Password));
    }

    // --- Posting the report form the way a browser does ------------------------------------------------------------

    /// <summary>The fields a browser would post from the form: enabled controls, checked boxes, selected options.</summary>
    private static List<KeyValuePair<string, string>> FieldsOf(IDocument page, string selector = "#report-form")
    {
        var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form {selector} on the page.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var e in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = e.GetAttribute("name");
            if (name is null || e.HasAttribute("disabled")) continue;
            switch (e.LocalName)
            {
                case "input":
                    var type = e.GetAttribute("type") ?? "text";
                    if (type is "file" or "submit") continue;
                    if (type is "checkbox" or "radio" && !e.HasAttribute("checked")) continue;
                    fields.Add(new(name, e.GetAttribute("value") ?? (type == "checkbox" ? "on" : "")));
                    break;
                case "select":
                    var options = e.QuerySelectorAll("option").ToList();
                    var selected = options.Where(o => o.HasAttribute("selected")).ToList();
                    if (selected.Count == 0 && !e.HasAttribute("multiple") && options.Count > 0) selected = [options[0]];
                    fields.AddRange(selected.Select(o => new KeyValuePair<string, string>(name, o.GetAttribute("value") ?? o.TextContent)));
                    break;
                default:
                    fields.Add(new(name, e.TextContent));
                    break;
            }
        }
        return fields;
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, params (string Name, string Value)[] changes)
    {
        var result = new List<KeyValuePair<string, string>>(fields);
        foreach (var (name, value) in changes)
        {
            result.RemoveAll(f => f.Key == name);
            result.Add(new(name, value));
        }
        return result;
    }

    private static async Task<List<KeyValuePair<string, string>>> FormAsync(HttpClient client, int reportId) =>
        FieldsOf(await client.GetDocumentAsync($"/indberetning/rapport/{reportId}"));

    /// <summary>Posts the report form to a handler (Save, Submit …); the page it answers with.</summary>
    private static async Task<IDocument> PostReportAsync(HttpClient client, int reportId, string handler, List<KeyValuePair<string, string>> fields)
    {
        using var response = await client.PostAsync($"/indberetning/rapport/{reportId}?handler={handler}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }

    /// <summary>Opens the report, changes fields, posts to the handler.</summary>
    private static async Task<IDocument> EditAsync(HttpClient client, int reportId, string handler, params (string Name, string Value)[] changes) =>
        await PostReportAsync(client, reportId, handler, With(await FormAsync(client, reportId), changes));

    private static string Alert(IDocument page) => string.Join(" | ", page.QuerySelectorAll("div.notice[role='alert']").Select(e => e.TextContent.Trim()));

    private static string Status(IDocument page) => string.Join(" | ", page.QuerySelectorAll("div.notice[role='status']").Select(e => e.TextContent.Trim()));

    private static string? Value(IDocument page, string id) => page.QuerySelector("#" + id)?.GetAttribute("value");

    /// <summary>Refused: 403 at once, or the sign-in cookie's redirect to the access-denied page, which answers 403.</summary>
    private static async Task AssertForbiddenAsync(HttpClient client, HttpResponseMessage response, string what)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden) return;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/konto/ingen-adgang") == true,
            $"{what}: expected 403, got {(int)response.StatusCode} {response.Headers.Location}");
        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    private async Task SubmitUnchangedAsync(HttpClient client, int reportId, params (string Name, string Value)[] changes)
    {
        var page = await EditAsync(client, reportId, "Submit", changes);
        Assert.Contains("er indsendt til sekretariatet", Status(page));
    }

    // --- Opening a round -----------------------------------------------------------------------------------------

    [Fact]
    public async Task The_secretariat_opens_a_round_and_every_reporting_operator_is_told()
    {
        var year = NewYear();
        var op = await NewReporterAsync(year - 1);
        var client = await app.SignInAsSecretariatAsync();
        var deadline = Today.AddDays(40);

        using var response = await client.PostFormAsync("/sekretariat/indberetning", new Dictionary<string, string>
        {
            ["Input.Year"] = year.ToString(CultureInfo.InvariantCulture),
            ["Input.Deadline"] = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Threshold"] = "12,5",
            ["Input.Instructions"] = "Husk at begrunde takstændringer.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/sekretariat/indberetning/{year}", response.Headers.Location!.ToString());

        var round = await app.QueryAsync(db => db.ReportingRounds.AsNoTracking().Include(r => r.Reports).SingleAsync(r => r.Region == Region && r.Year == year));
        Assert.Equal((deadline, 12.5m, "Husk at begrunde takstændringer.", RoundState.Open), (round.Deadline, round.RateChangeThresholdPercent, round.Instructions, round.State));
        var operators = await app.QueryAsync(db => db.Operators.CountAsync(o => o.Region == Region && o.Kind != OperatorKind.Private));
        Assert.Equal(operators, round.Reports.Count);
        Assert.All(round.Reports, r => Assert.Equal(ReportState.NotStarted, r.State));

        // The operator's user is told in the app and by e-mail, with a link to the report.
        var reportId = round.Reports.Single(r => r.OperatorId == op.Id).Id;
        var notifications = await app.QueryAsync(db => db.Notifications.Where(n => db.Users.Any(u => u.Id == n.UserId && u.Email == op.Email)).ToListAsync());
        Assert.Equal($"/indberetning/rapport/{reportId}", Assert.Single(notifications).Link);
        var mail = Assert.Single(await app.QueryAsync(db => db.Outbox.Where(m => m.To == op.Email).ToListAsync()));
        Assert.Equal($"Årlig indberetning {year} er åben", mail.Subject);
        Assert.Equal($"Indberetning {year} åbnet", mail.Topic);

        // A municipality user linked to the municipality only (as the users page makes them) is told as well.
        var varde = await app.QueryAsync(db => db.OperatorReports.Where(r => r.RoundId == round.Id && r.Operator!.MunicipalityCode == TestAccounts.MunicipalityCode).Select(r => r.Id).SingleAsync());
        Assert.True(await app.QueryAsync(db => db.Notifications.AnyAsync(n => n.Link == $"/indberetning/rapport/{varde}"
            && db.Users.Any(u => u.Id == n.UserId && u.Email == TestAccounts.MunicipalityEmail))), "The Varde user was not notified of the new round.");
        Assert.True(await app.QueryAsync(db => db.Outbox.AnyAsync(m => m.To == TestAccounts.MunicipalityEmail && m.Topic == $"Indberetning {year} åbnet")));

        var page = await client.GetDocumentAsync($"/sekretariat/indberetning/{year}");
        Assert.Contains($"0 af {operators} har indberettet", page.QuerySelector(".completeness")!.TextContent);
        Assert.Contains($"Indberetningsrunden for {year} er åbnet", page.Text());
    }

    [Fact]
    public async Task Opening_a_round_with_bad_input_gives_a_Danish_message_and_saves_nothing()
    {
        var opened = await OpenRoundAsync(NewYear());
        var unused = NewYear();
        var client = await app.SignInAsSecretariatAsync();
        var rounds = await app.QueryAsync(db => db.ReportingRounds.CountAsync());
        var mails = await app.QueryAsync(db => db.Outbox.CountAsync());

        async Task<IDocument> PostAsync(string year, string deadline)
        {
            using var response = await client.PostFormAsync("/sekretariat/indberetning", new Dictionary<string, string>
            {
                ["Input.Year"] = year, ["Input.Deadline"] = deadline, ["Input.Threshold"] = "10",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.ReadDocumentAsync();
        }

        var future = Today.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var again = await PostAsync(opened.Year.ToString(CultureInfo.InvariantCulture), future);
        Assert.Equal($"Der findes allerede en indberetningsrunde for {opened.Year}.", Alert(again));

        var past = await PostAsync(unused.ToString(CultureInfo.InvariantCulture), Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal("Fristen ligger i fortiden. Vælg en dato fra i dag og frem.", Alert(past));

        var noYear = await PostAsync("", future);
        Assert.Equal("Skriv året, indberetningen gælder.", noYear.QuerySelector("#Input_Year-error")!.TextContent.Trim());

        Assert.Equal(rounds, await app.QueryAsync(db => db.ReportingRounds.CountAsync()));
        Assert.False(await app.QueryAsync(db => db.ReportingRounds.AnyAsync(r => r.Year == unused)));
        Assert.Equal(mails, await app.QueryAsync(db => db.Outbox.CountAsync()));
    }

    // --- The operator's report -----------------------------------------------------------------------------------

    [Fact]
    public async Task A_municipality_user_sees_its_report_pre_filled_from_the_register()
    {
        var (op, round, reportId, client) = await ArrangeAsync();

        var list = await client.GetDocumentAsync("/indberetning");
        Assert.Contains(op.Name, list.Text());
        Assert.Equal($"Indberetning {round.Year}", list.QuerySelector($"a[href='/indberetning/rapport/{reportId}']")!.TextContent.Trim());

        var page = await client.GetDocumentAsync($"/indberetning/rapport/{reportId}");
        Assert.Equal($"Årlig indberetning {round.Year} – {op.Name}", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Status: Ikke påbegyndt", page.Text());
        Assert.Equal(op.OfferId.ToString(CultureInfo.InvariantCulture), page.QuerySelector("input[name='Form.Offers[0].OfferId']")!.GetAttribute("value"));
        Assert.Equal(OfferName, Value(page, "Form_Offers_0__Name"));
        Assert.Equal("6800", Value(page, "Form_Offers_0__PostalCode"));
        Assert.Equal(ServiceName, Value(page, ServiceId + "Name"));
        Assert.Equal("8", Value(page, ServiceId + "Places"));
        Assert.Equal("2000", Value(page, ServiceId + "Rate"));
        Assert.Equal(round.Year.ToString(CultureInfo.InvariantCulture), Value(page, ServiceId + "RateYear"));
        Assert.Equal("8", Value(page, ServiceId + "ServiceLevel"));
        Assert.Equal("PerDay", page.QuerySelector($"#{ServiceId}RateUnit option[selected]")!.GetAttribute("value"));
        Assert.Equal(["SEL § 108"], page.QuerySelectorAll($"#{ServiceId}LegalBases option[selected]").Select(o => o.GetAttribute("value")!));
        Assert.Equal("Sidste år: 2.000,00 kr. pr. døgn", page.QuerySelector($"#{ServiceId}Rate-hint")!.TextContent.Trim());
        Assert.Equal(TestAccounts.MunicipalityCode.ToString(CultureInfo.InvariantCulture), page.QuerySelector("#Form_Offers_0__Buyers_0__MunicipalityCode option[selected]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#fejl"));
        Assert.Contains("Bekræft jeres tilbud.", page.Text());
    }

    [Fact]
    public async Task A_corrected_rate_is_saved_as_a_draft_and_the_register_is_not_changed()
    {
        var (op, round, reportId, client) = await ArrangeAsync();

        var page = await EditAsync(client, reportId, "Save", ($"{Service}.Rate", "2.080,50"));
        Assert.Equal("Kladden er gemt.", Status(page));
        Assert.Equal("", Alert(page));

        var report = await ReportAsync(reportId);
        Assert.Equal((ReportState.Draft, ReportSource.Browser, op.Email), (report.State, report.LastSource, report.UpdatedBy));
        var saved = ReportingService.Parse(report.ContentJson).Single();
        Assert.Equal((op.OfferId, op.Id, round.Year), (saved.OfferId, saved.OperatorId, saved.Year));
        Assert.Equal((2080.50m, round.Year, op.ServiceId), (saved.Services.Single().Rate, saved.Services.Single().RateYear, saved.Services.Single().ServiceId));
        Assert.Equal(3, saved.Buyers.Single().Citizens);

        var again = await client.GetDocumentAsync($"/indberetning/rapport/{reportId}");
        Assert.Equal("2080,5", Value(again, ServiceId + "Rate"));
        Assert.Contains("Status: Kladde", again.Text());

        Assert.Equal(2000m, await app.QueryAsync(db => db.Set<OfferService>().Where(s => s.Id == op.ServiceId).Select(s => s.Rate).SingleAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.OfferRevisions.CountAsync(r => r.OfferId == op.OfferId)));
    }

    [Fact]
    public async Task A_submit_with_an_error_is_refused_with_the_message_and_nothing_changes()
    {
        var (_, _, reportId, client) = await ArrangeAsync();
        var before = await ReportAsync(reportId);

        // 0 places: an error, and (from 8 last year) a change of places that asks for a comment.
        var page = await EditAsync(client, reportId, "Submit", ($"{Service}.Places", "0"));
        Assert.Equal("Indberetningen er ikke indsendt – ret 1 fejl og besvar 1 advarsel nedenfor. Du kan gemme som kladde imens.", Alert(page));
        Assert.StartsWith($"Advarsel: {OfferName}, {ServiceName}: Antal pladser er ændret fra 8 til 0 (−100,0 %).", page.QuerySelector($"#{ServiceId}Comment-msg")!.TextContent.Trim());
        var message = page.QuerySelector($"#{ServiceId}Places-msg")!.TextContent.Trim();
        Assert.Equal($"Fejl: {OfferName}, {ServiceName}: Et aktivt tilbud kan ikke have 0 pladser. Angiv antal pladser, eller sæt tilbuddets status til 'Under lukning' eller 'Lukket'.", message);
        Assert.NotNull(page.QuerySelector($"#fejl a[href='#{ServiceId}Places']"));
        Assert.Equal("0", Value(page, ServiceId + "Places")); // what was typed is shown back

        // A typing mistake stops even a draft, with the field named.
        var typo = await EditAsync(client, reportId, "Save", ($"{Service}.Places", "otte"));
        Assert.Equal("Indberetningen er ikke gemt – ret 1 fejl nedenfor.", Alert(typo));
        Assert.Equal($"Fejl: {OfferName}, {ServiceName}: Pladser skal være et helt tal – der står 'otte'.", typo.QuerySelector($"#{ServiceId}Places-msg")!.TextContent.Trim());

        var after = await ReportAsync(reportId);
        Assert.Equal((before.State, before.ContentJson, before.ConcurrencyStamp, before.UpdatedAt), (after.State, after.ContentJson, after.ConcurrencyStamp, after.UpdatedAt));
        Assert.Equal(ReportState.NotStarted, after.State);
    }

    [Fact]
    public async Task A_rate_change_of_15_percent_is_refused_without_a_reason_and_accepted_with_one()
    {
        var (op, round, reportId, client) = await ArrangeAsync();

        var refused = await EditAsync(client, reportId, "Submit", ($"{Service}.Rate", "2.300"));
        Assert.Equal("Indberetningen er ikke indsendt – besvar 1 advarsel nedenfor. Du kan gemme som kladde imens.", Alert(refused));
        Assert.Equal($"Advarsel: {OfferName}, {ServiceName}: Taksten er ændret +15,0 % i forhold til sidste år (2.000,00 → 2.300,00 kr. pr. døgn). " +
                     "Ændringer over 10 % skal begrundes i 'Begrundelse for takstændring'.",
            refused.QuerySelector($"#{ServiceId}RateChangeReason-msg")!.TextContent.Trim());
        Assert.Equal(ReportState.NotStarted, (await ReportAsync(reportId)).State);

        // The page shown back still holds the new rate; the reason is added there and the report goes in.
        var fields = With(FieldsOf(refused), ($"{Service}.RateChangeReason", "Ny normering efter tilsyn"));
        Assert.Contains(fields, f => f.Key == $"{Service}.Rate" && f.Value == "2.300");
        var submitted = await PostReportAsync(client, reportId, "Submit", fields);
        Assert.Equal($"Indberetningen for {round.Year} er indsendt til sekretariatet.", Status(submitted));

        var report = await ReportAsync(reportId);
        Assert.Equal((ReportState.Submitted, op.Email), (report.State, report.SubmittedBy));
        var service = ReportedService(report);
        Assert.Equal((2300m, "Ny normering efter tilsyn"), (service.Rate, service.RateChangeReason));

        // Submitted: read-only until the secretariat decides.
        var page = await client.GetDocumentAsync($"/indberetning/rapport/{reportId}");
        Assert.True(page.QuerySelector($"#{ServiceId}Rate")!.HasAttribute("disabled"));
        Assert.Null(page.QuerySelector($"button[formaction$='handler=Save']"));
        var again = await PostReportAsync(client, reportId, "Save", fields);
        Assert.Equal("Indberetningen kan ikke ændres nu.", Alert(again));
        Assert.Equal(report.ConcurrencyStamp, (await ReportAsync(reportId)).ConcurrencyStamp);
    }

    [Fact]
    public async Task A_submitted_report_counts_on_the_secretariats_pages()
    {
        var (op, round, reportId, client) = await ArrangeAsync();
        await SubmitUnchangedAsync(client, reportId);
        var total = await app.QueryAsync(db => db.OperatorReports.CountAsync(r => r.RoundId == round.Id));

        var secretariat = await app.SignInAsSecretariatAsync();
        var page = await secretariat.GetDocumentAsync($"/sekretariat/indberetning/{round.Year}");
        Assert.StartsWith($"1 af {total} har indberettet", page.QuerySelector(".completeness")!.TextContent.Trim());
        var row = page.QuerySelector($"a[href='/sekretariat/indberetning/rapport/{reportId}']")!.Closest("tr")!;
        Assert.Contains(op.Name, row.TextContent);
        Assert.Contains("Indsendt", row.TextContent);

        var rounds = await secretariat.GetDocumentAsync("/sekretariat/indberetning");
        var line = rounds.QuerySelector($"a[href='/sekretariat/indberetning/{round.Year}']")!.Closest("tr")!;
        Assert.Contains($"1 af {total}", line.TextContent);
    }

    // --- The secretariat decides ---------------------------------------------------------------------------------

    [Fact]
    public async Task Approving_writes_the_register_for_the_rounds_year_and_tells_the_operator()
    {
        var (op, round, reportId, client) = await ArrangeAsync();
        await SubmitUnchangedAsync(client, reportId, ($"{Service}.Rate", "2.100"));
        var secretariat = await app.SignInAsSecretariatAsync();
        var review = $"/sekretariat/indberetning/rapport/{reportId}";
        Assert.Contains("2.100,00 kr. pr. døgn", (await secretariat.GetDocumentAsync(review)).Text());

        using (var response = await secretariat.PostFormAsync(review, new Dictionary<string, string> { ["Comment"] = "Tak for indberetningen." }, review + "?handler=Approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/sekretariat/indberetning/{round.Year}", response.Headers.Location!.ToString());
        }

        var report = await ReportAsync(reportId);
        Assert.Equal((ReportState.Approved, TestAccounts.SecretariatEmail, "Tak for indberetningen."), (report.State, report.DecidedBy, report.SecretariatComment));

        // A new revision for the round's year with the new rate; last year's list is as it was.
        var revisions = await app.QueryAsync(db => db.OfferRevisions.AsNoTracking().Where(r => r.OfferId == op.OfferId).OrderBy(r => r.Number).ToListAsync());
        Assert.Equal([round.Year - 1, round.Year], revisions.Select(r => r.Year));
        var latest = revisions[^1];
        Assert.Equal((2, $"Indberetning {round.Year} godkendt", TestAccounts.SecretariatEmail), (latest.Number, latest.Reason, latest.ChangedBy));
        Assert.Equal(2100m, OfferSnapshot.FromJson(latest.SnapshotJson).Services.Single().Rate);

        var (thisYear, lastYear) = await InScopeAsync(async sp =>
        {
            var register = sp.GetRequiredService<OfferRegister>();
            return (await register.ForYearAsync(Region, round.Year), await register.ForYearAsync(Region, round.Year - 1));
        });
        var listed = thisYear.Single(o => o.OfferId == op.OfferId).Services.Single();
        Assert.Equal((2100m, round.Year, op.ServiceId), (listed.Rate, listed.RateYear, listed.ServiceId));
        Assert.Equal(2000m, lastYear.Single(o => o.OfferId == op.OfferId).Services.Single().Rate);
        var offer = await app.QueryAsync(db => db.Offers.AsNoTracking().Include(o => o.Departments).ThenInclude(d => d.Services).SingleAsync(o => o.Id == op.OfferId));
        Assert.Equal((round.Year, 2100m), (offer.Year, offer.Departments.Single().Services.Single().Rate));

        // The operator's users are told: in the app and in the outbox.
        var mail = Assert.Single(await app.QueryAsync(db => db.Outbox.Where(m => m.To == op.Email && m.Topic == $"Indberetning {round.Year} godkendt").ToListAsync()));
        Assert.Equal($"Indberetning {round.Year} er godkendt", mail.Subject);
        Assert.Contains("Bemærkning: Tak for indberetningen.", mail.Body);
        Assert.True(await app.QueryAsync(db => db.Notifications.AnyAsync(n => n.Link == $"/indberetning/rapport/{reportId}" && n.Text.Contains("godkendt")
            && db.Users.Any(u => u.Id == n.UserId && u.Email == op.Email))));

        var page = await client.GetDocumentAsync($"/indberetning/rapport/{reportId}");
        Assert.Contains("Indberetningen er godkendt", page.Text());
        Assert.Null(page.QuerySelector("button[formaction$='handler=Submit']"));

        // Approving twice is refused and writes nothing more.
        using (var twice = await secretariat.PostFormAsync(review, new Dictionary<string, string>(), review + "?handler=Approve"))
        {
            Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
            Assert.Equal("Kun en indsendt indberetning kan godkendes.", Alert(await twice.ReadDocumentAsync()));
        }
        Assert.Equal(2, await app.QueryAsync(db => db.OfferRevisions.CountAsync(r => r.OfferId == op.OfferId)));
    }

    [Fact]
    public async Task Returning_needs_a_comment_and_lets_the_operator_edit_and_submit_again()
    {
        var (op, round, reportId, client) = await ArrangeAsync();
        await SubmitUnchangedAsync(client, reportId);
        var secretariat = await app.SignInAsSecretariatAsync();
        var review = $"/sekretariat/indberetning/rapport/{reportId}";

        using (var noComment = await secretariat.PostFormAsync(review, new Dictionary<string, string> { ["Comment"] = "  " }, review + "?handler=Return"))
        {
            Assert.Equal(HttpStatusCode.OK, noComment.StatusCode);
            Assert.Equal("Skriv en kommentar til kommunen om, hvad der skal rettes.", Alert(await noComment.ReadDocumentAsync()));
        }
        Assert.Equal(ReportState.Submitted, (await ReportAsync(reportId)).State);

        using (var returned = await secretariat.PostFormAsync(review, new Dictionary<string, string> { ["Comment"] = "Serviceniveauet ser ud til at være pr. uge." }, review + "?handler=Return"))
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var report = await ReportAsync(reportId);
        Assert.Equal((ReportState.Returned, "Serviceniveauet ser ud til at være pr. uge."), (report.State, report.SecretariatComment));
        Assert.Single(await app.QueryAsync(db => db.Outbox.Where(m => m.To == op.Email && m.Subject == $"Indberetning {round.Year} er sendt retur").ToListAsync()));

        Assert.Contains("Sendt retur – se kommentar", (await client.GetDocumentAsync("/indberetning")).Text());
        var page = await client.GetDocumentAsync($"/indberetning/rapport/{reportId}");
        Assert.Contains("Sendt retur af sekretariatet: Serviceniveauet ser ud til at være pr. uge.", page.Text());
        Assert.False(page.QuerySelector($"#{ServiceId}ServiceLevel")!.HasAttribute("disabled"));

        var saved = await EditAsync(client, reportId, "Save", ($"{Service}.ServiceLevel", "1,2"));
        Assert.Equal("Kladden er gemt.", Status(saved));
        Assert.Equal(1.2m, ReportedService(await ReportAsync(reportId)).ServiceLevelHours);
        await SubmitUnchangedAsync(client, reportId);
        Assert.Equal(ReportState.Submitted, (await ReportAsync(reportId)).State);
    }

    [Fact]
    public async Task Reminders_go_only_to_the_operators_that_have_not_reported()
    {
        var year = NewYear();
        var done = await NewReporterAsync(year - 1);
        var late = await NewReporterAsync(year - 1);
        var round = await OpenRoundAsync(year);
        var doneReport = await ReportIdAsync(round, done);
        var lateReport = await ReportIdAsync(round, late);
        await SubmitUnchangedAsync(await app.SignInAsync(done.Email, Password), doneReport);
        var total = await app.QueryAsync(db => db.OperatorReports.CountAsync(r => r.RoundId == round.Id));

        var secretariat = await app.SignInAsSecretariatAsync();
        var url = $"/sekretariat/indberetning/{year}";
        using (var response = await secretariat.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=Remind"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        Assert.Contains($"Påmindelse sendt til {total - 1} driftsherrer, som ikke har indberettet.", (await secretariat.GetDocumentAsync(url)).Text());

        var topic = $"Påmindelse om indberetning {year}";
        var mails = await app.QueryAsync(db => db.Outbox.Where(m => m.Topic == topic).ToListAsync());
        Assert.Contains(mails, m => m.To == late.Email && m.Subject == $"Påmindelse: årlig indberetning {year}");
        Assert.DoesNotContain(mails, m => m.To == done.Email);
        Assert.True(await app.QueryAsync(db => db.Notifications.AnyAsync(n => n.Link == $"/indberetning/rapport/{lateReport}" && n.Text.StartsWith("Vi mangler"))));
        Assert.False(await app.QueryAsync(db => db.Notifications.AnyAsync(n => n.Link == $"/indberetning/rapport/{doneReport}" && n.Text.StartsWith("Vi mangler"))));

        var (d, l) = (await ReportAsync(doneReport), await ReportAsync(lateReport));
        Assert.Equal((0, null), (d.Reminders, d.LastRemindedAt));
        Assert.Equal(1, l.Reminders);
        Assert.NotNull(l.LastRemindedAt);
    }

    [Fact]
    public async Task A_new_offer_added_in_the_browser_is_created_in_the_register_when_approved()
    {
        var (op, round, reportId, client) = await ArrangeAsync();
        var before = await ReportAsync(reportId);

        // The add buttons grow the form and save nothing.
        var added = await PostReportAsync(client, reportId, "AddOffer", await FormAsync(client, reportId));
        Assert.Equal("Nyt tilbud (2)", added.QuerySelector("#tilbud-1 legend")!.TextContent.Trim());
        Assert.Equal(round.Year.ToString(CultureInfo.InvariantCulture), Value(added, "Form_Offers_1__Departments_0__Services_0__RateYear"));
        added = await PostReportAsync(client, reportId, "AddBuyer&o=1", FieldsOf(added));
        added = await PostReportAsync(client, reportId, "AddService&o=0&d=0", FieldsOf(added));
        Assert.NotNull(added.QuerySelector("#Form_Offers_0__Departments_0__Services_1__Name"));
        added = await PostReportAsync(client, reportId, "AddDepartment&o=0", FieldsOf(added));
        Assert.NotNull(added.QuerySelector("#Form_Offers_0__Departments_1__Services_0__Name"));
        Assert.Equal(before.ConcurrencyStamp, (await ReportAsync(reportId)).ConcurrencyStamp);

        // The empty service and department added to the first offer are removed again; the new offer is filled in.
        const string New = "Form.Offers[1]";
        const string NewService = New + ".Departments[0].Services[0]";
        var fields = With(FieldsOf(added),
            ("Form.Offers[0].Departments[0].Services[1].Remove", "true"), ("Form.Offers[0].Departments[1].Services[0].Remove", "true"),
            ($"{New}.Name", "Aktivitetshuset Nyt"), ($"{New}.PostalCode", "6800"), ($"{New}.Status", "Active"), ($"{New}.StatusSince", "1.8.2025"),
            ($"{New}.Departments[0].Name", "Dagtilbud"),
            ($"{NewService}.Name", "Aktivitets- og samværstilbud"), ($"{NewService}.LegalBases", "SEL § 104"), ($"{NewService}.TargetGroups", "Udviklingshæmning"),
            ($"{NewService}.Places", "20"), ($"{NewService}.Rate", "812,50"), ($"{NewService}.RateUnit", "PerDay"),
            ($"{New}.Buyers[0].MunicipalityCode", TestAccounts.SecondMunicipalityCode.ToString(CultureInfo.InvariantCulture)), ($"{New}.Buyers[0].Citizens", "4"));
        var submitted = await PostReportAsync(client, reportId, "Submit", fields);
        Assert.Equal($"Indberetningen for {round.Year} er indsendt til sekretariatet.", Status(submitted));
        var reported = ReportingService.Parse((await ReportAsync(reportId)).ContentJson);
        Assert.Equal(2, reported.Count);
        Assert.Single(reported[0].Services);
        Assert.Null(reported[1].OfferId);

        var secretariat = await app.SignInAsSecretariatAsync();
        var review = $"/sekretariat/indberetning/rapport/{reportId}";
        using (var approve = await secretariat.PostFormAsync(review, new Dictionary<string, string>(), review + "?handler=Approve"))
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);

        var created = await app.QueryAsync(db => db.Offers.AsNoTracking().Include(o => o.Departments).ThenInclude(d => d.Services).ThenInclude(s => s.LegalBases)
            .Include(o => o.Buyers).SingleAsync(o => o.OperatorId == op.Id && o.Name == "Aktivitetshuset Nyt"));
        var service = created.Departments.Single().Services.Single();
        Assert.Equal((20, 812.50m, "SEL § 104", round.Year), (service.Places, service.Rate, service.LegalBases.Single().Code, created.Year));
        Assert.Equal((TestAccounts.SecondMunicipalityCode, 4), (created.Buyers.Single().MunicipalityCode, created.Buyers.Single().Citizens));
        Assert.Equal(new DateOnly(2025, 8, 1), created.StatusSince);
        var revision = await app.QueryAsync(db => db.OfferRevisions.AsNoTracking().SingleAsync(r => r.OfferId == created.Id));
        Assert.Equal((1, round.Year, op.Id), (revision.Number, revision.Year, revision.OperatorId));
    }

    [Fact]
    public async Task A_closed_round_takes_no_more_changes_or_reminders()
    {
        var (_, round, reportId, client) = await ArrangeAsync();
        var fields = await FormAsync(client, reportId);
        var secretariat = await app.SignInAsSecretariatAsync();
        var url = $"/sekretariat/indberetning/{round.Year}";

        using (var close = await secretariat.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=Close"))
            Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        var page = await secretariat.GetDocumentAsync(url);
        Assert.Contains("runden er lukket", page.QuerySelector(".completeness")!.TextContent);
        Assert.Null(page.QuerySelector("form[action$='handler=Remind']"));

        var refused = await PostReportAsync(client, reportId, "Save", With(fields, ($"{Service}.Rate", "2.010")));
        Assert.Equal("Indberetningen kan ikke ændres nu.", Alert(refused));
        Assert.Equal(ReportState.NotStarted, (await ReportAsync(reportId)).State);

        using (var remind = await secretariat.PostFormAsync("/sekretariat/indberetning", new Dictionary<string, string>(), url + "?handler=Remind"))
        {
            Assert.Equal(HttpStatusCode.OK, remind.StatusCode);
            Assert.Equal($"Indberetningsrunden for {round.Year} er lukket.", Alert(await remind.ReadDocumentAsync()));
        }
        Assert.Equal(0, (await ReportAsync(reportId)).Reminders);
    }

    // --- Access ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Another_operators_report_by_URL_is_refused_and_the_attempt_is_logged()
    {
        var year = NewYear();
        var own = await NewReporterAsync(year - 1);
        var other = await NewReporterAsync(year - 1);
        var round = await OpenRoundAsync(year);
        var ownReport = await ReportIdAsync(round, own);
        var otherReport = await ReportIdAsync(round, other);
        var client = await app.SignInAsync(own.Email, Password);
        var fields = await FormAsync(client, ownReport);
        var url = $"/indberetning/rapport/{otherReport}";

        using (var get = await client.GetAsync(url)) await AssertForbiddenAsync(client, get, "GET");
        using (var excel = await client.GetAsync(url + "?handler=Excel")) await AssertForbiddenAsync(client, excel, "GET Excel");
        using (var post = await client.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(With(fields, ($"{Service}.Rate", "1"))))) await AssertForbiddenAsync(client, post, "POST Save");
        using (var review = await client.GetAsync($"/sekretariat/indberetning/rapport/{otherReport}")) await AssertForbiddenAsync(client, review, "review page");
        using (var missing = await client.GetAsync("/indberetning/rapport/99999999")) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var report = await ReportAsync(otherReport);
        Assert.Equal((ReportState.NotStarted, "[]"), (report.State, report.ContentJson));

        var entries = await app.QueryAsync(db => db.AuditLog.AsNoTracking()
            .Where(e => e.Path!.StartsWith("GET " + url) || e.Path.StartsWith("POST " + url)).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(3, entries.Count);
        // The secretariat's review page is refused by role (the access table), and logged as such.
        Assert.True(await app.QueryAsync(db => db.AuditLog.AnyAsync(e => e.Action == SecurityEvents.RefusedRole && e.Path == $"GET /sekretariat/indberetning/rapport/{otherReport}")));
        Assert.All(entries, e =>
        {
            Assert.Equal(AuditLog.OtherOperatorsData, e.Action);
            Assert.Equal(own.Email, e.UserName);
            Assert.Contains($"Indberetning {otherReport} ({other.Name}, {year})", e.Detail);
        });
        Assert.Equal($"GET {url}", entries[0].Path);
        Assert.Equal($"POST {url}?handler=Save", entries[2].Path);

        // Its own report still opens.
        Assert.Equal(OfferName, Value(await client.GetDocumentAsync($"/indberetning/rapport/{ownReport}"), "Form_Offers_0__Name"));
    }

    [Fact]
    public async Task An_anonymous_reader_is_sent_to_the_sign_in_page()
    {
        var reportId = await app.QueryAsync(db => db.OperatorReports.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var client = app.CreateAnonymousClient();
        foreach (var url in new[] { "/indberetning", $"/indberetning/rapport/{reportId}", $"/indberetning/rapport/{reportId}?handler=Excel", "/sekretariat/indberetning", "/sekretariat/indberetning/2027", $"/sekretariat/indberetning/rapport/{reportId}" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(AppFactory.SignInPath, response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task A_municipality_user_cannot_reach_the_secretariats_reporting_pages()
    {
        var client = await app.SignInAsMunicipalityAsync();
        var vardeReport = await app.QueryAsync(db => db.OperatorReports
            .Where(r => r.Round!.Year == 2027 && r.Operator!.MunicipalityCode == TestAccounts.MunicipalityCode).Select(r => r.Id).SingleAsync());
        foreach (var url in new[] { "/sekretariat/indberetning", "/sekretariat/indberetning/2027", $"/sekretariat/indberetning/rapport/{vardeReport}" })
        {
            using var response = await client.GetAsync(url);
            await AssertForbiddenAsync(client, response, url);
        }

        var rounds = await app.QueryAsync(db => db.ReportingRounds.CountAsync());
        var token = (await client.GetDocumentAsync($"/indberetning/rapport/{vardeReport}")).AntiforgeryToken();
        using (var open = await client.PostAsync("/sekretariat/indberetning", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Browserless.AntiforgeryField] = token, ["Input.Year"] = NewYear().ToString(CultureInfo.InvariantCulture),
            ["Input.Deadline"] = Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.Threshold"] = "10",
        })))
        {
            await AssertForbiddenAsync(client, open, "POST open round");
        }
        using (var remind = await client.PostAsync("/sekretariat/indberetning/2027?handler=Remind", new FormUrlEncodedContent(new Dictionary<string, string> { [Browserless.AntiforgeryField] = token })))
        {
            await AssertForbiddenAsync(client, remind, "POST remind");
        }
        Assert.Equal(rounds, await app.QueryAsync(db => db.ReportingRounds.CountAsync()));
    }

    [Fact]
    public async Task Posts_without_the_antiforgery_token_are_refused()
    {
        var (_, round, reportId, client) = await ArrangeAsync();
        var fields = await FormAsync(client, reportId);
        var before = await ReportAsync(reportId);

        var noToken = With(fields, ($"{Service}.Rate", "2.010")).Where(f => f.Key != Browserless.AntiforgeryField).ToList();
        using (var save = await client.PostAsync($"/indberetning/rapport/{reportId}?handler=Save", new FormUrlEncodedContent(noToken)))
            Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        using (var submit = await client.PostAsync($"/indberetning/rapport/{reportId}?handler=Submit", new FormUrlEncodedContent(noToken)))
            Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        Assert.Equal(before.ConcurrencyStamp, (await ReportAsync(reportId)).ConcurrencyStamp);

        var secretariat = await app.SignInAsSecretariatAsync();
        var rounds = await app.QueryAsync(db => db.ReportingRounds.CountAsync());
        using (var open = await secretariat.PostAsync("/sekretariat/indberetning", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Year"] = NewYear().ToString(CultureInfo.InvariantCulture),
            ["Input.Deadline"] = Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.Threshold"] = "10",
        })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, open.StatusCode);
        }
        using (var remind = await secretariat.PostAsync($"/sekretariat/indberetning/{round.Year}?handler=Remind", new FormUrlEncodedContent(new Dictionary<string, string>())))
            Assert.Equal(HttpStatusCode.BadRequest, remind.StatusCode);
        using (var approve = await secretariat.PostAsync($"/sekretariat/indberetning/rapport/{reportId}?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string>())))
            Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        Assert.Equal(rounds, await app.QueryAsync(db => db.ReportingRounds.CountAsync()));
        Assert.Equal(0, (await ReportAsync(reportId)).Reminders);
    }

    [Fact]
    public async Task A_save_from_a_stale_page_is_refused_with_a_Danish_message()
    {
        var (_, _, reportId, client) = await ArrangeAsync();
        var stale = await FormAsync(client, reportId);

        Assert.Equal("Kladden er gemt.", Status(await PostReportAsync(client, reportId, "Save", With(stale, ($"{Service}.Rate", "2.050")))));
        var saved = await ReportAsync(reportId);

        var refused = await PostReportAsync(client, reportId, "Save", With(stale, ($"{Service}.Rate", "2.090")));
        Assert.Equal("Indberetningen er ændret af en anden, mens du arbejdede. Dine ændringer er ikke gemt – de står stadig nedenfor. Åbn siden igen for at se den gemte udgave.", Alert(refused));
        Assert.Equal("2.090", Value(refused, ServiceId + "Rate"));
        var refusedSubmit = await PostReportAsync(client, reportId, "Submit", With(stale, ($"{Service}.Rate", "2.090")));
        Assert.StartsWith("Indberetningen er ændret af en anden", Alert(refusedSubmit));

        var after = await ReportAsync(reportId);
        Assert.Equal((saved.ConcurrencyStamp, ReportState.Draft, 2050m), (after.ConcurrencyStamp, after.State, ReportedService(after).Rate));
    }

    // --- The workbook --------------------------------------------------------------------------------------------

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int reportId, byte[] file, string fileName, string contentType, bool submit = false)
    {
        var page = await client.GetDocumentAsync($"/indberetning/rapport/{reportId}");
        var upload = page.QuerySelector("form[action$='handler=Upload']")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(upload.QuerySelector($"input[name='{Browserless.AntiforgeryField}']")!.GetAttribute("value")!), Browserless.AntiforgeryField },
            { new StringContent(upload.QuerySelector("input[name='Stamp']")!.GetAttribute("value")!), "Stamp" },
            { new StringContent(submit ? "true" : "false"), "submit" },
        };
        var bytes = new ByteArrayContent(file);
        bytes.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(bytes, "workbook", fileName);
        return await client.PostAsync($"/indberetning/rapport/{reportId}?handler=Upload", content);
    }

    [Fact]
    public async Task The_pre_filled_Excel_file_downloads_and_uploaded_unchanged_saves_a_draft()
    {
        var (_, round, reportId, client) = await ArrangeAsync();

        using var download = await client.GetAsync($"/indberetning/rapport/{reportId}?handler=Excel");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".xlsx", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        var workbook = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', workbook[0]);
        Assert.Equal((byte)'K', workbook[1]);

        using var response = await UploadAsync(client, reportId, workbook, "indberetning.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("", Alert(page));
        Assert.Equal("Excel-arket er indlæst og gemt som kladde (1 tilbud).", Status(page));

        var report = await ReportAsync(reportId);
        Assert.Equal((ReportState.Draft, ReportSource.Workbook), (report.State, report.LastSource));
        var service = ReportedService(report);
        Assert.Equal((2000m, round.Year, 8, RateUnit.PerDay), (service.Rate, service.RateYear, service.Places, service.RateUnit));
    }

    [Fact]
    public async Task Uploading_a_file_that_is_not_xlsx_gives_a_Danish_message_and_saves_nothing()
    {
        var (_, _, reportId, client) = await ArrangeAsync();
        var before = await ReportAsync(reportId);

        using var response = await UploadAsync(client, reportId, "Tilbud;Pladser\nLunden;8\n"u8.ToArray(), "indberetning.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Excel-arket 'indberetning.xlsx' blev ikke indlæst – ret 1 fejl nedenfor i filen og upload den igen. Intet er gemt.", Alert(page));
        Assert.NotEmpty(page.QuerySelectorAll("#fejl li"));

        using (var empty = await UploadAsync(client, reportId, [], "tom.xlsx", "application/octet-stream"))
            Assert.Equal("Vælg det udfyldte Excel-ark (.xlsx), før du uploader.", Alert(await empty.ReadDocumentAsync()));

        var after = await ReportAsync(reportId);
        Assert.Equal((before.State, before.ContentJson, before.ConcurrencyStamp), (after.State, after.ContentJson, after.ConcurrencyStamp));
    }
}

public sealed class ReportingTestsOnSqlite(SqliteAppFactory app) : ReportingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ReportingTestsOnPostgres(PostgresAppFactory app) : ReportingTests(app), IClassFixture<PostgresAppFactory>;
