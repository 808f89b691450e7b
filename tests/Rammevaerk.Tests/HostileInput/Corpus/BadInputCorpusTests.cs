using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using Xunit.Abstractions;

namespace Rammevaerk.Tests.HostileInput.Corpus;

/// <summary>
/// Runs the bad-input corpus (<see cref="BadInputCorpus"/>) through the real pipeline as the user of each upload path
/// would send it (the page's own form, its tokens, the file): every entry gets its Danish answer and a refused file
/// changes nothing; and every upload handler of the app has entries, so a new upload path cannot go untested.
/// </summary>
public abstract class BadInputCorpusTests(AppFactory app, ITestOutputHelper output)
{
    public static TheoryData<UploadPath> Paths() => [.. Enum.GetValues<UploadPath>()];

    [Fact]
    public void The_corpus_has_at_least_60_entries_and_bombs_of_every_kind()
    {
        var total = BadInputCorpus.Files.Count + BadInputCorpus.FormValues.Count;
        Assert.True(total >= 60, $"{total} entries");
        foreach (var kind in new[] { "PDF bomb", "zip bomb", "XML entity bomb", "polyglot", "password-protected", "encrypted", "broken", "MB file" })
        {
            Assert.Contains(BadInputCorpus.Files, f => f.Name.Contains(kind, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Every handler that takes a file (a parameter or a bound property) belongs to an upload path with corpus entries.</summary>
    [Fact]
    public void Every_upload_handler_of_the_app_has_corpus_entries()
    {
        var found = new List<string>();
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract))
        {
            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Public).Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                if (method.GetParameters().Any(p => TakesFile(p.ParameterType))) found.Add($"{type.FullName}.{method.Name}");
            }
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => TakesFile(p.PropertyType) && p.GetCustomAttribute<BindPropertyAttribute>() is not null))
            {
                found.Add($"{type.FullName}.{property.Name}");
            }
        }
        Assert.True(found.Count >= 7, "Upload handlers were not found: " + string.Join(", ", found));

        var covered = BadInputCorpus.Handlers.Where(h => BadInputCorpus.Files.Any(f => f.Path == h.Key)).SelectMany(h => h.Value).ToHashSet();
        var missing = found.Where(f => !covered.Contains(f)).ToList();
        Assert.True(missing.Count == 0, "These handlers take files but have no entries in the bad-input corpus (HostileInput/Corpus/BadInputCorpus.cs): add an "
            + "UploadPath, its handlers, a way to send a file there (BadInputCorpusTests.TargetAsync) and entries:\n" + string.Join('\n', missing));
        var stale = BadInputCorpus.Handlers.SelectMany(h => h.Value).Where(h => !found.Contains(h)).ToList();
        Assert.True(stale.Count == 0, "Corpus handlers the app no longer has: " + string.Join(", ", stale));
    }

    private static bool TakesFile(Type t) =>
        typeof(IFormFile).IsAssignableFrom(t) || typeof(IEnumerable<IFormFile>).IsAssignableFrom(t) || typeof(IFormFileCollection).IsAssignableFrom(t);

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_corpus_file_gets_its_Danish_answer_and_a_refused_one_changes_nothing(UploadPath path)
    {
        var entries = BadInputCorpus.Files.Where(f => f.Path == path).ToList();
        Assert.NotEmpty(entries);
        var target = await TargetAsync(path);
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            var before = await app.QueryAsync(target.State);
            var form = (await FormWalker.OnPageAsync(target.Client, target.PageUrl)).FirstOrDefault(f => f.Controls.Any(c => c.Kind == "file"))
                       ?? throw new InvalidOperationException($"No upload form on {target.PageUrl}");
            var fileField = form.Controls.First(c => c.Kind == "file").Name;
            using var content = new MultipartFormDataContent();
            foreach (var (name, value) in form.Fields(target.Changes)) content.Add(new StringContent(value), name);
            content.Add(new ByteArrayContent(entry.Bytes()), fileField, entry.FileName);
            using var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = content };
            request.Options.Set(SubmissionTokenHandler.WithoutTokens, true);
            using var response = await target.Client.SendAsync(request);
            var text = response.StatusCode == HttpStatusCode.Redirect
                ? await AnswerAtAsync(target.Client, response.Headers.Location!.OriginalString, entry.Expected, path == UploadPath.ArchiveImport)
                : (await response.ReadDocumentAsync()).Text();
            var after = await app.QueryAsync(target.State);
            var shown = text.Contains(entry.Expected, StringComparison.Ordinal);
            output.WriteLine($"{entry}: {(int)response.StatusCode}, {(shown ? "answered" : "NOT answered")}");
            if ((int)response.StatusCode >= 500) problems.Add($"{entry}: {(int)response.StatusCode}");
            else if (!shown) problems.Add($"{entry}: the answer does not say \"{entry.Expected}\". It says: {Excerpt(text)}");
            else if (entry.Accepted && before == after) problems.Add($"{entry}: should have been accepted, nothing was saved");
            else if (!entry.Accepted && path != UploadPath.ArchiveImport && before != after) problems.Add($"{entry}: refused, but something was saved ({before} → {after})");
            if (entry.Accepted && text.Contains(entry.FileName, StringComparison.Ordinal)) problems.Add($"{entry}: the raw name is shown");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static string Excerpt(string text) => text.Length <= 600 ? text : text[..600] + " …";

    /// <summary>The page a refused or accepted upload leads to; for the background import, waits until the answer is there.</summary>
    private static async Task<string> AnswerAtAsync(HttpClient client, string url, string expected, bool waitForWorker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(waitForWorker ? 90 : 0);
        while (true)
        {
            var text = (await client.GetDocumentAsync(url)).Text();
            if (text.Contains(expected, StringComparison.Ordinal) || DateTime.UtcNow >= deadline) return text;
            await Task.Delay(500);
        }
    }

    private sealed record Target(HttpClient Client, string PageUrl, Func<AppDb, Task<string>> State, IReadOnlyDictionary<string, string>? Changes = null);

    /// <summary>Where a file of the path is sent, as whom, and what a refused file must leave unchanged.</summary>
    private async Task<Target> TargetAsync(UploadPath path)
    {
        switch (path)
        {
            case UploadPath.Attachment:
            {
                var item = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.State == MeetingState.Draft).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
                return new(await app.SignInAsSecretariatAsync(), $"/sekretariat/punkter/{item}",
                    async db => string.Join('|', await db.Attachments.Where(a => a.AgendaItemId == item).OrderBy(a => a.Id).Select(a => a.FileName).ToListAsync()));
            }
            case UploadPath.CapacityNotice:
                // The notice form for an offer not yet in the register: the file is checked with the rest of the form.
                return new(await app.SignInAsMunicipalityAsync(), "/kapacitet/ny?tilbud=ny&art=Reduction",
                    async db => $"{await db.CapacityNotices.CountAsync()}/{await db.CapacityNoticeAttachments.CountAsync()}");
            case UploadPath.CentralAnnouncementFile:
            {
                var id = await app.QueryAsync(db => db.CentralAnnouncements.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
                return new(await app.SignInAsSecretariatAsync(), $"/sekretariat/centrale-udmeldinger/{id}",
                    async db => string.Join('|', await db.AnnouncementFiles.OrderBy(f => f.Id).Select(f => f.FileName).ToListAsync()));
            }
            case UploadPath.LetterAnswer:
            {
                var id = await app.QueryAsync(db => db.Letters.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());
                return new(await app.SignInAsSecretariatAsync(), $"/sekretariat/opfoelgning/breve/{id}",
                    async db => await db.Letters.Where(l => l.Id == id).Select(l => l.AnswerFileName ?? "").SingleAsync(),
                    new Dictionary<string, string> { ["ReceivedOn"] = "2032-04-15", ["AnswerText"] = "Ministeriet arbejder på sagen." });
            }
            case UploadPath.StatisticsFile:
            {
                var id = await app.QueryAsync(db => db.Datasets.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
                return new(await app.SignInAsSecretariatAsync(), $"/sekretariat/statistik/{id}",
                    async db => string.Join('|', await db.DatasetValues.Where(v => v.DatasetId == id).OrderBy(v => v.Id).Select(v => v.Value).ToListAsync()));
            }
            case UploadPath.ReportWorkbook:
            {
                var client = await app.SignInAsMunicipalityAsync();
                var page = await client.GetDocumentAsync("/indberetning");
                var links = page.QuerySelectorAll("a[href^='/indberetning/rapport/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
                foreach (var link in links)
                {
                    if ((await FormWalker.OnPageAsync(client, link)).Any(f => f.Controls.Any(c => c.Kind == "file")))
                    {
                        var id = int.Parse(link.Split('/').Last().Split('?')[0]);
                        return new(client, link, async db => await db.OperatorReports.Where(r => r.Id == id).Select(r => r.ContentJson + r.State).SingleAsync());
                    }
                }
                throw new InvalidOperationException("The demo data has no report the test municipality can upload a workbook to: " + string.Join(", ", links));
            }
            case UploadPath.ArchiveImport:
                return new(await app.SignInAsSecretariatAsync(), "/sekretariat/import", async db => (await db.Meetings.CountAsync()).ToString());
            case UploadPath.PopulationCsv:
                return new(await app.SignInAsSecretariatAsync(), "/sekretariat/befolkning",
                    async db => $"{await db.MunicipalityPopulations.CountAsync()}/{await db.MunicipalityPopulations.SumAsync(p => (long)p.Population)}");
            default:
                throw new ArgumentOutOfRangeException(nameof(path));
        }
    }
}

public sealed class BadInputCorpusTestsOnSqlite(SqliteAppFactory app, ITestOutputHelper output) : BadInputCorpusTests(app, output), IClassFixture<SqliteAppFactory>;

public sealed class BadInputCorpusTestsOnPostgres(PostgresAppFactory app, ITestOutputHelper output) : BadInputCorpusTests(app, output), IClassFixture<PostgresAppFactory>;
