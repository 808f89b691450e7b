using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Rammevaerk.Meetings;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Writer;

namespace Rammevaerk.Publishing.Pdf;

/// <summary>A finished PDF and the Danish warnings for the secretariat (attachments that could not be appended).</summary>
public sealed record BuiltPdf(byte[] Bytes, IReadOnlyList<string> Warnings, int Prints, string Html);

/// <summary>An attachment of the meeting as the builder receives it: bytes only for files in the system.</summary>
public sealed record AttachmentFile(int ItemNumber, AttachmentView Attachment, byte[]? Bytes);

/// <summary>
/// Makes the PDF agenda or minutes. Renders <see cref="PrintDocument"/> and loads it into a Chromium tab; there the
/// page of every item is predicted (the body laid out in columns one printed page high) and written into the table
/// of contents, and the tab is printed. PdfPig then reads the PDF (its outline, else its text) to find the page on
/// which each "Punkt N:" heading really starts; if any number is wrong, the tab is printed again with the numbers
/// found (the table of contents has a fixed number of lines, so pages do not move), and checked again. The "med
/// bilag" variant lists the PDF attachments in the table of contents and appends them after the minutes; encrypted
/// or corrupt ones get a note and a warning instead.
/// </summary>
public sealed partial class MinutesPdfBuilder(ChromiumPrinter printer, PrintHtml template, IOptions<PdfOptions> options, ILogger<MinutesPdfBuilder> log)
{
    private const int MaxPrints = 4;

    public async Task<BuiltPdf> BuildAsync(MeetingView meeting, PdfVariant variant, IReadOnlyList<AttachmentFile> attachments, CancellationToken ct = default)
    {
        var (appendable, notes, warnings) = variant == PdfVariant.WithAttachments
            ? CheckAttachments(attachments)
            : ([], [], []);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var steps = new List<string>();
        void Step(string what)
        {
            steps.Add($"{what} {clock.ElapsedMilliseconds} ms");
            clock.Restart();
        }
        var toc = TableOfContents(meeting, appendable, notes, []);
        // While Chromium starts and opens a tab: the HTML is made, and PdfPig is ready for the check.
        _ = PdfPigWarmUp.Value;
        // (Razor renders synchronously for most of its work: on a thread of its own it overlaps the start.)
        var html = Task.Run(() => template.RenderAsync(new PrintDocument(meeting, variant, toc, notes, template.Css)), ct);

        var (pdf, pages, prints, minutesPages) = await printer.UseAsync(html, async page =>
        {
            Step("load");
            // First guess: lay the document out in columns one page high and see where each item lands.
            var predicted = await page.EvaluateAsync<Dictionary<string, int>>(PredictScript);
            Step("predict");
            var expectedPages = predicted.GetValueOrDefault(EndKey);
            var headings = predicted.Keys.Where(k => k != EndKey).ToList();
            var pages = Targets(appendable, predicted, expectedPages);
            for (var print = 1; ; print++)
            {
                await page.EvaluateAsync<int>(SetPagesScript, toc.Select(e => pages.GetValueOrDefault(e.Target)).ToArray());
                // Appended files make the document longer than the print: its footers then name the full length.
                var settings = appendable.Count == 0 ? PrintSettings.Default : PrintSettings.WithTotal(expectedPages + appendable.Sum(a => a.Pages));
                var printed = await page.PrintAsync(settings);
                Step("print");
                // The check: where the headings really are, read from the PDF.
                var found = FindStarts(printed, headings, out var minutesPages);
                Step("check");
                var actual = Targets(appendable, found, minutesPages);
                var settled = minutesPages == expectedPages
                              && toc.All(e => actual.TryGetValue(e.Target, out var p) && p == pages.GetValueOrDefault(e.Target));
                if (settled || print >= MaxPrints)
                {
                    if (!settled) log.LogWarning("The table of contents of meeting {Id} did not settle after {Prints} prints", meeting.Id, print);
                    return (Pdf: printed, Pages: actual, Prints: print, MinutesPages: minutesPages);
                }
                log.LogInformation("Meeting {Id}: the predicted page numbers were off; printing again", meeting.Id);
                pages = actual;
                expectedPages = minutesPages;
            }
        }, ct);

        // The HTML as printed, with its final page numbers (for the secretariat and the benchmark).
        var final = WithPageNumbers(await html, toc.Select(e => pages.GetValueOrDefault(e.Target)));
        await SaveHtmlAsync(meeting, variant, final);
        var bytes = appendable.Count == 0 ? pdf : Merge(pdf, minutesPages, appendable, PrintDocument.FileTitle(meeting));
        Step("finish");
        log.LogDebug("Meeting {Id} PDF steps: {Steps}", meeting.Id, string.Join(", ", steps));
        return new BuiltPdf(bytes, warnings, prints, final);
    }

    private const string EndKey = "print-end";

    /// <summary>The template's table of contents with the page numbers written in, as the page script writes them.</summary>
    private static string WithPageNumbers(string html, IEnumerable<int> pages)
    {
        using var numbers = pages.GetEnumerator();
        return TocPage().Replace(html, m => m.Groups[1].Value + (numbers.MoveNext() ? numbers.Current : 0).ToString(CultureInfo.InvariantCulture) + "<");
    }

    /// <summary>The first PdfPig read of a process is slow (JIT); done once in the background, beside Chromium's start.</summary>
    private static readonly Lazy<Task> PdfPigWarmUp = new(() => Task.Run(() =>
    {
        try
        {
            using var document = UglyToad.PdfPig.PdfDocument.Open(Demo.MinimalPdf.Create("Rammevaerk"));
            _ = document.NumberOfPages;
            _ = document.TryGetBookmarks(out _);
            _ = PdfText.PageLines(document.GetPage(1));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a warm-up.
        }
    }));

    /// <summary>
    /// Lays the body out as columns exactly one printed page wide and high (A4 less the margins), items breaking
    /// to a new column as they break to a new page, and returns the column (page) of each item and of the end.
    /// Chromium fragments columns as it fragments pages, so this is almost always the printed page; the PDF is
    /// checked anyway.
    /// </summary>
    private const string PredictScript = """
        () => {
            const mm = 96 / 25.4, width = 165 * mm, height = 255 * mm;
            const style = document.createElement('style');
            style.textContent = `body.paginate { width: ${width}px; height: ${height}px; column-width: ${width}px; column-gap: 0;
                column-fill: auto; } body.paginate .item, body.paginate .appendix { break-before: column; }`;
            document.head.appendChild(style);
            document.body.classList.add('paginate');
            const left = document.body.getBoundingClientRect().left;
            const pages = {};
            for (const e of document.querySelectorAll('.item, .appendix, #print-end')) {
                pages[e.id] = Math.floor((e.getBoundingClientRect().left - left + 1) / width) + 1;
            }
            document.body.classList.remove('paginate');
            style.remove();
            return pages;
        }
        """;

    /// <summary>Writes the page numbers into the table of contents, in its order.</summary>
    private const string SetPagesScript = """
        (pages) => {
            document.querySelectorAll('.toc-page').forEach((e, i) => { e.textContent = String(pages[i] ?? 0); });
            return pages.length;
        }
        """;

    /// <summary>One line per item, then (med bilag) one per PDF attachment: appended ones and the ones noted instead.</summary>
    private static List<TocEntry> TableOfContents(MeetingView meeting, List<Appendable> appendable, List<AppendixNote> notes, Dictionary<string, int> pages)
    {
        var toc = meeting.Items.Select(i => new TocEntry(i.Title, i.Anchor, pages.GetValueOrDefault(i.Anchor))).ToList();
        // In the order of the items, an appended file and a noted one alike.
        var files = appendable.Select(a => (a.ItemNumber, a.Order, Entry: new TocEntry("Bilag: " + a.FileName, a.Target, pages.GetValueOrDefault(a.Target))))
            .Concat(notes.Select((n, k) => (n.ItemNumber, Order: k, Entry: new TocEntry("Bilag: " + n.FileName, PrintDocument.NotesAnchor, pages.GetValueOrDefault(PrintDocument.NotesAnchor)))))
            .OrderBy(f => f.ItemNumber).ThenBy(f => f.Order)
            .Select(f => f.Entry);
        toc.AddRange(files);
        return toc;
    }

    /// <summary>Where each table-of-contents target starts, given the headings found in the printed minutes.</summary>
    private static Dictionary<string, int> Targets(List<Appendable> appendable, Dictionary<string, int> found, int minutesPages)
    {
        var targets = new Dictionary<string, int>(found);
        var next = minutesPages + 1;
        foreach (var a in appendable)
        {
            targets[a.Target] = next;
            next += a.Pages;
        }
        return targets;
    }

    /// <summary>
    /// The page of each "Punkt N:" heading (an item starts a page) and of the notes on attachments, and the page
    /// count. Read from the PDF's outline (Chromium makes one from the headings); from the pages' text if it has none.
    /// </summary>
    private static Dictionary<string, int> FindStarts(byte[] pdf, IReadOnlyCollection<string> expected, out int pageCount)
    {
        using var document = PdfText.Open(pdf);
        pageCount = document.NumberOfPages;
        var starts = new Dictionary<string, int>();
        if (document.TryGetBookmarks(out var bookmarks))
        {
            foreach (var node in Flatten(bookmarks.Roots).OfType<DocumentBookmarkNode>())
                Add(node.Title.Trim(), node.PageNumber);
        }
        if (!expected.All(starts.ContainsKey))
        {
            foreach (var page in document.GetPages())
            {
                if (PdfText.PageLines(page).FirstOrDefault() is { } first) Add(first.Text, page.Number);
            }
        }
        return starts;

        void Add(string heading, int page)
        {
            var m = ItemHeading().Match(heading);
            if (m.Success)
                starts.TryAdd("punkt-" + int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), page);
            else if (heading == PrintDocument.NotesHeading)
                starts.TryAdd(PrintDocument.NotesAnchor, page);
        }

        static IEnumerable<BookmarkNode> Flatten(IEnumerable<BookmarkNode> nodes) =>
            nodes.SelectMany(n => new[] { n }.Concat(Flatten(n.Children)));
    }

    private sealed record Appendable(int ItemNumber, int Order, string FileName, string Target, byte[] Bytes, int Pages);

    /// <summary>
    /// Sorts the attachments of the "med bilag" variant: PDFs that open and are not encrypted are appended; encrypted
    /// or corrupt ones get a note in the PDF and a warning; Office files and names without a file are only listed.
    /// </summary>
    private static (List<Appendable>, List<AppendixNote>, List<string>) CheckAttachments(IReadOnlyList<AttachmentFile> attachments)
    {
        var appendable = new List<Appendable>();
        var notes = new List<AppendixNote>();
        var warnings = new List<string>();
        var order = 0;
        foreach (var (itemNumber, a, bytes) in attachments)
        {
            order++;
            if (a.IsMissing || bytes is null) continue;
            var isPdf = a.FileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || bytes.AsSpan().StartsWith("%PDF-"u8);
            if (!isPdf) continue;
            var problem = Inspect(bytes, out var pageCount, out var overLimit);
            if (problem is null)
            {
                appendable.Add(new Appendable(itemNumber, order, a.FileName, $"bilag-{a.Id}", bytes, pageCount));
                continue;
            }
            notes.Add(new AppendixNote(itemNumber, a.FileName, problem switch { Problem.Encrypted => "er krypteret", Problem.OverLimit => "er for stort til at blive vedlagt", _ => "er ødelagt" }));
            warnings.Add(problem switch
            {
                Problem.Encrypted => $"Punkt {itemNumber}: Bilaget \"{a.FileName}\" er krypteret (beskyttet med adgangskode) og er ikke vedlagt PDF'en med bilag. Gem det uden kryptering, og upload det igen.",
                Problem.OverLimit => $"Punkt {itemNumber}: Bilaget \"{a.FileName}\" er ikke vedlagt PDF'en med bilag: {overLimit} Del det op, og upload det igen.",
                _ => $"Punkt {itemNumber}: Bilaget \"{a.FileName}\" er ødelagt og kan ikke læses, så det er ikke vedlagt PDF'en med bilag. Upload en gyldig PDF-fil.",
            });
        }
        return (appendable, notes, warnings);
    }

    private enum Problem { Encrypted, Corrupt, OverLimit }

    /// <summary>
    /// Whether a stored attachment can be appended. Bounded (Shared/PdfLimits.cs) before PdfPig reads it: a file
    /// stored before the limits, or under other settings, that breaks one is left out with a note, never merged.
    /// </summary>
    private static Problem? Inspect(byte[] bytes, out int pages, out string? overLimit)
    {
        pages = 0;
        overLimit = Shared.PdfGuard.Check(bytes) is { } tooMuch ? Shared.PdfGuard.Capitalised(tooMuch) : null;
        if (overLimit is not null) return Problem.OverLimit;
        try
        {
            using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
            if (document.IsEncrypted) return Problem.Encrypted;
            pages = document.NumberOfPages;
            if (pages == 0) return Problem.Corrupt;
            overLimit = Shared.PdfGuard.CheckPages(pages);
            if (overLimit is not null) return Problem.OverLimit;
            // Parse every page now, so that appending cannot fail half-way.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var p = 1; p <= pages; p++)
            {
                _ = document.GetPage(p);
                if (clock.Elapsed > Shared.PdfLimits.Current.MaxTime)
                {
                    overLimit = $"Det tager mere end {Shared.PdfLimits.Current.MaxSeconds} sekunder at læse (grænsen er {Shared.PdfLimits.Current.MaxSeconds} sekunder).";
                    return Problem.OverLimit;
                }
            }
            return null;
        }
        catch (PdfDocumentEncryptedException)
        {
            return Problem.Encrypted;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Problem.Corrupt;
        }
    }

    private static byte[] Merge(byte[] minutes, int minutesPages, List<Appendable> appendable, string title)
    {
        var info = new PdfDocumentBuilder.DocumentInformationBuilder { Title = title, Creator = "Rammeværk", Producer = "Rammeværk (Chromium, PdfPig)" };
        info.CustomMetadata[PdfText.MinutesPagesKey] = minutesPages.ToString(CultureInfo.InvariantCulture);
        var files = new List<byte[]> { minutes };
        files.AddRange(appendable.Select(a => a.Bytes));
        return PdfMerger.Merge(files, null, PdfAStandard.None, info);
    }

    /// <summary>For the benchmark: the printed HTML is kept in Pdf:SaveHtmlTo, if set.</summary>
    private async Task SaveHtmlAsync(MeetingView meeting, PdfVariant variant, string text)
    {
        if (options.Value.SaveHtmlTo is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        var name = $"moede-{meeting.Id}-v{meeting.Version}-{(variant == PdfVariant.WithAttachments ? "med-bilag" : "uden-bilag")}.html";
        await File.WriteAllTextAsync(Path.Combine(folder, name), text);
    }

    [GeneratedRegex(@"^Punkt\s+(\d+)\s*:")]
    private static partial Regex ItemHeading();

    [GeneratedRegex(@"(<span class=""toc-page"">)\d+<")]
    private static partial Regex TocPage();
}
