using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rammevaerk.Capacity;
using Rammevaerk.Shared.Forms;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;
using Xunit.Abstractions;

namespace Rammevaerk.Tests.HostileInput;

/// <summary>
/// Submitting twice does once: a double click, a refresh or a retried POST of the same form (the same one-time token
/// and content) creates one thing and shows it, sends its e-mails once, also when the two arrive together and when
/// they reach two app nodes on one database.
/// </summary>
public abstract class DoubleSubmitTests(RecordingAppFactory app, ITestOutputHelper output)
{
    private static readonly string[] AllowedWrites = ["INSERT AuditLog"];

    private async Task<(PostForm Form, List<KeyValuePair<string, string>> Fields)> NewMeetingFormAsync(HttpClient client, string title)
    {
        var form = (await FormWalker.OnPageAsync(client, "/sekretariat/moeder/nyt")).Single(f => f.Action == "/sekretariat/moeder/nyt");
        var body = await app.BodyIdAsync("Forretningsudvalget");
        var fields = form.Fields(new Dictionary<string, string>
        {
            ["Input.BodyId"] = body.ToString(), ["Input.Title"] = title, ["Input.StartsLocal"] = "2027-02-05T09:00", ["Input.EndsLocal"] = "2027-02-05T12:00",
        });
        return (form, fields);
    }

    private Task<List<int>> MeetingsTitledAsync(string title) => app.QueryAsync(db => db.Meetings.Where(m => m.Title == title).Select(m => m.Id).ToListAsync());

    [Fact]
    public async Task Nyt_moede_sent_twice_makes_one_meeting_and_the_second_shows_it()
    {
        var client = await app.SignInAsSecretariatAsync();
        var title = $"Møde sendt to gange {Guid.NewGuid():N}";
        var (form, fields) = await NewMeetingFormAsync(client, title);

        using var first = await client.SendAsync(form.Request(fields));
        using var second = await client.SendAsync(form.Request(fields));

        var id = Assert.Single(await MeetingsTitledAsync(title));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/sekretariat/moeder/{id}", first.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal($"/sekretariat/moeder/{id}", second.Headers.Location!.ToString());
        var shown = await client.GetDocumentAsync(second.Headers.Location!.ToString());
        Assert.Equal(OneTimeSubmissionFilter.DuplicateMessage, shown.QuerySelector("[role=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Two_submissions_at_the_same_moment_make_one_meeting()
    {
        var client = await app.SignInAsSecretariatAsync();
        var title = $"Dobbeltklik {Guid.NewGuid():N}";
        var (form, fields) = await NewMeetingFormAsync(client, title);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SendAsync(form.Request(fields))));

        var id = Assert.Single(await MeetingsTitledAsync(title));
        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal($"/sekretariat/moeder/{id}", r.Headers.Location!.ToString());
        });
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task The_same_form_changed_and_sent_again_is_a_new_submission()
    {
        // The user went back, changed the title and sent the form again: that is not a repeat.
        var client = await app.SignInAsSecretariatAsync();
        var title = $"Ændret og sendt igen {Guid.NewGuid():N}";
        var (form, fields) = await NewMeetingFormAsync(client, title);
        using var first = await client.SendAsync(form.Request(fields));
        var changed = fields.Select(f => f.Key == "Input.Title" ? new KeyValuePair<string, string>(f.Key, title + " (rettet)") : f).ToList();

        using var second = await client.SendAsync(form.Request(changed));

        Assert.Single(await MeetingsTitledAsync(title));
        Assert.Single(await MeetingsTitledAsync(title + " (rettet)"));
    }

    [Fact]
    public async Task A_post_without_its_one_time_token_is_refused_in_Danish_and_changes_nothing()
    {
        var client = await app.SignInAsSecretariatAsync();
        var title = $"Uden engangskode {Guid.NewGuid():N}";
        var (form, fields) = await NewMeetingFormAsync(client, title);
        app.Recorder.Clear();

        using var response = await client.SendAsync(form.Request(fields.Where(f => f.Key != SubmissionToken.FieldName)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Formularen mangler sin engangskode og er ikke sendt. Genindlæs siden, og send formularen igen.", page.Text());
        Assert.Empty(app.Recorder.Writes);
        Assert.Empty(await MeetingsTitledAsync(title));
    }

    [Fact]
    public async Task A_capacity_notice_submitted_twice_is_one_notice_with_its_mails_sent_once()
    {
        var client = await app.SignInAsMunicipalityAsync();
        var choose = await client.GetDocumentAsync("/kapacitet/ny");
        var offer = choose.QuerySelectorAll("select[name=tilbud] option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v));
        var url = $"/kapacitet/ny?tilbud={offer}&art=Reduction";
        var form = (await FormWalker.OnPageAsync(client, url)).Single(f => f.Button?.Value == "true");
        var before = int.Parse(form.Controls.Single(c => c.Name == "Form.Lines[0].PlacesBefore").Value);
        var fields = form.Fields(new Dictionary<string, string>
        {
            ["Form.Reason"] = $"Færre henvendelser {Guid.NewGuid():N}", ["Form.Consequences"] = "Ingen.", ["Form.Process"] = "Besluttet af byrådet.",
            ["Form.EffectiveDate"] = DateTime.Today.AddDays(90).ToString("yyyy-MM-dd"), ["Form.Lines[0].PlacesAfter"] = (before - 1).ToString(),
        });
        var reason = fields.Single(f => f.Key == "Form.Reason").Value;

        using var first = await client.SendAsync(form.Request(fields));
        using var second = await client.SendAsync(form.Request(fields));

        var notice = Assert.Single(await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Reason == reason).Select(n => n.Id).ToListAsync()));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var topic = CapacityService.Topic(CapacityService.TopicSubmitted, notice);
        var mails = await app.QueryAsync(db => db.Outbox.Where(m => m.Topic == topic).Select(m => m.To).ToListAsync());
        Assert.NotEmpty(mails);
        Assert.Equal(mails.Count, mails.Distinct().Count());
    }

    [Fact]
    public async Task A_second_app_node_on_the_same_database_shows_the_first_nodes_result()
    {
        await using var node2 = new SecondNode(app.Database);
        var client1 = await app.SignInAsSecretariatAsync();
        var client2 = await node2.SignInAsSecretariatAsync();
        var title = $"To noder {Guid.NewGuid():N}";
        var (form, fields) = await NewMeetingFormAsync(client1, title);
        var token = fields.Single(f => f.Key == SubmissionToken.FieldName).Value;
        // Node 2's own rendering of the form gives the antiforgery token of that session; the one-time token and
        // the content are the first submission's.
        var form2 = (await FormWalker.OnPageAsync(client2, "/sekretariat/moeder/nyt")).Single(f => f.Action == "/sekretariat/moeder/nyt");
        var antiforgery = form2.Controls.Single(c => c.Name == Browserless.AntiforgeryField).Value;
        var fields2 = fields.Select(f => f.Key == Browserless.AntiforgeryField ? new KeyValuePair<string, string>(f.Key, antiforgery) : f).ToList();

        using var first = await client1.SendAsync(form.Request(fields));
        using var second = await client2.SendAsync(form2.Request(fields2));

        var id = Assert.Single(await MeetingsTitledAsync(title));
        Assert.Equal($"/sekretariat/moeder/{id}", second.Headers.Location!.ToString());
        Assert.Equal(token, fields2.Single(f => f.Key == SubmissionToken.FieldName).Value);
    }

    /// <summary>
    /// Every form of the app, sent twice with the same token and content: the second writes nothing and answers
    /// with the first one's result, never a 500. Destructive on purpose (forms are really submitted), so this class
    /// has a database of its own.
    /// </summary>
    [Fact]
    public async Task Every_form_sent_twice_does_its_work_once()
    {
        var failures = new List<string>();
        var secretariat = await app.SignInAsSecretariatAsync();
        var municipality = await app.SignInAsMunicipalityAsync();
        var sent = 0;
        foreach (var (client, forms) in new[]
                 {
                     (municipality, await FormWalker.CollectAsync(municipality, ["/", "/indberetning", "/kapacitet", "/early-warning", "/behovsanalyse", "/notifikationer", "/indberetning/belaegning"])),
                     (secretariat, await FormWalker.CollectAsync(secretariat, ["/", "/sekretariat"])),
                 })
        {
            foreach (var form in forms)
            {
                if (!form.Controls.Any(c => c.Name == SubmissionToken.FieldName)) failures.Add($"{form}: the form has no one-time token");
                // Signing out, and the accounts' own forms (passwords), would end the walk; they create nothing.
                if (form.Action.StartsWith("/konto/", StringComparison.Ordinal) || form.Action.StartsWith("/sekretariat/brugere", StringComparison.Ordinal)) continue;
                var fields = form.Fields();
                using var first = await client.SendAsync(form.Request(fields));
                app.Recorder.Clear();
                using var second = await client.SendAsync(form.Request(fields));
                sent++;
                var writes = app.Recorder.Writes.Where(w => !AllowedWrites.Contains(w)).Distinct().ToList();
                if ((int)first.StatusCode >= 500) failures.Add($"{form}: the first submission answered {(int)first.StatusCode}");
                if ((int)second.StatusCode >= 500) failures.Add($"{form}: the second submission answered {(int)second.StatusCode}");
                if (writes.Count > 0) failures.Add($"{form}: the second submission wrote {string.Join(", ", writes)}");
                if (first.StatusCode == HttpStatusCode.Redirect && second.StatusCode == HttpStatusCode.Redirect && first.Headers.Location != second.Headers.Location
                    && second.Headers.Location?.ToString().Split('?')[0] != first.Headers.Location?.ToString().Split('?')[0])
                {
                    failures.Add($"{form}: the first went to {first.Headers.Location}, the second to {second.Headers.Location}");
                }
            }
        }
        output.WriteLine($"{sent} forms sent twice, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_POST_handler_is_guarded_and_only_named_ones_may_repeat()
    {
        // The filter guards every page handler; what a handler may opt out with is listed here, each with its reason.
        var options = app.Services.GetRequiredService<IOptions<MvcOptions>>().Value;
        Assert.Contains(options.Filters, f => f is ServiceFilterAttribute s && s.ServiceType == typeof(OneTimeSubmissionFilter));
        var handlers = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => (Page: t, Method: m)))
            .Where(x => x.Method.Name.StartsWith("OnPost", StringComparison.Ordinal) || x.Method.Name.StartsWith("OnPut", StringComparison.Ordinal) || x.Method.Name.StartsWith("OnDelete", StringComparison.Ordinal))
            .ToList();
        Assert.True(handlers.Count > 80, $"only {handlers.Count} POST handlers found");
        var repeatable = handlers.Where(x => x.Method.IsDefined(typeof(RepeatableSubmitAttribute)) || x.Page.IsDefined(typeof(RepeatableSubmitAttribute)))
            .Select(x => $"{x.Page.Name}.{x.Method.Name}").Order().ToList();
        // The item editor's live preview writes nothing; signing out ends a session, which a repeat cannot do twice.
        Assert.Equal(["ItemModel.OnPostPreview", "LogoutModel.OnPostAsync"], repeatable);
        // Endpoints outside Razor Pages take no forms at all.
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints;
        var posts = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true
                                         && e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is null
                                         && e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is null)
            .Select(e => e.DisplayName).ToList();
        Assert.Empty(posts);
    }

    /// <summary>Another node of the app on the same database (the database stays with the first node).</summary>
    private sealed class SecondNode(TestDatabase shared) : RecordingAppFactory(new Borrowed(shared));

    private sealed class Borrowed(TestDatabase inner) : TestDatabase
    {
        public override Rammevaerk.Data.DatabaseProvider Provider => inner.Provider;
        public override string ConnectionString => inner.ConnectionString;
        public override void Dispose() { }
    }
}

public sealed class DoubleSubmitTestsOnSqlite(SqliteRecordingAppFactory app, ITestOutputHelper output) : DoubleSubmitTests(app, output), IClassFixture<SqliteRecordingAppFactory>;

public sealed class DoubleSubmitTestsOnPostgres(PostgresRecordingAppFactory app, ITestOutputHelper output) : DoubleSubmitTests(app, output), IClassFixture<PostgresRecordingAppFactory>;
