using System.Net.Http.Headers;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Tests.Infrastructure;

/// <summary>
/// A browser posts every form with its one-time token (the app puts one in every POST form). Tests often build a
/// form's fields by hand; this handler adds a fresh token to a form POST that has none, as the rendered form would
/// have. A test that sets the field itself (to post the same form twice) keeps its own. Clients made with
/// <see cref="WithoutTokens"/> send exactly what the test wrote.
/// </summary>
public sealed class SubmissionTokenHandler : DelegatingHandler
{
    /// <summary>Set on a request (<c>request.Options</c>) to send it without a token added.</summary>
    public static readonly HttpRequestOptionsKey<bool> WithoutTokens = new("Rammevaerk.WithoutSubmissionToken");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && !(request.Options.TryGetValue(WithoutTokens, out var without) && without))
        {
            request.Content = await WithTokenAsync(request.Content, cancellationToken);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<HttpContent?> WithTokenAsync(HttpContent? content, CancellationToken ct)
    {
        switch (content)
        {
            case FormUrlEncodedContent form:
            {
                var text = await form.ReadAsStringAsync(ct);
                var pairs = text.Length == 0 ? [] : text.Split('&').Select(p => p.Split('=', 2))
                    .Select(kv => new KeyValuePair<string, string>(Decode(kv[0]), kv.Length > 1 ? Decode(kv[1]) : "")).ToList();
                if (pairs.Any(p => p.Key == SubmissionToken.FieldName)) return form;
                pairs.Add(new(SubmissionToken.FieldName, SubmissionToken.New()));
                return new FormUrlEncodedContent(pairs);
            }
            case MultipartFormDataContent multipart:
            {
                if (multipart.Any(part => part.Headers.ContentDisposition?.Name?.Trim('"') == SubmissionToken.FieldName)) return multipart;
                multipart.Add(new StringContent(SubmissionToken.New()), SubmissionToken.FieldName);
                return multipart;
            }
            default:
                return content;
        }
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
