using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Publication;

/// <summary>
/// Issue 12, item 4: anyone may subscribe to a body's agendas and minutes with an e-mail address, without an account:
/// double opt-in, one-click unsubscribe in every mail (also as a mail program's button, RFC 8058), and nothing that
/// tells a stranger whether an address is subscribed.
/// </summary>
public abstract partial class SubscriptionTests(AppFactory app)
{
    private async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, string email, params int[] bodies)
    {
        var page = await client.GetDocumentAsync("/abonnement");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Email", email), new(Browserless.AntiforgeryField, page.AntiforgeryToken()),
        };
        fields.AddRange(bodies.Select(b => new KeyValuePair<string, string>("BodyIds", b.ToString())));
        return await client.PostAsync("/abonnement", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_subscriber_confirms_gets_the_publication_mail_and_unsubscribes_with_one_click()
    {
        var email = $"borger-{Guid.NewGuid():N}@example.dk";
        var body = await app.BodyIdAsync("Forretningsudvalget");
        var reader = app.CreateAnonymousClient();

        using (var response = await SubscribeAsync(reader, email.ToUpperInvariant(), body))
            Assert.Contains("Tak.", (await response.ReadDocumentAsync()).Text());
        var confirmation = Assert.Single(await app.QueryAsync(db => db.Outbox.Where(m => m.To == email).ToListAsync()));
        Assert.Equal("Bekræft dit abonnement på dagsordener og referater", confirmation.Subject);
        var confirmLink = ConfirmLink().Match(confirmation.Body).Value;
        Assert.StartsWith("http", confirmLink);

        // Not confirmed yet: a publication sends nothing to the address.
        var secretariat = await app.SignInAsSecretariatAsync();
        var (first, _) = await app.HeldMeetingAsync(secretariat, "Møde før bekræftelsen", "Punkt et");
        await secretariat.PublishOkAsync(first, "dagsorden");
        Assert.Equal(1, await app.QueryAsync(db => db.Outbox.CountAsync(m => m.To == email)));

        // Opening the link asks; only the button confirms (a mail scanner's GET does not).
        var path = new Uri(confirmLink).PathAndQuery;
        var ask = await reader.GetDocumentAsync(path);
        Assert.Contains("Bekræft dit abonnement", ask.Text());
        Assert.Null(await app.QueryAsync(db => db.Subscriptions.Where(s => s.Email == email).Select(s => s.ConfirmedAt).SingleAsync()));
        using (var confirmed = await reader.PostFormAsync(path, new Dictionary<string, string>()))
            Assert.Contains("Du abonnerer på Forretningsudvalget", (await confirmed.ReadDocumentAsync()).Text());

        var (second, _) = await app.HeldMeetingAsync(secretariat, "Møde efter bekræftelsen", "Punkt to");
        await secretariat.PublishOkAsync(second, "dagsorden");
        var news = Assert.Single(await app.QueryAsync(db => db.Outbox.Where(m => m.To == email && m.Body.Contains($"/moeder/{second}")).ToListAsync()));
        var unsubscribe = news.ListUnsubscribeUrl!;
        Assert.Contains($"Afmeld med ét klik: {unsubscribe}", news.Body);

        // The page behind the link does not unsubscribe by itself; the mail program's one-click POST does, without a form token.
        var unsubscribePath = new Uri(unsubscribe).PathAndQuery;
        Assert.Contains("Afmeld abonnement", (await reader.GetDocumentAsync(unsubscribePath)).Text());
        Assert.True(await app.QueryAsync(db => db.Subscriptions.AnyAsync(s => s.Email == email)));
        using (var oneClick = await app.CreateAnonymousClient().PostAsync(unsubscribePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" })))
        {
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
            Assert.Contains("Du er afmeldt", (await oneClick.ReadDocumentAsync()).Text());
        }
        Assert.False(await app.QueryAsync(db => db.Subscriptions.AnyAsync(s => s.Email == email)));
    }

    [Fact]
    public async Task The_form_says_what_is_wrong_and_saves_nothing()
    {
        var reader = app.CreateAnonymousClient();
        var body = await app.BodyIdAsync("Socialdirektørforum");
        var before = await app.QueryAsync(db => db.Subscriptions.CountAsync());

        foreach (var (email, bodies, message) in new (string, int[], string)[]
                 {
                     ("", [body], "Skriv din e-mailadresse."),
                     ("navn@", [body], "E-mailadressen er ikke gyldig."),
                     ("navn@kommune", [body], "E-mailadressen er ikke gyldig."),
                     ("navn@kommune.dk", [], "Vælg mindst ét udvalg."),
                     ("navn@kommune.dk", [999_999], "Et af de valgte udvalg findes ikke."),
                 })
        {
            using var response = await SubscribeAsync(reader, email, bodies);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, (await response.ReadDocumentAsync()).Errors());
        }
        Assert.Equal(before, await app.QueryAsync(db => db.Subscriptions.CountAsync()));
    }

    [Fact]
    public async Task Asking_again_sends_no_second_mail_soon_after_and_reveals_nothing()
    {
        var email = $"gentag-{Guid.NewGuid():N}@example.dk";
        var body = await app.BodyIdAsync("Strategisk arbejdsgruppe");
        var reader = app.CreateAnonymousClient();

        using var first = await SubscribeAsync(reader, email, body);
        using var again = await SubscribeAsync(reader, email, body);

        Assert.Equal((await first.ReadDocumentAsync()).QuerySelector("main")!.TextContent, (await again.ReadDocumentAsync()).QuerySelector("main")!.TextContent);
        Assert.Equal(1, await app.QueryAsync(db => db.Outbox.CountAsync(m => m.To == email)));
    }

    [Fact]
    public async Task An_old_unconfirmed_link_no_longer_works_and_an_unknown_one_says_so()
    {
        var email = $"gammel-{Guid.NewGuid():N}@example.dk";
        var reader = app.CreateAnonymousClient();
        using (await SubscribeAsync(reader, email, await app.BodyIdAsync("Socialdirektørforum"))) { }
        var token = await app.QueryAsync(db => db.Subscriptions.Where(s => s.Email == email).Select(s => s.Token).SingleAsync());
        await app.QueryAsync(db => db.Subscriptions.Where(s => s.Email == email).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, DateTime.UtcNow.AddDays(-8))));

        using var expired = await reader.GetAsync($"/abonnement/bekraeft/{token}");
        using var unknown = await reader.GetAsync("/abonnement/bekraeft/findes-ikke");

        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("Linket virker ikke", (await expired.ReadDocumentAsync()).Text());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [GeneratedRegex(@"https?://\S+/abonnement/bekraeft/\S+")]
    private static partial Regex ConfirmLink();
}

public sealed class SubscriptionTestsOnSqlite(SqliteAppFactory app) : SubscriptionTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SubscriptionTestsOnPostgres(PostgresAppFactory app) : SubscriptionTests(app), IClassFixture<PostgresAppFactory>;
