namespace KpiSync.Admin.Exports;

/// <summary>A worksheet column: its header and how its cells are written (money gets <c>#,##0.00</c> and a sum in the totals row).</summary>
internal sealed record XlsxColumn(string Header, XlsxKind Kind, double Width = 14);

internal enum XlsxKind
{
    Text,
    Number,
    Money,
}
