// Load through nginx on a cluster made by scripts/cluster.sh: READERS anonymous readers (front page, a meeting page,
// search, the offer list) and one reporter per operator of the region (22 municipalities and the region) saving their
// report draft again and again, for DURATION seconds. Prints one line: errors, readers' p50/p99, saves per second and
// each node's memory (RSS now and at its peak). See bench/README.md.
//
// dotnet bench/ClusterBench/bin/Release/net10.0/ClusterBench.dll --cluster DIR [--duration 60] [--readers 200] [--reporters 23] [--label "2 nodes"]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using OtpNet;
using Rammevaerk.Accounts;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
var dir = options["cluster"];
var duration = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("duration", "60")));
var readerCount = int.Parse(options.GetValueOrDefault("readers", "200"));
var reporterLimit = int.Parse(options.GetValueOrDefault("reporters", "23")); // fewer to see what the saves cost
var label = options.GetValueOrDefault("label", "");
var env = File.ReadAllLines(Path.Combine(dir, "cluster.env")).Where(l => l.Contains('='))
    .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..].Trim('\''));
var balancer = new Uri(env["BALANCER_URL"]);
const string Password = "bench-reporter-2026";
const int Year = 2028; // the demo data has 2026 and 2027; a round may be at most two years ahead

HttpClient Browser(bool cookies) => new(new SocketsHttpHandler
{
    UseCookies = cookies, CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 1000,
    SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
}) { BaseAddress = balancer, Timeout = TimeSpan.FromSeconds(30) };

async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, IEnumerable<KeyValuePair<string, string>> fields, string action)
{
    using var form = await client.GetAsync(page);
    if (form.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {page}: {(int)form.StatusCode} {form.Headers.Location}");
    var html = await form.Content.ReadAsStringAsync();
    var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
    var value = token.Groups[1].Success ? token.Groups[1].Value : token.Groups[2].Value;
    var all = fields.Where(f => f.Key != "__RequestVerificationToken").Append(new("__RequestVerificationToken", value));
    // A signed-in user's form also carries its one-time submission token (Shared/Forms/OneTimeSubmission.cs).
    var once = Regex.Match(html, "name=\"__SubmissionToken\" value=\"([^\"]+)\"");
    if (once.Success) all = all.Append(new("__SubmissionToken", once.Groups[1].Value));
    return await client.PostAsync(action, new FormUrlEncodedContent(all));
}

async Task<HttpClient> SignInAsync(string email, string password)
{
    var client = Browser(cookies: true);
    using var response = await PostFormAsync(client, "/konto/log-ind", [new("Input.Email", email), new("Input.Password", password)], "/konto/log-ind");
    if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in as {email}: {(int)response.StatusCode}");
    // Production: the secretariat's role always has a second factor; its one sign-in per cluster sets up the app.
    if (response.Headers.Location?.OriginalString == SignInFlow.EnrolPath)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(SignInFlow.EnrolPath));
        var key = page.QuerySelector("code.totp-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
        using var enrolled = await PostFormAsync(client, SignInFlow.EnrolPath,
            [new("SetupKey", page.QuerySelector("input[name=SetupKey]")!.GetAttribute("value")!),
             new("Code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow))], SignInFlow.EnrolPath);
        if (enrolled.StatusCode != HttpStatusCode.OK || !(await enrolled.Content.ReadAsStringAsync()).Contains("recovery-codes")) throw new InvalidOperationException($"two-factor set-up for {email}: {(int)enrolled.StatusCode}");
    }
    return client;
}

// --- Arrange: a reporting round of its own, and a user for every operator (made once per cluster) ------------
await using var pg = new NpgsqlConnection(env["PG_CONNECTION"]);
await pg.OpenAsync();
async Task<object?> ScalarAsync(string sql, params (string, object)[] p)
{
    await using var c = new NpgsqlCommand(sql, pg);
    foreach (var (n, v) in p) c.Parameters.AddWithValue(n, v);
    return await c.ExecuteScalarAsync();
}
if (await ScalarAsync("""SELECT count(*) FROM "ReportingRounds" WHERE "Year" = @y""", ("y", Year)) is 0L)
{
    var secretariat = await SignInAsync(env["SECRETARIAT_EMAIL"], env["SECRETARIAT_PASSWORD"]);
    using var opened = await PostFormAsync(secretariat, "/sekretariat/indberetning",
        [new("Input.Year", Year.ToString()), new("Input.Deadline", $"{Year}-01-31"), new("Input.Instructions", "Belastningsprøve"), new("Input.Threshold", "10")], "/sekretariat/indberetning");
    if (opened.StatusCode != HttpStatusCode.Redirect)
    {
        var page = new HtmlParser().ParseDocument(await opened.Content.ReadAsStringAsync());
        var errors = string.Join(" | ", page.QuerySelectorAll(".field-error, .validation-summary-errors li, [role=alert], h1, main p").Select(e => e.TextContent.Trim()));
        throw new InvalidOperationException($"opening the {Year} round: {(int)opened.StatusCode} {errors}");
    }
}
var reporters = new List<(string Email, int ReportId)>();
var hasher = new PasswordHasher<AppUser>();
var roleId = (string)(await ScalarAsync("""SELECT "Id" FROM "AspNetRoles" WHERE "Name" = @n""", ("n", Roles.Municipality)))!;
await using (var list = new NpgsqlCommand("""
    SELECT o."Id", o."MunicipalityCode", r."Id" FROM "Operators" o JOIN "OperatorReports" r ON r."OperatorId" = o."Id"
    JOIN "ReportingRounds" rr ON rr."Id" = r."RoundId" WHERE rr."Year" = @y ORDER BY o."Id"
    """, pg))
{
    list.Parameters.AddWithValue("y", Year);
    await using var reader = await list.ExecuteReaderAsync();
    while (await reader.ReadAsync()) reporters.Add(($"bench-operator-{reader.GetInt32(0)}@rammevaerk.test", reader.GetInt32(2)));
}
foreach (var (email, reportId) in reporters)
{
    if (await ScalarAsync("""SELECT count(*) FROM "AspNetUsers" WHERE "NormalizedEmail" = @e""", ("e", email.ToUpperInvariant())) is not 0L) continue;
    var opId = int.Parse(email.Split('-', '@')[2]);
    var code = await ScalarAsync("""SELECT "MunicipalityCode" FROM "Operators" WHERE "Id" = @id""", ("id", opId));
    var user = new AppUser { UserName = email, Email = email };
    var id = Guid.NewGuid().ToString();
    await using var insert = new NpgsqlCommand("""
        INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash",
            "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
            "DisplayName", "OperatorId", "MunicipalityCode")
        VALUES (@id, @e, @ne, @e, @ne, true, @hash, @stamp, @stamp, false, false, true, 0, @name, @op, @code);
        INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES (@id, @role);
        """, pg);
    insert.Parameters.AddWithValue("id", id);
    insert.Parameters.AddWithValue("e", email);
    insert.Parameters.AddWithValue("ne", email.ToUpperInvariant());
    insert.Parameters.AddWithValue("hash", hasher.HashPassword(user, Password));
    insert.Parameters.AddWithValue("stamp", Guid.NewGuid().ToString());
    insert.Parameters.AddWithValue("name", $"Belastning {opId}");
    insert.Parameters.AddWithValue("op", opId);
    insert.Parameters.AddWithValue("code", code ?? DBNull.Value);
    insert.Parameters.AddWithValue("role", roleId);
    await insert.ExecuteNonQueryAsync();
}
var meetingId = (int)(await ScalarAsync("""SELECT "Id" FROM "Meetings" WHERE "ImportKey" LIKE 'socialdirektoerforum/2025-06-27%'"""))!;
string[] readerUrls = ["/", $"/moeder/{meetingId}", "/soeg?q=kapacitet", "/tilbud"];

// --- Run ------------------------------------------------------------------------------------------------------
var signedIn = await Task.WhenAll(reporters.Take(reporterLimit).Select(async r => (Client: await SignInAsync(r.Email, Password), r.ReportId)));
var latencies = new ConcurrentBag<double>();
long readErrors = 0, saves = 0, saveErrors = 0;
var errorKinds = new ConcurrentDictionary<string, int>();
using var stop = new CancellationTokenSource(duration);
var watch = Stopwatch.StartNew();

var readers = Enumerable.Range(0, readerCount).Select(i => Task.Run(async () =>
{
    using var client = Browser(cookies: false);
    var n = i;
    while (!stop.IsCancellationRequested)
    {
        var url = readerUrls[n++ % readerUrls.Length];
        var t = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref readErrors);
                errorKinds.AddOrUpdate($"GET {url} {(int)response.StatusCode}", 1, (_, c) => c + 1);
            }
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref readErrors);
            errorKinds.AddOrUpdate($"GET {url} {e.GetType().Name}", 1, (_, c) => c + 1);
        }
        catch (Exception)
        {
            // cancelled at the end
        }
    }
})).ToList();

var parser = new HtmlParser();
var writers = signedIn.Select(r => Task.Run(async () =>
{
    var page = $"/indberetning/rapport/{r.ReportId}";
    while (!stop.IsCancellationRequested)
    {
        try
        {
            var html = await r.Client.GetStringAsync(page);
            var form = parser.ParseDocument(html).QuerySelector("#report-form") ?? throw new InvalidOperationException("no report form");
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var e in form.QuerySelectorAll("input, select, textarea"))
            {
                var name = e.GetAttribute("name");
                if (name is null || e.HasAttribute("disabled")) continue;
                var type = e.GetAttribute("type") ?? "text";
                if (e.LocalName == "input" && (type is "file" or "submit" || (type is "checkbox" or "radio" && !e.HasAttribute("checked")))) continue;
                if (e.LocalName == "select")
                {
                    var chosen = e.QuerySelectorAll("option").FirstOrDefault(o => o.HasAttribute("selected")) ?? e.QuerySelector("option");
                    if (chosen is not null) fields.Add(new(name, chosen.GetAttribute("value") ?? chosen.TextContent));
                    continue;
                }
                fields.Add(new(name, e.LocalName == "textarea" ? e.TextContent : e.GetAttribute("value") ?? ""));
            }
            using var response = await r.Client.PostAsync(page + "?handler=Save", new FormUrlEncodedContent(fields));
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK) Interlocked.Increment(ref saves);
            else
            {
                Interlocked.Increment(ref saveErrors);
                errorKinds.AddOrUpdate($"POST save {(int)response.StatusCode}", 1, (_, c) => c + 1);
            }
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref saveErrors);
            errorKinds.AddOrUpdate($"save {e.GetType().Name}: {e.Message}", 1, (_, c) => c + 1);
        }
        catch (Exception)
        {
            // cancelled at the end
        }
    }
})).ToList();

await Task.WhenAll(readers.Concat(writers));
var seconds = watch.Elapsed.TotalSeconds;

// RSS and its peak, and the node's own part of the RSS: pages no other process maps (with two nodes the runtime's and
// the framework's files are mapped by both, so this is what the second node adds to the machine).
static (long Rss, long Peak, long Own) Memory(string pidFile)
{
    if (!File.Exists(pidFile)) return (0, 0, 0);
    var proc = $"/proc/{File.ReadAllText(pidFile).Trim()}";
    if (!File.Exists($"{proc}/status")) return (0, 0, 0);
    static long Kb(string file, string key) => File.ReadLines(file).Where(l => l.StartsWith(key))
        .Sum(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
    var own = File.Exists($"{proc}/smaps_rollup") ? (Kb($"{proc}/smaps_rollup", "Private_Clean:") + Kb($"{proc}/smaps_rollup", "Private_Dirty:")) / 1024 : 0;
    return (Kb($"{proc}/status", "VmRSS:") / 1024, Kb($"{proc}/status", "VmHWM:") / 1024, own);
}

var sorted = latencies.OrderBy(x => x).ToArray();
double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
var a = Memory(Path.Combine(dir, "node-a.pid"));
var b = Memory(Path.Combine(dir, "node-b.pid"));
var p = Memory(Path.Combine(dir, "node-p.pid"));
Console.WriteLine($"{label,-8} reads {sorted.Length,7} ({sorted.Length / seconds,6:F0}/s)  read errors {readErrors}  p50 {P(0.5),6:F1} ms  p99 {P(0.99),7:F1} ms  " +
                  $"saves {saves,5} ({saves / seconds,5:F1}/s)  save errors {saveErrors}  RSS node A {a.Rss} MB (peak {a.Peak}, own {a.Own})" +
                  (b.Rss > 0 ? $"  node B {b.Rss} MB (peak {b.Peak}, own {b.Own})" : "") +
                  (p.Rss > 0 ? $"  PDF worker {p.Rss} MB (peak {p.Peak})" : ""));
foreach (var (kind, count) in errorKinds.OrderByDescending(k => k.Value).Take(8)) Console.WriteLine($"         {count,6} × {kind}");
return readErrors + saveErrors == 0 ? 0 : 1;
