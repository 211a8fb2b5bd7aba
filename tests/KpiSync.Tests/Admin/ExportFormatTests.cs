using KpiSync.Admin.Exports;
using KpiSync.Storage;

namespace KpiSync.Tests.Admin;

public sealed class ExportFormatTests
{
    [Fact]
    public void PayrollCsv_BomSemicolonsDecimalComma_QuotesAndDefusesNames()
    {
        var bytes = PayrollCsv.Write([new StoredPayout(7, "=HYPERLINK(\"x\";1)", "2026-10", "Sales", 2, 1.1m, 50000m, 1234.5m, 100m, 51134.5m)]);
        var text = System.Text.Encoding.UTF8.GetString(bytes);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("\uFEFFemployee;crm_id;period;fixed;bonus;penalties;total;scheme;scheme_version\r\n\"'=HYPERLINK(\"\"x\"\";1)\";7;2026-10;50000,00;1234,50;100,00;51134,50;Sales;2\r\n", text);
        Assert.Equal("-12,30", PayrollCsv.Money(-12.3m));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void ColumnName_ZeroBasedIndex_A1Letters(int index, string expected) => Assert.Equal(expected, XlsxWriter.ColumnName(index));
}
