using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Offers;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Offers;

/// <summary>One service of the offer form, as a test fills it in.</summary>
public sealed record ServiceFields(
    string Name, int? Places, string? Rate, string? Unit = "PerDay", string[]? Bases = null, string[]? Groups = null,
    string? Hours = "8,4", bool Covered = true, int? Id = null, int? RateYear = null, string? Comment = null, string? RateReason = null);

/// <summary>The secretariat's offer form as plain posts, for the integration tests.</summary>
public static class OfferSteps
{
    public const string NewUrl = "/sekretariat/tilbud/ny";

    /// <summary>The maintained lists exist in every app (demo data loads them; this makes the tests independent of it).</summary>
    public static Task EnsureListsAsync(this AppFactory app) =>
        app.QueryAsync(async db => { await ReferenceLists.EnsureAsync(db); return 0; });

    /// <summary>The operator select's value for a name ("Varde Kommune"), as the form offers it.</summary>
    public static async Task<string> OperatorValueAsync(HttpClient client, string name)
    {
        var page = await client.GetDocumentAsync(NewUrl);
        return page.QuerySelectorAll("#f-Operator option").Single(o => o.TextContent.Trim() == name).GetAttribute("value")!;
    }

    public static List<KeyValuePair<string, string>> Form(
        string name, string operatorValue, int year, IReadOnlyList<ServiceFields> services, string reason = "Oprettet i test",
        string? stamp = null, int? departmentId = null, string department = "Afdeling A", string status = "Active", string? portalId = null)
    {
        var f = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", name), new("Input.Operator", operatorValue), new("Input.Address", "Testvej 1"), new("Input.PostalCode", "6800"),
            new("Input.City", "Varde"), new("Input.Status", status), new("Input.StatusSince", "2020-01-01"), new("Input.Year", year.ToString()),
            new("Input.Reason", reason), new("Input.Departments[0].Name", department),
        };
        if (portalId is not null) f.Add(new("Input.PortalId", portalId));
        if (stamp is not null) f.Add(new("Input.Stamp", stamp));
        if (departmentId is int did) f.Add(new("Input.Departments[0].Id", did.ToString()));
        for (var s = 0; s < services.Count; s++)
        {
            var sv = services[s];
            var k = $"Input.Departments[0].Services[{s}].";
            if (sv.Id is int sid) f.Add(new(k + "Id", sid.ToString()));
            f.Add(new(k + "Name", sv.Name));
            if (sv.Places is int p) f.Add(new(k + "Places", p.ToString()));
            if (sv.Rate is not null) f.Add(new(k + "Rate", sv.Rate));
            f.Add(new(k + "RateUnit", sv.Unit ?? ""));
            f.Add(new(k + "RateYear", (sv.RateYear ?? year).ToString()));
            if (sv.Hours is not null) f.Add(new(k + "ServiceLevelHours", sv.Hours));
            foreach (var b in sv.Bases ?? ["SEL § 107"]) f.Add(new(k + "LegalBases", b));
            foreach (var g in sv.Groups ?? ["Sindslidelse"]) f.Add(new(k + "TargetGroups", g));
            if (sv.Covered) f.Add(new(k + "Covered", "true"));
            f.Add(new(k + "Covered", "false"));
            if (sv.Comment is not null) f.Add(new(k + "Comment", sv.Comment));
            if (sv.RateReason is not null) f.Add(new(k + "RateChangeReason", sv.RateReason));
        }
        return f;
    }

    /// <summary>GETs <paramref name="pageUrl"/> for its antiforgery token and posts the fields (which may repeat).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, List<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        return await client.PostAsync(action ?? pageUrl, new FormUrlEncodedContent([.. fields, new(Browserless.AntiforgeryField, page.AntiforgeryToken())]));
    }

    /// <summary>Creates an offer through the form; returns its id.</summary>
    public static async Task<int> CreateOfferAsync(HttpClient client, List<KeyValuePair<string, string>> form)
    {
        using var response = await PostAsync(client, NewUrl, form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await response.ReadDocumentAsync();
            Assert.Fail("Creating the offer failed: " + page.QuerySelector("#fejl")?.TextContent);
        }
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    /// <summary>The ids the edit form carries: stamp, first department, its services.</summary>
    public static async Task<(string Stamp, int DepartmentId, int[] ServiceIds)> FormIdsAsync(HttpClient client, int offerId)
    {
        var page = await client.GetDocumentAsync($"/sekretariat/tilbud/{offerId}");
        return Ids(page);
    }

    public static (string Stamp, int DepartmentId, int[] ServiceIds) Ids(IDocument page) => (
        page.QuerySelector("input[name='Input.Stamp']")!.GetAttribute("value")!,
        int.Parse(page.QuerySelector("input[name='Input.Departments[0].Id']")!.GetAttribute("value")!),
        page.QuerySelectorAll("input[name^='Input.Departments[0].Services['][name$='].Id']").Select(i => int.Parse(i.GetAttribute("value")!)).ToArray());

    public static Task<int> RevisionCountAsync(this AppFactory app, int offerId) =>
        app.QueryAsync(db => db.OfferRevisions.CountAsync(r => r.OfferId == offerId));
}
