using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Meetings.Import;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Pdf;

/// <summary>
/// The PDF agenda and minutes (/moeder/{id}/pdf and /pdf/med-bilag), printed by the system's Chromium and read back
/// with PdfPig: the table of contents points at the right pages, Danish letters survive, closed items keep their
/// content from the public, the text imports back into an equal meeting, broken attachments are listed but not
/// appended, and a PDF is made once per version.
/// </summary>
public abstract partial class PdfTests(AppFactory app)
{
    private const string ClosedText = "drøftelse af en konkret personalesag";

    [Fact]
    public async Task Every_table_of_contents_page_number_points_at_the_page_where_that_item_starts()
    {
        var id = await app.SeedMeetingIdAsync(2025);
        var (pdf, response) = await app.CreateAnonymousClient().GetPdfAsync($"/moeder/{id}/pdf");

        var toc = PdfReading.TableOfContents(pdf);
        var titles = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == id).OrderBy(i => i.Number).Select(i => i.Title).ToListAsync());
        Assert.Equal(21, toc.Count);
        for (var k = 0; k < toc.Count; k++)
        {
            var number = k + 1;
            Assert.StartsWith(toc[k].Title, titles[k], StringComparison.Ordinal);
            Assert.StartsWith($"Punkt {number}:", PdfReading.FirstWords(pdf, toc[k].Page, 2));
            // The heading is on no earlier page: the page before belongs to the item before.
            Assert.DoesNotContain($"Punkt {number}:", PdfReading.PageText(pdf, toc[k].Page - 1));
        }
        Assert.True(toc.Select(t => t.Page).SequenceEqual(toc.Select(t => t.Page).Order()), "pages ascend");
        Assert.Equal("inline; filename=\"Referat Socialdirektoerforum 2025-06-27.pdf\"; filename*=UTF-8''Referat%20Socialdirekt%C3%B8rforum%202025-06-27.pdf",
            response.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal("Referat Socialdirektørforum 2025-06-27.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task The_pdf_has_seed_000s_title_block_and_page_footers()
    {
        var id = await app.SeedMeetingIdAsync(2025);
        var (pdf, _) = await app.CreateAnonymousClient().GetPdfAsync($"/moeder/{id}/pdf");
        var text = PdfText.Extract(pdf);
        var pages = PdfReading.PageCount(pdf);

        Assert.StartsWith("REFERAT Socialdirektørforum d. 27-06-2025\n", text);
        Assert.Matches(@"\nMødedato\s+Fredag d\. 27\. juni 2025 kl\. 09:00-12:00\n", text);
        Assert.Matches(@"\nMødested\s+Byrådssalen, Middelfart Rådhus \(Nytorv 9, 5500 Middelfart\)\n", text);
        Assert.Contains("\nIndholdsfortegnelse\n", text);
        Assert.Contains($"Side 1 af {pages}", PdfReading.PageText(pdf, 1));
        Assert.Contains($"Side {pages} af {pages}", PdfReading.PageText(pdf, pages));
        Assert.DoesNotContain("Side 1 af", text); // the extractor drops the footers
    }

    [Fact]
    public async Task Danish_letters_survive_in_the_pdf_text()
    {
        var id = await app.SeedMeetingIdAsync(2025);
        var (pdf, _) = await app.CreateAnonymousClient().GetPdfAsync($"/moeder/{id}/pdf");
        var text = PdfText.Extract(pdf);
        var words = PdfReading.AllWords(pdf);

        foreach (var expected in new[] { "Socialdirektørforum", "Økonomisk", "Bofællesskabet på Lunden", "Fælleskommunalt", "Årlig status" })
            Assert.Contains(expected, text);
        Assert.Contains("Socialdirektørforum", words);
        Assert.Contains("æ", words);
        Assert.Contains("å", words);
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    public async Task Text_of_our_pdf_imports_back_into_an_equal_meeting(int year)
    {
        var id = await app.SeedMeetingIdAsync(year);
        var (pdf, _) = await app.CreateAnonymousClient().GetPdfAsync($"/moeder/{id}/pdf");

        var parsed = MinutesParser.Parse(PdfText.Extract(pdf));

        var meeting = await app.QueryAsync(db => db.Meetings.AsNoTracking().Include(m => m.Body)
            .Include(m => m.Items).ThenInclude(i => i.Attachments).SingleAsync(m => m.Id == id));
        var items = meeting.Items.OrderBy(i => i.Number).ToList();
        Assert.Equal(MinutesLayout.PdfText, parsed.Layout);
        Assert.True(parsed.IsMinutes);
        Assert.Equal(meeting.Body.Name, parsed.BodyName);
        Assert.Equal(meeting.Location, parsed.Place);
        Assert.Equal(Danish.ToLocal(meeting.StartsAt), parsed.StartsLocal);
        Assert.Equal(meeting.EndsAt is { } end ? Danish.ToLocal(end) : null, parsed.EndsLocal);
        Assert.DoesNotContain(parsed.Notes, n => n.Message.Contains("Indholdsfortegnelsen"));
        Assert.Equal(items.Select(i => i.Number), parsed.Items.Select(i => i.Number));
        Assert.Equal(items.Select(i => i.Title), parsed.Items.Select(i => i.Title));
        var differences = new List<string>();
        foreach (var (item, back) in items.Zip(parsed.Items))
        {
            Compare(item.Number, "intro", item.Intro, back.Intro, differences);
            Compare(item.Number, "Baggrund", item.Background, back.Background, differences);
            Compare(item.Number, "Sagsfremstilling", item.CasePresentation, back.CasePresentation, differences);
            Compare(item.Number, "Indstilling", item.Recommendation, back.Recommendation, differences);
            Compare(item.Number, "Beslutning", item.Decision, back.Decision, differences);
            Assert.Equal(item.Attachments.OrderBy(a => a.SortOrder).Select(a => a.FileName), back.AttachmentNames);
        }
        Assert.True(differences.Count == 0, string.Join("\n\n", differences));
    }

    [Fact]
    public async Task A_pdf_uploaded_to_the_import_page_becomes_an_equal_meeting()
    {
        var id = await app.SeedMeetingIdAsync(2024);
        var (pdf, _) = await app.CreateAnonymousClient().GetPdfAsync($"/moeder/{id}/pdf");
        var secretariat = await app.SignInAsSecretariatAsync();
        var strategic = await app.BodyIdAsync("Strategisk arbejdsgruppe");

        int batch = await secretariat.UploadAsync([("Referat Socialdirektørforum 2024-03-22.pdf", pdf)], bodyId: strategic);

        var file = Assert.Single(await app.WaitForBatchAsync(batch));
        Assert.True(file.Outcome == ImportOutcome.Accepted, file.Reason);
        var (original, copy) = await app.QueryAsync(async db => (
            await db.AgendaItems.Where(i => i.MeetingId == id).OrderBy(i => i.Number).Select(i => new { i.Number, i.Title, i.Decision }).ToListAsync(),
            await db.AgendaItems.Where(i => i.Meeting.BodyId == strategic).OrderBy(i => i.Number).Select(i => new { i.Number, i.Title, i.Decision }).ToListAsync()));
        Assert.Equal(original.Select(i => (i.Number, i.Title)), copy.Select(i => (i.Number, i.Title)));
        Assert.Equal(original.Select(i => Normalize(i.Decision)), copy.Select(i => Normalize(i.Decision)));
    }

    [Fact]
    public async Task An_encrypted_or_damaged_pdf_is_refused_by_the_import_with_a_Danish_message()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        int batch = await secretariat.UploadAsync([("krypteret.pdf", PdfReading.EncryptedPdf()), ("ødelagt.pdf", PdfReading.CorruptPdf())]);

        var files = await app.WaitForBatchAsync(batch);
        Assert.All(files, f => Assert.Equal(ImportOutcome.Refused, f.Outcome));
        Assert.Contains("krypteret", files[0].Reason);
        Assert.Contains("ødelagt", files[1].Reason);
        var page = await secretariat.GetDocumentAsync($"/sekretariat/import/{batch}");
        Assert.Contains("kan ikke læses", page.Text());
    }

    [Fact]
    public async Task Public_pdf_shows_a_closed_items_title_but_not_its_text_or_attachment()
    {
        var id = await app.ForretningsudvalgetMeetingIdAsync();
        var anonymous = app.CreateAnonymousClient();

        var (pdf, response) = await anonymous.GetPdfAsync($"/moeder/{id}/pdf");
        var (withAttachments, _) = await anonymous.GetPdfAsync($"/moeder/{id}/pdf/med-bilag");

        var text = PdfText.Extract(pdf);
        Assert.StartsWith("DAGSORDEN Forretningsudvalget d. 30-11-2026\n", text);
        Assert.Contains("Punkt 3: Personalesag i sekretariatet", text);
        Assert.Contains("Lukket punkt", text);
        Assert.DoesNotContain(ClosedText, text);
        Assert.DoesNotContain("Notat om personalesag", text);
        var all = PdfReading.AllWords(withAttachments);
        Assert.DoesNotContain("Fortroligt", all);
        Assert.DoesNotContain("personalesag.pdf", all);
        Assert.Contains("Udkast", all);
        Assert.Equal("Dagsorden Forretningsudvalget 2026-11-30.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.True(response.Headers.CacheControl!.Public, response.Headers.CacheControl.ToString());
        Assert.NotNull(response.Headers.CacheControl.MaxAge);
    }

    [Fact]
    public async Task Members_pdf_with_attachments_appends_them_and_lists_their_pages()
    {
        var id = await app.ForretningsudvalgetMeetingIdAsync();
        var member = await app.SignInAsMemberAsync();

        var (pdf, response) = await member.GetPdfAsync($"/moeder/{id}/pdf/med-bilag");

        var toc = PdfReading.TableOfContents(pdf);
        Assert.Equal(["Godkendelse af referat", "Forberedelse af Socialdirektørforum den 11. december 2026", "Personalesag i sekretariatet", "Eventuelt"],
            toc.Take(4).Select(t => t.Title));
        for (var k = 0; k < 4; k++) Assert.StartsWith($"Punkt {k + 1}:", PdfReading.FirstWords(pdf, toc[k].Page, 2));
        var draft = toc.Single(t => t.Title.StartsWith("Bilag: Udkast til dagsorden", StringComparison.Ordinal));
        var closed = toc.Single(t => t.Title == "Bilag: Notat om personalesag.pdf");
        Assert.Contains("Udkast til dagsorden", PdfReading.PageText(pdf, draft.Page));
        Assert.Contains("Fortroligt notat", PdfReading.PageText(pdf, closed.Page));
        Assert.Equal(closed.Page, PdfReading.PageCount(pdf));
        Assert.Contains(ClosedText, PdfText.Extract(pdf));
        Assert.Contains("private", response.Headers.CacheControl!.ToString());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        // Reading back stops before the appended files: they are not minutes text.
        Assert.DoesNotContain("Fortroligt notat", PdfText.Extract(pdf));
    }

    [Fact]
    public async Task Encrypted_and_damaged_attachments_are_listed_with_a_note_but_not_appended_and_warn_the_secretariat()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meetingId = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Møde med svære bilag");
        var item = await secretariat.AddItemAsync(app, meetingId, "Bilag af alle slags");
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.UploadAsync(item, "Låst notat.pdf", PdfReading.EncryptedPdf())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.UploadAsync(item, "Ødelagt notat.pdf", PdfReading.CorruptPdf())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.UploadAsync(item, "Godt notat.pdf", Rammevaerk.Demo.MinimalPdf.Create("Et godt notat"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.UploadAsync(item, "Tekst.docx", PdfReading.MinimalDocx())).StatusCode);
        using (var published = await secretariat.MeetingActionAsync(meetingId, "PublishAgenda")) Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var (pdf, _) = await secretariat.GetPdfAsync($"/moeder/{meetingId}/pdf/med-bilag");

        var toc = PdfReading.TableOfContents(pdf);
        var titles = toc.Select(t => t.Title).ToList();
        Assert.Contains("Bilag: Låst notat.pdf", titles);
        Assert.Contains("Bilag: Ødelagt notat.pdf", titles);
        Assert.Contains("Bilag: Godt notat.pdf", titles);
        Assert.DoesNotContain("Bilag: Tekst.docx", titles);
        var text = PdfText.Extract(pdf);
        Assert.Contains("Bilaget kunne ikke vedlægges: Låst notat.pdf er krypteret", text);
        Assert.Contains("Bilaget kunne ikke vedlægges: Ødelagt notat.pdf er ødelagt", text);
        Assert.Contains("\nTekst.docx\n", text); // listed under Bilag
        var locked = toc.Single(t => t.Title == "Bilag: Låst notat.pdf");
        Assert.Contains("krypteret", PdfReading.PageText(pdf, locked.Page));
        var good = toc.Single(t => t.Title == "Bilag: Godt notat.pdf");
        Assert.Contains("Et godt notat", PdfReading.PageText(pdf, good.Page));
        Assert.Equal(good.Page, PdfReading.PageCount(pdf)); // the only file appended, one page
        Assert.DoesNotContain("Hemmeligt", PdfReading.AllWords(pdf));

        var warnings = await app.QueryAsync(async db =>
        {
            var m = await db.Meetings.SingleAsync(x => x.Id == meetingId);
            return await PdfService.CurrentWarningsAsync(db, meetingId, m.Version, m.ConcurrencyStamp);
        });
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("\"Låst notat.pdf\" er krypteret"));
        Assert.Contains(warnings, w => w.Contains("\"Ødelagt notat.pdf\" er ødelagt"));
        // What the secretariat's meeting page shows through the _PdfWarnings partial.
        var shown = await RenderWarningsPartialAsync(meetingId);
        Assert.Contains("kunne ikke vedlægges", shown);
        Assert.Contains("Låst notat.pdf", shown);
        Assert.Contains("Ødelagt notat.pdf", shown);
        var uden = await secretariat.GetPdfAsync($"/moeder/{meetingId}/pdf");
        Assert.DoesNotContain("kunne ikke vedlægges", PdfText.Extract(uden.Bytes));
    }

    [Fact]
    public async Task A_pdf_is_made_once_per_version_served_with_an_etag_and_made_again_after_a_change()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meetingId = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Socialdirektørforum"), "Møde til PDF-cache");
        var item = await secretariat.AddItemAsync(app, meetingId, "Punkt der ændres");
        using (var published = await secretariat.MeetingActionAsync(meetingId, "PublishAgenda")) Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var url = $"/moeder/{meetingId}/pdf";
        var metrics = app.Services.GetRequiredService<PdfMetrics>();

        // Concurrent first requests for the same PDF build it once.
        var buildsBefore = metrics.Builds;
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.SignInAsMemberAsync()));
        var first = await Task.WhenAll(clients.Select(c => c.GetPdfAsync(url)));
        Assert.Equal(1, metrics.Builds - buildsBefore);
        Assert.All(first, r => Assert.Equal(first[0].Bytes, r.Bytes));

        var clock = Stopwatch.StartNew();
        var (again, response) = await clients[0].GetPdfAsync(url);
        clock.Stop();
        Assert.Equal(first[0].Bytes, again);
        Assert.Equal(first[0].Response.Headers.ETag, response.Headers.ETag);
        Assert.Equal(1, metrics.Builds - buildsBefore);
        Assert.True(clock.ElapsedMilliseconds < 2000, $"the cached PDF took {clock.ElapsedMilliseconds} ms");
        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using (var notModified = await clients[0].SendAsync(conditional)) Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        var fields = await secretariat.ItemFormAsync(item);
        fields["Input.Background"] = "Ny baggrund skrevet efter udgivelsen, med æ, ø og å.";
        using (var saved = await secretariat.SaveItemAsync(item, fields)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var (changed, changedResponse) = await clients[0].GetPdfAsync(url);
        Assert.NotEqual(first[0].Response.Headers.ETag, changedResponse.Headers.ETag);
        Assert.Contains("Ny baggrund skrevet efter udgivelsen, med æ, ø og å.", PdfText.Extract(changed));
        Assert.Equal(2, metrics.Builds - buildsBefore);
        // Only the current version's PDFs are kept.
        var keys = await app.QueryAsync(db => db.RenderedPdfs.Where(r => r.MeetingId == meetingId).Select(r => r.CacheKey).ToListAsync());
        var current = await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => new { m.Version, m.ConcurrencyStamp }).SingleAsync());
        Assert.All(keys, k => Assert.StartsWith(PdfService.KeyPrefix(meetingId, current.Version, current.ConcurrencyStamp), k));
    }

    [Fact]
    public async Task A_draft_pdf_is_the_secretariats_only()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var draft = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Hemmelig PDF-kladde");

        using var anonymous = await app.CreateAnonymousClient().GetAsync($"/moeder/{draft}/pdf");
        using var member = await (await app.SignInAsMemberAsync()).GetAsync($"/moeder/{draft}/pdf/med-bilag");
        var (pdf, response) = await secretariat.GetPdfAsync($"/moeder/{draft}/pdf");

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, member.StatusCode);
        Assert.Contains("Kladde, ikke udgivet", PdfText.Extract(pdf));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync("/moeder/999999/pdf")).StatusCode);
    }

    private async Task<string> RenderWarningsPartialAsync(int meetingId)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var meeting = await services.GetRequiredService<Rammevaerk.Data.AppDb>().Meetings.SingleAsync(m => m.Id == meetingId);
        var engine = services.GetRequiredService<Microsoft.AspNetCore.Mvc.Razor.IRazorViewEngine>();
        var view = engine.GetView(null, "/Publishing/Pdf/_PdfWarnings.cshtml", isMainPage: false).View!;
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = services };
        var actionContext = new Microsoft.AspNetCore.Mvc.ActionContext(http, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor());
        await using var writer = new StringWriter();
        var viewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<Rammevaerk.Meetings.Meeting>(
            new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary()) { Model = meeting };
        var tempData = new Microsoft.AspNetCore.Mvc.ViewFeatures.TempDataDictionary(http, services.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider>());
        await view.RenderAsync(new Microsoft.AspNetCore.Mvc.Rendering.ViewContext(actionContext, view, viewData, tempData, writer, new Microsoft.AspNetCore.Mvc.ViewFeatures.HtmlHelperOptions()));
        return System.Net.WebUtility.HtmlDecode(writer.ToString());
    }

    private static void Compare(int number, string section, string? expected, string? actual, List<string> differences)
    {
        var e = Normalize(expected);
        var a = Normalize(actual);
        if (e != a) differences.Add($"Punkt {number}, {section}:\n  DB:  {e}\n  PDF: {a}");
    }

    /// <summary>Section text without Markdown markup and with whitespace collapsed.</summary>
    private static string Normalize(string? markdown) =>
        Whitespace().Replace(Markdown.ToPlainText(markdown), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

public sealed class PdfTestsOnSqlite(SqliteAppFactory app) : PdfTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PdfTestsOnPostgres(PostgresAppFactory app) : PdfTests(app), IClassFixture<PostgresAppFactory>;
