using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace KpiSync.Admin.Exports;

/// <summary>
/// One-sheet XLSX workbooks with DocumentFormat.OpenXml (no ClosedXML here): a bold, frozen header row; numbers as
/// numeric cells (never text, so 1C and Excel sum them); text as inline strings (never formulas, so a CRM name like
/// <c>=HYPERLINK(…)</c> stays text); and optionally a totals row whose money columns hold a <c>SUM</c> with its value cached,
/// and a bold banner line above the header (e.g. that the figures are provisional).
/// </summary>
internal static class XlsxWriter
{
    private const uint Bold = 1;
    private const uint Money = 2;
    private const uint BoldMoney = 3;

    public static byte[] Write(string sheetName, IReadOnlyList<XlsxColumn> columns, IReadOnlyList<object?[]> rows, string? totalsLabel, string? banner = null)
    {
        var top = banner is null ? 1u : 2u;
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            if (banner is not null)
            {
                data.Append(new Row(Text(1, 0, banner, Bold)) { RowIndex = 1 });
            }

            data.Append(HeaderRow(top, columns));
            for (var i = 0; i < rows.Count; i++)
            {
                data.Append(DataRow((uint)i + top + 1, columns, rows[i]));
            }

            if (totalsLabel is not null)
            {
                data.Append(TotalsRow((uint)rows.Count + top + 1, top + 1, columns, rows, totalsLabel));
            }

            var frozen = new SheetView(new Pane { VerticalSplit = top, TopLeftCell = Ref(top + 1, 0), ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            {
                WorkbookViewId = 0, TabSelected = true,
            };
            var widths = new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true }));
            sheet.Worksheet = new Worksheet(new SheetViews(frozen), widths, data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(sheetName) }));
        }

        return stream.ToArray();
    }

    /// <summary>A1-style column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    private static Row HeaderRow(uint r, IReadOnlyList<XlsxColumn> columns) =>
        new(columns.Select((c, i) => Text(r, i, c.Header, Bold))) { RowIndex = r };

    private static Row DataRow(uint r, IReadOnlyList<XlsxColumn> columns, object?[] values)
    {
        var row = new Row { RowIndex = r };
        for (var i = 0; i < columns.Count; i++)
        {
            var value = i < values.Length ? values[i] : null;
            row.Append(value switch
            {
                null => new Cell { CellReference = Ref(r, i) },
                string s => Text(r, i, s, 0),
                _ => Number(r, i, Convert.ToDecimal(value, CultureInfo.InvariantCulture), columns[i].Kind == XlsxKind.Money ? Money : 0),
            });
        }

        return row;
    }

    private static Row TotalsRow(uint r, uint first, IReadOnlyList<XlsxColumn> columns, IReadOnlyList<object?[]> rows, string label)
    {
        var row = new Row { RowIndex = r };
        row.Append(Text(r, 0, label, Bold));
        for (var i = 1; i < columns.Count; i++)
        {
            if (columns[i].Kind != XlsxKind.Money)
            {
                continue;
            }

            var sum = rows.Sum(v => i < v.Length && v[i] is { } x ? Convert.ToDecimal(x, CultureInfo.InvariantCulture) : 0m);
            var cell = Number(r, i, sum, BoldMoney);
            cell.CellFormula = new CellFormula(string.Create(CultureInfo.InvariantCulture, $"SUM({ColumnName(i)}{first}:{ColumnName(i)}{Math.Max(r - 1, first)})"));
            row.Append(cell);
        }

        return row;
    }

    private static Cell Text(uint r, int column, string text, uint style) => new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = Ref(r, column), DataType = CellValues.InlineString, StyleIndex = style,
    };

    private static Cell Number(uint r, int column, decimal value, uint style) => new()
    {
        CellReference = Ref(r, column), DataType = CellValues.Number, StyleIndex = style,
        CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)),
    };

    private static string Ref(uint r, int column) => ColumnName(column) + r.ToString(CultureInfo.InvariantCulture);

    /// <summary>Excel's rules: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(ch => "[]:*?/\\".Contains(ch, StringComparison.Ordinal) ? '-' : ch).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>Cell formats: 0 general, 1 bold, 2 money (built-in #,##0.00), 3 bold money.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, FontId = 1, ApplyNumberFormat = true, ApplyFont = true }) { Count = 4 });
}
