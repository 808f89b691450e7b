using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Demo;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Appointments;

/// <summary>Appointments: who represents the region where; a change ends the old one and keeps the history.</summary>
public abstract class AppointmentTests(AppFactory app)
{
    private const string Url = "/sekretariat/udpegninger";

    private static Dictionary<string, string> Form(string prefix, string forum, string name, string from, string to = "", string role = "Member", string item = "") => new()
    {
        [$"{prefix}.Forum"] = forum, [$"{prefix}.Person"] = "", [$"{prefix}.PersonName"] = name, [$"{prefix}.Organisation"] = "Testkommune",
        [$"{prefix}.Role"] = role, [$"{prefix}.From"] = from, [$"{prefix}.To"] = to, [$"{prefix}.DecidedItem"] = item, [$"{prefix}.Note"] = "",
    };

    [Fact]
    public async Task Changing_an_appointment_ends_the_old_one_and_both_show_publicly()
    {
        var client = await app.SignInAsSecretariatAsync();
        var forum = $"Testforum {Guid.NewGuid():N}";
        var item = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Meeting.ImportKey == "socialdirektoerforum/2025-06-27T09:00" && i.Number == 20)
            .Select(i => new { i.Id, i.MeetingId }).SingleAsync());

        using var created = await client.PostFormAsync(Url, Form("NewAppointment", forum, "Anna Andersen", "2024-01-01"), Url + "?handler=Create");
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, (await created.ReadDocumentAsync()).Errors());
        var oldId = await app.QueryAsync(db => db.Appointments.Where(a => a.Forum == forum).Select(a => a.Id).SingleAsync());

        using var tooEarly = await client.PostFormAsync($"{Url}/{oldId}", Form("Replacement", forum, "Bent Berg", "2023-12-01"), $"{Url}/{oldId}?handler=Replace");
        Assert.Contains("Den nye udpegning skal begynde efter den nuværende", (await tooEarly.ReadDocumentAsync()).Errors());
        Assert.Equal(1, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.Forum == forum)));

        using var changed = await client.PostFormAsync($"{Url}/{oldId}", Form("Replacement", forum, "Bent Berg", "2025-06-10", item: item.Id.ToString()), $"{Url}/{oldId}?handler=Replace");
        Assert.True(changed.StatusCode == HttpStatusCode.Redirect, (await changed.ReadDocumentAsync()).Errors());
        var all = await app.QueryAsync(db => db.Appointments.Where(a => a.Forum == forum).OrderBy(a => a.From).ToListAsync());
        Assert.Equal(2, all.Count);
        Assert.Equal(("Anna Andersen", new DateOnly(2024, 1, 1), (DateOnly?)new DateOnly(2025, 6, 9)), (all[0].PersonName, all[0].From, all[0].To));
        Assert.Equal(("Bent Berg", new DateOnly(2025, 6, 10), (DateOnly?)null, (int?)item.Id), (all[1].PersonName, all[1].From, all[1].To, all[1].DecidedItemId));

        var section = (await app.CreateAnonymousClient().GetDocumentAsync("/udpegninger")).QuerySelectorAll("section.forum")
            .Single(s => s.QuerySelector("h2")!.TextContent == forum);
        var current = section.QuerySelector("ul.current")!;
        Assert.Contains("Bent Berg", current.TextContent);
        Assert.DoesNotContain("Anna Andersen", current.TextContent);
        Assert.Equal($"/moeder/{item.MeetingId}#punkt-20", current.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Anna Andersen, Testkommune (01.01.2024–09.06.2025)", section.QuerySelector("ul.history")!.TextContent);
    }

    [Fact]
    public async Task Bad_input_gets_a_Danish_message_and_saves_nothing()
    {
        var client = await app.SignInAsSecretariatAsync();
        var forum = $"Testforum fejl {Guid.NewGuid():N}";

        using var reversed = await client.PostFormAsync(Url, Form("NewAppointment", forum, "Carl Clausen", "2025-03-01", "2025-01-01"), Url + "?handler=Create");
        Assert.Contains("Til-datoen ligger før fra-datoen.", (await reversed.ReadDocumentAsync()).Errors());

        using var missing = await client.PostFormAsync(Url, Form("NewAppointment", " ", "", "2025-03-01"), Url + "?handler=Create");
        var errors = (await missing.ReadDocumentAsync()).Errors();
        Assert.Contains("Skriv forum", errors);
        Assert.Contains("Skriv personens navn, eller vælg en person.", errors);

        using var badDate = await client.PostFormAsync(Url, Form("NewAppointment", forum, "Carl Clausen", "i går", role: "Boss"), Url + "?handler=Create");
        errors = (await badDate.ReadDocumentAsync()).Errors();
        Assert.Contains("Fra-datoen er ikke en gyldig dato", errors);
        Assert.Contains("Vælg en rolle", errors);

        Assert.Equal(0, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.Forum == forum || a.PersonName == "Carl Clausen")));
    }

    [Fact]
    public async Task The_public_list_shows_the_Dialogforum_member_substitutes_and_history()
    {
        var page = await app.CreateAnonymousClient().GetDocumentAsync("/udpegninger");
        var section = page.QuerySelectorAll("section.forum").Single(s => s.QuerySelector("h2")!.TextContent == DemoAnnouncements.Dialogforum);
        var current = section.QuerySelector("ul.current")!.TextContent;
        Assert.Contains("Medlem: Mogens Bak Hansen, Nordfyns Kommune (fra 10.06.2025)", string.Join(' ', current.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("Suppleant: Anna Mette Lund", current);
        Assert.Contains("Forretningsudvalgets øvrige medlemmer", current);
        Assert.Contains(section.QuerySelectorAll("ul.current a"), a => a.TextContent == "Socialdirektørforum 27. juni 2025, punkt 20");
        Assert.Contains("Claus Fjeldgaard, Varde Kommune", section.QuerySelector("ul.history")!.TextContent);
    }

    [Fact]
    public async Task A_mistake_is_corrected_in_place_and_a_mistaken_appointment_deleted()
    {
        var client = await app.SignInAsSecretariatAsync();
        var forum = $"Testforum rettelse {Guid.NewGuid():N}";
        using (var created = await client.PostFormAsync(Url, Form("NewAppointment", forum, "Dorte Dahl", "2025-01-01"), Url + "?handler=Create"))
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.QueryAsync(db => db.Appointments.Where(a => a.Forum == forum).Select(a => a.Id).SingleAsync());

        using (var bad = await client.PostFormAsync($"{Url}/{id}", Form("Correction", forum, "Dorthe Dahl", "2025-02-01", "2025-01-15"), $"{Url}/{id}?handler=Correct"))
            Assert.Contains("Til-datoen ligger før fra-datoen.", (await bad.ReadDocumentAsync()).Errors());
        Assert.Equal("Dorte Dahl", await app.QueryAsync(db => db.Appointments.Where(a => a.Id == id).Select(a => a.PersonName).SingleAsync()));

        using (var ok = await client.PostFormAsync($"{Url}/{id}", Form("Correction", forum, "Dorthe Dahl", "2025-02-01", role: "Substitute"), $"{Url}/{id}?handler=Correct"))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var saved = await app.QueryAsync(db => db.Appointments.Where(a => a.Forum == forum).ToListAsync());
        var one = Assert.Single(saved);
        Assert.Equal(("Dorthe Dahl", new DateOnly(2025, 2, 1), Rammevaerk.Appointments.AppointmentRole.Substitute), (one.PersonName, one.From, one.Role));

        using (var deleted = await client.PostFormAsync($"{Url}/{id}", new Dictionary<string, string>(), $"{Url}/{id}?handler=Delete"))
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.Forum == forum)));
    }
}

public sealed class AppointmentTestsOnSqlite(SqliteAppFactory app) : AppointmentTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AppointmentTestsOnPostgres(PostgresAppFactory app) : AppointmentTests(app), IClassFixture<PostgresAppFactory>;
