using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using Rammevaerk.Tests.Publication;

namespace Rammevaerk.Tests.Feeds;

/// <summary>
/// The meeting calendar (iCalendar) and the Atom feed of new agendas and minutes, read back with Ical.Net and
/// System.ServiceModel.Syndication, and the autodiscovery links that point public pages at them.
/// </summary>
public abstract class FeedTests(AppFactory app)
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    [Fact]
    public async Task Calendar_holds_every_published_meeting_in_Copenhagen_time_and_no_draft()
    {
        var (calendar, response) = await GetCalendarAsync("/feeds/kalender.ics");
        var draft = await app.QueryAsync(db => db.Meetings.Where(m => m.State == MeetingState.Draft && !m.InPublishedPlan).Select(m => m.Id).FirstAsync());
        // Published meetings and the planned meetings of a published meeting plan.
        var published = await app.QueryAsync(db => db.Meetings.Where(m => m.State != MeetingState.Draft || m.InPublishedPlan).Select(m => m.Id).ToListAsync());

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("Rammeværk – møder i alle udvalg", calendar.Properties.Get<string>("X-WR-CALNAME"));
        Assert.Contains(calendar.TimeZones, tz => tz.TzId == "Europe/Copenhagen");
        Assert.Equal(published.Order(), calendar.Events.Select(MeetingIdOf).Order());
        Assert.DoesNotContain(calendar.Events, e => MeetingIdOf(e) == draft);

        var march = Single(calendar, new DateTime(2024, 3, 22, 9, 0, 0));
        Assert.Equal("Socialdirektørforum: Møde i Socialdirektørforum", march.Summary);
        Assert.Equal("Europe/Copenhagen", march.DtStart!.TzId);
        Assert.Equal(new DateTime(2024, 3, 22, 8, 0, 0, DateTimeKind.Utc), march.DtStart.AsUtc); // CET, UTC+1

        var june = Single(calendar, new DateTime(2025, 6, 27, 9, 0, 0));
        Assert.Equal(new DateTime(2025, 6, 27, 7, 0, 0, DateTimeKind.Utc), june.DtStart!.AsUtc); // CEST, UTC+2
        Assert.Equal(new DateTime(2025, 6, 27, 10, 0, 0, DateTimeKind.Utc), june.DtEnd!.AsUtc);
        Assert.Equal("Byrådssalen, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)", june.Location);
        Assert.Contains("1. Oplæg fra Region Sjælland", june.Description);
        Assert.Matches(@"^meeting-\d+@", june.Uid);
        Assert.EndsWith($"/moeder/{MeetingIdOf(june)}", june.Url!.ToString());
        Assert.True(june.Sequence >= 1);
        Assert.NotNull(june.LastModified);

        var fu = Single(calendar, new DateTime(2026, 11, 30, 13, 0, 0));
        Assert.Equal("Forretningsudvalget: Møde i Forretningsudvalget", fu.Summary);
        Assert.Contains("3. Personalesag i sekretariatet (lukket punkt)", fu.Description);
        Assert.DoesNotContain("konkret personalesag", fu.Description);
    }

    [Fact]
    public async Task Body_calendar_holds_only_that_bodys_meetings_and_an_unknown_body_is_404()
    {
        var (forum, _) = await GetCalendarAsync("/feeds/kalender/socialdirektoerforum.ics");
        var (committee, _) = await GetCalendarAsync("/feeds/kalender/forretningsudvalget.ics");
        using var unknown = await app.CreateAnonymousClient().GetAsync("/feeds/kalender/findes-ikke.ics");
        var published = await app.QueryAsync(db => db.Meetings.Where(m => m.State != MeetingState.Draft || m.InPublishedPlan)
            .Select(m => new { m.Id, m.Body.Slug }).ToListAsync());

        Assert.Equal(published.Where(m => m.Slug == "socialdirektoerforum").Select(m => m.Id).Order(), forum.Events.Select(MeetingIdOf).Order());
        Assert.Equal(6, forum.Events.Count); // the two seed minutes and the four meetings of the published 2027 plan
        Assert.All(forum.Events, e => Assert.StartsWith("Socialdirektørforum:", e.Summary));
        Assert.Equal(published.Where(m => m.Slug == "forretningsudvalget").Select(m => m.Id).Order(), committee.Events.Select(MeetingIdOf).Order());
        Assert.All(committee.Events, e => Assert.StartsWith("Forretningsudvalget:", e.Summary));
        Assert.Equal("Forretningsudvalget – møder", committee.Properties.Get<string>("X-WR-CALNAME"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Atom_feed_lists_publications_newest_first()
    {
        var client = app.CreateAnonymousClient();
        var (feed, response) = await GetAtomAsync(client, "/feeds/atom.xml");
        var titles = feed.Items.Select(i => i.Title.Text).ToList();

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("Referat: Socialdirektørforum 27. juni 2025", titles);
        Assert.Contains("Referat: Socialdirektørforum 22. marts 2024", titles);
        Assert.Contains("Dagsorden: Forretningsudvalget 30. november 2026", titles);
        Assert.DoesNotContain(titles, t => t.Contains("11. december 2026")); // the draft
        Assert.Equal(feed.Items.OrderByDescending(i => i.LastUpdatedTime).Select(i => i.Id), feed.Items.Select(i => i.Id));
        Assert.All(feed.Items, i => Assert.StartsWith("tag:", i.Id));
        Assert.Equal(feed.Items.Count(), feed.Items.Select(i => i.Id).Distinct().Count());
        var june = feed.Items.Single(i => i.Title.Text == "Referat: Socialdirektørforum 27. juni 2025");
        var link = june.Links.Single(l => l.RelationshipType == "alternate").Uri.ToString();
        Assert.Matches(@"/moeder/\d+$", link);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task A_newly_published_agenda_tops_the_feed_and_appears_in_the_calendar()
    {
        var client = app.CreateAnonymousClient();
        await GetAtomAsync(client, "/feeds/atom/forretningsudvalget.xml"); // cached now
        await GetCalendarAsync("/feeds/kalender/forretningsudvalget.ics");

        var secretariat = await app.SignInAsSecretariatAsync();
        var id = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Ekstraordinært møde i Forretningsudvalget");
        var draftCalendar = await GetCalendarAsync("/feeds/kalender/forretningsudvalget.ics");
        Assert.DoesNotContain(draftCalendar.Calendar.Events, e => MeetingIdOf(e) == id);
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.MeetingActionAsync(id, "PublishAgenda")).StatusCode);

        var (feed, _) = await GetAtomAsync(client, "/feeds/atom/forretningsudvalget.xml");
        var (calendar, _) = await GetCalendarAsync("/feeds/kalender/forretningsudvalget.ics");
        var (all, _) = await GetAtomAsync(client, "/feeds/atom.xml");
        var (forum, _) = await GetAtomAsync(client, "/feeds/atom/socialdirektoerforum.xml");

        Assert.Equal("Dagsorden: Forretningsudvalget 18. december 2026", feed.Items.First().Title.Text);
        Assert.EndsWith($"/moeder/{id}", feed.Items.First().Links.Single().Uri.ToString());
        Assert.Equal(feed.Items.First().Id, all.Items.First().Id);
        Assert.DoesNotContain(forum.Items, i => i.Title.Text.Contains("Forretningsudvalget"));
        var e = calendar.Events.Single(ev => MeetingIdOf(ev) == id);
        Assert.Equal(new DateTime(2026, 12, 18, 8, 0, 0, DateTimeKind.Utc), e.DtStart!.AsUtc);
        Assert.Equal("Byrådssalen, Middelfart Rådhus", e.Location);
        using var unknown = await client.GetAsync("/feeds/atom/findes-ikke.xml");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Public_pages_announce_the_feeds_in_the_head_and_link_the_OParl_entry_point()
    {
        var client = app.CreateAnonymousClient();
        var meetingId = await app.QueryAsync(db => db.Meetings.Where(m => m.State == MeetingState.MinutesPublished && m.Body.Slug == "socialdirektoerforum").Select(m => m.Id).FirstAsync());

        foreach (var url in new[] { "/", "/udvalg/socialdirektoerforum", $"/moeder/{meetingId}" })
        {
            var page = await client.GetDocumentAsync(url);
            var atom = page.Head!.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']").Select(l => l.GetAttribute("href")!).ToList();
            var ics = page.Head!.QuerySelectorAll("link[rel=alternate][type='text/calendar']").Select(l => l.GetAttribute("href")!).ToList();
            var oparl = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(h => h.Contains("/oparl/")).ToList();

            Assert.Contains("/feeds/atom.xml", atom);
            Assert.Contains("/feeds/kalender.ics", ics);
            if (url != "/")
            {
                Assert.Contains("/feeds/atom/socialdirektoerforum.xml", atom);
                Assert.Contains("/feeds/kalender/socialdirektoerforum.ics", ics);
            }
            Assert.Contains("/oparl/v1.1/system", oparl);
            foreach (var href in atom) await GetAtomAsync(client, href);
            foreach (var href in ics) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(href)).StatusCode);
            using var entry = await client.GetAsync(oparl.First());
            Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
            Assert.Equal("application/json", entry.Content.Headers.ContentType?.MediaType);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private async Task<(Calendar Calendar, HttpResponseMessage Response)> GetCalendarAsync(string url)
    {
        var response = await app.CreateAnonymousClient().GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        var calendar = Calendar.Load(text) ?? throw new Xunit.Sdk.XunitException($"{url} is not an iCalendar file.");
        return (calendar, response);
    }

    [Fact]
    public async Task A_meeting_whose_clock_time_is_not_known_shows_its_date_everywhere_and_never_midnight()
    {
        // Imported minutes may give a date without a time; the meeting is stored at local midnight with TimeUnknown.
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, _) = await app.HeldMeetingAsync(secretariat, "Møde uden kendt klokkeslæt", "Orientering om tidsplanen");
        await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meeting).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.StartsAt, Danish.ToUtc(new DateTime(2019, 5, 14)))
            .SetProperty(m => m.EndsAt, (DateTime?)null)
            .SetProperty(m => m.TimeUnknown, true)));
        await secretariat.PublishOkAsync(meeting, "dagsorden");

        var anonymous = app.CreateAnonymousClient();
        var page = await anonymous.GetDocumentAsync($"/moeder/{meeting}");
        var when = page.QuerySelector("time[datetime='2019-05-14']");
        Assert.NotNull(when);
        Assert.Equal("tirsdag d. 14. maj 2019", when.TextContent);
        Assert.Contains("klokkeslæt ikke oplyst", page.Text());
        Assert.DoesNotContain("kl. 00:00", page.Text());

        var calendar = await anonymous.GetStringAsync("/feeds/kalender/forretningsudvalget.ics");
        var uid = $"UID:meeting-{meeting}@";
        var start = calendar.IndexOf(uid, StringComparison.Ordinal);
        var evt = calendar[calendar.LastIndexOf("BEGIN:VEVENT", start, StringComparison.Ordinal)..calendar.IndexOf("END:VEVENT", start, StringComparison.Ordinal)];
        Assert.Contains("DTSTART;VALUE=DATE:20190514", evt); // an all-day event, not one at midnight
        Assert.DoesNotContain("DTEND", evt);

        var (feed, _) = await GetAtomAsync(anonymous, "/feeds/atom/forretningsudvalget.xml");
        var entry = Assert.Single(feed.Items, i => i.Links.Any(l => l.Uri.AbsolutePath == $"/moeder/{meeting}"));
        var summary = ((TextSyndicationContent)entry.Summary).Text;
        Assert.Contains("tirsdag d. 14. maj 2019", summary);
        Assert.DoesNotContain("00:00", summary);

        var list = await secretariat.GetDocumentAsync("/sekretariat");
        var row = list.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("Møde uden kendt klokkeslæt"));
        Assert.Contains("14.05.2019", row.TextContent);
        Assert.DoesNotContain("00:00", row.TextContent);

        // The secretariat changes the place without inventing a time: start 00:00 and no end keep the time unknown.
        var edit = await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}");
        Assert.Contains("Kilden oplyser ikke mødets klokkeslæt", edit.Text());
        var header = edit.QuerySelector("form[action*='SaveHeader']")!;
        using (var saved = await secretariat.PostFormAsync($"/sekretariat/moeder/{meeting}", new Dictionary<string, string>
               {
                   ["Stamp"] = header.QuerySelector("input[name=Stamp]")!.GetAttribute("value")!,
                   ["Input.BodyId"] = header.QuerySelector("select[name='Input.BodyId'] option[selected]")!.GetAttribute("value")!,
                   ["Input.Title"] = "Møde uden kendt klokkeslæt", ["Input.Location"] = "Online",
                   ["Input.StartsLocal"] = header.QuerySelector("input[name='Input.StartsLocal']")!.GetAttribute("value")!,
                   ["Input.EndsLocal"] = "", ["ConfirmPublicChange"] = "true",
               }, $"/sekretariat/moeder/{meeting}?handler=SaveHeader"))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var kept = await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => new { m.TimeUnknown, m.Location, m.EndsAt }).SingleAsync());
        Assert.True(kept.TimeUnknown);
        Assert.Equal("Online", kept.Location);
        Assert.Null(kept.EndsAt);
    }

    private static async Task<(SyndicationFeed Feed, HttpResponseMessage Response)> GetAtomAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return (SyndicationFeed.Load(reader), response);
    }

    /// <summary>From the UID (meeting-{id}@host): a planned meeting's URL is its body's page, not a meeting page.</summary>
    private static int MeetingIdOf(CalendarEvent e) => int.Parse(e.Uid!.Split('@')[0]["meeting-".Length..]);

    private static CalendarEvent Single(Calendar calendar, DateTime copenhagen)
    {
        var utc = TimeZoneInfo.ConvertTimeToUtc(copenhagen, Copenhagen);
        return Assert.Single(calendar.Events, e => e.DtStart!.AsUtc == utc);
    }
}

public sealed class FeedTestsOnSqlite(SqliteAppFactory app) : FeedTests(app), IClassFixture<SqliteAppFactory>;

public sealed class FeedTestsOnPostgres(PostgresAppFactory app) : FeedTests(app), IClassFixture<PostgresAppFactory>;
