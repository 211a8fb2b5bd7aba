using KpiSync.Publishing;

namespace KpiSync.Tests.Publishing;

public sealed class FieldValuesTests
{
    [Theory]
    [InlineData("60000.00", "60000", true)]
    [InlineData("0.25", "0.2500", true)]
    [InlineData("0.25", "0.26", false)]
    [InlineData(null, null, true)]
    [InlineData("", null, true)]
    [InlineData(null, "0", false)]
    [InlineData("2026-10", "2026-10", true)]
    [InlineData("2026-10", "2026-11", false)]
    public void Same_CrmValueAndDesired_ComparesNumbersNumerically(string? crm, string? desired, bool same) =>
        Assert.Equal(same, FieldValues.Same(crm, desired));

    [Theory]
    [InlineData("60000.00", "60000")]
    [InlineData("0.2500", "0.25")]
    [InlineData("-12.5", "-12.5")]
    public void Format_Decimal_WritesInvariantWithoutTrailingZeros(string value, string expected) =>
        Assert.Equal(expected, FieldValues.Format(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
