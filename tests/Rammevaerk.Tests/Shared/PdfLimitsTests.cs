using System.Diagnostics;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Shared;
using Rammevaerk.Tests.HostileInput.Corpus;

namespace Rammevaerk.Tests.Shared;

/// <summary>
/// The limits on the work one PDF may cause (Shared/PdfLimits.cs): real minutes and reports pass, bombs are refused
/// by a check whose own work is bounded, and the Danish answer names the limit.
/// </summary>
public class PdfLimitsTests
{
    [Fact]
    public void A_300_page_report_with_a_picture_on_every_page_passes_and_its_text_is_read()
    {
        var report = HostileFiles.Report(300);

        Assert.Null(PdfGuard.Check(report));
        var text = PdfText.Extract(report);
        Assert.Contains("Side 300, linje 50", text);
    }

    [Fact]
    public void A_pdf_bomb_of_1_GB_is_refused_quickly_naming_the_one_part_limit()
    {
        var bomb = HostileFiles.PdfBomb(1024L * 1024 * 1024);
        var clock = Stopwatch.StartNew();

        var problem = PdfGuard.Check(bomb);

        Assert.True(bomb.Length < 2 * 1024 * 1024, $"the bomb is {bomb.Length} bytes");
        Assert.Equal("en enkelt del af PDF-filen pakker sig ud til mere end 100 MB (grænsen for én del er 100 MB) – den ligner en såkaldt PDF-bombe og bliver ikke læst.", problem);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Fact]
    public void Many_parts_that_are_each_within_the_limit_are_refused_by_the_total()
    {
        var limits = new PdfLimits { MaxPartMegabytes = 100, MaxUnpackedMegabytes = 30 };

        var problem = PdfGuard.Check(HostileFiles.Report(200), limits);

        Assert.Contains("grænsen for udpakket indhold er 30 MB", problem);
    }

    [Fact]
    public void Pages_objects_and_time_are_limited_with_their_numbers_in_the_message()
    {
        Assert.Equal("PDF-filen har 2.001 sider (grænsen er 2.000 sider).", PdfGuard.CheckPages(2001));
        Assert.Null(PdfGuard.CheckPages(2000));
        Assert.Contains("objekter (grænsen er 1.000)", PdfGuard.Check(HostileFiles.ManyObjects(1500), new PdfLimits { MaxPdfObjects = 1000 }));
        Assert.Contains("sekunder", PdfGuard.Check(HostileFiles.PdfBomb(300L * 1024 * 1024), new PdfLimits { MaxPartMegabytes = 1000, MaxUnpackedMegabytes = 1000, MaxSeconds = 0 }));
    }

    [Fact]
    public void Text_extraction_refuses_a_bomb_with_a_Danish_message_instead_of_reading_it()
    {
        var e = Assert.Throws<PdfTextException>(() => PdfText.Extract(HostileFiles.PdfBomb(200L * 1024 * 1024, layers: 2)));

        Assert.StartsWith("En enkelt del af PDF-filen pakker sig ud til mere end 100 MB", e.Message);
    }
}
