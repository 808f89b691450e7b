using Microsoft.AspNetCore.Html;
using Rammevaerk.Search;

namespace Rammevaerk.Tests.Search;

public sealed class HighlighterTests
{
    private static string Html(IHtmlContent content)
    {
        using var w = new StringWriter();
        content.WriteTo(w, System.Text.Encodings.Web.HtmlEncoder.Default);
        return w.ToString();
    }

    [Fact]
    public void Marks_every_form_that_matches_and_nothing_else()
    {
        var terms = DanishText.QueryTerms("botilbud");

        var html = Html(Highlighter.Highlight("Botilbuddet og botilbudskapaciteten, men ikke tilbuddet.", terms));

        Assert.Equal("<mark>Botilbuddet</mark> og <mark>botilbudskapaciteten</mark>, men ikke tilbuddet.", html);
    }

    [Fact]
    public void Encodes_the_text_around_the_marks()
    {
        var html = Html(Highlighter.Snippet("<script>alert('botilbud')</script> & \"botilbud\"", DanishText.QueryTerms("botilbud")));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<mark>botilbud</mark>", html);
        Assert.Contains("&amp;", html);
    }

    [Fact]
    public void Keeps_danish_letters_as_they_are()
    {
        var html = Html(Highlighter.Highlight("Ærø og Tønder", DanishText.QueryTerms("tønder")));

        Assert.Equal("Ærø og <mark>Tønder</mark>", html);
    }

    [Fact]
    public void Snippet_of_a_long_text_shows_the_place_where_the_words_meet()
    {
        var filler = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 200));
        var text = $"Kapacitet nævnt først. {filler} Her står botilbud og kapacitet side om side. {filler}";

        var html = Html(Highlighter.Snippet(text, DanishText.QueryTerms("botilbud kapacitet")));

        Assert.Contains("<mark>botilbud</mark> og <mark>kapacitet</mark>", html);
        Assert.StartsWith("… ", html);
        Assert.EndsWith(" …", html);
        Assert.True(html.Length < Highlighter.SnippetLength + 60, html);
    }

    [Fact]
    public void Snippet_without_a_match_is_the_start_of_the_text()
    {
        var html = Html(Highlighter.Snippet("Godkendt uden bemærkninger.", DanishText.QueryTerms("botilbud")));

        Assert.Equal("Godkendt uden bemærkninger.", html);
    }
}
