using System.Buffers.Binary;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rammevaerk.Offers;
using Rammevaerk.Reporting.Workbook;

namespace Rammevaerk.Tests.Reporting.Workbook;

/// <summary>A small report (Billund, four offers) and helpers to edit a written workbook the way a reporter would.</summary>
internal static class WorkbookTestData
{
    public static readonly IReadOnlyDictionary<int, string> Municipalities = new Dictionary<int, string>
    {
        [101] = "København", [430] = "Faaborg-Midtfyn", [461] = "Odense", [530] = "Billund", [561] = "Esbjerg",
        [573] = "Varde", [575] = "Vejen", [607] = "Fredericia", [621] = "Kolding",
    };

    public static readonly WorkbookLists Lists = WorkbookLists.Standard(Municipalities);

    public static readonly WorkbookHeader SampleHeader = new(7, 2026, 12, "Billund Kommune", "Region Syddanmark", new DateOnly(2027, 3, 1),
        "Husk at opdatere takster og pladser.\nKontakt sekretariatet ved spørgsmål.");

    /// <summary>Billund's round 7 for 2026, whose register holds the sample offers (their ids are Billund's own).</summary>
    public static WorkbookExpectation Expectation => new(7, 12, 2026, Lists) { OperatorName = "Billund Kommune", Owned = OwnedOf(SampleOffers()) };

    /// <summary>The ids of the given offers, as the register would hand them to the reader.</summary>
    public static Rammevaerk.Reporting.Validation.OwnedOffers OwnedOf(IEnumerable<OfferSnapshot> offers, string operatorName = "Billund Kommune") =>
        new(operatorName, offers.Where(o => o.OfferId is not null).SelectMany(o =>
            o.Departments.Count == 0
                ? [(o.OfferId!.Value, (int?)null, (int?)null)]
                : o.Departments.SelectMany(d => d.Services.Count == 0
                    ? [(o.OfferId!.Value, d.DepartmentId, (int?)null)]
                    : d.Services.Select(s => (o.OfferId!.Value, d.DepartmentId, s.ServiceId)))));

    /// <summary>
    /// Rows on "Tilbud": Lunden 2–4 (Bøgehuset 2–3, Æblehaven 4), Rønnebærhuset 5, Skovly 6 (a department without
    /// services), Solsikken 7–8.
    /// </summary>
    public static List<OfferSnapshot> SampleOffers() =>
    [
        new()
        {
            OfferId = 101, Name = "Lunden", OperatorId = 12, OperatorName = "Billund Kommune", Year = 2026,
            Address = "Ågade 3", PostalCode = "7190", City = "Billund", PortalId = "TP-4711",
            Status = OfferStatus.Active, StatusSince = new DateOnly(2019, 8, 1),
            Departments =
            [
                new()
                {
                    DepartmentId = 201, PortalKey = "A1", Name = "Bøgehuset",
                    Services =
                    [
                        new()
                        {
                            ServiceId = 301, Name = "Midlertidigt botilbud", LegalBases = ["SEL § 107"],
                            TargetGroups = ["Udviklingshæmning", "Erhvervet hjerneskade"], Places = 8, Rate = 2422m,
                            RateUnit = RateUnit.PerDay, RateYear = 2026, ServiceLevelHours = 8.4m, CoveredByAgreement = true,
                            RateChangeReason = "Fire nye pladser; større nattevagt", Comment = "Åbnet 1. maj",
                        },
                        new()
                        {
                            ServiceId = 302, Name = "Socialpædagogisk støtte", LegalBases = ["SEL § 85"],
                            TargetGroups = ["Sindslidelse"], Places = 12, Rate = 512.75m, RateUnit = RateUnit.PerHour,
                            RateYear = 2026, CoveredByAgreement = false,
                        },
                    ],
                },
                new()
                {
                    DepartmentId = 202, Name = "Æblehaven",
                    Services =
                    [
                        new()
                        {
                            ServiceId = 303, Name = "Længerevarende botilbud", LegalBases = ["SEL § 108", "ABL § 105"],
                            TargetGroups = ["Dobbeltdiagnose"], Places = 5, Rate = 1_234_567.89m, RateUnit = RateUnit.PerYear,
                            RateYear = 2025, ServiceLevelHours = 12.25m,
                        },
                    ],
                },
            ],
            Buyers =
            [
                new() { MunicipalityCode = 530, MunicipalityName = "Billund", Citizens = 5 },
                new() { MunicipalityCode = 561, MunicipalityName = "Esbjerg", Citizens = 2 },
            ],
        },
        new()
        {
            OfferId = 102, Name = "Rønnebærhuset", OperatorId = 12, OperatorName = "Billund Kommune", Year = 2026,
            Address = "Søndergade 12", PostalCode = "7200", City = "Grindsted",
            Status = OfferStatus.Closing, StatusSince = new DateOnly(2025, 1, 1), ClosingDate = new DateOnly(2026, 6, 30),
            Departments =
            [
                new()
                {
                    DepartmentId = 203, PortalKey = "R-7", Name = "Rønnebærhuset",
                    Services =
                    [
                        new()
                        {
                            ServiceId = 304, Name = "Aflastning", LegalBases = ["SEL § 84"], TargetGroups = ["Børn og unge med funktionsnedsættelse"],
                            Places = 4, Rate = 3150.5m, RateUnit = RateUnit.PerDay, RateYear = 2026, ServiceLevelHours = 10m,
                        },
                    ],
                },
            ],
            Buyers = [new() { MunicipalityCode = 575, MunicipalityName = "Vejen", Citizens = 1 }],
        },
        new()
        {
            OfferId = 103, Name = "Skovly", OperatorId = 12, OperatorName = "Billund Kommune", Year = 2026,
            Status = OfferStatus.Closed, ClosingDate = new DateOnly(2025, 12, 31),
            Departments = [new() { DepartmentId = 204, Name = "Skovly" }],
        },
        new()
        {
            OfferId = 104, Name = "Solsikken", OperatorId = 12, OperatorName = "Billund Kommune", Year = 2026,
            Address = "Vestergade 1", PostalCode = "0800", City = "Høje Taastrup", Status = OfferStatus.Active,
            Departments =
            [
                new()
                {
                    DepartmentId = 205, Name = "Solsikken",
                    Services =
                    [
                        new() { ServiceId = 305, Name = "Beskyttet beskæftigelse", LegalBases = ["SEL § 103"], TargetGroups = ["Udviklingshæmning"], Places = 30, Rate = 410m, RateUnit = RateUnit.PerDay, RateYear = 2026 },
                        new() { ServiceId = 306, Name = "Aktivitets- og samværstilbud", LegalBases = ["SEL § 104"], TargetGroups = ["Udviklingshæmning", "Autismespektrumforstyrrelse"], Places = 25, Rate = 395.25m, RateUnit = RateUnit.PerDay, RateYear = 2026 },
                    ],
                },
            ],
            Buyers = [new() { MunicipalityCode = 573, MunicipalityName = "Varde", Citizens = 7 }],
        },
    ];

    public static byte[] Written(IReadOnlyList<OfferSnapshot>? offers = null, WorkbookHeader? header = null) =>
        ReportWorkbook.Write(header ?? SampleHeader, offers ?? SampleOffers(), Lists);

    public static WorkbookReadResult Read(byte[] bytes, WorkbookExpectation? expect = null) =>
        ReportWorkbook.Read(new MemoryStream(bytes), expect ?? Expectation);

    /// <summary>Opens a copy of the workbook for editing, as Excel would, and returns the saved bytes.</summary>
    public static byte[] Edit(byte[] xlsx, Action<SpreadsheetDocument> change)
    {
        var stream = new MemoryStream();
        stream.Write(xlsx);
        stream.Position = 0;
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            change(doc); // AutoSave writes the parts that were loaded and changed when the document closes.
        }
        return stream.ToArray();
    }

    public static WorksheetPart Sheet(SpreadsheetDocument doc, string name)
    {
        var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!);
    }

    public static Cell CellAt(WorksheetPart part, string reference)
    {
        var data = part.Worksheet.GetFirstChild<SheetData>()!;
        var rowNumber = uint.Parse(new string(reference.Where(char.IsDigit).ToArray()));
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex! == rowNumber);
        if (row is null)
        {
            row = new Row { RowIndex = rowNumber };
            var after = data.Elements<Row>().LastOrDefault(r => r.RowIndex! < rowNumber);
            if (after is null) data.PrependChild(row); else after.InsertAfterSelf(row);
        }
        var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            var column = ColumnOf(reference);
            var before = row.Elements<Cell>().LastOrDefault(c => ColumnOf(c.CellReference!) < column);
            if (before is null) row.PrependChild(cell); else before.InsertAfterSelf(cell);
        }
        return cell;
    }

    private static int ColumnOf(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1));

    public static void SetText(WorksheetPart part, string reference, string text)
    {
        var cell = CellAt(part, reference);
        cell.CellFormula = null;
        cell.CellValue = null;
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new Text(text));
    }

    public static void SetNumber(WorksheetPart part, string reference, decimal value)
    {
        var cell = CellAt(part, reference);
        cell.InlineString = null;
        cell.CellFormula = null;
        cell.DataType = null;
        cell.CellValue = new CellValue(value);
    }

    /// <summary>A formula with the value Excel last calculated, as Excel saves it.</summary>
    public static void SetFormula(WorksheetPart part, string reference, string formula, decimal cached)
    {
        var cell = CellAt(part, reference);
        cell.InlineString = null;
        cell.DataType = null;
        cell.CellFormula = new CellFormula(formula);
        cell.CellValue = new CellValue(cached);
    }

    /// <summary>A formula without a calculated value, as openpyxl and other tools save one.</summary>
    public static void SetFormulaWithoutValue(WorksheetPart part, string reference, string formula)
    {
        var cell = CellAt(part, reference);
        cell.InlineString = null;
        cell.DataType = null;
        cell.CellFormula = new CellFormula(formula);
        cell.CellValue = null;
    }

    /// <summary>
    /// A minimal compound file (CFB v3, 512-byte sectors): header, one FAT sector, one directory sector naming the
    /// given streams. That is the container of an .xls file ("Workbook") and of a password-protected xlsx
    /// ("EncryptionInfo" and "EncryptedPackage").
    /// </summary>
    public static byte[] CompoundFile(params string[] streams)
    {
        if (streams.Length > 3) throw new ArgumentException("one directory sector holds the root and three streams");
        var bytes = new byte[512 * 3];
        var span = bytes.AsSpan();
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[0x18..], 0x3E);     // minor version
        BinaryPrimitives.WriteUInt16LittleEndian(span[0x1A..], 3);        // major version 3
        BinaryPrimitives.WriteUInt16LittleEndian(span[0x1C..], 0xFFFE);   // byte order
        BinaryPrimitives.WriteUInt16LittleEndian(span[0x1E..], 9);        // 512-byte sectors
        BinaryPrimitives.WriteUInt16LittleEndian(span[0x20..], 6);        // 64-byte mini sectors
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x2C..], 1);        // one FAT sector
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x30..], 1);        // directory starts at sector 1
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x38..], 4096);     // mini stream cut-off
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x3C..], 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x44..], 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(span[0x4C..], 0);        // DIFAT[0]: the FAT is sector 0
        for (var i = 1; i < 109; i++) BinaryPrimitives.WriteUInt32LittleEndian(span[(0x4C + 4 * i)..], 0xFFFFFFFF);
        var fat = span.Slice(512, 512);
        for (var i = 0; i < 128; i++) BinaryPrimitives.WriteUInt32LittleEndian(fat[(4 * i)..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0xFFFFFFFD);        // sector 0: FAT
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], 0xFFFFFFFE);   // sector 1: directory, end of chain
        var hasStreams = streams.Length > 0;
        static void Entry(Span<byte> dir, int index, string name, byte type, bool hasStreams)
        {
            var e = dir.Slice(index * 128, 128);
            Encoding.Unicode.GetBytes(name).CopyTo(e);
            BinaryPrimitives.WriteUInt16LittleEndian(e[0x40..], (ushort)((name.Length + 1) * 2));
            e[0x42] = type;
            BinaryPrimitives.WriteUInt32LittleEndian(e[0x44..], 0xFFFFFFFF); // left sibling
            BinaryPrimitives.WriteUInt32LittleEndian(e[0x48..], 0xFFFFFFFF); // right sibling
            BinaryPrimitives.WriteUInt32LittleEndian(e[0x4C..], index == 0 && hasStreams ? 1u : 0xFFFFFFFF); // child
            BinaryPrimitives.WriteUInt32LittleEndian(e[0x74..], 0xFFFFFFFE); // start sector: none
        }
        Entry(span.Slice(1024, 512), 0, "Root Entry", 5, hasStreams);
        for (var i = 0; i < streams.Length; i++) Entry(span.Slice(1024, 512), i + 1, streams[i], 2, hasStreams);
        return bytes;
    }
}
