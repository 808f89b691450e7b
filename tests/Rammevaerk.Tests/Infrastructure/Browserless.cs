using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Rammevaerk.Tests.Infrastructure;

/// <summary>
/// Reading pages and posting forms over plain HTTP, the way a browser without JavaScript would:
/// GET the page, take its antiforgery token, POST the fields.
/// </summary>
public static class Browserless
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>GETs <paramref name="url"/> and parses it; fails unless the answer is 2xx.</summary>
    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            var location = response.Headers.Location is { } l ? $" (Location: {l})" : "";
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode} {response.StatusCode}{location}.", null, response.StatusCode);
        }
        return await response.ReadDocumentAsync();
    }

    /// <summary>Parses the body of any response, e.g. a form redisplayed with errors.</summary>
    public static async Task<IDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The value of the page's hidden <c>__RequestVerificationToken</c> input.</summary>
    public static string AntiforgeryToken(this IDocument page) =>
        page.QuerySelector($"input[name='{AntiforgeryField}']")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"The page has no hidden {AntiforgeryField} input (is the form missing?).");

    /// <summary>
    /// GETs <paramref name="pageUrl"/>, takes its antiforgery token and POSTs <paramref name="fields"/> to
    /// <paramref name="formAction"/> (default: the page itself). Returns the raw response; redirects are not followed
    /// by the clients of <see cref="AppFactory"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string pageUrl, IDictionary<string, string> fields, string? formAction = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = new Dictionary<string, string>(fields);
        form.TryAdd(AntiforgeryField, page.AntiforgeryToken());
        return await client.PostAsync(formAction ?? pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>The visible text of the page body, whitespace collapsed (Razor encodes æøå, so never search raw HTML).</summary>
    public static string Text(this IDocument page) =>
        string.Join(' ', (page.Body?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
