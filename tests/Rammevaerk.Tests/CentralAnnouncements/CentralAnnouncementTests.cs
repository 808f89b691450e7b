using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.CentralAnnouncements;
using Rammevaerk.Demo;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.CentralAnnouncements;

/// <summary>Central announcements: create and edit, deadline moves kept as history, files, linked items, public pages.</summary>
public abstract class CentralAnnouncementTests(AppFactory app)
{
    private const string ListUrl = "/sekretariat/centrale-udmeldinger";

    private async Task<int> CreateAsync(HttpClient client, string title, string deadline, string status = "Announced")
    {
        using var response = await client.PostFormAsync(ListUrl, new Dictionary<string, string>
        {
            ["NewAnnouncement.Title"] = title, ["NewAnnouncement.TargetGroup"] = "Testmålgruppe",
            ["NewAnnouncement.Request"] = "Styrelsen beder om en redegørelse.", ["NewAnnouncement.SteeringGroup"] = "",
            ["NewAnnouncement.Status"] = status, ["NewAnnouncement.AnnouncedOn"] = "2023-11-22", ["NewAnnouncement.Deadline"] = deadline,
        }, ListUrl + "?handler=Create");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await response.ReadDocumentAsync()).Errors());
        return await app.QueryAsync(db => db.CentralAnnouncements.Where(a => a.Title == title).Select(a => a.Id).SingleAsync());
    }

    private static Task<HttpResponseMessage> AddDeadlineAsync(HttpClient client, int id, string deadline) =>
        client.PostFormAsync($"{ListUrl}/{id}", new Dictionary<string, string>
        {
            ["NewDeadline.Deadline"] = deadline, ["NewDeadline.Note"] = "Udskydelse imødekommet",
        }, $"{ListUrl}/{id}?handler=AddDeadline");

    [Fact]
    public async Task A_moved_deadline_keeps_the_old_one_as_history_and_bad_input_saves_nothing()
    {
        var client = await app.SignInAsSecretariatAsync();
        var title = $"Testudmelding frist {Guid.NewGuid():N}";
        var id = await CreateAsync(client, title, "2024-06-01");

        using var moved = await AddDeadlineAsync(client, id, "2024-12-31");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("1. juni 2024 → 31. december 2024", (await client.GetDocumentAsync($"{ListUrl}/{id}")).Text());
        var publicPage = await app.CreateAnonymousClient().GetDocumentAsync($"/centrale-udmeldinger/{id}");
        Assert.Contains("31. december 2024", publicPage.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("1. juni 2024 → 31. december 2024", publicPage.Text());

        using var badDeadline = await AddDeadlineAsync(client, id, "31.31.2024");
        Assert.Contains("Den nye frist er ikke en gyldig dato", (await badDeadline.ReadDocumentAsync()).Errors());
        using var emptyTitle = await client.PostFormAsync($"{ListUrl}/{id}", new Dictionary<string, string>
        {
            ["Input.Title"] = " ", ["Input.TargetGroup"] = "Ny målgruppe", ["Input.Status"] = "InProgress", ["Input.AnnouncedOn"] = "22-22-2023",
        }, $"{ListUrl}/{id}?handler=Save");
        var errors = (await emptyTitle.ReadDocumentAsync()).Errors();
        Assert.Contains("Skriv en titel.", errors);
        Assert.Contains("Udmeldt den er ikke en gyldig dato", errors);

        var saved = await app.QueryAsync(db => db.CentralAnnouncements.Include(a => a.Deadlines).SingleAsync(a => a.Id == id));
        Assert.Equal(title, saved.Title);
        Assert.Equal("Testmålgruppe", saved.TargetGroup);
        Assert.Equal(AnnouncementStatus.Announced, saved.Status);
        Assert.Equal([new DateOnly(2024, 6, 1), new DateOnly(2024, 12, 31)], AnnouncementText.Ordered(saved.Deadlines).Select(d => d.Deadline));

        using var ok = await client.PostFormAsync($"{ListUrl}/{id}", new Dictionary<string, string>
        {
            ["Input.Title"] = title + " (rettet)", ["Input.TargetGroup"] = "Ny målgruppe", ["Input.Status"] = "InProgress", ["Input.AnnouncedOn"] = "",
        }, $"{ListUrl}/{id}?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(AnnouncementStatus.InProgress, await app.QueryAsync(db => db.CentralAnnouncements.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_list_is_sorted_by_the_current_deadline_and_marks_overdue_ones()
    {
        var client = await app.SignInAsSecretariatAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var late = $"Sortering {tag} sen";
        var overdue = $"Sortering {tag} overskredet";
        var moved = $"Sortering {tag} flyttet";
        await CreateAsync(client, late, "2099-01-01");
        await CreateAsync(client, overdue, "2000-01-01");
        var movedId = await CreateAsync(client, moved, "2000-06-01");
        Assert.Equal(HttpStatusCode.Redirect, (await AddDeadlineAsync(client, movedId, "2099-06-01")).StatusCode);

        foreach (var (reader, url) in new[] { (client, ListUrl), (app.CreateAnonymousClient(), "/centrale-udmeldinger") })
        {
            var rows = (await reader.GetDocumentAsync(url)).QuerySelectorAll("table.announcement-list tbody tr")
                .Select(r => r.TextContent).Where(t => t.Contains(tag)).ToList();
            Assert.Equal(3, rows.Count);
            Assert.Contains(overdue, rows[0]);
            Assert.Contains("Overskredet", rows[0]);
            Assert.Contains(late, rows[1]);
            Assert.Contains(moved, rows[2]);
            Assert.DoesNotContain("Overskredet", rows[2]);
        }
    }

    [Fact]
    public async Task A_report_file_is_type_checked_and_downloadable_from_the_public_page()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await CreateAsync(client, $"Testudmelding filer {Guid.NewGuid():N}", "2030-01-01");

        async Task<HttpResponseMessage> Upload(string name, byte[] bytes)
        {
            var page = await client.GetDocumentAsync($"{ListUrl}/{id}");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(page.AntiforgeryToken()), Browserless.AntiforgeryField },
                { new ByteArrayContent(bytes), "file", name },
            };
            return await client.PostAsync($"{ListUrl}/{id}?handler=Upload", content);
        }

        using var text = await Upload("afrapportering.txt", Encoding.UTF8.GetBytes("ikke en pdf"));
        Assert.Contains("Bilag skal være pdf, docx, xlsx eller pptx", (await text.ReadDocumentAsync()).Errors());
        using var fake = await Upload("afrapportering.pdf", Encoding.UTF8.GetBytes("ikke en pdf"));
        Assert.Contains("men indholdet er ikke en PDF-fil", (await fake.ReadDocumentAsync()).Errors());
        Assert.Equal(0, await app.QueryAsync(db => db.Set<AnnouncementFile>().CountAsync(f => f.AnnouncementId == id)));

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% test\n%%EOF\n");
        using var good = await Upload("Afrapportering 2024.pdf", pdf);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var anonymous = app.CreateAnonymousClient();
        var link = (await anonymous.GetDocumentAsync($"/centrale-udmeldinger/{id}")).QuerySelectorAll("ul.file-list a")
            .Single(a => a.TextContent == "Afrapportering 2024.pdf").GetAttribute("href")!;
        using var download = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Linked_items_show_with_their_meeting_and_link_to_the_public_item()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await CreateAsync(client, $"Testudmelding punkter {Guid.NewGuid():N}", "2030-01-01");
        var item = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.ImportKey == "socialdirektoerforum/2025-06-27T09:00" && i.Number == 18)
            .Select(i => new { i.Id, i.MeetingId, i.Title }).SingleAsync());

        Task<HttpResponseMessage> Link(string value) => client.PostFormAsync($"{ListUrl}/{id}",
            new Dictionary<string, string> { ["chosenItem"] = value }, $"{ListUrl}/{id}?handler=LinkItem");
        using var missing = await Link("");
        Assert.Contains("Vælg et møde og et punkt.", (await missing.ReadDocumentAsync()).Errors());
        using var unknown = await Link("99999999");
        Assert.Contains("Det valgte punkt findes ikke.", (await unknown.ReadDocumentAsync()).Errors());
        Assert.Equal(HttpStatusCode.Redirect, (await Link(item.Id.ToString())).StatusCode);
        using var twice = await Link(item.Id.ToString());
        Assert.Contains("er allerede knyttet til udmeldingen", (await twice.ReadDocumentAsync()).Errors());

        var page = await app.CreateAnonymousClient().GetDocumentAsync($"/centrale-udmeldinger/{id}");
        var a = page.QuerySelectorAll("ul.linked-items a").Single();
        Assert.Equal($"/moeder/{item.MeetingId}#punkt-18", a.GetAttribute("href"));
        Assert.Contains("Socialdirektørforum 27. juni 2025, punkt 18", a.TextContent);
        Assert.Contains(item.Title, a.TextContent);
    }

    [Fact]
    public async Task The_public_pages_show_the_demo_announcement_on_citizens_with_intellectual_disability_and_a_sentence()
    {
        var anonymous = app.CreateAnonymousClient();
        var list = await anonymous.GetDocumentAsync("/centrale-udmeldinger");
        var link = list.QuerySelectorAll("table.announcement-list a").Single(a => a.TextContent == DemoAnnouncements.DisabilityTitle);
        Assert.Contains(list.QuerySelectorAll("table.announcement-list a"), a => a.TextContent == DemoAnnouncements.PregnantTitle);

        var page = await anonymous.GetDocumentAsync(link.GetAttribute("href")!);
        var text = page.Text();
        Assert.Contains("1. juni 2024 → 31. december 2024", text);
        Assert.Contains("Lise Willer", text);
        Assert.Contains("Tommy Neesgård, Vejle Kommune", text);
        Assert.Contains("Maiken Skalborg Schmidt, Esbjerg Kommune", text);
        Assert.Contains("Afrapporteret", text);
        var items = page.QuerySelectorAll("ul.linked-items a").Select(a => a.TextContent).ToList();
        Assert.Contains(items, t => t.StartsWith("Socialdirektørforum 22. marts 2024, punkt 4:") && t.Contains("udviklingshæmning og dom"));
        Assert.Contains(items, t => t.StartsWith("Socialdirektørforum 27. juni 2025, punkt 13:"));
        Assert.Contains(items, t => t.StartsWith("Socialdirektørforum 27. juni 2025, punkt 14:"));
    }

    [Fact]
    public async Task An_announcement_is_deleted_with_its_deadlines_after_a_confirmation()
    {
        var client = await app.SignInAsSecretariatAsync();
        var title = $"Udmelding der slettes {Guid.NewGuid():N}";
        var id = await CreateAsync(client, title, "2030-06-01");
        using (var moved = await AddDeadlineAsync(client, id, "2030-12-31")) Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(2, await app.QueryAsync(db => db.AnnouncementDeadlines.CountAsync(d => d.AnnouncementId == id)));
        var page = await client.GetDocumentAsync($"{ListUrl}/{id}");
        Assert.Contains("Slet den centrale udmelding", page.QuerySelector("form[data-confirm] button.danger")!.ParentElement!.GetAttribute("data-confirm"));

        using (var deleted = await client.PostFormAsync($"{ListUrl}/{id}", new Dictionary<string, string>(), $"{ListUrl}/{id}?handler=Delete"))
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.QueryAsync(db => db.CentralAnnouncements.AnyAsync(a => a.Id == id)));
        Assert.Equal(0, await app.QueryAsync(db => db.AnnouncementDeadlines.CountAsync(d => d.AnnouncementId == id)));
        using var gone = await app.CreateAnonymousClient().GetAsync($"/centrale-udmeldinger/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}

public sealed class CentralAnnouncementTestsOnSqlite(SqliteAppFactory app) : CentralAnnouncementTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CentralAnnouncementTestsOnPostgres(PostgresAppFactory app) : CentralAnnouncementTests(app), IClassFixture<PostgresAppFactory>;
