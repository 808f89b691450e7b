using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Meetings;

/// <summary>The secretariat maintains the standard items that new meetings start with.</summary>
public abstract class TemplateTests(AppFactory app)
{
    [Fact]
    public async Task A_new_standard_item_is_offered_to_new_meetings_and_an_empty_title_is_refused()
    {
        var client = await app.SignInAsSecretariatAsync();
        var before = await app.QueryAsync(db => db.ItemTemplates.CountAsync());
        Dictionary<string, string> Form(string title) => new()
        {
            ["Input.Title"] = title, ["Input.Position"] = "Last", ["Input.SortOrder"] = "1",
            ["Input.Background"] = "", ["Input.Recommendation"] = "Det indstilles, at Socialdirektørforum\n\n- tager status til efterretning",
        };

        using var empty = await client.PostFormAsync("/sekretariat/standardpunkter", Form(""), "/sekretariat/standardpunkter?handler=Save");
        Assert.Contains("Skriv en titel på standardpunktet", (await empty.ReadDocumentAsync()).Errors());
        Assert.Equal(before, await app.QueryAsync(db => db.ItemTemplates.CountAsync()));

        using var saved = await client.PostFormAsync("/sekretariat/standardpunkter", Form("Opfølgning på breve"), "/sekretariat/standardpunkter?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var meeting = await client.CreateMeetingAsync(await app.BodyIdAsync("Socialdirektørforum"), "Møde med nyt standardpunkt");
        var titles = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meeting).OrderBy(i => i.Number).Select(i => i.Title).ToListAsync());
        Assert.Equal(["Godkendelse af referat", "Orienteringer", "Opfølgning på breve", "Eventuelt"], titles);
    }
}

public sealed class TemplateTestsOnSqlite(SqliteAppFactory app) : TemplateTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TemplateTestsOnPostgres(PostgresAppFactory app) : TemplateTests(app), IClassFixture<PostgresAppFactory>;
