using System.Net;
using System.Text.RegularExpressions;
using Rammevaerk.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rammevaerk.Tests.HostileInput;

/// <summary>
/// Every form of the app, found by walking it as each kind of user, sent with each field that carries an id changed
/// to an id that does not exist or that belongs elsewhere (another meeting's item, another municipality's offer):
/// nothing is written (the security log aside), and the answer is a refusal, never a 500 or a success.
/// </summary>
public abstract partial class FormTamperingTests(RecordingAppFactory app, ITestOutputHelper output)
{
    private static readonly string[] AllowedWrites = ["INSERT AuditLog"];

    public const string Nonexistent = "987654321";

    /// <summary>Whether a control carries the id of something in the database.</summary>
    public static bool CarriesId(FormControl c) =>
        c.Kind is "hidden" or "select" or "select-multiple" or "radio" or "checkbox"
        && !c.Name.StartsWith("__", StringComparison.Ordinal)
        && IdName().IsMatch(c.Name)
        && (int.TryParse(c.Value, out _) || c.Options.Any(o => int.TryParse(o, out _)));

    /// <summary>"itemId", "Input.BodyId", "Form.Offers[0].OfferId", "followUpIds", "MunicipalityCode", "Input.Codes", "punkt", "Selected".</summary>
    [GeneratedRegex(@"(?i)(id|ids|code|codes|punkt|tilbud|selected)$")]
    private static partial Regex IdName();

    public static async Task<List<PostForm>> FormsAsync(HttpClient client, params string[] start) => await FormWalker.CollectAsync(client, start);

    private async Task<List<string>> TamperAsync(HttpClient client, List<PostForm> forms, List<PostForm>? others = null)
    {
        var failures = new List<string>();
        var tried = 0;
        foreach (var form in forms)
        {
            foreach (var control in form.Controls.Where(CarriesId).DistinctBy(c => c.Name))
            {
                var values = new List<string> { Nonexistent };
                // A value the same field has in the same form elsewhere (another meeting's, another offer's), not offered here.
                var foreign = forms.Concat(others ?? []).Where(f => f.ActionTemplate == form.ActionTemplate && f.Action != form.Action)
                    .SelectMany(f => f.Controls.Where(c => c.Name == control.Name).SelectMany(c => c.Options.Append(c.Value)))
                    .FirstOrDefault(v => v.Length > 0 && int.TryParse(v, out _) && !form.Controls.Where(c => c.Name == control.Name).Any(c => c.Value == v || c.Options.Contains(v)));
                if (foreign is not null) values.Add(foreign);
                foreach (var value in values)
                {
                    tried++;
                    app.Recorder.Clear();
                    using var response = await client.SendAsync(form.Request(form.Fields(new Dictionary<string, string> { [control.Name] = value })));
                    var writes = app.Recorder.Writes.Where(w => !AllowedWrites.Contains(w)).Distinct().ToList();
                    var status = (int)response.StatusCode;
                    var what = $"{form} with {control.Name}={value} ({(value == Nonexistent ? "unknown" : "foreign")})";
                    if (status >= 500) failures.Add($"{what}: answered {status}");
                    else if (writes.Count > 0) failures.Add($"{what}: answered {status} and wrote {string.Join(", ", writes)}");
                    else if (status is >= 300 and < 400 && !await ShowsErrorAsync(client, response)) failures.Add($"{what}: answered {status} → {response.Headers.Location} as if it worked");
                }
            }
        }
        output.WriteLine($"{forms.Count} forms, {tried} tampered submissions, {failures.Count} failures");
        return failures;
    }

    /// <summary>A redirect is a refusal only when the page it leads to says so in an alert.</summary>
    public static async Task<bool> ShowsErrorAsync(HttpClient client, HttpResponseMessage response)
    {
        if (response.Headers.Location is not { } location) return false;
        var page = await client.GetDocumentAsync(location.ToString());
        return page.QuerySelector(".notice-error[role=alert]") is not null;
    }

    [Fact]
    public async Task Secretariat_forms_refuse_tampered_ids()
    {
        var client = await app.SignInAsSecretariatAsync();
        var forms = await FormsAsync(client, "/", "/sekretariat");
        foreach (var f in forms) output.WriteLine($"{f} :: {string.Join(", ", f.Controls.Where(CarriesId).Select(c => c.Name))}");
        var failures = await TamperAsync(client, forms);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Municipality_forms_refuse_tampered_ids()
    {
        var client = await app.SignInAsMunicipalityAsync();
        var forms = await FormsAsync(client, "/", "/indberetning", "/kapacitet", "/early-warning", "/behovsanalyse", "/notifikationer", "/indberetning/belaegning");
        var other = await app.SignInAsync(TestAccounts.SecondMunicipalityEmail, TestAccounts.SecondMunicipalityPassword);
        var theirs = await FormsAsync(other, "/", "/indberetning", "/kapacitet", "/early-warning", "/behovsanalyse", "/notifikationer", "/indberetning/belaegning");
        foreach (var f in forms) output.WriteLine($"{f} :: {string.Join(", ", f.Controls.Where(CarriesId).Select(c => c.Name))}");
        var failures = await TamperAsync(client, forms, theirs);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

public abstract partial class FormTamperingTests
{
    [Fact]
    public async Task Member_forms_refuse_tampered_ids()
    {
        var client = await app.SignInAsMemberAsync();
        var failures = await TamperAsync(client, await FormsAsync(client, "/", "/notifikationer"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

public sealed class FormTamperingTestsOnSqlite(SqliteRecordingAppFactory app, ITestOutputHelper output) : FormTamperingTests(app, output), IClassFixture<SqliteRecordingAppFactory>;

public sealed class FormTamperingTestsOnPostgres(PostgresRecordingAppFactory app, ITestOutputHelper output) : FormTamperingTests(app, output), IClassFixture<PostgresRecordingAppFactory>;
