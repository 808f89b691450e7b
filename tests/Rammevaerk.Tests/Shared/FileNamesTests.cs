using Rammevaerk.Shared;

namespace Rammevaerk.Tests.Shared;

/// <summary>Uploaded file names lose control and invisible characters and keep their real extension where it can be seen.</summary>
public class FileNamesTests
{
    [Theory]
    [InlineData("Faktura\u202Excod.pdf", "Fakturaxcod.pdf")] // shown as "Fakturafdp.docx"
    [InlineData("rapport\u2066\u2069\u200F\u200E.pdf", "rapport.pdf")]
    [InlineData("bilag\u0000\u0007\u001B[31m.docx", "bilag[31m.docx")]
    [InlineData("Referat\r\n13.12.2023.pdf", "Referat 13.12.2023.pdf")]
    [InlineData("C:\\Users\\sekretariat\\Skrivebord\\Budget 2026.xlsx", "Budget 2026.xlsx")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("Tabel <1>: \"Kolding\"?*.xlsx", "Tabel _1__ _Kolding___.xlsx")]
    [InlineData("   Økonomi    og   takster  .pdf  ", "Økonomi og takster.pdf")]
    [InlineData(".pdf", "fil.pdf")]
    [InlineData("\u202E", "fil")]
    [InlineData("CON.pdf", "_CON.pdf")]
    [InlineData("Skærmbillede\u00A0fra mødet.pptx", "Skærmbillede fra mødet.pptx")]
    [InlineData("Zero\u200Bwidth\uFEFF.xlsx", "Zerowidth.xlsx")]
    [InlineData("Ae\u0301ble.pdf", "Aéble.pdf")]
    public void Names_are_cleaned(string uploaded, string stored)
    {
        Assert.Equal(stored, FileNames.Clean(uploaded));
    }

    [Fact]
    public void A_long_name_is_cut_before_its_extension()
    {
        var name = FileNames.Clean(new string('a', 400) + ".pdf");

        Assert.Equal(FileNames.MaxLength, name.Length);
        Assert.EndsWith("aaa.pdf", name, StringComparison.Ordinal); // ordinal: in Danish, "aa" is "å"
    }

    [Fact]
    public void A_clean_name_stays_as_it_is()
    {
        Assert.Equal("Bilag 3 – Tinghøj, budget 2026 (revideret).pdf", FileNames.Clean("Bilag 3 – Tinghøj, budget 2026 (revideret).pdf"));
    }
}
