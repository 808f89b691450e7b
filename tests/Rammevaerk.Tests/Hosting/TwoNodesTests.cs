using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Meetings;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Hosting;

/// <summary>
/// Two app instances on one database, as two nodes behind a load balancer: what one node (or the command line)
/// changes, the other serves within a second; a sign-in and a form made on one node work on the other.
/// </summary>
public abstract class TwoNodesTests(AppFactory app)
{
    /// <summary>
    /// How soon another node must serve a change: the second on PostgreSQL (NOTIFY); a SQLite node polls its
    /// counter (every 250 ms), and on a busy machine that may take a little longer, so it is given two.
    /// </summary>
    protected virtual TimeSpan Within => TimeSpan.FromSeconds(1);

    private WebApplicationFactory<Program> SecondNode() =>
        app.WithWebHostBuilder(b => b.UseSetting("Rammevaerk:NodeName", "node-b"));

    private Task<(int MeetingId, List<int> Items)> SeedMeetingAsync() => app.QueryAsync(async db =>
    {
        var meeting = await db.Meetings.Where(m => m.ImportKey!.StartsWith("socialdirektoerforum/2025-06-27")).Select(m => m.Id).SingleAsync();
        var items = await db.AgendaItems.Where(i => i.MeetingId == meeting && !i.IsClosed).OrderBy(i => i.Number).Select(i => i.Id).ToListAsync();
        return (meeting, items);
    });

    /// <summary>The answer's text without markup (search highlights words inside titles).</summary>
    private static async Task<string> ReadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "<[^>]+>", ""));
    }

    /// <summary>
    /// How long after now a read of <paramref name="url"/> first showed <paramref name="text"/>: a read is started every
    /// 100 ms (without waiting for the previous one, so a slow render on a busy machine does not hide the moment), and
    /// the time is when the first read that saw the text was started. Null if none did within 5 s.
    /// </summary>
    internal static async Task<TimeSpan?> FirstSeenAsync(HttpClient client, string url, string text)
    {
        var watch = Stopwatch.StartNew();
        var reads = new List<Task<TimeSpan?>>();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            var started = watch.Elapsed;
            reads.Add(Task.Run(async () => (await ReadAsync(client, url)).Contains(text) ? started : (TimeSpan?)null));
            var seen = reads.Where(r => r.IsCompleted).Select(r => r.Result).Where(r => r is not null).ToList();
            if (seen.Count > 0) break;
            await Task.Delay(100);
        }
        var results = await Task.WhenAll(reads);
        return results.Where(r => r is not null).Min();
    }

    [Fact]
    public async Task A_change_made_on_one_node_is_served_by_the_other_within_a_second()
    {
        await using var nodeB = SecondNode();
        var readerB = nodeB.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (meetingId, items) = await SeedMeetingAsync();
        var itemId = items[4];
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var title = $"Kapacitet og {word}"; // the search page repeats the query, so look for the whole new title
        string[] urls = [$"/moeder/{meetingId}", $"/oparl/v1.1/agendaitem/{itemId}", $"/soeg?q={word}"];

        // Node B has every page in its cache (the second read is a cache hit).
        foreach (var url in urls)
        {
            Assert.DoesNotContain(title, await ReadAsync(readerB, url));
            Assert.DoesNotContain(title, await ReadAsync(readerB, url));
        }
        using (var again = await readerB.GetAsync(urls[0])) Assert.True(again.Headers.Age is not null, "node B should answer the meeting page from its cache");

        var secretariat = await app.SignInAsSecretariatAsync();
        var form = await secretariat.ItemFormAsync(itemId);
        form["Input.Title"] = title;
        using (var saved = await secretariat.SaveItemAsync(itemId, form)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var seen = await Task.WhenAll(urls.Select(url => FirstSeenAsync(readerB, url, title)));
        for (var i = 0; i < urls.Length; i++)
        {
            Assert.True(seen[i] is not null, $"node B still served the old {urls[i]} after 5 s");
            Assert.True(seen[i] < Within, $"node B served the change to {urls[i]} after {seen[i]!.Value.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public async Task A_sign_in_and_a_form_made_on_one_node_work_on_the_other_and_the_keys_are_in_the_database()
    {
        await using var nodeB = SecondNode();
        var cookies = new CookieContainer();
        var onA = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        var onB = nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));

        // The sign-in form (and its antiforgery cookie) from node A, posted to node B.
        var login = await onA.GetDocumentAsync(AppFactory.SignInPath);
        using (var signIn = await onB.PostAsync(AppFactory.SignInPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = TestAccounts.SecretariatEmail,
            ["Input.Password"] = TestAccounts.SecretariatPassword,
            [Browserless.AntiforgeryField] = login.AntiforgeryToken(),
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        // The login cookie node B made is valid on node A, and a form from B is accepted by A.
        using (var home = await onA.GetAsync("/sekretariat")) Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var title = $"To noder {Guid.NewGuid():N}"[..24];
        var bodyId = await app.BodyIdAsync("Socialdirektørforum");
        var newMeeting = await onB.GetDocumentAsync("/sekretariat/moeder/nyt");
        var fields = AuthoringSteps.MeetingForm(bodyId, title);
        fields[Browserless.AntiforgeryField] = newMeeting.AntiforgeryToken();
        using (var created = await onA.PostAsync("/sekretariat/moeder/nyt", new FormUrlEncodedContent(fields)))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        Assert.True(await app.QueryAsync(db => db.Meetings.AnyAsync(m => m.Title == title)));

        var keys = await app.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key ", k));
    }

    [Fact]
    public async Task Saving_two_different_items_of_one_meeting_at_the_same_moment_both_succeed()
    {
        var (meetingId, items) = await SeedMeetingAsync();
        var before = await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Version).SingleAsync());
        var first = await app.SignInAsSecretariatAsync();
        var second = await app.SignInAsSecretariatAsync();
        var (x, y) = (items[7], items[8]);
        var formX = await first.ItemFormAsync(x);
        var formY = await second.ItemFormAsync(y);
        var (textX, textY) = ($"Beslutning om x {Guid.NewGuid():N}", $"Beslutning om y {Guid.NewGuid():N}");
        formX["Input.Decision"] = textX;
        formY["Input.Decision"] = textY;

        var saves = await Task.WhenAll(first.SaveItemAsync(x, formX), second.SaveItemAsync(y, formY));
        Assert.All(saves, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        var (version, latest) = await app.QueryAsync(async db =>
        {
            var v = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Version).SingleAsync();
            return (v, await db.MeetingVersions.Where(mv => mv.MeetingId == meetingId && mv.Version == v).SingleAsync());
        });
        Assert.Equal(before + 2, version);
        var snapshot = MeetingLifecycle.ReadSnapshot(latest)!;
        Assert.Contains(snapshot.Items, i => i.Decision == textX);
        Assert.Contains(snapshot.Items, i => i.Decision == textY);
    }

    [Fact]
    public async Task An_item_saved_after_the_meetings_order_changed_keeps_the_new_order_and_says_so()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meetingId = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Socialdirektørforum"), "Rækkefølge ændret imens");
        var a = await secretariat.AddItemAsync(app, meetingId, "Punkt A");
        var b = await secretariat.AddItemAsync(app, meetingId, "Punkt B");
        var numberOf = (int id) => app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == id).Select(i => i.Number).SingleAsync());
        var seenB = await numberOf(b);

        var editor = await app.SignInAsSecretariatAsync();
        var form = await editor.ItemFormAsync(b);
        Assert.Equal(seenB.ToString(), form["Input.SeenNumber"]);

        // Meanwhile another person moves B above A.
        using (var moved = await secretariat.MeetingActionAsync(meetingId, "Move", new() { ["itemId"] = b.ToString(), ["direction"] = "-1" }))
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var nowB = await numberOf(b);
        Assert.NotEqual(seenB, nowB);

        // A number the editor typed is not trusted against the new order: refused, with what happened.
        var renumbered = new Dictionary<string, string>(form) { ["Input.Number"] = "40", ["Input.Title"] = "Punkt B omdøbt" };
        using (var refused = await editor.SaveItemAsync(b, renumbered))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.ReadDocumentAsync();
            Assert.Contains($"Mødets rækkefølge er blevet ændret af en anden, mens du redigerede: punktet er nu nummer {nowB}", page.Errors());
            Assert.Equal("Punkt B omdøbt", page.QuerySelector("#item-form input[name='Input.Title']")!.GetAttribute("value"));
        }
        Assert.Equal("Punkt B", await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == b).Select(i => i.Title).SingleAsync()));

        // A number left as it was follows the new order; the text is saved, and the editor is told.
        var retitled = new Dictionary<string, string>(form) { ["Input.Title"] = "Punkt B med ny titel" };
        using (var saveResponse = await editor.SaveItemAsync(b, retitled)) Assert.Equal(HttpStatusCode.Redirect, saveResponse.StatusCode);
        var after = await editor.GetDocumentAsync($"/sekretariat/punkter/{b}");
        Assert.Contains($"mødets rækkefølge blev ændret, mens du redigerede, så punktet er nu nummer {nowB}", after.Text());
        var saved = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == b).Select(i => new { i.Title, i.Number }).SingleAsync());
        Assert.Equal(("Punkt B med ny titel", nowB), (saved.Title, saved.Number));
        Assert.NotEqual(nowB, await numberOf(a));
    }

    [Fact]
    public async Task Minutes_imported_on_the_command_line_reach_the_running_apps_public_pages_within_a_second()
    {
        var reader = app.CreateAnonymousClient();
        const string url = "/udvalg/socialdirektoerforum?aar=2017";
        Assert.DoesNotContain("24. marts 2017", await ReadAsync(reader, url));
        Assert.DoesNotContain("24. marts 2017", await ReadAsync(reader, url)); // cached now

        var file = Path.Combine(AppFactory.SharedDirectory, "data", "archive-samples", "dagsorden-referater_moede-i-socialdirektoerforum-den-24-marts-2017.txt");
        var (exit, output) = await RunCommandAsync(app.Database, "import-minutes", file, "--body", "Socialdirektørforum", "--apply");
        Assert.True(exit == 0, output);

        var seen = await FirstSeenAsync(reader, url, "24. marts 2017");
        Assert.True(seen is not null, "the running app did not show the imported minutes within 5 s");
        Assert.True(seen < Within, $"the running app showed the import after {seen!.Value.TotalMilliseconds:F0} ms");
    }

    /// <summary>The app's own command line (<c>dotnet Rammevaerk.dll COMMAND</c>) on the test database, as an operator runs it.</summary>
    internal static async Task<(int Exit, string Output)> RunCommandAsync(TestDatabase database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rammevaerk.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Default"] = database.ConnectionString;
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["Rammevaerk__SharedPath"] = AppFactory.SharedDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

public sealed class TwoNodesTestsOnSqlite(SqliteAppFactory app) : TwoNodesTests(app), IClassFixture<SqliteAppFactory>
{
    protected override TimeSpan Within => TimeSpan.FromSeconds(2);
}

public sealed class TwoNodesTestsOnPostgres(PostgresAppFactory app) : TwoNodesTests(app), IClassFixture<PostgresAppFactory>;
