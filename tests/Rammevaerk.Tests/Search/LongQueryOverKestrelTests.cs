using System.Net;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Search;

/// <summary>
/// A search link with a very long query over a real socket: Kestrel's default request-line limit (8 KB) would
/// answer 414 before the page is reached, so the search module raises it.
/// </summary>
public sealed class LongQueryOverKestrelTests(KestrelAppHost host) : IClassFixture<KestrelAppHost>
{
    [Theory]
    [InlineData('*')]
    [InlineData('"')]
    [InlineData('æ')]
    public async Task A_query_of_ten_thousand_characters_gives_a_result_page(char c)
    {
        var query = ("botilbud " + string.Concat(Enumerable.Repeat($"{c}{c}{c} ", 2500)))[..10_000];
        var client = host.CreateAnonymousClient();

        using var response = await client.GetAsync("/soeg?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.NotNull(page.QuerySelector("form[role=search]"));
        Assert.Contains("for «botilbud", page.QuerySelector("h2#resultater")!.TextContent);
    }
}
