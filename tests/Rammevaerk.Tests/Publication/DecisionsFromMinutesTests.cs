using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Capacity;
using Rammevaerk.EarlyWarnings;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Publication;

/// <summary>
/// Issue 12, item 5: a capacity notice's decision and an early-warning round's decision are registered from the deciding
/// item's Beslutning when the minutes are published (or after the meeting, never before), written once.
/// </summary>
public abstract class DecisionsFromMinutesTests(AppFactory app)
{
    private const string Neither = "Socialdirektørforum ønskede ikke at komme med udtalelser eller høringer til de nævnte sager.";

    private Task<int> NoticeOnAsync(int item, string operatorName) => app.QueryAsync(async db =>
    {
        var op = await db.Operators.FirstAsync(o => o.Name == operatorName);
        var notice = new CapacityNotice
        {
            OperatorId = op.Id, NewOfferName = $"Nyt børnehjem {Guid.NewGuid():N}", Kind = CapacityChangeKind.Opening, State = NoticeState.OnAgenda,
            AgendaItemId = item, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, SubmittedAt = DateTime.UtcNow,
        };
        db.CapacityNotices.Add(notice);
        await db.SaveChangesAsync();
        return notice.Id;
    });

    [Fact]
    public async Task Publishing_the_minutes_registers_the_notice_and_round_decisions_from_the_items_Beslutning_once()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med kapacitetssag", "Samlet sag vedr. ændringer i kapacitet");
        var notice = await NoticeOnAsync(item, "Vejen Kommune");
        var roundItem = await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meeting && i.Number == 2).Select(i => i.Id).SingleAsync());
        var round = await app.QueryAsync(async db =>
        {
            var r = new WarningRound { Region = "Testregion " + Guid.NewGuid().ToString("N")[..6], Year = 2031, Deadline = new DateOnly(2031, 6, 1), State = WarningRoundState.Closed, OpenedAt = DateTime.UtcNow, AgendaItemId = roundItem };
            db.WarningRounds.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        await app.DecideAllAsync(secretariat, meeting, item, Neither);
        await secretariat.WriteAsync(roundItem, "Input.Decision", "Socialdirektørforum tog opsamlingen til efterretning.");
        Assert.Equal(NoticeState.OnAgenda, await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == notice).Select(n => n.State).SingleAsync()));

        await secretariat.PublishOkAsync(meeting, "referat");

        var decided = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().SingleAsync(n => n.Id == notice));
        Assert.Equal((NoticeState.Decided, ForumResponse.Neither, Neither), (decided.State, decided.Response, decided.DecisionText));
        var registeredAt = decided.ResponseRecordedAt;
        Assert.Equal("Socialdirektørforum tog opsamlingen til efterretning.", await app.QueryAsync(db => db.WarningRounds.Where(r => r.Id == round).Select(r => r.Decision).SingleAsync()));

        // Written once: a later version of the minutes does not register it again.
        await secretariat.WriteAsync(item, "Input.Decision", "Socialdirektørforum besluttede at afgive en udtalelse.");
        await secretariat.PublishOkAsync(meeting, "ny-version");
        var after = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().SingleAsync(n => n.Id == notice));
        Assert.Equal((ForumResponse.Neither, registeredAt), (after.Response, after.ResponseRecordedAt));
    }

    [Fact]
    public async Task A_decision_that_does_not_say_warns_before_publication_and_is_kept_as_text()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var (meeting, item) = await app.HeldMeetingAsync(secretariat, "Møde med uklar beslutning", "Kapacitet");
        var notice = await NoticeOnAsync(item, "Billund Kommune");
        await secretariat.PublishOkAsync(meeting, "dagsorden");
        await app.DecideAllAsync(secretariat, meeting, item, "Sagen blev drøftet.");

        var check = await secretariat.GetDocumentAsync($"/sekretariat/moeder/{meeting}/udgiv/referat");
        Assert.Contains(check.QuerySelectorAll(".findings-warn li"), li => li.TextContent.Contains($"orienteringen fra Billund Kommune (nr. {notice})"));
        await secretariat.PublishOkAsync(meeting, "referat");

        var decided = await app.QueryAsync(db => db.CapacityNotices.AsNoTracking().SingleAsync(n => n.Id == notice));
        Assert.Equal((NoticeState.Decided, (ForumResponse?)null, "Sagen blev drøftet."), (decided.State, decided.Response, decided.DecisionText));
    }

    [Fact]
    public async Task The_secretariat_registers_a_decision_after_the_meeting_but_never_before()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var future = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Socialdirektørforum"), "Kommende møde med kapacitet");
        var item = await secretariat.AddItemAsync(app, future, "Kapacitetssag");
        await secretariat.WriteAsync(item, "Input.Decision", "Socialdirektørforum afgiver en udtalelse.");
        var notice = await NoticeOnAsync(item, "Vejen Kommune");
        var stamp = await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == notice).Select(n => n.ConcurrencyStamp).SingleAsync());

        using var refused = await secretariat.PostFormAsync($"/sekretariat/kapacitet/{notice}", new Dictionary<string, string> { ["Stamp"] = stamp.ToString() });

        Assert.Contains("Mødet er ikke holdt endnu", (await refused.ReadDocumentAsync()).Text());
        Assert.Equal(NoticeState.OnAgenda, await app.QueryAsync(db => db.CapacityNotices.Where(n => n.Id == notice).Select(n => n.State).SingleAsync()));
    }
}

public sealed class DecisionsFromMinutesTestsOnSqlite(SqliteAppFactory app) : DecisionsFromMinutesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class DecisionsFromMinutesTestsOnPostgres(PostgresAppFactory app) : DecisionsFromMinutesTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The forum's response as the Beslutning states it (pure).</summary>
public class ForumResponseReaderTests
{
    private static readonly string[] Seed001 = ["Vejen Kommune", "Faaborg-Midtfyn Kommune", "Billund Kommune"];

    [Theory]
    [InlineData("Denne sag var på Forretningsudvalget delt op i tre forskellige sager.\n\nSocialdirektørforum ønskede ikke at komme med udtalelser eller høringer til de nævnte sager.", "Vejen Kommune", ForumResponse.Neither)]
    [InlineData("Socialdirektørforum gennemfører en fælleskommunal høring om lukningen i Faaborg-Midtfyn Kommune. Der laves ingen udtalelse til Vejen Kommune.", "Faaborg-Midtfyn Kommune", ForumResponse.Hearing)]
    [InlineData("Socialdirektørforum gennemfører en fælleskommunal høring om lukningen i Faaborg-Midtfyn Kommune. Der laves ingen udtalelse til Vejen Kommune.", "Vejen Kommune", ForumResponse.Neither)]
    [InlineData("Socialdirektørforum afgiver en udtalelse.", "Billund Kommune", ForumResponse.Statement)]
    public void Reads_the_response_for_each_notice(string decision, string op, ForumResponse expected)
    {
        Assert.Equal(expected, ForumResponseReader.Read(decision, op, Seed001.Where(o => o != op).ToList()));
    }

    [Theory]
    [InlineData("Sagen blev drøftet.")]
    [InlineData("Socialdirektørforum laver en høring og en udtalelse.")]
    [InlineData("")]
    public void Says_nothing_when_the_decision_does_not_say(string decision)
    {
        Assert.Null(ForumResponseReader.Read(decision, "Vejen Kommune", []));
    }
}
