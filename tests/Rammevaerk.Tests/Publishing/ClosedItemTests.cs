using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Publishing;

/// <summary>
/// Closed items (lukkede punkter) show their title to the public; their text and attachments need the login of a
/// member of the body. Drafts are not public at all. Uses the demo Forretningsudvalget meeting, whose item 3 is closed.
/// </summary>
public abstract class ClosedItemTests(AppFactory app)
{
    private const string ClosedText = "drøftelse af en konkret personalesag";

    private Task<int> MeetingIdAsync() =>
        app.QueryAsync(db => db.Meetings.Where(m => m.Body.Name == "Forretningsudvalget" && m.Title == "Møde i Forretningsudvalget").Select(m => m.Id).SingleAsync());

    private Task<int> ClosedAttachmentIdAsync() =>
        app.QueryAsync(db => db.Attachments.Where(a => a.FileName == "Notat om personalesag.pdf").Select(a => a.Id).SingleAsync());

    [Fact]
    public async Task Public_sees_the_title_of_a_closed_item_but_not_its_text()
    {
        var page = await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{await MeetingIdAsync()}");

        var item = page.QuerySelector("#punkt-3")!;
        Assert.Contains("Personalesag i sekretariatet", item.TextContent);
        Assert.Contains("Lukket punkt", item.TextContent);
        Assert.DoesNotContain(ClosedText, page.Text());
        Assert.DoesNotContain("Notat om personalesag", page.Text());
    }

    [Fact]
    public async Task Member_of_the_body_reads_the_closed_item_and_its_attachment()
    {
        var member = await app.SignInAsMemberAsync();

        var page = await member.GetDocumentAsync($"/moeder/{await MeetingIdAsync()}");
        using var file = await member.GetAsync($"/bilag/{await ClosedAttachmentIdAsync()}/x.pdf");

        Assert.Contains(ClosedText, page.Text());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.StartsWith("%PDF", await file.Content.ReadAsStringAsync());
        Assert.Contains("no-store", file.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Closed_attachment_sends_the_public_to_log_in_and_refuses_other_members()
    {
        var id = await ClosedAttachmentIdAsync();

        using var anonymous = await app.CreateAnonymousClient().GetAsync($"/bilag/{id}/Notat.pdf");
        using var outsider = await (await app.SignInAsOutsiderMemberAsync()).GetAsync($"/bilag/{id}/Notat.pdf");
        var outsiderPage = await (await app.SignInAsOutsiderMemberAsync()).GetDocumentAsync($"/moeder/{await MeetingIdAsync()}");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/konto/log-ind", anonymous.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, outsider.StatusCode);
        Assert.Contains("/konto/ingen-adgang", outsider.Headers.Location!.ToString());
        Assert.DoesNotContain(ClosedText, outsiderPage.Text());
    }

    [Fact]
    public async Task Public_attachment_of_an_open_item_downloads_without_login()
    {
        var id = await app.QueryAsync(db => db.Attachments.Where(a => a.FileName.StartsWith("Udkast til dagsorden")).Select(a => a.Id).SingleAsync());

        using var response = await app.CreateAnonymousClient().GetAsync($"/bilag/{id}/udkast.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Draft_meetings_and_their_attachments_are_not_public()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var draft = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Hemmelig kladde");
        var item = await secretariat.AddItemAsync(app, draft, "Punkt i kladde");
        await secretariat.UploadAsync(item, "kladde.pdf", Rammevaerk.Demo.MinimalPdf.Create("kladde"));
        var attachment = await app.QueryAsync(db => db.Attachments.Where(a => a.AgendaItemId == item).Select(a => a.Id).SingleAsync());
        var anonymous = app.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/moeder/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/bilag/{attachment}/kladde.pdf")).StatusCode);
        Assert.DoesNotContain("Hemmelig kladde", (await anonymous.GetDocumentAsync("/udvalg/forretningsudvalget?aar=2026")).Text());
        Assert.Equal(HttpStatusCode.OK, (await secretariat.GetAsync($"/moeder/{draft}")).StatusCode);
    }

    [Fact]
    public async Task Public_meeting_page_sets_no_cookie_and_is_served_from_the_cache()
    {
        var url = $"/moeder/{await MeetingIdAsync()}";
        var client = app.CreateAnonymousClient();

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.False(first.Headers.Contains("Set-Cookie"), "An anonymous page view must not set cookies (it would defeat the cache).");
        Assert.True(second.Headers.Age is not null, "The second anonymous view should come from the output cache (Age header).");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Public_page_served_from_the_cache_never_leaks_a_members_view()
    {
        var url = $"/moeder/{await MeetingIdAsync()}";
        var member = await app.SignInAsMemberAsync();
        Assert.Contains(ClosedText, (await member.GetDocumentAsync(url)).Text());

        var anonymous = await app.CreateAnonymousClient().GetDocumentAsync(url);

        Assert.DoesNotContain(ClosedText, anonymous.Text());
    }
}

public sealed class ClosedItemTestsOnSqlite(SqliteAppFactory app) : ClosedItemTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ClosedItemTestsOnPostgres(PostgresAppFactory app) : ClosedItemTests(app), IClassFixture<PostgresAppFactory>;
