using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Bodies;

/// <summary>The secretariat keeps bodies, persons and memberships; the public sees who sits where.</summary>
public abstract class BodiesAdminTests(AppFactory app)
{
    private static Task<HttpResponseMessage> CreateBodyAsync(HttpClient client, string name, string kind = "WorkingGroup") =>
        client.PostFormAsync("/sekretariat/udvalg", new Dictionary<string, string>
        {
            ["NewBody.Name"] = name, ["NewBody.ShortName"] = "", ["NewBody.Kind"] = kind, ["NewBody.Description"] = "Arbejdsgruppe til test.",
        }, "/sekretariat/udvalg?handler=CreateBody");

    /// <summary>A new body of the given name and the id of Grethe H. Nielsen, whom the tests make a member.</summary>
    private async Task<(HttpClient Client, int Body, int Person)> BodyAndPersonAsync(string name)
    {
        var client = await app.SignInAsSecretariatAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await CreateBodyAsync(client, name)).StatusCode);
        var body = await app.BodyIdAsync(name);
        var person = await app.QueryAsync(db => db.Persons.Where(p => p.Name == "Grethe H. Nielsen").Select(p => p.Id).SingleAsync());
        return (client, body, person);
    }

    private static Dictionary<string, string> MembershipForm(int person, string role, string from, string to) => new()
    {
        ["NewMembership.Person"] = person.ToString(), ["NewMembership.Role"] = role, ["NewMembership.From"] = from, ["NewMembership.To"] = to,
    };

    [Fact]
    public async Task New_body_gets_a_public_page_and_a_duplicate_name_is_refused()
    {
        var client = await app.SignInAsSecretariatAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await CreateBodyAsync(client, "Arbejdsgruppe for strategi for botilbud")).StatusCode);
        using var duplicate = await CreateBodyAsync(client, "ARBEJDSGRUPPE FOR STRATEGI FOR BOTILBUD");

        Assert.Contains("Der findes allerede et udvalg med navnet", (await duplicate.ReadDocumentAsync()).Errors());
        var page = await app.CreateAnonymousClient().GetDocumentAsync("/udvalg/arbejdsgruppe-for-strategi-for-botilbud");
        Assert.Equal("Arbejdsgruppe for strategi for botilbud", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(1, await app.QueryAsync(db => db.Bodies.CountAsync(b => b.Slug.StartsWith("arbejdsgruppe-for-strategi"))));
    }

    [Fact]
    public async Task Membership_with_a_role_and_period_shows_publicly_and_a_reversed_period_is_refused()
    {
        var (client, body, person) = await BodyAndPersonAsync("Testgruppe for medlemskaber");
        Dictionary<string, string> Form(string from, string to) => MembershipForm(person, "ViceChair", from, to);

        using var reversed = await client.PostFormAsync($"/sekretariat/udvalg/{body}", Form("2026-03-01", "2026-01-01"), $"/sekretariat/udvalg/{body}?handler=AddMembership");
        Assert.Contains("Til-datoen ligger før fra-datoen", (await reversed.ReadDocumentAsync()).Errors());
        Assert.Equal(0, await app.QueryAsync(db => db.Memberships.CountAsync(m => m.BodyId == body)));

        using var ok = await client.PostFormAsync($"/sekretariat/udvalg/{body}", Form("2025-01-01", ""), $"/sekretariat/udvalg/{body}?handler=AddMembership");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = await app.CreateAnonymousClient().GetDocumentAsync("/udvalg/testgruppe-for-medlemskaber");
        var row = page.QuerySelectorAll("table tr").Single(r => r.TextContent.Contains("Grethe H. Nielsen"));
        Assert.Contains("Næstformand", row.TextContent);
        Assert.Contains("Tønder", row.TextContent);
    }

    [Fact]
    public async Task Ending_a_membership_with_a_bad_date_shows_the_error_under_that_date()
    {
        var (client, body, person) = await BodyAndPersonAsync("Testgruppe for afsluttede medlemskaber");
        using (var added = await client.PostFormAsync($"/sekretariat/udvalg/{body}", MembershipForm(person, "Member", "2025-01-01", ""), $"/sekretariat/udvalg/{body}?handler=AddMembership"))
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var membership = await app.QueryAsync(db => db.Memberships.Where(m => m.BodyId == body).Select(m => m.Id).SingleAsync());

        using var refused = await client.PostFormAsync($"/sekretariat/udvalg/{body}", new Dictionary<string, string>
        {
            ["membershipId"] = membership.ToString(), ["endDate"] = "2024-06-30",
        }, $"/sekretariat/udvalg/{body}?handler=EndMembership");
        var page = await refused.ReadDocumentAsync();
        var date = page.QuerySelector($"#EndDate_{membership}")!;
        var error = page.QuerySelector($"#EndDate_{membership}-error")!;
        Assert.Equal("Til-datoen ligger før fra-datoen.", error.TextContent.Trim());
        Assert.Equal("true", date.GetAttribute("aria-invalid"));
        Assert.Contains($"EndDate_{membership}-error", date.GetAttribute("aria-describedby")!.Split(' '));
        // In the date's own wrapper, right under it, with its label.
        Assert.Same(date.ParentElement, error.ParentElement);
        Assert.Equal("field", date.ParentElement!.ClassName);
        Assert.NotNull(date.ParentElement.QuerySelector($"label[for='EndDate_{membership}']"));
        Assert.Equal("2024-06-30", date.GetAttribute("value"));
        Assert.Null(await app.QueryAsync(db => db.Memberships.Where(m => m.Id == membership).Select(m => m.To).SingleAsync()));
    }
}

public sealed class BodiesAdminTestsOnSqlite(SqliteAppFactory app) : BodiesAdminTests(app), IClassFixture<SqliteAppFactory>;

public sealed class BodiesAdminTestsOnPostgres(PostgresAppFactory app) : BodiesAdminTests(app), IClassFixture<PostgresAppFactory>;
