using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Meetings;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.AnnualCycle;

/// <summary>The annual cycle: recurring items offered on drafts in their month; a meeting plan entered and published.</summary>
public abstract class AnnualCycleTests(AppFactory app)
{
    [Fact]
    public async Task A_recurring_item_shows_in_the_year_view_and_is_offered_on_a_draft_in_its_month_pre_filled()
    {
        var client = await app.SignInAsSecretariatAsync();
        var fu = await app.BodyIdAsync("Forretningsudvalget");
        var title = $"Årlig status {Guid.NewGuid():N}";
        Dictionary<string, string> Form(string month) => new()
        {
            ["Input.Title"] = title, ["Input.BodyId"] = fu.ToString(), ["Input.Month"] = month, ["Input.ToMonth"] = "",
            ["Input.Background"] = "Status for året.", ["Input.Recommendation"] = "Det indstilles, at status tages til efterretning.",
            ["Input.Active"] = "true", ["Input.SortOrder"] = "0",
        };
        using (var bad = await client.PostFormAsync("/sekretariat/aarshjul/punkt", Form("")))
        {
            Assert.Contains("Vælg måneden", (await bad.ReadDocumentAsync()).Errors());
        }
        Assert.False(await app.QueryAsync(db => db.RecurringItems.AnyAsync(r => r.Title == title)));
        using (var ok = await client.PostFormAsync("/sekretariat/aarshjul/punkt", Form("8")))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var id = await app.QueryAsync(db => db.RecurringItems.Where(r => r.Title == title).Select(r => r.Id).SingleAsync());
        var year = await client.GetDocumentAsync("/sekretariat/aarshjul?aar=2033");
        var august = year.QuerySelectorAll(".year-view > li")[7];
        Assert.Contains(title, august.TextContent);

        using var created = await client.PostFormAsync("/sekretariat/moeder/nyt", AuthoringSteps.MeetingForm(fu, "Augustmøde", "2033-08-20T09:00", "2033-08-20T11:00"));
        var meeting = int.Parse(created.Headers.Location!.ToString().Split('/').Last());
        Assert.NotNull((await client.GetDocumentAsync($"/sekretariat/moeder/{meeting}")).QuerySelector($"#offer-r-{id}"));
        using (var placed = await client.PostFormAsync($"/sekretariat/moeder/{meeting}", new Dictionary<string, string> { ["recurringIds"] = id.ToString() },
                   $"/sekretariat/opfoelgning/dagsorden/{meeting}?handler=Recurring"))
        {
            Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        }
        var item = await app.QueryAsync(db => db.AgendaItems.SingleAsync(i => i.MeetingId == meeting && i.Title == title));
        Assert.Equal("Status for året.", item.Background);
        Assert.Equal("Det indstilles, at status tages til efterretning.", item.Recommendation);
        Assert.Null((await client.GetDocumentAsync($"/sekretariat/moeder/{meeting}")).QuerySelector($"#offer-r-{id}"));

        using var other = await client.PostFormAsync("/sekretariat/moeder/nyt", AuthoringSteps.MeetingForm(fu, "Septembermøde", "2033-09-20T09:00", "2033-09-20T11:00"));
        var september = int.Parse(other.Headers.Location!.ToString().Split('/').Last());
        Assert.Null((await client.GetDocumentAsync($"/sekretariat/moeder/{september}")).QuerySelector($"#offer-r-{id}"));
    }

    [Fact]
    public async Task A_published_meeting_plan_shows_date_time_and_place_publicly_but_never_the_draft_items()
    {
        var client = await app.SignInAsSecretariatAsync();
        var wg = await app.BodyIdAsync("Strategisk arbejdsgruppe");
        var slug = await app.QueryAsync(db => db.Bodies.Where(b => b.Id == wg).Select(b => b.Slug).SingleAsync());
        var url = $"/sekretariat/aarshjul/moedeplan?aar=2034&udvalg={wg}";
        var place = $"Mødelokale {Guid.NewGuid():N}";
        var rows = new Dictionary<string, string>
        {
            ["Title"] = "Møde i Strategisk arbejdsgruppe",
            ["Rows[0].Date"] = "2034-03-09", ["Rows[0].Start"] = "09:00", ["Rows[0].End"] = "12:00", ["Rows[0].Place"] = place,
            ["Rows[1].Date"] = "2034-06-08", ["Rows[1].Start"] = "13:00", ["Rows[1].End"] = "12:00", ["Rows[1].Place"] = place,
        };
        using (var bad = await client.PostFormAsync(url, rows, url + "&handler=Create"))
        {
            Assert.Contains("Række 2: mødet skal slutte efter det begynder.", (await bad.ReadDocumentAsync()).Errors());
        }
        Assert.False(await app.QueryAsync(db => db.Meetings.AnyAsync(m => m.Location == place)));
        rows["Rows[1].End"] = "15:00";
        using (var ok = await client.PostFormAsync(url, rows, url + "&handler=Create"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var meetings = await app.QueryAsync(db => db.Meetings.Where(m => m.Location == place).OrderBy(m => m.StartsAt).ToListAsync());
        Assert.Equal(2, meetings.Count);
        Assert.All(meetings, m => Assert.Equal(MeetingState.Draft, m.State));
        var secret = await client.AddItemAsync(app, meetings[0].Id, $"Hemmeligt kladdepunkt {Guid.NewGuid():N}");
        var secretTitle = await app.QueryAsync(db => db.AgendaItems.Where(i => i.Id == secret).Select(i => i.Title).SingleAsync());

        var anonymous = app.CreateAnonymousClient();
        Assert.DoesNotContain(place, (await anonymous.GetDocumentAsync($"/udvalg/{slug}")).Text());

        using (var published = await client.PostFormAsync(url, new Dictionary<string, string>(), url + "&handler=Publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        Assert.True(await app.QueryAsync(db => db.Meetings.Where(m => m.Location == place).AllAsync(m => m.InPublishedPlan)));

        // The public body page (its cache evicted) and the calendar show the plan; the agenda stays a draft.
        var body = (await anonymous.GetDocumentAsync($"/udvalg/{slug}")).Text();
        Assert.Contains(place, body);
        Assert.Contains("Dagsorden følger", body);
        Assert.DoesNotContain(secretTitle, body);
        var ics = await anonymous.GetStringAsync($"/feeds/kalender/{slug}.ics");
        Assert.Contains("Dagsorden følger", ics);
        Assert.Contains($"meeting-{meetings[0].Id}@", ics);
        Assert.DoesNotContain(secretTitle, ics);
        Assert.DoesNotContain(secretTitle, await anonymous.GetStringAsync("/feeds/atom.xml"));
        using var draftPage = await anonymous.GetAsync($"/moeder/{meetings[0].Id}");
        Assert.Equal(HttpStatusCode.NotFound, draftPage.StatusCode);
    }
}

public sealed class AnnualCycleTestsOnSqlite(SqliteAppFactory app) : AnnualCycleTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AnnualCycleTestsOnPostgres(PostgresAppFactory app) : AnnualCycleTests(app), IClassFixture<PostgresAppFactory>;
