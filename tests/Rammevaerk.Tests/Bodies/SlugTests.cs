using Rammevaerk.Bodies;

namespace Rammevaerk.Tests.Bodies;

public class SlugTests
{
    [Theory]
    [InlineData("Socialdirektørforum", "socialdirektoerforum")]
    [InlineData("Økonomisk arbejdsgruppe", "oekonomisk-arbejdsgruppe")]
    [InlineData("Forretningsudvalget", "forretningsudvalget")]
    [InlineData("Strategisk arbejdsgruppe", "strategisk-arbejdsgruppe")]
    [InlineData("ÆBLE Ø Å", "aeble-oe-aa")]
    [InlineData("Børne- og ungeområdet", "boerne-og-ungeomraadet")]
    [InlineData("  Udvalg -- for   (K22) ", "udvalg-for-k22")]
    [InlineData("Café & Sundhed", "cafe-sundhed")]
    [InlineData("Arbejdsgruppe 2026", "arbejdsgruppe-2026")]
    [InlineData("---", "")]
    [InlineData("", "")]
    public void MakesDanishNamesIntoUrlSegments(string name, string expected) =>
        Assert.Equal(expected, Slug.From(name));

    [Fact]
    public void IsCutToMaxLengthWithoutTrailingDash()
    {
        var slug = Slug.From(string.Join(" ", Enumerable.Repeat("abcd", 40)));
        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.False(slug.EndsWith('-'));
        Assert.StartsWith("abcd-abcd", slug);
    }

    [Fact]
    public void UniqueKeepsAFreeSlug() =>
        Assert.Equal("forum", Slug.Unique("forum", ["andet"]));

    [Fact]
    public void UniqueAddsTheFirstFreeNumber()
    {
        Assert.Equal("forum-2", Slug.Unique("forum", ["forum"]));
        Assert.Equal("forum-4", Slug.Unique("forum", ["forum", "forum-2", "forum-3"]));
    }

    [Fact]
    public void UniqueUsesTheFallbackForAnEmptySlug()
    {
        Assert.Equal("udvalg", Slug.Unique("", []));
        Assert.Equal("udvalg-2", Slug.Unique("", ["udvalg"]));
    }
}
