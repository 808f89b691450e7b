using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Pdf;

/// <summary>
/// Nodes that do not print (Pdf:PrintOnThisNode false, as deploy/production.env.example sets them): a PDF not made yet
/// is asked of the PDF worker through a job in the database, the reader gets a Danish "being prepared" page, and once
/// the worker (here: the test's own app, which prints, on the same database) has made it the node serves it. The node
/// itself never starts Chromium or builds a PDF.
/// </summary>
public abstract class PdfWorkerTests(AppFactory app)
{
    private const string ClosedText = "drøftelse af en konkret personalesag";

    private WebApplicationFactory<Program> NodeWithoutPrinting() =>
        app.WithWebHostBuilder(b => b.UseSetting("Pdf:PrintOnThisNode", "false").UseSetting("Rammevaerk:NodeName", "node-uden-pdf"));

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> node, string email, string password)
    {
        var client = AppFactory.CreateClientOf(node);
        using var response = await AppFactory.SubmitSignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The worker's turn: every job that is due is made, as the PDF worker's background loop does.</summary>
    private async Task WorkerRunsAsync()
    {
        while (await app.Services.GetRequiredService<PdfPrerenderer>().RunDueAsync() > 0) { }
    }

    private static async Task AssertPreparingAsync(HttpClient client, string url, string heading)
    {
        using var response = await client.GetAsync(url);
        // Not 503: nginx would count it against the node and try the other (deploy/nginx/rammevaerk.conf).
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var page = await response.ReadDocumentAsync();
        Assert.Equal(heading, page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector($"main a[href='{url}']"));
    }

    [Fact]
    public async Task A_members_pdf_not_made_yet_is_asked_of_the_worker_once_and_served_by_the_node_when_made()
    {
        var id = await app.ForretningsudvalgetMeetingIdAsync();
        await using var node = NodeWithoutPrinting();
        var member = await SignInAsync(node, TestAccounts.MemberEmail, TestAccounts.MemberPassword);
        var url = $"/moeder/{id}/pdf/med-bilag";

        await AssertPreparingAsync(member, url, "PDF med bilag forberedes");
        await AssertPreparingAsync(member, url, "PDF med bilag forberedes");

        var job = await app.QueryAsync(db => db.PdfRenderJobs.SingleAsync(j => j.MeetingId == id && j.Audience == PdfAudience.Members && j.Variant == PdfVariant.WithAttachments));
        var publicStamp = await app.QueryAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Public!.Stamp).SingleAsync());
        Assert.Equal(publicStamp, job.Stamp);
        Assert.Null(job.DoneAt);
        Assert.Equal(0, node.Services.GetRequiredService<PdfMetrics>().Builds);

        // No instance has taken it for minutes (the worker is down): the reader is told so, not "a few seconds".
        var longAgo = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddMinutes(-5);
        await app.QueryAsync(db => db.PdfRenderJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.CreatedAt, longAgo)));
        using (var stalled = await member.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Accepted, stalled.StatusCode);
            Assert.Equal("60", stalled.Headers.RetryAfter?.ToString());
            Assert.Contains("tjenesten, der laver PDF-filerne, er ikke i gang", (await stalled.ReadDocumentAsync()).QuerySelector("main")!.TextContent);
        }
        Assert.Equal(1, await app.QueryAsync(db => db.PdfRenderJobs.CountAsync(j => j.MeetingId == id && j.Audience == PdfAudience.Members && j.Variant == PdfVariant.WithAttachments)));
        Assert.False(node.Services.GetRequiredService<ChromiumPrinter>().IsRunning);

        await WorkerRunsAsync();

        var (pdf, response) = await member.GetPdfAsync(url);
        Assert.Contains(ClosedText, PdfText.Extract(pdf));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(0, node.Services.GetRequiredService<PdfMetrics>().Builds);
        Assert.False(node.Services.GetRequiredService<ChromiumPrinter>().IsRunning);
        Assert.NotNull(await app.QueryAsync(db => db.PdfRenderJobs.Where(j => j.Id == job.Id).Select(j => j.DoneAt).SingleAsync()));

        // An anonymous reader never gets the members' PDF made for that job: theirs is the public one, asked for apart.
        var anonymous = AppFactory.CreateClientOf(node);
        using (var early = await anonymous.GetAsync($"/moeder/{id}/pdf"))
        {
            if (early.StatusCode == HttpStatusCode.Accepted) await WorkerRunsAsync();
        }
        var (publicPdf, _) = await anonymous.GetPdfAsync($"/moeder/{id}/pdf");
        var text = PdfText.Extract(publicPdf);
        Assert.Contains("Lukket punkt", text);
        Assert.DoesNotContain(ClosedText, text);
    }

    [Fact]
    public async Task The_secretariats_draft_preview_is_made_by_the_worker_and_a_changed_draft_is_asked_for_again()
    {
        await using var node = NodeWithoutPrinting();
        var secretariat = await SignInAsync(node, TestAccounts.SecretariatEmail, TestAccounts.SecretariatPassword);
        var meeting = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Udkast der forhåndsvises af PDF-tjenesten");
        await secretariat.AddItemAsync(app, meeting, "Første punkt i forhåndsvisningen");
        var url = $"/moeder/{meeting}/pdf";

        await AssertPreparingAsync(secretariat, url, "PDF forberedes");
        var first = await app.QueryAsync(db => db.PdfRenderJobs.SingleAsync(j => j.MeetingId == meeting));
        Assert.Equal(PdfAudience.Draft, first.Audience);
        Assert.Equal(0, first.Version);
        await WorkerRunsAsync();
        var (pdf, _) = await secretariat.GetPdfAsync(url);
        Assert.Contains("Første punkt i forhåndsvisningen", PdfText.Extract(pdf));
        Assert.DoesNotContain("Et punkt tilføjet efter forhåndsvisningen", PdfText.Extract(pdf));

        // The draft changes: the PDF made for the copy before is not served as this one's.
        await secretariat.AddItemAsync(app, meeting, "Et punkt tilføjet efter forhåndsvisningen");
        await AssertPreparingAsync(secretariat, url, "PDF forberedes");
        Assert.Equal(2, await app.QueryAsync(db => db.PdfRenderJobs.CountAsync(j => j.MeetingId == meeting)));
        await WorkerRunsAsync();
        var (changed, _) = await secretariat.GetPdfAsync(url);
        Assert.Contains("Et punkt tilføjet efter forhåndsvisningen", PdfText.Extract(changed));
        Assert.Equal(0, node.Services.GetRequiredService<PdfMetrics>().Builds);
    }

    [Fact]
    public async Task A_pdf_the_worker_gave_up_on_gets_a_danish_page_and_the_printed_html_is_not_made_on_the_node()
    {
        var id = await app.ForretningsudvalgetMeetingIdAsync();
        await using var node = NodeWithoutPrinting();
        var member = await SignInAsync(node, TestAccounts.MemberEmail, TestAccounts.MemberPassword);
        var url = $"/moeder/{id}/pdf";
        await AssertPreparingAsync(member, url, "PDF forberedes");
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        Task<int> JobIs(int attempts, DateTime? claimedUntil) => app.QueryAsync(db => db.PdfRenderJobs
            .Where(j => j.MeetingId == id && j.Audience == PdfAudience.Members && j.Variant == PdfVariant.WithoutAttachments)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Attempts, attempts).SetProperty(j => j.ClaimedBy, "node-p")
                .SetProperty(j => j.ClaimedUntil, claimedUntil).SetProperty(j => j.LastError, "TimeoutException: prøvet")));

        // A worker took it and died: its claim ran out minutes ago and nobody took it over. No instance prints.
        await JobIs(1, now - TimeSpan.FromMinutes(3));
        using (var orphaned = await member.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Accepted, orphaned.StatusCode);
            Assert.Equal("60", orphaned.Headers.RetryAfter?.ToString());
            Assert.Contains("er ikke i gang lige nu", (await orphaned.ReadDocumentAsync()).QuerySelector("main")!.TextContent);
        }
        // An attempt failed and the next is due in 16 minutes: the reader is told when, not "a few seconds".
        await JobIs(1, now + TimeSpan.FromMinutes(16));
        using (var retrying = await member.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Accepted, retrying.StatusCode);
            Assert.True(retrying.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10), retrying.Headers.RetryAfter?.ToString());
            var text = (await retrying.ReadDocumentAsync()).QuerySelector("main")!.TextContent;
            Assert.Contains("Et forsøg på at lave PDF-filen mislykkedes. Den bliver prøvet igen kl. ", text);
            Assert.DoesNotContain("TimeoutException", text);
        }

        // The last attempt, still running (its claim renewed within a lease): still being made, not failed.
        await JobIs(PdfPrerenderer.MaxAttempts, now + PdfPrerenderer.Lease / 2);
        await AssertPreparingAsync(member, url, "PDF forberedes");
        // It failed too: the claim was moved to a retry that will not come.
        await JobIs(PdfPrerenderer.MaxAttempts, now + TimeSpan.FromMinutes(64));

        using (var failed = await member.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            Assert.Null(failed.Headers.RetryAfter);
            var page = await failed.ReadDocumentAsync();
            Assert.Equal("PDF'en kunne ikke laves", page.QuerySelector("h1")?.TextContent);
            Assert.DoesNotContain("TimeoutException", page.Body!.TextContent);
        }
        // Asking again does not start it over: a job that failed for good stays failed until the version changes.
        Assert.Equal(1, await app.QueryAsync(db => db.PdfRenderJobs.CountAsync(j => j.MeetingId == id && j.Audience == PdfAudience.Members && j.Variant == PdfVariant.WithoutAttachments)));

        var secretariat = await SignInAsync(node, TestAccounts.SecretariatEmail, TestAccounts.SecretariatPassword);
        using var html = await secretariat.GetAsync($"/moeder/{id}/pdf/html");
        Assert.Equal(HttpStatusCode.NotImplemented, html.StatusCode);
        Assert.Equal("HTML'en til PDF laves af PDF-tjenesten", (await html.ReadDocumentAsync()).QuerySelector("h1")?.TextContent);
        Assert.Equal(0, node.Services.GetRequiredService<PdfMetrics>().Builds);
        Assert.False(node.Services.GetRequiredService<ChromiumPrinter>().IsRunning);
    }
}

public sealed class PdfWorkerTestsOnSqlite(SqliteAppFactory app) : PdfWorkerTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PdfWorkerTestsOnPostgres(PostgresAppFactory app) : PdfWorkerTests(app), IClassFixture<PostgresAppFactory>;
