using Rammevaerk.Search;

namespace Rammevaerk.Tests.Search;

/// <summary>Danish words as search terms: tokens, stop words, Snowball stems and what a query may become.</summary>
public sealed class DanishTextTests
{
    [Theory]
    [InlineData("botilbud")]
    [InlineData("botilbuddet")]
    [InlineData("botilbuddene")]
    [InlineData("botilbuddets")]
    [InlineData("Botilbud")]
    public void Inflected_forms_of_botilbud_share_one_stem(string word)
    {
        Assert.Equal(["botilbud"], DanishText.Terms(word));
    }

    [Fact]
    public void A_compound_starting_with_the_word_is_found_by_prefix()
    {
        var query = Assert.Single(DanishText.QueryTerms("botilbud"));

        Assert.StartsWith(query, Assert.Single(DanishText.Terms("botilbudskapacitet")));
        Assert.StartsWith(query, Assert.Single(DanishText.Terms("botilbudspladserne")));
        Assert.True(DanishText.Matches("botilbudskapaciteten", [query]));
        Assert.False(DanishText.Matches("tilbud", [query]));
    }

    [Fact]
    public void Tokens_are_letters_and_digits_lowercased_with_danish_letters_kept()
    {
        var tokens = DanishText.Tokenize("Ærø-Øster: 2.422 kr. på «Åbo»!").Select(t => t.Lower);

        Assert.Equal(["ærø", "øster", "2", "422", "kr", "på", "åbo"], tokens);
    }

    [Fact]
    public void Token_positions_point_into_the_original_text()
    {
        const string text = "Om BOTILBUDDET, se bilag.";
        var token = DanishText.Tokenize(text).Single(t => t.Lower == "botilbuddet");

        Assert.Equal("BOTILBUDDET", text.Substring(token.Start, token.Length));
    }

    [Fact]
    public void Stop_words_are_dropped_and_words_with_digits_are_not_stemmed()
    {
        Assert.Equal(["kommun", "2025", "sel107"], DanishText.Terms("og i at kommunerne 2025 SEL107"));
    }

    [Theory]
    [InlineData("\"botilbud\" OR kapacitet*", new[] { "botilbud", "or", "kapacit" })]
    [InlineData("NEAR(botilbud kapacitet)", new[] { "near", "botilbud", "kapacit" })]
    [InlineData("botilbud' ; DROP TABLE \"SearchEntries\"; --", new[] { "botilbud", "drop", "tabl", "searchentri" })]
    [InlineData("botilbud:* & !kapacitet | (a <-> b)", new[] { "botilbud", "kapacit", "a", "b" })]
    public void Query_syntax_of_either_database_becomes_plain_terms(string query, string[] expected)
    {
        var terms = DanishText.QueryTerms(query);

        Assert.Equal(expected, terms);
        Assert.All(terms, t => Assert.True(t.All(char.IsLetterOrDigit), t));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*:()';--&|!<>-")]
    [InlineData("og i at")]
    [InlineData("§ … – « »")]
    public void Symbols_and_stop_words_alone_give_no_terms(string query)
    {
        Assert.Empty(DanishText.QueryTerms(query));
    }

    [Fact]
    public void A_long_query_is_cut_to_a_few_terms()
    {
        var words = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"ord{i}"));
        Assert.True(words.Length > 10_000);

        var terms = DanishText.QueryTerms(words);
        var oneWord = DanishText.QueryTerms(new string('x', 10_000));

        Assert.Equal(DanishText.MaxQueryTerms, terms.Count);
        Assert.Equal("ord0", terms[0]);
        Assert.True(Assert.Single(oneWord).Length <= DanishText.MaxTermLength);
    }

    [Fact]
    public void Repeated_words_count_once()
    {
        Assert.Equal(["botilbud"], DanishText.QueryTerms("botilbud botilbuddet Botilbuddene"));
    }

    [Fact]
    public void Every_stem_of_the_seed_minutes_is_a_prefix_of_its_word()
    {
        // The highlighter skips stemming words that do not start with a query term; that is only right if stems
        // are prefixes of their words, as the Snowball Danish algorithm (which only removes endings) promises.
        var words = SeedWords();
        Assert.True(words.Count > 2000, $"only {words.Count} words");

        Assert.All(words, w => Assert.StartsWith(DanishText.Stem(w), w));
    }

    internal static HashSet<string> SeedWords() =>
        DanishText.Tokenize(SeedFiles.Read("000") + "\n" + SeedFiles.Read("001")).Select(t => t.Lower).ToHashSet();
}
