using KpiSync.Kpis.Indicators;

namespace KpiSync.Tests.Kpis;

public sealed class ExplainNumberTests
{
    [Theory]
    [InlineData("0.9623571421413957556870528001", "0.962357")]
    [InlineData("28870.714264241872670611584003", "28870.714264")]
    [InlineData("1.1578947368421052631578947368", "1.157895")]
    [InlineData("1.5000000", "1.5")]
    [InlineData("3079.00", "3079.00")]
    [InlineData("0.2125", "0.2125")]
    [InlineData("-0.0000004", "0")]
    [InlineData("47000", "47000")]
    public void Format_MoreThanSixPlacesRounded_OthersAsStored(string stored, string shown) =>
        Assert.Equal(shown, ExplainNumber.Format(decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Format_Null_SaysNull() => Assert.Equal("null", ExplainNumber.Format(null));
}
