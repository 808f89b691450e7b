using Rammevaerk.Shared;

namespace Rammevaerk.Tests.Shared;

/// <summary>The one CSV writer: cells a spreadsheet would run as formulas are written as text (OWASP), numbers stay numbers.</summary>
public class CsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x.example\";\"Klik\")", "\"'=HYPERLINK(\"\"http://x.example\"\";\"\"Klik\"\")\"")]
    [InlineData("+45 12 34 56 78", "'+45 12 34 56 78")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("  =1+1", "'  =1+1")]
    [InlineData("\u22125", "'\u22125")]
    [InlineData("-", "'-")]
    [InlineData("-3", "-3")]
    [InlineData("-2422,5", "-2422,5")]
    [InlineData("+7", "+7")]
    [InlineData("Rødgrød med fløde", "Rødgrød med fløde")]
    [InlineData("Odense; Assens", "\"Odense; Assens\"")]
    [InlineData("", "")]
    public void A_cell_is_written_so_that_it_cannot_run(string text, string written)
    {
        Assert.Equal(written, Csv.Cell(text));
    }

    [Fact]
    public void A_line_is_semicolon_separated_crlf_with_a_bom_and_danish_numbers()
    {
        var bytes = new CsvWriter().Line("Center", "=1+1", Csv.Number(-1234.5m)).Line("I alt", null, Csv.Number(73m)).ToBytes();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("Center;'=1+1;-1234,5\r\nI alt;;73\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }

    [Theory]
    [InlineData("'=1+1", "=1+1")]
    [InlineData("'-2+3", "-2+3")]
    [InlineData("'Odense", "'Odense")]
    [InlineData("'-3", "'-3")]
    public void The_apostrophe_before_a_formula_is_taken_off_when_the_file_comes_back(string cell, string read)
    {
        Assert.Equal(read, Csv.Unescape(cell));
    }
}
