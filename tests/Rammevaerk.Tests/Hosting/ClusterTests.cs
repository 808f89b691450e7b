using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using OtpNet;
using Rammevaerk.Accounts;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Hosting;

/// <summary>
/// scripts/cluster.sh: a throwaway PostgreSQL, two nodes in Production and nginx with TLS on 127.0.0.1, started once
/// for the tests of <see cref="ClusterTests"/> and removed afterwards.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "rammevaerk-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    public Dictionary<string, string> Env { get; } = [];

    public Uri Balancer => new(Env["BALANCER_URL"]);
    public Uri NodeA => new(Env["NODE_A_URL"]);
    public Uri NodeB => new(Env["NODE_B_URL"]);

    private static string FindRepository()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "scripts", "cluster.sh"))) return d.FullName;
        }
        throw new InvalidOperationException("scripts/cluster.sh not found above " + AppContext.BaseDirectory);
    }

    public async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = FindRepository() };
        start.ArgumentList.Add("scripts/cluster.sh");
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(Dir);
        start.Environment["RAMMEVAERK_APP_DLL"] = Path.Combine(AppContext.BaseDirectory, "Rammevaerk.dll");
        start.Environment["RAMMEVAERK_SHARED"] = AppFactory.SharedDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/cluster.sh {string.Join(' ', args)} failed ({process.ExitCode}):\n{output}");
        return output;
    }

    public async Task InitializeAsync()
    {
        await RunAsync("start");
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(Dir, "cluster.env")))
        {
            var eq = line.IndexOf('=');
            if (eq > 0) Env[line[..eq]] = line[(eq + 1)..].Trim('\'');
        }
    }

    public async Task DisposeAsync() => await RunAsync("stop");

    /// <summary>What a node logged, for failure messages.</summary>
    public string Log(string node) => File.Exists(Path.Combine(Dir, $"node-{node}.log")) ? string.Join('\n', File.ReadLines(Path.Combine(Dir, $"node-{node}.log")).TakeLast(30)) : "";
}

/// <summary>
/// Two nodes behind nginx on one PostgreSQL, with faults: sign in through the balancer, publish through node A and read
/// through node B within a second, kill a node, restart PostgreSQL.
/// </summary>
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    /// <summary>A browser on the balancer: cookies kept, the throwaway certificate accepted, redirects not followed.</summary>
    private HttpClient Browser(CookieContainer? cookies = null) => new(new HttpClientHandler
    {
        CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false,
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    }) { BaseAddress = cluster.Balancer, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Straight to one node, as nginx would talk to it (plain HTTP, X-Forwarded-Proto: https).</summary>
    private static HttpClient Node(Uri node)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    private async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync()
    {
        var cookies = new CookieContainer();
        var browser = Browser(cookies);
        using var response = await browser.PostFormAsync(AppFactory.SignInPath, new Dictionary<string, string>
        {
            ["Input.Email"] = cluster.Env["SECRETARIAT_EMAIL"],
            ["Input.Password"] = cluster.Env["SECRETARIAT_PASSWORD"],
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in through the balancer answered {(int)response.StatusCode}");
        // Production: the secretariat's role always has a second factor. The first sign-in sets up the app (through
        // the balancer, so its form may post to the other node), later ones give a recovery code: each TOTP code
        // works once, and ten sign-ins in a minute would need ten time steps.
        var next = response.Headers.Location!.OriginalString;
        if (next == SignInFlow.EnrolPath)
        {
            var page = await browser.GetDocumentAsync(SignInFlow.EnrolPath);
            var key = page.QuerySelector("code.totp-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
            using var done = await browser.PostAsync(SignInFlow.EnrolPath, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [Browserless.AntiforgeryField] = page.AntiforgeryToken(),
                ["SetupKey"] = page.QuerySelector("input[name=SetupKey]")!.GetAttribute("value")!,
                ["Code"] = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow),
            }));
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            foreach (var code in (await done.ReadDocumentAsync()).QuerySelectorAll("ul.recovery-codes code")) recoveryCodes.Enqueue(code.TextContent);
        }
        else
        {
            Assert.Equal(SignInFlow.CodePath, next);
            Assert.True(recoveryCodes.TryDequeue(out var code), "the test ran out of recovery codes");
            var page = await browser.GetDocumentAsync(SignInFlow.CodePath);
            using var done = await browser.PostAsync(SignInFlow.CodePath + "?handler=Recovery", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [Browserless.AntiforgeryField] = page.AntiforgeryToken(), ["RecoveryCode"] = code,
            }));
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }
        return (browser, cookies);
    }

    private readonly Queue<string> recoveryCodes = new();

    /// <summary>Posts a form of <paramref name="page"/> to one node with the balancer's cookies (token and cookie from that node).</summary>
    private static async Task<HttpResponseMessage> PostToNodeAsync(Uri node, CookieContainer cookies, Uri balancer, string page, Dictionary<string, string> fields, string? action = null)
    {
        using var client = Node(node);
        var cookieHeader = cookies.GetCookieHeader(balancer);
        using var get = new HttpRequestMessage(HttpMethod.Get, page);
        get.Headers.Add("Cookie", cookieHeader);
        using var form = await client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var doc = await new HtmlParser().ParseDocumentAsync(await form.Content.ReadAsStringAsync());
        // The balancer's cookies, with any the node set just now in their place.
        var jar = cookieHeader.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('=', 2)).ToDictionary(c => c[0], c => c[1]);
        foreach (var set in form.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = set.Split(';')[0].Split('=', 2);
            jar[pair[0]] = pair[1];
        }
        var post = new HttpRequestMessage(HttpMethod.Post, action ?? page)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields)
            {
                [Browserless.AntiforgeryField] = doc.AntiforgeryToken(),
                [Rammevaerk.Shared.Forms.SubmissionToken.FieldName] = Rammevaerk.Shared.Forms.SubmissionToken.New(), // as the rendered form carries it
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
        return await client.SendAsync(post);
    }

    [Fact]
    public void Both_nodes_run_with_the_collector_settings_of_production_env_example()
    {
        // scripts/cluster.sh gives the nodes the DOTNET_ lines of deploy/production.env.example; each node says its
        // collector's settings at start and warns in Production where they cost memory (decision 0013).
        foreach (var node in new[] { "a", "b" })
        {
            var log = File.ReadAllText(Path.Combine(cluster.Dir, $"node-{node}.log"));
            Assert.True(log.Contains("workstation collector, background collections, libclrgc.so, gen0 budget 8 MB, conserve memory 9, no heap limit, tiered compilation off"),
                $"node {node} did not say the recommended collector settings:\n{cluster.Log(node)}");
            Assert.False(log.Contains("as in deploy/production.env.example"), $"node {node} warned about its runtime settings:\n{cluster.Log(node)}");
        }
    }

    [Fact]
    public async Task The_pdf_worker_prints_for_both_nodes_and_the_nodes_never_print()
    {
        // deploy/production.env.example: the nodes do not print; node p (deploy/pdf-worker.env.example) makes every PDF
        // from the jobs in the database, and whichever node a reader lands on serves it.
        var reader = Browser();
        var year = await reader.GetStringAsync("/udvalg/socialdirektoerforum?aar=2025");
        var meeting = Regex.Match(year, "href=\"/moeder/(\\d+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(meeting), "no meeting of 2025 on the body's page");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var served = 0;
        while (served < 4 && watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            using var pdf = await reader.GetAsync($"/moeder/{meeting}/pdf");
            if (pdf.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
                Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(), 0, 5));
                served++;
                continue;
            }
            Assert.True(pdf.StatusCode == HttpStatusCode.Accepted, $"the PDF answered {(int)pdf.StatusCode}");
            Assert.Equal("5", pdf.Headers.RetryAfter?.ToString());
            await Task.Delay(1000);
        }
        Assert.True(served == 4, $"the PDF was not served within 120 s:\n{cluster.Log("p")}");
        Assert.Contains("made in the background", File.ReadAllText(Path.Combine(cluster.Dir, "node-p.log")));
        foreach (var node in new[] { "a", "b" })
        {
            var log = File.ReadAllText(Path.Combine(cluster.Dir, $"node-{node}.log"));
            Assert.True(log.Contains("This node does not print"), $"node {node} did not say it leaves printing to the worker:\n{cluster.Log(node)}");
            Assert.False(log.Contains(" built in ") || log.Contains("Playwright driver"), $"node {node} printed:\n{cluster.Log(node)}");
        }
    }

    [Fact]
    public async Task Two_nodes_behind_nginx_sign_in_publish_read_and_survive_a_dead_node_and_a_database_restart()
    {
        // 1. Sign in through the balancer, nine times (with the sign-in of step 2, the ten a minute that one account
        // may try): every sign-in works on whichever node it lands (one key ring).
        for (var i = 0; i < 9; i++)
        {
            var (client, cookies) = await SignInAsync();
            var auth = cookies.GetCookies(cluster.Balancer).Single(c => c.Name == "rammevaerk.auth");
            Assert.True(auth.Secure, "the login cookie must say Secure behind TLS");
            for (var j = 0; j < 4; j++)
            {
                using var home = await client.GetAsync("/sekretariat");
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            }
        }

        // 2. Node B has the body's page of the year in its cache; a meeting is made and published through node A.
        var (secretariat, jar) = await SignInAsync();
        using var readerB = Node(cluster.NodeB);
        const string yearPage = "/udvalg/socialdirektoerforum?aar=2026";
        var title = $"Klyngemøde {Guid.NewGuid().ToString("N")[..8]}";
        await readerB.GetStringAsync(yearPage);
        using (var cached = await readerB.GetAsync(yearPage)) Assert.True(cached.Headers.Age is not null, "node B should serve the page from its cache");

        var bodyId = Regex.Match(await secretariat.GetStringAsync("/sekretariat/moeder/nyt"), "<option value=\"(\\d+)\"[^>]*>Socialdirektørforum<").Groups[1].Value;
        using (var created = await PostToNodeAsync(cluster.NodeA, jar, cluster.Balancer, "/sekretariat/moeder/nyt", new Dictionary<string, string>
        {
            ["Input.BodyId"] = bodyId, ["Input.Title"] = title, ["Input.Location"] = "Middelfart Rådhus",
            ["Input.StartsLocal"] = "2026-12-18T09:00", ["Input.EndsLocal"] = "2026-12-18T12:00", ["AddStandardItems"] = "true",
        }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"creating the meeting on node A answered {(int)created.StatusCode}: {cluster.Log("a")}");
            var meeting = created.Headers.Location!.ToString();
            // Publishing goes through the check page; its fingerprint says what was checked (decision 0007).
            var check = await secretariat.GetStringAsync(meeting + "/udgiv/dagsorden");
            var fingerprint = Regex.Match(check, "name=\"Fingerprint\" value=\"([0-9a-f]+)\"").Groups[1].Value;
            using var published = await PostToNodeAsync(cluster.NodeA, jar, cluster.Balancer, meeting + "/udgiv/dagsorden",
                new() { ["Fingerprint"] = fingerprint, ["ConfirmWarnings"] = "true", ["Tell"] = "true" });
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        var seen = await TwoNodesTests.FirstSeenAsync(readerB, yearPage, title);
        Assert.True(seen is not null && seen < TimeSpan.FromSeconds(1), $"node B showed the published agenda after {seen?.TotalMilliseconds:F0} ms (must be within 1 s)");

        // 3. Node A dies: every read through the balancer still answers, and the session still holds.
        await cluster.RunAsync("kill-node", "a");
        var reader = Browser();
        for (var i = 0; i < 20; i++)
        {
            using var page = await reader.GetAsync(i % 2 == 0 ? "/" : yearPage);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"read {i} after node A died answered {(int)page.StatusCode}");
        }
        using (var home = await secretariat.GetAsync("/sekretariat")) Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        // 4. PostgreSQL restarts under load: while it is down requests wait or fail; once it is back, none fails (the
        //    dead pooled connections are retried).
        using (var load = new CancellationTokenSource())
        {
            var failures = new System.Collections.Concurrent.ConcurrentBag<(DateTime At, string What)>();
            var readers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                var client = Browser();
                while (!load.IsCancellationRequested)
                {
                    var url = i % 3 == 0 ? "/soeg?q=kapacitet" : i % 3 == 1 ? yearPage : "/tilbud";
                    try
                    {
                        using var page = await client.GetAsync(url);
                        if (page.StatusCode != HttpStatusCode.OK) failures.Add((DateTime.UtcNow, $"{url}: {(int)page.StatusCode}"));
                    }
                    catch (HttpRequestException e)
                    {
                        failures.Add((DateTime.UtcNow, $"{url}: {e.Message}"));
                    }
                }
            })).ToList();
            await Task.Delay(1000);
            await cluster.RunAsync("restart-db");
            var back = DateTime.UtcNow;
            await Task.Delay(5000);
            await load.CancelAsync();
            await Task.WhenAll(readers);
            var afterRestart = failures.Where(f => f.At > back.AddSeconds(1)).Select(f => f.What).ToList();
            Assert.True(afterRestart.Count == 0, "after the restart: " + string.Join(", ", afterRestart.Take(10)) + "\n" + cluster.Log("b"));
        }
        using (var home = await secretariat.GetAsync("/sekretariat")) Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        // 5. Node A comes back and serves again.
        await cluster.RunAsync("start-node", "a");
        using var readerA = Node(cluster.NodeA);
        Assert.Contains(title, WebUtility.HtmlDecode(await readerA.GetStringAsync(yearPage)));

        // 6. Node B is stopped (SIGTERM) with requests in flight: it finishes them; later ones go to node A.
        // nginx leaves a node that failed (node A, while it was dead) out for fail_timeout (5 s, deploy/nginx) before it
        // tries it again; stopping B inside that window would leave nginx no node to try, whatever the app does.
        await Task.Delay(TimeSpan.FromSeconds(6));
        using var nodeB = Node(cluster.NodeB);
        var inFlight = Enumerable.Range(0, 6).Select(i => nodeB.GetAsync($"/soeg?q=budget{i}")).ToList();
        await Task.Delay(50);
        var stopping = cluster.RunAsync("stop-node", "b");
        foreach (var request in inFlight)
        {
            using var response = await request;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await stopping;
        for (var i = 0; i < 6; i++)
        {
            using var page = await reader.GetAsync(yearPage);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }
}
