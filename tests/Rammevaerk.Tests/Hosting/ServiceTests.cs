using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Rammevaerk.Hosting;
using Rammevaerk.Meetings;
using Rammevaerk.Shared.Forms;
using Rammevaerk.Notifications;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using Rammevaerk.Tests.Notifications;

namespace Rammevaerk.Tests.Hosting;

/// <summary>What a load balancer and an operator rely on: probes, HEAD, e-mail sent once by one of several nodes, daily jobs once.</summary>
public abstract class ServiceTests(AppFactory app)
{
    [Fact]
    public async Task The_probes_answer_live_and_ready_and_are_never_cached()
    {
        var client = app.CreateAnonymousClient();
        foreach (var path in new[] { Health.LivePath, Health.ReadyPath })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl is { NoStore: true, Public: false }, response.Headers.CacheControl?.ToString());
            Assert.Null(response.Headers.Age);
            Assert.Contains("\"status\":\"Healthy\"", await response.Content.ReadAsStringAsync());
        }
        var ready = await client.GetStringAsync(Health.ReadyPath);
        Assert.Contains("schema current", ready);
    }

    [Fact]
    public async Task HEAD_is_answered_wherever_GET_is_with_the_same_headers_and_no_body()
    {
        var (meetingId, itemId, attachmentId, fileName) = await app.QueryAsync(async db =>
        {
            var a = await db.Attachments.Where(x => !x.IsMissing && !x.AgendaItem.IsClosed && x.AgendaItem.Meeting.State != MeetingState.Draft)
                .Select(x => new { x.Id, x.FileName, x.AgendaItemId, x.AgendaItem.MeetingId }).FirstAsync();
            return (a.MeetingId, a.AgendaItemId, a.Id, a.FileName);
        });
        var urls = new List<string>
        {
            "/", "/udvalg", $"/moeder/{meetingId}", "/soeg?q=kapacitet", "/tilbud", "/feeds/atom.xml", "/feeds/kalender.ics",
            "/oparl/v1.1/system", "/oparl/v1.1/body/1", $"/oparl/v1.1/meeting/{meetingId}", $"/oparl/v1.1/agendaitem/{itemId}",
            $"/oparl/v1.1/file/{attachmentId}", $"/oparl/v1.1/file/{attachmentId}/access", $"/bilag/{attachmentId}/{Uri.EscapeDataString(fileName)}",
            Health.LivePath, Health.ReadyPath,
        };
        // Every GET endpoint without route values, so that one added later is asked too.
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var e in endpoints)
        {
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is null || !methods.Contains("GET") || e.RoutePattern.Parameters.Count > 0) continue;
            var path = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            if (!urls.Contains(path)) urls.Add(path);
        }
        Assert.True(urls.Count > 15, $"only {urls.Count} URLs were found to ask");

        var client = app.CreateAnonymousClient();
        foreach (var url in urls)
        {
            using var get = await client.GetAsync(url);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.True(head.StatusCode == get.StatusCode, $"HEAD {url} answered {(int)head.StatusCode}, GET {(int)get.StatusCode}");
            Assert.NotEqual(HttpStatusCode.MethodNotAllowed, head.StatusCode);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Sign_in_redirects_go_to_the_public_base_url_not_to_the_host_the_node_was_asked_for()
    {
        await using var node = app.WithWebHostBuilder(b => b.UseSetting("Rammevaerk:PublicBaseUrl", "https://rammevaerk.example.dk"));
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://node-a.internal:5000") });
        using var response = await client.GetAsync("/notifikationer");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://rammevaerk.example.dk", location.GetLeftPart(UriPartial.Authority));
        Assert.StartsWith(AppFactory.SignInPath, location.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fnotifikationer", location.Query);
    }

    [Fact]
    public async Task With_one_read_at_a_time_a_crowd_of_readers_is_served_in_turn_with_error_pages_and_probes()
    {
        await using var node = app.WithWebHostBuilder(b => b.UseSetting("Rammevaerk:MaxRequestsInProgress", "1"));
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        string[] urls = ["/", "/tilbud", "/soeg?q=kapacitet", "/udvalg", "/findes-ikke", Health.LivePath];
        var crowd = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            var url = urls[i % urls.Length];
            using var response = await client.GetAsync(url);
            return (url, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).WaitAsync(TimeSpan.FromMinutes(2));
        foreach (var (url, status, body) in crowd)
        {
            if (url == "/findes-ikke")
            {
                // The error page is re-executed while the read that caused it has given its place back: no deadlock.
                Assert.Equal(HttpStatusCode.NotFound, status);
                Assert.Contains("Siden findes ikke", body);
            }
            else
            {
                Assert.True(status == HttpStatusCode.OK, $"{url} answered {(int)status} in the crowd");
            }
        }
    }

    /// <summary>A sign-in form as the browser posts it (a wrong password: nothing happens but a message).</summary>
    internal static async Task<string> SignInFormAsync(HttpClient client)
    {
        var page = await client.GetDocumentAsync(AppFactory.SignInPath);
        return $"Input.Email=ingen%40example.dk&Input.Password=forkert&{Browserless.AntiforgeryField}={Uri.EscapeDataString(page.AntiforgeryToken())}"
               + $"&{SubmissionToken.FieldName}={Uri.EscapeDataString(SubmissionToken.New())}";
    }

    internal static StringContent Form(string fields) => new(fields, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

    [Fact]
    public async Task When_every_place_is_taken_reads_and_posted_forms_wait_their_turn_and_the_probes_do_not()
    {
        await using var node = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Rammevaerk:MaxRequestsInProgress", "1");
            b.UseSetting("Rammevaerk:MaxRequestWaitSeconds", "10");
        });
        using var client = AppFactory.CreateClientOf(node);
        var gate = node.Services.GetRequiredService<RequestGate>();

        var fields = await SignInFormAsync(client);
        var place = await gate.AcquireAsync(CancellationToken.None);
        Assert.NotNull(place);
        var read = client.GetAsync("/tilbud");
        var post = client.PostAsync(AppFactory.SignInPath, Form(fields));
        using (var live = await client.GetAsync(Health.LivePath).WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode); // the probe does not wait
        }
        await Task.Delay(500);
        Assert.False(read.IsCompleted, "a read went past the gate while every place was taken");
        Assert.False(post.IsCompleted, "a posted form went past the gate while every place was taken");
        place.Dispose();
        using (var readAnswer = await read.WaitAsync(TimeSpan.FromSeconds(30))) Assert.Equal(HttpStatusCode.OK, readAnswer.StatusCode);
        using (var postAnswer = await post.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.OK, postAnswer.StatusCode);
            Assert.Contains("forkert", (await postAnswer.ReadDocumentAsync()).Text(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_request_that_gets_no_place_in_time_is_answered_503_in_Danish_and_the_node_goes_on()
    {
        await using var node = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Rammevaerk:MaxRequestsInProgress", "1");
            b.UseSetting("Rammevaerk:MaxRequestWaitSeconds", "1");
        });
        using var client = AppFactory.CreateClientOf(node);
        var gate = node.Services.GetRequiredService<RequestGate>();
        var fields = await SignInFormAsync(client);

        using (var place = await gate.AcquireAsync(CancellationToken.None))
        {
            Assert.NotNull(place);
            using var read = await client.GetAsync("/tilbud");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), read.Headers.RetryAfter?.Delta);
            Assert.Contains("Tjenesten er ikke tilgængelig lige nu", (await read.ReadDocumentAsync()).Text());

            using var post = await client.PostAsync(AppFactory.SignInPath, Form(fields));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), post.Headers.RetryAfter?.Delta);
            Assert.Contains("Systemet har travlt lige nu, og det sendte er ikke gemt", (await post.ReadDocumentAsync()).Text());
        }
        using var after = await client.GetAsync("/tilbud");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private WebApplicationFactory<Program> WithMail(int port, string node) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        b.UseSetting("Mail:Smtp:Port", port.ToString());
        b.UseSetting("Mail:Smtp:Security", "None");
        b.UseSetting("Mail:Smtp:From", "sekretariat@test.rammevaerk.dk");
        b.UseSetting("Mail:DeliverInBackground", "false");
        b.UseSetting("Rammevaerk:NodeName", node);
        b.UseSetting("Rammevaerk:PublicBaseUrl", "https://rammevaerk.example.dk");
    });

    private async Task<List<int>> QueueAsync(string topic, int count) => await app.QueryAsync(async db =>
    {
        using var scope = app.Services.CreateScope();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var scoped = scope.ServiceProvider.GetRequiredService<Rammevaerk.Data.AppDb>();
        for (var i = 0; i < count; i++) await notifier.EmailAsync($"modtager{i}@example.dk", null, $"{topic} nr. {i}", "Tekst", topic);
        await scoped.SaveChangesAsync();
        return await db.Outbox.Where(m => m.Topic == topic).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
    });

    [Fact]
    public async Task Two_nodes_sending_the_outbox_at_the_same_time_send_each_message_once_with_a_Message_Id_from_its_row()
    {
        await using var sink = new SmtpSink();
        await using var nodeA = WithMail(sink.Port, "node-a");
        await using var nodeB = WithMail(sink.Port, "node-b");
        var topic = $"To noder {Guid.NewGuid():N}";
        var ids = await QueueAsync(topic, 30);

        var senders = new[] { nodeA.Services.GetRequiredService<OutboxSender>(), nodeB.Services.GetRequiredService<OutboxSender>() };
        await Task.WhenAll(senders.Select(s => Task.Run(async () =>
        {
            while (await s.DeliverDueAsync(CancellationToken.None) > 0) { }
        })));

        var received = sink.Messages.Where(r => (r.Message.Subject ?? "").StartsWith(topic)).ToList();
        Assert.Equal(30, received.Count);
        Assert.Equal(30, received.Select(r => r.Message.Subject).Distinct().Count());
        var rows = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.All(rows, m => Assert.Equal((1, (string?)null), (m.Attempts, m.ClaimedBy)));
        Assert.All(rows, m => Assert.NotNull(m.SentAt));
        foreach (var m in rows)
        {
            var mail = Assert.Single(received, r => r.Message.Subject == m.Subject);
            Assert.Equal(OutboxSender.MessageId(m, "rammevaerk.example.dk"), mail.Message.MessageId);
        }
    }

    [Fact]
    public async Task A_message_claimed_by_a_node_that_died_is_sent_when_the_claim_has_run_out_and_not_before()
    {
        await using var sink = new SmtpSink();
        await using var node = WithMail(sink.Port, "node-a");
        var topic = $"Død node {Guid.NewGuid():N}";
        var ids = await QueueAsync(topic, 2);
        var now = DateTime.UtcNow;
        await app.QueryAsync(async db =>
        {
            await db.Outbox.Where(m => m.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "node-x/1-dead").SetProperty(m => m.ClaimedUntil, now.AddMinutes(-1)).SetProperty(m => m.Attempts, 1));
            return await db.Outbox.Where(m => m.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "node-y/1-busy").SetProperty(m => m.ClaimedUntil, now.AddMinutes(1)).SetProperty(m => m.Attempts, 1));
        });

        await node.Services.GetRequiredService<OutboxSender>().DeliverDueAsync(CancellationToken.None);

        var subjects = sink.Messages.Select(r => r.Message.Subject).Where(s => s?.StartsWith(topic) == true).ToList();
        Assert.Equal([$"{topic} nr. 0"], subjects);
        var rows = await app.QueryAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal((2, (string?)null), (rows[0].Attempts, rows[0].ClaimedBy));
        Assert.NotNull(rows[0].SentAt);
        Assert.Null(rows[1].SentAt);
        Assert.Equal("node-y/1-busy", rows[1].ClaimedBy);
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingJob(string name) : IDailyJob
    {
        public string Name { get; } = name;
        public int Runs;
        public bool Fail;
        public async Task RunAsync(DateOnly day, CancellationToken ct)
        {
            Interlocked.Increment(ref Runs);
            await Task.Delay(50, ct);
            if (Fail) throw new InvalidOperationException("Prøvefejl");
        }
    }

    private DailyJobs Node(string name, IDailyJob job, TimeProvider clock)
    {
        var identity = new NodeIdentity(Options.Create(new SiteOptions { NodeName = name }));
        var leases = new Leases(app.Services.GetRequiredService<IServiceScopeFactory>(), identity, clock);
        return new DailyJobs([job], leases, clock, new ConfigurationBuilder().Build(), NullLogger<DailyJobs>.Instance);
    }

    [Fact]
    public async Task A_daily_job_runs_once_a_day_on_one_of_several_nodes_and_again_the_next_day()
    {
        var clock = new Clock(new DateTimeOffset(2027, 3, 1, 7, 0, 0, TimeSpan.Zero));
        var job = new CountingJob($"test-{Guid.NewGuid():N}");
        var nodes = Enumerable.Range(0, 3).Select(i => Node($"node-{i}", job, clock)).ToList();

        for (var round = 0; round < 3; round++)
            await Task.WhenAll(nodes.Select(n => n.RunDueAsync(CancellationToken.None)));
        Assert.Equal(1, job.Runs);

        clock.Now = clock.Now.AddDays(1);
        await Task.WhenAll(nodes.Select(n => n.RunDueAsync(CancellationToken.None)));
        await Task.WhenAll(nodes.Select(n => n.RunDueAsync(CancellationToken.None)));
        Assert.Equal(2, job.Runs);
        var lease = await app.QueryAsync(db => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == job.Name));
        Assert.Equal((new DateOnly(2027, 3, 2), (string?)null), (lease.LastDoneFor, lease.Holder));
    }

    [Fact]
    public async Task A_daily_job_held_by_a_node_that_died_or_that_failed_is_run_later_and_not_skipped()
    {
        var clock = new Clock(new DateTimeOffset(2027, 3, 1, 7, 0, 0, TimeSpan.Zero));
        var job = new CountingJob($"test-{Guid.NewGuid():N}");
        var node = Node("node-a", job, clock);
        // A node took the lease for today and died.
        await app.QueryAsync(async db =>
        {
            db.JobLeases.Add(new JobLease { Name = job.Name, Holder = "node-dead/1-x", LeasedUntil = clock.Now.UtcDateTime.AddMinutes(2) });
            return await db.SaveChangesAsync();
        });
        await node.RunDueAsync(CancellationToken.None);
        Assert.Equal(0, job.Runs);

        clock.Now = clock.Now.AddMinutes(3);
        job.Fail = true;
        await node.RunDueAsync(CancellationToken.None);
        Assert.Equal(1, job.Runs);
        var failed = await app.QueryAsync(db => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == job.Name));
        Assert.Null(failed.LastDoneFor);
        Assert.Contains("Prøvefejl", failed.LastError);

        // Not again at once, but after the retry delay.
        job.Fail = false;
        await node.RunDueAsync(CancellationToken.None);
        Assert.Equal(1, job.Runs);
        clock.Now = clock.Now.AddMinutes(6);
        await node.RunDueAsync(CancellationToken.None);
        Assert.Equal(2, job.Runs);
        Assert.Equal(new DateOnly(2027, 3, 1), await app.QueryAsync(db => db.JobLeases.Where(l => l.Name == job.Name).Select(l => l.LastDoneFor).SingleAsync()));
    }

    [Fact]
    public async Task The_capacity_applier_is_a_daily_job_of_the_app()
    {
        var jobs = app.Services.GetServices<IDailyJob>().Select(j => j.Name).ToList();
        Assert.Contains("capacity-applier", jobs);
        // It has run at start-up (on one node) and recorded today.
        var today = DateOnly.FromDateTime(Rammevaerk.Shared.Danish.ToLocal(DateTime.UtcNow));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        DateOnly? done = null;
        while (DateTime.UtcNow < deadline && (done = await app.QueryAsync(db => db.JobLeases.Where(l => l.Name == "capacity-applier").Select(l => l.LastDoneFor).SingleOrDefaultAsync())) != today)
            await Task.Delay(200);
        Assert.Equal(today, done);
    }
}

public sealed class ServiceTestsOnSqlite(SqliteAppFactory app) : ServiceTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ServiceTestsOnPostgres(PostgresAppFactory app) : ServiceTests(app), IClassFixture<PostgresAppFactory>
{
    [Fact]
    public async Task After_every_database_connection_was_cut_reading_and_saving_work_and_a_save_is_committed_once()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var itemId = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.State == MeetingState.MinutesPublished && !i.IsClosed).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        var meetingId = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == itemId).Select(i => i.MeetingId).SingleAsync());
        var form = await secretariat.ItemFormAsync(itemId);
        var versions = await app.QueryAsync(db => db.MeetingVersions.CountAsync(v => v.MeetingId == meetingId));

        await CutConnectionsAsync();
        var decision = $"Besluttet efter afbrydelse {Guid.NewGuid():N}";
        form["Input.Decision"] = decision;
        using (var saved = await secretariat.SaveItemAsync(itemId, form)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(decision, await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == itemId).Select(i => i.Decision).SingleAsync()));

        // The public meeting's working copy reaches the public with its next version (decision 0007), published once.
        await CutConnectionsAsync();
        using (var published = await secretariat.PublishAsync(meetingId, "ny-version")) Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(versions + 1, await app.QueryAsync(db => db.MeetingVersions.CountAsync(v => v.MeetingId == meetingId)));

        await CutConnectionsAsync();
        using var page = await app.CreateAnonymousClient().GetAsync($"/soeg?q=afbrydelse");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("afbrydelse", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }

    /// <summary>Ends every session the app has on its database, as a PostgreSQL restart does.</summary>
    private async Task CutConnectionsAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }
}
