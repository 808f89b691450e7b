using System.Text.RegularExpressions;

namespace Rammevaerk.Capacity;

/// <summary>
/// Reads the forum's response to a capacity change notice (a joint hearing, a statement, or neither) from the
/// deciding item's Beslutning, so that the decision is written once, in the minutes. Seed 001 item 6: "Socialdirektørforum
/// ønskede ikke at komme med udtalelser eller høringer til de nævnte sager." gives Neither for all three notices. A
/// sentence that names the operator ("… en udtalelse til Vejen Kommune") decides for that notice; otherwise the
/// sentences that name no operator decide for all. Null when the decision does not say, or says two things. Pure.
/// </summary>
public static partial class ForumResponseReader
{
    public static ForumResponse? Read(string? decision, string operatorName, IReadOnlyCollection<string> otherOperators)
    {
        if (string.IsNullOrWhiteSpace(decision)) return null;
        var sentences = SentenceEnd().Split(decision).Select(s => s.Trim()).Where(s => About().IsMatch(s)).ToList();
        if (sentences.Count == 0) return null;
        var own = Stem(operatorName);
        var others = otherOperators.Select(Stem).Where(o => o.Length > 0 && !string.Equals(o, own, StringComparison.OrdinalIgnoreCase)).ToList();
        var named = sentences.Where(s => Mentions(s, own)).ToList();
        var chosen = named.Count > 0 ? named : sentences.Where(s => !others.Any(o => Mentions(s, o))).ToList();
        var answers = chosen.Select(Answer).Distinct().ToList();
        return answers.Count == 1 ? answers[0] : null;
    }

    private static ForumResponse? Answer(string sentence)
    {
        if (Negation().IsMatch(sentence)) return ForumResponse.Neither;
        var hearing = Hearing().IsMatch(sentence);
        var statement = Statement().IsMatch(sentence);
        return hearing == statement ? null : hearing ? ForumResponse.Hearing : ForumResponse.Statement;
    }

    /// <summary>"Faaborg-Midtfyn Kommune" → "Faaborg-Midtfyn": the name as sentences write it.</summary>
    private static string Stem(string name) =>
        name.Replace(" Kommune", "", StringComparison.OrdinalIgnoreCase).Replace("Kommune", "", StringComparison.OrdinalIgnoreCase).Trim();

    private static bool Mentions(string sentence, string name) =>
        name.Length > 0 && Regex.IsMatch(sentence, $@"(?<!\p{{L}}){Regex.Escape(name)}(?!\p{{L}})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?<!\p{L})(høring|udtalelse)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex About();

    [GeneratedRegex(@"(?<!\p{L})(ikke|ingen|hverken|undlader|undlod|afstår|afstod|intet)(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    [GeneratedRegex(@"(?<!\p{L})(fælleskommunal\w*\s+)?høring", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hearing();

    [GeneratedRegex(@"(?<!\p{L})udtalelse", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Statement();
}
