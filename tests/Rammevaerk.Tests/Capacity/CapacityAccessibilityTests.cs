using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rammevaerk.Capacity;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using static Microsoft.Playwright.Assertions;
using E2E = Rammevaerk.Tests.EndToEnd.EndToEnd;

namespace Rammevaerk.Tests.Capacity;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA) on the capacity pages the journey does not reach: a notice on a draft agenda with
/// its withdraw section, withdrawing it in the browser, the withdrawn notice for the filer and the secretariat (with
/// the e-mails about it), the agenda item that still holds it, the secretariat's list, and on a phone the form and the
/// public list.
/// </summary>
public sealed class CapacityAccessibilityTests(KestrelAppHost app, BrowserFixture browser)
    : IClassFixture<KestrelAppHost>, IClassFixture<BrowserFixture>
{
    /// <summary>Billund files and submits a reduction on Skibet over HTTP; the secretariat puts it on a draft agenda.</summary>
    private async Task<(int NoticeId, int ItemId)> FiledOnDraftAgendaAsync()
    {
        var (offerId, serviceId, serviceName, places) = await app.QueryAsync(async db =>
        {
            var skibet = await db.Offers.Include(o => o.Departments).ThenInclude(d => d.Services).SingleAsync(o => o.Name == "Skibet");
            var service = skibet.Departments.SelectMany(d => d.Services).OrderByDescending(s => s.Places).First();
            return (skibet.Id, service.Id, service.Name, service.Places);
        });
        var billund = await app.SignInAsync(TestAccounts.SecondMunicipalityEmail, TestAccounts.SecondMunicipalityPassword);
        using var filed = await billund.PostFormAsync($"/kapacitet/ny?tilbud={offerId}", new Dictionary<string, string>
        {
            ["Form.OfferId"] = offerId.ToString(), ["Form.Kind"] = "Reduction", ["Form.Reason"] = "Færre henvendelser.",
            ["Form.EffectiveDate"] = DateOnly.FromDateTime(Danish.TodayOf(TimeProvider.System)).AddDays(120).ToString("yyyy-MM-dd"),
            ["Form.Lines[0].ServiceId"] = serviceId.ToString(), ["Form.Lines[0].ServiceName"] = serviceName,
            ["Form.Lines[0].PlacesBefore"] = places.ToString(), ["Form.Lines[0].PlacesAfter"] = (places - 1).ToString(), ["submit"] = "true",
        }, "/kapacitet/ny");
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var id = int.Parse(filed.Headers.Location!.ToString().Split('/').Last());

        var secretariat = await app.SignInAsSecretariatAsync();
        var list = await secretariat.GetDocumentAsync("/sekretariat/kapacitet");
        var draft = list.QuerySelectorAll("#MeetingId option").First(o => o.TextContent.Contains("(Kladde)")).GetAttribute("value")!;
        using var put = await secretariat.PostAsync("/sekretariat/kapacitet?handler=Agenda", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Selected"] = id.ToString(), ["MeetingId"] = draft, [Browserless.AntiforgeryField] = list.AntiforgeryToken(),
        }));
        Assert.Equal(HttpStatusCode.Redirect, put.StatusCode);
        return (id, int.Parse(put.Headers.Location!.ToString().Split('/').Last()));
    }

    [Fact]
    public async Task Withdrawing_a_notice_on_a_draft_agenda_and_the_pages_that_show_it_have_no_WCAG_violations()
    {
        var (id, itemId) = await FiledOnDraftAgendaAsync();

        // --- Billund withdraws it in the browser ---------------------------------------------------------------------
        await using var billund = await E2E.NewContextAsync(browser, app.BaseUrl);
        var b = await billund.NewPageAsync();
        await E2E.SignInAsync(b, TestAccounts.SecondMunicipalityEmail, TestAccounts.SecondMunicipalityPassword);
        await b.GotoAsync($"/kapacitet/{id}");
        var section = b.GetByRole(AriaRole.Region, new() { Name = "Træk orienteringen tilbage" });
        await Expect(section).ToContainTextAsync("Orienteringen står allerede på punkt");
        await Expect(section).ToContainTextAsync("udkastet til dagsorden");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(b), "notice on a draft agenda, with the withdraw section");
        await E2E.ScreenshotAsync(b, "capacity-withdraw-section");
        await section.GetByLabel("Begrundelse for tilbagetrækningen (valgfri)").FillAsync("Byrådet har besluttet at bevare pladserne.");
        b.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Træk orienteringen tilbage" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Status)).ToContainTextAsync("Orienteringen er trukket tilbage");
        await Expect(b.GetByRole(AriaRole.Status)).ToContainTextAsync("sekretariatet retter punktet");
        await Expect(E2E.HeaderValue(b, "Status")).ToHaveTextAsync("Trukket tilbage");
        await Expect(b.GetByRole(AriaRole.Region, new() { Name = "Træk orienteringen tilbage" })).ToHaveCountAsync(0);
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(b), "withdrawn notice (filer)");
        await E2E.ScreenshotAsync(b, "capacity-withdrawn");

        // --- The secretariat ------------------------------------------------------------------------------------------
        await using var secretariat = await E2E.NewContextAsync(browser, app.BaseUrl);
        var s = await secretariat.NewPageAsync();
        await E2E.SignInAsSecretariatAsync(s);
        await s.GotoAsync($"/sekretariat/kapacitet/{id}");
        await Expect(s.GetByRole(AriaRole.Note)).ToContainTextAsync("har trukket orienteringen tilbage");
        await Expect(s.Locator("#mails")).ToContainTextAsync("venter");
        await Expect(s.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(s), "withdrawn notice (secretariat)");
        await E2E.ScreenshotAsync(s, "capacity-withdrawn-secretariat");
        await s.GetByRole(AriaRole.Note).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(s).ToHaveURLAsync(new Regex($"/sekretariat/punkter/{itemId}$"));
        await Expect(s.Locator(".notice-warn", new() { HasTextString = $"Orientering nr. {id} er trukket tilbage" })).ToBeVisibleAsync();
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(s), "agenda item holding a withdrawn notice");
        await s.GotoAsync("/sekretariat/kapacitet");
        await Expect(s.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^Nr\\. {id}:") })).ToHaveCountAsync(0);
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(s), "/sekretariat/kapacitet with a withdrawn notice");

        // --- On a phone: the form and the public list ------------------------------------------------------------------
        await using var phone = await E2E.NewContextAsync(browser, app.BaseUrl, E2E.Phone);
        var p = await phone.NewPageAsync();
        await p.GotoAsync("/kapacitetsaendringer");
        await Expect(p.Locator($"#notits-{id}")).ToContainTextAsync("Trukket tilbage");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(p), "/kapacitetsaendringer (phone)");
        await E2E.ScreenshotAsync(p, "capacity-public-phone");
        await E2E.SignInAsync(p, TestAccounts.SecondMunicipalityEmail, TestAccounts.SecondMunicipalityPassword);
        await p.GotoAsync("/kapacitet/ny");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(p), "/kapacitet/ny (phone)");
        await p.GotoAsync("/kapacitet");
        E2E.AssertNoViolations(await E2E.RunWcagAxeAsync(p), "/kapacitet (phone)");
    }
}
