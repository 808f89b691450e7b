using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Publishing;

/// <summary>
/// Both seed minutes, imported as demo data, show every line of their text on the public meeting page: the item
/// list first, then the items in full, in number order.
/// </summary>
public abstract partial class SeedMeetingPageTests(AppFactory app)
{
    [Theory]
    [InlineData("000", 2024)]
    [InlineData("001", 2025)]
    public async Task Public_page_of_a_seed_meeting_shows_every_line_of_its_text(string seed, int year)
    {
        var page = await OpenSeedMeetingAsync(year);
        var text = Normalize(page.Text());

        var missing = new List<string>();
        foreach (var raw in SeedFiles.Read(seed).Split('\n'))
        {
            var expected = Expected(raw);
            if (expected is null) continue;
            if (!text.Contains(expected, StringComparison.Ordinal)) missing.Add(raw.Trim());
        }

        Assert.True(missing.Count == 0, $"{missing.Count} lines of seed {seed} are not on its public page:\n" + string.Join("\n", missing.Take(20)));
    }

    [Theory]
    [InlineData(2024, 11)]
    [InlineData(2025, 21)]
    public async Task Seed_meeting_lists_its_items_first_then_shows_them_in_number_order(int year, int count)
    {
        var page = await OpenSeedMeetingAsync(year);

        var listed = page.QuerySelectorAll(".item-list li .num").Select(n => int.Parse(n.TextContent.TrimEnd('.'))).ToList();
        var sections = page.QuerySelectorAll("section.item h2").Select(h => int.Parse(h.TextContent.Split('.')[0])).ToList();
        Assert.Equal(Enumerable.Range(1, count), listed);
        Assert.Equal(Enumerable.Range(1, count), sections);
        var list = page.QuerySelector(".item-list")!;
        var firstItem = page.QuerySelector("section.item")!;
        Assert.True(list.CompareDocumentPosition(firstItem).HasFlag(DocumentPositions.Following), "The item list must come before the items.");
    }

    [Fact]
    public async Task Seed_001_shows_the_header_fields_of_the_web_page()
    {
        var page = await OpenSeedMeetingAsync(2025);

        var header = page.QuerySelector(".meeting-header")!;
        var fields = header.QuerySelectorAll("dt").Zip(header.QuerySelectorAll("dd"))
            .ToDictionary(p => p.First.TextContent.Trim(), p => Normalize(p.Second.TextContent));
        Assert.Equal("Socialdirektørforum", fields["Udvalg"]);
        Assert.Equal("Møde i Socialdirektørforum", fields["Møde"]);
        Assert.Equal("Byrådssalen, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)", fields["Sted"]);
        Assert.Equal("fredag d. 27. juni 2025 kl. 09:00", fields["Start"]);
        Assert.Equal("fredag d. 27. juni 2025 kl. 12:00", fields["Slut"]);
        Assert.StartsWith("18.06.2025", fields["Kildens udgivelsesdato"]);
        Assert.EndsWith("(importeret i Rammeværk)", fields["Referat udgivet"]);
    }

    [Fact]
    public async Task Decision_comes_first_in_each_item()
    {
        var page = await OpenSeedMeetingAsync(2025);

        var item6 = page.QuerySelector("#punkt-6")!;
        var headings = item6.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal("Beslutning", headings[0]);
        Assert.Contains("Socialdirektørforum ønskede ikke at komme med udtalelser eller høringer", item6.QuerySelector(".decision")!.TextContent);
        Assert.Equal(4, item6.QuerySelectorAll(".attachments li").Length);
    }

    private async Task<IDocument> OpenSeedMeetingAsync(int year)
    {
        var client = app.CreateAnonymousClient();
        var body = await client.GetDocumentAsync($"/udvalg/socialdirektoerforum?aar={year}");
        var link = body.QuerySelectorAll("a[href^='/moeder/']").Single().GetAttribute("href")!;
        return await client.GetDocumentAsync(link);
    }

    /// <summary>What a seed line must look like in the page's text, or null for a line without text.</summary>
    private static string? Expected(string raw)
    {
        var line = Normalize(raw);
        if (line.Length == 0) return null;
        line = BulletPrefix().Replace(line, "");
        line = MarkdownLink().Replace(line, "$1");
        line = AngleLink().Replace(line, "$1");
        if (line.Length == 0) return null;

        // Structural lines of the two layouts, checked in the form the web page gives them.
        if (TocLine().Match(line) is { Success: true } toc) return toc.Groups[1].Value.TrimEnd();
        if (PdfItemHeader().Match(line) is { Success: true } item) return $"{item.Groups[1].Value}. {item.Groups[2].Value}";
        if (line.StartsWith("REFERAT ", StringComparison.Ordinal)) return "Referat: Møde i Socialdirektørforum 22. marts 2024";
        if (line.StartsWith("Mødedato ", StringComparison.Ordinal)) return line["Mødedato ".Length..].ToLowerInvariant();
        if (line.StartsWith("Mødested ", StringComparison.Ordinal)) return line["Mødested ".Length..];
        if (line == "Indholdsfortegnelse" || line == "PUNKTER") return "Punkter";
        if (line is "UDVALG" or "MØDE" or "STED") return line[0] + line[1..].ToLowerInvariant();
        // The web page's own publication date lies before the meeting: it is shown as the source's date.
        if (line.StartsWith("Udgivet ", StringComparison.Ordinal)) return $"Kildens udgivelsesdato {line["Udgivet ".Length..]}";
        if (line == "STARTTIDSPUNKT") return "Start";
        if (line == "SLUTTIDSPUNKT") return "Slut";
        if (IsoTime().Match(line) is { Success: true } t)
        {
            var local = DateTime.Parse(t.Value, System.Globalization.CultureInfo.InvariantCulture);
            return local.ToString("dddd 'd.' d. MMMM yyyy 'kl.' HH':'mm", System.Globalization.CultureInfo.GetCultureInfo("da-DK"));
        }
        return line;
    }

    private static string Normalize(string s) => Whitespace().Replace(s.Replace('\u00A0', ' '), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?:[•\-]\s*|\d+\.\s+)")]
    private static partial Regex BulletPrefix();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<(https?://[^>]+)>")]
    private static partial Regex AngleLink();

    [GeneratedRegex(@"^(.*?)\.{3,}\s*\d+$")]
    private static partial Regex TocLine();

    [GeneratedRegex(@"^Punkt (\d+): (.+)$")]
    private static partial Regex PdfItemHeader();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")]
    private static partial Regex IsoTime();
}

public sealed class SeedMeetingPageTestsOnSqlite(SqliteAppFactory app) : SeedMeetingPageTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SeedMeetingPageTestsOnPostgres(PostgresAppFactory app) : SeedMeetingPageTests(app), IClassFixture<PostgresAppFactory>;
