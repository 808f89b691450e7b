using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig;
using Rammevaerk.Meetings.Import;

namespace Rammevaerk.Tests.Import;

public partial class MinutesParserTests
{
    private static readonly ParsedMinutes Pdf = MinutesParser.Parse(SeedFiles.Read("000"));
    private static readonly ParsedMinutes Web = MinutesParser.Parse(SeedFiles.Read("001"));

    private static ParsedItem Item(ParsedMinutes minutes, int number) => minutes.Items.Single(i => i.Number == number);

    // ------------------------------------------------------------------ header

    [Fact]
    public void PdfMinutesHeaderIsRead()
    {
        Assert.Equal(MinutesLayout.PdfText, Pdf.Layout);
        Assert.True(Pdf.IsMinutes);
        Assert.Equal("Socialdirektørforum", Pdf.BodyName);
        Assert.Equal("Møde i Socialdirektørforum", Pdf.Title);
        Assert.Equal("Byrådssalen, Middelfart Rådhus", Pdf.Place);
        Assert.Equal(new DateTime(2024, 3, 22, 9, 0, 0), Pdf.StartsLocal);
        Assert.Null(Pdf.EndsLocal);
        Assert.Null(Pdf.PublishedOn);
    }

    [Fact]
    public void WebPageHeaderIsRead()
    {
        Assert.Equal(MinutesLayout.WebPage, Web.Layout);
        Assert.True(Web.IsMinutes);
        Assert.Equal("Socialdirektørforum", Web.BodyName);
        Assert.Equal("Møde i Socialdirektørforum", Web.Title);
        Assert.Equal("Byrådssalen, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)", Web.Place);
        Assert.Equal(new DateTime(2025, 6, 27, 9, 0, 0), Web.StartsLocal);
        Assert.Equal(new DateTime(2025, 6, 27, 12, 0, 0), Web.EndsLocal);
        Assert.Equal(new DateOnly(2025, 6, 18), Web.PublishedOn);
    }

    // ------------------------------------------------------------------ items

    [Fact]
    public void PdfMinutesHaveElevenItemsWithFullTitlesNotTheCutTocTitles()
    {
        Assert.Equal(Enumerable.Range(1, 11), Pdf.Items.Select(i => i.Number));
        Assert.Equal("Godkendelse af referat", Item(Pdf, 1).Title);
        Assert.Equal("Orientering fra Varde Kommune om arbejdet med fremtidssikring af det specialiserede Bo- og Rehabiliteringscenter Lunden",
            Item(Pdf, 2).Title);
        Assert.Equal("Orienteringer", Item(Pdf, 10).Title);
        Assert.Equal("Eventuelt", Item(Pdf, 11).Title);
    }

    [Fact]
    public void WebPageHasTwentyOneItemsAndNumberedListsInsideItemsAreNotItems()
    {
        Assert.Equal(Enumerable.Range(1, 21), Web.Items.Select(i => i.Number));
        Assert.Equal("Oplæg fra Region Sjælland", Item(Web, 1).Title);
        Assert.Equal("Opsamling på “Gode eksempler”", Item(Web, 15).Title);
        Assert.Equal("Orientering om status på botilbudslæger", Item(Web, 21).Title);
        var item13 = Item(Web, 13);
        Assert.Contains("\n\n1. Vikarforbrug:\n\nBrugen af eksterne vikarer", item13.CasePresentation);
        Assert.Contains("6. Dialog med regionerne", item13.CasePresentation);
    }

    [Fact]
    public void WebPageItemsAreMatchedByTheirListEntryAndComeBackInNumberOrder()
    {
        const string text = "Møde\n\nUDVALG\n\nForum\n\nPUNKTER\n\n2. Andet\n\n1. Første\n\n" +
                            "2. Andet\n\nBeslutning\n\nGodkendt.\n\nAndet\n\nBaggrund\n\nTekst to.\n\n" +
                            "1. Første\n\nBeslutning\n\nTaget til efterretning.\n\nFørste\n\nBaggrund\n\nTekst et.";
        var minutes = MinutesParser.Parse(text);
        Assert.Equal([1, 2], minutes.Items.Select(i => i.Number));
        Assert.Equal("Tekst et.", Item(minutes, 1).Background);
        Assert.Equal("Godkendt.", Item(minutes, 2).Decision);
    }

    // ------------------------------------------------------------------ sections in seed 000

    [Fact]
    public void PdfItem1HasDecisionAttachmentAndKeepsTheTextsOwnMistake()
    {
        var item = Item(Pdf, 1);
        Assert.Equal("Referatet blev godkendt.", item.Decision);
        Assert.Equal(["20231213 Referat fra møde i Socialdirektørforum 13 december 2023 uden bilag.pdf"], item.AttachmentNames);
        Assert.Equal("Vedhæftet som bilag er referat fra sidste møde Socialdirektørforum den 13. december 2024", item.Background);
        Assert.Equal("Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- godkende referatet fra den 13. december 2024",
            item.Recommendation);
        Assert.Null(item.Intro);
    }

    [Fact]
    public void PdfItem3TabTableBecomesPipeTableAndHasThreeAttachments()
    {
        var item = Item(Pdf, 3);
        Assert.Equal(
            [
                "Notat vedrørende økonomiske handlemuligheder til udvidelse af botilbudskapaciteten.pdf",
                "Middelfart Kommunes kommentarer til eventuelt udvidelse af botilbudskapacitet.pdf",
                "Botilbudskapacitet og lånepuljen oplæg.pdf",
            ],
            item.AttachmentNames);
        Assert.Contains("|  | 2024 | 2025 | 2026 |\n| --- | --- | --- | --- |\n| Første behovsanalyse (12) | 45 | 43 | 36 |\n" +
                        "| Genvurderingen (12) | 37 | 42 | 38 |\n| Samlet (22) første behovsanalyse | 60 | 58 | 48 |", item.Background);
        Assert.Contains("### Behovsanalysen", item.Background);
        Assert.Contains("### Den økonomiske model", item.Background);

        string html = Markdown.ToHtml(item.Background!, new MarkdownPipelineBuilder().UsePipeTables().Build());
        Assert.Contains("<td>Genvurderingen (12)</td>", html);
    }

    [Fact]
    public void PdfGuestTextBeforeTheSectionsGoesToIntro()
    {
        Assert.Equal("Til mødet i Socialdirektørforum den 22. marts 2024 deltager Margrethe Madsen Als, leder af Bo- og Rehabiliteringscenter Lunden.",
            Item(Pdf, 2).Intro);
        Assert.StartsWith("Bo- og Rehabiliteringscenter Lunden er et specialiseret tilbud", Item(Pdf, 2).Background);
        Assert.StartsWith("Torben Tranæs, Forskningsdirektør VIVE, kommer og holder et oplæg", Item(Pdf, 9).Intro);
        Assert.EndsWith("\n\nStrategisk arbejdsgruppe er inviteret til at deltage under oplægget.", Item(Pdf, 9).Intro);
    }

    [Fact]
    public void PdfBriefingsWithSubheadingsBeforeTheSectionsGoToCasePresentationWithANote()
    {
        var item = Item(Pdf, 10);
        Assert.Null(item.Intro);
        Assert.StartsWith("### Ankestyrelsens dialogforum\n\nReferat fra møde", item.CasePresentation);
        Assert.Contains("### Vedr. finansieringsmodel for De Danske Børnehuse - ny bekendtgørelse pr. 1.1.2024", item.CasePresentation);
        Assert.Contains("### Kolding Kommune\n\n### Vedr: Tilbuddet Tinghøj", item.CasePresentation);
        Assert.Contains("<https://www.retsinformation.dk/eli/lta/2023/1487>", item.CasePresentation);
        Assert.Equal(4, item.AttachmentNames.Count);
        var note = Assert.Single(Pdf.Notes);
        Assert.Equal(10, note.ItemNumber);
        Assert.Contains("sagsfremstillingen", note.Message);
    }

    [Fact]
    public void PdfLoneDashIsKeptEscapedSoItIsNotAnEmptyListItem()
    {
        var item = Item(Pdf, 11);
        Assert.Equal("\\-", item.Intro);
        Assert.Equal("<p>-</p>", Markdown.ToHtml(item.Intro!).Trim());
        Assert.Equal("Til eventuelt:\n\nGrethe H. Nielsen, Tønder Kommune orienterede, at de oplever en voksende udfordring med unge med selvskaide og spiseforstyrrelse.",
            item.Decision);
    }

    [Fact]
    public void HeadingsAreWholeLinesOnly()
    {
        Assert.Contains("\n\nBaggrunden er lov om Socialservice i § 186", Item(Pdf, 7).Background);
        Assert.Contains("Jævnfør [kommissoriet](#) er opgaven", Item(Pdf, 9).Background);
        Assert.Contains("\n\nFørste delrapport der blev udgivet af ekspertudvalget kan [læses her](#)\n\n", Item(Pdf, 9).Background);
        Assert.Contains("\n\nBilag:\n\n- Socialtilsyn Syd Finansieringsnotat 2026\n- Følgebrev", Item(Web, 2).CasePresentation);
    }

    // ------------------------------------------------------------------ sections in seed 001

    [Fact]
    public void WebDecisionEndsAtTheRepeatedTitle()
    {
        var item = Item(Web, 1);
        Assert.EndsWith("at dette arbejde videreføres i regi af denne gruppe.", item.Decision);
        Assert.StartsWith("Formand for Den Administrative Styregruppe", item.Background);
        foreach (var i in Web.Items)
        {
            Assert.DoesNotContain("### " + i.Title, i.Decision ?? "");
            Assert.DoesNotContain("### " + i.Title, i.Intro ?? "");
            Assert.Null(i.Intro);
        }
    }

    [Fact]
    public void WebItem6DecisionAttachmentsAndBundledCases()
    {
        var item = Item(Web, 6);
        Assert.Contains("Socialdirektørforum ønskede ikke at komme med udtalelser eller høringer", item.Decision);
        Assert.Equal(4, item.AttachmentNames.Count);
        Assert.Equal("Orientering om oprettelse af nye § 107 pladser.docx", item.AttachmentNames[3]);
        Assert.EndsWith("- Beslutter at de ikke ønsker at lave en fælleskommunal høring og/eller en udtalelse til Billund Kommune",
            item.Recommendation);
        Assert.StartsWith("### Oprettelse af Børn- og ungehjem i Vejen Kommune\n\n### Begrundelse for ændringen", item.CasePresentation);
    }

    [Theory]
    [InlineData(6, "Oprettelse af Børn- og ungehjem i Vejen Kommune")]
    [InlineData(8, "Formål")]
    [InlineData(12, "Anonym stofmisbrugsbehandling 2017-2024")]
    [InlineData(13, "Styregruppens svar til Social- og Boligstyrelsen")]
    [InlineData(15, "Status")]
    [InlineData(17, "Input fra Forretningsudvalget")]
    public void WebSubheadingAfterTheRecommendationStartsTheCasePresentation(int number, string heading)
    {
        var item = Item(Web, number);
        Assert.StartsWith("### " + heading + "\n\n", item.CasePresentation);
        Assert.DoesNotContain("###", item.Recommendation);
        Assert.Contains(Web.Notes, n => n.ItemNumber == number && n.Message.Contains($"\"{heading}\""));
    }

    [Fact]
    public void WebSubheadingsInsideSectionsBecomeMarkdownHeadings()
    {
        Assert.Contains("### Borgeroplevet kvalitet\n\nArbejdet varetages", Item(Web, 3).Decision);
        Assert.Contains("### Early Warning\n\nEnighed om løbende orientering.", Item(Web, 9).Decision);
        Assert.Contains("### Rentefastsættelse\n\nDrøftet om", Item(Web, 9).Decision);
        Assert.Contains("### Oplysninger fra KL\n\nKL har delt", Item(Web, 10).CasePresentation);
        Assert.DoesNotContain(Web.Notes, n => n.ItemNumber == 10);
        Assert.Contains("### Ang. Værgemål", Item(Web, 16).CasePresentation);
        Assert.DoesNotContain("### Det indstilles", Item(Web, 1).Recommendation);
    }

    [Fact]
    public void WebSourceLinesStaySeparateLines()
    {
        Assert.Contains("Kommissoriet forelægges til godkendelse på kredsens næste møde.\n\nDen videre proces vil foregå i workshopformat",
            Item(Web, 3).Decision);
        Assert.Contains("Det indstilles, at Socialdirektørforum:\n\n1. Drøfter finansieringsmodellen for Socialtilsyn Syd 2026.\n2. Godkender",
            Item(Web, 2).Recommendation);
    }

    [Fact]
    public void WebNestedBulletsAreNestedAndEmptyBulletsDropped()
    {
        string text = Item(Web, 19).CasePresentation!;
        Assert.Contains("- Moderat til svær psykisk lidelse er tilføjet.\n  - Tilføjet for at præcisere", text);
        Assert.Contains("at få endnu mere fokus på samarbejdet og nødvendigheden af den tætte dialog", text);
        Assert.DoesNotContain(text.Split('\n'), l => l.Trim() is "-" or "•");
    }

    [Fact]
    public void WebItem12FlattenedTablesAreRebuiltWhereCertainAndTheAmbiguousOneIsKeptAsLinesAndAsked()
    {
        var item = Item(Web, 12);
        Assert.True(item.HasFlattenedTable);
        Assert.Equal("Der er interesse for hvor mange der henvender sig til de private tilbud på dette område, hvorfor punktet tages op igen næste år.",
            item.Decision);
        Assert.Contains("Tabel 1. Antal afsluttede forløb 2017-2024\n\n| Kommune | 2017 | 2018", item.CasePresentation);
        Assert.Contains("| I alt | 73 | 63 | 67 | 42 | 32 | 58 | 46 | 22 |", item.CasePresentation);
        Assert.Contains("| Udgiftsbudget (afrundet) | 434.800 | 434.800 | 869.500 |\n\nAnm.: 2025 priser.", item.CasePresentation);
        Assert.Contains("Tabel 2. Antal afsluttede forløb fordelt på hjemkommune 2017-2024\n\nHjemkommune\n\n2017", item.CasePresentation);
        Assert.DoesNotContain("### Kommune", item.CasePresentation);
        Assert.DoesNotContain("### Esbjerg", item.CasePresentation);
        Assert.Contains("### Budget og finansiering i 2025", item.CasePresentation);
        var rebuilt = Web.Notes.Where(n => n.ItemNumber == 12 && n.Message.Contains("genskabt som tabel")).ToList();
        Assert.Equal(2, rebuilt.Count);
        Assert.Contains("Tabel 1.", rebuilt[0].Message);
        Assert.Contains("Tabel 3.", rebuilt[1].Message);
        var asked = Assert.Single(Web.Questions, q => q.Kind == QuestionKind.Table);
        Assert.Contains("Tabel 2.", asked.Text);
        Assert.DoesNotContain(Web.Items, i => i.Number != 12 && i.HasFlattenedTable);
    }

    [Fact]
    public void WebBilagInWordsIsBodyTextAndOnlyFilesAreAttachments()
    {
        var item3 = Item(Web, 3);
        Assert.Equal(["20250407 Skema. Besluttede indsatser under Rammeaftale 2025 2026.pdf"], item3.AttachmentNames);
        Assert.EndsWith("\n\nBilag:\n\n- Skema over besluttede indsatser under Rammeaftalen 2025-2026", item3.CasePresentation);

        // The seed's last line (no line break after it) is item 21's only file.
        var item21 = Item(Web, 21);
        Assert.EndsWith("\n\nBilag:\n\n- Faktaark om aftalen vedr. faste læger på botilbud", item21.CasePresentation);
        Assert.Equal(["Faktaark om aftale om faste botilbudslæger som en del af overenskomst 2025 for praktiserende læger.pdf"],
            item21.AttachmentNames);
        Assert.Contains(Web.Notes, n => n.ItemNumber == 21 && n.Message.Contains("ikke er filnavne"));
        Assert.Empty(Item(Web, 7).AttachmentNames);
    }

    [Fact]
    public void TheTextsOwnMistakesAreKept()
    {
        Assert.Contains("den 13. december 2024", Item(Pdf, 1).Recommendation);
        Assert.Contains("fremlagt af Tønder Kommune den 13. december 2025", Item(Web, 16).CasePresentation);
        Assert.Contains("selvskaide", Item(Pdf, 11).Decision);
        Assert.Contains("denne ændring.. Orienteringen", Item(Web, 6).CasePresentation);
    }

    // ------------------------------------------------------------------ every line lands somewhere

    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    public void EveryLineOfTheSeedLandsInTheImport(string seed)
    {
        string text = SeedFiles.Read(seed);
        var minutes = MinutesParser.Parse(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        int punkterLine = Array.FindIndex(lines, l => l.Trim() == "PUNKTER");
        // Each imported line can account for one source line only, so repeated short lines (table cells) count too.
        var unclaimed = ImportedLines(minutes).Select(Normalize).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var failures = new List<string>();
        int tocIndex = 0;

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            bool? captured = minutes.Layout == MinutesLayout.PdfText
                ? PdfStructuralLineCaptured(minutes, line, ref tocIndex)
                : WebStructuralLineCaptured(minutes, line, inHeader: i < punkterLine);
            if (captured == false)
                failures.Add($"{i + 1} (structural, meaning lost): {line}");
            string normalized = Normalize(line);
            if (captured is not null || normalized.Length == 0)
                continue;
            if (unclaimed.GetValueOrDefault(normalized) > 0)
                unclaimed[normalized]--;
            else if (!minutes.Notes.Any(n => Normalize(n.Message).Contains(normalized, StringComparison.Ordinal)))
                failures.Add($"{i + 1}: {line}");
        }

        Assert.Empty(failures);
    }

    private static IEnumerable<string> ImportedLines(ParsedMinutes minutes)
    {
        foreach (var item in minutes.Items)
        {
            string?[] fields = [item.Title, item.Intro, item.Background, item.Recommendation, item.CasePresentation, item.Decision];
            foreach (var field in fields.Concat(item.AttachmentNames))
            {
                foreach (var line in (field ?? "").Split('\n'))
                {
                    // A table row stands for one source line (a tab row) or one per cell (a rebuilt flattened table).
                    yield return line;
                    if (line.StartsWith('|'))
                    {
                        foreach (var cell in line.Trim('|').Split('|').Select(c => c.Trim()).Where(c => c.Length > 0 && c != "---"))
                            yield return cell;
                    }
                }
            }
        }
    }

    private static readonly HashSet<string> SectionHeadings = ["Baggrund", "Indstilling", "Sagsfremstilling", "Beslutning", "Bilag"];

    /// <summary>Null when the line is content; otherwise whether the structure it carries was captured.</summary>
    private static bool? PdfStructuralLineCaptured(ParsedMinutes minutes, string line, ref int tocIndex)
    {
        if (SectionHeadings.Contains(line) || line == "Indholdsfortegnelse")
            return true;
        if (line.StartsWith("REFERAT ", StringComparison.Ordinal))
            return line == $"REFERAT {minutes.BodyName} d. {minutes.StartsLocal:dd-MM-yyyy}";
        if (line.StartsWith("Mødedato ", StringComparison.Ordinal))
            return line.Contains($"{minutes.StartsLocal!.Value.Day}. ") && line.Contains($"{minutes.StartsLocal:yyyy} kl. {minutes.StartsLocal!.Value.ToString("HH':'mm", CultureInfo.InvariantCulture)}");
        if (line.StartsWith("Mødested ", StringComparison.Ordinal))
            return line["Mødested ".Length..] == minutes.Place;
        if (TocLine().Match(line) is { Success: true } toc)
            return minutes.Items[tocIndex++].Title.StartsWith(toc.Groups["title"].Value, StringComparison.Ordinal);
        if (PdfItemHeader().Match(line) is { Success: true } header)
            return minutes.Items.Any(i => i.Number == int.Parse(header.Groups["n"].Value) && i.Title == header.Groups["title"].Value);
        return null;
    }

    private static bool? WebStructuralLineCaptured(ParsedMinutes minutes, string line, bool inHeader)
    {
        if (inHeader)
        {
            if (line is "UDVALG" or "MØDE" or "STED" or "STARTTIDSPUNKT" or "SLUTTIDSPUNKT")
                return true;
            if (line.StartsWith("Udgivet ", StringComparison.Ordinal))
                return line == $"Udgivet {minutes.PublishedOn:dd.MM.yyyy}";
            return line == minutes.BodyName || line == minutes.Title || line == minutes.Place
                   || line == minutes.StartsLocal!.Value.ToString("yyyy-MM-dd HH':'mm", CultureInfo.InvariantCulture) || line == minutes.EndsLocal!.Value.ToString("yyyy-MM-dd HH':'mm", CultureInfo.InvariantCulture);
        }
        if (line == "PUNKTER" || SectionHeadings.Contains(line))
            return true;
        if (WebItemHeader().Match(line) is { Success: true } header
            && minutes.Items.Any(i => i.Number == int.Parse(header.Groups["n"].Value) && i.Title == header.Groups["title"].Value))
            return true;
        if (minutes.Items.Any(i => i.Title == line))
            return true; // the title repeated between decision and sections
        return null;
    }

    /// <summary>Compares text, not form: drops list/heading markers, table pipes, escapes and spacing differences.</summary>
    private static string Normalize(string line)
    {
        string s = line.Replace('\u00A0', ' ').Replace('\t', ' ').Trim();
        s = LeadingMarker().Replace(s, "");
        s = s.Replace("|", " ").Replace("\\", "");
        return Spaces().Replace(s, " ").Trim();
    }

    [GeneratedRegex(@"^(#{1,6}\s+|[•-]\s*|\d+\.\s+)")]
    private static partial Regex LeadingMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?<title>.+?)\.{3,}\s*\d+$")]
    private static partial Regex TocLine();

    [GeneratedRegex(@"^Punkt (?<n>\d+): (?<title>.+)$")]
    private static partial Regex PdfItemHeader();

    [GeneratedRegex(@"^(?<n>\d+)\. (?<title>.+)$")]
    private static partial Regex WebItemHeader();

    // ------------------------------------------------------------------ our own PDF, errors, determinism

    [Fact]
    public void OwnPdfAgendaParsesWithoutDecisions()
    {
        const string text = """
            DAGSORDEN Styregruppen for Botilbud d. 05-09-2024

            Mødedato Torsdag d. 5. september 2024 kl. 13:00-15:30

            Mødested Mødelokale 2, Vejle Rådhus

            Indholdsfortegnelse

            Punkt 1: Godkendelse af dagsorden.....	2
            Punkt 2: Status på kapacitetsanalysen for borgere med erhvervet.....	3

            Punkt 1: Godkendelse af dagsorden

            Indstilling

            Det indstilles, at styregruppen

              • godkender dagsordenen.

            Punkt 2: Status på kapacitetsanalysen for borgere med erhvervet hjerneskade

            Baggrund

            Analysen er sendt til kommunerne.

            Sagsfremstilling

            Resultater

            Svarprocenten er 80.

            Bilag

            Analyse.XLSX
            """;
        var minutes = MinutesParser.Parse(text);
        Assert.Equal(MinutesLayout.PdfText, minutes.Layout);
        Assert.False(minutes.IsMinutes);
        Assert.Equal("Styregruppen for Botilbud", minutes.BodyName);
        Assert.Equal("Møde i Styregruppen for Botilbud", minutes.Title);
        Assert.Equal("Mødelokale 2, Vejle Rådhus", minutes.Place);
        Assert.Equal(new DateTime(2024, 9, 5, 13, 0, 0), minutes.StartsLocal);
        Assert.Equal(new DateTime(2024, 9, 5, 15, 30, 0), minutes.EndsLocal);
        Assert.Equal(2, minutes.Items.Count);
        Assert.All(minutes.Items, i => Assert.Null(i.Decision));
        Assert.Equal("Det indstilles, at styregruppen\n\n- godkender dagsordenen.", Item(minutes, 1).Recommendation);
        Assert.Equal("### Resultater\n\nSvarprocenten er 80.", Item(minutes, 2).CasePresentation);
        Assert.Equal(["Analyse.XLSX"], Item(minutes, 2).AttachmentNames);
        Assert.Empty(minutes.Notes);
    }

    [Fact]
    public void WindowsLineEndingsParseTheSame()
    {
        string text = SeedFiles.Read("000").ReplaceLineEndings("\n");
        Assert.Equal(Json(MinutesParser.Parse(text)), Json(MinutesParser.Parse(text.Replace("\n", "\r\n"))));
    }

    [Fact]
    public void ParsingIsDeterministic()
    {
        foreach (var seed in new[] { "000", "001" })
        {
            string text = SeedFiles.Read(seed);
            Assert.Equal(Json(MinutesParser.Parse(text)), Json(MinutesParser.Parse(text)));
        }
    }

    private static string Json(ParsedMinutes minutes) => JsonSerializer.Serialize(minutes);

    [Fact]
    public void TextWithNoMeetingIsRejectedWithADanishMessageSayingWhatWasLookedFor()
    {
        var error = Assert.Throws<MinutesFormatException>(() => MinutesParser.Parse("Kære alle\n\nHer er referatet fra sidste møde."));
        Assert.Contains("intet møde", error.Message);
        Assert.Contains("\"Punkt 1: Titel\"", error.Message);
        Assert.Contains("\"UDVALG\" og \"PUNKTER\"", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\u00A0\n\t")]
    public void EmptyTextIsRejected(string text)
    {
        var error = Assert.Throws<MinutesFormatException>(() => MinutesParser.Parse(text));
        Assert.Contains("tom", error.Message);
    }

    [Fact]
    public void APageNamingOnlyABodyIsNoMeetingAndIsRejected()
    {
        var error = Assert.Throws<MinutesFormatException>(() => MinutesParser.Parse("UDVALG\n\nSocialdirektørforum\n\nPUNKTER\n"));
        Assert.Equal(MinutesParser.NoMeetingMessage, error.Message);
    }

    [Fact]
    public void WebPageWithOnlyThePunkterListGivesTitleOnlyItems()
    {
        var minutes = MinutesParser.Parse("UDVALG\n\nSocialdirektørforum\n\nPUNKTER\n\n1. Godkendelse af dagsorden\n\n2. Eventuelt\n");
        Assert.Equal(["Godkendelse af dagsorden", "Eventuelt"], minutes.Items.Select(i => i.Title));
        Assert.All(minutes.Items, i => Assert.True(i.NoSourceText));
        Assert.False(minutes.IsMinutes);
        Assert.Contains("kun punktlisten", Assert.Single(minutes.Notes).Message);
    }

    [Fact]
    public void SeedsGiveOnlyTheExpectedNotes()
    {
        Assert.Equal([10], Pdf.Notes.Select(n => n.ItemNumber));
        Assert.Empty(Pdf.Questions);
        Assert.Equal([3, 6, 8, 12, 12, 12, 13, 15, 17, 21], Web.Notes.Select(n => n.ItemNumber));
        Assert.All(Web.Notes, n => Assert.StartsWith($"Punkt {n.ItemNumber}: ", n.Message));
    }
}
