using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Search;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Search;

/// <summary>
/// Archive search on the demo data (both seed minutes, the Forretningsudvalget agenda with closed item 3), run on
/// SQLite and on PostgreSQL. Each expected set below is asserted on both databases, so the two give the same
/// results. A hit is named "date #item Section", e.g. "2024-03-22 #3 Title".
/// </summary>
public abstract class SearchTests(AppFactory app)
{
    private const string Seed2024 = "2024-03-22";
    private const string Seed2025 = "2025-06-27";

    /// <summary>
    /// The demo's Forretningsudvalget meetings that prepared the seeds' items (issue 17: cases) repeat their titles and
    /// texts by design; the seeds' expected results below leave them out.
    /// </summary>
    private static readonly string[] CaseTraceDates = ["2024-03-07", "2025-06-10"];

    private static bool FromSeeds(SearchHit h) => !CaseTraceDates.Contains(Item(h)[..10]);

    private async Task<SearchResults> SearchAsync(string query, int? bodyId = null, int? year = null, SearchSection? section = null, int page = 1)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ArchiveSearch>().SearchAsync(new SearchRequest(query, bodyId, year, section, page));
    }

    /// <summary>An item found, e.g. "2024-03-22 #3".</summary>
    private static string Item(SearchHit h) =>
        $"{Danish.ToLocal(h.MeetingStartsAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} #{h.ItemNumber}";

    /// <summary>Every matching section of every item found, e.g. "2024-03-22 #3 Background", sorted.</summary>
    private static string[] Sections(SearchResults results) =>
        results.Hits.Where(FromSeeds).SelectMany(h => h.Matches.Select(m => $"{Item(h)} {m.Section}")).Order(StringComparer.Ordinal).ToArray();

    private async Task<string[]> HitsAsync(string query) => Sections(await SearchAsync(query));

    private static string[] Sorted(params string[] names) => names.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The public search page for an anonymous reader.</summary>
    private Task<IDocument> PageAsync(string query) => app.CreateAnonymousClient().GetDocumentAsync("/soeg?q=" + Uri.EscapeDataString(query));

    private static IReadOnlyList<IElement> Results(IDocument page) => page.QuerySelectorAll("ol.search-results > li").ToList();

    // --- Danish stemming and prefixes --------------------------------------------------------------------------

    [Fact]
    public async Task Botilbud_finds_the_items_with_botilbuddet_and_botilbudskapacitet_in_the_seed_minutes()
    {
        var results = await SearchAsync("botilbud");
        var items = results.Hits.Where(FromSeeds).Select(Item).ToHashSet();

        // One result per item: 12 items, in 21 of their sections.
        Assert.Equal(21, Sections(results).Length);
        Assert.Equal(
            new HashSet<string>
            {
                $"{Seed2024} #2", $"{Seed2024} #3",
                $"{Seed2025} #1", $"{Seed2025} #3", $"{Seed2025} #5", $"{Seed2025} #6", $"{Seed2025} #10", $"{Seed2025} #13",
                $"{Seed2025} #14", $"{Seed2025} #15", $"{Seed2025} #16", $"{Seed2025} #21",
            },
            items);
        Assert.Equal(12, results.Hits.Count(FromSeeds));
        // Item 21 of 2025 says "botilbuddet"; item 3 of 2024 says "Botilbudskapacitet".
        Assert.Contains(results.Hits, h => h.ItemNumber == 21 && h.Shown.Any(m => m.Snippet!.ToString()!.Contains("<mark>")));
    }

    [Theory]
    [InlineData("botilbuddet")]
    [InlineData("botilbuddene")]
    [InlineData("Botilbud")]
    public async Task Every_form_of_botilbud_finds_the_same(string query)
    {
        Assert.Equal(await HitsAsync("botilbud"), await HitsAsync(query));
    }

    [Fact]
    public async Task A_word_beginning_finds_the_longer_words()
    {
        Assert.Equal(Sorted($"{Seed2025} #12 Background", $"{Seed2025} #12 CasePresentation"), await HitsAsync("stofmis"));
    }

    // --- The same result sets on both databases ----------------------------------------------------------------

    public static TheoryData<string, string[]> ExpectedSets => new()
    {
        { "lånepulje", [$"{Seed2024} #3 Title", $"{Seed2024} #3 Background", $"{Seed2024} #3 Recommendation", $"{Seed2024} #3 Decision", $"{Seed2025} #13 CasePresentation"] },
        { "kapacitet Billund", [$"{Seed2025} #6 Recommendation", $"{Seed2025} #6 CasePresentation"] },
        { "botilbudslæger", [$"{Seed2025} #21 Title", $"{Seed2025} #21 Background", $"{Seed2025} #21 Recommendation", $"{Seed2025} #21 CasePresentation", $"{Seed2025} #21 Decision"] },
        { "Lunden", [$"{Seed2024} #2 Title", $"{Seed2024} #2 Intro", $"{Seed2024} #2 Background", $"{Seed2024} #2 Recommendation", $"{Seed2024} #2 Decision", $"{Seed2025} #6 CasePresentation", $"{Seed2025} #20 CasePresentation"] },
        { "takst", [$"{Seed2024} #3 Background", $"{Seed2024} #10 CasePresentation", $"{Seed2025} #2 Background", $"{Seed2025} #2 CasePresentation", $"{Seed2025} #2 Decision", $"{Seed2025} #9 Background", $"{Seed2025} #9 CasePresentation", $"{Seed2025} #9 Decision", $"{Seed2025} #10 Decision", $"{Seed2025} #16 CasePresentation"] },
        { "afklaringspladser sindslidelse", [$"{Seed2025} #10 Title", $"{Seed2025} #10 Background", $"{Seed2025} #10 Recommendation", $"{Seed2025} #10 CasePresentation", $"{Seed2025} #10 Decision"] },
        { "Udkast til dagsorden", ["2026-11-30 #2 Recommendation", "2026-11-30 #2 Attachment"] },
    };

    [Theory]
    [MemberData(nameof(ExpectedSets))]
    public async Task Queries_give_the_expected_set_of_sections(string query, string[] expected)
    {
        Assert.Equal(Sorted(expected), await HitsAsync(query));
    }

    [Fact]
    public async Task Every_word_of_the_seed_minutes_finds_exactly_the_entries_whose_terms_start_with_its_stem()
    {
        // The ground truth is computed here from the stored text, the same for both databases: a query term matches
        // an entry when one of the entry's terms (item title and text) starts with it.
        // The search counts items: those with at least one matching entry.
        var entries = await app.QueryAsync(db => db.SearchEntries.AsNoTracking().Select(e => new { e.AgendaItemId, Text = e.ItemTitle + "\n" + e.Text }).ToListAsync());
        var entryTerms = entries.Select(e => (e.AgendaItemId, Terms: DanishText.Terms(e.Text).Distinct().ToArray())).ToList();
        var words = DanishTextTests.SeedWords().Order(StringComparer.Ordinal)
            .Select(w => (Word: w, Terms: DanishText.QueryTerms(w))).Where(x => x.Terms.Count == 1)
            .DistinctBy(x => x.Terms[0]).ToList();
        Assert.True(words.Count > 1500, $"only {words.Count} words");

        var wrong = new List<string>();
        foreach (var (word, terms) in words)
        {
            var expected = entryTerms.Where(entry => entry.Terms.Any(t => t.StartsWith(terms[0], StringComparison.Ordinal))).Select(e => e.AgendaItemId).Distinct().Count();
            var actual = (await SearchAsync(word)).Total;
            if (actual != expected) wrong.Add($"{word} ({terms[0]}): {actual} found, {expected} expected");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
    }

    [Fact]
    public async Task Two_words_in_different_sections_of_an_item_find_the_item()
    {
        // Ground truth from the stored text: an item is found when every query term starts one of its terms, in any
        // of its sections. Pairs of seed words that no single section holds together, but one item does.
        var entries = await app.QueryAsync(db => db.SearchEntries.AsNoTracking()
            .Select(e => new { e.AgendaItemId, e.Section, Text = e.ItemTitle + "\n" + e.Text }).ToListAsync());
        var entryTerms = entries.Select(e => (e.AgendaItemId, e.Section, Terms: DanishText.Terms(e.Text).ToHashSet())).ToList();
        bool Holds(IEnumerable<string> terms, string term) => terms.Any(t => t.StartsWith(term, StringComparison.Ordinal));
        var wordOf = DanishTextTests.SeedWords().Order(StringComparer.Ordinal)
            .Select(w => (Word: w, Terms: DanishText.QueryTerms(w))).Where(x => x.Terms.Count == 1)
            .GroupBy(x => x.Terms[0]).ToDictionary(g => g.Key, g => g.First().Word);

        var pairs = new List<(string A, string B, int ItemId, SearchSection InA, SearchSection InB)>();
        foreach (var item in entryTerms.GroupBy(e => e.AgendaItemId).OrderBy(g => g.Key))
        {
            var sections = item.ToList();
            var pair = (
                    from a in sections from b in sections where a.Section < b.Section
                    from ta in a.Terms.Order(StringComparer.Ordinal) where wordOf.ContainsKey(ta)
                    where !sections.Any(s => s != a && Holds(s.Terms, ta))
                    from tb in b.Terms.Order(StringComparer.Ordinal) where wordOf.ContainsKey(tb)
                    where !sections.Any(s => s != b && Holds(s.Terms, tb)) && !Holds(a.Terms, tb) && !Holds(b.Terms, ta)
                    select (A: wordOf[ta], B: wordOf[tb], ItemId: item.Key, InA: a.Section, InB: b.Section))
                .FirstOrDefault();
            if (pair.A is not null) pairs.Add(pair);
            if (pairs.Count == 15) break;
        }
        Assert.True(pairs.Count >= 10, $"only {pairs.Count} pairs");
        var names = await app.QueryAsync(db => db.AgendaItems.AsNoTracking().Select(i => new { i.Id, i.Number, i.Meeting.StartsAt }).ToListAsync());
        var nameOf = names.ToDictionary(i => i.Id,
            i => $"{Danish.ToLocal(i.StartsAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} #{i.Number}");

        foreach (var (a, b, itemId, inA, inB) in pairs)
        {
            var query = $"{a} {b}";
            var terms = DanishText.QueryTerms(query);
            var expected = entryTerms.GroupBy(e => e.AgendaItemId).Count(g => terms.All(t => g.Any(e => Holds(e.Terms, t))));
            var results = await SearchAsync(query);
            Assert.True(expected == results.Total, $"«{query}»: {results.Total} found, {expected} expected");
            if (results.Total > ArchiveSearch.PageSize) continue;
            // The item is on the page, with the section of each word among its matches, and a snippet.
            var hit = results.Hits.SingleOrDefault(h => Item(h) == nameOf[itemId]);
            Assert.True(hit is not null, $"«{query}»: {nameOf[itemId]} not found");
            Assert.Contains(inA, hit!.Matches.Select(m => m.Section));
            Assert.Contains(inB, hit.Matches.Select(m => m.Section));
            Assert.NotEmpty(hit.Shown);
        }
    }

    // --- Filters, ranking, pagination ---------------------------------------------------------------------------

    [Fact]
    public async Task Filters_by_body_year_and_section()
    {
        var sdf = await app.BodyIdAsync("Socialdirektørforum");
        var fu = await app.BodyIdAsync("Forretningsudvalget");

        Assert.Equal(12, (await SearchAsync("botilbud", bodyId: sdf)).Total);
        Assert.All((await SearchAsync("botilbud", bodyId: fu)).Hits, h => Assert.False(FromSeeds(h), Item(h)));
        Assert.Equal(
            Sorted($"{Seed2024} #2 Background", $"{Seed2024} #3 Title", $"{Seed2024} #3 Background", $"{Seed2024} #3 Recommendation", $"{Seed2024} #3 Decision"),
            Sections(await SearchAsync("botilbud", year: 2024)));
        Assert.Equal(
            Sorted($"{Seed2024} #3 Decision", $"{Seed2025} #3 Decision", $"{Seed2025} #10 Decision", $"{Seed2025} #21 Decision"),
            Sections(await SearchAsync("botilbud", section: SearchSection.Decision)));
    }

    [Fact]
    public async Task Filters_work_from_the_page_address()
    {
        var client = app.CreateAnonymousClient();

        var decisions = await client.GetDocumentAsync("/soeg?q=botilbud&afsnit=beslutning");
        var fu = await client.GetDocumentAsync("/soeg?q=botilbud&udvalg=forretningsudvalget");
        var year = await client.GetDocumentAsync("/soeg?q=botilbud&udvalg=socialdirektoerforum&aar=2024");

        Assert.Equal(4, Results(decisions).Count(r => !r.TextContent.Contains("7. marts 2024"))); // see CaseTraceDates
        Assert.All(Results(decisions), r => Assert.Equal(["Beslutning:"], r.QuerySelectorAll(".section-name").Select(e => e.TextContent.Trim())));
        Assert.Equal("beslutning", decisions.QuerySelector("#afsnit option[selected]")!.GetAttribute("value"));
        // Forretningsudvalget's only botilbud items are those that prepared the seeds' (7 March 2024).
        Assert.All(Results(fu), r => Assert.Contains("7. marts 2024", r.TextContent));
        Assert.Equal(2, Results(year).Count); // items 2 and 3 of 22 March 2024
        Assert.All(Results(year), r => Assert.Contains("2024", r.QuerySelector("time")!.TextContent));
    }

    [Fact]
    public async Task An_item_whose_title_matches_ranks_above_one_that_mentions_the_word_once()
    {
        var hits = (await SearchAsync("lånepulje")).Hits.Where(FromSeeds).ToList();

        // Item 3 of 2024 is "Botilbudskapacitet og lånepuljen"; item 13 of 2025 mentions "lånepuljen" once.
        Assert.Equal($"{Seed2024} #3", Item(hits[0]));
        Assert.Equal($"{Seed2025} #13", Item(hits[^1]));
        Assert.Equal([SearchSection.CasePresentation], hits[^1].Matches.Select(m => m.Section));
        Assert.Equal($"{Seed2024} #3", Item((await SearchAsync("botilbudskapacitet")).Hits.Where(FromSeeds).First()));
    }

    [Fact]
    public async Task Results_come_twenty_to_a_page()
    {
        var client = app.CreateAnonymousClient();

        // «kommune» is in more than 20 items of the seed minutes.
        var total = (await SearchAsync("kommune")).Total;
        Assert.InRange(total, ArchiveSearch.PageSize + 1, 2 * ArchiveSearch.PageSize);
        var first = await client.GetDocumentAsync("/soeg?q=kommune");
        var next = first.QuerySelector("nav.pagination a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(next);

        Assert.Contains($"{total} punkter fundet for «kommune»", first.Text());
        Assert.Equal(ArchiveSearch.PageSize, Results(first).Count);
        Assert.Equal("/soeg?q=kommune&side=2", next);
        Assert.Equal(total - ArchiveSearch.PageSize, Results(second).Count);
        Assert.Equal("21", second.QuerySelector("ol.search-results")!.GetAttribute("start"));
        var all = Results(first).Concat(Results(second)).Select(r => r.QuerySelector("h3 a")!.GetAttribute("href")).ToList();
        Assert.Equal(total, all.Distinct().Count());
    }

    // --- What a result shows ------------------------------------------------------------------------------------

    [Fact]
    public async Task A_result_links_to_the_item_on_the_meeting_page_with_the_words_marked()
    {
        var page = await PageAsync("lånepulje");
        var first = Results(page).First(r => !r.TextContent.Contains("7. marts 2024")); // see CaseTraceDates
        var href = first.QuerySelector("h3 a")!.GetAttribute("href")!;
        var meetingId = await app.QueryAsync(db => db.Meetings.Where(m => m.ImportKey == "socialdirektoerforum/2024-03-22T09:00").Select(m => m.Id).SingleAsync());

        Assert.Equal($"/moeder/{meetingId}#punkt-3", href);
        Assert.Contains("Punkt 3: Botilbudskapacitet og lånepuljen", first.QuerySelector("h3")!.TextContent);
        Assert.Contains("Socialdirektørforum", first.TextContent);
        Assert.Contains("22. marts 2024", first.TextContent);
        Assert.NotNull(first.QuerySelector("h3 mark"));
        var meetingPage = await app.CreateAnonymousClient().GetDocumentAsync(href.Split('#')[0]);
        Assert.Contains("Botilbudskapacitet og lånepuljen", meetingPage.QuerySelector("#punkt-3")!.TextContent);

        var marks = page.QuerySelectorAll("ol.search-results mark").Select(m => m.TextContent.ToLowerInvariant()).ToList();
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.StartsWith("lånepulje", m));
        Assert.All(Results(page), r => Assert.NotNull(r.QuerySelector(".snippet mark, h3 mark")));
    }

    [Fact]
    public async Task Snippets_mark_the_inflected_forms()
    {
        var page = await PageAsync("botilbud");

        var marks = page.QuerySelectorAll(".snippet mark").Select(m => m.TextContent.ToLowerInvariant()).ToHashSet();

        Assert.Contains("botilbud", marks);
        Assert.Contains(marks, m => m.StartsWith("botilbudskapacitet", StringComparison.Ordinal));
        Assert.True(marks.Count >= 4, string.Join(", ", marks));
        Assert.All(marks, m => Assert.StartsWith("botilbud", m));
    }

    [Fact]
    public async Task The_page_is_a_labelled_search_form_with_an_ordered_list_of_results()
    {
        var page = await PageAsync("botilbud");

        var form = page.QuerySelector("form[role=search]")!;
        Assert.Equal("get", form.GetAttribute("method"));
        foreach (var name in new[] { "q", "udvalg", "aar", "afsnit" })
        {
            var field = form.QuerySelector($"[name={name}]")!;
            Assert.NotNull(page.QuerySelector($"label[for={field.Id}]"));
        }
        Assert.Equal("botilbud", form.QuerySelector("[name=q]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("ol.search-results"));
        Assert.Equal("da", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Empty_search_shows_the_form_and_no_results()
    {
        var page = await app.CreateAnonymousClient().GetDocumentAsync("/soeg");

        Assert.NotNull(page.QuerySelector("form[role=search]"));
        Assert.Null(page.QuerySelector("ol.search-results"));
        Assert.DoesNotContain("resultat", page.QuerySelector("main")!.TextContent);
    }

    // --- What the public never finds ----------------------------------------------------------------------------

    [Theory]
    [InlineData("personalesag")]
    [InlineData("drøftelse af en konkret personalesag")]
    [InlineData("Notat om personalesag")]
    [InlineData("Fortroligt notat")]
    public async Task Closed_items_are_never_found(string query)
    {
        var page = await PageAsync(query);

        Assert.Equal(0, (await SearchAsync(query)).Total);
        Assert.Empty(Results(page));
        Assert.DoesNotContain("Personalesag i sekretariatet", page.Text());
    }

    [Fact]
    public async Task The_open_items_of_the_meeting_with_a_closed_item_are_found()
    {
        var hits = await HitsAsync("Forberedelse");

        Assert.Contains("2026-11-30 #2 Title", hits);
        Assert.DoesNotContain(hits, h => h.StartsWith("2026-11-30 #3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_draft_is_found_only_once_published_and_no_longer_once_its_item_is_closed()
    {
        const string word = "flimmerkvistene";
        var secretariat = await app.SignInAsSecretariatAsync();
        var meeting = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Møde om flimmerkvist");
        var item = await secretariat.AddItemAsync(app, meeting, "Punkt om flimmerkvisten");
        var form = await secretariat.ItemFormAsync(item);
        form["Input.Background"] = $"Sekretariatet har undersøgt **{word}** i alle kommuner.";
        form["Input.Decision"] = "Godkendt.";
        using (var saved = await secretariat.SaveItemAsync(item, form)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var asDraft = await PageAsync("flimmerkvist");
        Assert.Empty(Results(asDraft));
        Assert.Equal(0, (await SearchAsync("flimmerkvist")).Total);

        using (var published = await secretariat.MeetingActionAsync(meeting, "PublishAgenda")) Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var afterPublishing = await PageAsync("flimmerkvist");
        var hits = (await SearchAsync("flimmerkvist")).Hits;
        // The agenda carries no decision: "Godkendt." is the minutes' text, not public yet.
        var hit = Assert.Single(hits);
        Assert.Equal<string>(["Background", "Title"], hit.Matches.Select(m => m.Section.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("Punkt om flimmerkvisten", hit.ItemTitle);
        Assert.Single(Results(afterPublishing));
        Assert.Contains(word, afterPublishing.QuerySelectorAll(".snippet mark").Select(m => m.TextContent));

        form = await secretariat.ItemFormAsync(item);
        form["Input.IsClosed"] = "true";
        using (var closed = await secretariat.SaveItemAsync(item, form)) Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Single(Results(await PageAsync("flimmerkvist"))); // closed in the working copy; public until published
        using (var republished = await secretariat.MeetingActionAsync(meeting, "PublishNewVersion")) Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);

        Assert.Empty(Results(await PageAsync("flimmerkvist")));
        Assert.Equal(0, (await SearchAsync("flimmerkvist")).Total);
    }

    // --- Attachments --------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_text_of_pdf_and_docx_attachments_is_found()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meeting = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Møde med bilag");
        var item = await secretariat.AddItemAsync(app, meeting, "Punkt med bilag");
        using (var published = await secretariat.MeetingActionAsync(meeting, "PublishAgenda")) Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        using (var pdf = await secretariat.UploadAsync(item, "Notat om kvantespring.pdf", Rammevaerk.Demo.MinimalPdf.Create("Notat om kvantespringsmodellen for ventelister")))
            Assert.Equal(HttpStatusCode.Redirect, pdf.StatusCode);
        using (var docx = await secretariat.UploadAsync(item, "Høringssvar.docx", Docx("Høringssvaret om sneglefartsordningen er godkendt af Ærø og Tønder.")))
            Assert.Equal(HttpStatusCode.Redirect, docx.StatusCode);
        Assert.Equal(0, (await SearchAsync("kvantespring")).Total); // uploaded to the working copy: found once published
        using (var republished = await secretariat.MeetingActionAsync(meeting, "PublishNewVersion")) Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);

        var pdfHit = Assert.Single(Assert.Single((await SearchAsync("kvantespring")).Hits).Matches);
        var docxHit = Assert.Single(Assert.Single((await SearchAsync("sneglefart Tønder")).Hits).Matches);
        Assert.Equal(SearchSection.Attachment, pdfHit.Section);
        Assert.Equal("Notat om kvantespring.pdf", pdfHit.AttachmentName);
        Assert.Equal(SearchSection.Attachment, docxHit.Section);
        Assert.Equal("Høringssvar.docx", docxHit.AttachmentName);

        var page = await PageAsync("sneglefartsordning");
        var result = Assert.Single(Results(page));
        Assert.StartsWith("Bilag (Høringssvar.docx)", result.QuerySelector(".section-name")!.TextContent.Trim());
        Assert.Contains("Høringssvar.docx", result.TextContent);
        Assert.Equal("sneglefartsordningen", result.QuerySelector(".snippet mark")!.TextContent);
        Assert.StartsWith("/bilag/", result.QuerySelector(".section-name a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_corrupt_attachment_is_skipped_and_the_save_still_succeeds()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var meeting = await secretariat.CreateMeetingAsync(await app.BodyIdAsync("Forretningsudvalget"), "Møde med ødelagt bilag");
        var item = await secretariat.AddItemAsync(app, meeting, "Punkt om ødelagte vandrør");
        using (var published = await secretariat.MeetingActionAsync(meeting, "PublishAgenda")) Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var broken = "%PDF-1.4\nnot really a pdf at all\n"u8.ToArray();

        using var upload = await secretariat.UploadAsync(item, "ødelagt.pdf", broken);
        using (var republished = await secretariat.MeetingActionAsync(meeting, "PublishNewVersion")) Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Equal<string>(["Title"], Assert.Single((await SearchAsync("vandrør")).Hits).Matches.Select(m => m.Section.ToString()));
    }

    // --- Index upkeep -------------------------------------------------------------------------------------------

    [Fact]
    public async Task An_empty_index_is_filled_from_the_published_meetings_as_after_an_upgrade()
    {
        var before = await app.QueryAsync(db => db.SearchEntries.CountAsync());
        var hitsBefore = await HitsAsync("botilbud");

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Rammevaerk.Data.AppDb>();
            await db.SearchItems.ExecuteDeleteAsync();
            await db.SearchEntries.ExecuteDeleteAsync();
            Assert.Equal(0, (await SearchAsync("botilbud")).Total);
            var indexed = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().IndexIfEmptyAsync();
            Assert.True(indexed >= 3, $"{indexed} meetings");
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<SearchIndexer>().IndexIfEmptyAsync());
        }

        Assert.Equal(before, await app.QueryAsync(db => db.SearchEntries.CountAsync()));
        Assert.Equal(hitsBefore, await HitsAsync("botilbud"));
    }

    // --- Bad input ----------------------------------------------------------------------------------------------

    public static TheoryData<string> BadQueries => new()
    {
        "!!!???***",
        "\"",
        "*",
        ":",
        "(",
        ")",
        "'",
        ";",
        "--",
        "NEAR",
        "AND",
        "OR",
        "&|!",
        "\"botilbud",
        "botilbud*",
        "bo:*",
        "'; DROP TABLE \"SearchEntries\"; --",
        "NEAR(botilbud kapacitet, 2)",
        "botilbud AND OR NOT kapacitet",
        "botilbud & !kapacitet | lånepulje",
        "botilbud <-> kapacitet",
        "\\' \\\" %_ {}[]^$",
        "\u0000botilbud\u0001",
        "og i at",
        "§ … – « »",
        new string('*', 10_000),
        string.Concat(Enumerable.Repeat("botilbud \" * : ( ) ' ; -- NEAR AND OR & | ! æøå ", 300))[..10_000],
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Any_query_gives_a_normal_result_page(string query)
    {
        using var response = await app.CreateAnonymousClient().GetAsync("/soeg?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.NotNull(page.QuerySelector("form[role=search]"));
        Assert.True(page.QuerySelector("ol.search-results") is not null || page.QuerySelector(".empty-state, .notice-warn") is not null,
            "neither results nor an empty state");
    }

    [Theory]
    [InlineData("\"botilbud\"")]
    [InlineData("botilbud*")]
    [InlineData("botilbud:*")]
    [InlineData("(botilbud)")]
    [InlineData("botilbud';--")]
    [InlineData("og botilbud")]
    public async Task Syntax_around_a_word_is_ignored(string query)
    {
        Assert.Equal(await HitsAsync("botilbud"), await HitsAsync(query));
    }

    [Theory]
    [InlineData("/soeg?q=%ED%A0%80%FF")]
    [InlineData("/soeg?q=botilbud&aar=abc&side=-1&udvalg=%3Cscript%3E&afsnit=x")]
    [InlineData("/soeg?q=botilbud&aar=99999999999999&side=99999999999")]
    [InlineData("/soeg?q=botilbud&side=400")]
    [InlineData("/soeg?q=a&q=b&aar=2024&aar=2025")]
    public async Task Strange_parameters_give_a_normal_result_page(string url)
    {
        using var response = await app.CreateAnonymousClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.ReadDocumentAsync()).QuerySelector("form[role=search]"));
    }

    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new Body(
                new Paragraph(new Run(new Text("Høringssvar"))),
                new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))));
        }
        return stream.ToArray();
    }
}

public sealed class SearchTestsOnSqlite(SqliteAppFactory app) : SearchTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SearchTestsOnPostgres(PostgresAppFactory app) : SearchTests(app), IClassFixture<PostgresAppFactory>
{
    private sealed class Lexeme
    {
        public int Id { get; set; }
        public string Word { get; set; } = "";
    }

    /// <summary>
    /// PostgreSQL's document (danish configuration over the title and plain text) holds exactly the terms
    /// DanishText gives SQLite's FTS5, for every entry of the seed minutes: same words, same stop words, same stems.
    /// </summary>
    [Fact]
    public async Task The_postgres_document_holds_the_same_terms_as_the_sqlite_index()
    {
        var (entries, lexemes) = await app.QueryAsync(async db =>
        {
            var e = await db.SearchEntries.AsNoTracking().Select(x => new { x.Id, x.ItemTitle, x.Text }).ToListAsync();
            var l = await db.Database.SqlQuery<Lexeme>($"""SELECT "Id", unnest(tsvector_to_array("Document")) AS "Word" FROM "SearchEntries" """).ToListAsync();
            return (e, l);
        });
        var byId = lexemes.GroupBy(l => l.Id).ToDictionary(g => g.Key, g => g.Select(l => l.Word).ToHashSet());
        Assert.True(entries.Count > 100);

        var differences = entries
            .Select(e => (e.Id, Ours: DanishText.Terms(e.ItemTitle + " " + e.Text).ToHashSet(), Theirs: byId.GetValueOrDefault(e.Id) ?? []))
            .Where(x => !x.Ours.SetEquals(x.Theirs))
            .Select(x => $"entry {x.Id}: only ours [{string.Join(' ', x.Ours.Except(x.Theirs))}], only postgres [{string.Join(' ', x.Theirs.Except(x.Ours))}]")
            .ToList();

        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    /// <summary>Each item's document holds exactly its entries' terms, with the counts ranking needs.</summary>
    [Fact]
    public async Task The_postgres_item_document_holds_the_terms_of_all_its_sections()
    {
        var (entries, lexemes) = await app.QueryAsync(async db =>
        {
            var e = await db.SearchEntries.AsNoTracking().Select(x => new { x.AgendaItemId, x.ItemTitle, x.Text }).ToListAsync();
            var l = await db.Database.SqlQuery<Lexeme>($"""SELECT "Id", unnest(tsvector_to_array("Document")) AS "Word" FROM "SearchItems" """).ToListAsync();
            return (e, l);
        });
        var byItem = lexemes.GroupBy(l => l.Id).ToDictionary(g => g.Key, g => g.Select(l => l.Word).ToHashSet());
        var items = entries.GroupBy(e => e.AgendaItemId).ToList();
        Assert.True(items.Count > 30);

        var differences = items
            .Select(g => (g.Key, Ours: g.SelectMany(e => DanishText.Terms(e.ItemTitle + " " + e.Text)).ToHashSet(), Theirs: byItem.GetValueOrDefault(g.Key) ?? []))
            .Where(x => !x.Ours.SetEquals(x.Theirs))
            .Select(x => $"item {x.Key}: only ours [{string.Join(' ', x.Ours.Except(x.Theirs))}], only postgres [{string.Join(' ', x.Theirs.Except(x.Ours))}]")
            .ToList();
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }
}
