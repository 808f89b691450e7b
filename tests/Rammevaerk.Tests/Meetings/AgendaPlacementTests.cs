using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Authoring;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Meetings;

/// <summary>One placement rule and one picker for every process that puts something on an agenda; keyboard reordering.</summary>
public abstract class AgendaPlacementTests(AppFactory app)
{
    private const string Forum = "Socialdirektørforum";

    private async Task<List<(int Number, string Title)>> ItemsAsync(int meetingId) =>
        (await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meetingId).OrderBy(i => i.Number)
            .Select(i => new { i.Number, i.Title }).ToListAsync())).Select(i => (i.Number, i.Title)).ToList();

    [Fact]
    public async Task Secretariat_moves_an_item_to_a_typed_place_and_a_place_outside_the_agenda_is_refused_in_Danish()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde om rækkefølge");
        var added = await client.AddItemAsync(app, id, "Punkt der skal først");
        var before = await ItemsAsync(id);

        using var moved = await client.MeetingActionAsync(id, "MoveTo", new() { ["itemId"] = added.ToString(), ["position"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await ItemsAsync(id);
        Assert.Equal("Punkt der skal først", after[0].Title);
        Assert.Equal(before.Select(i => i.Number), after.Select(i => i.Number)); // the meeting keeps its numbers
        Assert.Equal(before.Where(i => i.Title != "Punkt der skal først").Select(i => i.Title), after.Skip(1).Select(i => i.Title));

        using var refused = await client.MeetingActionAsync(id, "MoveTo", new() { ["itemId"] = added.ToString(), ["position"] = "99" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"skriv en plads fra 1 til {after.Count}", (await refused.ReadDocumentAsync()).Errors());
        Assert.Equal(after, await ItemsAsync(id));
    }

    [Fact]
    public async Task Meeting_page_offers_every_row_a_labelled_place_field_and_up_and_down_buttons()
    {
        var client = await app.SignInAsSecretariatAsync();
        var id = await client.CreateMeetingAsync(await app.BodyIdAsync(Forum), "Møde med tastatur");
        var page = await client.GetDocumentAsync($"/sekretariat/moeder/{id}");
        var rows = page.QuerySelectorAll("table.agenda-order tbody tr");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var input = row.QuerySelector("form.move-to input[name=position]")!;
            Assert.NotNull(page.QuerySelector($"label[for='{input.Id}']"));
            Assert.Equal(rows.Length.ToString(), input.GetAttribute("max"));
            Assert.Equal(2, row.QuerySelectorAll("button[aria-label^='Flyt punkt']").Count(b => b.TextContent.Contains("Op") || b.TextContent.Contains("Ned")));
        }
    }

    [Theory]
    [InlineData("/sekretariat/sager/{case}")]
    [InlineData("/sekretariat/early-warning/2026")]
    public async Task Placement_pages_offer_exactly_the_meetings_that_can_still_take_an_item(string url)
    {
        var client = await app.SignInAsSecretariatAsync();
        var caseId = await app.QueryAsync(db => db.Cases.Select(c => c.Id).FirstAsync());
        // Imported minutes held back by an open question (a CPR number): published as they were once answered, never added to.
        var pastDraft = await app.QueryAsync(async db =>
        {
            var m = new Meeting { BodyId = await db.Bodies.Select(b => b.Id).FirstAsync(), Title = "Arkivmøde venter på spørgsmål",
                StartsAt = DateTime.UtcNow.AddYears(-3), CreatedAt = DateTime.UtcNow, State = MeetingState.Draft, HeldBackAs = MeetingState.MinutesPublished };
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var page = await client.GetDocumentAsync(url.Replace("{case}", caseId.ToString()));
        var select = page.QuerySelector("select#MeetingId");
        if (select is null)
        {
            // The early-warning round already has its item: the page says so instead of offering meetings.
            Assert.Contains("Opsamlingen er punkt", page.Body!.TextContent);
            return;
        }
        var offered = select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).Select(v => int.Parse(v!)).ToHashSet();
        // Minutes not published, and not an import waiting for its questions.
        var open = await app.QueryAsync(db => db.Meetings.Where(m => m.State != MeetingState.MinutesPublished && m.HeldBackAs == null)
            .Select(m => new { m.Id, m.BodyId }).ToListAsync());
        if (url.Contains("{case}"))
        {
            // A case goes on to another body: not to a meeting that holds it, nor to its one body's own meetings.
            var held = await app.QueryAsync(db => db.AgendaItems.Where(i => i.CaseId == caseId).Select(i => new { i.MeetingId, i.Meeting.BodyId }).ToListAsync());
            var bodies = held.Select(h => h.BodyId).Distinct().ToList();
            open = open.Where(m => held.All(h => h.MeetingId != m.Id) && !(bodies.Count == 1 && m.BodyId == bodies[0])).ToList();
        }
        Assert.True(open.Select(m => m.Id).ToHashSet().SetEquals(offered), $"{url} offers a meeting the rule refuses, or leaves one out");
        Assert.DoesNotContain(pastDraft, offered);
        var finished = await app.QueryAsync(db => db.Meetings.Where(m => m.State == MeetingState.MinutesPublished).Select(m => m.Id).FirstAsync());
        Assert.DoesNotContain(finished, offered);
    }

    [Fact]
    public async Task Item_picker_offers_only_open_and_latest_meetings_not_every_item()
    {
        var client = await app.SignInAsSecretariatAsync();
        var page = await client.GetDocumentAsync("/sekretariat/centrale-udmeldinger");
        var first = page.QuerySelectorAll("a[href^='/sekretariat/centrale-udmeldinger/']").Select(a => a.GetAttribute("href")!)
            .FirstOrDefault(h => int.TryParse(h.Split('/').Last(), out _));
        Assert.NotNull(first);
        var edit = await client.GetDocumentAsync(first!);
        var groups = edit.QuerySelectorAll("select#chosenItem optgroup").Length;
        var (meetings, open) = await app.QueryAsync(async db => (await db.Meetings.CountAsync(), await db.Meetings.CountAsync(m => m.State != MeetingState.MinutesPublished)));
        Assert.True(groups <= open + AgendaPlacement.LatestMeetings + 5, $"{groups} meetings offered of {meetings}");
        Assert.True(groups >= Math.Min(meetings, AgendaPlacement.LatestMeetings));
    }

    [Fact]
    public void Moving_to_a_place_closes_up_the_others_and_keeps_the_numbers()
    {
        var items = new[] { 1, 2, 3, 5 }.Select(n => new AgendaItem { Title = $"P{n}", Number = n }).ToList();
        var numbers = ItemNumbering.MoveTo(items, items[3], 2);
        Assert.Equal(["P1", "P5", "P2", "P3"], numbers.OrderBy(kv => kv.Value).Select(kv => kv.Key.Title));
        Assert.Equal([1, 2, 3, 5], numbers.Values.Order());
        Assert.Equal(1, ItemNumbering.MoveTo(items, items[2], -4)[items[2]]);
        Assert.Equal(5, ItemNumbering.MoveTo(items, items[0], 40)[items[0]]);
    }

    [Fact]
    public void Every_process_places_new_items_through_the_one_rule()
    {
        // The rule lives in Meetings/AgendaPlacement.cs; a process that numbers its own items would bypass it.
        var offenders = SourceTree.Files("*.cs")
            .Where(f => !f.EndsWith("AgendaPlacement.cs") && !f.EndsWith("ItemNumbering.cs"))
            .Where(f => File.ReadAllText(f).Contains("InsertBeforeTrailingAsync(") || File.ReadAllText(f).Contains("record MeetingChoice"))
            .Select(Path.GetFileName).ToList();
        Assert.Empty(offenders);
    }
}

public sealed class AgendaPlacementTestsOnSqlite(SqliteAppFactory app) : AgendaPlacementTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AgendaPlacementTestsOnPostgres(PostgresAppFactory app) : AgendaPlacementTests(app), IClassFixture<PostgresAppFactory>;
