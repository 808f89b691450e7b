using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Tests.Infrastructure;
using static Rammevaerk.Notifications.SecurityEvents;

namespace Rammevaerk.Tests.Accounts;

/// <summary>
/// The security log: every security event in one append-only list, which the secretariat filters and exports as
/// xlsx (the export being itself an event), which neither the app nor the database lets anyone change, and whose
/// old entries go by the retention setting.
/// </summary>
public abstract class SecurityLogTests(AppFactory app)
{
    [Fact]
    public async Task Sign_ins_failures_refusals_and_sign_outs_are_recorded_with_who_how_and_from_where()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        (await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, "forkert-adgangskode-1")).Dispose();
        var client = await app.SignInAsync(email, AccountTestKit.Password);
        (await client.GetAsync("/sekretariat")).Dispose();
        await AccountTestKit.SignOutAsync(client);

        Assert.Equal("Forkert adgangskode eller ukendt adresse", (await AccountTestKit.LogAsync(app, SignInFailed, email)).Single().Detail);
        var signIn = (await AccountTestKit.LogAsync(app, SignIn, email)).Single();
        Assert.Equal("Adgangskode", signIn.Detail);
        Assert.Equal("POST /konto/log-ind", signIn.Path);
        Assert.Contains("/sekretariat er for sekretariatet; brugeren er medlem", (await AccountTestKit.LogAsync(app, RefusedRole, email)).Single().Detail);
        Assert.Single(await AccountTestKit.LogAsync(app, SignOut, email));
    }

    [Fact]
    public async Task The_secretariat_filters_by_event_user_text_and_period()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        (await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, "forkert-adgangskode-1")).Dispose();
        await app.SignInAsync(email, AccountTestKit.Password);
        var secretariat = await app.SignInAsSecretariatAsync();
        // The page filters by Danish dates: between 23:00 and 24:00 UTC the UTC date is yesterday there.
        var today = Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).ToString("yyyy-MM-dd");

        var failed = await secretariat.GetDocumentAsync($"/sekretariat/sikkerhedslog?haendelse={Uri.EscapeDataString(SignInFailed)}&bruger={Uri.EscapeDataString(email)}&fra={today}&til={today}");
        var rows = failed.QuerySelectorAll("table.security-log tbody tr").Select(r => r.TextContent).ToList();
        Assert.Single(rows);
        Assert.Contains(email, rows[0]);
        var byText = await secretariat.GetDocumentAsync($"/sekretariat/sikkerhedslog?bruger={Uri.EscapeDataString(email)}&soeg=konto%2Flog-ind");
        Assert.Equal(2, byText.QuerySelectorAll("table.security-log tbody tr").Length);
        var yesterday = await secretariat.GetDocumentAsync($"/sekretariat/sikkerhedslog?bruger={Uri.EscapeDataString(email)}&til=2020-01-01");
        Assert.Contains("Ingen hændelser passer til filteret", yesterday.Text());
        var badDate = await secretariat.GetDocumentAsync("/sekretariat/sikkerhedslog?fra=32.13.2026");
        Assert.Contains("Datoen kunne ikke læses", badDate.Text());
    }

    [Fact]
    public async Task The_filtered_log_exports_as_xlsx_and_the_export_is_itself_recorded()
    {
        var email = await AccountTestKit.CreateUserAsync(app, Roles.Member);
        (await AppFactory.SubmitSignInAsync(app.CreateAnonymousClient(), email, "forkert-adgangskode-1")).Dispose();
        var secretariat = await app.SignInAsSecretariatAsync();

        using var response = await secretariat.GetAsync($"/sekretariat/sikkerhedslog.xlsx?bruger={Uri.EscapeDataString(email)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(stream, false);
        var sheet = doc.WorkbookPart!.WorksheetParts.First().Worksheet;
        var cells = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).Where(r => r.Count > 0).ToList();
        Assert.Equal(["Tidspunkt", "Bruger", "Hændelse", "Detaljer", "Adresse", "IP-adresse"], cells[0]);
        Assert.Contains(cells, r => r.Contains(email) && r.Contains(SignInFailed));
        Assert.Contains((await AccountTestKit.LogAsync(app, NonPublicExport, TestAccounts.SecretariatEmail)).Select(e => e.Detail), d => d!.StartsWith("sikkerhedslog-"));

        using var member = await (await app.SignInAsMemberAsync()).GetAsync("/sekretariat/sikkerhedslog.xlsx");
        Assert.Contains("/konto/ingen-adgang", member.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_entry_cannot_be_changed_through_the_app_nor_in_the_database()
    {
        await app.SignInAsMemberAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var entry = await db.AuditLog.OrderByDescending(e => e.Id).FirstAsync();
        var id = entry.Id;

        entry.Detail = "omskrevet";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.ChangeTracker.Clear();
        db.AuditLog.Remove(await db.AuditLog.SingleAsync(e => e.Id == id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditLog.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Detail, "omskrevet")));

        Assert.NotEqual("omskrevet", await db.AuditLog.Where(e => e.Id == id).Select(e => e.Detail).SingleAsync());
    }

    [Fact]
    public async Task Entries_older_than_the_retention_are_removed_and_newer_ones_kept()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var marker = Guid.NewGuid().ToString("N");
        var now = DateTime.UtcNow;
        db.AuditLog.AddRange(
            new AuditEntry { At = now.AddDays(-731), Action = "Testhændelse", Detail = "gammel " + marker },
            new AuditEntry { At = now.AddDays(-729), Action = "Testhændelse", Detail = "ny " + marker });
        await db.SaveChangesAsync();

        await AccountsHousekeeping.RunAsync(db, new AccountSettings { SecurityLogRetentionDays = 730 }, now);

        var left = await db.AuditLog.Where(e => e.Detail!.EndsWith(marker)).Select(e => e.Detail).ToListAsync();
        Assert.Equal(["ny " + marker], left);
    }
}

public sealed class SecurityLogTestsOnSqlite(SqliteAppFactory app) : SecurityLogTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SecurityLogTestsOnPostgres(PostgresAppFactory app) : SecurityLogTests(app), IClassFixture<PostgresAppFactory>;
