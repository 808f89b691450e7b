namespace Rammevaerk.Tests.HostileInput.Corpus;

/// <summary>Every way a file enters the app; each has its page handlers (for the coverage test) and its corpus entries.</summary>
public enum UploadPath
{
    /// <summary>An agenda item's attachment (the secretariat).</summary>
    Attachment,
    /// <summary>A capacity notice's files (an operator; the new-notice and the edit page share the upload).</summary>
    CapacityNotice,
    /// <summary>A central announcement's report file (the secretariat).</summary>
    CentralAnnouncementFile,
    /// <summary>The answer to a follow-up letter (the secretariat).</summary>
    LetterAnswer,
    /// <summary>A statistics dataset's values as xlsx or CSV (the secretariat).</summary>
    StatisticsFile,
    /// <summary>An operator's reporting workbook.</summary>
    ReportWorkbook,
    /// <summary>Archived minutes: text, PDF, web pages, zip folders (the secretariat; read in the background).</summary>
    ArchiveImport,
    /// <summary>Danmarks Statistik's FOLK1A CSV of population by municipality (the secretariat; previewed before saving).</summary>
    PopulationCsv,
}

/// <summary>
/// One hostile or careless file and the Danish answer it must get. <paramref name="Expected"/> is text the answer
/// shows; a refused file changes nothing. <paramref name="Accepted"/>: the file is taken, under the shown name.
/// </summary>
public sealed record BadFile(string Name, UploadPath Path, string FileName, Func<byte[]> Bytes, string Expected, bool Accepted = false)
{
    public override string ToString() => $"{Path}: {Name}";
}

/// <summary>
/// The bad-input corpus of issue 16 for files: bombs of every kind (PDF streams, zip/xlsx/docx, XML entities),
/// polyglots, encrypted, broken and huge files, lying types and hostile names, each on the upload paths it threatens,
/// with the Danish answer expected. Form values (tampered ids, formulas, control characters, over-long text) are the
/// other half: <see cref="FormValues"/>, sent to every form by the form-walking tests.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>The handlers that take a file, per path ("PageModel.Handler" or "PageModel.Property" for bound lists).</summary>
    public static readonly IReadOnlyDictionary<UploadPath, string[]> Handlers = new Dictionary<UploadPath, string[]>
    {
        [UploadPath.Attachment] = ["Rammevaerk.Meetings.Authoring.ItemModel.OnPostUploadAsync"],
        // The edit page of a notice binds the same Uploads list through the same base and CapacityService.Inspect.
        [UploadPath.CapacityNotice] = ["Rammevaerk.Capacity.NewModel.Uploads", "Rammevaerk.Capacity.NoticeModel.Uploads"],
        [UploadPath.CentralAnnouncementFile] = ["Rammevaerk.CentralAnnouncements.Admin.EditModel.OnPostUploadAsync"],
        [UploadPath.LetterAnswer] = ["Rammevaerk.FollowUps.Admin.LetterModel.OnPostAnswerAsync"],
        [UploadPath.StatisticsFile] = ["Rammevaerk.Statistics.Admin.EditModel.OnPostUploadAsync"],
        [UploadPath.ReportWorkbook] = ["Rammevaerk.Reporting.Operators.ReportModel.OnPostUploadAsync"],
        [UploadPath.ArchiveImport] = ["Rammevaerk.Meetings.Import.UploadModel.OnPostAsync"],
        [UploadPath.PopulationCsv] = ["Rammevaerk.Municipalities.Admin.PopulationModel.OnPostPreviewAsync"],
    };

    private const long Bomb = 150L * 1024 * 1024; // over the 100 MB one-part limit; the bench uses the full 1 GB
    private const string PdfBomb = "den ligner en såkaldt PDF-bombe";
    private const string ZipBomb = "zip-bombe";
    private const string XmlBomb = "XML-bombe";

    public static readonly IReadOnlyList<BadFile> Files =
    [
        // --- Attachments of agenda items -------------------------------------------------------------------------
        new("PDF bomb, 150 MB in one stream", UploadPath.Attachment, "budget.pdf", () => HostileFiles.PdfBomb(Bomb), PdfBomb),
        new("PDF bomb, compressed twice", UploadPath.Attachment, "budget2.pdf", () => HostileFiles.PdfBomb(Bomb, layers: 2), PdfBomb),
        new("PDF of 2.001 pages", UploadPath.Attachment, "sider.pdf", () => HostileFiles.ManyPages(2001), "sider (grænsen er 2.000 sider)"),
        new("PDF of 510.000 objects", UploadPath.Attachment, "objekter.pdf", () => HostileFiles.ManyObjects(510_000), "objekter (grænsen er 500.000)"),
        new("PDF with a zip appended (polyglot)", UploadPath.Attachment, "notat.pdf", HostileFiles.PdfZipPolyglot, "både en PDF-fil og en zip-fil"),
        new("docx with a PDF header in it (polyglot)", UploadPath.Attachment, "notat.docx", HostileFiles.DocxPdfPolyglot, "både en zip-fil og en PDF-fil"),
        new("docx zip bomb", UploadPath.Attachment, "stor.docx", () => HostileFiles.OfficeZipBomb("word/document.xml", 20L * 1024 * 1024), ZipBomb),
        new("xlsx zip bomb", UploadPath.Attachment, "stor.xlsx", () => HostileFiles.OfficeZipBomb("xl/workbook.xml", 20L * 1024 * 1024), ZipBomb),
        new("pptx zip bomb", UploadPath.Attachment, "stor.pptx", () => HostileFiles.OfficeZipBomb("ppt/presentation.xml", 20L * 1024 * 1024), ZipBomb),
        new("docx XML entity bomb", UploadPath.Attachment, "lol.docx", () => HostileFiles.XmlEntityBomb("word/document.xml"), XmlBomb),
        new("xlsx XML entity bomb", UploadPath.Attachment, "lol.xlsx", () => HostileFiles.XmlEntityBomb("xl/workbook.xml"), XmlBomb),
        new("docx of 5.000 parts", UploadPath.Attachment, "dele.docx", () => HostileFiles.ManyParts("word/document.xml", 5000), "dele – langt flere end"),
        new("password-protected docx", UploadPath.Attachment, "hemmelig.docx", HostileFiles.EncryptedOffice, "beskyttet med adgangskode"),
        new("password-protected xlsx", UploadPath.Attachment, "hemmelig.xlsx", HostileFiles.EncryptedOffice, "beskyttet med adgangskode"),
        new("old .doc renamed docx", UploadPath.Attachment, "gammel.docx", () => HostileFiles.OldOffice("WordDocument"), "gammelt Office-format"),
        new("program renamed pdf", UploadPath.Attachment, "faktura.pdf", HostileFiles.Exe, "hedder .pdf, men indholdet er ikke en PDF-fil"),
        new("web page with script renamed pdf", UploadPath.Attachment, "side.pdf", HostileFiles.Html, "hedder .pdf, men indholdet er ikke en PDF-fil"),
        new("PDF renamed docx", UploadPath.Attachment, "notat.docx", () => HostileFiles.Pdf(), "hedder .docx"),
        new("CSV renamed xlsx", UploadPath.Attachment, "tal.xlsx", HostileFiles.Csv, "hedder .xlsx, men indholdet er ikke"),
        new("SVG with script", UploadPath.Attachment, "logo.svg", HostileFiles.Svg, "har typen '.svg'"),
        new("double extension .pdf.exe", UploadPath.Attachment, "referat.pdf.exe", HostileFiles.Exe, "har typen '.exe'"),
        new("no extension", UploadPath.Attachment, "referat", () => HostileFiles.Pdf(), "har typen '(ingen)'"),
        new("empty file", UploadPath.Attachment, "tom.pdf", () => [], "er tom"),
        new("26 MB file", UploadPath.Attachment, "kæmpe.pdf", () => [.. HostileFiles.Pdf(), .. new byte[26 * 1024 * 1024]], "grænsen er"),
        new("random bytes named pdf", UploadPath.Attachment, "støj.pdf", () => HostileFiles.RandomBytes(4096), "hedder .pdf, men indholdet er ikke en PDF-fil"),
        new("right-to-left override in the name", UploadPath.Attachment, "Faktura\u202Excod.pdf", () => HostileFiles.Pdf(), "Fakturaxcod.pdf", Accepted: true),
        new("path in the name", UploadPath.Attachment, "..\\..\\Windows\\system.ini\\Bilag 7.pdf", () => HostileFiles.Pdf(), "Bilag 7.pdf", Accepted: true),
        new("control characters and line breaks in the name", UploadPath.Attachment, "Bilag\u0007\r\n8\u200B.pdf", () => HostileFiles.Pdf(), "Bilag 8.pdf", Accepted: true),

        // --- Capacity notices (operators) ---------------------------------------------------------------------
        new("PDF bomb", UploadPath.CapacityNotice, "orientering.pdf", () => HostileFiles.PdfBomb(Bomb), PdfBomb),
        new("PDF of 2.001 pages", UploadPath.CapacityNotice, "sider.pdf", () => HostileFiles.ManyPages(2001), "grænsen er 2.000 sider"),
        new("PDF/zip polyglot", UploadPath.CapacityNotice, "orientering.pdf", HostileFiles.PdfZipPolyglot, "polyglot"),
        new("docx XML entity bomb", UploadPath.CapacityNotice, "notat.docx", () => HostileFiles.XmlEntityBomb("word/document.xml"), XmlBomb),
        new("xlsx zip bomb", UploadPath.CapacityNotice, "tal.xlsx", () => HostileFiles.OfficeZipBomb("xl/workbook.xml", 20L * 1024 * 1024), ZipBomb),
        new("password-protected docx", UploadPath.CapacityNotice, "hemmelig.docx", HostileFiles.EncryptedOffice, "beskyttet med adgangskode"),
        new("program renamed pdf", UploadPath.CapacityNotice, "orientering.pdf", HostileFiles.Exe, "hedder .pdf, men indholdet er ikke en PDF-fil"),
        new("HTML file", UploadPath.CapacityNotice, "side.html", HostileFiles.Html, "har typen '.html'"),
        new("11 MB file", UploadPath.CapacityNotice, "stor.pdf", () => [.. HostileFiles.Pdf(), .. new byte[11 * 1024 * 1024]], "grænsen er"),

        // --- Central announcements -----------------------------------------------------------------------------
        new("PDF bomb", UploadPath.CentralAnnouncementFile, "afrapportering.pdf", () => HostileFiles.PdfBomb(Bomb), PdfBomb),
        new("PDF of 510.000 objects", UploadPath.CentralAnnouncementFile, "objekter.pdf", () => HostileFiles.ManyObjects(510_000), "objekter (grænsen er 500.000)"),
        new("docx polyglot", UploadPath.CentralAnnouncementFile, "afrapportering.docx", HostileFiles.DocxPdfPolyglot, "polyglot"),
        new("docx zip bomb", UploadPath.CentralAnnouncementFile, "afrapportering.docx", () => HostileFiles.OfficeZipBomb("word/document.xml", 20L * 1024 * 1024), ZipBomb),
        new("old .xls", UploadPath.CentralAnnouncementFile, "tal.xlsx", () => HostileFiles.OldOffice("Workbook"), "gammelt Office-format"),
        new("web page renamed pdf", UploadPath.CentralAnnouncementFile, "afrapportering.pdf", HostileFiles.Html, "men indholdet er ikke en PDF-fil"),
        new("right-to-left override in the name", UploadPath.CentralAnnouncementFile, "Afrapportering\u202Excod.pdf", () => HostileFiles.Pdf(), "Afrapporteringxcod.pdf", Accepted: true),

        // --- Answers to follow-up letters ----------------------------------------------------------------------
        new("PDF bomb", UploadPath.LetterAnswer, "svar.pdf", () => HostileFiles.PdfBomb(Bomb), PdfBomb),
        new("PDF bomb, compressed twice", UploadPath.LetterAnswer, "svar.pdf", () => HostileFiles.PdfBomb(Bomb, layers: 2), PdfBomb),
        new("docx XML entity bomb", UploadPath.LetterAnswer, "svar.docx", () => HostileFiles.XmlEntityBomb("word/document.xml"), XmlBomb),
        new("password-protected docx", UploadPath.LetterAnswer, "svar.docx", HostileFiles.EncryptedOffice, "beskyttet med adgangskode"),
        new("program renamed pdf", UploadPath.LetterAnswer, "svar.pdf", HostileFiles.Exe, "men indholdet er ikke en PDF-fil"),
        new("bidi isolates in the name", UploadPath.LetterAnswer, "Svar\u2067fra\u2069 ministeriet.pdf", () => HostileFiles.Pdf(), "Svarfra ministeriet.pdf", Accepted: true),

        // --- Statistics files ----------------------------------------------------------------------------------
        new("binary renamed csv", UploadPath.PopulationCsv, "folk1a.csv", HostileFiles.Exe, "Fil: filen er ikke tekst"),
        new("PDF", UploadPath.PopulationCsv, "folk1a.pdf", () => HostileFiles.Pdf(), "Fil: vælg en .csv-fil"),
        new("xlsx renamed nothing", UploadPath.PopulationCsv, "folk1a.xlsx", HostileFiles.Docx, "Fil: vælg en .csv-fil"),
        new("huge CSV", UploadPath.PopulationCsv, "folk1a.csv", () => System.Text.Encoding.UTF8.GetBytes(new string('1', 1_100_000)), "filen er for stor (højst 1 MB)"),
        new("CSV with formulas and no municipality", UploadPath.PopulationCsv, "folk1a.csv",
            () => System.Text.Encoding.UTF8.GetBytes(";;;;;2025K1\n=HYPERLINK(\"http://x\");I alt;I alt;I alt;;@SUM(1)\n"), "Intet er gemt"),
        new("xlsx zip bomb", UploadPath.StatisticsFile, "tal.xlsx", () => HostileFiles.OfficeZipBomb("xl/workbook.xml", 20L * 1024 * 1024), ZipBomb),
        new("xlsx XML entity bomb", UploadPath.StatisticsFile, "tal.xlsx", () => HostileFiles.XmlEntityBomb("xl/workbook.xml"), XmlBomb),
        new("password-protected xlsx", UploadPath.StatisticsFile, "tal.xlsx", HostileFiles.EncryptedOffice, "ikke et Excel-regneark"),
        new("docx renamed xlsx", UploadPath.StatisticsFile, "tal.xlsx", HostileFiles.Docx, "Word-dokument"),
        new("binary renamed csv", UploadPath.StatisticsFile, "tal.csv", HostileFiles.Exe, "ikke en tekstfil"),
        new("PDF", UploadPath.StatisticsFile, "tal.pdf", () => HostileFiles.Pdf(), "Vælg en Excel-fil (.xlsx) eller en CSV-fil (.csv)."),

        // --- Reporting workbooks -------------------------------------------------------------------------------
        new("xlsx zip bomb", UploadPath.ReportWorkbook, "indberetning.xlsx", () => HostileFiles.OfficeZipBomb("xl/workbook.xml", 20L * 1024 * 1024), ZipBomb),
        new("xlsx XML entity bomb", UploadPath.ReportWorkbook, "indberetning.xlsx", () => HostileFiles.XmlEntityBomb("xl/workbook.xml"), XmlBomb),
        new("xlsx of 5.000 parts", UploadPath.ReportWorkbook, "indberetning.xlsx", () => HostileFiles.ManyParts("xl/workbook.xml", 5000), "dele – langt flere end"),
        new("password-protected xlsx", UploadPath.ReportWorkbook, "indberetning.xlsx", HostileFiles.EncryptedOffice, "beskyttet med adgangskode"),
        new("old .xls", UploadPath.ReportWorkbook, "indberetning.xls", () => HostileFiles.OldOffice("Workbook"), "gamle Excel-format"),
        new("PDF", UploadPath.ReportWorkbook, "indberetning.xlsx", () => HostileFiles.Pdf(), "Filen er en PDF-fil, ikke et Excel-regneark"),
        new("Word document", UploadPath.ReportWorkbook, "indberetning.xlsx", HostileFiles.Docx, "Word-dokument"),
        new("xlsx/PDF polyglot", UploadPath.ReportWorkbook, "indberetning.xlsx", HostileFiles.PdfZipPolyglot, "PDF-fil"),

        // --- Archive import (read in the background; the answer is on the import's page) ----------------------
        new("PDF bomb", UploadPath.ArchiveImport, "referat.pdf", () => HostileFiles.PdfBomb(Bomb), PdfBomb),
        new("PDF bomb, compressed twice", UploadPath.ArchiveImport, "referat2.pdf", () => HostileFiles.PdfBomb(Bomb, layers: 2), PdfBomb),
        new("PDF of 600 pages", UploadPath.ArchiveImport, "referat3.pdf", () => HostileFiles.ManyPages(600), "et referat har højst 500"),
        new("encrypted PDF", UploadPath.ArchiveImport, "referat4.pdf", HostileFiles.EncryptedPdf, "krypteret"),
        new("broken PDF", UploadPath.ArchiveImport, "referat5.pdf", HostileFiles.BrokenPdf, "ødelagt"),
        new("zip bomb folder", UploadPath.ArchiveImport, "mappe.zip", () => HostileFiles.PlainZipBomb(40L * 1024 * 1024), "zip-bombe"),
        new("program renamed txt", UploadPath.ArchiveImport, "referat.txt", HostileFiles.Exe, "binære data"),
        new("Word document", UploadPath.ArchiveImport, "referat.docx", HostileFiles.Docx, "Office-fil"),
    ];

    /// <summary>
    /// The form-value half of the corpus, sent by the form-walking tests to every form that has such a field:
    /// <see cref="FormTamperingTests"/> (ids), <see cref="ExportTests"/> (formulas), <see cref="OverlongTextTests"/>
    /// (length). Listed here so that the corpus is one place; each is a value and the answer expected.
    /// </summary>
    public static readonly IReadOnlyList<(string Value, string Expected)> FormValues =
    [
        ("987654 (an id no object has)", "findes ikke / refused, nothing saved"),
        ("another municipality's offer id", "refused, nothing saved"),
        ("-1", "refused, nothing saved"),
        ("=HYPERLINK(\"http://x\",\"klik\")", "CSV cell written as '=HYPERLINK…"),
        ("+SUM(1,1)", "CSV cell written as '+SUM…"),
        ("-2+3", "CSV cell written as '-2+3"),
        ("@cmd", "CSV cell written as '@cmd"),
        ("\tTAB=1", "CSV cell written with an apostrophe"),
        ("1.000.000 characters in a text field", "kept as typed, the limit named"),
        ("the same form twice (one-time token)", "one thing made, the second shown it"),
    ];
}
