using System.Net;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Publication;

/// <summary>The publication tests' shared steps: a held meeting with decisions, items by number, the outbox.</summary>
public static class PublicationSteps
{
    /// <summary>A Forretningsudvalget meeting held yesterday with the standard items and one more; returns its id and the added item's.</summary>
    public static async Task<(int Meeting, int Item)> HeldMeetingAsync(this AppFactory app, HttpClient secretariat, string title, string itemTitle, string? background = null)
    {
        var meeting = await secretariat.CreateHeldMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), title);
        var item = await secretariat.AddItemAsync(app, meeting, itemTitle);
        if (background is not null) await secretariat.WriteAsync(item, "Input.Background", background);
        return (meeting, item);
    }

    /// <summary>Sets one field of the item editor and saves; fails unless the save redirects.</summary>
    public static async Task WriteAsync(this HttpClient secretariat, int item, string field, string text)
    {
        var form = await secretariat.ItemFormAsync(item);
        form[field] = text;
        using var saved = await secretariat.SaveItemAsync(item, form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    /// <summary>Writes a decision on every item of the meeting: <paramref name="decision"/> on <paramref name="item"/>, "Taget til efterretning." on the others.</summary>
    public static async Task DecideAllAsync(this AppFactory app, HttpClient secretariat, int meeting, int item, string decision)
    {
        foreach (var id in await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meeting).Select(i => i.Id).ToListAsync()))
        {
            await secretariat.WriteAsync(id, "Input.Decision", id == item ? decision : "Taget til efterretning.");
        }
    }

    public static async Task PublishOkAsync(this HttpClient secretariat, int meeting, string step)
    {
        using var response = await secretariat.PublishAsync(meeting, step);
        if (response.StatusCode != HttpStatusCode.Redirect)
            Assert.Fail($"Publishing {step} of meeting {meeting} answered {(int)response.StatusCode}: {(await response.ReadDocumentAsync()).Errors()}");
    }

    /// <summary>The outbox messages whose subject contains <paramref name="subject"/>, newest last.</summary>
    public static Task<List<Rammevaerk.Notifications.OutboxMessage>> MailsAsync(this AppFactory app, string subject) =>
        app.QueryAsync(db => db.Outbox.AsNoTracking().Where(m => m.Subject.Contains(subject)).OrderBy(m => m.Id).ToListAsync());
}
