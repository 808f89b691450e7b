using System.Net;
using System.Security.Claims;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Notifications;

/// <summary>Notifications, the outbox and its SMTP delivery, the security log.</summary>
public abstract class NotificationsTests(AppFactory app)
{
    private const string DanishSubject = "Påmindelse: årsrapport og økonomi – ÆØÅ æøå";

    private Task<string> UserIdAsync(string email) =>
        app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Runs <paramref name="work"/> with a Notifier and the request's AppDb of one scope, as a page handler would.</summary>
    private async Task<T> InScopeAsync<T>(IServiceProvider services, Func<Notifier, AppDb, Task<T>> work)
    {
        using var scope = services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<Notifier>(), scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    /// <summary>The app on the same database with other settings (a mail server); no background delivery.</summary>
    private WebApplicationFactory<Program> WithMail(int port, int maxAttempts = 8) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        b.UseSetting("Mail:Smtp:Port", port.ToString());
        b.UseSetting("Mail:Smtp:Security", "None");
        b.UseSetting("Mail:Smtp:From", "sekretariat@test.rammevaerk.dk");
        b.UseSetting("Mail:Smtp:FromName", "Fælleskommunalt Socialsekretariat Syd");
        b.UseSetting("Mail:Smtp:TimeoutSeconds", "10");
        b.UseSetting("Mail:MaxAttempts", maxAttempts.ToString());
        b.UseSetting("Mail:DeliverInBackground", "false");
    });

    private static async Task<HttpClient> SignInAsSecretariatAsync(WebApplicationFactory<Program> factory)
    {
        var client = AppFactory.CreateClientOf(factory);
        using var response = await AppFactory.SubmitSignInAsync(client, TestAccounts.SecretariatEmail, TestAccounts.SecretariatPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<int> QueueEmailAsync(IServiceProvider services, string subject, string body, string topic) =>
        await InScopeAsync(services, async (notifier, db) =>
        {
            await notifier.EmailAsync("soeren.oestergaard@example.dk", "Søren Østergaard", subject, body, topic);
            await db.SaveChangesAsync();
            return await db.Outbox.Where(m => m.Topic == topic).Select(m => m.Id).SingleAsync();
        });

    private static IElement OutboxRow(IDocument page, int id) =>
        page.QuerySelector($"table.outbox tr[data-id='{id}']") ?? throw new InvalidOperationException($"Message {id} is not on the outbox page.");

    [Fact]
    public async Task Notifier_adds_a_notification_and_an_email_per_user_and_nothing_until_the_caller_saves()
    {
        var secretariat = await UserIdAsync(TestAccounts.SecretariatEmail);
        var varde = await UserIdAsync(TestAccounts.MunicipalityEmail);
        var topic = $"Notifier-test {Guid.NewGuid():N}";

        var added = await InScopeAsync(app.Services, async (notifier, db) =>
        {
            var n = await notifier.NotifyUsersAsync([secretariat, varde, varde, "no-such-user"], "Indberetning 2026 er åbnet",
                "Indberetningen for 2026 er åbnet. Fristen er 1. marts.", "/indberetning/2026", topic);
            // Only added to the caller's context: another scope sees nothing yet.
            Assert.Equal(0, await app.QueryAsync(other => other.Outbox.CountAsync(m => m.Topic == topic)));
            await db.SaveChangesAsync();
            return n;
        });
        Assert.Equal(2, added);

        var mails = await app.QueryAsync(db => db.Outbox.Where(m => m.Topic == topic).OrderBy(m => m.To).ToListAsync());
        Assert.Equal([TestAccounts.SecretariatEmail, TestAccounts.MunicipalityEmail], mails.Select(m => m.To).Order());
        Assert.All(mails, m =>
        {
            Assert.Equal("Indberetning 2026 er åbnet", m.Subject);
            Assert.Contains("Fristen er 1. marts.", m.Body);
            // Written with no request and no configured address: the server's own address, never a bare path.
            Assert.Matches(@"Se mere: https?://[^/\s]+/indberetning/2026", m.Body);
            Assert.Null(m.SentAt);
        });
        Assert.Contains("Kære Varde Kommune (test)", mails.Single(m => m.To == TestAccounts.MunicipalityEmail).Body);
        var notes = await app.QueryAsync(db => db.Notifications.Where(n => n.Link == "/indberetning/2026" && n.Text.StartsWith("Indberetningen for 2026")).ToListAsync());
        Assert.Contains(notes, n => n.UserId == secretariat);
        Assert.Contains(notes, n => n.UserId == varde);

        // By municipality: the Varde user.
        var byMunicipality = await InScopeAsync(app.Services, async (notifier, db) =>
        {
            var n = await notifier.NotifyMunicipalityAsync(TestAccounts.MunicipalityCode, "Belægning", "Husk belægningen.", null, topic + " kommune");
            await db.SaveChangesAsync();
            return n;
        });
        Assert.True(byMunicipality >= 1);
        Assert.Contains(TestAccounts.MunicipalityEmail, await app.QueryAsync(db => db.Outbox.Where(m => m.Topic == topic + " kommune").Select(m => m.To).ToListAsync()));

        // Links are app paths; anything else is refused before anything is added.
        await Assert.ThrowsAsync<ArgumentException>(() => InScopeAsync(app.Services, (notifier, _) =>
            notifier.NotifyUsersAsync([varde], "x", "y", "https://evil.example/", topic)));
        await Assert.ThrowsAsync<ArgumentException>(() => InScopeAsync(app.Services, (notifier, _) =>
            notifier.NotifyUsersAsync([varde], "x", "y", "//evil.example/", topic)));
    }

    [Fact]
    public async Task Without_a_mail_server_nothing_is_sent_and_the_outbox_page_shows_the_message()
    {
        var topic = $"Uden mailserver {Guid.NewGuid():N}";
        var id = await QueueEmailAsync(app.Services, DanishSubject, "Kære Søren\n\nHusk årsrapporten.\n", topic);

        var sender = app.Services.GetRequiredService<OutboxSender>();
        Assert.False(sender.IsConfigured);
        Assert.Equal(0, await sender.DeliverDueAsync(CancellationToken.None));
        var message = await app.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.Null(message.SentAt);
        Assert.Equal(0, message.Attempts);

        var client = await app.SignInAsSecretariatAsync();
        var page = await client.GetDocumentAsync("/sekretariat/udbakke");
        Assert.Contains("Der er ikke sat en mailserver op – beskederne bliver liggende her", page.QuerySelector(".mail-server-notice")!.TextContent);
        var row = OutboxRow(page, id);
        Assert.Equal("Venter", row.QuerySelector(".outbox-state strong")!.TextContent.Trim());
        Assert.Contains(DanishSubject, row.TextContent);
        Assert.Contains("Søren Østergaard <soeren.oestergaard@example.dk>", row.TextContent);
        Assert.Contains(topic, row.TextContent);
        Assert.Matches(@"\d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}", row.QuerySelectorAll("td")[4].TextContent);
        Assert.Null(row.QuerySelector("form")); // nothing to send again yet

        var detail = await client.GetDocumentAsync($"/sekretariat/udbakke/{id}");
        Assert.Equal(DanishSubject, detail.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Husk årsrapporten.", detail.QuerySelector("pre.outbox-body")!.TextContent);
        Assert.Contains("Ikke sendt", detail.Text());

        using var missing = await client.GetAsync("/sekretariat/udbakke/99999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var member = await app.SignInAsMemberAsync();
        using var refused = await member.GetAsync("/sekretariat/udbakke");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_configured_mail_server_receives_the_message_with_Danish_letters_and_it_is_marked_sent()
    {
        await using var sink = new SmtpSink();
        await using var mailApp = WithMail(sink.Port);
        var topic = $"SMTP {Guid.NewGuid():N}";
        var body = "Kære Søren Østergaard\n\nÅrsrapporten for Ærø og Æbeltoft er klar: 1.234,50 kr. – se bilag.\n.\nEn linje med et punktum alene ovenfor.\n";
        var id = await QueueEmailAsync(mailApp.Services, DanishSubject, body, topic);

        var sender = mailApp.Services.GetRequiredService<OutboxSender>();
        Assert.True(sender.IsConfigured);
        Assert.True(await sender.DeliverDueAsync(CancellationToken.None) >= 1);

        var received = Assert.Single(sink.Messages, r => r.Message.Subject == DanishSubject);
        Assert.Equal("sekretariat@test.rammevaerk.dk", received.MailFrom);
        Assert.Equal(["soeren.oestergaard@example.dk"], received.RcptTo);
        var from = Assert.Single(received.Message.From.Mailboxes);
        Assert.Equal("Fælleskommunalt Socialsekretariat Syd", from.Name);
        Assert.Equal("Søren Østergaard", Assert.Single(received.Message.To.Mailboxes).Name);
        Assert.Equal(body, received.Message.TextBody!.Replace("\r\n", "\n"));
        Assert.Contains(sink.Commands, c => c.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase));

        var message = await app.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.NotNull(message.SentAt);
        Assert.Equal(1, message.Attempts);
        Assert.Null(message.LastError);

        // Sent once: a second round sends nothing more for it.
        await sender.DeliverDueAsync(CancellationToken.None);
        Assert.Single(sink.Messages, r => r.Message.Subject == DanishSubject);

        var client = await SignInAsSecretariatAsync(mailApp);
        var page = await client.GetDocumentAsync("/sekretariat/udbakke");
        Assert.Contains($"Beskederne sendes via mailserveren 127.0.0.1:{sink.Port}", page.QuerySelector(".mail-server-notice")!.TextContent);
        var row = OutboxRow(page, id);
        Assert.Equal("Sendt", row.QuerySelector(".outbox-state strong")!.TextContent.Trim());
        Assert.Matches(@"\d{2}\.\d{2}\.\d{4} kl\. \d{2}:\d{2}", row.QuerySelectorAll("td")[5].TextContent);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_backoff_then_failed_and_Send_igen_queues_it_again()
    {
        await using var mailApp = WithMail(SmtpSink.ClosedPort(), maxAttempts: 2);
        var topic = $"Fejl {Guid.NewGuid():N}";
        var id = await QueueEmailAsync(mailApp.Services, "Fejltest – ingen server", "Denne besked kan ikke sendes.", topic);
        var sender = mailApp.Services.GetRequiredService<OutboxSender>();

        var before = DateTime.UtcNow;
        Assert.Equal(0, await sender.DeliverDueAsync(CancellationToken.None));
        var first = await app.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.Null(first.SentAt);
        Assert.Equal(1, first.Attempts);
        Assert.NotNull(first.LastError);
        Assert.InRange(first.NextAttemptAt!.Value, before.AddSeconds(50), DateTime.UtcNow.AddMinutes(2));

        // Not due yet: another round leaves it alone.
        await sender.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(1, await app.QueryAsync(db => db.Outbox.Where(m => m.Id == id).Select(m => m.Attempts).SingleAsync()));

        var client = await SignInAsSecretariatAsync(mailApp);
        var row = OutboxRow(await client.GetDocumentAsync("/sekretariat/udbakke"), id);
        Assert.Equal("Venter", row.QuerySelector(".outbox-state strong")!.TextContent.Trim());
        Assert.Contains("Forsøg 1 mislykkedes; nyt forsøg", row.TextContent);
        Assert.Contains(first.LastError!, row.QuerySelector(".outbox-error")!.TextContent);

        // The retry is due: the second attempt is the last one (MaxAttempts 2), and the message is failed.
        await app.QueryAsync(db => db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Equal(0, await sender.DeliverDueAsync(CancellationToken.None));
        var second = await app.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.Equal(2, second.Attempts);
        Assert.Null(second.NextAttemptAt);

        var page = await client.GetDocumentAsync("/sekretariat/udbakke");
        row = OutboxRow(page, id);
        Assert.Equal("Fejlet", row.QuerySelector(".outbox-state strong")!.TextContent.Trim());
        Assert.Contains("Opgivet efter 2 forsøg", row.TextContent);
        var detail = await client.GetDocumentAsync($"/sekretariat/udbakke/{id}");
        Assert.Contains("Fejlet", detail.QuerySelector(".outbox-state")!.TextContent);
        Assert.NotNull(detail.QuerySelector(".outbox-error"));

        using var retry = await client.PostFormAsync("/sekretariat/udbakke", new Dictionary<string, string> { ["id"] = id.ToString() }, "/sekretariat/udbakke?handler=Retry");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var again = await app.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.Equal(0, again.Attempts);
        Assert.Null(again.NextAttemptAt);
        Assert.Equal("Venter", OutboxRow(await client.GetDocumentAsync("/sekretariat/udbakke"), id).QuerySelector(".outbox-state strong")!.TextContent.Trim());
    }

    [Fact]
    public async Task Notifications_page_shows_own_notifications_newest_first_and_the_layout_counts_unread()
    {
        var member = await UserIdAsync(TestAccounts.MemberEmail);
        var outsider = await UserIdAsync(TestAccounts.OutsiderMemberEmail);
        await app.QueryAsync(db => db.Notifications.Where(n => n.UserId == member).ExecuteDeleteAsync());
        foreach (var (text, target) in new[] { ("Første: dagsorden udgivet", "/moeder"), ("Anden: referat udgivet", "/udvalg"), ("Tredje: høring om pladser", (string?)null) })
        {
            await InScopeAsync(app.Services, async (notifier, db) =>
            {
                await notifier.NotifyUsersAsync([member], text, text, target, "Notifikationstest");
                await db.SaveChangesAsync();
                await Task.Delay(20); // distinct creation times
                return 0;
            });
        }
        var othersId = await InScopeAsync(app.Services, async (notifier, db) =>
        {
            await notifier.NotifyUsersAsync([outsider], "Kun til en anden", "Kun til en anden", null, "Notifikationstest");
            await db.SaveChangesAsync();
            return await db.Notifications.Where(n => n.UserId == outsider).OrderByDescending(n => n.Id).Select(n => n.Id).FirstAsync();
        });

        var client = await app.SignInAsMemberAsync();
        var page = await client.GetDocumentAsync("/notifikationer");
        var link = page.QuerySelector("nav.main-nav a[href='/notifikationer']")!;
        Assert.StartsWith("Notifikationer (3)", link.TextContent.Trim());
        Assert.Equal("(3 ulæste)", link.QuerySelector(".visually-hidden")!.TextContent.Trim());
        Assert.Equal("true", link.QuerySelector("[aria-hidden]")!.GetAttribute("aria-hidden"));

        var items = page.QuerySelectorAll(".notification-list li").ToList();
        Assert.Equal(3, items.Count);
        Assert.Contains("Tredje", items[0].TextContent);
        Assert.Contains("Første", items[2].TextContent);
        Assert.All(items, i => Assert.Contains("unread", i.ClassList));
        Assert.Equal("/moeder", items[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("Kun til en anden", page.Text());

        // One read.
        var first = items[2].GetAttribute("data-id")!;
        using (var read = await client.PostFormAsync("/notifikationer", new Dictionary<string, string> { ["id"] = first }, "/notifikationer?handler=Read"))
            Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        page = await client.GetDocumentAsync("/notifikationer");
        Assert.StartsWith("Notifikationer (2)", page.QuerySelector("nav.main-nav a[href='/notifikationer']")!.TextContent.Trim());
        Assert.Contains("read", page.QuerySelector($".notification-list li[data-id='{first}']")!.ClassList);
        Assert.Null(page.QuerySelector($".notification-list li[data-id='{first}'] form"));

        // Another user's notification cannot be marked by id.
        using (var foreign = await client.PostFormAsync("/notifikationer", new Dictionary<string, string> { ["id"] = othersId.ToString() }, "/notifikationer?handler=Read"))
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Null(await app.QueryAsync(db => db.Notifications.Where(n => n.Id == othersId).Select(n => n.ReadAt).SingleAsync()));

        // All read; the form needs its antiforgery token.
        using (var noToken = await client.PostAsync("/notifikationer?handler=ReadAll", new FormUrlEncodedContent([])))
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        using (var all = await client.PostFormAsync("/notifikationer", new Dictionary<string, string>(), "/notifikationer?handler=ReadAll"))
            Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        page = await client.GetDocumentAsync("/notifikationer");
        Assert.Equal("Notifikationer", page.QuerySelector("nav.main-nav a[href='/notifikationer']")!.TextContent.Trim());
        Assert.Contains("2 notifikationer er markeret som læst.", page.QuerySelector(".notice-ok")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".notification-list li.unread"));

        // Anonymous readers: no link, no count, and the page asks them to sign in.
        var anonymous = app.CreateAnonymousClient();
        Assert.Null((await anonymous.GetDocumentAsync("/")).QuerySelector("a[href='/notifikationer']"));
        using var redirect = await anonymous.GetAsync("/notifikationer");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith(AppFactory.SignInPath, redirect.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Security_log_records_at_once_and_lists_entries_newest_first_for_the_secretariat_only()
    {
        var marker = Guid.NewGuid().ToString("N");
        using (var scope = app.Services.CreateScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            // Something unsaved in the request's context must not be saved with the entry.
            db.Outbox.Add(new OutboxMessage { To = "x@example.dk", Subject = "Må ikke gemmes " + marker, Body = "-" });
            var http = new DefaultHttpContext
            {
                User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "varde@test.rammevaerk.dk")], "test")),
            };
            http.Request.Method = "POST";
            http.Request.Path = "/indberetning/belaegning";
            await audit.RecordAsync(AuditLog.OtherOperatorsData, "Første " + marker, http);
            await Task.Delay(20);
            await audit.RecordAsync("Testhændelse", "Anden " + marker, http);
        }
        Assert.Equal(0, await app.QueryAsync(db => db.Outbox.CountAsync(m => m.Subject == "Må ikke gemmes " + marker)));
        var entry = await app.QueryAsync(db => db.AuditLog.SingleAsync(e => e.Detail == "Første " + marker));
        Assert.Equal("varde@test.rammevaerk.dk", entry.UserName);
        Assert.Equal("POST /indberetning/belaegning", entry.Path);

        var client = await app.SignInAsSecretariatAsync();
        var page = await client.GetDocumentAsync("/sekretariat/sikkerhedslog");
        Assert.NotNull(page.QuerySelector("nav.sub-nav a[href='/sekretariat/sikkerhedslog']"));
        var rows = page.QuerySelectorAll("table.security-log tbody tr").Select(r => r.TextContent).ToList();
        var second = rows.FindIndex(r => r.Contains("Anden " + marker));
        var firstIndex = rows.FindIndex(r => r.Contains("Første " + marker));
        Assert.True(second >= 0 && firstIndex > second, "newest first");
        Assert.Contains(AuditLog.OtherOperatorsData, rows[firstIndex]);
        Assert.Contains("varde@test.rammevaerk.dk", rows[firstIndex]);

        var municipality = await app.SignInAsMunicipalityAsync();
        using var refused = await municipality.GetAsync("/sekretariat/sikkerhedslog");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}

public sealed class NotificationsTestsOnSqlite(SqliteAppFactory app) : NotificationsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class NotificationsTestsOnPostgres(PostgresAppFactory app) : NotificationsTests(app), IClassFixture<PostgresAppFactory>;
