using System.Text.RegularExpressions;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// A contents list that a PDF transcript ran together on one line: group headings by kind ("Beslutningspunkter",
/// "Regionalpolitiske sager", "Siden sidst"), sometimes numbered ("3. Beslutningspunkter"), with their unnumbered
/// items, page numbers ("… (kl ) 4") and "- " sub-items between them and no other mark where one title ends. The
/// titles are cut where a new capitalised word begins after an ordinary word ("… krisecentre Diskussionsoplæg …") or
/// a capitalised word is followed by a preposition ("… Syddanmark Fordeling af …"); proper names ("Væksthus
/// Syddanmark og KKR Syddanmark", "Skovhuset (Region Midtjylland)") stay whole. It is a guess, and the parser asks the
/// secretariat to check it. Group headings and page numbers are never part of a title. Pure.
/// </summary>
public static partial class RunTogetherContents
{
    public sealed record RunEntry(string Title, string? Group);

    /// <param name="Source">The source line the list stands on.</param>
    /// <param name="From">The first cleaned line of that source line; <paramref name="To"/> is one past its last.</param>
    public sealed record Run(int Source, int From, int To, IReadOnlyList<RunEntry> Entries);

    private static readonly string[][] FixedGroups =
    [
        ["Regionalpolitiske", "sager"], ["Udpegninger"], ["Siden", "sidst"], ["Meddelelser"], ["Punkter", "til", "næste", "møde"],
        ["Sager", "til", "beslutning"], ["Sager", "til", "orientering"], ["Sager", "til", "drøftelse"],
    ];

    /// <summary>Words after which a capitalised word continues the title (a name, "Aftale mellem Væksthus …").</summary>
    private static readonly HashSet<string> Joining = new(StringComparer.OrdinalIgnoreCase)
    {
        "af", "og", "i", "til", "med", "mellem", "om", "på", "for", "fra", "vedr.", "vedrørende", "ved", "den", "det", "de", "en",
        "et", "samt", "under", "efter", "over", "hos", "mod", "ang.", "jf.", "s", "eller", "fx", "inkl.", "ift.",
    };

    /// <summary>Prepositions that show a capitalised word begins a title ("Fordeling af", "Opfølgning på").</summary>
    private static readonly HashSet<string> Opening = new(StringComparer.OrdinalIgnoreCase)
    {
        "af", "til", "om", "på", "for", "vedr.", "vedrørende", "med", "mellem",
    };

    /// <summary>Titles always of their own.</summary>
    private static readonly HashSet<string> Standalone = new(StringComparer.Ordinal) { "Eventuelt" };

    /// <summary>Contents entries that are no agenda items.</summary>
    private static readonly HashSet<string> NotItems = new(StringComparer.OrdinalIgnoreCase) { "Deltagerfortegnelse", "Indholdsfortegnelse", "Bilagsoversigt" };

    public static Run? Read(IReadOnlyList<CleanLine> lines)
    {
        foreach (var group in lines.Where(l => l.Text.Trim().Length > 0).GroupBy(l => l.Source))
        {
            string joined = string.Join(' ', group.Select(l => l.Text.Trim()));
            var words = joined.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int groups = 0;
            var seen = new HashSet<string>();
            for (int i = 0; i < words.Length; i++)
            {
                if (GroupAt(words, i) is > 0 and var n && seen.Add(string.Join(' ', words[i..(i + n)]))) groups++;
            }
            if (groups < 2) continue;
            var entries = Split(words);
            if (entries.Count < 3) continue;
            int from = -1, to = -1;
            for (int i = 0; i < lines.Count; i++)
            {
                if (lines[i].Source != group.Key) continue;
                if (from < 0) from = i;
                to = i + 1;
            }
            return new Run(group.Key, from, to, entries);
        }
        return null;
    }

    private static List<RunEntry> Split(string[] words)
    {
        // Where the list begins: the page's running header and the document's title ("Forretningsudvalget Referat
        // Referat fra Forretningsudvalget") stand before the first title that opens like one ("Godkendelse af").
        int start = 0;
        while (start < words.Length && GroupAt(words, start) == 0 && !IsNumberMark(words, start)
               && !(IsCapitalised(words[start]) && start + 1 < words.Length && Opening.Contains(words[start + 1])))
            start++;

        var segments = new List<(string? Group, List<string> Words)>();
        string? group = null;
        var current = new List<string>();
        bool pending = false; // a group heading with nothing under it yet
        void Close()
        {
            if (current.Count > 0) segments.Add((group, current));
            current = [];
        }
        for (int i = start; i < words.Length; i++)
        {
            string w = words[i];
            if (GroupAt(words, i) is > 0 and var n)
            {
                Close();
                if (pending && group is not null) segments.Add((null, [.. group.Split(' ')])); // an empty group is an item of its own
                group = string.Join(' ', words[i..(i + n)]);
                pending = true;
                i += n - 1;
                continue;
            }
            if (IsNumberMark(words, i) || PageNumber().IsMatch(w) || w is "-" or "–" or "•")
            {
                Close();
                continue;
            }
            if (Standalone.Contains(w))
            {
                Close();
                segments.Add((null, [w]));
                continue;
            }
            current.Add(w);
            pending = false;
        }
        Close();
        if (pending && group is not null) segments.Add((null, [.. group.Split(' ')]));

        var entries = new List<RunEntry>();
        foreach (var (g, segment) in segments)
        {
            var titles = Titles(segment);
            // Before the first group: a heading shared by the titles after it ("Godkendelse af dagsorden og referat",
            // then "Godkendelse af dagsorden", "Godkendelse af referat") is their group.
            string? own = g;
            if (g is null && entries.Count == 0 && titles.Count >= 2
                && (titles.Count >= 3 && FirstWord(titles[0]) == FirstWord(titles[1]) || titles[1].StartsWith(titles[0] + " ", StringComparison.Ordinal)))
            {
                own = titles[0];
                titles.RemoveAt(0);
            }
            foreach (var title in titles.Where(x => !NotItems.Contains(x)))
                entries.Add(new RunEntry(title, own));
        }
        return entries;
    }

    /// <summary>Cuts a run of words into titles.</summary>
    private static List<string> Titles(List<string> words)
    {
        var titles = new List<string>();
        var current = new List<string>();
        for (int i = 0; i < words.Count; i++)
        {
            if (current.Count > 0 && StartsTitle(words, i))
            {
                titles.Add(string.Join(' ', current));
                current = [];
            }
            current.Add(words[i]);
        }
        if (current.Count > 0) titles.Add(string.Join(' ', current));
        return titles;
    }

    private static bool StartsTitle(List<string> words, int i)
    {
        string w = words[i], prev = words[i - 1];
        if (!TitleWord().IsMatch(w)) return false;
        string? next = i + 1 < words.Count ? words[i + 1] : null;
        if (next is not null && next.StartsWith('(')) return false; // "Skovhuset (Region Midtjylland)"
        if (char.IsLower(prev[0]))
        {
            // "… krisecentre Diskussionsoplæg": after an ordinary word, unless it joins ("mellem Væksthus") or the
            // capitalised word is a lone last word ("en fast Kattegatforbindelse").
            return !Joining.Contains(prev) && !prev.EndsWith(':') && !prev.EndsWith(',') && next is not null;
        }
        // After a name or an abbreviation: only a word that opens like a title ("Syddanmark Fordeling af").
        return w.Length >= 6 && next is not null && Opening.Contains(next);
    }

    /// <summary>A group heading at <paramref name="i"/>: its length in words, or 0.</summary>
    private static int GroupAt(string[] words, int i)
    {
        if (KindPoints().IsMatch(words[i]))
        {
            // "Dialogpunkter med gæster": the heading takes the lower-case words after it.
            int n = 1;
            while (i + n < words.Length && char.IsLower(words[i + n][0]) && !PageNumber().IsMatch(words[i + n])) n++;
            return n;
        }
        foreach (var g in FixedGroups)
        {
            if (i + g.Length <= words.Length && g.Select((x, k) => x == words[i + k]).All(b => b)
                && (i + g.Length == words.Length || !char.IsLower(words[i + g.Length][0])))
                return g.Length;
        }
        return 0;
    }

    /// <summary>"3." before a group heading or a capitalised word: the source's number of a group.</summary>
    private static bool IsNumberMark(string[] words, int i) =>
        NumberMark().IsMatch(words[i]) && i + 1 < words.Length && (GroupAt(words, i + 1) > 0 || char.IsUpper(words[i + 1][0]));

    private static bool IsCapitalised(string w) => TitleWord().IsMatch(w);

    private static string FirstWord(string title) => title.Split(' ')[0];

    [GeneratedRegex(@"^(Beslutnings|Orienterings|Dialog|Drøftelses|Godkendelses|Debat|Temadrøftelses)punkter:?$")]
    private static partial Regex KindPoints();

    [GeneratedRegex(@"^\p{Lu}\p{Ll}")]
    private static partial Regex TitleWord();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^\d{1,2}\.$")]
    private static partial Regex NumberMark();
}
