using Rammevaerk.Publishing.Pdf;

namespace Rammevaerk.Tests.Pdf;

/// <summary>How <see cref="PdfText"/> turns the physical lines of a PDF back into seed 000's text layout.</summary>
public sealed class PdfTextTests
{
    private const double Right = 500;

    private static PdfLine Line(int page, double baseline, string text, double left = 70, double? right = null, double size = 10, double? firstWord = null) =>
        new(page, text, baseline, left, right ?? left + text.Length * 5, size, firstWord ?? text.Split(' ')[0].Length * 5);

    [Fact]
    public void A_full_line_is_continued_by_the_next_line_of_the_same_paragraph_even_across_a_page_break()
    {
        var lines = new[]
        {
            Line(1, 700, "Første linje af et afsnit, der fortsætter", right: Right - 2),
            Line(1, 686, "på næste linje og bliver her kort."),
            Line(1, 660, "Nyt afsnit, der løber helt ud til kanten af", right: Right),
            Line(2, 780, "spalten og fortsætter på næste side."),
        };

        var text = PdfText.Compose(lines);

        Assert.Equal("Første linje af et afsnit, der fortsætter på næste linje og bliver her kort.\n\n" +
                     "Nyt afsnit, der løber helt ud til kanten af spalten og fortsætter på næste side.\n", text);
    }

    [Fact]
    public void A_short_line_ends_its_block_and_a_paragraph_gap_becomes_a_blank_line()
    {
        var lines = new[]
        {
            Line(1, 700, "Baggrund", size: 11.5),
            Line(1, 680, "- første punkt", right: Right - 60),
            Line(1, 665, "- andet punkt"),
            Line(1, 640, "Afsnit efter listen, som går helt ud til spaltens kant,", right: Right),
            Line(1, 626, "og fortsætter."),
        };

        Assert.Equal("Baggrund\n\n- første punkt\n- andet punkt\n\nAfsnit efter listen, som går helt ud til spaltens kant, og fortsætter.\n",
            PdfText.Compose(lines));
    }

    [Fact]
    public void A_full_line_is_not_continued_when_the_next_word_would_have_fitted_or_the_font_changes()
    {
        var lines = new[]
        {
            Line(1, 700, "En lang linje der næsten er fuld", right: Right - 80),
            Line(1, 686, "Kort", firstWord: 20),
            Line(1, 672, "Denne linje er fuld og næste er en overskrift", right: Right),
            Line(1, 654, "Indstilling", size: 11.5),
        };

        Assert.Equal("En lang linje der næsten er fuld\nKort\nDenne linje er fuld og næste er en overskrift\n\nIndstilling\n", PdfText.Compose(lines));
    }

    [Fact]
    public void A_full_last_line_of_a_list_item_does_not_swallow_the_next_item()
    {
        var lines = new[]
        {
            Line(1, 700, "- Første punkt, der er så langt, at det fylder", left: 80, right: Right),
            Line(1, 686, "hele linjen og også den næste helt ud til kanten", left: 88, right: Right),
            Line(1, 672, "- Andet punkt fylder præcis én hel linje ud til", left: 80, right: Right),
            Line(1, 658, "- Tredje punkt", left: 80),
            Line(1, 644, "Et afsnit, hvis linje brydes lige før en tankestreg", left: 70, right: Right),
            Line(1, 630, "- som her, fortsætter afsnittet.", left: 70),
        };

        Assert.Equal("- Første punkt, der er så langt, at det fylder hele linjen og også den næste helt ud til kanten\n" +
                     "- Andet punkt fylder præcis én hel linje ud til\n- Tredje punkt\n" +
                     "Et afsnit, hvis linje brydes lige før en tankestreg - som her, fortsætter afsnittet.\n", PdfText.Compose(lines));
    }

    [Fact]
    public void Table_rows_stay_consecutive_and_an_empty_first_cell_becomes_a_leading_tab()
    {
        var lines = new[]
        {
            Line(1, 700, "Indledning til tabellen:"),
            Line(1, 670, "2024\t2025", left: 250),
            Line(1, 650, "Første behovsanalyse (12)\t45\t43"),
            Line(1, 630, "Genvurderingen (12)\t37\t42"),
            Line(1, 600, "Efter tabellen."),
        };

        Assert.Equal("Indledning til tabellen:\n\n\t2024\t2025\nFørste behovsanalyse (12)\t45\t43\nGenvurderingen (12)\t37\t42\n\nEfter tabellen.\n",
            PdfText.Compose(lines));
    }

    [Fact]
    public void Table_of_contents_lines_are_never_joined()
    {
        var lines = new[]
        {
            Line(1, 700, "Godkendelse af referat.................. 2", right: Right),
            Line(1, 685, "Orientering fra Varde Kommune......... 3", right: Right),
        };

        Assert.Equal("Godkendelse af referat.................. 2\nOrientering fra Varde Kommune......... 3\n", PdfText.Compose(lines));
    }

    [Fact]
    public void Text_of_a_simple_pdf_is_read_and_a_damaged_or_encrypted_one_is_refused_in_Danish()
    {
        Assert.Equal("Et godt notat\n", PdfText.Extract(Rammevaerk.Demo.MinimalPdf.Create("Et godt notat")));
        Assert.Contains("krypteret", Assert.Throws<PdfTextException>(() => PdfText.Extract(PdfReading.EncryptedPdf())).Message);
        Assert.Contains("ødelagt", Assert.Throws<PdfTextException>(() => PdfText.Extract(PdfReading.CorruptPdf())).Message);
        Assert.Contains("ikke en PDF", Assert.Throws<PdfTextException>(() => PdfText.Extract("hej"u8.ToArray())).Message);
    }
}
