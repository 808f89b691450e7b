using System.Net;
using Microsoft.AspNetCore.Hosting;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Pdf;

/// <summary>The app on SQLite with Pdf:Chromium pointing at nothing, as on a machine without the chromium package.</summary>
public sealed class AppWithoutChromium() : AppFactory(TestDatabase.CreateSqlite())
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Pdf:Chromium", "/nonexistent/chromium");
    }
}

/// <summary>Without Chromium a PDF request gets a Danish 503 page naming the package, never a stack trace.</summary>
public sealed class ChromiumMissingTests(AppWithoutChromium app) : IClassFixture<AppWithoutChromium>
{
    [Theory]
    [InlineData("/pdf")]
    [InlineData("/pdf/med-bilag")]
    public async Task A_pdf_request_without_chromium_answers_500_with_a_Danish_page(string suffix)
    {
        var id = await app.SeedMeetingIdAsync(2025);

        using var response = await app.CreateAnonymousClient().GetAsync($"/moeder/{id}{suffix}");

        // Not 503, which nginx counts against the node (only the request gate refuses with 503).
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("PDF-generering kræver Debian-pakken chromium", page.Text());
        Assert.Contains("apt-get install chromium", page.Text());
        Assert.DoesNotContain("Exception", page.Text());
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }
}
