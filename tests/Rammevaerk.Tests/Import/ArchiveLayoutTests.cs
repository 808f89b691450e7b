using Rammevaerk.Meetings.Import;

namespace Rammevaerk.Tests.Import;

/// <summary>
/// The archive's layouts, each from a small text written like the real ones (and the archive samples in
/// shared/data/archive-samples as fixtures): every listed item kept, numbers and gaps as in the source, what cannot be
/// known asked rather than invented, and every line either on the meeting or listed as furniture.
/// </summary>
public class ArchiveLayoutTests
{
    private static readonly string[] Bodies = ["Socialdirektørforum", "Forretningsudvalget"];

    private static ParsedMinutes Parse(string text) => MinutesParser.Parse(text, Bodies);

    private static ParsedItem Item(ParsedMinutes m, int number) => m.Items.Single(i => i.Number == number);

    public static string Sample(string start) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(SeedFiles.Directory)!, "data", "archive-samples"))
            .Single(f => Path.GetFileName(f).StartsWith(start, StringComparison.Ordinal)));

    private const string WebHeader = """
        Møde i Socialdirektørforum den 24. marts 2017

        Udgivet 24.03.2017

        UDVALG

        Socialdirektørforum

        MØDE

        Møde i Socialdirektørforum den 24. marts 2017

        STED

        Meldahls Rådhus, Vendersgade 30D, 7000 Fredericia

        STARTTIDSPUNKT

        2017-03-24 09:00

        SLUTTIDSPUNKT

        2017-03-24 12:00


        PUNKTER

        """;

    [Fact]
    public void HeadingsRepeatedThreeTimesWithIndstillingFirstAndAnItemAfterEventuelt()
    {
        var m = Parse(WebHeader + """
            1. Godkendelse af referat

            17. Eventuelt

            18. Næste møde


            1. Godkendelse af referat

            Godkendelse af referat

            Godkendelse af referat

             
            Indstilling

            Det indstilles, at Socialdirektørforum godkender referatet

             
            Beslutning

            Referat godkendt

            17. Eventuelt

            Eventuelt

            Eventuelt

            Beslutning

            Intet.

            18. Næste møde

            Næste møde

            Næste møde

            Beslutning

            Næste møde holdes den 16. juni 2017.
            """);
        Assert.Equal([1, 17, 18], m.Items.Select(i => i.Number));
        Assert.Equal("Det indstilles, at Socialdirektørforum godkender referatet", Item(m, 1).Recommendation);
        Assert.Equal("Referat godkendt", Item(m, 1).Decision);
        Assert.Null(Item(m, 1).Intro);
        Assert.Equal("Næste møde holdes den 16. juni 2017.", Item(m, 18).Decision);
        Assert.Equal(MinutesLayout.WebPage, m.Layout);
        Assert.Contains(m.Notes, n => n.Message.Contains("2, 3, 4"));
    }

    [Fact]
    public void BeslutningFirstLayoutWithClosedItemsLeftOutKeepsTheGapsAndEveryListedItem()
    {
        var m = Parse(Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-20-januar-2023"));
        Assert.Equal([1, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13], m.Items.Select(i => i.Number));
        Assert.Equal(11, m.ListedCount);
        Assert.Equal("Referatet blev godkendt", Item(m, 1).Decision);
        Assert.StartsWith("Godkendelse af referat fra møde i Socialdirektørforum den 18. november 2022.", Item(m, 1).Background);
        Assert.Equal(["20221118 Referat fra møde i Socialdirektørforum den 18 november 2022 uden bilag.pdf"], Item(m, 1).AttachmentNames);
        Assert.False(Item(m, 2).NoSourceText);
        Assert.True(Item(m, 13).NoSourceText);
        Assert.Equal("Eventuelt", Item(m, 13).Title);
        Assert.Contains(m.Notes, n => n.Message.Contains("springer punkterne 3, 5 over"));
        Assert.Equal(new DateTime(2023, 1, 20, 8, 30, 0), m.StartsLocal);
    }

    [Fact]
    public void ItemsListedOutOfOrderAreKeptUnderTheirNumbersInNumberOrder()
    {
        var m = Parse(Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-28-juni-2024"));
        Assert.Equal(Enumerable.Range(1, 22).Where(n => n != 7), m.Items.Select(i => i.Number));
        Assert.Equal("Eventuelt", Item(m, 22).Title);
        Assert.Contains(m.Notes, n => n.Message.Contains("ikke i nummerorden"));
        Assert.Contains(m.Notes, n => n.Message.Contains("springer punkt 7 over"));
    }

    [Theory]
    [InlineData("Referat", "Godkendt uden bemærkninger.", "Godkendt uden bemærkninger.")]
    [InlineData("Referat:", "Taget til efterretning.", "Taget til efterretning.")]
    [InlineData("Godkendt", "Sekretariatet sender referatet rundt.", "Godkendt\n\nSekretariatet sender referatet rundt.")]
    [InlineData("Beslutning:", "Godkendt.", "Godkendt.")]
    public void TheDecisionMayBeLabelledReferatOrGodkendt(string label, string text, string decision)
    {
        var m = Parse(WebHeader + $"""
            1. Godkendelse af dagsorden

            2. Orientering


            1. Godkendelse af dagsorden

            Baggrund

            Dagsordenen er udsendt.

            {label}

            {text}

            2. Orientering

            Referat: Orienteringen blev taget til efterretning.
            """);
        Assert.Equal(decision, Item(m, 1).Decision);
        Assert.Equal("Dagsordenen er udsendt.", Item(m, 1).Background);
        Assert.Equal("Orienteringen blev taget til efterretning.", Item(m, 2).Decision);
        Assert.True(m.IsMinutes);
    }

    [Fact]
    public void BlankTitlesAreRecoveredFromTheFirstLineOfTheItemsTextAndAsked()
    {
        var m = Parse(WebHeader + """
            1.

            2.


            1.

            Godkendelse af referat

            Baggrund

            Referatet er udsendt.

            Beslutning

            Godkendt.

            2.

            Status på botilbudskapaciteten

            Sagsfremstilling

            Kapaciteten er uændret.
            """);
        Assert.Equal("Godkendelse af referat", Item(m, 1).Title);
        Assert.Equal("Status på botilbudskapaciteten", Item(m, 2).Title);
        Assert.Equal("Kapaciteten er uændret.", Item(m, 2).CasePresentation);
        Assert.Equal("Godkendt.", Item(m, 1).Decision);
        Assert.Equal(2, m.Questions.Count(q => q.Kind == QuestionKind.Title));
    }

    [Fact]
    public void AWebPageWithoutLabelsIsReadByItsBareTitlesAndAnUnlistedFirstItemIsKeptAndAsked()
    {
        var m = Parse(Sample("dagsorden-referater_moede-i-socialdirektoerforum-den-7-marts-2025__v2"));
        Assert.Equal(MinutesLayout.LabelFree, m.Layout);
        Assert.Equal("Socialdirektørforum", m.BodyName);
        Assert.Equal("Byrådssalen Middelfart Rådhus", m.Place);
        Assert.Equal(new DateTime(2025, 3, 7, 9, 0, 0), m.StartsLocal);
        Assert.Equal(new DateTime(2025, 3, 7, 10, 30, 0), m.EndsLocal);
        Assert.Equal("https://socialsekretariatet.dk/dagsorden-referater/moede-i-socialdirektoerforum-den-7-marts-2025/", m.SourceAddress);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 15, 16], m.Items.Select(i => i.Number));
        Assert.Equal("Godkendelse af referat", Item(m, 1).Title);
        Assert.Equal("Godkendt uden bemærkninger.", Item(m, 1).Decision);
        Assert.Contains(m.Questions, q => q.Kind == QuestionKind.Number && q.ItemNumber == 1);
        Assert.StartsWith("Der var en god drøftelse af emnerne", Item(m, 2).Decision);
        Assert.StartsWith("Forretningsudvalget indstiller til Socialdirektørforum, at", Item(m, 2).Recommendation);
        Assert.StartsWith("For hvert indsatsområde er der foreslået aktiviteter", Item(m, 2).CasePresentation);
        Assert.True(Item(m, 16).NoSourceText);
    }

    [Fact]
    public void ItemGroupsInTheListAreKeptAsGroupsNotItems()
    {
        var m = Parse(WebHeader + """
            Beslutningspunkter

            1. Godkendelse af referat

            2. Budget 2026

            Orienteringspunkter

            3. Nyt fra KL

            A) drøftelse

            4. Fremtidens socialområde


            1. Godkendelse af referat

            Beslutning

            Godkendt.

            2. Budget 2026

            Beslutning

            Budgettet blev godkendt.

            Orienteringspunkter

            3. Nyt fra KL

            Beslutning

            Taget til efterretning.
            """);
        Assert.Equal([1, 2, 3, 4], m.Items.Select(i => i.Number));
        Assert.Equal("Beslutningspunkter", Item(m, 1).Group);
        Assert.Equal("Orienteringspunkter", Item(m, 3).Group);
        Assert.Equal("A) drøftelse", Item(m, 4).Group);
        Assert.Equal("Budgettet blev godkendt.", Item(m, 2).Decision);
        Assert.True(Item(m, 4).NoSourceText);
    }

    [Fact]
    public void ATranscriptWithALetterSpacedTitleAndALostDateIsCreatedWithWhatIsCertainAndAsks()
    {
        var m = Parse(Sample("docplayer.dk_24488542"));
        Assert.Equal("KKR Syddanmark", m.BodyName);
        Assert.Null(m.StartsLocal);
        Assert.Equal(2015, m.YearHint);
        Assert.Equal("Fuglsangcentret, Søndermarksvej 150, 7000 Fredericia", m.Place);
        var date = Assert.Single(m.Questions, q => q.Kind == QuestionKind.Date);
        Assert.True(date.Blocks);
        Assert.Contains("2015", date.Text);
        Assert.Contains(m.Lines.Dropped, d => d.Kind == "sidetal" && d.Text == "SIDE 2");
        Assert.Contains(m.Lines.Dropped, d => d.Text == "Størrelse: px");
        Assert.Equal(MinutesLayout.Transcript, m.Layout);
    }

    [Fact]
    public void ATranscriptWithTemplateLeftoversAndPageFractionsKeepsItsItemsAndDropsTheFurniture()
    {
        var m = Parse(Sample("docplayer.dk_141663041"), ["Socialdirektørforum"]);
        Assert.Equal("Den Administrative Styregruppe", m.BodyName);
        Assert.Equal(new DateTime(2012, 3, 1), m.StartsLocal);
        Assert.True(m.TimeUnknown);
        Assert.Contains(m.Questions, q => q.Kind == QuestionKind.Time);
        Assert.Equal("Boulevarden 13, Repræsentationslokale 1", m.Place);
        Assert.Equal("Godkendelse af referat fra møde 14. december og møde mellem FU og Regionen 26. januar", Item(m, 2).Title);
        Assert.Equal("Godkendt", Item(m, 2).Decision);
        Assert.Equal("Godkendelse af udkast til udviklingsstrategi for 2013", Item(m, 3).Title);
        Assert.Contains(m.Lines.Dropped, d => d.Kind == "skabelontekst");
        Assert.Contains(m.Lines.Dropped, d => d.Kind == "sidetal" && d.Text == "2/12");
        Assert.DoesNotContain("Click here", m.Preamble ?? "");
        Assert.Contains("Jan Nielsen", m.Preamble);
    }

    private static ParsedMinutes Parse(string text, string[] bodies) => MinutesParser.Parse(text, bodies);

    [Fact]
    public void HtmlTagsAndEntitiesLeftInTheTextAreTakenOutWithoutSplittingWords()
    {
        var m = Parse(Sample("yumpu.com"));
        Assert.Equal("Socialdirektørkredsen", m.BodyName);
        Assert.Equal([1, 2, 3], m.Items.Select(i => i.Number));
        Assert.Equal("Godkendelse af dagsorden", Item(m, 1).Title);
        Assert.Equal("Godkendt", Item(m, 1).Decision);
        Assert.StartsWith("FU har afholdt møde den 1. februar og den 13. marts.", Item(m, 3).Intro);
        Assert.DoesNotContain(m.Items, i => (i.Intro ?? "").Contains('<'));
        Assert.Equal(new DateTime(2013, 3, 18), m.StartsLocal);
        Assert.True(m.TimeUnknown);
        Assert.Contains(m.Questions, q => q.Kind == QuestionKind.Time && q.Text.Contains("10-00-12.00"));
        Assert.True(m.IsMinutes);
        Assert.Contains(m.Lines.Dropped, d => d.Text == "SHOW MORE");

        var entities = Parse(WebHeader + "1. Drift &amp; anl&aelig;g\n\n1. Drift &amp; anlæg\n\nBeslutning\n\nGodkendt&nbsp;uden bem&aelig;rkninger.\n");
        Assert.Equal("Drift & anlæg", Item(entities, 1).Title);
        Assert.Equal("Godkendt uden bemærkninger.", Item(entities, 1).Decision);
    }

    [Fact]
    public void AContradictoryDateIsNeverGuessedAndALostTimeIsNeverInvented()
    {
        var contradictory = Parse("""
            Møde i Socialdirektørforum

            Tid 27. maj februar 2014, kl. 10.00

            Sted Rådhuset

            1. Godkendelse af dagsorden

            Godkendt

            2. Eventuelt
            """);
        Assert.Null(contradictory.StartsLocal);
        Assert.Equal(2014, contradictory.YearHint);
        Assert.Contains(contradictory.Questions, q => q.Kind == QuestionKind.Date && q.Text.Contains("to måneder"));

        var lostTime = Parse(WebHeader.Replace("2017-03-24 09:00", "2017-03-24 :00:00").Replace("2017-03-24 12:00", ":00:00")
                             + "1. Godkendelse af referat\n\n1. Godkendelse af referat\n\nBeslutning\n\nGodkendt.\n");
        Assert.Equal(new DateTime(2017, 3, 24), lostTime.StartsLocal);
        Assert.True(lostTime.TimeUnknown);
        Assert.Null(lostTime.EndsLocal);
        Assert.Contains(lostTime.Questions, q => q.Kind == QuestionKind.Time);
    }

    [Fact]
    public void AStaleHeaderFromAnEarlierMeetingIsAskedAbout()
    {
        var m = Parse(WebHeader.Replace("MØDE\n\nMøde i Socialdirektørforum den 24. marts 2017", "MØDE\n\nMøde i Socialdirektørforum den 16. december 2016")
                      + "1. Godkendelse af referat\n");
        Assert.Equal(new DateTime(2017, 3, 24, 9, 0, 0), m.StartsLocal);
        Assert.Contains(m.Questions, q => q.Text.Contains("16. december 2016"));
    }

    [Fact]
    public void PageFooterLinesAndSideXAfYAreDroppedAndCounted()
    {
        var m = Parse(WebHeader + """
            1. Godkendelse af referat


            1. Godkendelse af referat

            Baggrund

            Første del af teksten.

            Side 2 af 19 sider

            Anden del af teksten.
            """);
        Assert.Equal("Første del af teksten.\n\nAnden del af teksten.", Item(m, 1).Background);
        var dropped = Assert.Single(m.Lines.Dropped);
        Assert.Equal("sidetal", dropped.Kind);
        Assert.Equal(m.Lines.NonBlankLines - 1, m.Lines.OnMeeting);
    }

    [Fact]
    public void TextWithNoMeetingIsRefusedSayingWhatWasLookedFor()
    {
        var error = Assert.Throws<MinutesFormatException>(() => Parse("Indkøbsliste\n\nmælk\nbrød\n"));
        Assert.Contains("intet møde", error.Message);
        Assert.Contains("UDVALG", error.Message);
        Assert.Contains("Punkt 1: Titel", error.Message);
    }

    private const string PdfHeader = """
        REFERAT Socialdirektørforum d. 22-03-2024

        Mødedato Fredag d. 22. marts 2024 kl. 09:00

        Mødested Byrådssalen, Middelfart Rådhus

        """;

    [Fact]
    public void PdfItemsWhoseTitleStandsOnTheNextLineGetItFromThereAndAsk()
    {
        var m = Parse(PdfHeader + """
            Punkt 1:
            Godkendelse af referat

            Beslutning

            Referatet blev godkendt.

            Punkt 2:

            Orientering om botilbudskapacitet

            Baggrund

            Kapaciteten er opgjort for 2024.

            Beslutning

            Taget til efterretning.
            """);
        Assert.Equal(MinutesLayout.PdfText, m.Layout);
        Assert.Equal([1, 2], m.Items.Select(i => i.Number));
        Assert.Equal("Godkendelse af referat", Item(m, 1).Title);
        Assert.Equal("Referatet blev godkendt.", Item(m, 1).Decision);
        Assert.Equal("Orientering om botilbudskapacitet", Item(m, 2).Title);
        Assert.Equal("Kapaciteten er opgjort for 2024.", Item(m, 2).Background);
        Assert.Null(m.Preamble);
        Assert.Equal(2, m.Questions.Count(q => q.Kind == QuestionKind.Title));
        Assert.DoesNotContain(m.Questions, q => q.Blocks);
    }

    [Fact]
    public void ATextWithItemsTheParserCannotSeparateIsHeldBackWithAQuestion()
    {
        var m = Parse(PdfHeader + """
            Pkt. 1 Godkendelse af referat

            Beslutning

            Referatet blev godkendt.

            Pkt. 2 Eventuelt

            Beslutning

            Intet.
            """);
        Assert.Empty(m.Items);
        var held = Assert.Single(m.Questions, q => q.Blocks);
        Assert.Contains("ser ud til at have dagsordenspunkter", held.Text);
        Assert.Contains("Pkt. 1 Godkendelse af referat", m.Preamble);

        // A header alone (no item-like lines) is a meeting without items, asked about but not held back.
        var bare = Parse(PdfHeader + "Mødet blev aflyst.\n");
        Assert.Empty(bare.Items);
        Assert.DoesNotContain(bare.Questions, q => q.Blocks);
    }

    [Theory]
    [InlineData("Dagsorden og referat\n\nMøde i Socialdirektørforum\n\nDato: 3. februar 2014 kl. 10.00\n\n", "Socialdirektørforum")]
    [InlineData("Referat fra Forretningsudvalget\n\nDato: 3. februar 2014 kl. 10.00\n\nSted: Rådhuset\n\n", "Forretningsudvalget")]
    [InlineData("Dagsorden til mødet i Socialdirektørforum den 3. februar 2014\n\nSted: Rådhuset\n\n", "Socialdirektørforum")]
    [InlineData("Dagsorden og referat\n\nDato: 3. februar 2014 kl. 10.00\n\nSted: Rådhuset\n\n", null)]
    [InlineData("Referat\n\nDagsorden og referat:\n\nDato: 3. februar 2014 kl. 10.00\n\nSted: Rådhuset\n\n", null)]
    public void WordsThatSayWhatKindOfDocumentItIsAreNeverTheBodysName(string header, string? body)
    {
        var m = MinutesParser.Parse(header + "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n2. Eventuelt\n\nBeslutning\n\nIntet.\n");
        Assert.Equal(body, m.BodyName);
        Assert.Equal(2, m.Items.Count);
        if (body is null) Assert.Contains(m.Questions, q => q.Kind == QuestionKind.Body);
    }

    [Theory]
    [InlineData("og referat", true)]
    [InlineData("Dagsorden og referat", true)]
    [InlineData("Referat fra", true)]
    [InlineData("Dagsorden til mødet:", true)]
    [InlineData("Socialdirektørforum", false)]
    [InlineData("Den Administrative Styregruppe", false)]
    public void StopPhrasesAreKnown(string text, bool stop) => Assert.Equal(stop, MinutesParser.IsStopPhrase(text));

    [Fact]
    public void APageHeaderNamingTheBodyBeforeTheKindOfDocumentNamesTheBodyNotTheSendersAddress()
    {
        // "1 Forretningsudvalget Referat Sekretariat for Rammeaftaler Midtjylland Prinsens Allé Viborg Dato: …": the
        // body stands before "Referat" (again on every page), the sender and its address after it.
        var m = Parse(Sample("docplayer.dk_36860429"));
        Assert.Equal("Forretningsudvalget", m.BodyName);
        Assert.Equal("Midtjylland", m.RegionNamed);
        // The same rule written small: a body named once before the kind word, and as the meeting's further down.
        var small = Parse("""
            Beskæftigelsesudvalget
            Referat Jobcenter Syd, Havnegade 4, 6000 Kolding
            Dato: 3. februar 2014 kl. 10.00
            Referat fra Beskæftigelsesudvalget
            1. Godkendelse af dagsorden
            Beslutning: Godkendt.
            """);
        Assert.Equal("Beskæftigelsesudvalget", small.BodyName);
        // Without the body named again, the name after the kind word stays the body (the KKR layout).
        var kkr = Parse("""
            Kolding Kommune
            REFERAT Beskæftigelsesudvalget
            Dato: 3. februar 2014 kl. 10.00
            1. Godkendelse af dagsorden
            Beslutning: Godkendt.
            """);
        Assert.Equal("Beskæftigelsesudvalget", kkr.BodyName);
    }

    [Fact]
    public void AContentsListRunTogetherWithGroupsAndPageNumbersKeepsEveryListedItemUnderItsGroup()
    {
        var m = Parse(Sample("docplayer.dk_36860429"));
        Assert.Equal(17, m.Items.Count);
        Assert.Equal(17, m.ListedCount);
        Assert.Equal(Enumerable.Range(1, 17), m.Items.Select(i => i.Number));
        Assert.All(m.Items, i => Assert.True(i.NoSourceText));
        Assert.Equal("Godkendelse af dagsorden", Item(m, 1).Title);
        Assert.Equal("Godkendelse af dagsorden og referat", Item(m, 1).Group);
        Assert.Equal("Godkendelse af referat", Item(m, 2).Title);
        Assert.Equal("Drøftelse vedr. kapaciteten på Kvindekrisecentre (kl )", Item(m, 3).Title);
        Assert.Equal("Dialogpunkter med gæster", Item(m, 3).Group);
        Assert.Equal("Psykologhjælp til kvinder i krisecentre", Item(m, 4).Title);
        Assert.Equal("Beslutningspunkter", Item(m, 4).Group);
        Assert.Equal("Kapacitetsudvidelse af afdeling Skovhuset (Region Midtjylland)", Item(m, 10).Title);
        Assert.Equal("Udpegning af repræsentanter til diverse fora", Item(m, 11).Title);
        Assert.Equal("Repræsentanter til KL s koordinationsforum", Item(m, 12).Title);
        Assert.Equal("Repræsentanter til dialogmøde med Synscenter Refsnæs", Item(m, 14).Title);
        Assert.Equal("Status på aftale om fælles hjælperord", Item(m, 17).Title);
        Assert.Equal("Orienteringspunkter", Item(m, 17).Group);
        // Group headings and contents page numbers are never part of a title.
        Assert.All(m.Items, i => Assert.DoesNotMatch(@"punkter|\s\d{1,3}$", i.Title));
        Assert.Contains(m.Questions, q => q.Kind == QuestionKind.Number && q.Text.Contains("nummereret i kildens rækkefølge"));
        Assert.All(m.Items, i => Assert.Contains(m.Notes, n => n.ItemNumber == i.Number && n.Message.StartsWith("Nummeret er givet ved importen")));
    }

    [Fact]
    public void AnUnnumberedContentsListGroupedByKindGivesItemsNumberedInOrder()
    {
        var m = Parse(Sample("docplayer.dk_24488542"));
        Assert.Equal(15, m.Items.Count);
        Assert.Equal(15, m.ListedCount);
        Assert.Equal("Godkendelse af referat fra møde i KKR Syddanmark den 10. september", Item(m, 1).Title);
        Assert.Equal("Temadrøftelse: Fremtidens kommunestyre, KL og samspillet mellem KL og kommunerne", Item(m, 2).Title);
        Assert.Equal("Regionalpolitiske sager", Item(m, 2).Group);
        Assert.Equal("Aftale mellem Væksthus Syddanmark og KKR Syddanmark", Item(m, 4).Title);
        Assert.Equal("Fordeling af flygtninge", Item(m, 5).Title);
        Assert.Equal("Udpegninger", Item(m, 9).Title);
        Assert.Equal("Orientering om arbejdet med en fast Kattegatforbindelse", Item(m, 12).Title);
        Assert.Equal("Siden sidst", Item(m, 12).Group);
        Assert.Equal("Eventuelt", Item(m, 15).Title);
        Assert.Contains(m.Questions, q => q.Kind == QuestionKind.Number);
    }

    [Fact]
    public void SeedZerosContentsTableIsTheListItsItemsAreCountedAgainst()
    {
        var m = MinutesParser.Parse(SeedFiles.Read("000"));
        Assert.Equal(11, m.ListedCount);
        Assert.Equal(11, m.Items.Count);
    }

    [Theory]
    [InlineData("dagsorden-referater_moede-del-2")]
    [InlineData("dagsorden-referater_moede-i-socialdirektoerforum-den-20-januar-2023")]
    [InlineData("dagsorden-referater_moede-i-socialdirektoerforum-den-24-januar-2025")]
    [InlineData("dagsorden-referater_moede-i-socialdirektoerforum-den-24-marts-2017")]
    [InlineData("dagsorden-referater_moede-i-socialdirektoerforum-den-28-juni-2024")]
    [InlineData("dagsorden-referater_moede-i-socialdirektoerforum-den-30-juni-2023")]
    [InlineData("dagsorden-referater_moede-i-socialdirektoerforum-den-6-maj-2022")]
    [InlineData("dagsorden-referater_moede-i-socialdirektoerforum-den-7-marts-2025__v2")]
    [InlineData("dagsorden-referater_moede-socialdirektoerforum-den-1-oktober-2020")]
    [InlineData("dagsorden-referater_socialdirektoerforum")]
    [InlineData("docplayer.dk_141663041")]
    [InlineData("docplayer.dk_24488542")]
    [InlineData("docplayer.dk_36860429")]
    [InlineData("yumpu.com")]
    public void EverySampleIsAcceptedEveryListedItemKeptAndEveryLineAccountedFor(string sample)
    {
        string text = Sample(sample);
        var m = Parse(text);
        int nonBlank = text.ReplaceLineEndings("\n").Split('\n').Count(l => l.Trim().Length > 0);
        Assert.Equal(nonBlank, m.Lines.NonBlankLines);
        // A source line is on the meeting, or it was wholly furniture (and then it is listed).
        var droppedLines = m.Lines.Dropped.Select(d => d.Line).ToHashSet();
        Assert.True(m.Lines.NonBlankLines - m.Lines.OnMeeting <= droppedLines.Count,
            $"{m.Lines.NonBlankLines - m.Lines.OnMeeting} lines are off the meeting, {droppedLines.Count} listed as furniture");
        Assert.NotNull(m.BodyName);
        var listed = System.Text.RegularExpressions.Regex.Matches(text, @"(?m)^(\d{1,2})\. \S").Select(x => int.Parse(x.Groups[1].Value)).ToHashSet();
        if (text.Contains("\nPUNKTER\n", StringComparison.Ordinal))
            Assert.All(listed, n => Assert.Contains(m.Items, i => i.Number == n));
    }
}
