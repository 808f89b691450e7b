using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Demo;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Publishing.Subscriptions;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using Rammevaerk.Tests.Pdf;

namespace Rammevaerk.Tests.Publication;

/// <summary>
/// Issue 12, items 2 and 4: every publication runs the check first, shows what blocks and what warns on one page with a
/// link to each place, publishes only after an explicit confirmation naming what goes public, keeps that record with the
/// version, tells the members and subscribers with absolute links, and has the PDF made in the background.
/// </summary>
public abstract class PublicationFlowTests(AppFactory app)
{
    [Fact]
    public async Task A_cpr_number_in_an_item_blocks_publication_until_it_is_fixed()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med cpr i baggrunden", "Klagesag", "Klagen fra borgeren (cpr-nr. 010190-1234) er modtaget.");

        var check = await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/udgiv/dagsorden");

        var blocker = Assert.Single(check.QuerySelectorAll(".findings-block li"));
        Assert.Contains("Indeholder et CPR-nummer (010190-xxxx)", blocker.TextContent);
        Assert.DoesNotContain("1234", blocker.TextContent);
        Assert.Equal($"/sekretariat/punkter/{item}#Input_Background", blocker.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(check.QuerySelector("input[name='Fingerprint']"));
        // A forged confirmation does not get past the check either.
        using (var forged = await secretariat.PostAsync($"/sekretariat/moeder/{meeting}/udgiv/dagsorden", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["Fingerprint"] = "0000", ["ConfirmWarnings"] = "true", [Browserless.AntiforgeryField] = check.AntiforgeryToken(),
               })))
        {
            Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
            Assert.Contains("Udgivelsen er ikke gennemført", (await forged.ReadDocumentAsync()).Text());
        }
        Assert.Equal(Rammevaerk.Meetings.MeetingState.Draft, await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.State).SingleAsync()));

        await secretariat.WriteAsync(item, "Input.Background", "Klagen fra borgeren er modtaget.");
        await secretariat.PublishOkAsync(meeting, "dagsorden");

        Assert.Contains("Klagen fra borgeren er modtaget.", (await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{meeting}")).Text());
    }

    [Fact]
    public async Task A_cpr_number_in_an_attachment_its_word_header_or_its_file_name_blocks()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med cpr i bilag", "Bilag med personnumre");
        foreach (var (name, bytes) in new[]
                 {
                     ("Notat.pdf", TestFiles.PdfWithLines("Borgerens cpr-nr. er 010190-", "1234 ifoelge journalen")),
                     ("Brev.docx", TestFiles.DocxWithHeader("Et brev uden personnumre i teksten.", "Vedr. 020202-4321")),
                     ("Sag 030303-2345.pdf", MinimalPdf.Create("Et notat")),
                 })
        {
            using var upload = await secretariat.UploadAsync(item, name, bytes);
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }
        var ids = await app.QueryAsync(db => db.Attachments.Where(a => a.AgendaItemId == item).OrderBy(a => a.SortOrder).Select(a => a.Id).ToListAsync());

        var check = await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/udgiv/dagsorden");

        var blockers = check.QuerySelectorAll(".findings-block li").ToList();
        Assert.Equal(3, blockers.Count);
        Assert.Equal(ids.Select(id => $"/sekretariat/punkter/{item}#bilag-{id}").Order(), blockers.Select(b => b.QuerySelector("a")!.GetAttribute("href")!).Order());
        Assert.Contains(blockers, b => b.TextContent.Contains("(filnavnet)") && b.TextContent.Contains("030303-xxxx"));
        Assert.Contains(blockers, b => b.TextContent.Contains("«Brev.docx» (teksten)") && b.TextContent.Contains("020202-xxxx"));
        Assert.Null(check.QuerySelector("input[name='Fingerprint']"));
    }

    [Fact]
    public async Task Warnings_must_be_confirmed_and_the_confirmation_is_kept_with_the_version()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var after = Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).AddDays(30).ToString("d. MMMM yyyy", Rammevaerk.Shared.Danish.Culture);
        var (meeting, _) = await app.HeldMeetingAsync(secretariat, "Møde med advarsler", "Orientering om intranettet",
            $"Referatet fra sidste møde den {after} blev godkendt.\n\nSe [vejledningen](http://intranet/vejledning).");
        var url = $"/sekretariat/moeder/{meeting}/udgiv/dagsorden";
        var check = await secretariat.GetDocumentAsync(url);
        var warnings = check.QuerySelectorAll(".findings-warn li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains($"«{after}» ligger efter mødet"));
        Assert.Contains(warnings, w => w.Contains("«http://intranet/vejledning» går til et internt værtsnavn uden punktum"));
        var fingerprint = check.QuerySelector("input[name='Fingerprint']")!.GetAttribute("value")!;

        using (var unconfirmed = await secretariat.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["Fingerprint"] = fingerprint, [Browserless.AntiforgeryField] = check.AntiforgeryToken(),
               })))
        {
            Assert.Contains("Bekræft, at du har set advarslerne, før du udgiver.", (await unconfirmed.ReadDocumentAsync()).Text());
        }
        Assert.Equal(0, await app.QueryAsync(db => db.MeetingVersions.CountAsync(v => v.MeetingId == meeting)));

        await secretariat.PublishOkAsync(meeting, "dagsorden");

        var version = await app.QueryAsync(db => db.MeetingVersions.SingleAsync(v => v.MeetingId == meeting));
        Assert.Equal(TestAccounts.SecretariatEmail, version.CreatedBy);
        Assert.StartsWith("Dagsordenen for Forretningsudvalget", version.Confirmation);
        Assert.Contains("4 punkter og 0 offentlige bilag", version.Confirmation);
        Assert.Equal(2, version.ConfirmedWarnings!.Split('\n').Length);
        var editor = await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}");
        Assert.Contains("2 advarsler bekræftet", editor.Text());
        Assert.True(await app.QueryAsync(db => db.AuditLog.AnyAsync(e => e.Action == "Udgivelse" && e.Detail!.Contains($"møde {meeting} ") && e.Detail.Contains("2 advarsler bekræftet"))));
    }

    [Fact]
    public async Task Minutes_of_a_meeting_that_has_not_ended_are_blocked()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meeting = await secretariat.CreateMeetingAsync(Meetings.AuthoringSteps.MeetingForm(await app.BodyIdAsync("Forretningsudvalget"), "Møde i næste måned",
            $"{Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).AddDays(40):yyyy-MM-dd}T09:00", $"{Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).AddDays(40):yyyy-MM-dd}T12:00"));
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        var first = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meeting).OrderBy(i => i.Number).Select(i => i.Id).FirstAsync());
        await app.DecideAllAsync(secretariat, meeting, first, "Godkendt.");

        var check = await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/udgiv/referat");

        Assert.Contains("Mødet er ikke slut endnu", check.QuerySelector(".findings-block")!.TextContent);
        Assert.Null(check.QuerySelector("input[name='Fingerprint']"));
    }

    [Fact]
    public async Task The_confirmation_names_what_goes_public_and_which_closed_items_stay_closed()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med lukket punkt", "Personalesag");
        var form = await secretariat.ItemFormAsync(item);
        form["Input.IsClosed"] = "true";
        using (var saved = await secretariat.SaveItemAsync(item, form)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var open = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meeting && i.Number == 1).Select(i => i.Id).SingleAsync());
        using (var upload = await secretariat.UploadAsync(open, "Referat.pdf", MinimalPdf.Create("Referat fra sidste moede"))) Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);

        var check = await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/udgiv/dagsorden");

        var text = check.Text();
        Assert.Contains("Dagsordenen for Forretningsudvalget", text);
        Assert.Contains("bliver offentligt: 4 punkter og 1 offentligt bilag. Lukkede punkter, hvor kun titlen er offentlig: punkt 4 (Personalesag).", text);
        Assert.Contains("Beslutningerne er ikke med; de udgives med referatet.", text);
        Assert.Equal("Udgiv dagsordenen (4 punkter, 1 bilag)", check.QuerySelector("#udgiv button[type=submit]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_change_made_after_the_check_was_shown_is_not_published_unseen()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde der ændres under kontrollen", "Budget", "Første udgave.");
        var url = $"/sekretariat/moeder/{meeting}/udgiv/dagsorden";
        var check = await secretariat.GetDocumentAsync(url);

        await secretariat.WriteAsync(item, "Input.Background", "Anden udgave med cpr 010190-1234.");
        using var response = await secretariat.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Fingerprint"] = check.QuerySelector("input[name='Fingerprint']")!.GetAttribute("value")!,
            ["ConfirmWarnings"] = "true", [Browserless.AntiforgeryField] = check.AntiforgeryToken(),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("CPR-nummer", (await response.ReadDocumentAsync()).QuerySelector(".findings-block")!.TextContent);
        Assert.Equal(0, await app.QueryAsync(db => db.MeetingVersions.CountAsync(v => v.MeetingId == meeting)));
    }

    [Fact]
    public async Task Members_and_subscribers_are_told_by_email_with_absolute_links_and_a_new_version_only_when_asked()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var body = await app.BodyIdAsync("Forretningsudvalget");
        var subscriber = $"abonnent-{Guid.NewGuid():N}@example.dk";
        var token = $"tok{Guid.NewGuid():N}";
        await app.QueryAsync(async db =>
        {
            db.Subscriptions.Add(new Subscription { Email = subscriber, BodyId = body, Token = token, CreatedAt = DateTime.UtcNow, ConfirmationSentAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde der fortælles om", "Nyheder");

        await secretariat.PublishOkAsync(meeting, "dagsorden");

        var mails = await app.QueryAsync(db => db.Outbox.Where(m => m.Body.Contains($"/moeder/{meeting}")).ToListAsync());
        var toMember = Assert.Single(mails, m => m.To == TestAccounts.MemberEmail);
        Assert.StartsWith("Dagsorden: Forretningsudvalget", toMember.Subject);
        Assert.Matches($@"Læs dagsordenen: https?://[^\s/]+/moeder/{meeting}\n", toMember.Body);
        Assert.Matches($@"Som PDF: https?://[^\s/]+/moeder/{meeting}/pdf\n", toMember.Body);
        Assert.Null(toMember.ListUnsubscribeUrl);
        var toSubscriber = Assert.Single(mails, m => m.To == subscriber);
        Assert.Matches($@"Afmeld med ét klik: https?://[^\s/]+/abonnement/afmeld/{token}", toSubscriber.Body);
        Assert.EndsWith($"/abonnement/afmeld/{token}", toSubscriber.ListUnsubscribeUrl);
        var memberUser = await app.QueryAsync(db => db.Users.Where(u => u.Email == TestAccounts.MemberEmail).Select(u => u.Id).SingleAsync());
        Assert.True(await app.QueryAsync(db => db.Notifications.AnyAsync(n => n.UserId == memberUser && n.Link == $"/moeder/{meeting}")));

        await secretariat.WriteAsync(item, "Input.Background", "En lille rettelse.");
        using (var quiet = await secretariat.PublishAsync(meeting, "ny-version", tell: false)) Assert.Equal(HttpStatusCode.Redirect, quiet.StatusCode);
        Assert.Equal(mails.Count, await app.QueryAsync(db => db.Outbox.CountAsync(m => m.Body.Contains($"/moeder/{meeting}"))));
    }

    [Fact]
    public async Task A_public_request_for_the_pdf_with_attachments_never_makes_it_but_gets_a_danish_page_until_the_job_has()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, _) = await app.HeldMeetingAsync(secretariat, "Møde med bilag-PDF under forberedelse", "Status", "Teksten til dokumentet.");
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        // A node that serves only made PDFs with attachments (the default outside the tests), on the same database.
        await using var node = app.WithWebHostBuilder(b => b.UseSetting("Pdf:ServeMadeOnly", "true"));
        using var reader = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var builds = app.Services.GetRequiredService<PdfMetrics>().Builds + node.Services.GetRequiredService<PdfMetrics>().Builds;

        for (var i = 0; i < 2; i++)
        {
            using var early = await reader.GetAsync($"/moeder/{meeting}/pdf/med-bilag");
            Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
            Assert.Equal("30", early.Headers.RetryAfter?.ToString());
            Assert.Contains("no-store", early.Headers.CacheControl?.ToString());
            var page = await early.ReadDocumentAsync();
            Assert.Equal("PDF med bilag forberedes", page.QuerySelector("h1")?.TextContent);
            Assert.Equal($"/moeder/{meeting}/pdf", page.QuerySelector("main a")?.GetAttribute("href"));
        }
        Assert.Equal(builds, app.Services.GetRequiredService<PdfMetrics>().Builds + node.Services.GetRequiredService<PdfMetrics>().Builds);
        Assert.Equal(1, await app.QueryAsync(db => db.PdfRenderJobs.CountAsync(j => j.MeetingId == meeting)));

        while (await app.Services.GetRequiredService<PdfPrerenderer>().RunDueAsync() > 0) { }

        using var ready = await reader.GetAsync($"/moeder/{meeting}/pdf/med-bilag");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("application/pdf", ready.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_public_pdfs_are_made_in_the_background_at_publication_so_the_first_reader_gets_a_made_one()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, _) = await app.HeldMeetingAsync(secretariat, "Møde med PDF i baggrunden", "Status", "Teksten til dokumentet.");
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        var job = await app.QueryAsync(db => db.PdfRenderJobs.SingleAsync(j => j.MeetingId == meeting));
        Assert.Null(job.DoneAt);

        while (await app.Services.GetRequiredService<PdfPrerenderer>().RunDueAsync() > 0) { }

        Assert.NotNull(await app.QueryAsync(db => db.PdfRenderJobs.Where(j => j.Id == job.Id).Select(j => j.DoneAt).SingleAsync()));
        Assert.Equal(2, await app.QueryAsync(db => db.RenderedPdfs.CountAsync(r => r.MeetingId == meeting)));
        // Both made PDFs wait for their first anonymous reader on the fast path (no database), as later readers' do.
        var map = app.Services.GetRequiredService<PublicPdfMap>();
        Assert.NotNull(await map.TryGetAsync(meeting, PdfVariant.WithoutAttachments));
        Assert.NotNull(await map.TryGetAsync(meeting, PdfVariant.WithAttachments));
        var metrics = app.Services.GetRequiredService<PdfMetrics>();
        var builds = metrics.Builds;
        var (pdf, _) = await app.CreateAnonymousClient().GetPdfAsync($"/moeder/{meeting}/pdf");
        Assert.Contains("Teksten til dokumentet.", PdfReading.AllWords(pdf).Replace("’", "'"));
        Assert.Equal(builds, metrics.Builds);
        Assert.Contains("PDF'erne til den offentlige side (version 1) er lavet.", (await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}")).Text());
    }
}

public sealed class PublicationFlowTestsOnSqlite(SqliteAppFactory app) : PublicationFlowTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PublicationFlowTestsOnPostgres(PostgresAppFactory app) : PublicationFlowTests(app), IClassFixture<PostgresAppFactory>;
