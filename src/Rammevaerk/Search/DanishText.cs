using Lucene.Net.Analysis.Da;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Rammevaerk.Search;

/// <summary>One word of a text: where it stands and its lowercase form.</summary>
public readonly record struct DanishToken(int Start, int Length, string Lower);

/// <summary>
/// Danish text as search terms, the same way PostgreSQL's <c>danish</c> text search configuration reads it, so that
/// SQLite (FTS5 over <see cref="SearchEntry.Stemmed"/>) and PostgreSQL (a <c>tsvector</c> over the plain text) find
/// the same rows:
/// <list type="bullet">
/// <item>a word is a run of letters and digits (æ, ø, å and other letters included); everything else separates
/// words. PostgreSQL's parser would keep "2.422", "www.sst.dk" or "Faaborg-Midtfyn" whole, so its document is built
/// from the text with ASCII punctuation replaced by spaces (see the PostgreSQL migration);</item>
/// <item>lowercase; the Snowball Danish stop words (the same 94 words as PostgreSQL's <c>danish.stop</c>) are
/// dropped;</item>
/// <item>words of letters are stemmed with the Snowball Danish stemmer (Lucene.Net's port; PostgreSQL's
/// <c>danish_stem</c> is the same algorithm); words with a digit are kept as they are (PostgreSQL maps numbers and
/// words with digits to the <c>simple</c> dictionary).</item>
/// </list>
/// A Danish Snowball stem is always a prefix of its word (the algorithm only removes endings), which the highlighter
/// relies on.
/// </summary>
public static class DanishText
{
    /// <summary>At most this many characters of a query are read.</summary>
    public const int MaxQueryLength = 500;

    /// <summary>At most this many distinct terms of a query are used; the rest are ignored.</summary>
    public const int MaxQueryTerms = 12;

    /// <summary>PostgreSQL ignores longer words ("word is too long to be indexed"); so do we.</summary>
    public const int MaxWordLength = 2047;

    /// <summary>Query terms longer than this are cut to it (a prefix of a prefix still matches).</summary>
    public const int MaxTermLength = 100;

    private static readonly HashSet<string> StopWords = LoadStopWords();

    [ThreadStatic] private static DanishStemmer? stemmer;

    /// <summary>The words of <paramref name="text"/> in order, lowercased, stop words included.</summary>
    public static IEnumerable<DanishToken> Tokenize(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text, i)) i++;
            var start = i;
            while (i < text.Length && IsWordChar(text, i)) i++;
            if (i > start) yield return new DanishToken(start, i - start, text[start..i].ToLowerInvariant());
        }
    }

    public static bool IsStopWord(string lower) => StopWords.Contains(lower);

    /// <summary>The search term of one lowercase word: its stem, or the word itself when it holds a digit.</summary>
    public static string Stem(string lower)
    {
        if (lower.Length == 0 || lower.Any(char.IsDigit)) return lower;
        var s = stemmer ??= new DanishStemmer();
        s.SetCurrent(lower);
        s.Stem();
        return s.Current;
    }

    /// <summary>The terms of a text as the index holds them: stems of the words that are not stop words.</summary>
    public static IEnumerable<string> Terms(string? text) =>
        Tokenize(text).Where(t => t.Length <= MaxWordLength && !IsStopWord(t.Lower)).Select(t => Stem(t.Lower));

    /// <summary>The text for FTS5: its terms separated by spaces.</summary>
    public static string StemText(string? text) => string.Join(' ', Terms(text));

    /// <summary>
    /// The terms of what a reader typed, each to be matched as a prefix of an indexed term, all required: distinct,
    /// in order, at most <see cref="MaxQueryTerms"/>, read from the first <see cref="MaxQueryLength"/> characters.
    /// Every term consists of letters and digits only, so no query syntax of either database can come through.
    /// </summary>
    public static IReadOnlyList<string> QueryTerms(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return [];
        if (query.Length > MaxQueryLength) query = query[..MaxQueryLength];
        var terms = new List<string>();
        foreach (var token in Tokenize(query))
        {
            if (IsStopWord(token.Lower)) continue;
            var lower = token.Lower.Length > MaxTermLength ? token.Lower[..MaxTermLength] : token.Lower;
            var term = Stem(lower);
            if (term.Length == 0 || terms.Contains(term)) continue;
            terms.Add(term);
            if (terms.Count == MaxQueryTerms) break;
        }
        return terms;
    }

    /// <summary>True when a word of a text matches one of the query terms (its term starts with the query term).</summary>
    public static bool Matches(string lowerWord, IReadOnlyList<string> queryTerms)
    {
        if (lowerWord.Length > MaxWordLength || IsStopWord(lowerWord)) return false;
        string? term = null;
        foreach (var q in queryTerms)
        {
            // The stem is a prefix of the word, so a word that does not start with q cannot match: skip stemming.
            if (!lowerWord.StartsWith(q, StringComparison.Ordinal)) continue;
            term ??= Stem(lowerWord);
            if (term.StartsWith(q, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Letters and digits of any script; a surrogate pair counts when its code point is one.</summary>
    private static bool IsWordChar(string text, int i)
    {
        var c = text[i];
        if (char.IsLetterOrDigit(c)) return true;
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            return char.IsLetterOrDigit(text, i);
        }
        if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]))
        {
            return char.IsLetterOrDigit(text, i - 1);
        }
        return false;
    }

    private static HashSet<string> LoadStopWords()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in DanishAnalyzer.DefaultStopSet)
        {
            if (word?.ToString() is { Length: > 0 } w) set.Add(w);
        }
        return set;
    }
}
