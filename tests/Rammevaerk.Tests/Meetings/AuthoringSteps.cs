using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Data;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Meetings;

/// <summary>The secretariat's actions as plain form posts, for the integration tests.</summary>
public static class AuthoringSteps
{
    public static async Task<int> BodyIdAsync(this AppFactory app, string name) =>
        await app.QueryAsync(db => db.Bodies.Where(b => b.Name == name).Select(b => b.Id).SingleAsync());

    public static async Task<T> QueryAsync<T>(this AppFactory app, Func<AppDb, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public static Dictionary<string, string> MeetingForm(int bodyId, string title, string start = "2026-12-18T09:00", string end = "2026-12-18T12:00", string place = "Byrådssalen, Middelfart Rådhus") => new()
    {
        ["Input.BodyId"] = bodyId.ToString(),
        ["Input.Title"] = title,
        ["Input.Location"] = place,
        ["Input.StartsLocal"] = start,
        ["Input.EndsLocal"] = end,
        ["AddStandardItems"] = "true",
    };

    /// <summary>Creates a meeting with the standard items and returns its id.</summary>
    public static Task<int> CreateMeetingAsync(this HttpClient client, int bodyId, string title) =>
        client.CreateMeetingAsync(MeetingForm(bodyId, title));

    /// <summary>Creates a meeting that has already taken place (its minutes can be published): yesterday, 9–12.</summary>
    public static Task<int> CreateHeldMeetingAsync(this HttpClient client, int bodyId, string title)
    {
        var day = Rammevaerk.Shared.Danish.TodayOf(TimeProvider.System).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return client.CreateMeetingAsync(MeetingForm(bodyId, title, $"{day}T09:00", $"{day}T12:00"));
    }

    public static async Task<int> CreateMeetingAsync(this HttpClient client, Dictionary<string, string> form)
    {
        using var response = await client.PostFormAsync("/sekretariat/moeder/nyt", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    /// <summary>
    /// Posts one of the meeting page's forms (handler = Move, AddItem, Renumber …). The publication steps
    /// (PublishAgenda, PublishMinutes, PublishNewVersion) and DeleteItem go where the secretariat goes for them: the
    /// check page, confirmed, and the confirmation page.
    /// </summary>
    public static Task<HttpResponseMessage> MeetingActionAsync(this HttpClient client, int meetingId, string handler, Dictionary<string, string>? fields = null) =>
        handler switch
        {
            "PublishAgenda" => client.PublishAsync(meetingId, "dagsorden"),
            "PublishMinutes" => client.PublishAsync(meetingId, "referat"),
            "PublishNewVersion" => client.PublishAsync(meetingId, "ny-version"),
            "DeleteItem" => client.PostFormAsync($"/sekretariat/punkter/{fields!["itemId"]}/slet", new Dictionary<string, string>()),
            _ => client.PostFormAsync($"/sekretariat/moeder/{meetingId}", fields ?? [], $"/sekretariat/moeder/{meetingId}?handler={handler}"),
        };

    /// <summary>
    /// Opens the check page of a publication step (dagsorden, referat, ny-version) and confirms it, warnings included.
    /// Returns the confirmation's response (302 when published), or the check page itself when something blocks it.
    /// </summary>
    public static async Task<HttpResponseMessage> PublishAsync(this HttpClient client, int meetingId, string step, bool tell = true)
    {
        var url = $"/sekretariat/moeder/{meetingId}/udgiv/{step}";
        var check = await client.GetAsync(url);
        if (!check.IsSuccessStatusCode) return check;
        var page = await check.ReadDocumentAsync();
        if (page.QuerySelector("input[name='Fingerprint']")?.GetAttribute("value") is not { } fingerprint) return check;
        var form = new Dictionary<string, string>
        {
            ["Fingerprint"] = fingerprint,
            ["ConfirmWarnings"] = "true",
            ["Tell"] = tell ? "true" : "false",
            [Browserless.AntiforgeryField] = page.AntiforgeryToken(),
        };
        check.Dispose();
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>The blocking findings and warnings a check page lists, one per line.</summary>
    public static string Findings(this IDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".findings li, .notice-error").Select(e => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));

    public static async Task<int> AddItemAsync(this HttpClient client, AppFactory app, int meetingId, string title)
    {
        using var response = await client.MeetingActionAsync(meetingId, "AddItem", new() { ["NewItemTitle"] = title });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.QueryAsync(db => db.AgendaItems.Where(i => i.MeetingId == meetingId && i.Title == title).Select(i => i.Id).SingleAsync());
    }

    /// <summary>The item editor's fields as they stand, ready to be changed and posted back.</summary>
    public static async Task<Dictionary<string, string>> ItemFormAsync(this HttpClient client, int itemId)
    {
        var page = await client.GetDocumentAsync($"/sekretariat/punkter/{itemId}");
        return ItemForm(page);
    }

    public static Dictionary<string, string> ItemForm(IDocument page)
    {
        var form = page.QuerySelector("#item-form")!;
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (input.GetAttribute("type") == "checkbox")
            {
                if (input.HasAttribute("checked")) fields[name] = "true";
                continue;
            }
            var value = input.LocalName == "textarea" ? input.TextContent : input.GetAttribute("value") ?? "";
            fields.TryAdd(name, value);
        }
        return fields;
    }

    public static Task<HttpResponseMessage> SaveItemAsync(this HttpClient client, int itemId, Dictionary<string, string> fields) =>
        client.PostFormAsync($"/sekretariat/punkter/{itemId}", fields, $"/sekretariat/punkter/{itemId}?handler=Save");

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, int itemId, string fileName, byte[] bytes)
    {
        var page = await client.GetDocumentAsync($"/sekretariat/punkter/{itemId}");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), Browserless.AntiforgeryField },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        return await client.PostAsync($"/sekretariat/punkter/{itemId}?handler=Upload", content);
    }

    /// <summary>All error messages a page shows (summary and fields).</summary>
    public static string Errors(this IDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".validation-summary-errors li, .validation-summary-errors p, .field-error, .findings li, .notice-error")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
}
