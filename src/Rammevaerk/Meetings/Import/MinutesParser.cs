using System.Globalization;
using System.Text.RegularExpressions;

namespace Rammevaerk.Meetings.Import;

/// <summary>
/// Reads the text of published minutes (or an agenda) in the layouts the archive holds, judged by patterns rather than
/// by site: the web page with or without its labels, seed 000's PDF text, numbered items under a free header, and
/// transcripts of other systems' PDFs. The steps:
/// <list type="number">
/// <item><see cref="SourceCleaner"/> takes page furniture out and records it;</item>
/// <item>the source's own list of items (PUNKTER, a contents list, the first run of numbered lines) is read, with
/// its groups ("Beslutningspunkter", "A) drøftelse");</item>
/// <item>each item's start is found: its "N. Title" or "Punkt N: Title" heading, or, when the headings are gone,
/// its bare title (with the decision before it in the Beslutning-first layout);</item>
/// <item>what precedes the list is the header (body, title, place, date and time, publication date); what is no
/// field there is kept as the meeting's preamble;</item>
/// <item>each item's lines go through <see cref="ItemReader"/> into Markdown sections.</item>
/// </list>
/// Every listed item is kept (title and number only when the source has no text for it); numbers are never changed.
/// What the parser cannot know it asks (<see cref="ParsedMinutes.Questions"/>), and dates are never invented. The
/// text is refused only when it holds no meeting at all.
/// </summary>
public static partial class MinutesParser
{
    public const string NoMeetingMessage =
        "Teksten indeholder intet møde. Importen leder efter et mødes hoved (\"UDVALG\" og \"PUNKTER\" fra en mødeside, " +
        "\"REFERAT <udvalg> d. <dato>\" fra en PDF, eller linjer som \"Møde …\", \"Tid …\", \"Dato: …\", \"Sted …\") og efter " +
        "dagsordenspunkter (\"1. Titel\" eller \"Punkt 1: Titel\"), men fandt ingen af delene. Kontrollér, at det er den rigtige fil.";

    private record struct Entry(int Number, string Title, int Line, string? Group);

    private record struct Start(int Line, int Number, string Title, bool Listed, bool TitleGuessed, string? RestOfLine);

    public static ParsedMinutes Parse(string text, IReadOnlyCollection<string>? knownBodies = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new MinutesFormatException("Filen er tom – der er ingen tekst at indlæse.");

        var source = SourceCleaner.Clean(text);
        var lines = source.Lines;
        string[] t = lines.Select(l => l.Text.Trim()).ToArray();
        var notes = new List<ImportNote>();
        var questions = new List<ImportQuestionDraft>();

        // ---- the list
        int punkter = Array.FindIndex(t, x => x == "PUNKTER");
        var entries = new List<Entry>();
        int listStart = -1, listEnd = -1;
        var toc = new List<(int Line, string Title)>();
        bool pdfLayout = t.Any(l => PdfItemHeader().IsMatch(l) && !TocLine().IsMatch(l));
        if (punkter >= 0)
        {
            listStart = punkter;
            listEnd = ReadList(t, punkter + 1, entries, notes, lines);
        }
        else if (!pdfLayout)
        {
            (listStart, listEnd) = FindListRun(t, entries, notes, lines);
        }
        if (pdfLayout)
        {
            for (int i = 0; i < t.Length; i++)
            {
                if (TocLine().Match(t[i]) is { Success: true } m)
                    toc.Add((i, PdfItemHeader().Replace(m.Groups["title"].Value, "${title}").Trim()));
            }
        }

        // ---- item starts
        var starts = new List<Start>();
        bool bareTitles = false;
        if (pdfLayout)
        {
            for (int i = 0; i < t.Length; i++)
            {
                if (PdfItemHeader().Match(t[i]) is { Success: true } m && !TocLine().IsMatch(t[i]))
                    starts.Add(new Start(i, Int(m.Groups["number"].Value), m.Groups["title"].Value.Trim(), false, false, null));
            }
            starts = Increasing(starts);
        }
        else if (entries.Count > 0)
        {
            var used = new HashSet<int>();
            foreach (var e in entries)
            {
                for (int i = listEnd; i < t.Length; i++)
                {
                    if (used.Contains(i) || Numbered().Match(t[i]) is not { Success: true } m || Int(m.Groups["number"].Value) != e.Number)
                        continue;
                    if (!SameTitle(m.Groups["title"].Value, e.Title))
                        continue;
                    used.Add(i);
                    starts.Add(new Start(i, e.Number, e.Title.Length > 0 ? e.Title : m.Groups["title"].Value.Trim(), true, false, null));
                    break;
                }
            }
            if (starts.Count * 2 < entries.Count(e => e.Title.Length > 0))
            {
                // The headings are gone (a second extraction of the page): find each item by its bare title.
                var byTitle = new List<Start>();
                var usedLines = new HashSet<int>();
                foreach (var e in entries.Where(e => e.Title.Length > 0))
                {
                    for (int i = listEnd; i < t.Length; i++)
                    {
                        if (usedLines.Contains(i) || !SameTitle(t[i], e.Title, exact: true)) continue;
                        usedLines.Add(i);
                        byTitle.Add(new Start(i, e.Number, e.Title, true, false, null));
                        break;
                    }
                }
                if (byTitle.Count > starts.Count)
                {
                    starts = byTitle;
                    bareTitles = true;
                }
            }
            starts = starts.OrderBy(s => s.Line).ToList();
        }
        else
        {
            starts = SequentialHeadings(t, source.IsTranscript);
            // A transcript whose contents list ran together on one line, grouped by kind: the list, numbered by the
            // import; the numbered headings found inside that line are its groups, not items.
            if (source.IsTranscript && RunTogetherContents.Read(lines) is { } run
                && starts.All(st => lines[st.Line].Source == run.Source))
            {
                starts = [];
                listStart = run.From;
                listEnd = run.To;
                for (int k = 0; k < run.Entries.Count; k++)
                {
                    entries.Add(new Entry(k + 1, run.Entries[k].Title, run.From, run.Entries[k].Group));
                    notes.Add(new ImportNote(lines[run.From].Source, k + 1, "Nummeret er givet ved importen: kildens indholdsfortegnelse nummererer ikke punktet."));
                }
                questions.Add(new ImportQuestionDraft(QuestionKind.Number, null,
                    $"Kildens indholdsfortegnelse står på én linje uden numre ved punkterne; importen har delt den i {run.Entries.Count} punkter, " +
                    "nummereret i kildens rækkefølge. Kontrollér titler og numre."));
            }
        }

        // The Beslutning-first layout without headings: an item begins at the decision before its bare title.
        if (bareTitles)
        {
            for (int k = 0; k < starts.Count; k++)
            {
                int floor = k == 0 ? listEnd : starts[k - 1].Line + 1;
                for (int i = starts[k].Line - 1; i >= floor; i--)
                {
                    if (!TryGetSection(t[i], out var s, out _)) continue;
                    if (s == Section.Decision) starts[k] = starts[k] with { Line = i };
                    break;
                }
            }
        }

        // ---- header: everything before the list (or the first item)
        int headerEnd = listStart >= 0 ? listStart : starts.Count > 0 ? starts[0].Line : t.Length;
        if (pdfLayout && toc.Count > 0) headerEnd = Math.Min(headerEnd, toc[0].Line);
        var header = ReadHeader(t, lines, 0, headerEnd, knownBodies, notes, questions);
        if (pdfLayout && toc.Count > 0)
        {
            int tocEnd = starts.Count > 0 ? starts[0].Line : t.Length;
            for (int i = toc[0].Line; i < tocEnd; i++)
            {
                if (t[i].Length > 0 && t[i] != "Indholdsfortegnelse" && !TocLine().IsMatch(t[i]))
                    header.Preamble.Add(t[i]);
            }
        }

        // Refused only when nothing names a meeting: no header that names and dates or places one, and no items under
        // a body or meeting title (a numbered shopping list is no meeting).
        bool named = header.Body is not null || header.Title is not null || header.SaysDocument || pdfLayout;
        if (!header.LooksLikeMeeting && (!named || starts.Count == 0 && entries.Count == 0))
            throw new MinutesFormatException(NoMeetingMessage);

        // ---- text between the list and the first item
        int firstStart = starts.Count > 0 ? starts[0].Line : t.Length;
        // Seed 000's contents list is structure (compared with the items below), not text of its own.
        int gapFrom = listEnd >= 0 ? listEnd : pdfLayout && toc.Count > 0 ? firstStart : headerEnd;
        var items = new List<ParsedItem>();
        var groups = entries.Where(e => e.Group is not null).Select(e => e.Group!).ToHashSet();
        if (HasContent(t, gapFrom, firstStart))
        {
            var derived = bareTitles ? DeriveUnlistedItem(t, lines, gapFrom, firstStart, entries, starts, notes, questions, groups) : null;
            if (derived is not null)
            {
                items.Add(derived);
            }
            else
            {
                for (int i = gapFrom; i < firstStart; i++)
                {
                    if (t[i].Length > 0) header.Preamble.Add(t[i]);
                }
                if (starts.Count > 0 || entries.Count > 0)
                    notes.Add(new ImportNote(lines[gapFrom].Source, null,
                        "Tekst mellem punktlisten og første punkt hører ikke til et punkt; den er gemt i mødets indledning."));
            }
        }

        // ---- the items
        var listedNumbers = entries.Select(e => e.Number).ToHashSet();
        for (int k = 0; k < starts.Count; k++)
        {
            var s = starts[k];
            int end = k + 1 < starts.Count ? starts[k + 1].Line : t.Length;
            string title = s.Title;
            var reader = new ItemReader(s.Number, title, notes, questions, groups);
            if (s.RestOfLine is { Length: > 0 } rest) reader.Prepend(rest);
            int from = bareTitles && s.Line < end && TryGetSection(t[s.Line], out _, out _) ? s.Line : s.Line + 1;
            var item = reader.Read(lines, from, end);
            if (title.Length == 0)
            {
                (item, title) = RecoverTitle(item, s.Number, questions);
            }
            if (s.TitleGuessed)
                questions.Add(new ImportQuestionDraft(QuestionKind.Title, s.Number,
                    $"Punkt {s.Number}: Titlen \"{Shorten(title, 120)}\" er skønnet ud fra en lang linje i kilden; kontrollér, hvor titlen slutter."));
            var group = entries.FirstOrDefault(e => e.Number == s.Number).Group;
            items.Add(item with { Title = title, Group = group });
        }

        // ---- listed items the text does not reach
        foreach (var e in entries)
        {
            if (items.Any(i => i.Number == e.Number)) continue;
            items.Add(new ParsedItem(e.Number, e.Title, null, null, null, null, null, [], false) { NoSourceText = true, Group = e.Group });
            if (e.Title.Length == 0)
                questions.Add(new ImportQuestionDraft(QuestionKind.Title, e.Number,
                    $"Punkt {e.Number} har hverken titel eller tekst i kilden."));
        }
        int noText = items.Count(i => i.NoSourceText);
        if (noText > 0)
            notes.Add(new ImportNote(null, null, noText == items.Count
                ? "Kilden har kun punktlisten; punkterne er importeret med titel og nummer og en note om, at kilden ikke har tekst til dem."
                : $"{noText} punkter står i punktlisten, men kilden har ingen tekst til dem; de er importeret med titel og nummer og en note om det."));

        // Duplicated numbers cannot both be kept under one number: the later one is kept in the preamble, named.
        var distinct = new List<ParsedItem>();
        foreach (var item in items.OrderBy(i => i.Number))
        {
            if (distinct.Any(d => d.Number == item.Number))
            {
                header.Preamble.Add($"Punkt {item.Number} (igen): {item.Title}");
                questions.Add(new ImportQuestionDraft(QuestionKind.Number, item.Number,
                    $"Nummeret {item.Number} står ved to punkter i kilden (\"{Shorten(item.Title, 80)}\"); det andet er gemt i mødets indledning."));
                continue;
            }
            distinct.Add(item);
        }
        items = distinct;

        if (pdfLayout) CompareTableOfContents(toc, items, notes, lines);
        ReportGaps(items, entries, notes);
        if (items.Count == 0)
        {
            // A text that looks as if it has items ("Punkt 1", a contents list, Beslutning labels) but gave none was
            // misread: it must never be published as a meeting without items; it waits for the secretariat.
            bool itemLike = t.Any(l => ItemLikeLine().IsMatch(l) || TocLine().IsMatch(l) || TryGetSection(l, out _, out _));
            questions.Add(new ImportQuestionDraft(QuestionKind.Text, null, itemLike
                ? "Teksten ser ud til at have dagsordenspunkter (fx \"Punkt 1\", en indholdsfortegnelse eller \"Beslutning\"), men importen kunne ikke skille dem ad; hele teksten er gemt i mødets indledning. Mødet offentliggøres ikke, før punkterne er kontrolleret og oprettet."
                : "Der blev ikke fundet nogen nummererede dagsordenspunkter i teksten; mødet er oprettet uden punkter, og teksten er gemt i mødets indledning.")
            {
                HoldsBack = itemLike,
            });
        }

        // ---- meeting fields
        bool isMinutes = items.Any(i => i.Decision is not null) || header.SaysMinutes;
        string? body = header.Body;
        if (body is null)
            questions.Add(new ImportQuestionDraft(QuestionKind.Body, null, "Teksten nævner ikke udvalget; vælg det."));
        string title0 = header.Title ?? (body is null ? "Møde" : "Møde i " + body);
        // The date is a field of its own: a title that only repeats it ("Møde i Socialdirektørforum den 7. marts 2025")
        // is shown without it, as the pages show every meeting's date beside its title.
        if (header.Starts is { } when && TitleDate().Match(title0) is { Success: true } dated && dated.Index > 0
            && ParseDanishDateTime(dated.Groups["date"].Value).Date == DateOnly.FromDateTime(when))
            title0 = title0[..dated.Index].Trim();
        var layout = pdfLayout ? MinutesLayout.PdfText
            : punkter >= 0 ? MinutesLayout.WebPage
            : source.IsTranscript ? MinutesLayout.Transcript
            : bareTitles ? MinutesLayout.LabelFree
            : MinutesLayout.Numbered;

        int onMeeting = lines.Where(l => l.Text.Trim().Length > 0).Select(l => l.Source).Distinct().Count()
                        + (source.SourceAddress is null ? 0 : 1);
        return new ParsedMinutes(layout, isMinutes, body, title0, header.Place, header.Starts, header.Ends, header.Published, items, notes)
        {
            TimeUnknown = header.Starts is not null && header.TimeUnknown,
            YearHint = header.Starts?.Year ?? header.Year,
            RegionNamed = header.OtherRegion,
            SourceAddress = source.SourceAddress,
            Preamble = header.Preamble.Count == 0 ? null : string.Join("\n\n", header.Preamble),
            // Seed 000's contents table is the PDF layout's list.
            ListedCount = entries.Count > 0 ? entries.Count : toc.Count,
            Questions = questions,
            Lines = new LineAccount(source.NonBlankSourceLines, onMeeting, source.Dropped),
        };
    }

    // ---------------------------------------------------------------- the list

    /// <summary>Reads "N. Title" entries (and group headings between them) from <paramref name="from"/>; returns where the list ends.</summary>
    private static int ReadList(string[] t, int from, List<Entry> entries, List<ImportNote> notes, IReadOnlyList<CleanLine> lines)
    {
        string? group = null;
        int i = from;
        for (; i < t.Length; i++)
        {
            string line = t[i];
            if (line.Length == 0) continue;
            if (Numbered().Match(line) is { Success: true } m)
            {
                int number = Int(m.Groups["number"].Value);
                string title = m.Groups["title"].Value.Trim();
                if (entries.Any(e => e.Number == number && SameTitle(e.Title, title, exact: true)))
                    break; // the first entry again: the items begin
                entries.Add(new Entry(number, title, i, group));
                continue;
            }
            if (TryGetSection(line, out _, out _)) break;
            if (IsGroupHeading(t, i))
            {
                group = line.TrimEnd(':');
                continue;
            }
            if (entries.Count > 0)
            {
                // The first bare line after the entries: the list has ended.
                break;
            }
            notes.Add(new ImportNote(lines[i].Source, null, $"Linjen \"{line}\" før punktlisten blev ikke genkendt; den er gemt i mødets indledning."));
        }
        return i;
    }

    /// <summary>
    /// Without a PUNKTER label: the first run of two or more numbered lines with nothing but blank lines and group
    /// headings between them, whose titles the text repeats later (or which has three entries or more).
    /// </summary>
    private static (int Start, int End) FindListRun(string[] t, List<Entry> entries, List<ImportNote> notes, IReadOnlyList<CleanLine> lines)
    {
        for (int i = 0; i < t.Length; i++)
        {
            if (!Numbered().IsMatch(t[i]) && !(IsGroupHeading(t, i) && NextNonBlankIsNumbered(t, i))) continue;
            var run = new List<Entry>();
            int end = ReadList(t, i, run, [], lines);
            // Only the first run of numbered lines can be the list: the list stands before the items' text, and a
            // numbered line further down (a list inside an item, a wrapped "5. oktober") is never one.
            if (run.Count < 2 || run.Any(e => e.Title.Length > 0 && char.IsLower(e.Title[0])))
                return (-1, -1);
            // A run of headings each followed by its text is not a list: a list's lines stand together.
            int span = run[^1].Line - run[0].Line;
            bool tight = span <= 2 * run.Count + run.Count(e => e.Group is not null) * 2;
            bool repeated = run.Any(e => e.Title.Length > 0 && Enumerable.Range(end, Math.Max(0, t.Length - end)).Any(j => t[j].Contains(e.Title, StringComparison.OrdinalIgnoreCase)));
            if (tight && (repeated || run.Count >= 3))
            {
                entries.AddRange(run);
                return (i, end);
            }
            return (-1, -1);
        }
        return (-1, -1);
    }

    private static bool NextNonBlankIsNumbered(string[] t, int i)
    {
        for (int j = i + 1; j < t.Length; j++)
        {
            if (t[j].Length > 0) return Numbered().IsMatch(t[j]);
        }
        return false;
    }

    /// <summary>A short heading line before a numbered entry in a list: "Beslutningspunkter", "A) drøftelse".</summary>
    private static bool IsGroupHeading(string[] t, int i)
    {
        string line = t[i];
        if (line.Length is 0 or > 60 || Numbered().IsMatch(line) || TryGetSection(line, out _, out _)) return false;
        return GroupHeading().IsMatch(line) && NextNonBlankIsNumbered(t, i);
    }

    /// <summary>Without a list: "N. Title" lines whose numbers rise (gaps allowed for closed items).</summary>
    private static List<Start> SequentialHeadings(string[] t, bool transcript)
    {
        var starts = new List<Start>();
        int last = 0;
        for (int i = 0; i < t.Length; i++)
        {
            if (Numbered().Match(t[i]) is not { Success: true } m) continue;
            int n = Int(m.Groups["number"].Value);
            string title = m.Groups["title"].Value.Trim();
            if (n <= last || n > last + 5 || (last == 0 && n > 5)) continue;
            if (title.Length > 0 && !(char.IsUpper(title[0]) || char.IsDigit(title[0]) || title[0] is '"' or '“' or '«')) continue;
            if (title.EndsWith(':')) continue;
            string? rest = null;
            bool guessed = false;
            if (title.Length > 120)
            {
                // A transcript's heading runs into the item's text: cut at the first sentence break.
                var cut = SentenceBreak().Match(title, 20);
                int at = cut.Success && cut.Index < 160 ? cut.Index + 1 : title.LastIndexOf(' ', 110);
                if (at <= 0) at = 110;
                rest = title[at..].Trim();
                title = title[..at].Trim().TrimEnd('.');
                guessed = true;
            }
            else if (transcript && title.Length > 80)
            {
                guessed = true;
            }
            starts.Add(new Start(i, n, title, false, guessed, rest));
            last = n;
        }
        return starts;
    }

    private static List<Start> Increasing(List<Start> starts)
    {
        var result = new List<Start>();
        foreach (var s in starts)
        {
            if (result.Count == 0 || s.Number > result[^1].Number) result.Add(s);
        }
        return result;
    }

    /// <summary>
    /// Text before the first found item that has its own bare title (the list left the item out): kept as an item of
    /// its own when exactly one number is free before the first listed item, and asked about.
    /// </summary>
    private static ParsedItem? DeriveUnlistedItem(string[] t, IReadOnlyList<CleanLine> lines, int from, int to, List<Entry> entries,
        List<Start> starts, List<ImportNote> notes, List<ImportQuestionDraft> questions, HashSet<string> groups)
    {
        int first = starts[0].Number;
        var free = Enumerable.Range(1, Math.Max(0, first - 1)).Where(n => entries.All(e => e.Number != n)).ToList();
        if (free.Count != 1) return null;
        int number = free[0];
        // Its title: the short line after the decision and before the next section label.
        string? title = null;
        for (int i = from; i < to; i++)
        {
            if (t[i].Length == 0 || TryGetSection(t[i], out _, out _)) continue;
            int next = Enumerable.Range(i + 1, Math.Max(0, to - i - 1)).FirstOrDefault(j => t[j].Length > 0, -1);
            if (next >= 0 && TryGetSection(t[next], out var s, out _) && s != Section.Decision && t[i].Length <= 150 && !t[i].EndsWith('.'))
            {
                title = t[i];
                break;
            }
        }
        if (title is null) return null;
        var reader = new ItemReader(number, title, notes, questions, groups);
        var item = reader.Read(lines, from, to);
        questions.Add(new ImportQuestionDraft(QuestionKind.Number, number,
            $"Punkt {number} \"{title}\" står ikke i kildens punktliste; teksten står før punkt {first}, og {number} er det eneste ledige nummer. Kontrollér nummeret."));
        return item;
    }

    private static (ParsedItem Item, string Title) RecoverTitle(ParsedItem item, int number, List<ImportQuestionDraft> questions)
    {
        // The real title is the first line of the item's text.
        foreach (var field in new[] { "Intro", "Background", "CasePresentation", "Recommendation", "Decision" })
        {
            string? value = field switch
            {
                "Intro" => item.Intro, "Background" => item.Background, "CasePresentation" => item.CasePresentation,
                "Recommendation" => item.Recommendation, _ => item.Decision,
            };
            if (value is null) continue;
            int cut = value.IndexOf("\n\n", StringComparison.Ordinal);
            string first = (cut < 0 ? value : value[..cut]).TrimStart('#', ' ');
            string? rest = cut < 0 ? null : value[(cut + 2)..];
            if (first.Length == 0 || first.Length > 200) continue;
            questions.Add(new ImportQuestionDraft(QuestionKind.Title, number,
                $"Punkt {number} har ingen titel i kilden; titlen \"{Shorten(first, 120)}\" er taget fra første linje af punktets tekst."));
            // The line is the title now; it leaves the field (unless it was all the item had, then it stays).
            if (field == "Decision" && rest is null) return (item, first);
            item = field switch
            {
                "Intro" => item with { Intro = rest },
                "Background" => item with { Background = rest },
                "CasePresentation" => item with { CasePresentation = rest },
                "Recommendation" => item with { Recommendation = rest },
                _ => item with { Decision = rest },
            };
            return (item, first);
        }
        questions.Add(new ImportQuestionDraft(QuestionKind.Title, number, $"Punkt {number} har hverken titel eller tekst i kilden."));
        return (item, $"Punkt {number}");
    }

    private static void ReportGaps(List<ParsedItem> items, List<Entry> entries, List<ImportNote> notes)
    {
        var numbers = items.Select(i => i.Number).Order().ToList();
        if (numbers.Count < 2) return;
        var missing = Enumerable.Range(numbers[0], numbers[^1] - numbers[0] + 1).Except(numbers).ToList();
        if (missing.Count > 0)
            notes.Add(new ImportNote(null, null,
                $"Kilden springer {(missing.Count == 1 ? "punkt" : "punkterne")} {string.Join(", ", missing)} over (fx lukkede punkter, der ikke er offentlige); numrene er bevaret, og hullerne står som i kilden."));
        if (entries.Count > 1 && !entries.Select(e => e.Number).SequenceEqual(entries.Select(e => e.Number).Order()))
            notes.Add(new ImportNote(null, null, "Kildens punktliste står ikke i nummerorden; punkterne er vist i nummerorden."));
    }

    private static void CompareTableOfContents(List<(int Line, string Title)> toc, List<ParsedItem> items, List<ImportNote> notes, IReadOnlyList<CleanLine> lines)
    {
        if (toc.Count == 0)
            return;
        if (toc.Count != items.Count)
            notes.Add(new ImportNote(null, null, $"Indholdsfortegnelsen har {toc.Count} linjer, men teksten har {items.Count} punkter."));
        foreach (var ((line, tocTitle), item) in toc.Zip(items))
        {
            if (!CollapseSpaces(item.Title).StartsWith(CollapseSpaces(tocTitle), StringComparison.Ordinal))
                notes.Add(new ImportNote(lines[line].Source, item.Number,
                    $"Indholdsfortegnelsens linje \"{tocTitle}\" passer ikke til punkt {item.Number} \"{item.Title}\"."));
        }
    }

    // ---------------------------------------------------------------- the header

    private sealed class Header
    {
        public string? Body, Title, Place;
        public DateTime? Starts, Ends;
        public DateOnly? Published;
        public bool TimeUnknown, SaysMinutes, LooksLikeMeeting;
        /// <summary>A line says what the document is ("Dagsorden og referat") without naming the body.</summary>
        public bool SaysDocument;
        public int? Year;
        public string? OtherRegion;
        public readonly List<string> Preamble = [];
    }

    private static Header ReadHeader(string[] t, IReadOnlyList<CleanLine> lines, int from, int to,
        IReadOnlyCollection<string>? knownBodies, List<ImportNote> notes, List<ImportQuestionDraft> questions)
    {
        var h = new Header();
        var labelled = new Dictionary<string, string>();
        string? pendingLabel = null, pageTitle = null, titleDateText = null, whenText = null, labelBody = null;
        int pageTitleAt = -1;
        var isoTimes = new List<string>();
        var dateTexts = new List<string>();

        for (int i = from; i < to; i++)
        {
            string line = t[i];
            if (line.Length == 0 || line == "Indholdsfortegnelse") continue;
            Match m;
            if (WebLabels.Contains(line))
            {
                pendingLabel = line;
                h.LooksLikeMeeting = true;
                continue;
            }
            if (pendingLabel is not null)
            {
                labelled[pendingLabel] = line;
                pendingLabel = null;
                continue;
            }
            if ((m = PublishedLine().Match(line)).Success)
            {
                if (DateOnly.TryParseExact(m.Groups["date"].Value, ["dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    h.Published = d;
                continue;
            }
            if ((m = PdfTitleLine().Match(line)).Success)
            {
                h.LooksLikeMeeting = true;
                h.SaysMinutes |= m.Groups["kind"].Value.Equals("REFERAT", StringComparison.OrdinalIgnoreCase);
                string rest = m.Groups["rest"].Value.Trim();
                var year = YearOnly().Match(rest);
                if (year.Success)
                {
                    h.Year = Int(year.Groups["year"].Value);
                    rest = rest[year.Length..].Trim();
                }
                var dm = TitleDate().Match(rest);
                if (dm.Success)
                {
                    titleDateText = dm.Groups["date"].Value;
                    rest = rest[..dm.Index].Trim();
                }
                if (rest.Length > 0 && h.Body is null)
                {
                    // "Forretningsudvalget Referat Sekretariat for Rammeaftaler Midtjylland Prinsens Allé Viborg": a page
                    // header naming the body before the kind of document, and the sender's name and address after it.
                    // The name before wins when the text repeats it as a page header or names it as the meeting's
                    // ("Referat fra Forretningsudvalget"); what follows is then part of the text before the items.
                    if (pageTitle is not null && pageTitleAt == PreviousNonBlank(t, i, from) && NamedAgain(t, pageTitle, pageTitleAt))
                        h.Preamble.Add(rest);
                    else
                        h.Body = rest;
                }
                continue;
            }
            if (line == "Referat" || line == "REFERAT" || IsStopPhrase(line))
            {
                h.SaysDocument |= IsStopPhrase(line);
                h.SaysMinutes |= line.Contains("referat", StringComparison.OrdinalIgnoreCase);
                h.Preamble.Add(line);
                continue;
            }
            if ((m = BodyLabel().Match(line)).Success)
            {
                // "Møde Socialdirektørkredsen" / "Møde: Den Administrative Styregruppe": the body, named.
                h.LooksLikeMeeting = true;
                labelBody ??= m.Groups["body"].Value.Trim();
                continue;
            }
            if ((m = MeetingTitle().Match(line)).Success)
            {
                h.LooksLikeMeeting = true;
                h.SaysMinutes |= line.Contains("referat", StringComparison.OrdinalIgnoreCase);
                if (h.Title is null && line.Length <= 90)
                {
                    h.Title = line;
                    if (m.Groups["body"].Success && h.Body is null && !labelled.ContainsKey("UDVALG"))
                        pageTitle ??= m.Groups["body"].Value.Trim();
                    var dm = TitleDate().Match(line);
                    if (dm.Success) titleDateText = dm.Groups["date"].Value;
                }
                else if (h.Title is null || !SameTitle(line, h.Title, exact: true))
                {
                    h.Preamble.Add(line);
                }
                continue;
            }
            if ((m = LabelLine().Match(line)).Success)
            {
                string label = m.Groups["label"].Value.ToLowerInvariant();
                string value = m.Groups["value"].Value.Trim();
                h.LooksLikeMeeting = true;
                switch (label)
                {
                    case "mødedato" or "dato" or "tid" or "tidspunkt" or "mødetidspunkt":
                        dateTexts.Add(value);
                        break;
                    case "mødested" or "sted":
                        if (value.Length > 80 && PlaceEnd().Match(value) is { Success: true } pe)
                        {
                            // A transcript runs the place into the next text: it ends at the postal code and town.
                            h.Place ??= pe.Value.Trim();
                            h.Preamble.Add(value[pe.Length..].Trim());
                            questions.Add(new ImportQuestionDraft(QuestionKind.Place, null, $"Mødestedet er læst som \"{pe.Value.Trim()}\"; kontrollér det."));
                        }
                        else h.Place ??= NullIfEmpty(value);
                        break;
                    case "møde" or "udvalg":
                        if (value.Length > 0 && !value.StartsWith("i ", StringComparison.Ordinal)) h.Body ??= value;
                        else if (value.Length > 0) h.Preamble.Add(line);
                        break;
                    default:
                        h.Preamble.Add(line);
                        break;
                }
                continue;
            }
            if (IsoDateTime().IsMatch(line))
            {
                isoTimes.Add(line);
                continue;
            }
            if (knownBodies?.FirstOrDefault(b => string.Equals(b, line, StringComparison.CurrentCultureIgnoreCase)) is { } known)
            {
                h.Body ??= known;
                continue;
            }
            if (h.Body is null && h.Title is null && pageTitle is null && line.Length <= 80 && !line.Contains('.'))
            {
                // The first free line of a page without labels is its body (or the page title).
                pageTitle = line;
                pageTitleAt = i;
                continue;
            }
            if (h.Place is null && isoTimes.Count == 0 && h.Title is not null && labelled.Count == 0 && line.Length <= 120 && i + 1 < to && IsoDateTime().IsMatch(NextNonBlank(t, i + 1, to) ?? ""))
            {
                // Label-free page: the line between the title and the times is the place.
                h.Place = line;
                continue;
            }
            if (SameTitle(line, h.Title ?? "", exact: true) || SameTitle(line, pageTitle ?? "", exact: true))
                continue; // the page title repeated
            h.Preamble.Add(line);
        }

        if (labelBody is not null) h.Body = labelBody;
        if (labelled.TryGetValue("UDVALG", out var udvalg)) h.Body = udvalg;
        if (labelled.TryGetValue("MØDE", out var mode))
        {
            h.Title = mode;
            if (TitleDate().Match(mode) is { Success: true } md) titleDateText = md.Groups["date"].Value;
        }
        if (labelled.TryGetValue("STED", out var sted)) h.Place = sted;
        if (h.Body is null && pageTitle is not null)
        {
            var mt = MeetingTitle().Match(pageTitle);
            h.Body = mt.Success && mt.Groups["body"].Success ? mt.Groups["body"].Value.Trim() : pageTitle;
        }
        if (h.Body is null && h.Title is not null && MeetingTitle().Match(h.Title) is { Success: true } tm && tm.Groups["body"].Success)
            h.Body = tm.Groups["body"].Value.Trim();
        if (h.Body is not null) h.Body = CollapseSpaces(h.Body);
        // "og referat", "Referat fra": what kind of document it is, never a body's name.
        if (h.Body is not null && IsStopPhrase(h.Body)) h.Body = null;
        // A meeting is named (a body or a meeting title) and placed in time or space; a body's name alone is none.
        h.LooksLikeMeeting = (h.Body is not null || h.Title is not null || h.SaysDocument)
                             && (dateTexts.Count > 0 || isoTimes.Count > 0 || labelled.ContainsKey("STARTTIDSPUNKT") || titleDateText is not null || h.Place is not null);
        h.OtherRegion = OtherRegions.FirstOrDefault(r => Enumerable.Range(from, Math.Max(0, to - from)).Any(i => t[i].Contains(r, StringComparison.Ordinal)));

        // ---- when
        string? startText = labelled.GetValueOrDefault("STARTTIDSPUNKT") ?? (isoTimes.Count > 0 ? isoTimes[0] : null);
        string? endText = labelled.GetValueOrDefault("SLUTTIDSPUNKT") ?? (isoTimes.Count > 1 ? isoTimes[1] : null);
        if (startText is not null)
        {
            whenText = startText;
            (h.Starts, h.TimeUnknown) = ReadIso(startText);
            if (h.Starts is null)
                notes.Add(new ImportNote(null, null, $"STARTTIDSPUNKT \"{startText}\" kunne ikke læses som dato og klokkeslæt."));
            if (endText is not null)
            {
                var (ends, endUnknown) = ReadIso(endText);
                h.Ends = endUnknown ? null : ends;
                if (ends is null) notes.Add(new ImportNote(null, null, $"SLUTTIDSPUNKT \"{endText}\" kunne ikke læses som dato og klokkeslæt."));
            }
        }
        if (h.Starts is null)
        {
            // "Tid", "Dato:", "Mødedato": the one that names a whole date wins; two different dates are a question.
            var read = dateTexts.Select(d => (Text: d, When: ParseDanishDateTime(d))).ToList();
            var dated = read.Where(r => r.When.Date is not null).ToList();
            if (dated.Count > 0)
            {
                var chosen = dated[^1];
                whenText = chosen.Text;
                h.Starts = chosen.When.Starts;
                h.Ends = chosen.When.Ends;
                h.TimeUnknown = chosen.When.TimeUnknown;
                if (dated.Select(d => d.When.Date).Distinct().Count() > 1)
                    questions.Add(new ImportQuestionDraft(QuestionKind.Text, null,
                        $"Teksten har flere datoer i mødets hoved ({string.Join("; ", dated.Select(d => "\"" + d.Text + "\""))}); kontrollér mødedatoen."));
            }
            else if (dateTexts.Count > 0)
            {
                whenText = dateTexts[^1];
            }
        }
        if (h.Starts is null && titleDateText is not null && ParseDanishDateTime(titleDateText) is { Date: not null } fromTitle)
        {
            h.Starts = fromTitle.Starts;
            h.TimeUnknown = true;
            notes.Add(new ImportNote(null, null, "Datoen er taget fra mødets titel; klokkeslættet fremgår ikke."));
        }
        else if (h.Starts is { } s && titleDateText is not null && ParseDanishDateTime(titleDateText) is { Date: { } td } && td != DateOnly.FromDateTime(s))
        {
            questions.Add(new ImportQuestionDraft(QuestionKind.Text, null,
                $"Titlen nævner {titleDateText}, men mødets tidspunkt er {s:yyyy-MM-dd}; mødet er dateret efter tidspunktet. Kontrollér datoen."));
        }

        if (h.Starts is null)
        {
            string seen = whenText is null ? "Teksten har ingen mødedato" : $"Mødedatoen \"{whenText}\" kan ikke læses sikkert";
            string contradictory = whenText is not null && ContradictoryDate().IsMatch(whenText) ? " (to måneder ved samme dag)" : "";
            int? year = h.Year ?? (whenText is not null && YearAnywhere().Match(whenText) is { Success: true } y ? Int(y.Value) : null);
            h.Year ??= year;
            questions.Add(new ImportQuestionDraft(QuestionKind.Date, null,
                $"{seen}{contradictory}. Mødet er oprettet uden at blive offentliggjort; angiv dato og klokkeslæt.{(year is int yy ? $" Teksten nævner året {yy}." : "")}"));
        }
        else if (h.TimeUnknown)
        {
            questions.Add(new ImportQuestionDraft(QuestionKind.Time, null,
                whenText is null ? "Klokkeslættet fremgår ikke af teksten; mødet vises uden klokkeslæt."
                                 : $"Klokkeslættet i \"{whenText}\" kan ikke læses sikkert; mødet vises uden klokkeslæt, til det er angivet."));
        }
        return h;
    }

    private static string? NextNonBlank(string[] t, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (t[i].Length > 0) return t[i];
        }
        return null;
    }

    private static (DateTime? When, bool TimeUnknown) ReadIso(string text)
    {
        var m = IsoDateTime().Match(text.Trim());
        if (!m.Success) return (null, true);
        if (!DateOnly.TryParseExact(m.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (null, true);
        if (m.Groups["h"].Success && Int(m.Groups["h"].Value) < 24 && Int(m.Groups["m"].Value) < 60 && m.Groups["h"].Value.Length > 0)
            return (date.ToDateTime(new TimeOnly(Int(m.Groups["h"].Value), Int(m.Groups["m"].Value))), false);
        return (date.ToDateTime(TimeOnly.MinValue), true);
    }

    private readonly record struct DanishWhen(DateOnly? Date, DateTime? Starts, DateTime? Ends, bool TimeUnknown);

    /// <summary>Reads "Fredag d. 22. marts 2024 kl. 09:00(-12:00)", "22-03-2024", "1. marts 2012, kl"; a lost or odd time is unknown.</summary>
    private static DanishWhen ParseDanishDateTime(string text)
    {
        if (ContradictoryDate().IsMatch(text)) return default;
        DateOnly date;
        int after;
        var m = DanishDate().Match(text);
        if (m.Success)
        {
            int month = Array.IndexOf(DanishMonths, m.Groups["month"].Value.ToLowerInvariant()) + 1;
            int day = Int(m.Groups["day"].Value), year = Int(m.Groups["year"].Value);
            if (month < 1 || year < 1900 || day > DateTime.DaysInMonth(year, month)) return default;
            date = new DateOnly(year, month, day);
            after = m.Index + m.Length;
        }
        else if ((m = NumericDate().Match(text)).Success
                 && DateOnly.TryParseExact(m.Value.Replace('.', '-').Replace('/', '-'), ["d-M-yyyy", "dd-MM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            after = m.Index + m.Length;
        }
        else
        {
            return default;
        }
        var rest = text[after..];
        var tm = ClockTimes().Match(rest);
        if (!tm.Success)
            return new DanishWhen(date, date.ToDateTime(TimeOnly.MinValue), null, true);
        int h = Int(tm.Groups["h"].Value), min = Int(tm.Groups["m"].Value);
        if (h >= 24 || min >= 60)
            return new DanishWhen(date, date.ToDateTime(TimeOnly.MinValue), null, true);
        DateTime? ends = null;
        if (tm.Groups["eh"].Success && Int(tm.Groups["eh"].Value) < 24 && Int(tm.Groups["em"].Value) < 60)
            ends = date.ToDateTime(new TimeOnly(Int(tm.Groups["eh"].Value), Int(tm.Groups["em"].Value)));
        return new DanishWhen(date, date.ToDateTime(new TimeOnly(h, min)), ends, false);
    }

    private static readonly string[] DanishMonths =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    /// <summary>Regions a header may name; the importer compares them with its own region.</summary>
    private static readonly string[] OtherRegions = ["Midtjylland", "Nordjylland", "Hovedstaden", "Sjælland", "Syddanmark"];

    private static readonly HashSet<string> WebLabels = ["UDVALG", "MØDE", "STED", "STARTTIDSPUNKT", "SLUTTIDSPUNKT"];

    // ---------------------------------------------------------------- shared helpers

    private static bool HasContent(string[] t, int from, int to)
    {
        for (int i = Math.Max(0, from); i < to && i < t.Length; i++)
        {
            if (t[i].Length > 0) return true;
        }
        return false;
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>
    /// Words that say what kind of document or meeting a line is ("Dagsorden og referat", "Referat fra", "Dagsorden
    /// til mødet", "og referat"): a line made only of them names no body.
    /// </summary>
    public static bool IsStopPhrase(string text)
    {
        var words = CollapseSpaces(text).TrimEnd(':', '.', ',').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(w => StopWords.Contains(w));
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "dagsorden", "referat", "beslutningsreferat", "mødereferat", "og", "fra", "til", "for", "af", "i", "med", "møde",
        "mødet", "det", "ordinært", "ekstraordinært", "udkast", "endelig", "endeligt",
    };

    internal static string CollapseSpaces(string s) => Whitespace().Replace(s, " ").Trim();

    internal static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>Titles match when equal apart from spacing and case, or (unless exact) when one is the other cut short.</summary>
    private static bool SameTitle(string a, string b, bool exact = false)
    {
        string x = CollapseSpaces(a), y = CollapseSpaces(b);
        if (x.Length == 0 || y.Length == 0) return x.Length == y.Length;
        if (string.Equals(x, y, StringComparison.OrdinalIgnoreCase)) return true;
        if (exact) return false;
        var (shorter, longer) = x.Length < y.Length ? (x, y) : (y, x);
        return shorter.Length >= 15 && longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase);
    }

    internal static bool TryGetSection(string line, out Section section, out string? inline)
    {
        inline = null;
        var m = SectionLabel().Match(line);
        if (!m.Success)
        {
            section = Section.None;
            return false;
        }
        string label = m.Groups["label"].Value;
        string rest = m.Groups["rest"].Value.Trim();
        bool colon = m.Groups["colon"].Success;
        section = label switch
        {
            "Baggrund" => Section.Background,
            "Indstilling" => Section.Recommendation,
            "Sagsfremstilling" => Section.CasePresentation,
            "Beslutning" or "Referat" or "Godkendt" => Section.Decision,
            "Bilag" => Section.Attachments,
            _ => Section.None,
        };
        // "Bilag:" alone heads attachments named in words inside the case presentation (seed 001): text, not a label.
        if (label == "Bilag" && colon && rest.Length == 0) section = Section.None;
        // "Godkendt" is a label and the decision at once ("Godkendt" / "Godkendt." / "Godkendt med …").
        if (label == "Godkendt") inline = line;
        else if (rest.Length > 0)
        {
            if (!colon) section = Section.None; // "Baggrunden er …" is text; only "Baggrund: …" carries text inline
            else inline = rest;
        }
        return section != Section.None;
    }

    internal static bool IsFileName(string line) => FileName().IsMatch(line);

    internal enum Section { None, Background, Recommendation, CasePresentation, Decision, Attachments }

    [GeneratedRegex(@"^(?<label>Baggrund|Indstilling|Sagsfremstilling|Beslutning|Bilag|Referat)(?<colon>\s*:)?(?<rest>.*)$|^(?<label>Godkendt)(?<rest>\.?|\s+(med|uden)\b.*)$")]
    private static partial Regex SectionLabel();

    private static int PreviousNonBlank(IReadOnlyList<string> t, int i, int from)
    {
        for (int k = i - 1; k >= from; k--)
            if (t[k].Length > 0) return k;
        return -1;
    }

    /// <summary>Whether <paramref name="name"/> stands again as a line of its own (a page header), or as the meeting's
    /// ("Referat fra Forretningsudvalget", "Dagsorden for Forretningsudvalget"), anywhere but at <paramref name="at"/>.</summary>
    private static bool NamedAgain(IReadOnlyList<string> t, string name, int at)
    {
        for (int k = 0; k < t.Count; k++)
        {
            if (k == at) continue;
            var line = t[k];
            if (line.Equals(name, StringComparison.Ordinal)) return true;
            var m = MeetingTitle().Match(line);
            if (m.Success && m.Groups["body"].Success && m.Groups["body"].Value.Trim().Equals(name, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    [GeneratedRegex(@"^(?<kind>REFERAT|DAGSORDEN|Referat|Dagsorden)\s+(?<rest>(?!(fra|af|for|til|og)\b).+)$")]
    private static partial Regex PdfTitleLine();

    [GeneratedRegex(@"^(?<year>\d{4})\b")]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"\s*(?:\b(?:d\.|den)\s+)?(?<date>\d{1,2}[-.]\d{1,2}[-.]\d{4}|\d{1,2}\.\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\s+\d{4})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TitleDate();

    // "Punkt 1: Title", or "Punkt 1:" / "Punkt 1" with the title on the next line (recovered from the item's text).
    [GeneratedRegex(@"^Punkt\s+(?<number>\d+)\s*(?::\s*(?<title>.*)|(?<title>))$")]
    private static partial Regex PdfItemHeader();

    [GeneratedRegex(@"^(?:Punkt|Pkt\.?|Dagsordenspunkt)\s*\d+\b|^\d{1,3}[.)]\s+\p{Lu}", RegexOptions.IgnoreCase)]
    private static partial Regex ItemLikeLine();

    [GeneratedRegex(@"^(?<title>.+?)\s*\.{3,}\s*(?<page>\d+)$")]
    private static partial Regex TocLine();

    [GeneratedRegex(@"^(?<number>\d{1,3})[.)](?:\s+(?<title>.*)|$)")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^(?:[A-ZÆØÅ]\)\s*\S.*|\p{Lu}[\p{L} -]*punkter|Godkendelse(r)?|Orientering(er|spunkter)?|Drøftelse(r|spunkter)?|Beslutning(er|spunkter)|Sager til (beslutning|orientering|drøftelse)|Regionalpolitiske sager|Udpegninger|Siden sidst|Meddelelser)\s*:?$")]
    private static partial Regex GroupHeading();

    [GeneratedRegex(@"^(?<label>Mødedato|Mødested|Mødetidspunkt|Dato|Tidspunkt|Tid|Sted|Deltagere|Afbud|Fraværende|Referent|Sagsnr\.?/Dok\.nr\.?|Sagsnr\.?|Sagsbehandler|Møde|Udvalg)(?:\s*:\s*|\s+)(?<value>.*)$|^(?<label>Deltagere|Afbud|Fraværende)\s*:?$")]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[ T]+(?:(?<h>\d{1,2})?:(?<m>\d{2})(?::\d{2})?)?)?$")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^(?:Møde|Mødet|Referat|Dagsorden)(?:\s+og\s+(?:referat|dagsorden))?(?:\s+(?:fra|til|for)(?:\s+mødet)?)?(?:\s+del\s+\d+)?(?:\s+i)?\s+(?<body>(?!(?:og|fra|til|for|af|i|referat|dagsorden|mødet)\b).+?)(?:\s+(?:afklares\b.*|den\s+\d.*|d\.\s*\d.*|\d{1,2}\.\s*\p{Ll}.*))?$")]
    private static partial Regex MeetingTitle();

    [GeneratedRegex(@"(?<day>\d{1,2})\.\s*(?<month>januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\s+(?<year>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex DanishDate();

    [GeneratedRegex(@"\b\d{1,2}[-./]\d{1,2}[-./]\d{4}\b")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^\s*,?\s*(?:kl\.?\s*)?(?<h>\d{1,2})[:.](?<m>\d{2})(?!\d)(?:\s*(?:-|–|til)\s*(?:kl\.?\s*)?(?<eh>\d{1,2})[:.](?<em>\d{2}))?", RegexOptions.IgnoreCase)]
    private static partial Regex ClockTimes();

    [GeneratedRegex(@"\d{1,2}\.\s*(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\s+(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)", RegexOptions.IgnoreCase)]
    private static partial Regex ContradictoryDate();

    [GeneratedRegex(@"\b(19|20)\d{2}\b")]
    private static partial Regex YearAnywhere();

    [GeneratedRegex(@"^Møde\s*:?\s+(?!i\s|og\s|den\s|d\.\s)(?<body>[^\d:]{3,80})$")]
    private static partial Regex BodyLabel();

    [GeneratedRegex(@"^.{3,80}?\b\d{4}\s+\p{Lu}[\p{L}-]+")]
    private static partial Regex PlaceEnd();

    [GeneratedRegex(@"^Udgivet\s+(?<date>\d{1,2}\.\d{1,2}\.\d{4})")]
    private static partial Regex PublishedLine();

    [GeneratedRegex(@"[.!?](?=\s+\p{Lu})|(?<=[\p{Ll}\d])\s(?=\p{Lu}\p{Ll}+\s+\p{Ll})")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|txt|csv|msg|zip|png|jpe?g)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
