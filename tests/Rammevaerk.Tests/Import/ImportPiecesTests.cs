using System.IO.Compression;
using System.Text;
using Rammevaerk.Meetings.Import;
using Rammevaerk.Search;
using Rammevaerk.Shared;

namespace Rammevaerk.Tests.Import;

/// <summary>The import's pure pieces: text normalisation, table rebuilding, file reading, comparison, CPR check.</summary>
public class ImportPiecesTests
{
    // ------------------------------------------------------------------ one normalisation for import and search

    [Theory]
    [InlineData("Kvalitets\uFB01nansiering", "Kvalitetsfinansiering")]
    [InlineData("\uFB02ytning og e\uFB00ekt", "flytning og effekt")]
    [InlineData("bo\u00ADtilbud", "botilbud")]
    [InlineData("22.\u00A0marts", "22. marts")]
    [InlineData("Faaborg\u2011Midtfyn", "Faaborg-Midtfyn")]
    public void CharactersFromPdfsAreNormalised(string text, string expected) =>
        Assert.Equal(expected, ExtractedText.NormalizeCharacters(text));

    [Theory]
    [InlineData("Et specialiseret bo-\ntilbud i Varde", "Et specialiseret botilbud\ni Varde")]
    [InlineData("Faaborg-\nMidtfyn Kommune", "Faaborg-Midtfyn\nKommune")]
    [InlineData("social-\nog sundhedsområdet", "social- og\nsundhedsområdet")]
    [InlineData("linje et\nlinje to", "linje et\nlinje to")]
    public void WordsHyphenatedAtALineEndAreJoined(string text, string expected) =>
        Assert.Equal(expected, ExtractedText.Normalize(text));

    [Fact]
    public void APdfAttachmentWithLigaturesAndHyphenationIsFoundByItsWords()
    {
        var pdf = TestPdfs.Create([["Notat om kvalitets\uFB01nansiering af bo-", "tilbudskapaciteten i regionen"]], trueType: true);
        string text = AttachmentText.Extract("notat.pdf", pdf);
        Assert.Contains("kvalitetsfinansiering", text);
        Assert.Contains("botilbudskapaciteten", text);
        Assert.Contains(DanishText.Stem("kvalitetsfinansiering"), DanishText.StemText(text));
    }

    // ------------------------------------------------------------------ flattened tables

    [Fact]
    public void AFlattenedTableWhoseRowsAreAsWideAsItsHeaderIsRebuilt()
    {
        var table = FlattenedTables.Rebuild(["", "Esbjerg", "Odense", "Samlet", "Driftsramme", "413.500", "413.500", "826.900",
            "Overhead (4,9%)", "21.300", "21.300", "42.600"]);
        Assert.NotNull(table);
        Assert.Equal("|  | Esbjerg | Odense | Samlet |", table[0]);
        Assert.Equal("| Overhead (4,9%) | 21.300 | 21.300 | 42.600 |", table[3]);
    }

    [Fact]
    public void AShortRowIsSettledByTheTotalRowOrTheTableIsNotRebuilt()
    {
        string[] header = ["Kommune", "2022", "2023", "2024"];
        var settled = FlattenedTables.Rebuild([.. header, "Odense", "5", "6", "7", "Kolding", "4", "I alt", "9", "6", "7"]);
        Assert.NotNull(settled);
        Assert.Equal("| Kolding | 4 |  |  |", settled[3]);

        // Without a total (or with two short rows) the width is ambiguous: nothing is guessed.
        Assert.Null(FlattenedTables.Rebuild([.. header, "Odense", "5", "6", "7", "Kolding", "4"]));
        Assert.Null(FlattenedTables.Rebuild([.. header, "Odense", "5", "6", "Kolding", "4", "I alt", "9", "6", "7"]));
    }

    [Fact]
    public void SeedTablesOneAndThreeComeBackAsTablesAndTableTwoIsKeptAsLinesAndAsked()
    {
        var web = MinutesParser.Parse(SeedFiles.Read("001"));
        var item = web.Items.Single(i => i.Number == 12);
        Assert.Contains("| Kommune | 2017 | 2018 | 2019 | 2020 | 2021 | 2022 | 2023 | 2024* |", item.CasePresentation);
        Assert.Contains("| Kolding | 25 | 22 | 27 | 9 | 4 | 9 |  |  |", item.CasePresentation);
        Assert.Contains("| I alt | 73 | 63 | 67 | 42 | 32 | 58 | 46 | 22 |", item.CasePresentation);
        Assert.Contains("| Udgiftsbudget (afrundet) | 434.800 | 434.800 | 869.500 |", item.CasePresentation);
        Assert.Contains("Hjemkommune\n\n2017", item.CasePresentation);
        Assert.True(item.HasFlattenedTable);
        var question = Assert.Single(web.Questions, q => q.Kind == QuestionKind.Table);
        Assert.Contains("Tabel 2.", question.Text);
    }

    // ------------------------------------------------------------------ files

    [Fact]
    public void EmptyBinaryAndOfficeFilesAreRefusedWithDanishReasons()
    {
        Assert.Contains("tom", Assert.Throws<ImportRejectedException>(() => SourceFiles.Read("a.txt", [])).Message);
        Assert.Contains("binære data", Assert.Throws<ImportRejectedException>(() => SourceFiles.Read("billede.txt", [0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2])).Message);
        Assert.Contains("Office-fil", Assert.Throws<ImportRejectedException>(() => SourceFiles.Read("r.docx", "PK\u0003\u0004xx"u8.ToArray())).Message);
        Assert.Contains("UTF-8", Assert.Throws<ImportRejectedException>(() => SourceFiles.Read("r.txt", Encoding.Latin1.GetBytes("Møde i Rådhuset"))).Message);
    }

    [Fact]
    public void AScannedPdfWithoutTextIsRefusedAsScanned()
    {
        var error = Assert.Throws<ImportRejectedException>(() => SourceFiles.Read("scannet.pdf", TestPdfs.Create([[], []])));
        Assert.Contains("scannet", error.Message);
        Assert.Contains("OCR", error.Message);
    }

    [Fact]
    public void APdfOfThousandsOfPagesIsRefusedBeforeItIsRead()
    {
        var error = Assert.Throws<ImportRejectedException>(() => SourceFiles.Read("stor.pdf", TestPdfs.Blank(5000)));
        Assert.Contains("5.000 sider", error.Message);
    }

    [Fact]
    public void APdfIsReadWithItsLayoutIntoText()
    {
        var pdf = TestPdfs.Create([["REFERAT Socialdirektørforum d. 22-03-2024", "Mødedato Fredag d. 22. marts 2024 kl. 09:00", "Punkt 1: Godkendelse af referat", "Beslutning", "Referatet blev godkendt."]]);
        var doc = SourceFiles.Read("referat.pdf", pdf);
        var m = MinutesParser.Parse(doc.Text);
        Assert.Equal("Socialdirektørforum", m.BodyName);
        Assert.Equal("Referatet blev godkendt.", m.Items.Single().Decision);
    }

    [Fact]
    public void ASavedWebPageIsReadWithoutItsScriptsNavigationAndFooter()
    {
        const string html = """
            <!DOCTYPE html><html><head><title>Møde</title><script>alert('x')</script><style>p{}</style></head>
            <body><nav><a href="/">Forside</a> <a href="/om">Om os</a></nav>
            <main><h1>Møde i Socialdirektørforum den 7. marts 2025</h1>
            <p>Udgivet 07.03.2025</p><h4>UDVALG</h4><p>Socialdirektørforum</p><h4>STARTTIDSPUNKT</h4><p>2025-03-07 09:00</p>
            <h4>PUNKTER</h4><ol><li>1. Godkendelse af referat</li></ol>
            <h3>1. Godkendelse af referat</h3><h4>Beslutning</h4><p>Godkendt<script>document.write('ond')</script> uden bemærkninger.</p>
            <table><tr><th></th><th>2024</th></tr><tr><td>Odense</td><td>14</td></tr></table>
            </main><footer>Fælleskommunalt Socialsekretariat · Cookies</footer></body></html>
            """;
        var doc = SourceFiles.Read("side.html", Encoding.UTF8.GetBytes(html));
        Assert.DoesNotContain("alert", doc.Text);
        Assert.DoesNotContain("ond", doc.Text);
        Assert.DoesNotContain("Forside", doc.Text);
        Assert.Contains(doc.PreDropped, d => d.Kind == "navigation og sidefod" && d.Text.Contains("Cookies"));
        Assert.Contains(doc.PreDropped, d => d.Kind == "skript");
        var m = MinutesParser.Parse(doc.Text);
        Assert.Equal("Godkendt uden bemærkninger.", m.Items.Single().Decision?.Split("\n\n")[0]);
        Assert.Equal(new DateTime(2025, 3, 7, 9, 0, 0), m.StartsLocal);
    }

    [Fact]
    public void AZipIsAFolderButAZipSlipOrAZipBombIsNotRead()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "2024/referat.txt", "UDVALG\n\nSocialdirektørforum\n\nPUNKTER\n\n1. Eventuelt\n"u8.ToArray());
            Write(zip, "../../etc/passwd", "root"u8.ToArray());
            Write(zip, "/absolut.txt", "x"u8.ToArray());
            Write(zip, "__MACOSX/._referat.txt", "x"u8.ToArray());
            Write(zip, "bombe.txt", new byte[30 * 1024 * 1024]);
        }
        var (files, refused) = SourceFiles.Expand("mappe.zip", ms.ToArray());
        var file = Assert.Single(files);
        Assert.Equal("mappe.zip/2024/referat.txt", file.Name);
        Assert.Contains(refused, r => r.Name.EndsWith("passwd", StringComparison.Ordinal) && r.Reason.Contains("uden for mappen"));
        Assert.Contains(refused, r => r.Name.EndsWith("absolut.txt", StringComparison.Ordinal) && r.Reason.Contains("uden for mappen"));
        Assert.Contains(refused, r => r.Name.EndsWith("bombe.txt", StringComparison.Ordinal) && r.Reason.Contains("zip-bombe"));
    }

    [Theory]
    [InlineData("/abs/evil2.txt")]
    [InlineData("\\abs\\evil.txt")]
    [InlineData("\\\\server\\share\\evil.txt")]
    [InlineData("C:\\Windows\\evil.txt")]
    [InlineData("C:/evil.txt")]
    [InlineData("c:evil.txt")]
    [InlineData("mappe\\..\\..\\evil.txt")]
    public void An_entry_with_an_absolute_rooted_or_drive_path_is_refused_like_one_that_climbs_out(string entry)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "referat.txt", "UDVALG\n\nSocialdirektørforum\n\nPUNKTER\n\n1. Eventuelt\n"u8.ToArray());
            Write(zip, entry, "ond"u8.ToArray());
        }
        var (files, refused) = SourceFiles.Expand("arkiv.zip", ms.ToArray());
        Assert.Equal("arkiv.zip/referat.txt", Assert.Single(files).Name);
        Assert.Contains("uden for mappen", Assert.Single(refused).Reason);
    }

    private static void Write(ZipArchive zip, string name, byte[] bytes)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        s.Write(bytes);
    }

    // ------------------------------------------------------------------ comparison and CPR

    [Fact]
    public void TheComparisonSaysPerItemWhatIsNewChangedUnchangedOrMissingFromTheText()
    {
        ExistingItemText E(int n, string title, string? decision, bool noText = false) => new(n, title, null, null, null, null, decision, [], noText);
        ParsedItem P(int n, string title, string? decision, bool noText = false) => new(n, title, null, null, null, null, decision, [], false) { NoSourceText = noText };
        var diff = ImportComparison.Compare(
            [E(1, "Godkendelse af referat", "Godkendt."), E(2, "Budget", "Vedtaget."), E(3, "Orienteringer", "Taget til efterretning."), E(4, "Eventuelt", null)],
            [P(1, "Godkendelse af referat", "Godkendt."), P(2, "Budget", "Vedtaget med ændringer."), P(3, "Orienteringer", null, noText: true), P(5, "Næste møde", null)]);
        Assert.Equal([ItemChange.Unchanged, ItemChange.Changed, ItemChange.NoTextInSource, ItemChange.MissingFromText, ItemChange.New],
            diff.Select(d => d.Change));
        Assert.Equal(["Beslutning"], diff[1].Fields);
        Assert.Equal([2, 5], diff.Where(d => d.CanTake).Select(d => d.Number));
    }

    [Fact]
    public void TheComparisonKeepsSectionsTheTextLacksAndWarnsWhenOneWouldBecomeMuchShorter()
    {
        string background = new('b', 348), recommendation = new('r', 72), cases = string.Join(" ", Enumerable.Repeat("Sagen er beskrevet her.", 30));
        var existing = new ExistingItemText(2, "Budget", null, background, recommendation, cases, "Vedtaget.", [], false);
        // Cut off inside the item: the decision reads differently, the rest has no text in the source.
        var cut = ImportComparison.Compare([existing], [new ParsedItem(2, "Budget", null, null, null, null, "Vedtaget med ændringer.", [], false)]).Single();
        Assert.Equal(ItemChange.Changed, cut.Change);
        Assert.Equal(["Beslutning"], cut.Fields);
        Assert.Equal(["Baggrund", "Indstilling", "Sagsfremstilling"], cut.Kept);
        Assert.False(cut.Shortens);
        Assert.Equal("Beslutning; kilden har ingen tekst til Baggrund, Indstilling, Sagsfremstilling; beholdes", cut.Describe());

        // Cut off inside Sagsfremstilling: the section would shrink, and the comparison says by how much.
        var shorter = ImportComparison.Compare([existing], [new ParsedItem(2, "Budget", null, background, recommendation, "Sagen er beskrevet her.", "Vedtaget.", [], false)]).Single();
        Assert.Equal(ItemChange.Changed, shorter.Change);
        Assert.True(shorter.Shortens);
        Assert.Equal([$"Sagsfremstilling forkortes fra {cases.Length} til 23 tegn"], shorter.Shortened);

        // Only kept sections differ: nothing would change.
        var same = ImportComparison.Compare([existing], [new ParsedItem(2, "Budget", null, null, null, null, "Vedtaget.", [], false)]).Single();
        Assert.Equal(ItemChange.Unchanged, same.Change);
        Assert.False(same.CanTake);

        // A small edit that shortens a little is an ordinary change.
        Assert.False(ImportComparison.IsMuchShorter(348, 330));
        Assert.True(ImportComparison.IsMuchShorter(684, 0 + 100));
    }

    [Fact]
    public void TheCprCheckNamesEveryPlaceWithoutTheNumberItself()
    {
        var m = MinutesParser.Parse("""
            UDVALG

            Socialdirektørforum

            STARTTIDSPUNKT

            2024-03-22 09:00

            PUNKTER

            1. Sag om borger 010190-1234

            1. Sag om borger 010190-1234

            Baggrund

            Borgeren (cpr 0101901234) er visiteret. Taksten er 2.422 kr.

            Bilag

            Afgørelse 010190-1234.pdf
            """);
        var places = ImportCprCheck.Places(m, new DateOnly(2026, 12, 1));
        Assert.Equal(["Punkt 1, titel: 010190-xxxx", "Punkt 1, Baggrund: 010190-xxxx", "Punkt 1, bilagsnavn: 010190-xxxx"], places);
    }
}
