using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Pdf;

/// <summary>
/// The cached PDFs as content-addressed files: sent like static files (strong ETag = SHA-256, 304, ranges,
/// Last-Modified, public caching for public PDFs only), written again from the table when gone, replaced with a new
/// version, and never a members' PDF for the public.
/// </summary>
public abstract partial class PdfTests
{
    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_public_pdf_is_a_file_named_by_its_sha256_with_that_strong_etag_and_answers_304_and_ranges()
    {
        var id = await app.SeedMeetingIdAsync(2025);
        var url = $"/moeder/{id}/pdf";
        var anonymous = app.CreateAnonymousClient();
        var store = app.Services.GetRequiredService<PdfFileStore>();
        var map = app.Services.GetRequiredService<PublicPdfMap>();

        var (pdf, response) = await anonymous.GetPdfAsync(url);
        var sha = Sha256(pdf);
        Assert.Equal(new EntityTagHeaderValue($"\"{sha}\"", isWeak: false), response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.True(response.Headers.CacheControl.MaxAge > TimeSpan.Zero);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(store.PathFor(sha)));
        // The next anonymous request is answered from the map, before routing and the database.
        Assert.NotNull(await map.TryGetAsync(id, PdfVariant.WithoutAttachments));

        var (again, againResponse) = await anonymous.GetPdfAsync(url);
        Assert.Equal(pdf, again);
        Assert.Equal(response.Headers.ETag, againResponse.Headers.ETag);
        Assert.Equal(response.Content.Headers.ContentDisposition, againResponse.Content.Headers.ContentDisposition);
        Assert.True(againResponse.Headers.CacheControl!.Public);

        using (var conditional = new HttpRequestMessage(HttpMethod.Get, url))
        {
            conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var notModified = await anonymous.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal(response.Headers.ETag, notModified.Headers.ETag);
        }
        using (var other = new HttpRequestMessage(HttpMethod.Get, url))
        {
            other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"" + new string('0', 64) + "\""));
            using var full = await anonymous.SendAsync(other);
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        }
        using (var since = new HttpRequestMessage(HttpMethod.Get, url))
        {
            since.Headers.IfModifiedSince = response.Content.Headers.LastModified;
            using var notModified = await anonymous.SendAsync(since);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
        using (var range = new HttpRequestMessage(HttpMethod.Get, url))
        {
            range.Headers.Range = new RangeHeaderValue(100, 199);
            using var partial = await anonymous.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(pdf[100..200], await partial.Content.ReadAsByteArrayAsync());
        }
        using (var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url)))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(pdf.Length, head.Content.Headers.ContentLength);
        }

        // The table is the source of truth: a file gone from disk is written again from it, not printed again.
        var builds = app.Services.GetRequiredService<PdfMetrics>().Builds;
        File.Delete(store.PathFor(sha));
        var (restored, restoredResponse) = await anonymous.GetPdfAsync(url);
        Assert.Equal(pdf, restored);
        Assert.Equal(response.Headers.ETag, restoredResponse.Headers.ETag);
        Assert.True(File.Exists(store.PathFor(sha)));
        Assert.Equal(builds, app.Services.GetRequiredService<PdfMetrics>().Builds);
    }

    [Theory]
    [InlineData("/pdf")]
    [InlineData("/pdf/med-bilag")]
    public async Task Closed_items_never_reach_the_public_through_the_pdf_files(string suffix)
    {
        var id = await app.ForretningsudvalgetMeetingIdAsync();
        var url = $"/moeder/{id}{suffix}";
        var variant = suffix == "/pdf" ? PdfVariant.WithoutAttachments : PdfVariant.WithAttachments;
        var member = await app.SignInAsMemberAsync();
        var anonymous = app.CreateAnonymousClient();
        var map = app.Services.GetRequiredService<PublicPdfMap>();

        // The members' PDF (closed item's text) is made first and is a file too.
        var (membersPdf, membersResponse) = await member.GetPdfAsync(url);
        Assert.Contains(ClosedText, PdfText.Extract(membersPdf));
        Assert.False(membersResponse.Headers.CacheControl!.Public);
        Assert.True(membersResponse.Headers.CacheControl.NoStore);
        Assert.True(membersResponse.Headers.CacheControl.Private);
        Assert.NotEqual(membersResponse.Headers.ETag!.Tag, (await map.TryGetAsync(id, variant))?.File.ETag);

        // The public gets the public PDF, made by the endpoint and then from the map: never the members' file.
        for (var round = 0; round < 3; round++)
        {
            var (pdf, response) = await anonymous.GetPdfAsync(url);
            Assert.DoesNotContain(ClosedText, PdfText.Extract(pdf));
            Assert.DoesNotContain("Fortroligt", PdfReading.AllWords(pdf));
            Assert.NotEqual(membersResponse.Headers.ETag, response.Headers.ETag);
            Assert.Equal(Sha256(pdf), response.Headers.ETag!.Tag.Trim('"'));
            var entry = await map.TryGetAsync(id, variant);
            Assert.NotNull(entry);
            Assert.DoesNotContain(ClosedText, PdfText.Extract(await File.ReadAllBytesAsync(entry.File.Path)));
        }

        // The members' ETag earns the public no 304 (nor any sign of the members' PDF): the public bytes.
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, url))
        {
            conditional.Headers.IfNoneMatch.Add(membersResponse.Headers.ETag!);
            using var answer = await anonymous.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.DoesNotContain(ClosedText, PdfText.Extract(await answer.Content.ReadAsByteArrayAsync()));
        }

        // With the public file in the map, a signed-in member still gets the members' PDF (checked per request).
        var (membersAgain, membersAgainResponse) = await member.GetPdfAsync(url);
        Assert.Equal(membersPdf, membersAgain);
        Assert.Equal(membersResponse.Headers.ETag, membersAgainResponse.Headers.ETag);
    }

    [Fact]
    public async Task After_a_change_the_public_gets_the_new_pdf_and_the_old_file_is_deleted()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meetingId = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Socialdirektørforum"), "Møde til PDF-filer");
        var item = await secretariat.AddItemAsync(app, meetingId, "Punkt der ændres offentligt");
        using (var published = await secretariat.MeetingActionAsync(meetingId, "PublishAgenda")) Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var url = $"/moeder/{meetingId}/pdf";
        var anonymous = app.CreateAnonymousClient();
        var store = app.Services.GetRequiredService<PdfFileStore>();

        var (before, beforeResponse) = await anonymous.GetPdfAsync(url);
        await anonymous.GetPdfAsync(url); // now from the map
        var oldFile = store.PathFor(Sha256(before));
        Assert.True(File.Exists(oldFile));

        var fields = await secretariat.ItemFormAsync(item);
        fields["Input.Background"] = "Baggrund ændret efter udgivelsen: æbleskiver på Ærø.";
        using (var saved = await secretariat.SaveItemAsync(item, fields)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using (var republished = await secretariat.MeetingActionAsync(meetingId, "PublishNewVersion")) Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);

        var (after, afterResponse) = await anonymous.GetPdfAsync(url);
        Assert.NotEqual(beforeResponse.Headers.ETag, afterResponse.Headers.ETag);
        Assert.Contains("Baggrund ændret efter udgivelsen: æbleskiver på Ærø.", PdfText.Extract(after));
        Assert.True(File.Exists(store.PathFor(Sha256(after))));
        Assert.False(File.Exists(oldFile), "the replaced version's file is deleted");
    }
}
