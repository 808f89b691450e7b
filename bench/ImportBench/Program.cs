// Import benchmark: a folder of generated meetings in the archive's layouts (web page with labels, web page without
// labels, seed 000's PDF text, numbered items under a free header), half as PDF files and half as text, imported by
// the app's own reader, parser and importer (one transaction per meeting) on SQLite and PostgreSQL, beside plain text
// extraction of the same files by the same libraries (PdfPig for the PDFs, UTF-8 decoding for the texts). The ratio
// says what the import costs on top of just reading the files. See bench/README.md.
//
// dotnet run -c Release --project bench/ImportBench -- --seeds DIR [--sqlite FILE] [--postgres CONNSTR]
//     [--meetings 200] [--seed 20261206] [--folder DIR]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Rammevaerk.Bodies;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Import;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Search;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("da-DK");

var options = new Dictionary<string, string>();
for (int i = 0; i < args.Length; i++)
    if (args[i].StartsWith("--", StringComparison.Ordinal)) options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "";
var seedsDir = options.GetValueOrDefault("seeds") ?? throw new ArgumentException("--seeds DIR is required");
int count = int.Parse(options.GetValueOrDefault("meetings") ?? "200", CultureInfo.InvariantCulture);
var random = new Random(int.Parse(options.GetValueOrDefault("seed") ?? "20261206", CultureInfo.InvariantCulture));
string folder = options.GetValueOrDefault("folder") ?? Directory.CreateTempSubdirectory("import-bench").FullName;

// ---- the material: sentences and titles of the seeds
var seedTexts = Directory.GetFiles(seedsDir, "*.txt").Select(File.ReadAllText).ToList();
var seedParsed = seedTexts.Select(t => MinutesParser.Parse(t)).ToList();
var titles = seedParsed.SelectMany(p => p.Items).Select(i => i.Title).Distinct().ToList();
var sentences = seedParsed.SelectMany(p => p.Items)
    .SelectMany(i => new[] { i.Background, i.CasePresentation, i.Decision }.Where(s => s is not null).SelectMany(s => s!.Split("\n\n")))
    .Where(s => s.Length is > 40 and < 400 && !s.StartsWith('|') && !s.StartsWith('#') && !s.StartsWith('-') && !char.IsDigit(s[0]))
    .Distinct().ToList();

// ---- the folder: count meetings, layouts in turn, every other one a PDF
string[] layouts = ["web", "labelfree", "pdftext", "numbered"];
long bytes = 0;
for (int m = 0; m < count; m++)
{
    var date = new DateTime(2010, 1, 8, 9, 0, 0).AddDays(7 * m);
    var items = Enumerable.Range(1, random.Next(8, 21)).Select(n => (Number: n, Title: titles[random.Next(titles.Count)],
        Background: Pick(2), Decision: Pick(1))).ToList();
    string layout = layouts[m % layouts.Length];
    string text = layout switch
    {
        "web" => Web(date, items, labels: true),
        "labelfree" => Web(date, items, labels: false),
        "pdftext" => PdfText(date, items),
        _ => Numbered(date, items),
    };
    bool asPdf = m % 2 == 1;
    string name = Path.Combine(folder, $"{m:D3}-{layout}.{(asPdf ? "pdf" : "txt")}");
    byte[] content = asPdf ? Pdf(text) : Encoding.UTF8.GetBytes(text);
    await File.WriteAllBytesAsync(name, content);
    bytes += content.Length;
}
var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
Console.WriteLine($"Generated {files.Count} meetings ({files.Count(f => f.EndsWith(".pdf", StringComparison.Ordinal))} PDF, " +
                  $"{files.Count(f => f.EndsWith(".txt", StringComparison.Ordinal))} text; layouts {string.Join(", ", layouts)}), {bytes / 1024.0 / 1024.0:F1} MB in {folder}");

// ---- the reference: plain text extraction of the same files by the same libraries, best of three
double extract = double.MaxValue;
for (int round = 0; round < 3; round++)
{
    var sw = Stopwatch.StartNew();
    long chars = 0;
    foreach (var f in files)
    {
        var b = await File.ReadAllBytesAsync(f);
        if (f.EndsWith(".pdf", StringComparison.Ordinal))
        {
            using var doc = Rammevaerk.Publishing.Pdf.PdfText.Open(b);
            chars += Rammevaerk.Publishing.Pdf.PdfText.Compose(Rammevaerk.Publishing.Pdf.PdfText.ReadLines(doc, 1, doc.NumberOfPages)).Length;
        }
        else
        {
            chars += Encoding.UTF8.GetString(b).Length;
        }
    }
    extract = Math.Min(extract, sw.Elapsed.TotalSeconds);
}
Console.WriteLine($"Plain text extraction (PdfPig with layout / UTF-8): {extract:F2} s, {files.Count / extract:F1} files/s (best of 3)");
Console.WriteLine();

var results = new List<(string Name, double Seconds, int Meetings, int Items)>();
if (options.GetValueOrDefault("sqlite") is { } sqlitePath)
{
    if (File.Exists(sqlitePath)) File.Delete(sqlitePath);
    results.Add(await RunAsync("SQLite", () => new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite($"Data Source={sqlitePath}").Options)));
}
if (options.GetValueOrDefault("postgres") is { } pg)
    results.Add(await RunAsync("PostgreSQL", () => new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(DatabaseSetup.PostgresConnectionString(pg)).Options)));

Console.WriteLine();
Console.WriteLine("| database | meetings | items | import (read + parse + compare + write) | meetings/s | extraction alone | files/s | import ÷ extraction (time) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
    Console.WriteLine(FormattableString.Invariant($"| {r.Name} | {r.Meetings} | {r.Items:N0} | {r.Seconds:F2} s | {r.Meetings / r.Seconds:F1} | {extract:F2} s | {files.Count / extract:F1} | {r.Seconds / extract:F1}× |"));
if (!options.ContainsKey("folder")) Directory.Delete(folder, recursive: true);
return results.All(r => r.Meetings == count) ? 0 : 2;

async Task<(string, double, int, int)> RunAsync(string name, Func<AppDb> newDb)
{
    Console.WriteLine($"== {name}");
    await using (var db = newDb())
    {
        await db.Database.MigrateAsync();
        if (!await db.Bodies.AnyAsync())
        {
            db.Bodies.Add(new Body { Name = "Socialdirektørforum", ShortName = "SDF", Slug = "socialdirektoerforum", Kind = BodyKind.Forum });
            await db.SaveChangesAsync();
        }
    }
    var config = new ConfigurationBuilder().Build();
    var sw = Stopwatch.StartNew();
    int meetings = 0, items = 0, refused = 0;
    foreach (var f in files)
    {
        // One context and one transaction per meeting, as the worker does.
        await using var db = newDb();
        var importer = new MinutesImporter(db, new MeetingLifecycle(db, TimeProvider.System, new SearchIndexer(db, NullLogger<SearchIndexer>.Instance)), TimeProvider.System, config);
        try
        {
            var doc = SourceFiles.Read(Path.GetFileName(f), await File.ReadAllBytesAsync(f));
            var parsed = await importer.ParseAsync(doc.Text);
            var plan = await importer.PlanAsync(parsed, null);
            var applied = await importer.ApplyAsync(plan, parsed.Items.Select(i => i.Number).ToHashSet(), "bench", createBody: false, Path.GetFileName(f), null);
            meetings += applied.Created ? 1 : 0;
            items += parsed.Items.Count;
        }
        catch (ImportRejectedException e)
        {
            refused++;
            Console.WriteLine($"   refused {Path.GetFileName(f)}: {e.Message}");
        }
    }
    double seconds = sw.Elapsed.TotalSeconds;
    Console.WriteLine($"   {meetings} meetings, {items:N0} items in {seconds:F2} s ({meetings / seconds:F1} meetings/s); {refused} refused");
    return (name, seconds, meetings, items);
}

string Pick(int n) => string.Join("\n\n", Enumerable.Range(0, n).Select(_ => sentences[random.Next(sentences.Count)]));

static string Web(DateTime date, List<(int Number, string Title, string Background, string Decision)> items, bool labels)
{
    var sb = new StringBuilder();
    string title = $"Møde i Socialdirektørforum den {date:d. MMMM yyyy}";
    if (labels)
        sb.Append($"{title}\n\nUdgivet {date.AddDays(5):dd.MM.yyyy}\n\nUDVALG\n\nSocialdirektørforum\n\nMØDE\n\n{title}\n\nSTED\n\nMiddelfart Rådhus\n\n" +
                  $"STARTTIDSPUNKT\n\n{date:yyyy-MM-dd HH:mm}\n\nSLUTTIDSPUNKT\n\n{date.AddHours(3):yyyy-MM-dd HH:mm}\n\n\nPUNKTER\n\n");
    else
        sb.Append($"Socialdirektørforum\n{title}\nMiddelfart Rådhus\n{date:yyyy-MM-dd HH:mm}\n{date.AddHours(3):yyyy-MM-dd HH:mm}\n");
    foreach (var i in items) sb.Append(labels ? $"{i.Number}. {i.Title}\n\n" : $"{i.Number}. {i.Title}\n");
    sb.Append('\n');
    foreach (var i in items)
    {
        if (labels) sb.Append($"{i.Number}. {i.Title}\n\n");
        sb.Append($"Beslutning\n\n{i.Decision}\n\n{i.Title}\n\nBaggrund\n\n{i.Background}\n\n");
    }
    return sb.ToString();
}

static string PdfText(DateTime date, List<(int Number, string Title, string Background, string Decision)> items)
{
    var sb = new StringBuilder($"REFERAT Socialdirektørforum d. {date:dd-MM-yyyy}\n\nMødedato {date:dddd 'd.' d. MMMM yyyy 'kl.' HH:mm}\n\nMødested Middelfart Rådhus\n\n");
    foreach (var i in items) sb.Append($"Punkt {i.Number}: {i.Title}\n\nBaggrund\n\n{i.Background}\n\nBeslutning\n\n{i.Decision}\n\n");
    return sb.ToString();
}

static string Numbered(DateTime date, List<(int Number, string Title, string Background, string Decision)> items)
{
    var sb = new StringBuilder($"Referat\n\nMøde Socialdirektørforum\n\nTid {date:d. MMMM yyyy}, kl. {date:HH.mm}-{date.AddHours(2):HH.mm}\n\nSted Middelfart Rådhus\n\nDeltagere De 22 socialdirektører\n\n");
    foreach (var i in items) sb.Append($"{i.Number}. {i.Title}\n\nReferat:\n\n{i.Decision}\n\n{i.Background}\n\n");
    return sb.ToString();
}

// A PDF of the text: one line per source line (long lines wrapped at word boundaries), A4 pages.
static byte[] Pdf(string text)
{
    var builder = new PdfDocumentBuilder();
    // Helvetica as PdfPig writes it lacks "å"; DejaVu (Debian's fonts-dejavu-core, which scripts/run.sh installs) has it.
    var font = builder.AddTrueTypeFont(File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
    var page = builder.AddPage(PageSize.A4);
    double y = 800;
    foreach (var raw in text.Split('\n'))
    {
        var words = raw.Split(' ');
        var line = new StringBuilder();
        var lines = new List<string>();
        foreach (var w in words)
        {
            if (line.Length + w.Length > 95) { lines.Add(line.ToString()); line.Clear(); }
            if (line.Length > 0) line.Append(' ');
            line.Append(w);
        }
        lines.Add(line.ToString());
        foreach (var l in lines)
        {
            if (y < 50) { page = builder.AddPage(PageSize.A4); y = 800; }
            if (l.Length > 0) page.AddText(l, 10, new PdfPoint(40, y), font);
            y -= 13;
        }
    }
    return builder.Build();
}
