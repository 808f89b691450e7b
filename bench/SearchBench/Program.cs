// Search benchmark: a synthetic archive of 10 years × 5 bodies × 10 meetings × 20 items (10,000 items) made from the
// seed minutes' sentences with a fixed random seed, indexed by the app's own SearchIndexer on SQLite and PostgreSQL,
// then ~200 queries drawn from the seeds' vocabulary through the app's ArchiveSearch (count + ranked first page +
// highlighted snippets), each beside a plain LIKE '%term%' scan of the same rows' text. See bench/README.md.
//
// dotnet run -c Release --project bench/SearchBench -- --seeds DIR [--sqlite FILE] [--postgres CONNSTR]
//     [--queries 200] [--seed 20261123]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Rammevaerk.Bodies;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Search;
using Rammevaerk.Shared;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

var options = ParseArgs(args);
var seedsDir = options.GetValueOrDefault("seeds") ?? throw new ArgumentException("--seeds DIR is required");
var queryCount = int.Parse(options.GetValueOrDefault("queries") ?? "200", CultureInfo.InvariantCulture);
var randomSeed = int.Parse(options.GetValueOrDefault("seed") ?? "20261123", CultureInfo.InvariantCulture);

var corpus = Corpus.Load(seedsDir);
Console.WriteLine($"Seed corpus: {corpus.Sentences.Count} sentences, {corpus.Vocabulary.Count} distinct words, {corpus.Titles.Count} item titles.");
var archive = Archive.Generate(corpus, new Random(randomSeed)); // generated again for each database (EF takes the entities)
Console.WriteLine($"Synthetic archive: {archive.Count} meetings, {archive.Sum(m => m.Items.Count)} items, " +
                  $"{archive.Sum(m => m.Items.Sum(i => (i.Background?.Length ?? 0) + (i.Recommendation?.Length ?? 0) + (i.CasePresentation?.Length ?? 0) + (i.Decision?.Length ?? 0) + (i.Intro?.Length ?? 0))) / 1_000_000.0:F1} million characters of section text.");
var queries = Queries.Draw(corpus, new Random(randomSeed + 1), queryCount);
Console.WriteLine($"{queries.Count} queries, e.g. {string.Join(", ", queries.Take(8).Select(q => $"«{q}»"))}");
Console.WriteLine();

var reports = new List<Report>();
if (options.GetValueOrDefault("sqlite") is { } sqlitePath)
{
    if (File.Exists(sqlitePath) && !options.ContainsKey("reuse")) File.Delete(sqlitePath);
    var cs = $"Data Source={sqlitePath}";
    reports.Add(await RunAsync("SQLite", () => new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite(cs).ConfigureWarnings(IgnorePendingModelChanges).Options)));
}
if (options.GetValueOrDefault("postgres") is { } pg)
{
    reports.Add(await RunAsync("PostgreSQL", () => new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(DatabaseSetup.PostgresConnectionString(pg)).ConfigureWarnings(IgnorePendingModelChanges).Options)));
}

Console.WriteLine();
Console.WriteLine("| database | entries | index build | search median | search p95 | LIKE scan median | LIKE scan p95 | scan ÷ search (median) | scan ÷ search (p95) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in reports)
{
    Console.WriteLine(FormattableString.Invariant(
        $"| {r.Name} | {r.Entries:N0} | {r.IndexSeconds:F1} s | {r.Search.Median:F1} ms | {r.Search.P95:F1} ms | {r.Scan.Median:F1} ms | {r.Scan.P95:F1} ms | {r.Scan.Median / r.Search.Median:F0}× | {r.Scan.P95 / r.Search.P95:F0}× |"));
}
Console.WriteLine();
var ok = true;
foreach (var r in reports)
{
    var p95Ok = r.Search.P95 < 50;
    var ratioOk = r.Scan.Median / r.Search.Median >= 10;
    ok &= p95Ok && ratioOk;
    Console.WriteLine($"{r.Name}: p95 < 50 ms: {(p95Ok ? "yes" : "NO")}; ≥ 10× faster than the scan (median): {(ratioOk ? "yes" : "NO")}. " +
                      $"Mean hits per query: search {r.MeanHits:F0}, LIKE {r.MeanScanHits:F0}; slowest search «{r.Slowest}» {r.Search.Max:F1} ms.");
}
if (reports.Count == 2)
{
    var differ = Enumerable.Range(0, queries.Count).Where(i => reports[0].Totals[i] != reports[1].Totals[i]).ToList();
    Console.WriteLine($"Same number of results on both databases for {queries.Count - differ.Count} of {queries.Count} queries." +
                      string.Concat(differ.Take(10).Select(i => $" «{queries[i]}»: {reports[0].Totals[i]} vs {reports[1].Totals[i]};")));
}
return ok ? 0 : 2;

// The bench measures search; a model change elsewhere in the app that has no migration yet must not stop it.
static void IgnorePendingModelChanges(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder w) =>
    w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning);

async Task<Report> RunAsync(string name, Func<AppDb> newDb)
{
    Console.WriteLine($"== {name}");
    await using (var db = newDb())
    {
        await db.Database.MigrateAsync();
    }

    var sw = Stopwatch.StartNew();
    var indexSeconds = 0.0;
    bool filled;
    await using (var db = newDb()) filled = await db.Meetings.AnyAsync();
    if (!filled)
    {
        var meetingIds = await InsertAsync(newDb, Archive.Generate(corpus, new Random(randomSeed)));
        Console.WriteLine($"   inserted {meetingIds.Count} meetings in {sw.Elapsed.TotalSeconds:F1} s");
        sw.Restart();
        foreach (var id in meetingIds)
        {
            await using var db = newDb();
            await new SearchIndexer(db, NullLogger<SearchIndexer>.Instance).ReindexMeetingAsync(id);
        }
        indexSeconds = sw.Elapsed.TotalSeconds;
    }
    int entries;
    await using (var db = newDb())
    {
        entries = await db.SearchEntries.CountAsync();
        // What autovacuum / a maintenance job would have done by the time anyone searches.
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "VACUUM ANALYZE \"SearchEntries\"" : "ANALYZE");
    }
    Console.WriteLine($"   indexed {entries:N0} entries in {indexSeconds:F1} s");

    await using var search = newDb();
    var archiveSearch = new ArchiveSearch(search);
    // Warm-up: connection pool, query plans, page cache.
    foreach (var q in queries.Take(20))
    {
        await archiveSearch.SearchAsync(new SearchRequest(q));
        await ScanAsync(search, q);
    }

    if (options.ContainsKey("diagnose") && search.Database.IsNpgsql())
    {
        // Where a PostgreSQL search spends its time: the two statements alone (with and without the index hint) and the whole call.
        var conn = (Npgsql.NpgsqlConnection)search.Database.GetDbConnection();
        await search.Database.OpenConnectionAsync();
        var parts = new Dictionary<string, List<double>> { ["count"] = [], ["count, seqscan off"] = [], ["rank"] = [], ["rank, seqscan off"] = [], ["whole"] = [] };
        foreach (var q in queries)
        {
            var tsq = string.Join(" & ", DanishText.QueryTerms(q).Select(t => $"'{t}':*"));
            foreach (var seq in new[] { "on", "off" })
            {
                await using (var set = new Npgsql.NpgsqlCommand($"SET enable_seqscan = {seq}", conn)) await set.ExecuteNonQueryAsync();
                var suffix = seq == "off" ? ", seqscan off" : "";
                var t = Stopwatch.StartNew();
                await using (var c = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM \"SearchEntries\" e WHERE e.\"Document\" @@ to_tsquery('simple', $1)", conn) { Parameters = { new() { Value = tsq } } })
                    await c.ExecuteScalarAsync();
                parts["count" + suffix].Add(t.Elapsed.TotalMilliseconds);
                t.Restart();
                await using (var c = new Npgsql.NpgsqlCommand("SELECT e.\"Id\", ts_rank(e.\"Document\", q, 1) r FROM \"SearchEntries\" e CROSS JOIN to_tsquery('simple', $1) q WHERE e.\"Document\" @@ q ORDER BY r DESC, e.\"Id\" LIMIT 20", conn) { Parameters = { new() { Value = tsq } } })
                await using (var r = await c.ExecuteReaderAsync()) while (await r.ReadAsync()) { }
                parts["rank" + suffix].Add(t.Elapsed.TotalMilliseconds);
            }
            await using (var reset = new Npgsql.NpgsqlCommand("RESET enable_seqscan", conn)) await reset.ExecuteNonQueryAsync();
            var w = Stopwatch.StartNew();
            await archiveSearch.SearchAsync(new SearchRequest(q));
            parts["whole"].Add(w.Elapsed.TotalMilliseconds);
        }
        // The whole call split into its database commands (from execute to reader closed) and the rest (C#).
        var timer = new CommandTimer();
        await using (var timed = (AppDb)Activator.CreateInstance(search.GetType(),
                         new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(search.Database.GetConnectionString()).AddInterceptors(timer).Options)!)
        {
            var timedSearch = new ArchiveSearch(timed);
            foreach (var q in queries.Take(20)) await timedSearch.SearchAsync(new SearchRequest(q));
            timer.Reset();
            foreach (var q in queries)
            {
                timer.StartCall();
                var w = Stopwatch.StartNew();
                await timedSearch.SearchAsync(new SearchRequest(q));
                timer.EndCall(w.Elapsed.TotalMilliseconds);
            }
        }
        foreach (var (k, v) in timer.Parts) parts[k] = v;
        foreach (var (k, v) in parts) Console.WriteLine(FormattableString.Invariant($"   {k,-20} median {Stats.Of(v).Median,6:F1} ms  p95 {Stats.Of(v).P95,6:F1} ms"));
        await search.Database.CloseConnectionAsync();
    }

    var searchTimes = new List<double>();
    var scanTimes = new List<double>();
    long hits = 0, scanHits = 0;
    var totals = new List<int>();
    var slowest = ("", 0.0);
    foreach (var q in queries)
    {
        var t = Stopwatch.StartNew();
        var result = await archiveSearch.SearchAsync(new SearchRequest(q));
        var ms = t.Elapsed.TotalMilliseconds;
        searchTimes.Add(ms);
        if (ms > slowest.Item2) slowest = (q, ms);
        hits += result.Total;
        totals.Add(result.Total);

        t.Restart();
        scanHits += await ScanAsync(search, q);
        scanTimes.Add(t.Elapsed.TotalMilliseconds);
    }
    var report = new Report(name, entries, indexSeconds, Stats.Of(searchTimes), Stats.Of(scanTimes),
        hits / (double)queries.Count, scanHits / (double)queries.Count, slowest.Item1, totals);
    Console.WriteLine(FormattableString.Invariant(
        $"   search median {report.Search.Median:F1} ms, p95 {report.Search.P95:F1} ms; LIKE scan median {report.Scan.Median:F1} ms, p95 {report.Scan.P95:F1} ms"));
    return report;
}

// The reference: every query word as a plain substring of the text, all required, counted over the same rows.
static async Task<long> ScanAsync(AppDb db, string query)
{
    var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    var sql = new StringBuilder("SELECT COUNT(*) AS \"Value\" FROM \"SearchEntries\" WHERE ");
    sql.Append(string.Join(" AND ", words.Select((_, i) => $"\"Text\" LIKE {{{i}}}")));
    var args = words.Select(w => (object)$"%{w}%").ToArray();
    var result = await db.Database.SqlQuery<long>(System.Runtime.CompilerServices.FormattableStringFactory.Create(sql.ToString(), args)).ToListAsync();
    return result.Single();
}

static async Task<List<int>> InsertAsync(Func<AppDb> newDb, IReadOnlyList<Meeting> archive)
{
    var bodies = new[]
    {
        ("Socialdirektørforum", "SDF", "socialdirektoerforum", BodyKind.Forum),
        ("Forretningsudvalget", "FU", "forretningsudvalget", BodyKind.ExecutiveCommittee),
        ("Økonomisk arbejdsgruppe", null, "oekonomisk-arbejdsgruppe", BodyKind.WorkingGroup),
        ("Strategisk arbejdsgruppe", null, "strategisk-arbejdsgruppe", BodyKind.WorkingGroup),
        ("Netværk for udviklingshæmning", null, "netvaerk-udviklingshaemning", BodyKind.WorkingGroup),
    };
    var bodyIds = new List<int>();
    await using (var db = newDb())
    {
        var list = bodies.Select((b, i) => new Body { Name = b.Item1, ShortName = b.Item2, Slug = b.Item3, Kind = b.Item4, SortOrder = i }).ToList();
        db.Bodies.AddRange(list);
        await db.SaveChangesAsync();
        bodyIds.AddRange(list.Select(b => b.Id));
    }
    var ids = new List<int>();
    foreach (var chunk in archive.Chunk(10))
    {
        await using var db = newDb();
        foreach (var m in chunk) m.BodyId = bodyIds[m.BodyId];
        db.Meetings.AddRange(chunk);
        await db.SaveChangesAsync();
        ids.AddRange(chunk.Select(m => m.Id));
    }
    return ids;
}

static Dictionary<string, string> ParseArgs(string[] args)
{
    var d = new Dictionary<string, string>();
    for (var i = 0; i + 1 < args.Length; i += 2) d[args[i].TrimStart('-')] = args[i + 1];
    return d;
}

internal sealed record Stats(double Median, double P95, double Max)
{
    public static Stats Of(List<double> values)
    {
        var s = values.Order().ToList();
        double At(double q) => s[Math.Min(s.Count - 1, (int)Math.Ceiling(q * s.Count) - 1)];
        return new Stats(At(0.5), At(0.95), s[^1]);
    }
}

internal sealed record Report(string Name, int Entries, double IndexSeconds, Stats Search, Stats Scan, double MeanHits, double MeanScanHits, string Slowest, List<int> Totals);

/// <summary>The seed minutes as sentences, item titles and a vocabulary.</summary>
internal sealed record Corpus(List<string> Sentences, List<string> Titles, List<string> Vocabulary, List<string> Tokens)
{
    public static Corpus Load(string dir)
    {
        var text = string.Join("\n", Directory.GetFiles(dir, "*.txt").Order().Select(File.ReadAllText));
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var titles = lines
            .Select(l => Regex.Match(l, @"^(?:Punkt \d+: |\d+\. )(.{8,120})$"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value.Trim()).Distinct().ToList();
        var sentences = Regex.Split(string.Join(" ", lines), @"(?<=[.!?])\s+")
            .Select(s => s.Trim()).Where(s => s.Split(' ').Length is >= 5 and <= 60).Distinct().ToList();
        var tokens = DanishText.Tokenize(text)
            .Select(t => text.Substring(t.Start, t.Length))
            .Where(w => w.Length >= 4 && w.All(char.IsLetter) && !DanishText.IsStopWord(w.ToLowerInvariant()))
            .ToList();
        var vocabulary = tokens.Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Corpus(sentences, titles, vocabulary, tokens);
    }
}

internal static class Archive
{
    public const int Years = 10, Bodies = 5, MeetingsPerYear = 10, ItemsPerMeeting = 20;

    /// <summary>Meetings with BodyId holding the body's index (0–4) until inserted.</summary>
    public static List<Meeting> Generate(Corpus c, Random rnd)
    {
        var meetings = new List<Meeting>();
        var now = DateTime.UtcNow;
        for (var year = 2016; year < 2016 + Years; year++)
        for (var body = 0; body < Bodies; body++)
        for (var k = 0; k < MeetingsPerYear; k++)
        {
            var starts = Danish.ToUtc(new DateTime(year, 1 + k, 5 + 4 * body, 9, 0, 0));
            var m = new Meeting
            {
                Title = "Møde", BodyId = body, StartsAt = starts, EndsAt = starts.AddHours(3), State = MeetingState.MinutesPublished,
                AgendaPublishedAt = starts.AddDays(-7), MinutesPublishedAt = starts.AddDays(7), Version = 2, CreatedAt = now,
            };
            for (var n = 1; n <= ItemsPerMeeting; n++)
            {
                m.Items.Add(new AgendaItem
                {
                    Number = n,
                    Title = Mutate(c.Titles[rnd.Next(c.Titles.Count)], c, rnd, 0.2),
                    Intro = rnd.NextDouble() < 0.1 ? Paragraph(c, rnd, 1, 2) : null,
                    Background = Paragraph(c, rnd, 2, 5),
                    Recommendation = "Det indstilles, at\n\n- " + Paragraph(c, rnd, 1, 3),
                    CasePresentation = rnd.NextDouble() < 0.7 ? Paragraph(c, rnd, 4, 15) : null,
                    Decision = Paragraph(c, rnd, 1, 2),
                    UpdatedAt = now,
                });
            }
            meetings.Add(m);
        }
        return meetings;
    }

    private static string Paragraph(Corpus c, Random rnd, int min, int max) =>
        string.Join(" ", Enumerable.Range(0, rnd.Next(min, max + 1)).Select(_ => Mutate(c.Sentences[rnd.Next(c.Sentences.Count)], c, rnd, 0.3)));

    /// <summary>With probability p, swaps one to three words for random words of the vocabulary.</summary>
    private static string Mutate(string sentence, Corpus c, Random rnd, double p)
    {
        if (rnd.NextDouble() >= p) return sentence;
        var words = sentence.Split(' ');
        for (var i = rnd.Next(1, 4); i > 0; i--) words[rnd.Next(words.Length)] = c.Tokens[rnd.Next(c.Tokens.Count)];
        return string.Join(' ', words);
    }
}

internal static class Queries
{
    /// <summary>
    /// Half the queries are words drawn as they occur in the seeds (frequent words come up often), half drawn
    /// evenly from the distinct words (mostly rare ones); one in four is cut to a prefix of 4–7 letters and one in
    /// five has a second word.
    /// </summary>
    public static List<string> Draw(Corpus c, Random rnd, int count)
    {
        string Word(int i) => i % 2 == 0 ? c.Tokens[rnd.Next(c.Tokens.Count)].ToLowerInvariant() : c.Vocabulary[rnd.Next(c.Vocabulary.Count)];
        var list = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var w = Word(i);
            if (rnd.NextDouble() < 0.25 && w.Length > 7) w = w[..rnd.Next(4, 8)];
            if (rnd.NextDouble() < 0.2) w += " " + Word(i + 1);
            list.Add(w);
        }
        return list;
    }
}

/// <summary>Times each database command of a call (execute to reader closed) and what is left over.</summary>
internal sealed class CommandTimer : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    private readonly Stopwatch command = new();
    private int index;
    private double inCommands;
    public Dictionary<string, List<double>> Parts { get; } = [];

    public void Reset() => Parts.Clear();
    public void StartCall() { index = 0; inCommands = 0; }

    public void EndCall(double total)
    {
        Add("whole (timed)", total);
        Add("outside the database", total - inCommands);
    }

    private void Add(string key, double ms)
    {
        if (!Parts.TryGetValue(key, out var list)) Parts[key] = list = [];
        list.Add(ms);
    }

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand cmd, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData data,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken ct = default)
    {
        command.Restart();
        return ValueTask.FromResult(result);
    }

    public override Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult DataReaderDisposing(
        System.Data.Common.DbCommand cmd, Microsoft.EntityFrameworkCore.Diagnostics.DataReaderDisposingEventData data,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult result)
    {
        var ms = command.Elapsed.TotalMilliseconds;
        inCommands += ms;
        Add($"command {++index}", ms);
        return result;
    }
}
