using System.Net;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json.Linq;
using Rammevaerk.Meetings;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.OParl;

/// <summary>
/// The OParl 1.1 API walked the way a client walks it, from the entry point /oparl/v1.1/system, with every object
/// validated against the official schemas. Demo data: the two seed minutes of Socialdirektørforum, the published
/// Forretningsudvalget agenda with a closed item 3, and an unpublished Socialdirektørforum draft.
/// </summary>
public abstract class OParlApiTests(AppFactory app)
{
    private const string Entry = "/oparl/v1.1/system";
    private const string ClosedText = "konkret personalesag";
    private const string ClosedFile = "Notat om personalesag";

    private static readonly string[] ServedTypes =
        ["System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "File", "Location", "Paper", "Consultation"];

    private static readonly string[] BodyLists =
        ["organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "membership", "locationList", "legislativeTermList"];

    private static readonly Lazy<Task<OParlSchemas>> Schemas = new(OParlSchemas.LoadAsync);

    [Fact]
    public async Task Every_object_reached_from_the_entry_point_is_valid_against_the_official_schemas()
    {
        var schemas = await Schemas.Value;
        var client = app.CreateAnonymousClient();
        var problems = new List<string>();
        var types = new HashSet<string>();
        var fetched = new HashSet<string>();
        var toFetch = new Queue<string>();
        var listsWalked = 0;

        void Seen(string type, string id, JObject _)
        {
            types.Add(type);
            if (!fetched.Contains(id)) toFetch.Enqueue(id);
        }

        async Task<JObject> FetchObjectAsync(string url)
        {
            fetched.Add(url);
            var obj = (JObject)await GetJsonAsync(client, url);
            Assert.Equal(url, obj.Value<string>("id"));
            problems.AddRange(schemas.Validate(obj, url, Seen));
            return obj;
        }

        async Task WalkListAsync(string url)
        {
            listsWalked++;
            for (var page = url; page is not null;)
            {
                var list = (JObject)await GetJsonAsync(client, page);
                Assert.IsType<JArray>(list["data"]);
                Assert.IsType<JObject>(list["pagination"]);
                Assert.IsType<JObject>(list["links"]);
                foreach (var element in list["data"]!.Cast<JObject>())
                {
                    problems.AddRange(schemas.Validate(element, page, Seen));
                }
                page = list["links"]!.Value<string>("next");
            }
        }

        var system = await FetchObjectAsync(new Uri(client.BaseAddress!, Entry).ToString());
        Assert.Equal("https://schema.oparl.org/1.1/", system.Value<string>("oparlVersion"));
        await WalkListAsync(system.Value<string>("body")!);
        var body = await FetchObjectAsync(system.Value<string>("body")! + "/1");
        foreach (var list in BodyLists)
        {
            await WalkListAsync(body.Value<string>(list) ?? throw new Xunit.Sdk.XunitException($"Body has no '{list}' list"));
        }
        while (toFetch.TryDequeue(out var id))
        {
            if (fetched.Contains(id)) continue;
            var obj = await FetchObjectAsync(id);
            if (obj.Value<string>("type") == OParlSchemas.TypePrefix + "Organization") await WalkListAsync(obj.Value<string>("meeting")!);
        }

        Assert.Empty(problems);
        Assert.Equal(ServedTypes.Order(), types.Order());
        Assert.True(fetched.Count > 50, $"Only {fetched.Count} objects were fetched.");
        Assert.True(listsWalked >= BodyLists.Length + 4);
    }

    [Fact]
    public async Task Meetings_carry_items_decisions_files_and_their_place()
    {
        var client = app.CreateAnonymousClient();
        var id = await SeedMeetingIdAsync(2025);

        var meeting = (JObject)await GetJsonAsync(client, $"/oparl/v1.1/meeting/{id}");
        var items = (JArray)meeting["agendaItem"]!;

        Assert.Equal("Møde i Socialdirektørforum", meeting.Value<string>("name"));
        Assert.Equal("2025-06-27T09:00:00+02:00", meeting.Value<string>("start"));
        Assert.Equal("2025-06-27T12:00:00+02:00", meeting.Value<string>("end"));
        Assert.Equal("durchgeführt", meeting.Value<string>("meetingState"));
        Assert.EndsWith($"/moeder/{id}", meeting.Value<string>("web"));
        Assert.Equal(21, items.Count);
        Assert.Equal(Enumerable.Range(1, 21).Select(n => n.ToString()), items.Select(i => i.Value<string>("number")));
        Assert.Equal(Enumerable.Range(0, 21), items.Select(i => i.Value<int>("order")));
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.Value<string>("resolutionText"))));
        var location = (JObject)meeting["location"]!;
        Assert.Equal("Byrådssalen, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)", location.Value<string>("description"));
        Assert.Equal("Nytorv 9", location.Value<string>("streetAddress"));
        Assert.Equal("5500", location.Value<string>("postalCode"));
        Assert.Equal("Middelfart", location.Value<string>("locality"));
        var standalone = (JObject)await GetJsonAsync(client, location.Value<string>("id")!);
        Assert.Contains(meeting.Value<string>("id"), standalone["meetings"]!.Values<string>());

        // Imported minutes know their attachments by name only: a File with no download, pointing at the item.
        var missing = items.SelectMany(i => i["auxiliaryFile"] ?? new JArray()).Cast<JObject>().First();
        Assert.Null(missing["downloadUrl"]);
        Assert.Contains($"/moeder/{id}#punkt-", missing.Value<string>("accessUrl"));
    }

    [Fact]
    public async Task An_uploaded_file_has_access_and_download_urls_that_serve_it()
    {
        var client = app.CreateAnonymousClient();
        var fileId = await app.QueryAsync(db => db.Attachments.Where(a => a.FileName.StartsWith("Udkast til dagsorden")).Select(a => a.Id).SingleAsync());

        var file = (JObject)await GetJsonAsync(client, $"/oparl/v1.1/file/{fileId}");
        using var access = await client.GetAsync(file.Value<string>("accessUrl"));
        using var download = await client.GetAsync(file.Value<string>("downloadUrl"));

        Assert.Equal("application/pdf", file.Value<string>("mimeType"));
        Assert.Equal(file.Value<long>("size"), (await access.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
        Assert.Equal("inline", access.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("%PDF", await download.Content.ReadAsStringAsync());
        Assert.Single(file["meeting"]!);
        Assert.Single(file["agendaItem"]!);
    }

    [Fact]
    public async Task Closed_item_appears_with_number_and_title_only_and_its_file_does_not_exist()
    {
        var client = app.CreateAnonymousClient();
        var meetingId = await app.QueryAsync(db => db.Meetings.Where(m => m.Title == "Møde i Forretningsudvalget").Select(m => m.Id).SingleAsync());
        var itemId = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meetingId && i.IsClosed).Select(i => i.Id).SingleAsync());
        var fileId = await app.QueryAsync(db => db.Attachments.Where(a => a.FileName == ClosedFile + ".pdf").Select(a => a.Id).SingleAsync());

        var meetingJson = await GetTextAsync(client, $"/oparl/v1.1/meeting/{meetingId}");
        var item = ((JObject)OParlSchemas.Parse(meetingJson))["agendaItem"]!.Single(i => i.Value<string>("number") == "3");
        var standalone = (JObject)await GetJsonAsync(client, $"/oparl/v1.1/agendaitem/{itemId}");
        var allFiles = await CollectIdsAsync(client, "/oparl/v1.1/body/1/file?elementsPerPage=20");

        foreach (var closed in new[] { (JObject)item, standalone })
        {
            Assert.Equal("Personalesag i sekretariatet", closed.Value<string>("name"));
            Assert.False(closed.Value<bool>("public"));
            Assert.Null(closed["resolutionText"]);
            Assert.Null(closed["auxiliaryFile"]);
        }
        Assert.DoesNotContain(ClosedText, meetingJson);
        Assert.DoesNotContain(ClosedFile, meetingJson);
        await AssertJsonNotFoundAsync(client, $"/oparl/v1.1/file/{fileId}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/oparl/v1.1/file/{fileId}/access")).StatusCode);
        Assert.DoesNotContain(allFiles, id => id.EndsWith($"/file/{fileId}"));
        Assert.NotEmpty(allFiles);
    }

    [Fact]
    public async Task Draft_meeting_and_its_items_are_json_404_and_listed_nowhere()
    {
        var client = app.CreateAnonymousClient();
        var draft = await app.QueryAsync(db => db.Meetings.Where(m => m.State == MeetingState.Draft).Select(m => new { m.Id, ItemId = m.Items.First().Id }).FirstAsync());

        await AssertJsonNotFoundAsync(client, $"/oparl/v1.1/meeting/{draft.Id}");
        await AssertJsonNotFoundAsync(client, $"/oparl/v1.1/agendaitem/{draft.ItemId}");
        Assert.DoesNotContain(await CollectIdsAsync(client, "/oparl/v1.1/body/1/meeting"), id => id.EndsWith($"/meeting/{draft.Id}"));
        Assert.DoesNotContain(await CollectIdsAsync(client, "/oparl/v1.1/body/1/agendaitem"), id => id.EndsWith($"/agendaitem/{draft.ItemId}"));
    }

    [Theory]
    [InlineData("/oparl/v1.1/meeting/999999")]
    [InlineData("/oparl/v1.1/agendaitem/999999")]
    [InlineData("/oparl/v1.1/file/999999")]
    [InlineData("/oparl/v1.1/person/999999")]
    [InlineData("/oparl/v1.1/membership/999999")]
    [InlineData("/oparl/v1.1/organization/999999")]
    [InlineData("/oparl/v1.1/organization/999999/meeting")]
    [InlineData("/oparl/v1.1/location/0123456789abcdef")]
    [InlineData("/oparl/v1.1/location/..%2F..%2Fetc")]
    [InlineData("/oparl/v1.1/body/2")]
    [InlineData("/oparl/v1.1/body/2/meeting")]
    [InlineData("/oparl/v1.1/meeting/abc")]
    [InlineData("/oparl/v1.1/paper/999999")]
    [InlineData("/oparl/v1.1/no/such/thing")]
    [InlineData("/oparl/v2/system")]
    public async Task Missing_object_answers_json_404(string url) =>
        await AssertJsonNotFoundAsync(app.CreateAnonymousClient(), url);

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("elementsPerPage=-1")]
    [InlineData("modified_since=yesterday")]
    [InlineData("created_until=2025-13-45T99:00:00Z")]
    [InlineData("modified_since=%27%3B%20DROP%20TABLE%20%22Meetings%22%3B--")]
    public async Task Malformed_list_parameters_answer_json_400(string query)
    {
        using var response = await app.CreateAnonymousClient().GetAsync($"/oparl/v1.1/body/1/meeting?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("error", (JObject)OParlSchemas.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Lists_page_through_every_object_with_a_small_page_size()
    {
        var client = app.CreateAnonymousClient();
        var all = (JObject)await GetJsonAsync(client, "/oparl/v1.1/body/1/meeting");
        var expected = all["data"]!.Select(m => m.Value<string>("id")!).ToList();
        Assert.True(expected.Count >= 3);
        Assert.Equal(expected.Count, all["pagination"]!.Value<int>("totalElements"));

        var seen = new List<string>();
        var page = 1;
        for (var url = "/oparl/v1.1/body/1/meeting?elementsPerPage=1"; url is not null; page++)
        {
            var list = (JObject)await GetJsonAsync(client, url);
            var pagination = list["pagination"]!;
            var links = list["links"]!;
            Assert.Equal(1, pagination.Value<int>("elementsPerPage"));
            Assert.Equal(page, pagination.Value<int>("currentPage"));
            Assert.Equal(expected.Count, pagination.Value<int>("totalPages"));
            Assert.Equal(expected.Count, pagination.Value<int>("totalElements"));
            Assert.Contains("elementsPerPage=1", links.Value<string>("first"));
            Assert.Contains($"page={expected.Count}", links.Value<string>("last"));
            Assert.Equal(page > 1, links["prev"] is not null);
            seen.AddRange(list["data"]!.Select(m => m.Value<string>("id")!));
            url = links.Value<string>("next");
        }

        Assert.Equal(expected, seen);
        var beyond = (JObject)await GetJsonAsync(client, $"/oparl/v1.1/body/1/meeting?elementsPerPage=1&page={expected.Count + 5}");
        Assert.Empty(beyond["data"]!);
        var tooMany = (JObject)await GetJsonAsync(client, "/oparl/v1.1/body/1/agendaitem?elementsPerPage=100000");
        Assert.True(tooMany["pagination"]!.Value<int>("elementsPerPage") <= 100);
    }

    [Fact]
    public async Task Modified_since_returns_what_changed_after_the_time_and_nothing_older()
    {
        var client = app.CreateAnonymousClient();
        var changed = await SeedMeetingIdAsync(2025);
        var untouched = await SeedMeetingIdAsync(2024);
        var changedUrl = $"/oparl/v1.1/meeting/{changed}";
        Assert.DoesNotContain("Tilføjet efter udgivelsen", await GetTextAsync(client, changedUrl)); // now in the cache

        var before = DateTime.UtcNow;
        await Task.Delay(20);
        var secretariat = await app.SignInAsSecretariatAsync();
        var item = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == changed && i.Number == 21).Select(i => i.Id).SingleAsync());
        var form = await secretariat.ItemFormAsync(item);
        form["Input.Decision"] += "\n\nTilføjet efter udgivelsen.";
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.SaveItemAsync(item, form)).StatusCode);
        Assert.DoesNotContain("Tilføjet efter udgivelsen", await GetTextAsync(client, changedUrl)); // the cache was evicted, but the change is not public until published
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.MeetingActionAsync(changed, "PublishNewVersion")).StatusCode);
        var created = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Ekstra møde efter tidspunktet");
        Assert.Equal(HttpStatusCode.Redirect, (await secretariat.MeetingActionAsync(created, "PublishAgenda")).StatusCode);
        var since = Uri.EscapeDataString(before.ToString("o"));

        var modifiedSince = await CollectIdsAsync(client, $"/oparl/v1.1/body/1/meeting?modified_since={since}");
        var modifiedUntil = await CollectIdsAsync(client, $"/oparl/v1.1/body/1/meeting?modified_until={since}");
        var createdSince = await CollectIdsAsync(client, $"/oparl/v1.1/body/1/meeting?created_since={since}");
        var itemsSince = await CollectIdsAsync(client, $"/oparl/v1.1/body/1/agendaitem?modified_since={since}");
        var filesSince = await CollectIdsAsync(client, $"/oparl/v1.1/body/1/file?modified_since={since}");

        Assert.Equal(new[] { $"/meeting/{changed}", $"/meeting/{created}" }.Order(), modifiedSince.Select(Tail).Order());
        Assert.Contains($"/meeting/{untouched}", modifiedUntil.Select(Tail));
        Assert.DoesNotContain($"/meeting/{changed}", modifiedUntil.Select(Tail));
        Assert.Equal(new[] { $"/meeting/{created}" }, createdSince.Select(Tail));
        Assert.Equal(21 + 3, itemsSince.Count); // the changed meeting's 21 items and the new meeting's 3 standard items
        Assert.NotEmpty(filesSince);
        Assert.Contains("Tilføjet efter udgivelsen", await GetTextAsync(client, changedUrl)); // the cache was evicted
        var meeting = (JObject)await GetJsonAsync(client, changedUrl);
        Assert.True(DateTimeOffset.Parse(meeting.Value<string>("modified")!) >= new DateTimeOffset(before).AddSeconds(-1));
    }

    [Fact]
    public async Task Json_answers_allow_any_origin_and_are_cached_for_anonymous_readers()
    {
        var client = app.CreateAnonymousClient();

        using var first = await client.GetAsync(Entry);
        using var list = await client.GetAsync("/oparl/v1.1/body/1/organization");
        using var missing = await client.GetAsync("/oparl/v1.1/meeting/999999");

        foreach (var response in new[] { first, list, missing })
        {
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
        using var second = await client.GetAsync(Entry);
        Assert.True(second.Headers.Age is not null || second.Headers.Contains("Age"), "The second answer should come from the output cache.");
        Assert.Equal("*", second.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Task<int> SeedMeetingIdAsync(int year) =>
        app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey != null && m.ImportKey.Contains($"/{year}-")).Select(m => m.Id).SingleAsync());

    private static string Tail(string url) => url[url.LastIndexOf("/meeting/", StringComparison.Ordinal)..];

    private static async Task<string> GetTextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        return text;
    }

    private static async Task<JToken> GetJsonAsync(HttpClient client, string url) => OParlSchemas.Parse(await GetTextAsync(client, url));

    /// <summary>The ids of every object in an external list, following the next links.</summary>
    private static async Task<List<string>> CollectIdsAsync(HttpClient client, string url)
    {
        var ids = new List<string>();
        for (string? page = url; page is not null;)
        {
            var list = (JObject)await GetJsonAsync(client, page);
            ids.AddRange(list["data"]!.Select(o => o.Value<string>("id")!));
            page = list["links"]!.Value<string>("next");
        }
        return ids;
    }

    private static async Task AssertJsonNotFoundAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = (JObject)OParlSchemas.Parse(text);
        Assert.False(string.IsNullOrWhiteSpace(error.Value<string>("error")));
        Assert.Equal(404, error.Value<int>("status"));
    }
}

public sealed class OParlApiTestsOnSqlite(SqliteAppFactory app) : OParlApiTests(app), IClassFixture<SqliteAppFactory>;

public sealed class OParlApiTestsOnPostgres(PostgresAppFactory app) : OParlApiTests(app), IClassFixture<PostgresAppFactory>;
