using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Meetings.Import;
using Rammevaerk.Meetings.Publication;
using Rammevaerk.Search;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using Rammevaerk.Tests.Pdf;

namespace Rammevaerk.Tests.Publication;

/// <summary>
/// Issue 12, item 3: what is already public gets the same check. A CPR number in imported minutes, or in minutes
/// published before the check existed, takes that text off the page, the PDF, search and OParl at once, is listed for
/// the secretariat on one page, and returns when a version without it is published. Search never indexes a CPR number.
/// </summary>
public abstract class PublicCheckTests(AppFactory app)
{
    private const string Sentence = "Vejen Kommune har i dag ikke egne pladser";

    private async Task<int> SearchTotalAsync(string query)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ArchiveSearch>().SearchAsync(new SearchRequest(query, null, null, null, 1))).Total;
    }

    /// <summary>
    /// Seed 001 moved to another day (another meeting), imported and public, then given a CPR number in item 6's case
    /// presentation as minutes imported before the check existed would have it (an import today holds such minutes back),
    /// and checked again from the secretariat's page "Kontrol af det offentlige".
    /// </summary>
    private async Task<int> ImportWithCprAsync(HttpClient secretariat, string day)
    {
        const string withCpr = "Vejen Kommune (sag om borgeren 010190-1234) har i dag ikke egne pladser";
        int meeting;
        using (var scope = app.Services.CreateScope())
        {
            var text = SeedFiles.Read("001").Replace("2025-06-27", day);
            meeting = (await scope.ServiceProvider.GetRequiredService<MinutesImporter>().ImportAsync(text, null, "test")).MeetingId;
        }
        await app.QueryAsync(async db =>
        {
            var item = await db.AgendaItems.SingleAsync(i => i.MeetingId == meeting && i.Number == 6);
            item.CasePresentation = item.CasePresentation!.Replace(Sentence, withCpr);
            var version = await db.MeetingVersions.Where(v => v.MeetingId == meeting).OrderByDescending(v => v.Version).FirstAsync();
            Assert.Contains(Sentence, version.SnapshotJson);
            version.SnapshotJson = version.SnapshotJson.Replace(Sentence, withCpr);
            return await db.SaveChangesAsync();
        });
        using var recheck = await secretariat.PostFormAsync("/sekretariat/udgivelser/kontrol", new Dictionary<string, string>(),
            "/sekretariat/udgivelser/kontrol?handler=Recheck");
        Assert.Equal(HttpStatusCode.Redirect, recheck.StatusCode);
        return meeting;
    }

    [Fact]
    public async Task A_cpr_number_in_imported_minutes_is_off_the_public_site_at_once_and_returns_when_fixed()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var anonymous = app.CreateAnonymousClient();
        var meeting = await ImportWithCprAsync(secretariat, "2025-05-27");
        var item = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meeting && i.Number == 6).Select(i => i.Id).SingleAsync());

        var page = await anonymous.GetDocumentAsync($"/moeder/{meeting}");
        var section = page.QuerySelector("#punkt-6")!.TextContent;
        Assert.DoesNotContain("010190", page.Text());
        Assert.Contains("Teksten er midlertidigt fjernet fra den offentlige side", section);
        Assert.Contains("Socialdirektørforum ønskede ikke at komme med udtalelser eller høringer", section); // the decision is untouched
        Assert.DoesNotContain("010190", await anonymous.GetStringAsync($"/oparl/v1.1/agendaitem/{item}"));
        Assert.Equal(0, await SearchTotalAsync("010190"));
        Assert.False(await app.QueryAsync(db => db.SearchEntries.AnyAsync(e => e.MeetingId == meeting && e.Text.Contains("010190"))));
        Assert.Equal(1, await app.QueryAsync(db => db.PublicMeetings.Where(p => p.MeetingId == meeting).Select(p => p.Withheld).SingleAsync()));

        var list = await secretariat.GetDocumentAsync("/sekretariat/udgivelser/kontrol");
        var withheld = list.QuerySelector($"#cpr-{meeting}")!.ParentElement!;
        Assert.Contains("Punkt 6 (Samlet sag vedr. ændringer i kapacitet jf. bilag 4 i styringsaftalen), Sagsfremstilling", withheld.TextContent);
        Assert.Contains("010190-xxxx", withheld.TextContent);
        Assert.DoesNotContain("010190-1234", list.Text());
        Assert.Equal($"/sekretariat/punkter/{item}#Input_CasePresentation", withheld.QuerySelector("li a")!.GetAttribute("href"));

        var form = await secretariat.ItemFormAsync(item);
        form["Input.CasePresentation"] = form["Input.CasePresentation"].Replace(" (sag om borgeren 010190-1234)", "");
        using (var saved = await secretariat.SaveItemAsync(item, form)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await secretariat.PublishOkAsync(meeting, "ny-version");

        Assert.Contains(Sentence, (await anonymous.GetDocumentAsync($"/moeder/{meeting}")).QuerySelector("#punkt-6")!.TextContent);
        Assert.Null((await secretariat.GetDocumentAsync("/sekretariat/udgivelser/kontrol")).QuerySelector($"#cpr-{meeting}"));
        Assert.Equal(0, await app.QueryAsync(db => db.PublicMeetings.Where(p => p.MeetingId == meeting).Select(p => p.Withheld).SingleAsync()));
    }

    [Fact]
    public async Task Minutes_published_before_the_check_existed_are_checked_when_the_app_starts()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Gammelt møde", "Gammel sag", "Baggrunden er uden personnumre.");
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        // As a database from before this change: a published version with a CPR number in it, and no public copy.
        await app.QueryAsync(async db =>
        {
            var version = await db.MeetingVersions.SingleAsync(v => v.MeetingId == meeting);
            version.SnapshotJson = version.SnapshotJson.Replace("Baggrunden er uden personnumre.", "Baggrunden nævner 020202-4321.");
            await db.PublicMeetings.Where(p => p.MeetingId == meeting).ExecuteDeleteAsync();
            return await db.SaveChangesAsync();
        });

        using (var scope = app.Services.CreateScope())
        {
            var (checkedMeetings, withheld) = await scope.ServiceProvider.GetRequiredService<PublicCopy>().EnsureAllAsync();
            Assert.True(checkedMeetings >= 1 && withheld >= 1, $"{checkedMeetings} meetings checked, {withheld} places withheld");
        }

        var page = await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{meeting}?efter-start=1");
        Assert.DoesNotContain("020202", page.Text());
        Assert.Contains("Teksten er midlertidigt fjernet", page.QuerySelector($"#punkt-4")!.TextContent);
        Assert.True(await app.QueryAsync(db => db.PublicFindings.AnyAsync(f => f.MeetingId == meeting && f.Withheld && f.ItemId == item)));
    }

    [Fact]
    public async Task The_seeds_real_errors_are_listed_but_the_archived_text_stays_public_as_published()
    {
        var secretariat = await app.SignInAsSecretariatAsync();

        var list = await secretariat.GetDocumentAsync("/sekretariat/udgivelser/kontrol");

        var others = list.QuerySelectorAll(".findings-warn li").Select(li => li.TextContent).ToList();
        Assert.Contains(others, t => t.Contains("«13. december 2024» ligger efter mødet (22. marts 2024)"));
        Assert.Contains(others, t => t.Contains("«13. december 2025» ligger efter mødet (27. juni 2025)"));
        var seed = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == "socialdirektoerforum/2025-06-27T09:00").Select(m => m.Id).SingleAsync());
        Assert.Contains("fremlagt af Tønder Kommune den 13. december 2025", (await app.CreateAnonymousClient().GetDocumentAsync($"/moeder/{seed}")).Text());
    }

    [Fact]
    public async Task Withheld_text_is_not_in_the_public_pdf_or_oparl()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meeting = await ImportWithCprAsync(secretariat, "2025-04-29");
        var anonymous = app.CreateAnonymousClient();

        var (pdf, _) = await anonymous.GetPdfAsync($"/moeder/{meeting}/pdf");
        var oparl = JsonDocument.Parse(await anonymous.GetStringAsync($"/oparl/v1.1/meeting/{meeting}"));

        Assert.DoesNotContain("010190", PdfReading.AllWords(pdf));
        Assert.Contains("midlertidigt fjernet", PdfReading.AllWords(pdf));
        Assert.DoesNotContain("010190", oparl.RootElement.ToString());
    }
}

public sealed class PublicCheckTestsOnSqlite(SqliteAppFactory app) : PublicCheckTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PublicCheckTestsOnPostgres(PostgresAppFactory app) : PublicCheckTests(app), IClassFixture<PostgresAppFactory>;
