using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;
using S = DocumentFormat.OpenXml.Spreadsheet;
using P = DocumentFormat.OpenXml.Presentation;
using A = DocumentFormat.OpenXml.Drawing;

namespace Rammevaerk.Tests.Publication;

/// <summary>Small real attachments for the check: PDFs with text on several lines, Word files with a header, a workbook, slides.</summary>
public static class TestFiles
{
    /// <summary>A one-page PDF with each string on its own line (a text line break, as a PDF splits a number).</summary>
    public static byte[] PdfWithLines(params string[] lines) => Rammevaerk.Demo.MinimalPdf.Pages([lines]);

    /// <summary>A Word file with <paramref name="body"/> in the body and <paramref name="header"/> in the page header.</summary>
    public static byte[] DocxWithHeader(string body, string header)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var headerPart = main.AddNewPart<HeaderPart>();
            headerPart.Header = new W.Header(new W.Paragraph(new W.Run(new W.Text(header))));
            var headerId = main.GetIdOfPart(headerPart);
            main.Document = new W.Document(new W.Body(
                new W.Paragraph(new W.Run(new W.Text(body))),
                new W.SectionProperties(new W.HeaderReference { Type = W.HeaderFooterValues.Default, Id = headerId })));
        }
        return ms.ToArray();
    }

    /// <summary>A workbook with one sheet whose first row holds the cells as text.</summary>
    public static byte[] Xlsx(params string[] cells)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new S.Workbook();
            var sheetPart = book.AddNewPart<WorksheetPart>();
            var row = new S.Row { RowIndex = 1 };
            foreach (var c in cells) row.Append(new S.Cell { DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(c)) });
            sheetPart.Worksheet = new S.Worksheet(new S.SheetData(row));
            book.Workbook.AppendChild(new S.Sheets(new S.Sheet { Id = book.GetIdOfPart(sheetPart), SheetId = 1, Name = "Ark1" }));
        }
        return ms.ToArray();
    }

    /// <summary>A presentation with one slide carrying <paramref name="text"/>.</summary>
    public static byte[] Pptx(string text)
    {
        using var ms = new MemoryStream();
        using (var doc = PresentationDocument.Create(ms, PresentationDocumentType.Presentation))
        {
            var presentation = doc.AddPresentationPart();
            presentation.Presentation = new P.Presentation();
            var slidePart = presentation.AddNewPart<SlidePart>();
            slidePart.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(
                new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                new P.GroupShapeProperties(),
                new P.Shape(
                    new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = 2, Name = "Tekst" }, new P.NonVisualShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                    new P.ShapeProperties(),
                    new P.TextBody(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.Text(text))))))));
            presentation.Presentation.SlideIdList = new P.SlideIdList(new P.SlideId { Id = 256, RelationshipId = presentation.GetIdOfPart(slidePart) });
        }
        return ms.ToArray();
    }
}
