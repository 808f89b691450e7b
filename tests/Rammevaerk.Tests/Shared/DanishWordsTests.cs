using Rammevaerk.Shared;

namespace Rammevaerk.Tests.Shared;

/// <summary>Words built from numbers and names read as Danish: "1 minut", "Region Syddanmarks tilbud".</summary>
public class DanishWordsTests
{
    [Theory]
    [InlineData(1, "1 minut")]
    [InlineData(2, "2 minutter")]
    [InlineData(60, "60 minutter")]
    public void Minutes_are_singular_for_one(int n, string expected) => Assert.Equal(expected, Danish.Minutes(n));

    [Theory]
    [InlineData("Region Syddanmark", "Region Syddanmarks")]
    [InlineData("Vejle Kommune", "Vejle Kommunes")]
    [InlineData("Bofællesskabet Kragsbjerghus", "Bofællesskabet Kragsbjerghus'")]
    public void Genitive_takes_s_or_an_apostrophe_after_s(string name, string expected) => Assert.Equal(expected, Danish.Genitive(name));
}
