using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Search;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using Rammevaerk.Tests.Pdf;

namespace Rammevaerk.Tests.Publication;

/// <summary>
/// Issue 12, item 1: between the published agenda and the published minutes the decisions are the secretariat's (and,
/// once sent, the members') only. The public page, its output cache, the PDF, search, the feeds and OParl never show one
/// before the minutes are published.
/// </summary>
public abstract class PrivateDraftMinutesTests(AppFactory app)
{
    private async Task<int> SearchTotalAsync(string query)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ArchiveSearch>().SearchAsync(new SearchRequest(query, null, null, null, 1))).Total;
    }

    [Fact]
    public async Task A_decision_written_after_the_agenda_reaches_no_public_channel_until_the_minutes_are_published()
    {
        const string secret = "zebrastriberne";
        var secretariat = await app.SignInAsSecretariatAsync();
        var anonymous = app.CreateAnonymousClient();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde om zebrastriber", "Trafiksikkerhed ved botilbud", "Baggrund om fodgængerfelter.");
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        var cached = await anonymous.GetDocumentAsync($"/moeder/{meeting}"); // now in the output cache
        Assert.Contains("fodgængerfelter", cached.Text());

        await app.DecideAllAsync(secretariat, meeting, item, $"Forretningsudvalget besluttede at male {secret} om.");

        // The page: from the output cache, freshly rendered, and for a member of the body.
        Assert.DoesNotContain(secret, (await anonymous.GetDocumentAsync($"/moeder/{meeting}")).Text());
        Assert.DoesNotContain(secret, (await anonymous.GetDocumentAsync($"/moeder/{meeting}?frisk=1")).Text());
        Assert.DoesNotContain(secret, (await (await app.SignInAsMemberAsync()).GetDocumentAsync($"/moeder/{meeting}")).Text());
        Assert.Contains(secret, (await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/arbejdskopi")).Text());
        // The PDF, search, the feeds and OParl.
        var (pdf, _) = await anonymous.GetPdfAsync($"/moeder/{meeting}/pdf");
        Assert.DoesNotContain(secret, PdfReading.AllWords(pdf));
        Assert.Equal(0, await SearchTotalAsync(secret));
        Assert.Empty((await anonymous.GetDocumentAsync("/soeg?q=" + secret)).QuerySelectorAll("ol.search-results > li"));
        Assert.DoesNotContain(secret, await anonymous.GetStringAsync("/feeds/atom.xml"));
        Assert.DoesNotContain(secret, await anonymous.GetStringAsync("/feeds/kalender.ics"));
        var oparl = await anonymous.GetStringAsync($"/oparl/v1.1/meeting/{meeting}");
        Assert.DoesNotContain(secret, oparl);
        Assert.DoesNotContain(secret, await anonymous.GetStringAsync($"/oparl/v1.1/agendaitem/{item}"));

        await secretariat.PublishOkAsync(meeting, "referat");

        Assert.Contains(secret, (await anonymous.GetDocumentAsync($"/moeder/{meeting}")).Text());
        var (minutesPdf, _) = await anonymous.GetPdfAsync($"/moeder/{meeting}/pdf");
        Assert.Contains(secret, PdfReading.AllWords(minutesPdf));
        Assert.Equal(1, await SearchTotalAsync(secret));
        using var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/oparl/v1.1/agendaitem/{item}"));
        Assert.Contains(secret, json.RootElement.GetProperty("resolutionText").GetString());
    }

    [Fact]
    public async Task The_agenda_published_after_decisions_were_typed_still_carries_none()
    {
        const string secret = "kaktusbedene";
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med forhåndsbeslutning", "Grønne områder");
        await secretariat.WriteAsync(item, "Input.Decision", $"Udkast: {secret} udvides.");

        await secretariat.PublishOkAsync(meeting, "dagsorden");

        Assert.DoesNotContain(secret, (await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{meeting}")).Text());
        var version = await app.QueryAsync(db => db.MeetingVersions.Where(v => v.MeetingId == meeting && v.Version == 1).Select(v => v.SnapshotJson).SingleAsync());
        Assert.DoesNotContain(secret, version);
        Assert.Equal(0, await SearchTotalAsync(secret));
    }

    [Fact]
    public async Task Members_read_the_draft_minutes_and_comment_and_nobody_else_reads_them()
    {
        const string secret = "rosenbuskene";
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med udkast", "Udearealer");
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        await secretariat.WriteAsync(item, "Input.Decision", $"Forretningsudvalget besluttede at beskære {secret}.");

        using (var sent = await secretariat.PostFormAsync($"/sekretariat/moeder/{meeting}/udkast", new Dictionary<string, string> { ["Message"] = "Bemærkninger senest fredag." }))
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var mail = Assert.Single(await app.QueryAsync(db => db.Outbox.Where(m => m.To == TestAccounts.MemberEmail && m.Body.Contains($"/moeder/{meeting}/udkast")).ToListAsync()));
        Assert.Matches($@"https?://[^\s/]+/moeder/{meeting}/udkast", mail.Body);
        Assert.StartsWith("Udkast til referat: Forretningsudvalget", mail.Subject);
        var member = await app.SignInAsMemberAsync();
        var draft = await member.GetDocumentAsync($"/moeder/{meeting}/udkast");
        Assert.Contains(secret, draft.Text());
        Assert.Contains("Fortroligt udkast – ikke offentligt.", draft.Text());
        Assert.Contains("Læs udkastet og skriv bemærkninger", (await member.GetDocumentAsync($"/moeder/{meeting}")).Text());

        using (var outsider = await (await app.SignInAsOutsiderMemberAsync()).GetAsync($"/moeder/{meeting}/udkast"))
        {
            Assert.Equal(HttpStatusCode.Redirect, outsider.StatusCode);
            Assert.Contains("/konto/ingen-adgang", outsider.Headers.Location!.ToString());
        }
        using (var municipality = await (await app.SignInAsMunicipalityAsync()).GetAsync($"/moeder/{meeting}/udkast"))
            Assert.Contains("/konto/ingen-adgang", municipality.Headers.Location!.ToString());
        using (var anonymous = await app.CreateAnonymousClient().GetAsync($"/moeder/{meeting}/udkast"))
            Assert.Contains("/konto/log-ind", anonymous.Headers.Location!.ToString());
        Assert.True(await app.QueryAsync(db => db.AuditLog.AnyAsync(e => e.Action == Rammevaerk.Notifications.SecurityEvents.RefusedRole && e.Path!.Contains($"/moeder/{meeting}/udkast"))));

        using (var empty = await member.PostFormAsync($"/moeder/{meeting}/udkast", new Dictionary<string, string> { ["ItemId"] = item.ToString(), ["Text"] = "  " }))
            Assert.Contains("Skriv din bemærkning.", (await empty.ReadDocumentAsync()).Text());
        using (var comment = await member.PostFormAsync($"/moeder/{meeting}/udkast", new Dictionary<string, string> { ["ItemId"] = item.ToString(), ["Text"] = "Husk også hækken mod vejen." }))
            Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);

        var overview = await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/udkast");
        Assert.Contains("Husk også hækken mod vejen.", overview.Text());
        Assert.Contains("Mogens Bak Hansen (test)", overview.Text());
        Assert.DoesNotContain(secret, (await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{meeting}")).Text());
    }

    [Fact]
    public async Task Draft_minutes_with_a_cpr_number_are_not_sent()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med cpr i udkastet", "Visitation");
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        await secretariat.WriteAsync(item, "Input.Decision", "Borgeren med cpr-nr. 010190-1234 visiteres.");

        using var refused = await secretariat.PostFormAsync($"/sekretariat/moeder/{meeting}/udkast", new Dictionary<string, string>());

        var page = await refused.ReadDocumentAsync();
        Assert.Contains("Udkastet indeholder CPR-numre og kan ikke sendes.", page.Text());
        Assert.DoesNotContain("1234", page.QuerySelector(".findings")!.TextContent);
        Assert.Equal(0, await app.QueryAsync(db => db.DraftMinutes.CountAsync(d => d.MeetingId == meeting)));
    }
}

public sealed class PrivateDraftMinutesTestsOnSqlite(SqliteAppFactory app) : PrivateDraftMinutesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PrivateDraftMinutesTestsOnPostgres(PostgresAppFactory app) : PrivateDraftMinutesTests(app), IClassFixture<PostgresAppFactory>;
