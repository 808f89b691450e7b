using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rammevaerk.Reporting.Validation;
using Rammevaerk.Reporting.Workbook;
using static Rammevaerk.Tests.Reporting.Workbook.WorkbookTestData;

namespace Rammevaerk.Tests.Reporting.Workbook;

/// <summary>Files that must be refused with one clear Danish message, no offers and no exception.</summary>
public class ReportWorkbookBadInputTests
{
    private static ReportIssue Refused(byte[] bytes, WorkbookExpectation? expect = null)
    {
        var result = Read(bytes, expect);
        Assert.Empty(result.Offers);
        Assert.True(result.HasErrors);
        Assert.All(result.Problems, p => Assert.Equal(IssueSeverity.Error, p.Severity));
        Assert.All(result.Problems, p => Assert.DoesNotContain(" at Rammevaerk.", p.Message));
        return result.Problems[0];
    }

    [Fact]
    public void A_pdf_is_refused()
    {
        var problem = Refused(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"));
        Assert.StartsWith("Filen er en PDF-fil, ikke et Excel-regneark.", problem.Message);
        Assert.Equal(-1, problem.OfferIndex);
    }

    [Fact]
    public void An_old_xls_is_refused_with_advice_to_save_as_xlsx()
    {
        var problem = Refused(CompoundFile("Workbook", "\u0005SummaryInformation"));
        Assert.StartsWith("Filen er i det gamle Excel-format (.xls).", problem.Message);
    }

    [Fact]
    public void A_password_protected_xlsx_is_refused_with_advice_to_remove_the_password()
    {
        var problem = Refused(CompoundFile("EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"));
        Assert.StartsWith("Regnearket er beskyttet med adgangskode og kan derfor ikke læses. Fjern adgangskoden i Excel", problem.Message);
    }

    [Fact]
    public void Random_bytes_are_refused()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        bytes[0] = 0x01;
        Assert.StartsWith("Filen er ikke et Excel-regneark (.xlsx).", Refused(bytes).Message);
    }

    [Fact]
    public void A_csv_renamed_to_xlsx_is_refused()
    {
        var csv = Encoding.UTF8.GetBytes("Tilbud-id;Tilbuddets navn;Pladser\r\n101;Lunden;8\r\n102;Rønnebærhuset;4\r\n");
        Assert.StartsWith("Filen er en tekstfil (fx CSV), ikke et Excel-regneark", Refused(csv).Message);
    }

    [Fact]
    public void An_empty_file_and_a_word_document_are_refused()
    {
        Assert.StartsWith("Filen er tom.", Refused([]).Message);
        var docx = new MemoryStream();
        using (var zip = new ZipArchive(docx, ZipArchiveMode.Create, true))
        {
            zip.CreateEntry("[Content_Types].xml");
            zip.CreateEntry("word/document.xml");
        }
        Assert.StartsWith("Filen er et Word-dokument", Refused(docx.ToArray()).Message);
    }

    [Fact]
    public void A_workbook_of_another_template_version_is_refused()
    {
        var bytes = Edit(Written(), doc =>
        {
            var guide = Sheet(doc, "Vejledning");
            var cell = guide.Worksheet.Descendants<Cell>().Single(c => c.InlineString?.InnerText == "RV-2026.1");
            cell.InlineString = new InlineString(new Text("RV-2025.3"));
        });
        var problem = Refused(bytes);
        Assert.Equal("Regnearket er lavet med skabelonversion 'RV-2025.3', men indberetningen bruger version 'RV-2026.1'. " +
                     "Hent et nyt regneark på indberetningssiden, og skriv tallene ind i det.", problem.Message);
        Assert.StartsWith("Ark 'Vejledning', celle B", problem.Location);
    }

    [Fact]
    public void A_workbook_without_the_template_metadata_is_refused()
    {
        var bytes = Edit(Written(), doc =>
        {
            foreach (var c in Sheet(doc, "Vejledning").Worksheet.Descendants<Cell>().ToList()) c.Remove();
        });
        Assert.StartsWith("Regnearket er ikke indberetningsskabelonen", Refused(bytes).Message);
    }

    [Fact]
    public void A_workbook_for_another_round_operator_and_year_is_refused_with_one_message_each()
    {
        var result = Read(Written(), new WorkbookExpectation(8, 13, 2027, Lists) { OperatorName = "Vejen Kommune" });

        Assert.Empty(result.Offers);
        Assert.Equal(
        [
            "Regnearket hører til en anden indberetningsrunde (runde 7) end denne (runde 8). Hent regnearket til denne runde på indberetningssiden.",
            "Regnearket er til Billund Kommune (driftsherre-id 12), ikke til Vejen Kommune (id 13). Hent jeres eget regneark på indberetningssiden.",
            "Regnearket er til indberetningen for 2026, men denne indberetning er for 2027. Hent regnearket for 2027 på indberetningssiden.",
        ], result.Problems.Select(p => p.Message));
        Assert.All(result.Problems, p => Assert.StartsWith("Ark 'Vejledning', celle B", p.Location));
    }

    [Fact]
    public void Extra_sheets_are_named()
    {
        var bytes = Edit(Written(), doc =>
        {
            var wb = doc.WorkbookPart!;
            uint id = 5;
            foreach (var name in new[] { "Ark1", "Noter" })
            {
                var part = wb.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(new SheetData());
                wb.Workbook.Sheets!.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id++, Name = name });
            }
        });
        Assert.Equal("Regnearket har ark, som skabelonen ikke har: 'Ark1' og 'Noter'. Slet det eller flyt indholdet til et andet regneark, og upload igen. " +
                     "Arkene skal være Vejledning, Tilbud, Køberkommuner og Lister.", Refused(bytes).Message);
    }

    [Fact]
    public void A_moved_column_is_refused_by_its_header()
    {
        var bytes = Edit(Written(), doc => SetText(Sheet(doc, "Tilbud"), "P1", "Antal pladser"));
        var problem = Refused(bytes);
        Assert.StartsWith("Kolonneoverskriften i celle P1 på arket 'Tilbud' skal være 'Pladser' – der står 'Antal pladser'.", problem.Message);
        Assert.Equal("Ark 'Tilbud', celle P1", problem.Location);
    }

    [Fact]
    public void A_sheet_with_100000_rows_is_refused_quickly()
    {
        var bytes = Edit(Written([]), doc =>
        {
            var part = Sheet(doc, "Tilbud");
            using var writer = OpenXmlWriter.Create(part);
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            writer.WriteElement(new Row(
                new[] { "Tilbud-id", "Tilbuddets navn", "Adresse", "Postnr.", "By", "Tilbudsportalen-id", "Status", "Status fra", "Lukkedato",
                        "Afdelingsnr.", "Afdeling", "Ydelse-id", "Ydelse", "Paragraf", "Målgruppe", "Pladser", "Takst (kr.)", "Takstenhed",
                        "Takstår", "Serviceniveau (timer pr. borger pr. døgn)", "Omfattet af rammeaftalen", "Sidste års takst",
                        "Begrundelse for takstændring", "Bemærkning", "Afdeling-id" }
                .Select(h => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(h)) }))
            { RowIndex = 1 });
            for (uint r = 2; r <= 100_001; r++)
            {
                writer.WriteElement(new Row(
                    new Cell { CellReference = "B" + r, DataType = CellValues.InlineString, InlineString = new InlineString(new Text("Tilbud " + r)) },
                    new Cell { CellReference = "P" + r, CellValue = new CellValue((int)(r % 97)) })
                { RowIndex = r });
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
        Assert.True(bytes.Length < 10 * 1024 * 1024, $"the test file is {bytes.Length} bytes");

        var watch = Stopwatch.StartNew();
        var problem = Refused(bytes);
        watch.Stop();

        Assert.Equal("Arket 'Tilbud' har mere end 5.000 udfyldte rækker, og regnearket bliver derfor ikke læst. Der må højst være 5.000 – " +
                     "er der kopieret noget forkert ind? Slet de overskydende rækker, og upload igen.", problem.Message);
        Assert.Equal("Ark 'Tilbud', række 5002", problem.Location);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_compression_ratio()
    {
        var bytes = WithExtraEntry(Written(), "xl/media/image1.png", new byte[40 * 1024 * 1024]);
        var problem = Refused(bytes);
        Assert.StartsWith("Filen er pakket usædvanligt tæt (delen 'xl/media/image1.png' fylder", problem.Message);
        Assert.Contains("zip-bombe", problem.Message);
    }

    [Fact]
    public void A_zip_that_declares_more_than_the_total_limit_is_refused_before_anything_is_unpacked()
    {
        var bytes = WithExtraEntry(Written(), "xl/media/big.bin", Encoding.ASCII.GetBytes("small"));
        // Make the central directory declare 3 GB for the entry (what a bomb's directory says, or a lie about it).
        var name = Encoding.ASCII.GetBytes("xl/media/big.bin");
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == 0x02014B50 && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), 3_000_000_000);
            }
        }
        Assert.StartsWith("Filen pakker sig ud til mere end 100 MB og bliver derfor ikke læst", Refused(bytes).Message);
    }

    [Fact]
    public void An_upload_over_10_mb_is_refused_without_reading_it_all()
    {
        var stream = new CountingStream(11 * 1024 * 1024);
        var result = ReportWorkbook.Read(stream, Expectation);
        Assert.Empty(result.Offers);
        Assert.StartsWith("Filen er for stor. Et indberetningsregneark må højst fylde 10 MB.", Assert.Single(result.Problems).Message);
        Assert.True(stream.Position <= 10 * 1024 * 1024 + 1);
    }

    [Fact]
    public void A_truncated_xlsx_gives_a_message_not_an_exception()
    {
        var bytes = Written();
        var problem = Refused(bytes[..(bytes.Length / 2)]);
        Assert.Contains("beskadiget", problem.Message);
    }

    private static byte[] WithExtraEntry(byte[] xlsx, string name, byte[] content)
    {
        var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, true))
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            entry.Write(content);
        }
        return stream.ToArray();
    }

    /// <summary>A stream of zip-looking bytes that records how far it was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Position);
            for (var i = 0; i < n; i++) buffer[offset + i] = Position + i < 4 ? (byte)"PK\u0003\u0004"[(int)(Position + i)] : (byte)'x';
            Position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
