using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Meetings;

/// <summary>The upload page imports archived minutes; the same minutes twice update one meeting.</summary>
public abstract class ImportTests(AppFactory app)
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] bytes, string? bodyId = null)
    {
        var page = await client.GetDocumentAsync("/sekretariat/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), Browserless.AntiforgeryField },
            { new ByteArrayContent(bytes), "file", fileName },
            { new StringContent(bodyId ?? ""), "BodyId" },
        };
        return await client.PostAsync("/sekretariat/import", content);
    }

    [Fact]
    public async Task Reimporting_the_same_minutes_updates_the_meeting_instead_of_duplicating_it()
    {
        var client = await app.SignInAsSecretariatAsync();
        var seed = Encoding.UTF8.GetBytes(SeedFiles.Read("001"));
        var before = await app.QueryAsync(db => db.Meetings.CountAsync());

        using var response = await UploadAsync(client, "referat.txt", seed);

        var page = await response.ReadDocumentAsync();
        Assert.True(page.Text().Contains("Mødet er opdateret"), page.Errors() + page.QuerySelector("main")?.TextContent);
        Assert.Contains("21 punkter", page.Text());
        Assert.Equal(before, await app.QueryAsync(db => db.Meetings.CountAsync()));
        var meeting = await app.QueryAsync(db => db.Meetings.Include(m => m.Items).SingleAsync(m => m.ImportKey == "socialdirektoerforum/2025-06-27T09:00"));
        Assert.Equal(21, meeting.Items.Count);
        Assert.True(meeting.Version >= 2);
    }

    [Fact]
    public async Task Imported_attachments_are_entries_marked_as_missing_files()
    {
        var names = await app.QueryAsync(db => db.Attachments
            .Where(a => a.AgendaItem.Meeting.ImportKey == "socialdirektoerforum/2024-03-22T09:00" && a.AgendaItem.Number == 3)
            .OrderBy(a => a.SortOrder).Select(a => new { a.FileName, a.IsMissing }).ToListAsync());

        Assert.Equal(3, names.Count);
        Assert.Equal("Notat vedrørende økonomiske handlemuligheder til udvidelse af botilbudskapaciteten.pdf", names[0].FileName);
        Assert.All(names, n => Assert.True(n.IsMissing));
    }

    [Fact]
    public async Task Text_in_neither_layout_is_refused_with_a_Danish_message()
    {
        var client = await app.SignInAsSecretariatAsync();
        var before = await app.QueryAsync(db => db.Meetings.CountAsync());

        using var response = await UploadAsync(client, "noter.txt", "Indkøbsliste\n\nmælk\nbrød\n"u8.ToArray());

        Assert.Contains("ligner hverken et referat i PDF-form", (await response.ReadDocumentAsync()).Errors());
        Assert.Equal(before, await app.QueryAsync(db => db.Meetings.CountAsync()));
    }

    [Theory]
    [InlineData("referat.pdf", "%PDF-1.4 binær", "PDF-filen er ødelagt")]
    [InlineData("referat.docx", "PK\u0003\u0004", "er en Office-fil")]
    [InlineData("referat.txt", "latin1", "ikke gemt som UTF-8")]
    public async Task Files_that_are_not_UTF8_text_are_refused(string name, string content, string message)
    {
        var client = await app.SignInAsSecretariatAsync();
        var bytes = content == "latin1" ? Encoding.Latin1.GetBytes("REFERAT Socialdirektørforum d. 22-03-2024\nMødested Rådhus") : Encoding.UTF8.GetBytes(content);

        using var response = await UploadAsync(client, name, bytes);

        Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
    }

    [Fact]
    public async Task Minutes_of_an_unknown_body_are_refused_unless_a_body_is_chosen()
    {
        var client = await app.SignInAsSecretariatAsync();
        var text = SeedFiles.Read("000").Replace("Socialdirektørforum", "Sundhedsdirektørkredsen");

        using var refused = await UploadAsync(client, "sundhed.txt", Encoding.UTF8.GetBytes(text));
        Assert.Contains("Udvalget 'Sundhedsdirektørkredsen' fra teksten findes ikke", (await refused.ReadDocumentAsync()).Errors());

        var strategic = await app.BodyIdAsync("Strategisk arbejdsgruppe");
        using var accepted = await UploadAsync(client, "sundhed.txt", Encoding.UTF8.GetBytes(text), strategic.ToString());
        Assert.Contains("Mødet er oprettet", (await accepted.ReadDocumentAsync()).Text());
        Assert.True(await app.QueryAsync(db => db.Meetings.AnyAsync(m => m.BodyId == strategic && m.Items.Count == 11)));
    }
}

public sealed class ImportTestsOnSqlite(SqliteAppFactory app) : ImportTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ImportTestsOnPostgres(PostgresAppFactory app) : ImportTests(app), IClassFixture<PostgresAppFactory>;
