using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Publication;

/// <summary>
/// Issue 12, items 7 and 8: the meeting page says when the agenda and when the minutes were published, imported minutes
/// show their source's date as such; every page links the privacy notice and the accessibility statement (its address a
/// setting); reading the public site sets no cookie, so there is no consent banner.
/// </summary>
public abstract class PublicSiteTests(AppFactory app)
{
    private static Dictionary<string, string> Header(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("dl.meeting-header dt").ToDictionary(dt => dt.TextContent.Trim(), dt => string.Join(' ', dt.NextElementSibling!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public async Task The_meeting_page_shows_when_the_agenda_and_when_the_minutes_were_published()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med to datoer", "Et punkt");
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        var agenda = Header(await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{meeting}"));
        Assert.StartsWith(Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).ToString("dd.MM.yyyy"), agenda["Dagsorden udgivet"]);
        Assert.Equal("Ikke endnu – beslutningerne offentliggøres med referatet", agenda["Referat udgivet"]);

        await app.DecideAllAsync(secretariat, meeting, item, "Godkendt.");
        await secretariat.PublishOkAsync(meeting, "referat");

        var times = await app.QueryAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => new { m.AgendaPublishedAt, m.MinutesPublishedAt }).SingleAsync());
        var minutes = Header(await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{meeting}?referat=1"));
        Assert.Equal(Rammevaerk.Shared.Danish.Published(times.AgendaPublishedAt!.Value), minutes["Dagsorden udgivet"]);
        Assert.Equal(Rammevaerk.Shared.Danish.Published(times.MinutesPublishedAt!.Value), minutes["Referat udgivet"]);
    }

    [Fact]
    public async Task Imported_minutes_whose_source_date_lies_before_the_meeting_show_it_as_the_sources_date()
    {
        var seed = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == "socialdirektoerforum/2025-06-27T09:00").Select(m => new { m.Id, m.SourcePublishedOn, m.MinutesPublishedAt }).SingleAsync());

        var header = Header(await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{seed.Id}"));

        Assert.Equal(new DateOnly(2025, 6, 18), seed.SourcePublishedOn);
        Assert.StartsWith("18.06.2025 (datoen på den oprindelige side; den ligger før mødet og er ikke referatets udgivelse)", header["Kildens udgivelsesdato"]);
        Assert.False(header.ContainsKey("Dagsorden udgivet"));
        Assert.DoesNotContain("18.06.2025", header["Referat udgivet"]);
        Assert.EndsWith("(importeret i Rammeværk)", header["Referat udgivet"]);
        Assert.True(seed.MinutesPublishedAt > new DateTime(2025, 6, 27, 12, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Every_page_links_the_privacy_notice_which_names_the_only_cookies()
    {
        var anonymous = app.CreateAnonymousClient();

        var home = await anonymous.GetDocumentAsync("/");
        var privacy = await anonymous.GetDocumentAsync(home.QuerySelector("footer a[href='/privatlivspolitik']")!.GetAttribute("href")!);

        Assert.Equal("Privatlivspolitik og cookies", privacy.QuerySelector("h1")!.TextContent);
        foreach (var heading in new[] { "Abonnement på dagsordener og referater", "Brugerkonti", "Cookies", "Dine rettigheder" })
            Assert.Contains(privacy.QuerySelectorAll("h2"), h => h.TextContent == heading);
        Assert.Equal(["rammevaerk.auth", "Identity.TwoFactorUserId", "Identity.External", ".AspNetCore.Correlation.*", ".AspNetCore.OpenIdConnect.Nonce.*", ".AspNetCore.Antiforgery.*", ".AspNetCore.Mvc.CookieTempDataProvider"],
            privacy.QuerySelectorAll("#cookies ~ table tbody code").Select(c => c.TextContent));
        Assert.NotNull(home.QuerySelector("footer a[href='/abonnement']"));
    }

    [Fact]
    public async Task Reading_the_public_site_sets_no_cookie_and_forms_set_only_the_antiforgery_cookie()
    {
        var meeting = await app.QueryAsync(db => db.Meetings.Where(m => m.State != Rammevaerk.Meetings.MeetingState.Draft).Select(m => m.Id).FirstAsync());
        var anonymous = app.CreateAnonymousClient();
        foreach (var url in new[] { "/", "/udvalg", "/udvalg/socialdirektoerforum", $"/moeder/{meeting}", "/soeg?q=kapacitet", "/tilbud", "/privatlivspolitik", "/kapacitetsaendringer" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} set a cookie: {string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var v) ? v : [])}");
        }
        using var form = await app.CreateAnonymousClient().GetAsync("/abonnement");
        var cookies = form.Headers.GetValues("Set-Cookie").Select(c => c.Split('=')[0]).ToList();
        Assert.All(cookies, c => Assert.StartsWith(".AspNetCore.Antiforgery.", c));
    }
}

public sealed class PublicSiteTestsOnSqlite(SqliteAppFactory app) : PublicSiteTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PublicSiteTestsOnPostgres(PostgresAppFactory app) : PublicSiteTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The accessibility statement's address is a setting: linked in every page's footer when set.</summary>
public sealed class AccessibilityStatementTests(AccessibilityStatementTests.App app) : IClassFixture<AccessibilityStatementTests.App>
{
    public const string Url = "https://www.was.digst.dk/rammevaerk-example-dk";

    public sealed class App : AppFactory
    {
        public App() : base(TestDatabase.CreateSqlite()) { }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Rammevaerk:AccessibilityStatementUrl", Url);
        }
    }

    [Fact]
    public async Task The_footer_links_the_accessibility_statement_at_its_configured_address()
    {
        var anonymous = app.CreateAnonymousClient();

        foreach (var url in new[] { "/", "/privatlivspolitik", "/abonnement" })
        {
            var link = (await anonymous.GetDocumentAsync(url)).QuerySelector($"footer a[href='{Url}']");
            Assert.NotNull(link);
            Assert.Equal("Tilgængelighedserklæring", link.TextContent);
        }
    }
}

/// <summary>Without the setting, there is no link to a statement that does not exist.</summary>
public sealed class NoAccessibilityStatementTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    [Fact]
    public async Task Without_an_address_the_footer_has_no_dead_link()
    {
        var home = await app.CreateAnonymousClient().GetDocumentAsync("/");
        Assert.DoesNotContain(home.QuerySelectorAll("footer a"), a => a.TextContent == "Tilgængelighedserklæring");
    }
}
