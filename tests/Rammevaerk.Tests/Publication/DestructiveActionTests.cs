using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Demo;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Publication;

/// <summary>
/// Issue 12, item 6: deleting a draft meeting, an item, an attachment or a user asks first (a page that names what goes)
/// and is recorded in the security log; published minutes are never deleted: a withdrawn meeting keeps its versions.
/// </summary>
public abstract class DestructiveActionTests(AppFactory app)
{
    private Task<bool> LoggedAsync(string action, string detail) =>
        app.QueryAsync(db => db.AuditLog.AnyAsync(e => e.Action == action && e.Detail!.Contains(detail) && e.UserName == TestAccounts.SecretariatEmail));

    [Fact]
    public async Task Deleting_a_draft_meeting_asks_first_names_what_goes_and_is_recorded()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meeting = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Kladde der skal slettes");

        var ask = await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/slet");
        Assert.Contains("Slet kladden «Kladde der skal slettes»?", ask.QuerySelector("h1")!.TextContent);
        Assert.Contains("3 punkter", ask.Text());
        Assert.True(await app.QueryAsync(db => db.Meetings.AnyAsync(m => m.Id == meeting)));

        using var deleted = await secretariat.PostFormAsync($"/sekretariat/moeder/{meeting}/slet", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Meetings.AnyAsync(m => m.Id == meeting)));
        Assert.True(await LoggedAsync("Sletning af mødekladde", $"møde {meeting})"));
    }

    [Fact]
    public async Task A_published_meeting_is_never_deleted_it_is_withdrawn_and_keeps_its_versions()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var anonymous = app.CreateAnonymousClient();
        var (meeting, _) = await app.HeldMeetingAsync(secretariat, "Møde der aflyses", "Aflyst punkt");
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/moeder/{meeting}")).StatusCode);

        using (var refused = await secretariat.PostFormAsync($"/sekretariat/moeder/{meeting}/slet", new Dictionary<string, string>()))
            Assert.Contains("Mødet kan ikke slettes", (await refused.ReadDocumentAsync()).Text());
        using (var noReason = await secretariat.PostFormAsync($"/sekretariat/moeder/{meeting}/tilbagetraek", new Dictionary<string, string> { ["Reason"] = " " }))
            Assert.Contains("Skriv hvorfor mødet trækkes tilbage", (await noReason.ReadDocumentAsync()).Errors());
        using (var withdrawn = await secretariat.PostFormAsync($"/sekretariat/moeder/{meeting}/tilbagetraek", new Dictionary<string, string> { ["Reason"] = "Mødet er aflyst." }))
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/moeder/{meeting}?efter=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/oparl/v1.1/meeting/{meeting}")).StatusCode);
        Assert.DoesNotContain("Møde der aflyses", await anonymous.GetStringAsync("/feeds/atom/forretningsudvalget.xml"));
        Assert.True(await app.QueryAsync(db => db.Meetings.AnyAsync(m => m.Id == meeting)));
        Assert.Equal(1, await app.QueryAsync(db => db.MeetingVersions.CountAsync(v => v.MeetingId == meeting)));
        Assert.Contains("Aflyst punkt", (await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/versioner/1")).Text());
        Assert.Contains("Mødet er aflyst.", (await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}")).Text());
        Assert.True(await LoggedAsync("Tilbagetrækning af møde", "Mødet er aflyst."));
        // Once published, never hard-deleted, not even as a draft again.
        using (var stillRefused = await secretariat.PostFormAsync($"/sekretariat/moeder/{meeting}/slet", new Dictionary<string, string>()))
            Assert.Contains("Mødet kan ikke slettes", (await stillRefused.ReadDocumentAsync()).Text());
    }

    [Fact]
    public async Task Removing_a_published_item_and_attachment_keeps_them_for_the_versions_and_asks_first()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var anonymous = app.CreateAnonymousClient();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med punkt der udgår", "Punkt der udgår", "Teksten om punktet.");
        using (var upload = await secretariat.UploadAsync(item, "Bilag der udgår.pdf", MinimalPdf.Create("Bilaget"))) Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var attachment = await app.QueryAsync(db => db.Attachments.Where(a => a.AgendaItemId == item).Select(a => a.Id).SingleAsync());
        await secretariat.PublishOkAsync(meeting, "dagsorden");

        var ask = await secretariat.GetDocumentAsync($"/sekretariat/bilag/{attachment}/slet");
        Assert.Contains("Fjern bilaget «Bilag der udgår.pdf»?", ask.Text());
        Assert.Contains("Filen gemmes med de udgivne versioner", ask.Text());
        using (var removed = await secretariat.PostFormAsync($"/sekretariat/bilag/{attachment}/slet", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        // Still public until a new version is published, and kept after it for the archive.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/bilag/{attachment}/x.pdf")).StatusCode);
        Assert.True(await LoggedAsync("Sletning af bilag", $"bilag-id {attachment}"));

        using (var removedItem = await secretariat.MeetingActionAsync(meeting, "DeleteItem", new() { ["itemId"] = item.ToString() }))
            Assert.Equal(HttpStatusCode.Redirect, removedItem.StatusCode);
        Assert.Contains("Teksten om punktet.", (await anonymous.GetDocumentAsync($"/moeder/{meeting}")).Text());
        await secretariat.PublishOkAsync(meeting, "ny-version");

        Assert.DoesNotContain("Teksten om punktet.", (await anonymous.GetDocumentAsync($"/moeder/{meeting}?v=2")).Text());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/bilag/{attachment}/x.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.GetAsync($"/bilag/{attachment}/x.pdf")).StatusCode);
        Assert.Contains("Teksten om punktet.", (await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/versioner/1")).Text());
        Assert.True(await app.QueryAsync(db => db.AgendaItems.IgnoreQueryFilters().AnyAsync(i => i.Id == item && i.RemovedAt != null)));
        Assert.True(await LoggedAsync("Sletning af punkt", $"punkt-id {item}"));
    }

    [Fact]
    public async Task A_removed_attachment_of_an_item_that_stays_is_gone_from_the_working_copy_and_the_next_version()
    {
        // Only the attachment goes: the item's own filter cannot hide it, the attachment's must (decision 0013's
        // compiled models carry both filters; Data/CompiledModels/QueryFilters.cs).
        var secretariat = await app.SignInAsSecretariatAsync();
        var anonymous = app.CreateAnonymousClient();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med bilag der udgår", "Punkt der bliver", "Punktets tekst bliver.");
        using (var upload = await secretariat.UploadAsync(item, "Bilag der alene udgår.pdf", MinimalPdf.Create("Bilaget"))) Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var attachment = await app.QueryAsync(db => db.Attachments.Where(a => a.AgendaItemId == item).Select(a => a.Id).SingleAsync());
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        Assert.Contains("Bilag der alene udgår", (await anonymous.GetDocumentAsync($"/moeder/{meeting}")).Text());

        using (var removed = await secretariat.PostFormAsync($"/sekretariat/bilag/{attachment}/slet", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        // The item's page lists its attachments by their links; a removed one has none (the message about it may stand).
        var itemPage = await secretariat.GetDocumentAsync($"/sekretariat/punkter/{item}");
        Assert.DoesNotContain(itemPage.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains($"/bilag/{attachment}"));
        Assert.False(await app.QueryAsync(db => db.Attachments.AnyAsync(a => a.Id == attachment)));
        Assert.True(await app.QueryAsync(db => db.Attachments.IgnoreQueryFilters().AnyAsync(a => a.Id == attachment && a.RemovedAt != null)));
        await secretariat.PublishOkAsync(meeting, "ny-version");

        var page = (await anonymous.GetDocumentAsync($"/moeder/{meeting}")).Text();
        Assert.Contains("Punktets tekst bliver.", page);
        Assert.DoesNotContain("Bilag der alene udgår", page);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/bilag/{attachment}/x.pdf")).StatusCode);
        Assert.Contains("Bilag der alene udgår", (await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/versioner/1")).Text());
    }

    [Fact]
    public async Task Removing_an_item_of_a_draft_deletes_it_after_asking()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meeting = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Kladde med punkt der fjernes");
        var item = await secretariat.AddItemAsync(app, meeting, "Overflødigt punkt");

        Assert.Contains("Punktet og dets bilag slettes", (await secretariat.GetDocumentAsync($"/sekretariat/punkter/{item}/slet")).Text());
        using (var removed = await secretariat.PostFormAsync($"/sekretariat/punkter/{item}/slet", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        Assert.False(await app.QueryAsync(db => db.AgendaItems.IgnoreQueryFilters().AnyAsync(i => i.Id == item)));
    }
}

public sealed class DestructiveActionTestsOnSqlite(SqliteAppFactory app) : DestructiveActionTests(app), IClassFixture<SqliteAppFactory>;

public sealed class DestructiveActionTestsOnPostgres(PostgresAppFactory app) : DestructiveActionTests(app), IClassFixture<PostgresAppFactory>;
