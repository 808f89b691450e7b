// Publication benchmark (bench/publication.sh), two parts. See bench/README.md.
//
// 1. The check before publication, in the app's own code on the app's SQLite database: seed 001's meeting (21 items)
//    and a generated meeting of 200 items and 100 PDF attachments. Each round reads the meeting and its attachments'
//    stored text from the database once ("read"), and reads it and runs the check ("check"); the ratio check ÷ read
//    is what the check costs on top of reading the text. The first scan of the 100 PDFs (text extraction, done once
//    at upload) is timed on its own.
// 2. Against the running app over HTTP: the check page of the generated meeting (what the secretariat waits for), and
//    the first PDF request after a publication (made in the background) against a cached one (goal: ratio ≤ 1.2).
//
// dotnet run -c Release --project bench/PublicationBench -- --sqlite FILE --seeds DIR --url URL --email E --password P
//     [--rounds 15] [--pdf-rounds 4] [--cached 20]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Import;
using Rammevaerk.Meetings.Publication;
using Rammevaerk.Shared;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
var options = ParseArgs(args);
var sqlite = options.GetValueOrDefault("sqlite") ?? throw new ArgumentException("--sqlite FILE is required");
var seeds = options.GetValueOrDefault("seeds") ?? throw new ArgumentException("--seeds DIR is required");
var rounds = int.Parse(options.GetValueOrDefault("rounds") ?? "15", CultureInfo.InvariantCulture);
var pdfRounds = int.Parse(options.GetValueOrDefault("pdf-rounds") ?? "4", CultureInfo.InvariantCulture);
var cachedRequests = int.Parse(options.GetValueOrDefault("cached") ?? "20", CultureInfo.InvariantCulture);

AppDb NewDb() => new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite($"Data Source={sqlite}")
    .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options);

// --- Part 1: the check in code ---------------------------------------------------------------------------------------
int seedMeeting;
await using (var db = NewDb())
{
    seedMeeting = await db.Meetings.Where(m => m.ImportKey == "socialdirektoerforum/2025-06-27T09:00").Select(m => m.Id).SingleAsync();
}
var (generated, scanSeconds, pdfBytes) = await GenerateAsync(NewDb, seeds);
Console.WriteLine($"Generated meeting {generated}: 200 items, 100 PDF attachments ({pdfBytes / 1024.0 / 1024.0:F1} MB); first scan of the 100 PDFs (text extraction, done once at upload): {scanSeconds:F2} s.");

var now = DateTime.UtcNow;
async Task<(MeetingView View, Dictionary<int, AttachmentScan> Texts)> ReadAsync(int id)
{
    await using var db = NewDb();
    var view = (await MeetingView.LoadAsync(db, id))!;
    var ids = CheckInput.AttachmentIds(view);
    var texts = await db.AttachmentScans.AsNoTracking().Where(s => ids.Contains(s.AttachmentId)).ToDictionaryAsync(s => s.AttachmentId);
    return (view, texts);
}

var results = new List<(string Name, double Read, double Check, int Findings, long Chars)>();
foreach (var (name, id) in new[] { ("seed 001 (21 items)", seedMeeting), ("generated (200 items, 100 attachments)", generated) })
{
    var reads = new List<double>();
    var checks = new List<double>();
    var findings = 0;
    long chars = 0;
    for (var r = 0; r < rounds + 2; r++)
    {
        var sw = Stopwatch.StartNew();
        var (view, texts) = await ReadAsync(id);
        var read = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var (view2, texts2) = await ReadAsync(id);
        var found = PublicationCheck.Run(CheckInput.FromView(view2, texts2), PublicationStep.Minutes, now);
        var check = sw.Elapsed.TotalMilliseconds;
        if (r < 2) continue; // warm-up
        reads.Add(read);
        checks.Add(check);
        findings = found.Count;
        chars = view.Items.Sum(i => (long)(i.Background?.Length ?? 0) + (i.Recommendation?.Length ?? 0) + (i.CasePresentation?.Length ?? 0) + (i.Decision?.Length ?? 0) + (i.Intro?.Length ?? 0))
                + texts.Values.Sum(t => (long)t.Text.Length);
    }
    results.Add((name, Median(reads), Median(checks), findings, chars));
}
Console.WriteLine();
Console.WriteLine("| meeting | text (chars) | read once (median) | read + check (median) | check ÷ read | findings |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var r in results)
    Console.WriteLine($"| {r.Name} | {r.Chars:N0} | {r.Read:F1} ms | {r.Check:F1} ms | {r.Check / r.Read:F2}× | {r.Findings} |");

// --- Part 2: over HTTP ----------------------------------------------------------------------------------------------
if (options.GetValueOrDefault("url") is not { } url) return 0;
// The app runs as in production and marks its cookies Secure; this client talks plain HTTP to 127.0.0.1, so it keeps
// the cookies itself (a CookieContainer would not send Secure cookies over HTTP).
using var secretariat = new HttpClient(new CookieJar(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
using var reader = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
var login = await secretariat.GetStringAsync("/konto/log-ind");
using (var signedIn = await secretariat.PostAsync("/konto/log-ind", Form(login, ("Input.Email", options["email"]), ("Input.Password", options["password"]))))
{
    if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in answered {(int)signedIn.StatusCode}");
}

// The check page of the generated meeting, as the secretariat opens it.
var pageTimes = new List<double>();
for (var r = 0; r < 6; r++)
{
    var sw = Stopwatch.StartNew();
    using var page = await secretariat.GetAsync($"/sekretariat/moeder/{generated}/udgiv/dagsorden");
    await page.Content.ReadAsStringAsync();
    if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The check page answered {(int)page.StatusCode}");
    if (r > 0) pageTimes.Add(sw.Elapsed.TotalMilliseconds);
}
Console.WriteLine();
Console.WriteLine($"Check page of the generated meeting over HTTP (reads, checks and renders 200 items): median {Median(pageTimes):F0} ms, max {pageTimes.Max():F0} ms (goal < 3 s: {(pageTimes.Max() < 3000 ? "MET" : "NOT MET")}).");

// The first PDF request after a publication against cached ones.
var body = await BodyIdAsync(NewDb);
var pdfResults = new List<(string Variant, double First, double Cached)>();
for (var r = 0; r < pdfRounds; r++)
{
    var day = DateTime.Today.AddDays(-2 - r).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    var create = await secretariat.GetStringAsync("/sekretariat/moeder/nyt");
    using var created = await secretariat.PostAsync("/sekretariat/moeder/nyt", Form(create, ("Input.BodyId", body.ToString(CultureInfo.InvariantCulture)),
        ("Input.Title", $"Benchmøde {r + 1}"), ("Input.Location", "Byrådssalen, Middelfart Rådhus"), ("Input.StartsLocal", $"{day}T09:00"),
        ("Input.EndsLocal", $"{day}T12:00"), ("AddStandardItems", "true")));
    var id = int.Parse(created.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture);
    var check = await secretariat.GetStringAsync($"/sekretariat/moeder/{id}/udgiv/dagsorden");
    var fingerprint = Regex.Match(check, "name=\"Fingerprint\" value=\"([0-9a-f]+)\"").Groups[1].Value;
    using (var published = await secretariat.PostAsync($"/sekretariat/moeder/{id}/udgiv/dagsorden", Form(check, ("Fingerprint", fingerprint), ("ConfirmWarnings", "true"), ("Tell", "true"))))
    {
        if (published.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Publishing answered {(int)published.StatusCode}");
    }
    var waited = Stopwatch.StartNew();
    while (!(await secretariat.GetStringAsync($"/sekretariat/moeder/{id}")).Contains("er lavet.", StringComparison.Ordinal))
    {
        if (waited.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"The PDFs of meeting {id} were not made in the background within 3 minutes.");
        await Task.Delay(250);
    }
    foreach (var variant in new[] { "pdf", "pdf/med-bilag" })
    {
        var first = await TimeGetAsync(reader, $"/moeder/{id}/{variant}");
        var cached = new List<double>();
        for (var k = 0; k < cachedRequests; k++) cached.Add(await TimeGetAsync(reader, $"/moeder/{id}/{variant}"));
        pdfResults.Add((variant, first, Median(cached)));
    }
    Console.WriteLine($"Round {r + 1}: meeting {id}, PDFs made in the background {waited.Elapsed.TotalSeconds:F1} s after publishing.");
}
Console.WriteLine();
Console.WriteLine("| round | variant | first request after publication | cached (median) | first ÷ cached |");
Console.WriteLine("|---:|---|---:|---:|---:|");
for (var k = 0; k < pdfResults.Count; k++)
{
    var p = pdfResults[k];
    Console.WriteLine($"| {k / 2 + 1} | {p.Variant} | {p.First:F2} ms | {p.Cached:F2} ms | {p.First / p.Cached:F2} |");
}
var ratio = Median(pdfResults.Select(p => p.First / p.Cached).ToList());
Console.WriteLine($"Median first ÷ cached: {ratio:F2} (goal ≤ 1.2: {(ratio <= 1.2 ? "MET" : "NOT MET")}).");
return 0;

static async Task<double> TimeGetAsync(HttpClient client, string path)
{
    var sw = Stopwatch.StartNew();
    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
    await using var stream = await response.Content.ReadAsStreamAsync();
    await stream.CopyToAsync(Stream.Null);
    var ms = sw.Elapsed.TotalMilliseconds;
    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
    return ms;
}

static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
{
    var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
        .Append(new KeyValuePair<string, string>("__RequestVerificationToken", WebUtility.HtmlDecode(token))));
}

static async Task<int> BodyIdAsync(Func<AppDb> newDb)
{
    await using var db = newDb();
    return await db.Bodies.Where(b => b.Slug == "forretningsudvalget").Select(b => b.Id).SingleAsync();
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var result = new Dictionary<string, string>();
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
        result[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "";
    }
    return result;
}

/// <summary>
/// A draft meeting of Socialdirektørforum in 2031 with 200 items whose sections are seed 001's, and a two-page PDF of
/// seed sentences on each of the first 100 items, scanned as an upload is (the extraction timed).
/// </summary>
static async Task<(int Meeting, double ScanSeconds, long PdfBytes)> GenerateAsync(Func<AppDb> newDb, string seeds)
{
    var parsed = MinutesParser.Parse(File.ReadAllText(Directory.GetFiles(seeds, "001_*.txt").Single()));
    var sentences = parsed.Items.SelectMany(i => new[] { i.Background, i.CasePresentation, i.Decision })
        .Where(t => t is not null).SelectMany(t => t!.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries))
        .Select(s => s.Trim()).Where(s => s.Length > 20).ToList();
    await using var db = newDb();
    var body = await db.Bodies.Where(b => b.Slug == "socialdirektoerforum").Select(b => b.Id).SingleAsync();
    var now = DateTime.UtcNow;
    var meeting = new Meeting
    {
        BodyId = body, Title = "Benchmøde med 200 punkter", Location = "Byrådssalen, Middelfart Rådhus", CreatedAt = now,
        StartsAt = Danish.ToUtc(new DateTime(2031, 3, 14, 9, 0, 0)), EndsAt = Danish.ToUtc(new DateTime(2031, 3, 14, 15, 0, 0)),
    };
    var scanTime = TimeSpan.Zero;
    long bytes = 0;
    for (var n = 0; n < 200; n++)
    {
        var source = parsed.Items[n % parsed.Items.Count];
        var item = new AgendaItem
        {
            Number = n + 1, Title = $"{source.Title} ({n + 1})", Intro = source.Intro, Background = source.Background,
            Recommendation = source.Recommendation, CasePresentation = source.CasePresentation, Decision = source.Decision, UpdatedAt = now,
        };
        if (n < 100)
        {
            var pdf = Pdf(sentences.Skip(n * 7 % Math.Max(1, sentences.Count - 80)).Take(80).ToList());
            bytes += pdf.Length;
            var sw = Stopwatch.StartNew();
            var scan = AttachmentScans.Make($"Bilag {n + 1}.pdf", pdf, now);
            scanTime += sw.Elapsed;
            item.Attachments.Add(new Attachment
            {
                FileName = $"Bilag {n + 1}.pdf", ContentType = "application/pdf", Size = pdf.Length, AddedAt = now,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)),
                Content = new AttachmentContent { Bytes = pdf }, Scan = scan,
            });
        }
        meeting.Items.Add(item);
    }
    db.Meetings.Add(meeting);
    await db.SaveChangesAsync();
    return (meeting.Id, scanTime.TotalSeconds, bytes);
}

/// <summary>A PDF of two pages, forty lines each.</summary>
static byte[] Pdf(List<string> lines) => Rammevaerk.Demo.MinimalPdf.Pages([lines.Take(40).Select(l => l.Length > 110 ? l[..110] : l).ToList(), lines.Skip(40).Take(40).Select(l => l.Length > 110 ? l[..110] : l).ToList()], fontSize: 9);

/// <summary>Keeps the cookies the app sets (name and value) and sends them back on every request, Secure or not.</summary>
sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Dictionary<string, string> cookies = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await base.SendAsync(request, ct);
        foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = set.Split(';')[0].Split('=', 2);
            if (pair.Length == 2) cookies[pair[0]] = pair[1];
        }
        return response;
    }
}
