using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace KpiSync.IntegrationTests.Support;

/// <summary>Reads the first sheet of an XLSX back with OpenXml: each row's cells by column letter, with the cell's
/// type, text (inline or shared string, or the number as written) and formula.</summary>
public static class XlsxReader
{
    public static List<Dictionary<string, XlsxCell>> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(row => row.Elements<Cell>().ToDictionary(
            c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()),
            c =>
            {
                var type = c.DataType?.Value;
                var text = type == CellValues.InlineString ? c.InlineString!.InnerText
                    : type == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : c.CellValue?.Text;
                return new XlsxCell(type == CellValues.InlineString || type == CellValues.SharedString ? "text" : text is null ? "empty" : "number", text, c.CellFormula?.Text);
            })).ToList();
    }
}

public sealed record XlsxCell(string Kind, string? Text, string? Formula)
{
    public decimal Number => decimal.Parse(Text!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
