using Rammevaerk.Offers;

namespace Rammevaerk.Reporting.Workbook;

/// <summary>
/// The annual-report workbook an operator downloads pre-filled, edits offline and uploads again.
/// <list type="bullet">
/// <item>"Vejledning": title, deadline, the secretariat's instructions, how to fill in, and the template metadata
/// (version, round, operator, year) the upload is checked against.</item>
/// <item>"Tilbud": one row per service, offer-level columns repeated on each row of the offer; grey id columns
/// (Tilbud-id, Ydelse-id, the hidden Afdeling-id) map rows back to the register. A new offer is an empty row filled
/// in without a Tilbud-id.</item>
/// <item>"Køberkommuner": offer id and name, buying municipality, number of citizens.</item>
/// <item>"Lister": the values of the drop-downs on "Tilbud" and "Køberkommuner".</item>
/// </list>
/// Written and read with DocumentFormat.OpenXml; reading streams the sheets (OpenXmlReader) after the upload has
/// been checked for size, file type, password protection and zip-bomb ratios.
/// </summary>
public static class ReportWorkbook
{
    /// <summary>The layout version written into every workbook (<see cref="WorkbookHeader.TemplateVersion"/>).</summary>
    public const string TemplateVersion = WorkbookHeader.TemplateVersion;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Writes the pre-filled workbook for one operator's report to <paramref name="output"/> (any writable stream;
    /// a stream that cannot seek, such as a response body, gets the finished file copied into it).
    /// </summary>
    public static void Write(Stream output, WorkbookHeader header, IReadOnlyList<OfferSnapshot> offers, WorkbookLists lists)
    {
        if (output.CanSeek && output.CanRead)
        {
            WorkbookWriter.Write(output, header, offers, lists);
            return;
        }
        using var buffer = new MemoryStream();
        WorkbookWriter.Write(buffer, header, offers, lists);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>The pre-filled workbook as bytes.</summary>
    public static byte[] Write(WorkbookHeader header, IReadOnlyList<OfferSnapshot> offers, WorkbookLists lists)
    {
        using var stream = new MemoryStream();
        Write(stream, header, offers, lists);
        return stream.ToArray();
    }

    /// <summary>
    /// Reads an uploaded workbook. Never throws for bad input: every problem is a Danish message in
    /// <see cref="WorkbookReadResult.Problems"/>, and when there is one no offers are returned (import nothing).
    /// </summary>
    public static WorkbookReadResult Read(Stream input, WorkbookExpectation expect) => WorkbookReader.Read(input, expect);

    /// <summary>A file name for the download: "Indberetning 2026 Billund Kommune.xlsx".</summary>
    public static string FileName(WorkbookHeader header)
    {
        var clean = new string(header.OperatorName.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '_').ToArray()).Trim();
        return $"Indberetning {header.Year} {(clean.Length == 0 ? "driftsherre" : clean)}.xlsx";
    }
}
