using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Rammevaerk.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rammevaerk.Tests.HostileInput;

/// <summary>
/// Every form, with a million characters (Danish letters, six bytes each in a posted form) in each of its text
/// fields: nothing is saved, the form comes back with the text as it was typed, and the page names the limit in
/// characters ("tegn"). Before, the form could not be read at all: a generic 400 page, the text lost.
/// </summary>
public abstract class OverlongTextTests(RecordingAppFactory app, ITestOutputHelper output)
{
    private static readonly string[] AllowedWrites = ["INSERT AuditLog"];

    /// <summary>A million characters of Danish text for a field, starting with its name so it can be found again.</summary>
    private static string Text(string field)
    {
        var head = $"[{field}] ";
        const string words = "Rødgrød med fløde på Æbeløs kyst – ";
        var body = string.Concat(Enumerable.Repeat(words, (1_000_000 - head.Length) / words.Length + 1));
        return (head + body)[..1_000_000].TrimEnd() + "x";
    }

    private async Task<List<string>> SendAsync(HttpClient client, List<PostForm> forms)
    {
        var failures = new List<string>();
        var parser = new HtmlParser();
        var sent = 0;
        foreach (var form in forms.DistinctBy(f => $"{f.ActionTemplate}|{f.Button?.Key}={f.Button?.Value}"))
        {
            // At most three fields a form (a grid has hundreds), each a million characters: the body stays under the 30 MB a request may be.
            var texts = form.Controls.Where(c => c.IsText).Select(c => c.Name).Distinct().ToList();
            if (texts.Count > 3) texts = [texts[0], texts[texts.Count / 2], texts[^1]];
            if (texts.Count == 0 || form.Action.StartsWith("/konto/log-ud", StringComparison.Ordinal)) continue;
            sent++;
            app.Recorder.Clear();
            var typed = texts.ToDictionary(n => n, Text);
            using var response = await client.SendAsync(form.Request(form.Fields(typed)));
            var status = (int)response.StatusCode;
            var writes = app.Recorder.Writes.Where(w => !AllowedWrites.Contains(w)).Distinct().ToList();
            if (status != 200 || writes.Count > 0)
            {
                failures.Add($"{form} with {texts.Count} over-long field(s): answered {status}{(writes.Count > 0 ? " and wrote " + string.Join(", ", writes) : "")}");
                continue;
            }
            var page = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            // A handler that removes a row (a department, a service) removes that row's fields with it.
            var removes = form.Handler.StartsWith("Remove", StringComparison.Ordinal);
            foreach (var (name, text) in typed.Where(_ => !removes))
            {
                var shown = page.QuerySelectorAll("input, textarea").Where(e => e.GetAttribute("name") == name)
                    .Select(e => e is IHtmlTextAreaElement t ? t.TextContent.TrimStart('\n') : e.GetAttribute("value")).ToList();
                if (!shown.Contains(text)) failures.Add($"{form}: the text typed in {name} is not shown back");
            }
            // Handlers that only change the form's rows (add a service, choose participants) save and check nothing:
            // the limit is named when the form is saved.
            var onlyReshapes = form.Handler.StartsWith("Add", StringComparison.Ordinal) || removes || form.Handler == "Select";
            if (!onlyReshapes && !System.Text.RegularExpressions.Regex.IsMatch(page.Body?.TextContent ?? "", @"\d[\d.]*\s+tegn")) failures.Add($"{form}: no message names the limit in characters");
        }
        output.WriteLine($"{forms.Count} forms, {sent} sent with over-long text, {failures.Count} failures");
        return failures;
    }

    [Fact]
    public async Task Secretariat_forms_keep_over_long_text_and_name_the_limit()
    {
        var client = await app.SignInAsSecretariatAsync();
        var failures = await SendAsync(client, await FormTamperingTests.FormsAsync(client, "/", "/sekretariat"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Municipality_forms_keep_over_long_text_and_name_the_limit()
    {
        var client = await app.SignInAsMunicipalityAsync();
        var failures = await SendAsync(client, await FormTamperingTests.FormsAsync(client, "/", "/indberetning", "/kapacitet", "/early-warning", "/behovsanalyse", "/notifikationer", "/indberetning/belaegning"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

public sealed class OverlongTextTestsOnSqlite(SqliteRecordingAppFactory app, ITestOutputHelper output) : OverlongTextTests(app, output), IClassFixture<SqliteRecordingAppFactory>;

public sealed class OverlongTextTestsOnPostgres(PostgresRecordingAppFactory app, ITestOutputHelper output) : OverlongTextTests(app, output), IClassFixture<PostgresRecordingAppFactory>;
