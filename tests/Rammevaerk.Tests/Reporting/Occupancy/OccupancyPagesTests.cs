using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;
using Rammevaerk.Reporting;
using Rammevaerk.Reporting.Occupancy;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Reporting.Occupancy;

/// <summary>Occupancy (belægning): the region's switch, municipalities' reports, the secretariat's overview, access.</summary>
public abstract class OccupancyPagesTests(AppFactory app)
{
    private const string Region = "Region Syddanmark";
    private const string ReportUrl = "/indberetning/belaegning";
    private const string AdminUrl = "/sekretariat/belaegning";

    private sealed record Service(int OfferId, int ServiceId, string What, int Places);

    /// <summary>The half-year the pages offer first: the one before today's.</summary>
    private static HalfYear Period => HalfYear.Containing(DateOnly.FromDateTime(Danish.TodayOf(TimeProvider.System))).Previous;

    private Task SetSwitchAsync(bool on) => app.QueryAsync(async db =>
    {
        var s = await db.RegionSettings.SingleOrDefaultAsync(x => x.Region == Region);
        if (s is null) db.RegionSettings.Add(s = new RegionSettings { Region = Region });
        s.OccupancyReporting = on;
        return await db.SaveChangesAsync();
    });

    /// <summary>The operator of a municipality (made when the register has none); the Varde test user reports for Varde's.</summary>
    private Task<int> OperatorOfAsync(string municipality) => app.QueryAsync(async db =>
    {
        var code = await db.Municipalities.Where(m => m.Name == municipality).Select(m => m.Code).SingleAsync();
        var op = await db.Operators.SingleOrDefaultAsync(o => o.MunicipalityCode == code);
        if (op is null)
        {
            op = new Operator { Kind = OperatorKind.Municipality, Name = $"{municipality} Kommune", MunicipalityCode = code, Region = Region };
            db.Operators.Add(op);
            await db.SaveChangesAsync();
        }
        if (code == TestAccounts.MunicipalityCode)
        {
            var user = await db.Users.SingleAsync(u => u.Email == TestAccounts.MunicipalityEmail);
            user.OperatorId = op.Id;
            await db.SaveChangesAsync();
        }
        return op.Id;
    });

    /// <summary>A new offer of the operator with one department and services of the given places.</summary>
    private Task<List<Service>> OfferAsync(int operatorId, string name, params int[] places) => app.QueryAsync(async db =>
    {
        var offer = new Offer
        {
            Name = name, OperatorId = operatorId, Status = OfferStatus.Active, Year = Period.Year, UpdatedAt = DateTime.UtcNow,
            Departments =
            [
                new OfferDepartment
                {
                    Name = "Afdeling Øst",
                    Services = places.Select((p, i) => new OfferService { Name = $"§ 107 ydelse {i + 1}", Places = p, SortOrder = i }).ToList(),
                },
            ],
        };
        db.Offers.Add(offer);
        await db.SaveChangesAsync();
        return offer.Departments[0].Services.Select(s => new Service(offer.Id, s.Id, $"{name} – Afdeling Øst – {s.Name}", s.Places)).ToList();
    });

    private static Task<HttpResponseMessage> ReportAsync(HttpClient client, Dictionary<int, string> days, HalfYear? period = null, string? query = null)
    {
        var fields = days.ToDictionary(d => $"Days[{d.Key}]", d => d.Value);
        fields["Halvaar"] = (period ?? Period).Key;
        var url = ReportUrl + (query ?? "");
        return client.PostFormAsync(ReportUrl, fields, url);
    }

    private Task<int> RecordsAsync(int serviceId) => app.QueryAsync(db => db.OccupancyRecords.CountAsync(r => r.ServiceId == serviceId));

    [Fact]
    public async Task Occupancy_reporting_is_off_by_default_and_the_secretariat_switches_it_on_and_off()
    {
        await app.QueryAsync(db => db.RegionSettings.Where(s => s.Region == Region).ExecuteDeleteAsync());
        var varde = await OperatorOfAsync("Varde");
        var service = (await OfferAsync(varde, $"Botilbuddet Skovly {Guid.NewGuid():N}"[..30], 6)).Single();
        var municipality = await app.SignInAsMunicipalityAsync();

        var page = await municipality.GetDocumentAsync(ReportUrl);
        Assert.Contains("Belægningsindberetning er slået fra i Region Syddanmark.", page.QuerySelector(".occupancy-off")!.TextContent);
        Assert.Null(page.QuerySelector($"#Days_{service.ServiceId}"));
        Assert.Contains(service.What, page.Text()); // the figures are still shown, read-only

        // A post while off saves nothing and says why.
        using (var off = await ReportAsync(municipality, new() { [service.ServiceId] = "100" }))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            Assert.Contains("Der er ikke gemt noget.", (await off.ReadDocumentAsync()).QuerySelector(".validation-summary-errors")!.TextContent);
        }
        Assert.Equal(0, await RecordsAsync(service.ServiceId));

        var secretariat = await app.SignInAsSecretariatAsync();
        var admin = await secretariat.GetDocumentAsync(AdminUrl);
        Assert.Contains("Slået fra.", admin.QuerySelector(".occupancy-state")!.TextContent);
        Assert.NotNull(admin.QuerySelector($"nav.sub-nav a[href='{AdminUrl}']"));
        using (var on = await secretariat.PostFormAsync(AdminUrl, new Dictionary<string, string> { ["on"] = "true" }, AdminUrl + "?handler=Switch"))
            Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        admin = await secretariat.GetDocumentAsync(AdminUrl);
        Assert.Contains("Slået til.", admin.QuerySelector(".occupancy-state")!.TextContent);
        Assert.Contains("Belægningsindberetning er slået til for Region Syddanmark.", admin.QuerySelector(".notice-ok")!.TextContent);
        Assert.True(await app.QueryAsync(db => db.RegionSettings.Where(s => s.Region == Region).Select(s => s.OccupancyReporting).SingleAsync()));

        page = await municipality.GetDocumentAsync(ReportUrl);
        Assert.Null(page.QuerySelector(".occupancy-off"));
        Assert.NotNull(page.QuerySelector($"#Days_{service.ServiceId}"));
        Assert.Equal(service.What, page.QuerySelector($"label[for='Days_{service.ServiceId}']")!.TextContent.Trim());

        using (var off = await secretariat.PostFormAsync(AdminUrl, new Dictionary<string, string> { ["on"] = "false" }, AdminUrl + "?handler=Switch"))
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.NotNull((await municipality.GetDocumentAsync(ReportUrl)).QuerySelector(".occupancy-off"));

        // Only the secretariat switches.
        using var refused = await municipality.PostFormAsync(ReportUrl, new Dictionary<string, string> { ["on"] = "true" }, AdminUrl + "?handler=Switch");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual(AdminUrl, refused.Headers.Location?.ToString());
        Assert.False(await app.QueryAsync(db => db.RegionSettings.Where(s => s.Region == Region).Select(s => s.OccupancyReporting).SingleAsync()));
    }

    [Fact]
    public async Task Municipality_reports_occupied_days_and_the_secretariat_sees_the_per_cent()
    {
        await SetSwitchAsync(true);
        var varde = await OperatorOfAsync("Varde");
        var name = $"Bostedet Lærkereden {Guid.NewGuid():N}"[..32];
        var services = await OfferAsync(varde, name, 10, 0);
        var (full, none) = (services[0], services[1]);
        var days = OccupancyCalculator.DaysIn(Period);
        var client = await app.SignInAsMunicipalityAsync();

        using (var ok = await ReportAsync(client, new() { [full.ServiceId] = "1.500", [none.ServiceId] = "0" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            Assert.Equal($"{ReportUrl}?halvaar={Period.Key}", ok.Headers.Location!.ToString());
        }
        var record = await app.QueryAsync(db => db.OccupancyRecords.SingleAsync(r => r.ServiceId == full.ServiceId));
        Assert.Equal((1500m, 10, Period.Year, Period.Half, TestAccounts.MunicipalityEmail), (record.OccupiedDays, record.Places, record.Year, record.Half, record.ReportedBy));

        var expected = (1500m / (10m * days) * 100m).ToString("N1", Danish.Culture) + " %";
        var page = await client.GetDocumentAsync($"{ReportUrl}?halvaar={Period.Key}");
        Assert.Contains("2 ydelser opdateret", page.QuerySelector(".notice-ok")!.TextContent);
        Assert.Equal("1500", page.QuerySelector($"#Days_{full.ServiceId}")!.GetAttribute("value"));
        Assert.Equal(expected, page.QuerySelector($"tr[data-service='{full.ServiceId}'] .occupancy-percent")!.TextContent.Trim());

        var admin = await (await app.SignInAsSecretariatAsync()).GetDocumentAsync($"{AdminUrl}?halvaar={Period.Key}");
        var row = admin.QuerySelector($"tr[data-service='{full.ServiceId}']")!;
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        var operatorName = await app.QueryAsync(db => db.Operators.Where(o => o.Id == varde).Select(o => o.Name).SingleAsync());
        Assert.Equal([operatorName, full.What, "10", "1.500", expected], cells);
        Assert.Equal("Ingen procent – ydelsen har 0 pladser", admin.QuerySelector($"tr[data-service='{none.ServiceId}'] .occupancy-percent")!.TextContent.Trim());
        Assert.Contains($"{days} dage", admin.QuerySelector("table.occupancy caption")!.TextContent);

        // Changing the figure updates the one record; emptying the field removes it.
        using (var change = await ReportAsync(client, new() { [full.ServiceId] = "1234,5" }))
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(1234.5m, await app.QueryAsync(db => db.OccupancyRecords.Where(r => r.ServiceId == full.ServiceId).Select(r => r.OccupiedDays).SingleAsync()));
        using (var empty = await ReportAsync(client, new() { [full.ServiceId] = "" }))
            Assert.Equal(HttpStatusCode.Redirect, empty.StatusCode);
        Assert.Equal(0, await RecordsAsync(full.ServiceId));
    }

    [Fact]
    public async Task Wrong_occupied_days_give_Danish_messages_naming_the_service_and_nothing_is_saved()
    {
        await SetSwitchAsync(true);
        var varde = await OperatorOfAsync("Varde");
        var name = $"Kollegiet Ådalen {Guid.NewGuid():N}"[..30];
        var services = await OfferAsync(varde, name, 10, 4, 0);
        var (ten, four, zero) = (services[0], services[1], services[2]);
        var days = OccupancyCalculator.DaysIn(Period);
        var client = await app.SignInAsMunicipalityAsync();

        using var bad = await ReportAsync(client, new()
        {
            [ten.ServiceId] = "99999",
            [four.ServiceId] = "mange",
            [zero.ServiceId] = "3",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await bad.ReadDocumentAsync();
        string Error(Service s) => page.QuerySelector($"#Days_{s.ServiceId}-error")!.TextContent.Trim();
        Assert.Equal($"Belægningsdage for {ten.What} må højst være {(10 * days).ToString("N0", Danish.Culture)} (10 pladser × {days} dage i {Period.Half}. halvår {Period.Year}).", Error(ten));
        Assert.Equal($"Belægningsdage for {four.What} skal være et tal, fx 1234 eller 1.234,5.", Error(four));
        Assert.Equal($"Belægningsdage for {zero.What} skal være 0, fordi ydelsen har 0 pladser.", Error(zero));
        Assert.Equal("true", page.QuerySelector($"#Days_{ten.ServiceId}")!.GetAttribute("aria-invalid"));
        Assert.Equal("99999", page.QuerySelector($"#Days_{ten.ServiceId}")!.GetAttribute("value"));

        using (var negative = await ReportAsync(client, new() { [ten.ServiceId] = "100", [four.ServiceId] = "-1" }))
        {
            var p = await negative.ReadDocumentAsync();
            Assert.Equal($"Belægningsdage for {four.What} må ikke være negative.", p.QuerySelector($"#Days_{four.ServiceId}-error")!.TextContent.Trim());
        }
        // One transaction: the valid figure in the same form was not saved either.
        foreach (var s in services) Assert.Equal(0, await RecordsAsync(s.ServiceId));
    }

    [Fact]
    public async Task Another_operators_offer_or_service_is_refused_with_403_and_written_to_the_security_log()
    {
        await SetSwitchAsync(true);
        var varde = await OperatorOfAsync("Varde");
        var esbjerg = await OperatorOfAsync("Esbjerg");
        var own = (await OfferAsync(varde, $"Vardes eget tilbud {Guid.NewGuid():N}"[..30], 5)).Single();
        var foreign = (await OfferAsync(esbjerg, $"Esbjergs tilbud {Guid.NewGuid():N}"[..28], 8)).Single();
        var client = await app.SignInAsMunicipalityAsync();
        var before = await app.QueryAsync(db => db.AuditLog.CountAsync());

        var page = await client.GetDocumentAsync(ReportUrl);
        Assert.NotNull(page.QuerySelector($"#Days_{own.ServiceId}"));
        Assert.Null(page.QuerySelector($"#Days_{foreign.ServiceId}"));
        Assert.DoesNotContain(foreign.What, page.Text());

        // Form tampering: another operator's service id slipped in beside its own.
        using (var tampered = await ReportAsync(client, new() { [own.ServiceId] = "10", [foreign.ServiceId] = "10" }))
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(0, await RecordsAsync(foreign.ServiceId));
        Assert.Equal(0, await RecordsAsync(own.ServiceId));

        // URL tampering: another operator's offer.
        using (var byUrl = await client.GetAsync($"{ReportUrl}?tilbud={foreign.OfferId}"))
            Assert.Equal(HttpStatusCode.Forbidden, byUrl.StatusCode);
        using (var unknown = await client.GetAsync($"{ReportUrl}?tilbud=99999999"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var ownOffer = await client.GetDocumentAsync($"{ReportUrl}?tilbud={own.OfferId}");
        Assert.Single(ownOffer.QuerySelectorAll("input.days"));

        var entries = await app.QueryAsync(db => db.AuditLog.OrderBy(e => e.Id).Skip(before).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal(AuditLog.OtherOperatorsData, e.Action);
            Assert.Equal(TestAccounts.MunicipalityEmail, e.UserName);
        });
        Assert.Contains($"{foreign.ServiceId} (driftsherre {esbjerg})", entries[0].Detail);
        Assert.StartsWith("POST /indberetning/belaegning", entries[0].Path);
        Assert.Contains($"tilbud {foreign.OfferId}", entries[1].Detail);

        // The log holds every security event (sign-ins too); the secretariat filters on the refusals.
        var log = await (await app.SignInAsSecretariatAsync()).GetDocumentAsync("/sekretariat/sikkerhedslog?haendelse=" + Uri.EscapeDataString(AuditLog.OtherOperatorsData));
        var rows = log.QuerySelectorAll("table.security-log tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains($"tilbud {foreign.OfferId}", rows[0]); // newest first
        Assert.Contains($"{foreign.ServiceId} (driftsherre {esbjerg})", rows[1]);

        // The secretariat and members have no report page.
        using var member = await (await app.SignInAsMemberAsync()).GetAsync(ReportUrl);
        Assert.NotEqual(HttpStatusCode.OK, member.StatusCode);
    }
}

public sealed class OccupancyPagesTestsOnSqlite(SqliteAppFactory app) : OccupancyPagesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class OccupancyPagesTestsOnPostgres(PostgresAppFactory app) : OccupancyPagesTests(app), IClassFixture<PostgresAppFactory>;
