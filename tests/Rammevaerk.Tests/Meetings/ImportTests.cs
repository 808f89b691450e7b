using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Import;
using Rammevaerk.Tests.Import;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Meetings;

/// <summary>Uploads and waits for imports through the real pages and the background worker.</summary>
public static class ImportSteps
{
    public const string June2025 = "socialdirektoerforum/2025-06-27T09:00";
    public const string March2024 = "socialdirektoerforum/2024-03-22T09:00";

    /// <summary>Posts the import form with files (and text); returns the batch id the page redirects to.</summary>
    public static async Task<int> UploadAsync(this HttpClient client, IEnumerable<(string Name, byte[] Bytes)> files, string? text = null, int? bodyId = null)
    {
        var page = await client.GetDocumentAsync("/sekretariat/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), Browserless.AntiforgeryField },
            { new StringContent(text ?? ""), "Text" },
            { new StringContent(bodyId?.ToString() ?? ""), "BodyId" },
        };
        foreach (var (name, bytes) in files) content.Add(new ByteArrayContent(bytes), "files", name);
        using var response = await client.PostAsync("/sekretariat/import", content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The upload answered {(int)response.StatusCode}: {(await response.ReadDocumentAsync()).Errors()}");
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    /// <summary>Waits until the worker has taken every file of the batch as far as it can go by itself.</summary>
    public static async Task<List<ImportFile>> WaitForBatchAsync(this AppFactory app, int batchId)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var files = await app.QueryAsync(db => db.ImportFiles.AsNoTracking().Where(f => f.BatchId == batchId).OrderBy(f => f.Order).ToListAsync());
            if (files.All(f => f.State is not (ImportFileState.Queued or ImportFileState.Working))) return files;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Import {batchId} did not finish: {string.Join(", ", files.Select(f => $"{f.Name}={f.State}"))}");
            await Task.Delay(100);
        }
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Every link from another process to the items of one meeting, as "kind:row→item".</summary>
    public static async Task<List<string>> LinksAsync(this AppFactory app, string key) => await app.QueryAsync(async db =>
    {
        var ids = await db.AgendaItems.Where(i => i.Meeting.ImportKey == key).Select(i => i.Id).ToListAsync();
        var links = new List<string>();
        links.AddRange((await db.CapacityNotices.Where(x => x.AgendaItemId != null && ids.Contains(x.AgendaItemId.Value)).Select(x => new { x.Id, x.AgendaItemId }).ToListAsync()).Select(x => $"capacity:{x.Id}→{x.AgendaItemId}"));
        links.AddRange((await db.AnnouncementItemLinks.Where(x => ids.Contains(x.AgendaItemId)).Select(x => new { x.AnnouncementId, x.AgendaItemId }).ToListAsync()).Select(x => $"announcement:{x.AnnouncementId}→{x.AgendaItemId}"));
        links.AddRange((await db.Allocations.Where(x => x.DecidedItemId != null && ids.Contains(x.DecidedItemId.Value)).Select(x => new { x.Id, x.DecidedItemId }).ToListAsync()).Select(x => $"allocation:{x.Id}→{x.DecidedItemId}"));
        links.AddRange((await db.SavedCalculations.Where(x => x.DecidedItemId != null && ids.Contains(x.DecidedItemId.Value)).Select(x => new { x.Id, x.DecidedItemId }).ToListAsync()).Select(x => $"calculation:{x.Id}→{x.DecidedItemId}"));
        links.AddRange((await db.FollowUps.Where(x => x.SourceItemId != null && ids.Contains(x.SourceItemId.Value)).Select(x => new { x.Id, x.SourceItemId }).ToListAsync()).Select(x => $"followup:{x.Id}→{x.SourceItemId}"));
        links.AddRange((await db.Letters.Where(x => x.SourceItemId != null && ids.Contains(x.SourceItemId.Value)).Select(x => new { x.Id, x.SourceItemId }).ToListAsync()).Select(x => $"letter:{x.Id}→{x.SourceItemId}"));
        links.AddRange((await db.Appointments.Where(x => x.DecidedItemId != null && ids.Contains(x.DecidedItemId.Value)).Select(x => new { x.Id, x.DecidedItemId }).ToListAsync()).Select(x => $"appointment:{x.Id}→{x.DecidedItemId}"));
        return links.Order(StringComparer.Ordinal).ToList();
    });

    /// <summary>Seed 001's web text cut after item 2, as archived pages are: the whole list, the first items' text.</summary>
    public static string June2025WebTextWithTwoItems(Func<string, string>? change = null)
    {
        var lines = SeedFiles.Read("001").ReplaceLineEndings("\n").Split('\n');
        int third = Array.FindLastIndex(lines, l => l.Trim() == "3. Status på indsatser i Rammeaftalen");
        string text = string.Join("\n", lines[..third]) + "\n";
        return change is null ? text : change(text);
    }

    public static byte[] Zip(params (string Name, byte[] Bytes)[] files)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }
        }
        return ms.ToArray();
    }
}

/// <summary>
/// The archive import through the real pages and the background worker: nothing existing is ever removed or
/// replaced without the secretariat's choice, links survive a replacement, the report accounts for every file, bodies
/// can be created, questions answered, and bad files are refused with Danish reasons.
/// </summary>
public abstract class ImportTests(AppFactory app)
{
    [Fact]
    public async Task Importing_the_web_text_of_a_published_meeting_again_removes_nothing_and_keeps_every_link()
    {
        var client = await app.SignInAsSecretariatAsync();
        var itemsBefore = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.ImportKey == ImportSteps.June2025).OrderBy(i => i.Number).Select(i => new { i.Id, i.Number, i.Decision }).ToListAsync());
        var linksBefore = await app.LinksAsync(ImportSteps.June2025);
        var versionBefore = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == ImportSteps.June2025).Select(m => m.Version).SingleAsync());
        Assert.Equal(21, itemsBefore.Count);
        Assert.Contains(linksBefore, l => l.StartsWith("capacity:", StringComparison.Ordinal));
        Assert.Contains(linksBefore, l => l.StartsWith("allocation:", StringComparison.Ordinal));

        // The same web text, holding only the first two items' text: nothing to do.
        int same = await client.UploadAsync([("27-juni-2025.txt", ImportSteps.Utf8(ImportSteps.June2025WebTextWithTwoItems()))]);
        var unchanged = Assert.Single(await app.WaitForBatchAsync(same));
        Assert.Equal(ImportOutcome.Unchanged, unchanged.Outcome);

        // A text whose item 2 reads differently: the import waits for a choice and writes nothing.
        int changed = await client.UploadAsync([("27-juni-2025-rettet.txt", ImportSteps.Utf8(ImportSteps.June2025WebTextWithTwoItems(
            t => t.Replace("Peter Bjerregård, Tilsynschef, fra Socialtilsyn Syd holdt oplæg.", "Peter Bjerregård, tilsynschef i Socialtilsyn Syd, holdt oplæg."))))]);
        var waiting = Assert.Single(await app.WaitForBatchAsync(changed));
        Assert.Equal(ImportFileState.AwaitingChoice, waiting.State);
        Assert.Equal(versionBefore, await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == ImportSteps.June2025).Select(m => m.Version).SingleAsync()));

        var filePage = await client.GetDocumentAsync($"/sekretariat/import/fil/{waiting.Id}");
        var rows = filePage.QuerySelectorAll("table.list tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Ændret") && r.Contains("Beslutning"));
        Assert.Contains(rows, r => r.Contains("Uændret"));
        Assert.Equal(19, rows.Count(r => r.Contains("Kun titel i teksten (beholdes)")));

        // Replace item 2 only.
        using var response = await client.PostFormAsync($"/sekretariat/import/fil/{waiting.Id}", new Dictionary<string, string> { ["Take"] = "2" },
            $"/sekretariat/import/fil/{waiting.Id}?handler=Replace");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var itemsAfter = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.ImportKey == ImportSteps.June2025).OrderBy(i => i.Number).Select(i => new { i.Id, i.Number, i.Decision }).ToListAsync());
        Assert.Equal(itemsBefore.Select(i => (i.Id, i.Number)), itemsAfter.Select(i => (i.Id, i.Number)));
        Assert.StartsWith("Peter Bjerregård, tilsynschef i Socialtilsyn Syd, holdt oplæg.", itemsAfter[1].Decision);
        Assert.Equal(itemsBefore.Where(i => i.Number != 2).Select(i => i.Decision), itemsAfter.Where(i => i.Number != 2).Select(i => i.Decision));
        Assert.Equal(linksBefore, await app.LinksAsync(ImportSteps.June2025));
        var meeting = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == ImportSteps.June2025).Select(m => new { m.Id, m.Version }).SingleAsync());
        Assert.Equal(versionBefore + 1, meeting.Version);
        // The replaced text lives on in the earlier version.
        var earlier = MeetingLifecycle.ReadSnapshot(await app.QueryAsync(db => db.MeetingVersions.SingleAsync(v => v.MeetingId == meeting.Id && v.Version == versionBefore)));
        Assert.StartsWith("Peter Bjerregård, Tilsynschef, fra Socialtilsyn Syd holdt oplæg.", earlier!.Items.Single(i => i.Number == 2).Decision);
    }

    [Fact]
    public async Task The_pdf_minutes_of_22_March_2024_keep_their_eleven_items_when_a_web_text_of_two_is_imported()
    {
        var client = await app.SignInAsSecretariatAsync();
        var seed = MinutesParser.Parse(SeedFiles.Read("000"));
        var text = new StringBuilder("Møde i Socialdirektørforum den 22. marts 2024\n\nUdgivet 22.03.2024\n\nUDVALG\n\nSocialdirektørforum\n\nMØDE\n\n" +
                                     "Møde i Socialdirektørforum den 22. marts 2024\n\nSTED\n\nByrådssalen, Middelfart Rådhus\n\nSTARTTIDSPUNKT\n\n2024-03-22 09:00\n\nSLUTTIDSPUNKT\n\n2024-03-22 12:00\n\n\nPUNKTER\n\n");
        foreach (var i in seed.Items) text.Append($"{i.Number}. {i.Title}\n\n");
        text.Append("\n1. Godkendelse af referat\n\nBeslutning\n\nReferatet blev godkendt uden bemærkninger.\n\nGodkendelse af referat\n\nBaggrund\n\nVedhæftet.\n\n");
        text.Append($"2. {seed.Items[1].Title}\n\nBeslutning\n\nOrienteringen blev taget til efterretning.\n");
        var linksBefore = await app.LinksAsync(ImportSteps.March2024);
        var before = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == ImportSteps.March2024).Select(m => new { m.Version, Items = m.Items.Count }).SingleAsync());

        int batch = await client.UploadAsync([("22-marts-2024.txt", ImportSteps.Utf8(text.ToString()))]);
        var file = Assert.Single(await app.WaitForBatchAsync(batch));
        Assert.Equal(ImportFileState.AwaitingChoice, file.State);

        using var keep = await client.PostFormAsync($"/sekretariat/import/fil/{file.Id}", new Dictionary<string, string>(), $"/sekretariat/import/fil/{file.Id}?handler=Keep");
        Assert.Equal(HttpStatusCode.Redirect, keep.StatusCode);
        Assert.Equal(ImportOutcome.Kept, await app.QueryAsync(db => db.ImportFiles.Where(f => f.Id == file.Id).Select(f => f.Outcome).SingleAsync()));
        var after = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == ImportSteps.March2024).Select(m => new { m.Version, Items = m.Items.Count }).SingleAsync());
        Assert.Equal(before, after);
        Assert.Equal(11, after.Items);
        Assert.Equal(linksBefore, await app.LinksAsync(ImportSteps.March2024));
    }

    [Fact]
    public async Task A_folder_of_archive_samples_is_imported_with_a_report_per_file_as_a_page_and_an_xlsx()
    {
        var client = await app.SignInAsSecretariatAsync();
        string s2017 = ArchiveLayoutTests.Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-24-marts-2017");
        string s2023 = ArchiveLayoutTests.Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-20-januar-2023");
        var zip = ImportSteps.Zip(("arkiv/2017.txt", ImportSteps.Utf8(s2017)), ("arkiv/2023.txt", ImportSteps.Utf8(s2023)),
            ("arkiv/2017-kopi.txt", ImportSteps.Utf8(s2017)), ("arkiv/tom.txt", []), ("../udenfor.txt", ImportSteps.Utf8("x")));

        int batch = await client.UploadAsync([("arkiv.zip", zip)]);
        var files = await app.WaitForBatchAsync(batch);

        Assert.Equal(5, files.Count);
        // The copy comes first in the folder's order: it is imported, and the original is the duplicate.
        var y2017 = files.Single(f => f.Name == "arkiv.zip/arkiv/2017-kopi.txt");
        Assert.Equal(ImportOutcome.Accepted, y2017.Outcome);
        Assert.Equal(18, y2017.ItemsListed);
        // Every listed item is kept: item 1 in full, item 2 as far as the archived excerpt goes, the other 16 by title.
        Assert.Equal(18, y2017.ItemsFound);
        // Every line off the meeting is page furniture, counted in pieces as the command line counts it.
        Assert.True(y2017.LinesTotal - y2017.LinesOnMeeting <= y2017.LinesDropped);
        var duplicate = files.Single(f => f.Name == "arkiv.zip/arkiv/2017.txt");
        Assert.Equal(ImportOutcome.Duplicate, duplicate.Outcome);
        Assert.Contains("2017-kopi.txt", duplicate.Reason);
        Assert.Contains("tom", files.Single(f => f.Name.EndsWith("tom.txt", StringComparison.Ordinal)).Reason);
        Assert.Contains("uden for mappen", files.Single(f => f.Name.EndsWith("udenfor.txt", StringComparison.Ordinal)).Reason);

        // Every listed item is on the meeting, numbers and gaps as listed; the public page says which have no text.
        int? meetingId = files.Single(f => f.Name.EndsWith("2023.txt", StringComparison.Ordinal)).MeetingId;
        var meeting = await app.QueryAsync(db => db.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == meetingId));
        Assert.Equal([1, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13], meeting.Items.OrderBy(i => i.Number).Select(i => i.Number));
        Assert.Equal(MeetingState.MinutesPublished, meeting.State);
        var anonymous = app.CreateAnonymousClient();
        var publicPage = await anonymous.GetDocumentAsync($"/moeder/{meeting.Id}");
        Assert.Contains("Kilden, som referatet er importeret fra, indeholder ingen tekst til dette punkt", publicPage.Text());
        Assert.Contains("Det blev godkendt, at Anne Mette Lund", publicPage.Text());

        var page = await client.GetDocumentAsync($"/sekretariat/import/{batch}");
        Assert.Contains("5 af 5 filer er færdige.", page.Text());
        Assert.Contains("Dublet", page.Text());

        using var xlsx = await client.GetAsync($"/sekretariat/import/{batch}?handler=Xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.First().Worksheet;
        var texts = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>().Select(t => t.Text).ToList();
        Assert.Contains("arkiv.zip/arkiv/2017-kopi.txt", texts);
        Assert.Contains("Dublet", texts);
    }

    [Fact]
    public async Task Two_files_with_different_texts_for_one_meeting_import_once_and_ask_about_the_second()
    {
        var client = await app.SignInAsSecretariatAsync();
        string text = ArchiveLayoutTests.Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-24-januar-2025");
        string other = text.Replace("Referatet blev godkendt.", "Referatet blev godkendt med en rettelse.");
        int batch = await client.UploadAsync([("a.txt", ImportSteps.Utf8(text)), ("b.txt", ImportSteps.Utf8(other))]);
        var files = await app.WaitForBatchAsync(batch);
        Assert.Equal(ImportOutcome.Accepted, files[0].Outcome);
        Assert.Equal(ImportFileState.AwaitingChoice, files[1].State);
        Assert.Equal(files[0].MeetingId, files[1].MeetingId);
        Assert.Equal(1, await app.QueryAsync(db => db.Meetings.CountAsync(m => m.ImportKey == "socialdirektoerforum/2025-01-24T09:00")));
    }

    [Fact]
    public async Task A_body_that_does_not_exist_is_created_from_the_import_page_and_a_lost_date_is_answered_on_the_questions_page()
    {
        var client = await app.SignInAsSecretariatAsync();
        int batch = await client.UploadAsync([("kkr.txt", ImportSteps.Utf8(ArchiveLayoutTests.Sample("docplayer.dk_24488542")))]);
        var file = Assert.Single(await app.WaitForBatchAsync(batch));
        Assert.Equal(ImportFileState.NeedsBody, file.State);
        Assert.Equal("KKR Syddanmark", file.BodyName);
        var page = await client.GetDocumentAsync($"/sekretariat/import/fil/{file.Id}");
        Assert.Equal("KKR Syddanmark", page.QuerySelector("#NewBodyName")?.GetAttribute("value"));

        using var create = await client.PostFormAsync($"/sekretariat/import/fil/{file.Id}", new Dictionary<string, string> { ["NewBodyName"] = "KKR Syddanmark" },
            $"/sekretariat/import/fil/{file.Id}?handler=CreateBody");
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        file = Assert.Single(await app.WaitForBatchAsync(batch));
        Assert.Equal(ImportOutcome.AcceptedWithQuestions, file.Outcome);
        var meeting = await app.QueryAsync(db => db.Meetings.Include(m => m.Body).SingleAsync(m => m.Id == file.MeetingId));
        Assert.Equal("KKR Syddanmark", meeting.Body.Name);
        Assert.Equal(MeetingState.Draft, meeting.State);
        Assert.Equal(MeetingState.MinutesPublished, meeting.HeldBackAs);
        using (var hidden = await app.CreateAnonymousClient().GetAsync($"/moeder/{meeting.Id}")) Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        var questions = await client.GetDocumentAsync("/sekretariat/import/spoergsmaal");
        Assert.Contains("Teksten nævner året 2015", questions.Text());
        int dateQuestion = await app.QueryAsync(db => db.ImportQuestions.Where(q => q.MeetingId == meeting.Id && q.Kind == QuestionKind.Date).Select(q => q.Id).SingleAsync());

        using var bad = await client.PostFormAsync("/sekretariat/import/spoergsmaal", new Dictionary<string, string> { ["Date"] = "2015-13-40" },
            $"/sekretariat/import/spoergsmaal?handler=Date&id={dateQuestion}");
        Assert.Contains("kan ikke læses", (await bad.ReadDocumentAsync()).Text());

        using var answer = await client.PostFormAsync("/sekretariat/import/spoergsmaal", new Dictionary<string, string> { ["Date"] = "2015-11-19", ["Time"] = "10:00" },
            $"/sekretariat/import/spoergsmaal?handler=Date&id={dateQuestion}");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var published = await app.QueryAsync(db => db.Meetings.SingleAsync(m => m.Id == meeting.Id));
        Assert.Equal(MeetingState.MinutesPublished, published.State);
        Assert.Null(published.HeldBackAs);
        Assert.False(published.TimeUnknown);
        Assert.Equal("kkr-syddanmark/2015-11-19T10:00", published.ImportKey);
        using var visible = await app.CreateAnonymousClient().GetAsync($"/moeder/{meeting.Id}");
        Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
    }

    [Fact]
    public async Task Minutes_with_a_CPR_number_are_imported_but_not_published_until_it_is_removed()
    {
        var client = await app.SignInAsSecretariatAsync();
        string text = ArchiveLayoutTests.Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-30-juni-2023")
            .Replace("Orienteringen blev drøftet og taget til efterretning.", "Orienteringen blev drøftet. Borgeren 010190-1234 blev nævnt.");
        int batch = await client.UploadAsync([("cpr.txt", ImportSteps.Utf8(text))]);
        var file = Assert.Single(await app.WaitForBatchAsync(batch));
        var meeting = await app.QueryAsync(db => db.Meetings.Include(m => m.Items).SingleAsync(m => m.Id == file.MeetingId));
        Assert.Equal(MeetingState.Draft, meeting.State);
        var questions = await client.GetDocumentAsync("/sekretariat/import/spoergsmaal");
        Assert.Contains("Punkt 1, Beslutning: 010190-xxxx", questions.Text());
        Assert.DoesNotContain("010190-1234", questions.Text());
        int cpr = await app.QueryAsync(db => db.ImportQuestions.Where(q => q.MeetingId == meeting.Id && q.Kind == QuestionKind.Cpr).Select(q => q.Id).SingleAsync());

        using (var still = await client.PostFormAsync("/sekretariat/import/spoergsmaal", new Dictionary<string, string>(), $"/sekretariat/import/spoergsmaal?handler=Cpr&id={cpr}"))
            Assert.Contains("stadig CPR-numre", (await still.ReadDocumentAsync()).Text());

        int item = meeting.Items.Single(i => i.Number == 1).Id;
        var form = await client.ItemFormAsync(item);
        form[form.Keys.Single(k => k.EndsWith("Decision", StringComparison.Ordinal))] = "Orienteringen blev drøftet.";
        using (var save = await client.SaveItemAsync(item, form)) Assert.True(save.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK);
        using var done = await client.PostFormAsync("/sekretariat/import/spoergsmaal", new Dictionary<string, string>(), $"/sekretariat/import/spoergsmaal?handler=Cpr&id={cpr}");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(MeetingState.MinutesPublished, await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.State).SingleAsync()));
    }

    [Fact]
    public async Task A_CPR_question_links_to_the_items_of_its_own_meeting_and_says_the_minutes_are_published_once_answered()
    {
        var client = await app.SignInAsSecretariatAsync();
        // Minutes (with decisions) moved to a day no other test imports: the meeting is new, not one imported before.
        string text = ArchiveLayoutTests.Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-30-juni-2023")
            .Replace("30-juni-2023", "27-juni-2023").Replace("30. juni 2023", "27. juni 2023").Replace("2023-06-30", "2023-06-27")
            .Replace("Socialdirektørforum er tidligere blevet orienteret om kapacitetsudfordringer", "Borgeren 020385-1234 er nævnt. Socialdirektørforum er tidligere blevet orienteret om kapacitetsudfordringer");
        int batch = await client.UploadAsync([("cpr-baggrund.txt", ImportSteps.Utf8(text))]);
        var file = Assert.Single(await app.WaitForBatchAsync(batch));
        int meeting = file.MeetingId!.Value;
        var items = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meeting).Select(i => new { i.Id, i.Number, i.Background }).ToListAsync());
        var withCpr = Assert.Single(items, i => i.Background?.Contains("020385-1234") == true);

        var questions = await client.GetDocumentAsync("/sekretariat/import/spoergsmaal");
        var section = questions.QuerySelector($"#moede-{meeting}")!.Closest("section")!;
        var question = section.QuerySelectorAll("li").Single(li => li.TextContent.Contains("Baggrund: 020385-xxxx"));
        Assert.Contains($"Punkt {withCpr.Number}, Baggrund: 020385-xxxx", question.TextContent);
        // Every link to fix it leads to this meeting or to the very item that holds the number.
        var links = question.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.True(href == $"/sekretariat/moeder/{meeting}" || href == $"/sekretariat/punkter/{withCpr.Id}", $"{href} is not item {withCpr.Number} ({withCpr.Id}) of meeting {meeting}"));
        Assert.Contains($"/sekretariat/punkter/{withCpr.Id}", links);
        var state = section.QuerySelector("p.muted")!.TextContent;
        Assert.Contains("referatet udgives, når spørgsmålene er besvaret", state);
        Assert.DoesNotContain("dagsorden", state, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_CPR_question_about_an_item_a_reimport_did_not_take_never_links_to_the_old_item_of_that_number()
    {
        // Seed 001 two weeks earlier: a public meeting of its own.
        const string key = "socialdirektoerforum/2025-06-13T09:00";
        string folder = Directory.CreateTempSubdirectory("import-cpr-again").FullName;
        string text = SeedFiles.Read("001").Replace("2025-06-27", "2025-06-13");
        string first = Path.Combine(folder, "first.txt");
        await File.WriteAllTextAsync(first, text);
        Assert.Contains("Oprettet: møde", await RunAsync("import-minutes", first, "--apply"));
        var meeting = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == key).Select(m => new { m.Id, m.State }).SingleAsync());
        Assert.NotEqual(MeetingState.Draft, meeting.State);
        var item2 = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meeting.Id && i.Number == 2).Select(i => new { i.Id, i.Decision }).SingleAsync());

        // The same minutes again, now with a CPR number in item 2: the public meeting keeps item 2 as it was.
        string again = Path.Combine(folder, "again.txt");
        await File.WriteAllTextAsync(again, text.Replace("holdt oplæg.", "holdt oplæg. Borgeren 010190-1234 deltog."));
        await RunAsync("import-minutes", again, "--apply", "--replace");
        Assert.Equal(item2.Decision, await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == item2.Id).Select(i => i.Decision).SingleAsync()));

        var client = await app.SignInAsSecretariatAsync();
        var questions = await client.GetDocumentAsync("/sekretariat/import/spoergsmaal");
        var question = questions.QuerySelector($"#moede-{meeting.Id}")!.Closest("section")!.QuerySelectorAll("li")
            .Single(li => li.TextContent.Contains("Punkt 2 i den importerede tekst indeholder CPR-numre"));
        Assert.Contains("ikke taget med", question.TextContent);
        var links = question.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.DoesNotContain($"/sekretariat/punkter/{item2.Id}", links);
        Assert.Contains($"/sekretariat/moeder/{meeting.Id}", links);
    }

    [Fact]
    public async Task The_text_before_the_items_is_checked_corrected_and_published_with_the_minutes()
    {
        var client = await app.SignInAsSecretariatAsync();
        string text = ArchiveLayoutTests.Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-28-juni-2024")
            .Replace("\nPUNKTER\n", "\nAfbud fra Vejen Kommune. Referent: Jens Hansen, 010190-1234.\n\nPUNKTER\n");
        int batch = await client.UploadAsync([("indledning.txt", ImportSteps.Utf8(text))]);
        var file = Assert.Single(await app.WaitForBatchAsync(batch));
        int meeting = file.MeetingId!.Value;
        Assert.Equal(MeetingState.Draft, await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.State).SingleAsync()));
        var questions = await client.GetDocumentAsync("/sekretariat/import/spoergsmaal");
        Assert.Contains("Teksten før punkterne: 010190-xxxx", questions.Text());

        // The secretariat removes the number on the meeting page, then answers the question: the minutes go public.
        var edit = await client.GetDocumentAsync($"/sekretariat/moeder/{meeting}");
        var preamble = edit.QuerySelector("#Preamble")!.TextContent;
        Assert.Contains("Afbud fra Vejen Kommune", preamble);
        var stamp = edit.QuerySelector("form[action*='SavePreamble'] input[name=stamp]")!.GetAttribute("value")!;
        using (var save = await client.PostFormAsync($"/sekretariat/moeder/{meeting}",
                   new Dictionary<string, string> { ["preamble"] = preamble.Replace(", 010190-1234", ""), ["stamp"] = stamp },
                   $"/sekretariat/moeder/{meeting}?handler=SavePreamble"))
            Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        int cpr = await app.QueryAsync(db => db.ImportQuestions.Where(q => q.MeetingId == meeting && q.Kind == QuestionKind.Cpr).Select(q => q.Id).SingleAsync());
        using (var done = await client.PostFormAsync("/sekretariat/import/spoergsmaal", new Dictionary<string, string>(), $"/sekretariat/import/spoergsmaal?handler=Cpr&id={cpr}"))
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var page = await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{meeting}");
        var section = page.QuerySelector("#indledning");
        Assert.NotNull(section);
        Assert.Contains("Afbud fra Vejen Kommune. Referent: Jens Hansen.", section.TextContent);
        Assert.DoesNotContain("010190", page.Text());
        var pdf = Rammevaerk.Tests.Pdf.PdfReading.AllWords(await app.CreateAnonymousClient().GetByteArrayAsync($"/moeder/{meeting}/pdf"));
        Assert.Contains("Fra referatets indledning", pdf);
        Assert.Contains("Afbud fra Vejen Kommune", pdf);
        Assert.DoesNotContain("010190", pdf);
    }

    [Fact]
    public async Task Bad_files_are_refused_with_Danish_reasons_and_a_pages_scripts_are_never_stored()
    {
        var client = await app.SignInAsSecretariatAsync();
        var before = await app.QueryAsync(db => db.Meetings.CountAsync());
        const string html = "<html><body><script>alert('x')</script><p>Indkøbsliste</p><p>mælk</p></body></html>";
        int batch = await client.UploadAsync([
            ("tom.txt", []), ("billede.txt", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13, 1, 2, 3]), ("scannet.pdf", TestPdfs.Create([[]])),
            ("side.html", ImportSteps.Utf8(html)), ("noter.txt", ImportSteps.Utf8("Kære alle\n\nHer er noter fra i går.\n"))]);
        var files = await app.WaitForBatchAsync(batch);
        Assert.All(files, f => Assert.Equal(ImportOutcome.Refused, f.Outcome));
        Assert.Contains("tom", files[0].Reason);
        Assert.Contains("binære data", files[1].Reason);
        Assert.Contains("scannet", files[2].Reason);
        Assert.Contains("intet møde", files[3].Reason);
        Assert.Contains("intet møde", files[4].Reason);
        Assert.DoesNotContain("alert", files[3].Text);
        Assert.Equal(before, await app.QueryAsync(db => db.Meetings.CountAsync()));
        var page = await client.GetDocumentAsync($"/sekretariat/import/{batch}");
        Assert.Contains("PDF-filen har intet tekstlag", page.Text());
    }

    [Fact]
    public async Task The_command_line_is_a_dry_run_unless_told_to_apply_and_never_replaces_without_being_told()
    {
        string folder = Directory.CreateTempSubdirectory("import-cli").FullName;
        string del2 = ArchiveLayoutTests.Sample("dagsorden-referater_moede-del-2");
        await File.WriteAllTextAsync(Path.Combine(folder, "fu.txt"), ArchiveLayoutTests.Sample("docplayer.dk_36860429"));
        await File.WriteAllTextAsync(Path.Combine(folder, "del2.txt"), del2);
        int meetingsBefore = await app.QueryAsync(db => db.Meetings.CountAsync());

        string dry = await RunAsync("import-minutes", folder);
        Assert.Contains("Prøvekørsel – intet skrives", dry);
        Assert.Contains("Udvalget \"Forretningsudvalget (Midtjylland)\" findes ikke; det oprettes under tekstens navn med --apply.", dry);
        Assert.Contains("Vil blive oprettet", dry);
        Assert.Equal(meetingsBefore, await app.QueryAsync(db => db.Meetings.CountAsync()));

        string applied = await RunAsync("import-minutes", folder, "--apply");
        Assert.Contains("Udvalget \"Forretningsudvalget (Midtjylland)\" er oprettet.", applied);
        Assert.Equal(meetingsBefore + 2, await app.QueryAsync(db => db.Meetings.CountAsync()));
        const string key = "socialdirektoerforum/2023-10-02T11:00";
        var version = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == key).Select(m => m.Version).SingleAsync());

        string changedFile = Path.Combine(folder, "del2-rettet.txt");
        await File.WriteAllTextAsync(changedFile, del2.Replace("blev godkedt som nyt medlem", "blev godkendt som nyt medlem"));
        string notReplaced = await RunAsync("import-minutes", changedFile, "--apply");
        Assert.Contains("Mødet findes allerede", notReplaced);
        Assert.Contains("1. Ny repræsentant til Forretningsudvalget: Ændret (Beslutning)", notReplaced);
        Assert.Equal(version, await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == key).Select(m => m.Version).SingleAsync()));

        string replaced = await RunAsync("import-minutes", changedFile, "--apply", "--replace");
        Assert.Contains("0 punkter tilføjet, 1 erstattet", replaced);
        Assert.Equal(version + 1, await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == key).Select(m => m.Version).SingleAsync()));
        Assert.Equal(9, await app.QueryAsync(db => db.AgendaItems.CountAsync(i => i.Meeting.ImportKey == key)));
        Assert.Contains("godkendt som nyt medlem", await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.ImportKey == key && i.Number == 1).Select(i => i.Decision).SingleAsync()));
    }

    [Fact]
    public async Task Replacing_from_a_text_cut_off_inside_an_item_keeps_the_sections_it_lacks_and_shortens_only_when_told()
    {
        // A meeting of its own (seed 001 a week earlier), so the seed meeting the other tests compare with stays as it is.
        const string key = "socialdirektoerforum/2025-06-20T09:00";
        var lines = SeedFiles.Read("001").Replace("2025-06-27", "2025-06-20").ReplaceLineEndings("\n").Split('\n');
        string folder = Directory.CreateTempSubdirectory("import-cut").FullName;
        string whole = Path.Combine(folder, "whole.txt");
        await File.WriteAllTextAsync(whole, string.Join("\n", lines));
        Assert.Contains("Oprettet: møde", await RunAsync("import-minutes", whole, "--apply"));
        int baggrund = Array.FindIndex(lines, l => l.StartsWith("Socialtilsyn Syds årsrapport 2024 og finansiering 2026", StringComparison.Ordinal)) + 2;
        Assert.Equal("Baggrund", lines[baggrund].Trim());
        Assert.Equal("Sagsfremstilling", lines[baggrund + 12].Trim());
        const string decision = "Peter Bjerregård holdt oplæg om årsrapporten (rettet ved import).";
        string Changed(string text) => text.Replace("Peter Bjerregård, Tilsynschef, fra Socialtilsyn Syd holdt oplæg.", decision)
            .Replace("Peter Bjerregård, tilsynschef i Socialtilsyn Syd, holdt oplæg.", decision);
        var before = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.ImportKey == key && i.Number == 2)
            .Select(i => new { i.Id, i.Background, i.Recommendation, i.CasePresentation }).SingleAsync());
        Assert.True(before.Background!.Length > 100 && before.Recommendation!.Length > 20 && before.CasePresentation!.Length > 300);

        // Cut off after item 2's decision: Baggrund, Indstilling and Sagsfremstilling have no text in the source.
        string cut = Path.Combine(folder, "cut.txt");
        await File.WriteAllTextAsync(cut, Changed(string.Join("\n", lines[..baggrund])));
        string dry = await RunAsync("import-minutes", cut);
        Assert.Contains("2. Socialtilsyn Syds årsrapport 2024 og finansiering 2026: Ændret (Beslutning; kilden har ingen tekst til Baggrund, Indstilling, Sagsfremstilling; beholdes)", dry);
        string replaced = await RunAsync("import-minutes", cut, "--apply", "--replace");
        Assert.Contains("0 punkter tilføjet, 1 erstattet", replaced);
        var after = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.ImportKey == key && i.Number == 2)
            .Select(i => new { i.Id, i.Decision, i.Background, i.Recommendation, i.CasePresentation }).SingleAsync());
        Assert.Equal(before.Id, after.Id);
        Assert.StartsWith(decision, after.Decision);
        Assert.Equal((before.Background, before.Recommendation, before.CasePresentation), (after.Background, after.Recommendation, after.CasePresentation));

        // Cut off inside Sagsfremstilling: the section would become much shorter; --replace alone leaves it.
        string shorter = Path.Combine(folder, "shorter.txt");
        await File.WriteAllTextAsync(shorter, Changed(string.Join("\n", lines[..(baggrund + 14)])).Replace(decision, decision + " Igen."));
        int version = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == key).Select(m => m.Version).SingleAsync());
        // The web comparison shows the same warning and lets the secretariat keep the meeting as it is.
        var client = await app.SignInAsSecretariatAsync();
        int batch = await client.UploadAsync([("kortere.txt", ImportSteps.Utf8(await File.ReadAllTextAsync(shorter)))]);
        var waiting = Assert.Single(await app.WaitForBatchAsync(batch));
        Assert.Equal(ImportFileState.AwaitingChoice, waiting.State);
        var page = await client.GetDocumentAsync($"/sekretariat/import/fil/{waiting.Id}");
        var row = page.QuerySelectorAll("table.list tbody tr").Single(r => r.QuerySelector("td:nth-child(2)")!.TextContent.Trim() == "2").TextContent;
        Assert.Matches(@"Sagsfremstilling forkortes fra \d+ til \d+ tegn", row);
        Assert.Contains("Teksten bliver kortere", row);
        using (var keep = await client.PostFormAsync($"/sekretariat/import/fil/{waiting.Id}", new Dictionary<string, string>(), $"/sekretariat/import/fil/{waiting.Id}?handler=Keep"))
            Assert.Equal(HttpStatusCode.Redirect, keep.StatusCode);

        string refused = await RunAsync("import-minutes", shorter, "--apply", "--replace");
        Assert.Matches(@"Sagsfremstilling forkortes fra \d+ til \d+ tegn", refused);
        Assert.Contains("Punkt 2 ville blive kortere; det erstattes kun med --replace --replace-shortening.", refused);
        Assert.Contains("Intet skrevet", refused);
        Assert.Equal(before.CasePresentation, await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.ImportKey == key && i.Number == 2).Select(i => i.CasePresentation).SingleAsync()));
        Assert.Equal(version, await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == key).Select(m => m.Version).SingleAsync()));

        string told = await RunAsync("import-minutes", shorter, "--apply", "--replace", "--replace-shortening");
        Assert.Contains("0 punkter tilføjet, 1 erstattet", told);
        var shortened = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.ImportKey == key && i.Number == 2).Select(i => i.CasePresentation).SingleAsync());
        Assert.True(shortened!.Length < before.CasePresentation!.Length);
    }

    [Fact]
    public async Task A_text_that_names_no_body_but_says_Dagsorden_og_referat_never_creates_a_body_of_that_name()
    {
        string folder = Directory.CreateTempSubdirectory("import-stop").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "ukendt.txt"),
            "Dagsorden og referat\n\nDato: 3. februar 2014 kl. 10.00\n\nSted: Rådhuset\n\n1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n2. Eventuelt\n\nBeslutning\n\nIntet.\n");
        int bodiesBefore = await app.QueryAsync(db => db.Bodies.CountAsync());
        string output = await RunAsync("import-minutes", folder, "--apply");
        Assert.Contains("Ikke importeret: teksten nævner ikke udvalget; angiv --body.", output);
        Assert.DoesNotContain("\"og referat\"", output);
        Assert.Equal(bodiesBefore, await app.QueryAsync(db => db.Bodies.CountAsync()));
        Assert.False(await app.QueryAsync(db => db.Bodies.AnyAsync(b => b.Name == "og referat")));
    }

    [Fact]
    public async Task The_dry_run_says_a_meeting_with_a_CPR_number_will_be_held_back_as_apply_does()
    {
        string folder = Directory.CreateTempSubdirectory("import-cpr").FullName;
        string text = ArchiveLayoutTests.Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-30-juni-2023")
            .Replace("2023-06-30", "2023-06-29")
            .Replace("Orienteringen blev drøftet og taget til efterretning.", "Orienteringen blev drøftet. Borgeren 010190-1234 blev nævnt.");
        await File.WriteAllTextAsync(Path.Combine(folder, "cpr.txt"), text);
        string dry = await RunAsync("import-minutes", folder);
        Assert.Contains("Vil blive oprettet, men holdt tilbage (ikke offentliggjort): teksten indeholder CPR-numre", dry);
        Assert.DoesNotContain("Vil blive oprettet og offentliggjort", dry);
    }

    private async Task<string> RunAsync(params string[] args)
    {
        using var scope = app.Services.CreateScope();
        var output = new StringWriter();
        await Rammevaerk.Commands.ImportMinutesAsync(scope.ServiceProvider, args, output);
        return output.ToString();
    }
}

public sealed class ImportTestsOnSqlite(SqliteAppFactory app) : ImportTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ImportTestsOnPostgres(PostgresAppFactory app) : ImportTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The app with its background import worker switched off, so a test can play the workers itself.</summary>
public class ManualImportAppFactory(TestDatabase database) : AppFactory(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Import:ProcessInBackground", "false");
    }
}

public sealed class SqliteManualImportAppFactory() : ManualImportAppFactory(TestDatabase.CreateSqlite());

public sealed class PostgresManualImportAppFactory() : ManualImportAppFactory(TestDatabase.CreatePostgres());

/// <summary>
/// A bulk import that stops midway (a worker that dies) leaves its finished meetings whole and is resumed; two
/// workers (two app instances) never process the same file twice.
/// </summary>
public abstract class ImportResumeTests(ManualImportAppFactory app)
{
    private static readonly string[] Samples =
    [
        "dagsorden-referater_moede-i-socialdirektoerforum-den-24-marts-2017", "dagsorden-referater_moede-socialdirektoerforum-den-1-oktober-2020",
        "dagsorden-referater_socialdirektoerforum", "dagsorden-referater_moede-i-socialdirektoerforum-den-6-maj-2022",
    ];

    private ImportWorker AnotherInstance() => new(app.Services.GetRequiredService<IServiceScopeFactory>(),
        app.Services.GetRequiredService<IOptionsMonitor<ImportOptions>>(), TimeProvider.System, NullLogger<ImportWorker>.Instance);

    [Fact]
    public async Task A_bulk_import_that_stopped_midway_resumes_and_leaves_finished_meetings_whole()
    {
        var client = await app.SignInAsSecretariatAsync();
        int batch = await client.UploadAsync(Samples.Take(3).Select(s => (s + ".txt", ImportSteps.Utf8(ArchiveLayoutTests.Sample(s)))));
        var worker = app.Services.GetRequiredService<ImportWorker>();

        Assert.True(await worker.ProcessNextAsync());
        // The second file's worker dies after claiming it: its lease is left behind, expired.
        var files = await app.QueryAsync(db => db.ImportFiles.Where(f => f.BatchId == batch).OrderBy(f => f.Order).ToListAsync());
        await app.QueryAsync(db => db.ImportFiles.Where(f => f.Id == files[1].Id).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.State, ImportFileState.Working).SetProperty(f => f.ClaimedBy, "død-instans")
            .SetProperty(f => f.ClaimedUntil, DateTime.UtcNow.AddMinutes(-1)).SetProperty(f => f.Attempts, 1)));
        var page = await client.GetDocumentAsync($"/sekretariat/import/{batch}");
        Assert.Contains("1 af 3 filer er færdige.", page.Text());
        var first = await app.QueryAsync(db => db.Meetings.Where(m => m.Id == files[0].MeetingId).Select(m => new { m.Id, m.Version, Items = m.Items.Count }).SingleAsync());

        Assert.Equal(2, await AnotherInstance().DrainAsync());

        var after = await app.QueryAsync(db => db.ImportFiles.Where(f => f.BatchId == batch).OrderBy(f => f.Order).ToListAsync());
        Assert.All(after, f => Assert.Equal(ImportOutcome.Accepted, f.Outcome));
        Assert.Equal(3, after.Select(f => f.MeetingId).Distinct().Count());
        Assert.Equal(first, await app.QueryAsync(db => db.Meetings.Where(m => m.Id == first.Id).Select(m => new { m.Id, m.Version, Items = m.Items.Count }).SingleAsync()));
        Assert.Contains("3 af 3 filer er færdige.", (await client.GetDocumentAsync($"/sekretariat/import/{batch}")).Text());
    }

    [Fact]
    public async Task Two_instances_working_at_once_never_process_the_same_file_twice()
    {
        var client = await app.SignInAsSecretariatAsync();
        string text = ArchiveLayoutTests.Sample(Samples[3]);
        // Six meetings (one an hour): each file makes its own meeting, so a file processed twice would show.
        int batch = await client.UploadAsync(Enumerable.Range(0, 6).Select(i => ($"moede-{i}.txt", ImportSteps.Utf8(text.Replace("2022-05-06 09:00", $"2022-05-06 {10 + i}:00")))));

        var results = await Task.WhenAll(AnotherInstance().DrainAsync(), AnotherInstance().DrainAsync());

        Assert.Equal(6, results.Sum());
        var files = await app.QueryAsync(db => db.ImportFiles.Where(f => f.BatchId == batch).ToListAsync());
        Assert.All(files, f => Assert.Equal(1, f.Attempts));
        Assert.All(files, f => Assert.Equal(ImportOutcome.Accepted, f.Outcome));
        Assert.Equal(6, files.Select(f => f.MeetingId).Distinct().Count());
        Assert.Equal(6, await app.QueryAsync(db => db.Meetings.CountAsync(m => m.ImportKey!.StartsWith("socialdirektoerforum/2022-05-06T1"))));
    }
}

public sealed class ImportResumeTestsOnSqlite(SqliteManualImportAppFactory app) : ImportResumeTests(app), IClassFixture<SqliteManualImportAppFactory>;

public sealed class ImportResumeTestsOnPostgres(PostgresManualImportAppFactory app) : ImportResumeTests(app), IClassFixture<PostgresManualImportAppFactory>;
